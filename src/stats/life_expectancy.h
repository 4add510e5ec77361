// Life expectancy from an abridged life table (Chiang II) with Silcocks' confidence limits
// (PIM phe_life_expectancy).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

// The 20 start ages of the abridged table: 0, 1, 5, 10, ..., 85, 90 (90+ is open-ended).
std::span<const double> LifeTableStartAges();

struct LifeTableBand {
  double start_age = kMissing;
  double population = kMissing;
  double deaths = kMissing;
};

// Why a group's life expectancy is not published (PIM's suppression rules, in PIM's order).
enum class LifeExpectancyStatus {
  kCalculated,
  kNegativeDeaths,          // some band has deaths < 0
  kNonPositivePopulation,   // some band has population <= 0
  kWrongBandCount,          // the group does not have exactly 20 bands
  kDeathsExceedPopulation,  // some band has more deaths than population
  kSmallPopulation,         // total population <= 5000
};

std::string_view LifeExpectancyStatusMessage(LifeExpectancyStatus status);

struct LifeExpectancyRow {
  double start_age = kMissing;
  // Life expectancy at start_age with limits per level ("Chiang, using Silcocks et al for
  // confidence limits"). The value (not the limits) is missing when the 95% interval is wider
  // than 20 years.
  Estimate estimate;
  bool wide_interval = false;
  double population_used = kMissing;  // population from this age upwards
  double deaths_used = kMissing;      // deaths from this age upwards
};

struct LifeExpectancyResult {
  LifeExpectancyStatus status = LifeExpectancyStatus::kCalculated;
  std::vector<LifeExpectancyRow> rows;  // by start age; all missing unless kCalculated
};

// Bands may come in any order. Errors: a missing value, or a start age outside the table.
Result<LifeExpectancyResult> LifeExpectancy(std::span<const LifeTableBand> bands,
                                            std::span<const ConfidenceLevel> levels);

}  // namespace waymark::stats
