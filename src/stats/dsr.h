// Directly standardised rates by the Dobson method, with the 2013 European Standard Population
// built in (PIM calculate_dsr / phe_dsr).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// The 2013 European Standard Population: 19 five-year bands 0-4, 5-9, ..., 85-89, 90+.
std::span<const double> Esp2013Weights();
std::span<const std::string_view> Esp2013Bands();

// One standardisation category (age band) of one group.
struct DsrBand {
  double count = kMissing;       // events; missing counts as 0
  double population = kMissing;  // required, > 0
  double standard = kMissing;    // standard population weight; required, >= 0
};

// One age band when events are not independent: persons_by_frequency[f − 1] is the number of
// persons with f events (missing counts as 0).
struct DsrFrequencyBand {
  double population = kMissing;
  double standard = kMissing;
  std::vector<double> persons_by_frequency;
};

struct DsrResult {
  double total_count = kMissing;
  double total_population = kMissing;
  // value and limits are missing when total_count < kDsrMinimumCount; method is "Dobson" or
  // "Dobson, with confidence adjusted for non-independent events".
  Estimate estimate;
  bool suppressed = false;
};

// The DSR is not published below this many events.
inline constexpr double kDsrMinimumCount = 10;

// DSR = Σ(xᵢwᵢ/nᵢ)/Σwᵢ × multiplier with Dobson limits. Errors: no bands, a negative count,
// a missing or non-positive population, a missing or negative standard, Σw = 0.
Result<DsrResult> DirectlyStandardisedRate(std::span<const DsrBand> bands,
                                           std::span<const ConfidenceLevel> levels,
                                           double multiplier = 100000);

// The same with the variance adjusted for persons with several events.
Result<DsrResult> DirectlyStandardisedRateNonIndependent(std::span<const DsrFrequencyBand> bands,
                                                         std::span<const ConfidenceLevel> levels,
                                                         double multiplier = 100000);

}  // namespace waymark::stats
