// Tests of the CSV exports: hostile text is neutralised against formula injection, numbers
// (negative ones too) are written unchanged, and every judgement's row has its own key.
#include "assess/export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assess/export_key_test_util.h"

namespace waymark::assess {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

// Fingertips' two sets of deprivation deciles, whose categories have the same names.
constexpr std::string_view kCounties =
    "County & UA deprivation deciles in England (IMD2019, 4/23 geography)";
constexpr std::string_view kDistricts =
    "District & UA deprivation deciles in England (IMD2019, 4/23 geography)";

Assessment Decile(std::string_view category_type, double value) {
  Assessment a;
  a.indicator = "child-injury-admissions";
  a.area = "E92000001";
  a.period = *ParsePeriod("2023/24");
  a.breakdown = {"Persons", "<15 yrs", std::string(category_type),
                 "Most deprived decile (IMD2019)"};
  a.value = value;
  return a;
}

TEST(ExportTest, BreakdownsThatDifferOnlyInCategoryTypeHaveTheirOwnRows) {
  const std::string csv =
      AssessmentsCsv({Decile(kCounties, 101.5), Decile(kDistricts, 97.25)});
  EXPECT_THAT(csv, StartsWith("indicator,area_code,period,sex,age,category_type,category,value,"));
  const auto table = stats::ParseCsv(csv);
  ASSERT_TRUE(table.has_value()) << table.error().ToString();
  ASSERT_THAT(table->rows, SizeIs(2));
  const std::size_t type = *table->Column("category_type");
  const std::size_t value = *table->Column("value");
  EXPECT_EQ(table->rows[0].fields[type], kCounties);
  EXPECT_EQ(table->rows[0].fields[value], "101.5");
  EXPECT_EQ(table->rows[1].fields[type], kDistricts);
  EXPECT_EQ(table->rows[1].fields[value], "97.25");
  EXPECT_THAT(RepeatedKeys(csv, kAssessmentKey), IsEmpty());
  // Without the category type the two rows could not be told apart.
  std::vector<std::string> without_type = kAssessmentKey;
  std::erase(without_type, "category_type");
  EXPECT_THAT(RepeatedKeys(csv, without_type),
              ElementsAre(HasSubstr("line 3 repeats the key of line 2")));
}

TEST(ExportTest, RepeatedKeysFindsTheSameJudgementTwiceAndAMissingKeyColumn) {
  EXPECT_THAT(RepeatedKeys(AssessmentsCsv({Decile(kCounties, 1), Decile(kCounties, 2)}),
                           kAssessmentKey),
              ElementsAre(HasSubstr("line 3 repeats the key of line 2")));
  EXPECT_THAT(RepeatedKeys(FigureHistoryCsv(Indicator{}, {}), kAssessmentKey),
              ElementsAre("no column indicator", "no column area_code"));
  Assessment other_period = Decile(kCounties, 1);
  other_period.period = *ParsePeriod("2022/23");
  EXPECT_THAT(RepeatedKeys(AssessmentsCsv({Decile(kCounties, 1), other_period}), kAssessmentKey),
              IsEmpty());
}

TEST(ExportTest, AssessmentTextCannotStartAFormulaButNegativeNumbersStay) {
  Assessment a;
  a.indicator = "ind";
  a.area = "E09000003";
  a.period = *ParsePeriod("2022");
  a.breakdown.category = "=HYPERLINK(\"http://evil\",\"x\")";
  a.breakdown.age = "-1+2";
  a.value = -1.5;
  a.lower95 = -2.25;
  a.upper95 = -0.75;
  const std::string csv = AssessmentsCsv({a});
  EXPECT_THAT(csv, HasSubstr(",'-1+2,,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-1.5,-2.25,"
                             "-0.75,"));
  EXPECT_THAT(csv, ::testing::Not(HasSubstr(",'-1.5")));
}

TEST(ExportTest, ASuppressedFigureHasNoNumbersAndNoComparisons) {
  Assessment a;
  a.indicator = "ind";
  a.area = "E09000003";
  a.period = *ParsePeriod("2022");
  a.value = 12.5;
  a.count = 3;
  a.denominator = 24;
  a.vs_england = Comparison::kWorse;
  a.vs_region = Comparison::kSimilar;
  a.recent_trend = RecentTrend::kNoChange;
  a.basis = ComparisonBasis::kSourceInterval;
  std::string csv = AssessmentsCsv({a});
  EXPECT_THAT(csv, HasSubstr(",12.5,"));
  EXPECT_THAT(csv, HasSubstr(",Worse,interval supplied by the source,Similar,"));
  a.suppressed = true;
  csv = AssessmentsCsv({a});
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("12.5")));
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("Worse")));
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("Similar")));
  EXPECT_THAT(csv, HasSubstr(",not compared: small numbers are suppressed,"));
  ClearSuppressedComparisons(a);
  EXPECT_EQ(a.vs_england, Comparison::kNone);
  EXPECT_EQ(a.vs_region, Comparison::kNone);
  EXPECT_EQ(Words(a.recent_trend), "No significant change");  // a trend of the series, kept
}

TEST(ExportTest, CatalogueTextCannotStartAFormula) {
  Indicator i;
  i.id = "ind";
  i.title = "@SUM(1+1)*cmd|' /C calc'!A0";
  i.unit = "+x";
  i.multiplier = -1;
  i.definition = "\tTabbed";
  const std::string csv = IndicatorsCsv({i});
  EXPECT_THAT(csv, HasSubstr("\nind,'@SUM(1+1)*cmd|' /C calc'!A0,"));
  EXPECT_THAT(csv, HasSubstr(",'+x,-1,"));
  EXPECT_THAT(csv, HasSubstr(",'\tTabbed\n"));
}

TEST(ExportTest, OrdinaryTextIsUnchanged) {
  Indicator i;
  i.id = "ind";
  i.title = "Children in care, rate per 10,000";
  i.multiplier = 10000;
  EXPECT_THAT(IndicatorsCsv({i}), HasSubstr("\nind,\"Children in care, rate per 10,000\","));
}

}  // namespace
}  // namespace waymark::assess
