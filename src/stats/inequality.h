// The inequality gap between two groups: the difference of two proportions with Newcombe's
// hybrid score interval.
#pragma once

#include <span>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// (x1/n1 − x2/n2) × multiplier with Newcombe's method 10 limits (× multiplier). A missing input
// gives missing outputs. Errors as for Proportion, for either group.
Result<Estimate> ProportionDifference(double x1, double n1, double x2, double n2,
                                      std::span<const ConfidenceLevel> levels,
                                      double multiplier = 1);

}  // namespace waymark::stats
