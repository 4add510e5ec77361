// Tests of the CSV exports: hostile text is neutralised against formula injection, numbers
// (negative ones too) are written unchanged.
#include "assess/export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace waymark::assess {
namespace {

using ::testing::HasSubstr;

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
  EXPECT_THAT(csv,
              HasSubstr(",'-1+2,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-1.5,-2.25,-0.75,"));
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
  a.vs_england = InternLabel("Worse");
  a.vs_region = InternLabel("Similar");
  a.recent_trend = InternLabel("No significant change");
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
  EXPECT_TRUE(a.vs_england.empty());
  EXPECT_TRUE(a.vs_region.empty());
  EXPECT_EQ(a.recent_trend, "No significant change");  // a trend of the series, kept
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
