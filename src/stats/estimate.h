// Shared value types of the statistics layer: missing values, intervals and estimates.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace waymark::stats {

// A missing value (R's NA). Every function treats NaN inputs as missing and returns NaN for
// results that cannot be calculated.
inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

inline bool IsMissing(double x) { return std::isnan(x); }

// A two-sided confidence interval; either limit may be missing.
struct Interval {
  double lower = kMissing;
  double upper = kMissing;
};

// A statistic with one interval per requested confidence level (in the order requested) and
// the name of the method that produced the limits ("Wilson", "Byars", "Exact", ...).
struct Estimate {
  double value = kMissing;
  std::vector<Interval> intervals;
  std::string method;
};

}  // namespace waymark::stats
