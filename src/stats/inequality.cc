// The inequality gap: difference of proportions with Newcombe's interval.
#include "stats/inequality.h"

#include <cmath>

#include "stats/proportion.h"

namespace waymark::stats {

// Method: Newcombe RG (1998), "Interval estimation for the difference between independent
// proportions", Stat Med 17:873-890, method 10 (hybrid score, no continuity correction), built
// from the two Wilson intervals:
//   lower = D − √((p1 − l1)² + (u2 − p2)²),  upper = D + √((u1 − p1)² + (p2 − l2)²).
Result<Estimate> ProportionDifference(double x1, double n1, double x2, double n2,
                                      std::span<const ConfidenceLevel> levels, double multiplier) {
  WAYMARK_ASSIGN_OR_RETURN(Estimate first, Proportion(x1, n1, levels));
  WAYMARK_ASSIGN_OR_RETURN(Estimate second, Proportion(x2, n2, levels));
  if (!(multiplier > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
  }
  Estimate gap;
  gap.method = "Newcombe";
  gap.intervals.resize(levels.size());
  if (IsMissing(first.value) || IsMissing(second.value)) return gap;
  const double p1 = first.value;
  const double p2 = second.value;
  const double d = p1 - p2;
  gap.value = d * multiplier;
  for (size_t i = 0; i < levels.size(); ++i) {
    const Interval& a = first.intervals[i];
    const Interval& b = second.intervals[i];
    const double below = std::hypot(p1 - a.lower, b.upper - p2);
    const double above = std::hypot(a.upper - p1, p2 - b.lower);
    gap.intervals[i] = {(d - below) * multiplier, (d + above) * multiplier};
  }
  return gap;
}

}  // namespace waymark::stats
