// Benchmarks of the statistics layer: proportions with 95% and 99.8% Wilson limits per second.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "stats/confidence.h"
#include "stats/proportion.h"
#include "stats/rate.h"

namespace {

using waymark::stats::DefaultConfidenceLevels;
using waymark::stats::Interval;

struct Rows {
  std::vector<double> x;
  std::vector<double> n;
};

// Numerators and denominators shaped like local-authority indicator data.
const Rows& Data() {
  static const Rows rows = [] {
    constexpr size_t kRows = 1 << 16;
    std::mt19937_64 rng(20261122);
    std::uniform_int_distribution<int> denominator(10, 200000);
    std::uniform_real_distribution<double> fraction(0, 1);
    Rows r;
    for (size_t i = 0; i < kRows; ++i) {
      const double n = denominator(rng);
      r.n.push_back(n);
      r.x.push_back(std::floor(fraction(rng) * n));
    }
    return r;
  }();
  return rows;
}

// The hot path: z for both levels computed once, then two Wilson intervals per row.
void ProportionBothIntervals(benchmark::State& state) {
  const Rows& rows = Data();
  const double z95 = DefaultConfidenceLevels()[0].Z();
  const double z998 = DefaultConfidenceLevels()[1].Z();
  std::vector<Interval> out95(rows.x.size()), out998(rows.x.size());
  for (auto _ : state) {
    for (size_t i = 0; i < rows.x.size(); ++i) {
      out95[i] = waymark::stats::WilsonInterval(rows.x[i], rows.n[i], z95);
      out998[i] = waymark::stats::WilsonInterval(rows.x[i], rows.n[i], z998);
    }
    benchmark::DoNotOptimize(out95.data());
    benchmark::DoNotOptimize(out998.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.x.size()));
}
BENCHMARK(ProportionBothIntervals);

// The validating API: value, both intervals and the method label per call.
void ProportionApi(benchmark::State& state) {
  const Rows& rows = Data();
  const auto& levels = DefaultConfidenceLevels();
  for (auto _ : state) {
    for (size_t i = 0; i < rows.x.size(); ++i) {
      auto estimate = waymark::stats::Proportion(rows.x[i], rows.n[i], levels, 100);
      benchmark::DoNotOptimize(estimate);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.x.size()));
}
BENCHMARK(ProportionApi);

// Crude rates: exact (gamma quantile) below 10 events, Byar's above.
void CrudeRateBoth(benchmark::State& state) {
  const Rows& rows = Data();
  const auto& levels = DefaultConfidenceLevels();
  for (auto _ : state) {
    for (size_t i = 0; i < rows.x.size(); ++i) {
      auto estimate = waymark::stats::CrudeRate(rows.x[i] / 100, rows.n[i], levels);
      benchmark::DoNotOptimize(estimate);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.x.size()));
}
BENCHMARK(CrudeRateBoth);

}  // namespace

BENCHMARK_MAIN();
