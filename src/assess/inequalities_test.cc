// Tests of an indicator's inequalities: gaps matched group by group with their comparison, the
// gap's trend, suppression, and the slope index across ordered deprivation deciles.
#include "assess/inequalities.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "assess/area_codes_test_util.h"
#include "assess/stored_inequalities.h"
#include "stats/inequality.h"
#include "stats/sii.h"
#include "store/fresh_store_fixture.h"

namespace waymark::assess {
namespace {

Indicator SocialCare() {
  Indicator ind;
  ind.id = "pa";
  ind.value_type = ValueType::kProportion;
  ind.method = CiMethod::kWilson;
  ind.multiplier = 100;
  BreakdownDimension d;
  d.kind = DimensionKind::kSocialCareGroup;
  d.label = "Social care group";
  d.category_types = {"Social care group"};
  d.categories = {"CINO", "CPPO", "CLA"};
  d.comparison = "CINO";
  ind.breakdowns = {d};
  return ind;
}

Assessment Figure(std::string area, int year, std::string category, double count, double den) {
  Assessment a;
  a.indicator = "pa";
  a.area = std::move(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.breakdown.category_type = "Social care group";
  a.breakdown.category = std::move(category);
  a.count = count;
  a.denominator = den;
  a.value = count / den * 100;
  return a;
}

TEST(InequalitiesTest, EachGroupAgainstItsComparisonByNewcombe) {
  const std::vector<Assessment> figures = {
      Figure(std::string(kBarnet), 2024, "CINO", 100, 500),
      Figure(std::string(kBarnet), 2024, "CLA", 30, 100),
      Figure(std::string(kBarnet), 2024, "CPPO", 12, 120),
      Figure("E92000001", 2024, "CLA", 3000, 10000),  // no comparison figure for England
  };
  const Inequalities out = ComputeInequalities(SocialCare(), figures, {});
  ASSERT_EQ(out.gaps.size(), 2u);
  EXPECT_TRUE(out.slopes.empty());  // not a deprivation breakdown
  const GapRow& cla = out.gaps[0];
  EXPECT_EQ(cla.group, "CLA");
  EXPECT_EQ(cla.comparison, "CINO");
  EXPECT_EQ(cla.dimension, "Social care group");
  EXPECT_DOUBLE_EQ(cla.group_value, 30);
  EXPECT_DOUBLE_EQ(cla.comparison_value, 20);
  const auto expected = stats::ProportionDifference(30, 100, 100, 500,
                                                    stats::DefaultConfidenceLevels(), 100);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(cla.absolute.method, "Newcombe");
  EXPECT_DOUBLE_EQ(cla.absolute.value, 10);
  ASSERT_EQ(cla.absolute.intervals.size(), 2u);
  EXPECT_DOUBLE_EQ(cla.absolute.intervals[0].lower, expected->intervals[0].lower);
  EXPECT_DOUBLE_EQ(cla.absolute.intervals[1].upper, expected->intervals[1].upper);
  EXPECT_DOUBLE_EQ(cla.relative.value, 1.5);
  EXPECT_LT(cla.relative.intervals[0].lower, 1.5);
  EXPECT_GT(cla.relative.intervals[0].upper, 1.5);
  EXPECT_EQ(cla.trend, stats::GapTrend::kCannotBeCalculated);  // one year only
  EXPECT_DOUBLE_EQ(out.gaps[1].absolute.value, -10);           // CPPO 10% against 20%
}

TEST(InequalitiesTest, ASuppressedFigureHidesTheGap) {
  std::vector<Assessment> figures = {Figure(std::string(kBarnet), 2024, "CINO", 100, 500),
                                     Figure(std::string(kBarnet), 2024, "CLA", 3, 20)};
  figures[1].suppressed = true;
  Inequalities out = ComputeInequalities(SocialCare(), figures, {});
  ASSERT_EQ(out.gaps.size(), 1u);
  EXPECT_TRUE(out.gaps[0].suppressed);
  EXPECT_FALSE(HasValue(out.gaps[0].group_value));
  EXPECT_FALSE(HasValue(out.gaps[0].comparison_value));
  EXPECT_FALSE(HasValue(out.gaps[0].absolute.value));
  EXPECT_TRUE(out.gaps[0].absolute.intervals.empty());
  // The same when it is the comparison that is suppressed.
  figures[1].suppressed = false;
  figures[0].suppressed = true;
  out = ComputeInequalities(SocialCare(), figures, {});
  EXPECT_TRUE(out.gaps[0].suppressed);
  EXPECT_FALSE(HasValue(out.gaps[0].absolute.value));
}

// Five years in which looked-after pupils' rate falls from 40% to 22% while children in need
// stay at 20%: the gap narrows (significantly: large groups). With a steady gap it does not.
TEST(InequalitiesTest, TheGapsTrendYearByYear) {
  std::vector<Assessment> figures;
  for (int i = 0; i < 5; ++i) {
    figures.push_back(Figure(std::string(kBarnet), 2020 + i, "CINO", 2000, 10000));
    figures.push_back(Figure(std::string(kBarnet), 2020 + i, "CLA", 4000 - 450 * i, 10000));
  }
  Inequalities out = ComputeInequalities(SocialCare(), figures, {});
  ASSERT_EQ(out.gaps.size(), 5u);
  for (const GapRow& row : out.gaps) {
    EXPECT_EQ(row.trend, row.period.start_year == 2024 ? stats::GapTrend::kNarrowing
                                                        : stats::GapTrend::kCannotBeCalculated)
        << row.period.Label();
  }
  for (int i = 0; i < 5; ++i) figures[2 * i + 1] = Figure(std::string(kBarnet), 2020 + i, "CLA", 3000, 10000);
  out = ComputeInequalities(SocialCare(), figures, {});
  for (const GapRow& row : out.gaps) {
    if (row.period.start_year == 2024) {
      EXPECT_EQ(row.trend, stats::GapTrend::kNoSignificantChange);
    }
  }
  // A year the source has nothing for is skipped: 2019 and 2021 to 2024 are a run of five.
  std::vector<Assessment> skipping = figures;
  skipping.push_back(Figure(std::string(kBarnet), 2019, "CINO", 2000, 10000));
  skipping.push_back(Figure(std::string(kBarnet), 2019, "CLA", 4000, 10000));
  skipping.erase(skipping.begin(), skipping.begin() + 2);  // nothing for 2020
  out = ComputeInequalities(SocialCare(), skipping, {});
  for (const GapRow& row : out.gaps) {
    if (row.period.start_year == 2024) {
      EXPECT_EQ(row.trend, stats::GapTrend::kNoSignificantChange);
    }
  }
  // A suppressed year breaks the run of five, even with five other years: no trend for the
  // latest year.
  figures.push_back(Figure(std::string(kBarnet), 2019, "CINO", 2000, 10000));
  figures.push_back(Figure(std::string(kBarnet), 2019, "CLA", 3000, 10000));
  figures[5].suppressed = true;  // CLA 2022
  out = ComputeInequalities(SocialCare(), figures, {});
  for (const GapRow& row : out.gaps) {
    if (row.period.start_year == 2024) {
      EXPECT_EQ(row.trend, stats::GapTrend::kCannotBeCalculated);
    }
  }
}

TEST(InequalitiesTest, SexGroupsMatchTheirOwnFiguresOnly) {
  Indicator ind;
  ind.id = "pa";
  ind.value_type = ValueType::kRate;
  ind.method = CiMethod::kByar;
  ind.multiplier = 10000;
  BreakdownDimension sex;
  sex.kind = DimensionKind::kSex;
  sex.label = "Sex";
  sex.comparison = "Female";
  ind.breakdowns = {sex};
  auto rate = [](std::string sex_name, std::string category, double count) {
    Assessment a = Figure(std::string(kBarnet), 2024, "", count, 10000);
    a.breakdown.category_type = category.empty() ? "" : "Deciles";
    a.breakdown.category = std::move(category);
    a.breakdown.sex = std::move(sex_name);
    a.value = count;  // per 10,000
    return a;
  };
  const std::vector<Assessment> figures = {
      rate("Persons", "", 100), rate("Male", "", 60), rate("Female", "", 40),
      rate("Male", "Most deprived", 80), rate("Female", "Most deprived", 50)};
  const Inequalities out = ComputeInequalities(ind, figures, {});
  ASSERT_EQ(out.gaps.size(), 1u);  // Male against Female; not the deciles' figures by sex
  EXPECT_EQ(out.gaps[0].group, "Male");
  EXPECT_DOUBLE_EQ(out.gaps[0].absolute.value, 20);
  EXPECT_EQ(out.gaps[0].absolute.method, "SE of difference");
  // 60 and 40 events per 10,000: SE = 10000·√(60 + 40)/10000 = 10, so 20 ± 1.96·10.
  EXPECT_NEAR(out.gaps[0].absolute.intervals[0].lower, 20 - 19.599640, 1e-5);
}

Indicator Deciles() {
  Indicator ind;
  ind.id = "pa";
  ind.value_type = ValueType::kRate;
  ind.method = CiMethod::kByar;
  ind.multiplier = 10000;
  BreakdownDimension d;
  d.kind = DimensionKind::kDeprivation;
  d.label = "Deprivation decile";
  d.category_types = {"Deciles"};
  for (int i = 1; i <= 10; ++i) d.categories.push_back(fmt::format("D{}", i));
  d.comparison = "D10";
  ind.breakdowns = {d};
  return ind;
}

std::vector<Assessment> DecileFigures() {
  std::vector<Assessment> figures;
  for (int i = 1; i <= 10; ++i) {
    Assessment a = Figure("E92000001", 2024, fmt::format("D{}", i), 1500 - 50 * i, 1000000);
    a.breakdown.category_type = "Deciles";
    a.value = a.count / a.denominator * 10000;
    a.lower95 = a.value * 0.95;
    a.upper95 = a.value * 1.05;
    figures.push_back(a);
  }
  return figures;
}

TEST(InequalitiesTest, SlopeIndexAcrossTheDeciles) {
  const std::vector<Assessment> figures = DecileFigures();
  InequalityOptions options;
  options.sii_repetitions = 2000;
  const Inequalities out = ComputeInequalities(Deciles(), figures, options);
  EXPECT_EQ(out.gaps.size(), 9u);  // every decile against the least deprived
  ASSERT_EQ(out.slopes.size(), 1u);
  const SlopeRow& row = out.slopes[0];
  EXPECT_EQ(row.groups, 10);
  EXPECT_TRUE(row.note.empty()) << row.note;
  // Equal populations, rates 14.5 … 10.0 per 10,000 falling by 0.5 a decile: the fitted line
  // falls by 0.5 per tenth of the population, so SII = −5 per 10,000 across the whole scale.
  EXPECT_NEAR(row.sii, -5, 1e-9);
  EXPECT_LT(row.sii95.lower, -5);
  EXPECT_GT(row.sii95.upper, -5);
  EXPECT_NEAR(row.intercept, 14.75, 1e-9);  // the line at rank 0: 14.5 + 0.5 × 0.05 × 10
  EXPECT_NEAR(row.rii, (14.75 - 5) / 14.75, 1e-9);
  // The same seed gives the same limits.
  const Inequalities again = ComputeInequalities(Deciles(), figures, options);
  EXPECT_EQ(again.slopes[0].sii95.lower, row.sii95.lower);
}

TEST(InequalitiesTest, NoSlopeWithoutEveryDecile) {
  std::vector<Assessment> figures = DecileFigures();
  figures[3].suppressed = true;
  InequalityOptions options;
  options.sii_repetitions = 1000;
  Inequalities out = ComputeInequalities(Deciles(), figures, options);
  ASSERT_EQ(out.slopes.size(), 1u);
  EXPECT_FALSE(HasValue(out.slopes[0].sii));
  EXPECT_EQ(out.slopes[0].note,
            "9 of the 10 groups have a figure that can be shown; the slope index needs every "
            "group");
  figures.pop_back();  // no least deprived decile: no gaps, and still no slope
  out = ComputeInequalities(Deciles(), figures, options);
  EXPECT_TRUE(out.gaps.empty());
  EXPECT_FALSE(HasValue(out.slopes[0].sii));
  // A set of empty rows (an edition or year the source has no figures for) gives no SII row.
  for (Assessment& a : figures) a.value = kNoValue;
  EXPECT_TRUE(ComputeInequalities(Deciles(), figures, options).slopes.empty());
}

TEST(InequalitiesTest, OptionsChooseTheAreaAndTheBreakdown) {
  const std::vector<Assessment> figures = {
      Figure(std::string(kBarnet), 2024, "CINO", 100, 500),
      Figure(std::string(kBarnet), 2024, "CLA", 30, 100),
      Figure("E92000001", 2024, "CINO", 1000, 5000),
      Figure("E92000001", 2024, "CLA", 300, 1000)};
  InequalityOptions options;
  options.area = "E92000001";
  Inequalities out = ComputeInequalities(SocialCare(), figures, options);
  ASSERT_EQ(out.gaps.size(), 1u);
  EXPECT_EQ(out.gaps[0].area, "E92000001");
  options.area.clear();
  options.dimension = "Sex";
  EXPECT_TRUE(ComputeInequalities(SocialCare(), figures, options).gaps.empty());
  options.dimension = "Social care group";
  EXPECT_EQ(ComputeInequalities(SocialCare(), figures, options).gaps.size(), 2u);
}

}  // namespace
}  // namespace waymark::assess

namespace waymark::assess {
namespace {

class StoredInequalitiesTest : public store::FreshStoreTest {};

// The catalogue's breakdowns survive the store, and only the figures of a breakdown are read.
TEST_F(StoredInequalitiesTest, ReadsTheFiguresOfTheBreakdowns) {
  Indicator plain = SocialCare();
  plain.id = "plain";
  plain.breakdowns.clear();
  ASSERT_TRUE(store_->SaveIndicators({SocialCare(), plain}, 0).has_value());
  Assessment headline = Figure(std::string(kBarnet), 2024, "", 10, 100);
  headline.breakdown = Breakdown{};
  std::vector<Assessment> figures = {Figure(std::string(kBarnet), 2024, "CINO", 100, 500),
                                     Figure(std::string(kBarnet), 2024, "CLA", 30, 100),
                                     Figure("E92000001", 2024, "CLA", 30, 100), headline};
  ASSERT_TRUE(store_->SaveAssessments(figures).has_value());

  const auto with = IndicatorsWithBreakdowns(*store_);
  ASSERT_TRUE(with.has_value());
  ASSERT_EQ(with->size(), 1u);
  EXPECT_EQ(with->at(0), SocialCare());

  const auto inputs = LoadInequalityInputs(*store_, "pa", kBarnet);
  ASSERT_TRUE(inputs.has_value()) << inputs.error().ToString();
  EXPECT_EQ(inputs->indicator.breakdowns.size(), 1u);
  ASSERT_EQ(inputs->assessments.size(), 2u);  // not England's, not the headline
  EXPECT_EQ(ComputeInequalities(inputs->indicator, inputs->assessments, {}).gaps.size(), 1u);
  EXPECT_EQ(LoadInequalityInputs(*store_, "pa", "")->assessments.size(), 3u);
  EXPECT_TRUE(LoadInequalityInputs(*store_, "plain", "")->assessments.empty());
  EXPECT_EQ(LoadInequalityInputs(*store_, "nope", "").error().code, ErrorCode::kNotFound);
  const auto gaps = AreaGaps(*store_, kBarnet);
  ASSERT_TRUE(gaps.has_value());
  ASSERT_EQ(gaps->size(), 1u);
  EXPECT_EQ(gaps->at(0).group, "CLA");
  EXPECT_TRUE(AreaGaps(*store_, "E92000001")->empty());  // England has no comparison figure
}

}  // namespace
}  // namespace waymark::assess
