// Tests of the recent-trend marker against the Fingertips trend unit tests, plus edge cases.
#include "stats/trend.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::RefTable;

std::map<std::string, std::vector<TrendPoint>> LoadSets() {
  RefTable t("fingertips_trend_input.csv");
  std::map<std::string, std::vector<TrendPoint>> sets;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    sets[t.Str(r, "data_set")].push_back({t.Num(r, "year"),
                                          t.Num(r, "count"),
                                          t.Num(r, "denominator"),
                                          t.Num(r, "value"),
                                          {t.Num(r, "lower95"), t.Num(r, "upper95")}});
  }
  return sets;
}

std::string MarkerName(TrendMarker m) {
  switch (m) {
    case TrendMarker::kCannotBeCalculated:
      return "CannotBeCalculated";
    case TrendMarker::kIncreasing:
      return "Increasing";
    case TrendMarker::kDecreasing:
      return "Decreasing";
    case TrendMarker::kNoChange:
      return "NoChange";
  }
  return "";
}

TEST(TrendTest, ReproducesFingertipsTrendCases) {
  const auto sets = LoadSets();
  RefTable t("fingertips_trend_expected.csv");
  ASSERT_EQ(t.RowCount(), 5u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    TrendOptions options;
    options.method = t.Num(r, "comparator_method_id") == 5 ? TrendMethod::kChiSquaredForProportions
                                                           : TrendMethod::kWeightedRegression;
    options.year_range = static_cast<int>(t.Num(r, "year_range"));
    TrendResult result = RecentTrend(sets.at(t.Str(r, "data_set")), options);
    SCOPED_TRACE(t.Str(r, "case"));
    EXPECT_EQ(MarkerName(result.marker), t.Str(r, "expected_marker"));
    EXPECT_EQ(result.significant, t.Str(r, "expected_is_significant") == "TRUE");
    EXPECT_EQ(!result.message.empty(), t.Str(r, "expected_message_nonempty") == "TRUE");
    const double chi2 = t.Num(r, "recomputed_chi2_full_precision");
    if (!IsMissing(chi2)) {
      EXPECT_NEAR_REL(result.chi_squared, chi2, testing::kRelTol);
      const double asserted = t.Num(r, "expected_chi2_round2");
      if (!IsMissing(asserted)) {
        EXPECT_NEAR(std::round(result.chi_squared * 100) / 100, asserted, 1e-9);
      }
    }
  }
}

TEST(TrendTest, LabelsMatchFingertipsExactly) {
  EXPECT_EQ(TrendLabel(TrendMarker::kIncreasing, Polarity::kHighIsGood),
            "Increasing and getting better");
  EXPECT_EQ(TrendLabel(TrendMarker::kIncreasing, Polarity::kLowIsGood),
            "Increasing and getting worse");
  EXPECT_EQ(TrendLabel(TrendMarker::kDecreasing, Polarity::kLowIsGood),
            "Decreasing and getting better");
  EXPECT_EQ(TrendLabel(TrendMarker::kDecreasing, Polarity::kHighIsGood),
            "Decreasing and getting worse");
  EXPECT_EQ(TrendLabel(TrendMarker::kIncreasing, Polarity::kNeutral), "Increasing");
  EXPECT_EQ(TrendLabel(TrendMarker::kDecreasing, Polarity::kNeutral), "Decreasing");
  EXPECT_EQ(TrendLabel(TrendMarker::kNoChange, Polarity::kHighIsGood), "No significant change");
  EXPECT_EQ(TrendLabel(TrendMarker::kCannotBeCalculated, Polarity::kLowIsGood),
            "Cannot be calculated");
}

std::vector<TrendPoint> Series(const std::vector<double>& counts, double denominator) {
  std::vector<TrendPoint> points;
  for (size_t i = 0; i < counts.size(); ++i) {
    points.push_back({2010.0 + static_cast<double>(i),
                      counts[i],
                      denominator,
                      counts[i] / denominator * 100,
                      {}});
  }
  return points;
}

TEST(TrendTest, FallingProportionIsDecreasing) {
  // The published code labels every significant chi-squared trend "Decreasing"; a rising series
  // must read Increasing and a falling one Decreasing.
  TrendOptions options;
  TrendResult down = RecentTrend(Series({500, 450, 400, 350, 300}, 1000), options);
  EXPECT_EQ(down.marker, TrendMarker::kDecreasing);
  EXPECT_LT(down.slope, 0);
  TrendResult up = RecentTrend(Series({300, 350, 400, 450, 500}, 1000), options);
  EXPECT_EQ(up.marker, TrendMarker::kIncreasing);
  EXPECT_NEAR(up.chi_squared, down.chi_squared, 1e-9 * up.chi_squared);
}

TEST(TrendTest, UsesOnlyTheFiveMostRecentPointsInAnyOrder) {
  // An old steep rise followed by five flat years: no significant change.
  std::vector<TrendPoint> points = Series({100, 200, 400, 400, 401, 399, 400, 400}, 1000);
  std::swap(points[0], points[6]);
  TrendResult flat = RecentTrend(points, {});
  EXPECT_EQ(flat.marker, TrendMarker::kNoChange);
  EXPECT_FALSE(flat.significant);
}

TEST(TrendTest, NeedsFiveUnbrokenValidPoints) {
  std::vector<TrendPoint> points = Series({300, 350, 400, 450, 500, 550}, 1000);
  EXPECT_NE(RecentTrend(points, {}).marker, TrendMarker::kCannotBeCalculated);
  points[4].value = kMissing;  // breaks the run back from the latest point
  EXPECT_EQ(RecentTrend(points, {}).marker, TrendMarker::kCannotBeCalculated);
  points.resize(4);
  EXPECT_EQ(RecentTrend(points, {}).marker, TrendMarker::kCannotBeCalculated);
  EXPECT_EQ(RecentTrend({}, {}).marker, TrendMarker::kCannotBeCalculated);
}

