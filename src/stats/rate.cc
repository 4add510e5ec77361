// Counts and crude rates: Byar's and exact Poisson confidence limits.
#include "stats/rate.h"

#include <cmath>

#include <fmt/format.h>

namespace waymark::stats {

// Method: Byar's approximation (Breslow & Day 1987), PIM R/utils.R byars_lower:
//   o · (1 − 1/(9o) − z/(3√o))³, negative results reported as missing.
double ByarsLower(double o, double z) {
  const double base = 1 - 1 / (9 * o) - z / (3 * std::sqrt(o));
  const double lower = o * base * base * base;
  if (!(lower >= 0)) return kMissing;
  return lower;
}

// Method: Byar's approximation, PIM R/utils.R byars_upper:
//   (o + 1) · (1 − 1/(9(o + 1)) + z/(3√(o + 1)))³.
double ByarsUpper(double o, double z) {
  const double o1 = o + 1;
  const double base = 1 - 1 / (9 * o1) + z / (3 * std::sqrt(o1));
  return o1 * base * base * base;
}

// Method: exact Poisson limits (Armitage & Berry), χ²⁻¹((1 − c)/2; 2o)/2, which is the gamma
// quantile with shape o; 0 when o is 0 (PIM R/Rates.R).
double ExactPoissonLower(double o, double c) {
  if (o == 0) return 0;
  return GammaQuantile(o, (1 - c) / 2);
}

// Method: exact Poisson upper limit χ²⁻¹(c + (1 − c)/2; 2o + 2)/2 (PIM R/Rates.R).
double ExactPoissonUpper(double o, double c) { return GammaQuantile(o + 1, c + (1 - c) / 2); }

// Method: PIM phe_rate uses exact limits for counts below 10 and Byar's from 10 upwards.
Interval CountInterval(double o, const ConfidenceLevel& level) {
  if (o < kExactCountThreshold) {
    return {ExactPoissonLower(o, level.Fraction()), ExactPoissonUpper(o, level.Fraction())};
  }
  return {ByarsLower(o, level.Z()), ByarsUpper(o, level.Z())};
}

std::string_view CountMethod(double o) { return o < kExactCountThreshold ? "Exact" : "Byars"; }

Result<Estimate> CrudeRate(double o, double n, std::span<const ConfidenceLevel> levels,
                           double multiplier) {
  if (!(multiplier > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
  }
  if (o < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("count {} must be greater than or equal to zero", o));
  }
  if (n <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("population {} must be greater than zero", n));
  }
  Estimate estimate;
  estimate.intervals.resize(levels.size());
  if (!IsMissing(o)) estimate.method = CountMethod(o);
  // Method: a missing count or population gives missing outputs (PIM phe_rate).
  if (IsMissing(o) || IsMissing(n)) return estimate;
  estimate.value = o / n * multiplier;
  for (size_t i = 0; i < levels.size(); ++i) {
    Interval count = CountInterval(o, levels[i]);
    estimate.intervals[i] = {count.lower / n * multiplier, count.upper / n * multiplier};
  }
  return estimate;
}

}  // namespace waymark::stats
