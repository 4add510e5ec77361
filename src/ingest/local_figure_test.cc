// Tests of checking a typed figure of a local measure: the rules of a data file's row, each
// problem named by its field.
#include "ingest/local_figure.h"

#include <gtest/gtest.h>

namespace waymark::ingest {
namespace {

Indicator SurveyIndicator() {
  Indicator i;
  i.id = "survey";
  i.value_type = ValueType::kProportion;
  i.local = true;
  i.owner = "voice-of-the-child";
  return i;
}

const std::unordered_set<std::string> kCouncilAndWard = {"E09000003", "E05000043"};

LocalFigureInput Good() { return {"E09000003", "2024/25", "57.5", "115", "200", "Spring wave"}; }

std::vector<std::string> Fields(const LocalFigureCheck& check) {
  std::vector<std::string> out;
  for (const FieldError& e : check.errors) out.push_back(e.field);
  return out;
}

TEST(LocalFigureTest, AGoodFigureBecomesTheObservationAnImportWouldMake) {
  const auto check = CheckLocalFigure(SurveyIndicator(), Good(), kCouncilAndWard);
  ASSERT_TRUE(check.errors.empty()) << check.errors[0].message;
  const Observation& o = check.observation;
  EXPECT_EQ(o.indicator, "survey");
  EXPECT_EQ(o.area, "E09000003");
  EXPECT_EQ(o.period.Label(), "2024/25");
  EXPECT_DOUBLE_EQ(o.value, 57.5);
  EXPECT_DOUBLE_EQ(o.count, 115);
  EXPECT_DOUBLE_EQ(o.denominator, 200);
  EXPECT_EQ(o.note, "Spring wave");
  EXPECT_EQ(o.breakdown, Breakdown{});
  EXPECT_EQ(o.source_row, 1);
}

TEST(LocalFigureTest, CountAndDenominatorAreOptionalAndSpacesAreTrimmed) {
  const auto check = CheckLocalFigure(
      SurveyIndicator(), {" E05000043 ", " 2024 ", " -3 ", "", "", ""}, kCouncilAndWard);
  ASSERT_TRUE(check.errors.empty());
  EXPECT_EQ(check.observation.area, "E05000043");
  EXPECT_DOUBLE_EQ(check.observation.value, -3);
  EXPECT_TRUE(std::isnan(check.observation.count));
  EXPECT_TRUE(std::isnan(check.observation.denominator));
}

TEST(LocalFigureTest, EachBadNumberIsAProblemOfItsField) {
  for (const char* bad : {"1e999", "NaN", "inf", "57%", "1,000", "x", "c"}) {
    LocalFigureInput input = Good();
    input.value = bad;
    const auto check = CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard);
    EXPECT_EQ(Fields(check), std::vector<std::string>{"value"}) << bad;
  }
  LocalFigureInput empty = Good();
  empty.value = " ";
  const auto missing = CheckLocalFigure(SurveyIndicator(), empty, kCouncilAndWard);
  ASSERT_EQ(Fields(missing), std::vector<std::string>{"value"});
  EXPECT_EQ(missing.errors[0].message, "Enter the value");
  LocalFigureInput negative = Good();
  negative.count = "-1";
  negative.denominator = "-2";
  EXPECT_EQ(Fields(CheckLocalFigure(SurveyIndicator(), negative, kCouncilAndWard)),
            (std::vector<std::string>{"count", "denominator"}));
}

TEST(LocalFigureTest, TheCountMayEqualButNotExceedTheDenominatorOfAProportion) {
  LocalFigureInput input = Good();
  input.count = "200";
  EXPECT_TRUE(CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard).errors.empty());
  input.count = "200.5";
  const auto over = CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard);
  ASSERT_EQ(Fields(over), std::vector<std::string>{"count"});
  EXPECT_NE(over.errors[0].message.find("must not be greater than the denominator"),
            std::string::npos);
  // A rate's count may exceed its denominator (events per person).
  Indicator rate = SurveyIndicator();
  rate.value_type = ValueType::kRate;
  EXPECT_TRUE(CheckLocalFigure(rate, input, kCouncilAndWard).errors.empty());
}

TEST(LocalFigureTest, AreaPeriodAndNoteAreChecked) {
  LocalFigureInput input = Good();
  input.area = "E09000007";
  input.period = "31/02/2024";
  input.note = std::string(501, 'n');
  const auto check = CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard, "figure-survey-");
  EXPECT_EQ(Fields(check), (std::vector<std::string>{"figure-survey-area", "figure-survey-period",
                                                     "figure-survey-note"}));
  input = Good();
  input.note = std::string(500, 'n');
  EXPECT_TRUE(CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard).errors.empty());
  input.note = "two\nlines";
  EXPECT_EQ(Fields(CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard)),
            std::vector<std::string>{"note"});
  input = Good();
  input.period = "";
  EXPECT_EQ(Fields(CheckLocalFigure(SurveyIndicator(), input, kCouncilAndWard)),
            std::vector<std::string>{"period"});
}

}  // namespace
}  // namespace waymark::ingest
