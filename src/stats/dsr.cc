// Directly standardised rates (Dobson method).
#include "stats/dsr.h"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "stats/rate.h"

namespace waymark::stats {
namespace {

// Method: ESP2013 weights (Eurostat 2013; PIM data-raw/LoadTestdata.R esp2013).
constexpr std::array<double, 19> kEsp2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500,
                                             7000, 7000, 7000, 7000, 6500, 6000, 5500,
                                             5000, 4000, 2500, 1500, 1000};
constexpr std::array<std::string_view, 19> kEsp2013Bands = {
    "0-4",   "5-9",   "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

double ZeroIfMissing(double x) { return IsMissing(x) ? 0 : x; }

Status CheckBand(double population, double standard, size_t index) {
  if (IsMissing(population) || population <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("band {}: population must be greater than zero", index + 1));
  }
  if (IsMissing(standard) || standard < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("band {}: standard population must be zero or more", index + 1));
  }
  return {};
}

// Sums shared by both variants: Σ xw/n, Σ w, Σ n, and the count total.
struct Sums {
  double weighted_rate = 0;
  double standard = 0;
  double population = 0;
  double count = 0;
  double variance_terms = 0;  // Σ xᵢ(wᵢ/nᵢ)², or its non-independent equivalent
};

// Method: Dobson et al. 1991 with Byar's limits for the total count O:
//   limit = DSR + √(var/O)·(Byars(O) − O)·multiplier, var = Σxᵢ(wᵢ/nᵢ)²/(Σwᵢ)²;
// value and limits suppressed when O < 10 (PIM R/DSR.R).
Result<DsrResult> Finish(const Sums& sums, std::span<const ConfidenceLevel> levels,
                         double multiplier, std::string method) {
  if (!(sums.standard > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "standard populations sum to zero");
  }
  DsrResult result;
  result.total_count = sums.count;
  result.total_population = sums.population;
  result.estimate.method = std::move(method);
  result.estimate.intervals.resize(levels.size());
  if (sums.count < kDsrMinimumCount) {
    result.suppressed = true;
    return result;
  }
  const double value = sums.weighted_rate / sums.standard * multiplier;
  const double variance = sums.variance_terms / (sums.standard * sums.standard);
  const double scale = std::sqrt(variance / sums.count) * multiplier;
  const double o = sums.count;
  result.estimate.value = value;
  for (size_t i = 0; i < levels.size(); ++i) {
    const double z = levels[i].Z();
    result.estimate.intervals[i] = {value + scale * (ByarsLower(o, z) - o),
                                    value + scale * (ByarsUpper(o, z) - o)};
  }
  return result;
}

Status CheckMultiplier(double multiplier) {
  if (multiplier > 0) return {};
  return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
}

}  // namespace

std::span<const double> Esp2013Weights() { return kEsp2013; }
std::span<const std::string_view> Esp2013Bands() { return kEsp2013Bands; }

Result<DsrResult> DirectlyStandardisedRate(std::span<const DsrBand> bands,
                                           std::span<const ConfidenceLevel> levels,
                                           double multiplier) {
  WAYMARK_TRY(CheckMultiplier(multiplier));
  if (bands.empty()) return MakeError(ErrorCode::kInvalidArgument, "no standardisation bands");
  Sums sums;
  for (size_t i = 0; i < bands.size(); ++i) {
    const DsrBand& b = bands[i];
    if (b.count < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("band {}: count must be zero or more", i + 1));
    }
    WAYMARK_TRY(CheckBand(b.population, b.standard, i));
    // Method: a missing count is treated as zero (PIM na.zero).
    const double x = ZeroIfMissing(b.count);
    const double ratio = b.standard / b.population;
    sums.weighted_rate += x * ratio;
    sums.variance_terms += x * ratio * ratio;
    sums.standard += b.standard;
    sums.population += b.population;
    sums.count += x;
  }
  return Finish(sums, levels, multiplier, "Dobson");
}

// Method: PIM calculate_dsr(independent_events = FALSE): the Dobson variance of the persons with
// each event frequency f, combined as Σ_f f²·var_f; events x = Σ_f f·persons_f.
Result<DsrResult> DirectlyStandardisedRateNonIndependent(std::span<const DsrFrequencyBand> bands,
                                                         std::span<const ConfidenceLevel> levels,
                                                         double multiplier) {
  WAYMARK_TRY(CheckMultiplier(multiplier));
  if (bands.empty()) return MakeError(ErrorCode::kInvalidArgument, "no standardisation bands");
  Sums sums;
  for (size_t i = 0; i < bands.size(); ++i) {
    const DsrFrequencyBand& b = bands[i];
    WAYMARK_TRY(CheckBand(b.population, b.standard, i));
    double events = 0;
    double squared = 0;
    for (size_t f = 0; f < b.persons_by_frequency.size(); ++f) {
      const double persons = ZeroIfMissing(b.persons_by_frequency[f]);
      if (persons < 0) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("band {}: persons must be zero or more", i + 1));
      }
      const double frequency = static_cast<double>(f + 1);
      events += frequency * persons;
      squared += frequency * frequency * persons;
    }
    const double ratio = b.standard / b.population;
    sums.weighted_rate += events * ratio;
    sums.variance_terms += squared * ratio * ratio;
    sums.standard += b.standard;
    sums.population += b.population;
    sums.count += events;
  }
  return Finish(sums, levels, multiplier,
                "Dobson, with confidence adjusted for non-independent events");
}

}  // namespace waymark::stats
