// Value and limits from counts (count_estimate.h).
#include "stats/count_estimate.h"

#include "stats/confidence.h"
#include "stats/proportion.h"
#include "stats/rate.h"

namespace waymark::stats {

std::optional<CountEstimate> EstimateFromCounts(CiMethod method, double multiplier, double x,
                                                double n) {
  const double m = multiplier;
  if (method != CiMethod::kWilson && method != CiMethod::kByar) return std::nullopt;
  if (!(m > 0) || !(x >= 0) || !(n > 0)) return std::nullopt;
  if (method == CiMethod::kWilson && x > n) return std::nullopt;
  const auto& levels = DefaultConfidenceLevels();
  CountEstimate e{};
  e.value = x / n * m;
  if (method == CiMethod::kWilson) {
    const Interval i95 = WilsonInterval(x, n, levels[0].Z());
    const Interval i998 = WilsonInterval(x, n, levels[1].Z());
    e.lower95 = i95.lower * m;
    e.upper95 = i95.upper * m;
    e.lower998 = i998.lower * m;
    e.upper998 = i998.upper * m;
    return e;
  }
  const Interval c95 = CountInterval(x, levels[0]);
  const Interval c998 = CountInterval(x, levels[1]);
  e.lower95 = c95.lower / n * m;
  e.upper95 = c95.upper / n * m;
  e.lower998 = c998.lower / n * m;
  e.upper998 = c998.upper / n * m;
  return e;
}

}  // namespace waymark::stats
