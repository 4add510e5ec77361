// Fingertips' "recent trend": the direction and significance of the five most recent points.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "stats/compare.h"
#include "stats/estimate.h"

namespace waymark::stats {

// Fingertips' trend markers (FTO TrendMarker).
enum class TrendMarker { kCannotBeCalculated, kIncreasing, kDecreasing, kNoChange };

// How significance is tested: the chi-squared test for trend in proportions (Fingertips uses
// it when the indicator's comparator is SPC for proportions) or inverse-variance weighted
// regression of the value on time (every other comparator).
enum class TrendMethod { kChiSquaredForProportions, kWeightedRegression };

// Fingertips calculates trends only for proportions and crude rates, not for DSRs.
enum class TrendValueType { kProportion, kCrudeRate, kOther };

struct TrendPoint {
  double period = kMissing;  // orders the points; any increasing number (e.g. the year)
  double count = kMissing;
  double denominator = kMissing;
  double value = kMissing;
  Interval ci95;  // needed by kWeightedRegression
};

struct TrendOptions {
  TrendMethod method = TrendMethod::kChiSquaredForProportions;
  TrendValueType value_type = TrendValueType::kProportion;
  int year_range = 1;  // Fingertips skips rolling multi-year periods
};

struct TrendResult {
  TrendMarker marker = TrendMarker::kCannotBeCalculated;
  bool significant = false;
  double chi_squared = kMissing;  // the test statistic (1 df)
  double slope = kMissing;        // sign gives the direction
  std::string message;            // why a trend cannot be calculated
};

// The number of most recent points a trend uses.
inline constexpr int kTrendPoints = 5;

// The recent trend of a series (points in any order).
TrendResult RecentTrend(std::span<const TrendPoint> points, const TrendOptions& options);

// The weighted-regression test of RecentTrend on points already chosen and in time order, at
// t = 1..n: the inverse-variance weighted least-squares slope of the values on t, with each
// SE = (U95 − L95)/3.92, χ² = (b/SE(b))², significant when χ² exceeds the 99.8% critical value
// and no point is an outlier. The marker is kCannotBeCalculated (with a message) when the
// spans differ in length, a value or limit is missing, an interval has zero or negative width,
// or the statistic is undefined (fewer than 2 points).
TrendResult WeightedRegressionTrend(std::span<const double> values,
                                    std::span<const Interval> ci95);

// Fingertips' label: "Increasing and getting better", "Increasing and getting worse",
// "Decreasing and getting better", "Decreasing and getting worse", "Increasing", "Decreasing",
// "No significant change", "Cannot be calculated".
std::string_view TrendLabel(TrendMarker marker, Polarity polarity);

}  // namespace waymark::stats
