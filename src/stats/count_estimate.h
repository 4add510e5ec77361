// The value of an indicator and its 95% and 99.8% limits from a count and a denominator, by
// the indicator's method, without allocating: what judging computes for every figure with
// counts, and what a stored judgement that omits those numbers is read back with.
#pragma once

#include <optional>

#include "core/indicator.h"

namespace waymark::stats {

struct CountEstimate {
  double value, lower95, upper95, lower998, upper998;
};

// x / n × multiplier with Wilson limits (kWilson) or count limits divided by n (kByar: exact
// Poisson below 10 events, Byar's from 10), each × multiplier. nullopt for any other method and
// for the inputs those methods reject: multiplier not above 0, x < 0, n not above 0, missing x
// or n, and x > n for Wilson.
// Method: PHE Technical Guide "Confidence intervals"; PHEindicatormethods phe_proportion and
// phe_rate (the same limits as stats::Proportion and stats::CrudeRate).
std::optional<CountEstimate> EstimateFromCounts(CiMethod method, double multiplier, double x,
                                                double n);

}  // namespace waymark::stats
