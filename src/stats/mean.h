// Means with Student's t confidence limits (PIM phe_mean).
#pragma once

#include <span>

#include "stats/confidence.h"
#include "stats/estimate.h"

namespace waymark::stats {

struct MeanResult {
  double n = 0;  // number of non-missing values
  double sum = kMissing;
  double sd = kMissing;  // sample standard deviation (n − 1)
  Estimate estimate;     // method "Student's t-distribution"
};

enum class MissingValues {
  kPropagate,  // any missing value makes sum, sd, value and limits missing (R's sum/sd)
  kSkip,       // missing values are left out (pandas)
};

// The mean with limits mean ± |t⁻¹((1 − c)/2; n − 1)|·sd/√n. Fewer than 2 values leave sd and
// the limits missing; no values leave the mean missing too.
MeanResult Mean(std::span<const double> values, std::span<const ConfidenceLevel> levels,
                MissingValues missing = MissingValues::kPropagate);

}  // namespace waymark::stats
