// Indirectly standardised ratios and rates.
#include "stats/isr.h"

#include <fmt/format.h>

#include "stats/rate.h"

namespace waymark::stats {
namespace {

double ZeroIfMissing(double x) { return IsMissing(x) ? 0 : x; }

struct Totals {
  double observed = 0;
  double expected = 0;
  double reference_count = 0;
  double reference_population = 0;
};

// Method: expected E = Σ (x_refᵢ/n_refᵢ)·nᵢ with missing x_ref or n as 0; observed O = Σxᵢ or a
// supplied total (PIM R/ISRatio.R, R/ISRate.R).
Result<Totals> Sum(std::span<const IsrBand> bands, double observed_total) {
  if (bands.empty()) return MakeError(ErrorCode::kInvalidArgument, "no standardisation bands");
  Totals totals;
  for (size_t i = 0; i < bands.size(); ++i) {
    const IsrBand& b = bands[i];
    if (b.count < 0 || b.population < 0 || b.reference_count < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("band {}: counts and populations must be zero or more", i + 1));
    }
    if (IsMissing(b.reference_population) || b.reference_population <= 0) {
      return MakeError(
          ErrorCode::kInvalidArgument,
          fmt::format("band {}: reference population must be greater than zero", i + 1));
    }
    totals.observed += ZeroIfMissing(b.count);
    totals.expected +=
        ZeroIfMissing(b.reference_count) / b.reference_population * ZeroIfMissing(b.population);
    totals.reference_count += ZeroIfMissing(b.reference_count);
    totals.reference_population += b.reference_population;
  }
  if (!IsMissing(observed_total)) {
    if (observed_total < 0) {
      return MakeError(ErrorCode::kInvalidArgument, "observed total must be zero or more");
    }
    totals.observed = observed_total;
  }
  if (!(totals.expected > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "expected count is zero");
  }
  return totals;
}

// Method: value O/E × scale; limits lim(O)/E × scale, exact below 10 events, Byar's otherwise.
IsrResult Finish(const Totals& totals, std::span<const ConfidenceLevel> levels, double scale) {
  IsrResult result;
  result.observed = totals.observed;
  result.expected = totals.expected;
  result.estimate.method = CountMethod(totals.observed);
  result.estimate.value = totals.observed / totals.expected * scale;
  for (const ConfidenceLevel& level : levels) {
    const Interval count = CountInterval(totals.observed, level);
    result.estimate.intervals.push_back(
        {count.lower / totals.expected * scale, count.upper / totals.expected * scale});
  }
  return result;
}

}  // namespace

Result<IsrResult> IndirectlyStandardisedRatio(std::span<const IsrBand> bands,
                                              std::span<const ConfidenceLevel> levels,
                                              double reference_value, double observed_total) {
  if (!(reference_value > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "reference value must be greater than zero");
  }
  WAYMARK_ASSIGN_OR_RETURN(Totals totals, Sum(bands, observed_total));
  return Finish(totals, levels, reference_value);
}

// Method: ISRate = O/E × Σx_ref/Σn_ref × multiplier (PIM R/ISRate.R).
Result<IsrResult> IndirectlyStandardisedRate(std::span<const IsrBand> bands,
                                             std::span<const ConfidenceLevel> levels,
                                             double multiplier, double observed_total) {
  if (!(multiplier > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
  }
  WAYMARK_ASSIGN_OR_RETURN(Totals totals, Sum(bands, observed_total));
  const double reference_rate = totals.reference_count / totals.reference_population * multiplier;
  IsrResult result = Finish(totals, levels, reference_rate);
  result.reference_rate = reference_rate;
  return result;
}

}  // namespace waymark::stats
