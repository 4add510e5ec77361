// Column statistics with missing values ignored (sample sd, type-7 quantiles, ranks, e1071
// type-2 skewness and kurtosis).
#include "index/column_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "index/model.h"

namespace waymark::index {
namespace {

std::vector<double> Present(std::span<const double> x) {
  std::vector<double> v;
  v.reserve(x.size());
  for (double value : x) {
    if (!IsMissing(value)) v.push_back(value);
  }
  return v;
}

// Σ(x − mean)^k for k = 2, 3, 4 over present values, with their count.
struct Moments {
  double n = 0, m2 = 0, m3 = 0, m4 = 0;
};

Moments CentralMoments(std::span<const double> x) {
  Moments m;
  const double mean = Mean(x);
  for (double v : x) {
    if (IsMissing(v)) continue;
    const double d = v - mean;
    const double d2 = d * d;
    m.n += 1;
    m.m2 += d2;
    m.m3 += d2 * d;
    m.m4 += d2 * d2;
  }
  return m;
}

}  // namespace

size_t CountPresent(std::span<const double> x) {
  return static_cast<size_t>(
      std::count_if(x.begin(), x.end(), [](double v) { return !IsMissing(v); }));
}

double Mean(std::span<const double> x) {
  double sum = 0;
  size_t n = 0;
  for (double v : x) {
    if (IsMissing(v)) continue;
    sum += v;
    ++n;
  }
  return n == 0 ? kMissing : sum / static_cast<double>(n);
}

double Median(std::span<const double> x) { return QuantileType7(x, 0.5); }

double SampleSd(std::span<const double> x) {
  const double mean = Mean(x);
  double ss = 0;
  size_t n = 0;
  for (double v : x) {
    if (IsMissing(v)) continue;
    ss += (v - mean) * (v - mean);
    ++n;
  }
  return n < 2 ? kMissing : std::sqrt(ss / static_cast<double>(n - 1));
}

double Min(std::span<const double> x) {
  double best = kMissing;
  for (double v : x) {
    if (!IsMissing(v) && (IsMissing(best) || v < best)) best = v;
  }
  return best;
}

double Max(std::span<const double> x) {
  double best = kMissing;
  for (double v : x) {
    if (!IsMissing(v) && (IsMissing(best) || v > best)) best = v;
  }
  return best;
}

// Method: R quantile(type = 7), Hyndman & Fan (1996).
double QuantileType7(std::span<const double> x, double p) {
  auto v = Present(x);
  std::sort(v.begin(), v.end());
  return SortedQuantileType7(v, p);
}

double SortedQuantileType7(std::span<const double> v, double p) {
  if (v.empty() || !(p >= 0 && p <= 1)) return kMissing;
  const double h = static_cast<double>(v.size() - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= v.size()) return v.back();
  return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
}

std::vector<double> AscendingRanks(std::span<const double> x, Ties ties) {
  std::vector<double> ranks(x.size(), kMissing);
  std::vector<size_t> order;
  order.reserve(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    if (!IsMissing(x[i])) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  for (size_t start = 0; start < order.size();) {
    size_t end = start + 1;
    while (end < order.size() && x[order[end]] == x[order[start]]) ++end;
    const double rank = ties == Ties::kMin ? static_cast<double>(start + 1)
                                           : 0.5 * static_cast<double>(start + 1 + end);
    for (size_t k = start; k < end; ++k) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

std::vector<double> ScoreRanks(std::span<const double> scores) {
  std::vector<double> negated(scores.begin(), scores.end());
  for (double& v : negated) v = -v;
  return AscendingRanks(negated, Ties::kMin);
}

// Method: e1071::skewness type 2 (Joanes & Gill 1998), as used by COINr check_SkewKurt.
double Skewness(std::span<const double> x) {
  const Moments m = CentralMoments(x);
  if (m.n < 3 || m.m2 == 0) return kMissing;
  const double g1 = std::sqrt(m.n) * m.m3 / std::pow(m.m2, 1.5);
  return g1 * std::sqrt(m.n * (m.n - 1)) / (m.n - 2);
}

// Method: e1071::kurtosis type 2 (excess kurtosis), as used by COINr check_SkewKurt.
double Kurtosis(std::span<const double> x) {
  const Moments m = CentralMoments(x);
  if (m.n < 4 || m.m2 == 0) return kMissing;
  const double r = m.n * m.m4 / (m.m2 * m.m2);
  return ((m.n + 1) * (r - 3) + 6) * (m.n - 1) / ((m.n - 2) * (m.n - 3));
}

}  // namespace waymark::index
