// The slope index of inequality (SII) and relative index of inequality (RII) across the
// quantiles of a population (PHEindicatormethods phe_sii), with limits by a seeded,
// reproducible simulation.
#pragma once

#include <cstdint>
#include <span>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// The kind of indicator (phe_sii value_type 0, 1, 2). It sets the scale on which each
// quantile's value is simulated (as given, log, logit) and what `transform` fits on.
enum class SiiValueType { kNormal = 0, kRate = 1, kProportion = 2 };

// How each quantile's sampling spread is given: a standard error, or lower and upper limits.
enum class SiiSpread { kStandardError, kLimits };

// One quantile (e.g. a deprivation decile). Quantiles are passed in rank order: the first is
// quantile 1 (e.g. the most deprived), the last the other end of the scale.
struct SiiQuantile {
  double population = kMissing;  // > 0
  // The indicator value, not multiplied (a proportion in (0, 1), a rate per unit of population
  // or per any fixed base).
  double value = kMissing;
  // Proportions only: when value is missing it is count / population.
  double count = kMissing;
  // With SiiSpread::kStandardError, ≥ 0. For rates and proportions it is the standard error of
  // log(value) or logit(value), as in phe_sii.
  double standard_error = kMissing;
  // With SiiSpread::kLimits: the limits of value at SiiOptions::limits_confidence, on the
  // value's own scale. The standard error is (g(upper) − g(lower)) / 2z with g the identity,
  // log or logit.
  double lower = kMissing;
  double upper = kMissing;
};

struct SiiOptions {
  SiiValueType value_type = SiiValueType::kNormal;
  SiiSpread spread = SiiSpread::kStandardError;
  // The level of the quantiles' lower/upper limits, a fraction or a percentage below 100
  // (phe_sii always assumes 95%).
  double limits_confidence = 0.95;
  // Fit on the log (rates) or logit (proportions) scale and transform the results back; needs
  // limits rather than standard errors.
  bool transform = false;
  // Scales the SII and its limits (e.g. 100 for a percentage); a negative multiplier also
  // inverts the RII, for indicators where a higher value is better. Not zero.
  double multiplier = 1;
  std::int64_t repetitions = 100000;  // simulated samples, 1,000 to 10,000,000
  bool rii = false;                   // also return the RII and its limits
  bool intercept = false;             // also return the fitted value at the start of the scale
};

struct SiiResult {
  // The SII × multiplier, one interval per requested level; method "simulation N reps".
  Estimate sii;
  // The RII (fitted value at the end of the scale / at the start; inverted when the multiplier
  // is negative) when options.rii; otherwise missing with no intervals.
  Estimate rii;
  // The fitted value at the start of the scale × |multiplier| when options.intercept, else
  // missing.
  double intercept = kMissing;
};

// The SII and RII of one area's quantiles, with limits at each level from `repetitions`
// simulated samples drawn from a generator seeded with `seed` (same inputs and seed, same
// result on every platform). Errors (kInvalidArgument): fewer than 5 or more than 100
// quantiles; a missing, zero or negative population; a missing value (or, for proportions,
// count); a missing or negative standard error, or missing limits; proportions (values and
// limits) outside (0, 1) or a count ≤ 0; rates (values and limits) ≤ 0; a lower limit above
// the upper; transform with a normal indicator or with standard errors; no levels, a level
// below 90%, or a level too wide for the repetitions; repetitions out of range; a zero or
// non-finite multiplier; a limits_confidence that is not a level below 100%.
Result<SiiResult> SlopeIndexOfInequality(std::span<const SiiQuantile> quantiles,
                                         std::span<const ConfidenceLevel> levels,
                                         const SiiOptions& options, std::uint64_t seed);

}  // namespace waymark::stats