TEST(TrendTest, APointWithoutAPeriodIsRefusedNotSorted) {
  // Unsorted points with a missing period: sorting by a NaN key is not an ordering, so the
  // series is refused with the reason instead.
  std::vector<TrendPoint> points = Series({300, 350, 400, 450, 500, 550}, 1000);
  std::swap(points[0], points[5]);
  EXPECT_NE(RecentTrend(points, {}).marker, TrendMarker::kCannotBeCalculated);
  points[2].period = kMissing;
  const TrendResult refused = RecentTrend(points, {});
  EXPECT_EQ(refused.marker, TrendMarker::kCannotBeCalculated);
  EXPECT_EQ(refused.message, "a point has no period");
}

TEST(TrendTest, DsrsAreNotTrended) {
  TrendOptions options;
  options.value_type = TrendValueType::kOther;
  EXPECT_EQ(RecentTrend(Series({300, 350, 400, 450, 500}, 1000), options).marker,
            TrendMarker::kCannotBeCalculated);
}

TEST(TrendTest, OutlierBlocksSignificance) {
  // A single spike drives a large chi-squared but dropping it flips the slope's sign.
  TrendResult spiky = RecentTrend(Series({400, 400, 400, 400, 900}, 1000), {});
  EXPECT_GT(spiky.chi_squared, 9.6);
  EXPECT_EQ(spiky.marker, TrendMarker::kNoChange);
  TrendResult rising = RecentTrend(Series({400, 380, 390, 370, 900}, 1000), {});
  EXPECT_GT(rising.chi_squared, 9.6);
  EXPECT_EQ(rising.marker, TrendMarker::kNoChange);
}

TEST(TrendTest, ZeroCountsStillGiveADirection) {
  TrendResult up = RecentTrend(Series({0, 0, 40, 80, 120}, 1000), {});
  EXPECT_EQ(up.marker, TrendMarker::kIncreasing);
}

std::vector<TrendPoint> ValueSeries(const std::vector<double>& values, double half_width) {
  std::vector<TrendPoint> points;
  for (size_t i = 0; i < values.size(); ++i) {
    points.push_back({static_cast<double>(i),
                      100,
                      1000,
                      values[i],
                      {values[i] - half_width, values[i] + half_width}});
  }
  return points;
}

TEST(TrendRegressionTest, DirectionAndSignificanceFollowTheIntervals) {
  TrendOptions options;
  options.method = TrendMethod::kWeightedRegression;
  options.value_type = TrendValueType::kCrudeRate;
  TrendResult tight = RecentTrend(ValueSeries({10, 11, 12, 13, 14}, 0.5), options);
  EXPECT_EQ(tight.marker, TrendMarker::kIncreasing);
  EXPECT_GT(tight.slope, 0);
  // The same values with intervals 20 times wider: χ² falls by 400 and is not significant.
  TrendResult wide = RecentTrend(ValueSeries({10, 11, 12, 13, 14}, 10), options);
  EXPECT_EQ(wide.marker, TrendMarker::kNoChange);
  EXPECT_NEAR(tight.chi_squared / wide.chi_squared, 400, 1e-9);
  TrendResult down = RecentTrend(ValueSeries({14, 13, 12, 11, 10}, 0.5), options);
  EXPECT_EQ(down.marker, TrendMarker::kDecreasing);
  // A point without an interval breaks the run for the regression.
  std::vector<TrendPoint> gap = ValueSeries({10, 11, 12, 13, 14}, 0.5);
  gap[2].ci95.upper = kMissing;
  EXPECT_EQ(RecentTrend(gap, options).marker, TrendMarker::kCannotBeCalculated);
  // A zero-width interval cannot be weighted.
  EXPECT_EQ(RecentTrend(ValueSeries({10, 11, 12, 13, 14}, 0), options).marker,
            TrendMarker::kCannotBeCalculated);
}

TEST(TrendRegressionTest, HelperMatchesRecentTrendOnTheWindow) {
  TrendOptions options;
  options.method = TrendMethod::kWeightedRegression;
  options.value_type = TrendValueType::kCrudeRate;
  const std::vector<TrendPoint> points = ValueSeries({9, 10, 11, 12, 13, 14}, 0.5);
  std::vector<double> values;
  std::vector<Interval> intervals;
  for (size_t i = 1; i < points.size(); ++i) {
    values.push_back(points[i].value);
    intervals.push_back(points[i].ci95);
  }
  const TrendResult direct = WeightedRegressionTrend(values, intervals);
  const TrendResult recent = RecentTrend(points, options);
  EXPECT_EQ(direct.marker, TrendMarker::kIncreasing);
  EXPECT_EQ(direct.slope, recent.slope);
  EXPECT_EQ(direct.chi_squared, recent.chi_squared);
  intervals.pop_back();
  EXPECT_EQ(WeightedRegressionTrend(values, intervals).marker, TrendMarker::kCannotBeCalculated);
  values.pop_back();
  values[0] = kMissing;
  EXPECT_EQ(WeightedRegressionTrend(values, intervals).marker, TrendMarker::kCannotBeCalculated);
  const std::vector<double> one = {1};
  const std::vector<Interval> one_interval = {{0, 2}};
  EXPECT_EQ(WeightedRegressionTrend(one, one_interval).marker, TrendMarker::kCannotBeCalculated);
}

}  // namespace
}  // namespace waymark::stats
