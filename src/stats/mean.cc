// Means with Student's t confidence limits.
#include "stats/mean.h"

#include <cmath>

namespace waymark::stats {

// Method: Student's t interval (PIM R/Means.R): mean = Σx/n, sd with n − 1, limits
// mean ± |t⁻¹((1 − c)/2; n − 1)|·sd/√n.
MeanResult Mean(std::span<const double> values, std::span<const ConfidenceLevel> levels,
                MissingValues missing) {
  MeanResult result;
  result.estimate.method = "Student's t-distribution";
  result.estimate.intervals.resize(levels.size());
  bool any_missing = false;
  double sum = 0;
  for (double v : values) {
    if (IsMissing(v)) {
      any_missing = true;
      continue;
    }
    sum += v;
    result.n += 1;
  }
  if ((any_missing && missing == MissingValues::kPropagate) || result.n == 0) return result;
  const double mean = sum / result.n;
  result.sum = sum;
  result.estimate.value = mean;
  if (result.n < 2) return result;
  double squares = 0;
  for (double v : values) {
    if (!IsMissing(v)) squares += (v - mean) * (v - mean);
  }
  result.sd = std::sqrt(squares / (result.n - 1));
  const double se = result.sd / std::sqrt(result.n);
  for (size_t i = 0; i < levels.size(); ++i) {
    const double c = levels[i].Fraction();
    const double t = std::abs(StudentTQuantile(result.n - 1, (1 - c) / 2));
    result.estimate.intervals[i] = {mean - t * se, mean + t * se};
  }
  return result;
}

}  // namespace waymark::stats
