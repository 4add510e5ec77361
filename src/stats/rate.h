// Counts and crude rates: Byar's and exact Poisson confidence limits (PIM phe_rate).
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// Byar's approximation to the Poisson limits of an observed count o at normal deviate z.
// The lower limit is missing when the approximation goes negative (e.g. o = 1 at 99.8%).
double ByarsLower(double o, double z);
double ByarsUpper(double o, double z);

// Exact Poisson limits of an observed count o at confidence level c (a fraction).
double ExactPoissonLower(double o, double c);
double ExactPoissonUpper(double o, double c);

// Below this many events the exact limits are used, from it upwards Byar's.
inline constexpr double kExactCountThreshold = 10;

// Limits of a count: exact below kExactCountThreshold, Byar's otherwise.
Interval CountInterval(double o, const ConfidenceLevel& level);
// "Exact" or "Byars", whichever CountInterval uses for o.
std::string_view CountMethod(double o);

// o/n × multiplier with count limits divided by n (× multiplier). A missing o or n gives a
// missing value and limits. Errors: o < 0, n <= 0, multiplier <= 0. o may exceed n.
Result<Estimate> CrudeRate(double o, double n, std::span<const ConfidenceLevel> levels,
                           double multiplier = 100000);

}  // namespace waymark::stats
