// Indirect standardisation: standardised ratios (ISR/SMR) and indirectly standardised rates
// from reference rates (PIM calculate_ISRatio / calculate_ISRate).
#pragma once

#include <span>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// One standardisation category (age band) of one group with its reference counts.
struct IsrBand {
  double count = kMissing;                 // observed events; missing counts as 0
  double population = kMissing;            // missing counts as 0
  double reference_count = kMissing;       // missing counts as 0
  double reference_population = kMissing;  // required, > 0
};

struct IsrResult {
  double observed = kMissing;
  double expected = kMissing;
  double reference_rate = kMissing;  // Σx_ref/Σn_ref × multiplier (rates only)
  Estimate estimate;                 // method "Exact" below 10 events, else "Byars"
};

// O/E × reference_value with count limits of O divided by E. observed_total, when given,
// replaces Σ counts. Errors: no bands, negative counts or populations, a missing or
// non-positive reference population, E = 0, reference_value <= 0.
Result<IsrResult> IndirectlyStandardisedRatio(std::span<const IsrBand> bands,
                                              std::span<const ConfidenceLevel> levels,
                                              double reference_value = 1,
                                              double observed_total = kMissing);

// O/E × the reference rate Σx_ref/Σn_ref × multiplier, with limits likewise.
Result<IsrResult> IndirectlyStandardisedRate(std::span<const IsrBand> bands,
                                             std::span<const ConfidenceLevel> levels,
                                             double multiplier = 100000,
                                             double observed_total = kMissing);

}  // namespace waymark::stats
