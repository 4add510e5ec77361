// Inequality gaps: the absolute (group − comparison) and relative (group ÷ comparison) gap
// between a group and its comparison group, with intervals, and the recent trend of a gap.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// One group's published figure. The count and denominator are used only when both are present.
struct GapFigure {
  double value = kMissing;
  Interval ci95;  // may be missing
  double count = kMissing;
  double denominator = kMissing;
};

// The scale of the figures, which chooses the interval method.
enum class GapScale { kProportion, kCrudeRate, kOther };

struct GapOptions {
  GapScale scale = GapScale::kOther;
  // The figures' multiplier (100 for a percentage, 100000 for a rate per 100,000); used only
  // where a gap is computed from counts.
  double multiplier = 1;
};

// A gap with one interval per requested level, the method of its limits ("Newcombe",
// "SE of difference", "Katz", "Log rate ratio", "Delta method"; empty without limits) and why
// the value or the limits are missing.
struct GapEstimate {
  double value = kMissing;
  std::vector<Interval> intervals;
  std::string method;
  std::string message;
};

// group − comparison. Proportions with counts on both sides: Newcombe's method 10 (× the
// multiplier). Otherwise D ± z·√(se₁² + se₂²), each SE from the figure's counts (crude rates:
// multiplier·√count/denominator; proportions: the width of the 95% Wilson interval / 2·z95) or
// else from its 95% interval ((U − L)/(2·z95)). With counts the gap is computed from them. A
// missing value, or a figure with no SE, leaves the value or the limits missing with a message.
// Errors: a negative count, a denominator <= 0, a proportion's count above its denominator, a
// lower limit above its upper limit, a multiplier <= 0.
Result<GapEstimate> AbsoluteGap(const GapFigure& group, const GapFigure& comparison,
                                const GapOptions& options,
                                std::span<const ConfidenceLevel> levels);

// group ÷ comparison with limits exp(log R ± z·SE(log R)): proportions with counts √(1/x₁ −
// 1/n₁ + 1/x₂ − 1/n₂) (Katz); crude rates with counts √(1/x₁ + 1/x₂); otherwise the delta
// method √((se₁/v₁)² + (se₂/v₂)²). A comparison value <= 0 gives a missing ratio; a group value
// <= 0 gives the ratio without limits; both with a message. Errors as for AbsoluteGap.
Result<GapEstimate> RelativeGap(const GapFigure& group, const GapFigure& comparison,
                                const GapOptions& options,
                                std::span<const ConfidenceLevel> levels);

// The trend of a gap, judged against zero.
enum class GapTrend { kCannotBeCalculated, kNarrowing, kWidening, kNoSignificantChange };

// One period's gap with its 95% interval.
struct GapPoint {
  double period = kMissing;  // orders the points; any increasing number (e.g. the year)
  double gap = kMissing;
  Interval ci95;
};

struct GapTrendResult {
  GapTrend trend = GapTrend::kCannotBeCalculated;
  bool significant = false;       // whether the slope is significant
  double chi_squared = kMissing;  // (b/SE(b))², 1 df
  double slope = kMissing;        // change of the gap per period step
  std::string message;            // why no trend, or why a significant slope has no direction
};

// The trend of the kTrendPoints most recent gaps (points in any order): the weighted regression
// of RecentTrend, needing an unbroken run of kTrendPoints points with a gap and both limits back
// from the latest period. A significant slope whose sign is opposite to the latest gap's is
// narrowing, the same sign widening. When the latest gap is exactly zero, the weighted mean gap
// of the window takes its place; when that is zero too the trend is kNoSignificantChange.
GapTrendResult RecentGapTrend(std::span<const GapPoint> points);

// "Gap narrowing", "Gap widening", "No significant change", "Cannot be calculated".
std::string_view GapTrendLabel(GapTrend trend);

}  // namespace waymark::stats
