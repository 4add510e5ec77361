// Inequality gaps: absolute and relative gaps with their intervals, and the trend of a gap.
#include "stats/gap.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "stats/inequality.h"
#include "stats/proportion.h"
#include "stats/trend.h"

namespace waymark::stats {
namespace {

double Z95() {
  static const double z = NormalQuantile(0.975);
  return z;
}

bool HasCounts(const GapFigure& f) { return !IsMissing(f.count) && !IsMissing(f.denominator); }

bool HasLimits(const GapFigure& f) { return !IsMissing(f.ci95.lower) && !IsMissing(f.ci95.upper); }

Status CheckFigure(const GapFigure& f, std::string_view who, GapScale scale) {
  if (f.count < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("the {} count {} must be zero or more", who, f.count));
  }
  if (f.denominator <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("the {} denominator {} must be greater than zero", who,
                                 f.denominator));
  }
  if (scale == GapScale::kProportion && f.count > f.denominator) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("the {} count {} is above its denominator {}", who, f.count,
                                 f.denominator));
  }
  if (f.ci95.lower > f.ci95.upper) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("the {} lower limit {} is above its upper limit {}", who,
                                 f.ci95.lower, f.ci95.upper));
  }
  return {};
}

Status CheckInputs(const GapFigure& group, const GapFigure& comparison,
                   const GapOptions& options) {
  if (!(options.multiplier > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
  }
  WAYMARK_TRY(CheckFigure(group, "group", options.scale));
  return CheckFigure(comparison, "comparison", options.scale);
}

// A gap with one (missing) interval per level.
GapEstimate EmptyGap(size_t levels) {
  GapEstimate gap;
  gap.intervals.resize(levels);
  return gap;
}

// The message for a missing value in either figure, or empty.
std::string MissingValueMessage(const GapFigure& group, const GapFigure& comparison) {
  if (IsMissing(group.value)) return "the group's value is missing";
  if (IsMissing(comparison.value)) return "the comparison's value is missing";
  return "";
}

struct FigureSe {
  double se = kMissing;
  std::string why;  // set when se is missing
};

// One figure's standard error, on the scale of its value. Counts come first: a crude rate's
// Poisson SE, multiplier·√x/n, or for a proportion the 95% Wilson interval's width over 2·z95;
// then the figure's own 95% interval, (U − L)/(2·z95). A zero-width interval gives no SE.
FigureSe StandardError(const GapFigure& f, const GapOptions& options, std::string_view who) {
  const double m = options.multiplier;
  if (HasCounts(f) && options.scale == GapScale::kCrudeRate) {
    return {m * std::sqrt(f.count) / f.denominator, ""};
  }
  if (HasCounts(f) && options.scale == GapScale::kProportion) {
    const Interval wilson = WilsonInterval(f.count, f.denominator, Z95());
    return {(wilson.upper - wilson.lower) * m / (2 * Z95()), ""};
  }
  if (HasLimits(f)) {
    const double width = f.ci95.upper - f.ci95.lower;
    if (width > 0) return {width / (2 * Z95()), ""};
    return {kMissing, fmt::format("the {} figure's 95% interval has zero width", who)};
  }
  return {kMissing, fmt::format("the {} figure has neither counts nor a 95% interval", who)};
}

// The combined SE of two figures, or missing with the reason in `gap.message`.
template <typename Combine>
double CombinedSe(const GapFigure& group, const GapFigure& comparison, const GapOptions& options,
                  GapEstimate& gap, Combine combine) {
  const FigureSe a = StandardError(group, options, "group");
  const FigureSe b = StandardError(comparison, options, "comparison");
  if (IsMissing(a.se) || IsMissing(b.se)) {
    gap.message = (IsMissing(a.se) ? a.why : b.why) + ": no interval can be given";
    return kMissing;
  }
  const double se = combine(a.se, b.se);
  if (!(se > 0)) {
    gap.message = "both figures have a zero standard error: no interval can be given";
    return kMissing;
  }
  return se;
}

}  // namespace

