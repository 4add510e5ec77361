// Benchmarks of the composite-index layer: Monte Carlo uncertainty runs per second over 153 units
// × 9 measures (three domains of three), varying weights, normalisation and aggregation.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "index/pipeline.h"
#include "stats/random.h"
#include "index/sensitivity.h"

namespace {

using namespace waymark::index;

constexpr size_t kUnits = 153;
constexpr size_t kMeasures = 9;
constexpr size_t kRuns = 10000;

std::string Code(char prefix, size_t n) {
  std::string code(1, prefix);
  code += std::to_string(n);
  return code;
}

// Generated data with a fixed seed: skewed positive values, mixed polarity, ~3% missing.
const Prepared& Model() {
  static const Prepared model = [] {
    waymark::stats::Xoshiro256 rng(20261122);
    Table t;
    Framework fw;
    for (size_t m = 0; m < kMeasures; ++m) {
      t.columns.push_back(Code('m', m + 1));
      Node n;
      n.code = t.columns.back();
      n.parent = Code('d', m / 3 + 1);
      n.direction = m % 4 == 3 ? -1 : 1;
      fw.nodes.push_back(n);
    }
    for (int d = 1; d <= 3; ++d) {
      Node n;
      n.code = Code('d', static_cast<size_t>(d));
      n.parent = "FFI";
      n.level = 2;
      fw.nodes.push_back(n);
    }
    Node top;
    top.code = "FFI";
    top.level = 3;
    fw.nodes.push_back(top);
    t.x = Matrix(kUnits, kMeasures);
    for (size_t u = 0; u < kUnits; ++u) {
      t.keys.unit.push_back(Code('E', 6000000 + u));
      t.keys.year.push_back(2024);
      t.keys.group.push_back(u % 2 ? "inner" : "outer");
      for (size_t m = 0; m < kMeasures; ++m) {
        const double u1 = rng.Uniform(), u2 = rng.Uniform();
        t.x.At(u, m) = u1 < 0.03 ? kMissing : std::exp(1 + u2 + 0.5 * rng.Uniform());
      }
    }
    return *Prepare(t, fw);
  }();
  return model;
}

SensitivitySpec Spec() {
  SensitivitySpec spec;
  spec.nominal.impute.method = ImputeMethod::kMedian;
  spec.nominal.normalise.low = 1;
  Factor weights;
  weights.kind = FactorKind::kWeights;
  weights.sets = 1000;
  Factor norm;
  norm.kind = FactorKind::kNormalisation;
  NormSpec minmax;
  minmax.low = 1;
  NormSpec z;
  z.method = NormMethod::kZScore;
  z.mean = 10;
  z.sd = 2;
  norm.normalisations = {minmax, z};
  Factor agg;
  agg.kind = FactorKind::kAggregation;
  AggSpec geometric;
  geometric.method = AggMethod::kGeometric;
  agg.aggregations = {AggSpec{}, geometric};
  spec.factors = {weights, norm, agg};
  spec.runs = kRuns;
  spec.seed = 7;
  return spec;
}

void BM_MonteCarlo10k(benchmark::State& state) {
  const Prepared& model = Model();
  const SensitivitySpec spec = Spec();
  size_t runs = 0;
  for (auto _ : state) {
    auto result = RunUncertainty(model, spec);
    if (!result) {
      state.SkipWithError(result.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(result->stats.median.data());
    runs += result->scores.cols;
  }
  state.counters["runs_per_second"] =
      benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MonteCarlo10k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
