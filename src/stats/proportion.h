// Proportions with Wilson score confidence limits (PIM phe_proportion).
#pragma once

#include <span>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// Wilson score limits for x events out of n at normal deviate z, on the proportion scale.
// No validation: callers check 0 <= x <= n and n > 0. z = +inf gives [0, 1].
Interval WilsonInterval(double x, double n, double z);

// x/n × multiplier with Wilson limits (also × multiplier) at each level. A missing x or n gives
// a missing value and limits. Errors: x < 0, n <= 0, x > n, multiplier <= 0.
Result<Estimate> Proportion(double x, double n, std::span<const ConfidenceLevel> levels,
                            double multiplier = 1);

}  // namespace waymark::stats