// Method: the standard error of a difference, D ± z·√(se₁² + se₂²) (Altman DG, Machin D, Bryant
// TN, Gardner MJ (2000), "Statistics with Confidence", 2nd ed., BMJ Books, chapters 6 and 7:
// differences of means, proportions and rates). Proportions with counts use Newcombe RG (1998),
// Stat Med 17:873-890, method 10 (ProportionDifference).
Result<GapEstimate> AbsoluteGap(const GapFigure& group, const GapFigure& comparison,
                                const GapOptions& options,
                                std::span<const ConfidenceLevel> levels) {
  WAYMARK_TRY(CheckInputs(group, comparison, options));
  GapEstimate gap = EmptyGap(levels.size());
  gap.message = MissingValueMessage(group, comparison);
  if (!gap.message.empty()) return gap;
  const bool counts = HasCounts(group) && HasCounts(comparison);
  const double m = options.multiplier;
  if (counts && options.scale == GapScale::kProportion) {
    WAYMARK_ASSIGN_OR_RETURN(
        Estimate d, ProportionDifference(group.count, group.denominator, comparison.count,
                                         comparison.denominator, levels, m));
    gap.value = d.value;
    gap.intervals = std::move(d.intervals);
    gap.method = "Newcombe";
    return gap;
  }
  gap.value = group.value - comparison.value;
  if (counts && options.scale == GapScale::kCrudeRate) {
    gap.value = m * (group.count / group.denominator - comparison.count / comparison.denominator);
  }
  const double se = CombinedSe(group, comparison, options, gap,
                               [](double a, double b) { return std::hypot(a, b); });
  if (IsMissing(se)) return gap;
  for (size_t i = 0; i < levels.size(); ++i) {
    const double half = levels[i].Z() * se;
    gap.intervals[i] = {gap.value - half, gap.value + half};
  }
  gap.method = "SE of difference";
  return gap;
}

// Method: limits exp(log R ± z·SE(log R)). Proportions with counts: the log risk ratio's SE
// √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂) (Katz D, Baptista J, Azen SP, Pike MC (1978), "Obtaining
// confidence intervals for the risk ratio in cohort studies", Biometrics 34:469-474). Crude
// rates with counts: the log rate ratio's SE √(1/x₁ + 1/x₂), and otherwise the delta method
// √((se₁/v₁)² + (se₂/v₂)²) (Altman et al. (2000), "Statistics with Confidence", chapter 7).
Result<GapEstimate> RelativeGap(const GapFigure& group, const GapFigure& comparison,
                                const GapOptions& options,
                                std::span<const ConfidenceLevel> levels) {
  WAYMARK_TRY(CheckInputs(group, comparison, options));
  GapEstimate gap = EmptyGap(levels.size());
  gap.message = MissingValueMessage(group, comparison);
  if (!gap.message.empty()) return gap;
  const bool counts = HasCounts(group) && HasCounts(comparison) &&
                      options.scale != GapScale::kOther;
  const double v1 = counts ? group.count / group.denominator : group.value;
  const double v2 = counts ? comparison.count / comparison.denominator : comparison.value;
  if (!(v2 > 0)) {
    gap.message = "the comparison value is zero or negative: there is no ratio";
    return gap;
  }
  gap.value = v1 / v2;
  if (!(v1 > 0)) {
    gap.message = "the group value is zero or negative: the ratio has no log limits";
    return gap;
  }
  double se = kMissing;
  if (counts) {
    const double x1 = group.count, n1 = group.denominator;
    const double x2 = comparison.count, n2 = comparison.denominator;
    const bool proportion = options.scale == GapScale::kProportion;
    se = proportion ? std::sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2) : std::sqrt(1 / x1 + 1 / x2);
    if (!(se > 0)) {
      gap.message = "every member of both groups is counted: the ratio has no log limits";
      return gap;
    }
    gap.method = proportion ? "Katz" : "Log rate ratio";
  } else {
    se = CombinedSe(group, comparison, options, gap,
                    [&](double a, double b) { return std::hypot(a / v1, b / v2); });
    if (IsMissing(se)) return gap;
    gap.method = "Delta method";
  }
  const double log_ratio = std::log(gap.value);
  for (size_t i = 0; i < levels.size(); ++i) {
    const double half = levels[i].Z() * se;
    gap.intervals[i] = {std::exp(log_ratio - half), std::exp(log_ratio + half)};
  }
  return gap;
}

