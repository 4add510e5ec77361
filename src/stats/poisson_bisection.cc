// Exact Poisson limits by bisection (PIM R/utils.R poisson_cis/poisson_funnel; FTO
// StatisticalMethods.cs).
#include "stats/poisson_bisection.h"

namespace waymark::stats {

// Method: series summation of Poisson terms as in PIM poisson_cis; the loop runs while k <= λ
// or the current term exceeds 1e-10 of the total, rescaling every sum when the total passes
// 1e30.
double PoissonRangeProbability(double lambda, double a, double b) {
  double term = 1;
  double total = 0;
  double in_range = 0;
  double k = 0;
  while (k <= lambda || term > total * 1e-10) {
    total += term;
    if (k >= a && k <= b) in_range += term;
    if (total > 1e30) {
      in_range /= 1e30;
      total /= 1e30;
      term /= 1e30;
    }
    k += 1;
    term = term * lambda / k;
  }
  return in_range / total;
}

// Method: bisection of PIM poisson_funnel (from the PHE funnel-plot Excel macro).
double PoissonBisectionLimit(double observed, double p, PoissonSide side) {
  constexpr double kUpperBound = 10000000000;  // "to infinity" in the published routine
  double v = 0.5;
  double dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const double lambda = (1 + observed) * v / (1 - v);
    if (side == PoissonSide::kLow) {
      v += PoissonRangeProbability(lambda, observed, kUpperBound) > p ? -dv : dv;
    } else {
      v += PoissonRangeProbability(lambda, 0, observed) < p ? -dv : dv;
    }
  }
  return (1 + observed) * v / (1 - v);
}

}  // namespace waymark::stats
