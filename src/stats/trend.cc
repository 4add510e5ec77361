// Fingertips' recent trend (FTO PholioVisualisationWS/Analysis/TrendMarkers).
#include "stats/trend.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "stats/confidence.h"

namespace waymark::stats {
namespace {

using Window = std::array<TrendPoint, kTrendPoints>;

// Method: 1-df chi-squared critical value at 99.8% = Φ⁻¹(0.999)² = 9.54953570608324 (FTO
// TrendMarkerCalculator).
double CriticalValue() {
  static const double z = NormalQuantile(0.999);
  return z * z;
}

bool IsValid(const TrendPoint& p, TrendMethod method) {
  if (IsMissing(p.value) || IsMissing(p.count) || IsMissing(p.denominator)) return false;
  if (method == TrendMethod::kWeightedRegression) {
    return !IsMissing(p.ci95.lower) && !IsMissing(p.ci95.upper);
  }
  return true;
}

struct Fit {
  double slope = kMissing;
  double se = kMissing;
};

// Method: weighted least squares of y on t with weights w:
//   b = (Σw·Σwyt − Σwt·Σwy) / (Σw·Σwt² − (Σwt)²),  SE(b) = √(Σw / (Σw·Σwt² − (Σwt)²)).
Fit WeightedSlope(std::span<const double> t, std::span<const double> y, std::span<const double> w,
                  int skip) {
  double sw = 0, swt = 0, swt2 = 0, swy = 0, swyt = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (static_cast<int>(i) == skip) continue;
    sw += w[i];
    swt += w[i] * t[i];
    swt2 += w[i] * t[i] * t[i];
    swy += w[i] * y[i];
    swyt += w[i] * y[i] * t[i];
  }
  const double det = sw * swt2 - swt * swt;
  return {(sw * swyt - swt * swy) / det, std::sqrt(sw / det)};
}

int Sign(double x) { return (x > 0) - (x < 0); }

// Method: Fingertips' outlier check: the slope on all points and each leave-one-out slope must
// share a sign (|Σ sign| = n + 1).
bool NoOutliers(std::span<const double> t, std::span<const double> y, std::span<const double> w) {
  int total = Sign(WeightedSlope(t, y, w, -1).slope);
  for (int skip = 0; skip < static_cast<int>(t.size()); ++skip) {
    total += Sign(WeightedSlope(t, y, w, skip).slope);
  }
  return std::abs(total) == static_cast<int>(t.size()) + 1;
}

// Method: chi-squared test for trend in proportions (Armitage):
//   χ² = N(N·ΣOt − O·ΣNt)² / (O(N − O)(N·ΣNt² − (ΣNt)²)).
double ChiSquaredForTrend(const Window& points) {
  double o = 0, n = 0, sot = 0, snt = 0, snt2 = 0;
  for (int i = 0; i < kTrendPoints; ++i) {
    const double t = i + 1;
    o += points[i].count;
    n += points[i].denominator;
    sot += points[i].count * t;
    snt += points[i].denominator * t;
    snt2 += points[i].denominator * t * t;
  }
  const double numerator = n * (n * sot - o * snt) * (n * sot - o * snt);
  return numerator / (o * (n - o) * (n * snt2 - snt * snt));
}

TrendResult CannotCalculate(std::string message) {
  TrendResult result;
  result.message = std::move(message);
  return result;
}

// Method: significant only when χ² exceeds the 99.8% critical value and no point is an
// outlier (FTO TrendMarkerCalculator); the sign of the slope gives the direction.
TrendResult Judge(TrendResult result, std::span<const double> t, std::span<const double> y,
                  std::span<const double> w) {
  if (!std::isfinite(result.chi_squared) || !std::isfinite(result.slope)) {
    return CannotCalculate("the trend statistic is undefined for these counts");
  }
  result.significant = result.chi_squared > CriticalValue() && NoOutliers(t, y, w);
  if (!result.significant) {
    result.marker = TrendMarker::kNoChange;
  } else {
    result.marker = result.slope > 0 ? TrendMarker::kIncreasing : TrendMarker::kDecreasing;
  }
  return result;
}

// The sign check and direction for proportions use the unweighted slope of
// logit(O/N) = log(O/(N − O)) on t (FTO). With a zero count that logit is undefined, so the
// empirical logit log((O + ½)/(N − O + ½)) is used for every point instead.
void LogitSeries(const Window& points, std::array<double, kTrendPoints>& y) {
  const bool has_zero =
      std::any_of(points.begin(), points.end(), [](const TrendPoint& p) { return p.count == 0; });
  const double half = has_zero ? 0.5 : 0.0;
  for (int i = 0; i < kTrendPoints; ++i) {
    y[i] = std::log((points[i].count + half) / (points[i].denominator - points[i].count + half));
  }
}

}  // namespace