namespace {

GapTrendResult NoGapTrend(std::string message) {
  GapTrendResult result;
  result.message = std::move(message);
  return result;
}

int Sign(double x) { return (x > 0) - (x < 0); }

// The side of zero the window's gaps are on: the latest gap's sign, or when that is exactly
// zero the sign of the inverse-variance weighted mean gap (SE = (U95 − L95)/3.92, as the
// regression weights), the fitted gap at the weighted mean period.
int GapSide(std::span<const double> gaps, std::span<const Interval> ci95) {
  if (const int latest = Sign(gaps.back()); latest != 0) return latest;
  double sw = 0, swy = 0;
  for (size_t i = 0; i < gaps.size(); ++i) {
    const double se = (ci95[i].upper - ci95[i].lower) / 3.92;
    sw += 1 / (se * se);
    swy += gaps[i] / (se * se);
  }
  return Sign(swy / sw);
}

}  // namespace

GapTrendResult RecentGapTrend(std::span<const GapPoint> points) {
  std::vector<GapPoint> sorted(points.begin(), points.end());
  if (std::any_of(sorted.begin(), sorted.end(), [](const GapPoint& p) {
        return IsMissing(p.period);
      })) {
    return NoGapTrend("a point has no period");
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const GapPoint& a, const GapPoint& b) { return a.period < b.period; });
  if (std::adjacent_find(sorted.begin(), sorted.end(), [](const GapPoint& a, const GapPoint& b) {
        return a.period == b.period;
      }) != sorted.end()) {
    return NoGapTrend("two points have the same period");
  }
  // Method: as RecentTrend, an unbroken run of valid points back from the latest period.
  const auto valid = [](const GapPoint& p) {
    return !IsMissing(p.gap) && !IsMissing(p.ci95.lower) && !IsMissing(p.ci95.upper);
  };
  int run = 0;
  for (auto it = sorted.rbegin(); it != sorted.rend() && valid(*it); ++it) ++run;
  if (run < kTrendPoints) {
    return NoGapTrend(fmt::format(
        "fewer than {} consecutive valid points up to the latest period", kTrendPoints));
  }
  std::array<double, kTrendPoints> gaps{};
  std::array<Interval, kTrendPoints> intervals{};
  for (int i = 0; i < kTrendPoints; ++i) {
    const GapPoint& p = sorted[sorted.size() - kTrendPoints + i];
    gaps[i] = p.gap;
    intervals[i] = p.ci95;
  }
  const TrendResult fit = WeightedRegressionTrend(gaps, intervals);
  if (fit.marker == TrendMarker::kCannotBeCalculated) return NoGapTrend(fit.message);
  GapTrendResult result;
  result.significant = fit.significant;
  result.chi_squared = fit.chi_squared;
  result.slope = fit.slope;
  if (!fit.significant) {
    result.trend = GapTrend::kNoSignificantChange;
    return result;
  }
  // Method: narrowing moves the gap toward zero: a significant slope of the opposite sign to
  // the side of zero the gap is on; widening: the same sign.
  const int side = GapSide(gaps, intervals);
  if (side == 0) {
    result.trend = GapTrend::kNoSignificantChange;
    result.message = "the gap crosses zero in the window: neither narrowing nor widening";
    return result;
  }
  result.trend = Sign(fit.slope) == side ? GapTrend::kWidening : GapTrend::kNarrowing;
  return result;
}

std::string_view GapTrendLabel(GapTrend trend) {
  switch (trend) {
    case GapTrend::kNarrowing:
      return "Gap narrowing";
    case GapTrend::kWidening:
      return "Gap widening";
    case GapTrend::kNoSignificantChange:
      return "No significant change";
    case GapTrend::kCannotBeCalculated:
      return "Cannot be calculated";
  }
  return "Cannot be calculated";
}

}  // namespace waymark::stats
