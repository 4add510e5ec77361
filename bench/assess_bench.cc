// Recomputing every judgement for a national-scale store: 200 indicators × 171 areas (England,
// 9 regions, 161 councils) × 15 years × 10 breakdowns ≈ 5.1 million observations with counts,
// so every value, interval, comparison, trend, quintile and rank is computed. BM_AssessAll
// times AssessAll, which produces the compact AssessmentTable; BM_AssessAllRows adds the
// conversion of every row to an Assessment. Reports observations per second and the CPU
// seconds of all threads per recompute (cpu_s, meaningful when other work shares the cores);
// the goal is the whole recompute in under 2 s on two cores.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdint>
#include <string>
#include <vector>

#include "assess/engine.h"

namespace {

using waymark::Area;
using waymark::AreaType;
using waymark::Indicator;
using waymark::Observation;

struct Fixture {
  std::vector<Indicator> indicators;
  std::vector<Area> areas;
  std::vector<waymark::ComparatorGroup> groups;
  std::vector<Observation> observations;

  Fixture() {
    areas.push_back({"E92000001", "England", AreaType::kCountry, "", ""});
    for (int r = 1; r <= 9; ++r) {
      areas.push_back({"E1200000" + std::to_string(r), "Region", AreaType::kRegion, "E92000001", ""});
    }
    for (int c = 0; c < 161; ++c) {
      const std::string code = "E0" + std::to_string(6000000 + c);
      areas.push_back({code, "Council", AreaType::kCouncil, "E1200000" + std::to_string(1 + c % 9), ""});
    }
    for (int c = 0; c < 161; ++c) {
      waymark::ComparatorGroup g{"sn-2025-" + areas[10 + c].code, "SN", areas[10 + c].code, {}};
      for (int k = 1; k <= 10; ++k) g.members.push_back(areas[10 + (c + k * 7) % 161].code);
      groups.push_back(std::move(g));
    }
    std::uint64_t state = 42;
    const auto next = [&state] {  // splitmix64: reproducible data on every platform
      state += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = state;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      return z ^ (z >> 31);
    };
    for (int i = 0; i < 200; ++i) {
      Indicator ind;
      ind.id = "indicator-" + std::to_string(i);
      ind.value_type = i % 2 == 0 ? waymark::ValueType::kProportion : waymark::ValueType::kRate;
      ind.method = i % 2 == 0 ? waymark::CiMethod::kWilson : waymark::CiMethod::kByar;
      ind.multiplier = i % 2 == 0 ? 100 : 100000;
      ind.polarity = i % 3 == 0 ? waymark::Polarity::kHigh : waymark::Polarity::kLow;
      ind.disclosure_min_count = 5;
      indicators.push_back(ind);
    }
    observations.reserve(200ULL * 171 * 15 * 10);
    for (const auto& ind : indicators) {
      for (int b = 0; b < 10; ++b) {
        const waymark::Breakdown breakdown{b < 5 ? "Male" : "Female", "age " + std::to_string(b % 5), "", ""};
        for (const auto& area : areas) {
          for (int y = 2010; y < 2025; ++y) {
            Observation o;
            o.indicator = ind.id;
            o.area = area.code;
            o.period = *waymark::ParsePeriod(std::to_string(y));
            o.breakdown = breakdown;
            o.denominator = 1000 + static_cast<double>(next() % 100000);
            o.count = static_cast<double>(next() % static_cast<std::uint64_t>(o.denominator / 4));
            observations.push_back(std::move(o));
          }
        }
      }
    }
  }
};

// CPU seconds used so far by every thread of the process.
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// One fixture for both benchmarks (it holds about 2 GB).
const Fixture& SharedFixture() {
  static const Fixture fixture;
  return fixture;
}

template <typename Recompute>
void Run(benchmark::State& state, const Recompute& recompute) {
  const Fixture& fixture = SharedFixture();
  const waymark::assess::Geography geography(fixture.areas, fixture.groups);
  std::size_t assessed = 0;
  double cpu = 0;
  for (auto _ : state) {
    const double before = ProcessCpuSeconds();
    assessed = recompute(fixture, geography);
    cpu += ProcessCpuSeconds() - before;
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["observations"] = static_cast<double>(assessed);
  state.counters["observations_per_second"] = benchmark::Counter(
      static_cast<double>(assessed) * iterations, benchmark::Counter::kIsRate);
  state.counters["cpu_s"] = cpu / iterations;
}

void BM_AssessAll(benchmark::State& state) {
  Run(state, [](const Fixture& fixture, const waymark::assess::Geography& geography) {
    auto table = waymark::assess::AssessAll(fixture.indicators, fixture.observations, geography);
    benchmark::DoNotOptimize(table.data());
    return table.size();
  });
}
BENCHMARK(BM_AssessAll)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_AssessAllRows(benchmark::State& state) {
  Run(state, [](const Fixture& fixture, const waymark::assess::Geography& geography) {
    const auto table = waymark::assess::AssessAll(fixture.indicators, fixture.observations, geography);
    const auto rows = table.ToAssessments();
    benchmark::DoNotOptimize(rows.data());
    return rows.size();
  });
}
BENCHMARK(BM_AssessAllRows)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