TrendResult RecentTrend(std::span<const TrendPoint> points, const TrendOptions& options) {
  // Method: FTO TrendRequest: proportions and crude rates only, single-year periods only.
  if (options.value_type == TrendValueType::kOther) {
    return CannotCalculate("trends are calculated only for proportions and crude rates");
  }
  if (options.year_range != 1) {
    return CannotCalculate("trends are calculated only for single-year periods");
  }
  // A point without a period cannot be placed in time (and would make the ordering below
  // inconsistent).
  if (std::any_of(points.begin(), points.end(),
                  [](const TrendPoint& p) { return std::isnan(p.period); })) {
    return CannotCalculate("a point has no period");
  }
  // Points usually arrive in time order; only others are copied and sorted.
  const auto by_period = [](const TrendPoint& a, const TrendPoint& b) { return a.period < b.period; };
  std::vector<TrendPoint> copy;
  std::span<const TrendPoint> sorted = points;
  if (!std::is_sorted(points.begin(), points.end(), by_period)) {
    copy.assign(points.begin(), points.end());
    std::stable_sort(copy.begin(), copy.end(), by_period);
    sorted = copy;
  }
  // Method: at least five valid points in an unbroken run back from the latest period.
  int run = 0;
  for (auto it = sorted.rbegin(); it != sorted.rend() && IsValid(*it, options.method); ++it) ++run;
  if (run < kTrendPoints) {
    return CannotCalculate("fewer than 5 consecutive valid points up to the latest period");
  }
  Window window;
  std::copy(sorted.end() - kTrendPoints, sorted.end(), window.begin());
  for (const TrendPoint& p : window) {
    // Method: FTO TrendRequest rejects a point whose count equals its denominator.
    if (p.count == p.denominator) return CannotCalculate("a count equals its denominator");
  }

  if (options.method == TrendMethod::kWeightedRegression) {
    std::array<double, kTrendPoints> values{};
    std::array<Interval, kTrendPoints> intervals{};
    for (int i = 0; i < kTrendPoints; ++i) {
      values[i] = window[i].value;
      intervals[i] = window[i].ci95;
    }
    return WeightedRegressionTrend(values, intervals);
  }
  std::array<double, kTrendPoints> t{}, y{}, w{};
  for (int i = 0; i < kTrendPoints; ++i) t[i] = i + 1;
  TrendResult result;
  result.chi_squared = ChiSquaredForTrend(window);
  LogitSeries(window, y);
  w.fill(1.0);
  // Known defect in the public Fingertips code: this path never sets the slope, so every
  // significant trend reads "Decreasing". The direction here is the sign of the logit slope.
  result.slope = WeightedSlope(t, y, w, -1).slope;
  return Judge(std::move(result), t, y, w);
}

TrendResult WeightedRegressionTrend(std::span<const double> values,
                                    std::span<const Interval> ci95) {
  if (values.size() != ci95.size()) {
    return CannotCalculate("the values and their intervals differ in number");
  }
  const size_t n = values.size();
  std::vector<double> t(n), y(n), w(n);
  for (size_t i = 0; i < n; ++i) {
    if (IsMissing(values[i]) || IsMissing(ci95[i].lower) || IsMissing(ci95[i].upper)) {
      return CannotCalculate("a point has a missing value or 95% limit");
    }
    // Method: SE from the 95% interval, (U − L)/3.92; weight 1/SE² (FTO).
    const double se = (ci95[i].upper - ci95[i].lower) / 3.92;
    if (!(se > 0)) return CannotCalculate("a point has a zero-width confidence interval");
    t[i] = static_cast<double>(i + 1);
    y[i] = values[i];
    w[i] = 1 / (se * se);
  }
  const Fit fit = WeightedSlope(t, y, w, -1);
  TrendResult result;
  result.slope = fit.slope;
  result.chi_squared = (fit.slope / fit.se) * (fit.slope / fit.se);
  return Judge(std::move(result), t, y, w);
}

std::string_view TrendLabel(TrendMarker marker, Polarity polarity) {
  switch (marker) {
    case TrendMarker::kCannotBeCalculated:
      return "Cannot be calculated";
    case TrendMarker::kNoChange:
      return "No significant change";
    case TrendMarker::kIncreasing:
      if (polarity == Polarity::kHighIsGood) return "Increasing and getting better";
      if (polarity == Polarity::kLowIsGood) return "Increasing and getting worse";
      return "Increasing";
    case TrendMarker::kDecreasing:
      if (polarity == Polarity::kHighIsGood) return "Decreasing and getting worse";
      if (polarity == Polarity::kLowIsGood) return "Decreasing and getting better";
      return "Decreasing";
  }
  return "Cannot be calculated";
}

}  // namespace waymark::stats
