// Proportions with Wilson score confidence limits.
#include "stats/proportion.h"

#include <cmath>

#include <fmt/format.h>

namespace waymark::stats {

// Method: Wilson score interval without continuity correction (Wilson 1927; Newcombe & Altman
// 2000), as in PHE's technical guide and PIM R/utils.R wilson_lower/wilson_upper:
//   (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
Interval WilsonInterval(double x, double n, double z) {
  // Method: PIM hard-sets the limits to 0 and 1 when the confidence is 1.
  if (std::isinf(z)) return {0, 1};
  const double z2 = z * z;
  const double centre = 2 * x + z2;
  const double spread = z * std::sqrt(z2 + 4 * x * (1 - x / n));
  const double denominator = 2 * (n + z2);
  // At x = 0 and x = n the formula gives 0 and 1 up to rounding in √(z²); pin them exactly.
  const double lower = x == 0 ? 0.0 : (centre - spread) / denominator;
  const double upper = x == n ? 1.0 : (centre + spread) / denominator;
  return {lower, upper};
}

Result<Estimate> Proportion(double x, double n, std::span<const ConfidenceLevel> levels,
                            double multiplier) {
  Estimate estimate;
  estimate.method = "Wilson";
  if (!(multiplier > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
  }
  // Method: a missing numerator or denominator gives missing outputs (PIM phe_proportion).
  if (IsMissing(x) || IsMissing(n)) {
    estimate.intervals.resize(levels.size());
    return estimate;
  }
  if (x < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("numerator {} must be greater than or equal to zero", x));
  }
  if (n <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("denominator {} must be greater than zero", n));
  }
  if (x > n) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("numerator {} must not exceed denominator {}", x, n));
  }
  estimate.value = x / n * multiplier;
  estimate.intervals.reserve(levels.size());
  for (const ConfidenceLevel& level : levels) {
    Interval limits = WilsonInterval(x, n, level.Z());
    estimate.intervals.push_back({limits.lower * multiplier, limits.upper * multiplier});
  }
  return estimate;
}

}  // namespace waymark::stats
