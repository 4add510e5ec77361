// Uncertainty and sensitivity analysis: COINr's stored 600-run and 100-run matrices (ranks,
// rank statistics, Saltelli/Jansen indices), the Ishigami function, reproducible seeding.
#include "core/recording_progress.h"
#include "index/sensitivity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include <nlohmann/json.hpp>

#include "index/column_stats.h"
#include "stats/random.h"
#include "index/test_data.h"

namespace waymark::index {
namespace {

using stats::SplitMix64;
using stats::Xoshiro256;
using testing::Csv;
using testing::Near;

// Units × runs from a vignette table with columns uCode, Nominal, r_1 … r_n.
Matrix Runs(const Csv& t, size_t runs) {
  Matrix m(t.size(), runs);
  for (size_t r = 0; r < t.size(); ++r) {
    for (size_t k = 0; k < runs; ++k) m.At(r, k) = t.Num(r, "r_" + std::to_string(k + 1));
  }
  return m;
}

void ExpectScoresRankToStoredRanks(const std::string& prefix, size_t runs) {
  const Matrix scores = Runs(Csv(prefix + "_Scores.csv"), runs);
  const Matrix ranks = Runs(Csv(prefix + "_Ranks.csv"), runs);
  size_t compared = 0;
  for (size_t k = 0; k < runs; ++k) {
    const auto got = ScoreRanks(scores.Column(k));
    for (size_t r = 0; r < scores.rows; ++r) {
      ASSERT_TRUE(Near(got[r], ranks.At(r, k), 0)) << prefix << " run " << k + 1 << " row " << r;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 51 * runs);
}

TEST(VignetteRuns, ScoresRankToTheStoredRanks) {
  ExpectScoresRankToStoredRanks("vignette_SA", 600);
  ExpectScoresRankToStoredRanks("vignette_UA", 100);
}

void ExpectRankStats(const std::string& prefix, size_t runs, size_t over) {
  const Matrix ranks = Runs(Csv(prefix + "_Ranks.csv"), runs);
  const Csv want(prefix + "_RankStats.csv");
  const RankStats s = SummariseRanks(ranks, 0, over);
  ASSERT_EQ(want.size(), ranks.rows);
  for (size_t r = 0; r < want.size(); ++r) {
    EXPECT_TRUE(Near(s.mean[r], want.Num(r, "Mean"), 1e-12)) << prefix << r;
    EXPECT_TRUE(Near(s.median[r], want.Num(r, "Median"), 1e-12)) << prefix << r;
    EXPECT_TRUE(Near(s.p05[r], want.Num(r, "Q5"), 1e-12)) << prefix << r;
    EXPECT_TRUE(Near(s.p95[r], want.Num(r, "Q95"), 1e-12)) << prefix << r;
  }
}

TEST(VignetteRuns, RankStatisticsTypeSevenQuantiles) {
  ExpectRankStats("vignette_SA", 600, 200);  // COINr: over A and B only
  ExpectRankStats("vignette_UA", 100, 100);
}

TEST(VignetteRuns, SobolIndicesFromTheStoredRankMatrix) {
  const Csv ranks_csv("vignette_SA_Ranks.csv");
  const Matrix ranks = Runs(ranks_csv, 600);
  std::vector<double> nominal;
  for (size_t r = 0; r < ranks_csv.size(); ++r) nominal.push_back(ranks_csv.Num(r, "Nominal"));
  const auto y = MeanAbsRankShift(ranks, nominal);
  auto indices = EstimateSobol(y, 100, 4, 200, 7);
  ASSERT_TRUE(indices) << indices.error().message;
  const Csv want("vignette_SA_Sensitivity.csv");
  ASSERT_EQ(want.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    const auto& got = (*indices)[i];
    EXPECT_TRUE(Near(got.first, want.Num(i, "Si"), 1e-12))
        << want.Str(i, "Variable") << " Si " << got.first;
    EXPECT_TRUE(Near(got.total, want.Num(i, "STi"), 1e-12))
        << want.Str(i, "Variable") << " STi " << got.total;
    // Bootstrap intervals depend on the resampling stream: check they bracket the estimate and
    // overlap COINr's.
    EXPECT_LE(got.first_p05, got.first);
    EXPECT_GE(got.first_p95, got.first);
    EXPECT_LE(got.total_p05, got.total);
    EXPECT_GE(got.total_p95, got.total);
    EXPECT_LT(got.total_p05, want.Num(i, "STi_q95"));
    EXPECT_GT(got.total_p95, want.Num(i, "STi_q5"));
  }
}

// Method: Ishigami & Homma (1990) test function with analytic Sobol indices.
TEST(Sobol, IshigamiAnalyticIndices) {
  const auto json = nlohmann::json::parse(testing::ReadTestFile("unit_vectors.json"));
  const auto& v = json["sensitivity_analytic"]["values"];
  const double a = v["a"].get<double>(), b = v["b"].get<double>();
  const size_t n = size_t{1} << 14, d = 3;
  const Matrix design = SaltelliDesign(n, d, 2024);
  std::vector<double> y(design.rows);
  for (size_t k = 0; k < design.rows; ++k) {
    double x[3];
    for (size_t j = 0; j < 3; ++j)
      x[j] = -std::numbers::pi + 2 * std::numbers::pi * design.At(k, j);
    const double s2 = std::sin(x[1]);
    y[k] = std::sin(x[0]) + a * s2 * s2 + b * std::pow(x[2], 4) * std::sin(x[0]);
  }
  auto indices = EstimateSobol(y, n, d);
  ASSERT_TRUE(indices);
  const char* first[] = {"S1", "S2", "S3"};
  const char* total[] = {"ST1", "ST2", "ST3"};
  for (size_t i = 0; i < d; ++i) {
    EXPECT_NEAR((*indices)[i].first, v[first[i]].get<double>(), 0.05) << first[i];
    EXPECT_NEAR((*indices)[i].total, v[total[i]].get<double>(), 0.05) << total[i];
  }
}

TEST(Sobol, BadInput) {
  std::vector<double> y(10, 1.0);
  EXPECT_EQ(EstimateSobol(y, 3, 2).error().code, ErrorCode::kInvalidArgument);  // not N(d+2)
  y.resize(12);
  EXPECT_EQ(EstimateSobol(y, 3, 2).error().code, ErrorCode::kInvalidArgument);  // no variance
  y[0] = kMissing;
  EXPECT_FALSE(EstimateSobol(y, 3, 2));
}

TEST(Random, SplitMixReferenceAndUniformRange) {
  SplitMix64 sm(0);
  EXPECT_EQ(sm.Next(), 0xe220a8397b1dcdafULL);  // splitmix64 reference output for seed 0
  Xoshiro256 rng(12345);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
  Xoshiro256 again(12345), other(12346);
  EXPECT_EQ(again.Next(), Xoshiro256(12345).Next());
  EXPECT_NE(Xoshiro256(12345).Next(), other.Next());
}

// The COINr sensitivity vignette's factors on the v1 example coin.
class V1Sensitivity : public ::testing::Test {
 protected:
  void SetUp() override {
    const Framework fw = testing::V1Framework();
    const auto codes = testing::IndicatorCodes(fw);
    Csv data("ASEM_iData.csv");
    const auto raw = data.ToTable("uCode", "EurAsia_group", "", codes);
    const auto dens =
        data.ToTable("uCode", "EurAsia_group", "", {"Area", "Energy", "GDP", "Population"});
    std::vector<Node> indicators;
    for (const auto& n : fw.nodes) {
      if (n.level == 1) indicators.push_back(n);
    }
    auto model = Prepare(*Denominate(raw, dens, indicators), fw);
    ASSERT_TRUE(model);
    model_ = *model;
    spec_.nominal.impute.method = ImputeMethod::kGroupMean;
    spec_.nominal.treat.method = TreatMethod::kWinsorise;
    Factor winmax;
    winmax.kind = FactorKind::kTreatment;
    winmax.name = "Winmax";
    for (int w = 1; w <= 5; ++w) {
      TreatSpec t = spec_.nominal.treat;
      t.winmax = w;
      winmax.treatments.push_back(t);
    }
    Factor norm;
    norm.kind = FactorKind::kNormalisation;
    NormSpec minmax;
    minmax.low = 1;
    NormSpec z;
    z.method = NormMethod::kZScore;
    z.mean = 10;
    z.sd = 2;
    norm.normalisations = {minmax, z};
    Factor weights;
    weights.kind = FactorKind::kWeights;
    weights.levels = {2, 3};
    Factor agg;
    agg.kind = FactorKind::kAggregation;
    AggSpec geometric;
    geometric.method = AggMethod::kGeometric;
    agg.aggregations = {AggSpec{}, geometric};
    spec_.factors = {winmax, norm, weights, agg};
    spec_.runs = 40;
    spec_.seed = 42;
    spec_.bootstrap = 50;
  }

  Prepared model_;
  SensitivitySpec spec_;
};

TEST_F(V1Sensitivity, SameSeedSameRunsDifferentSeedDifferentRuns) {
  auto first = RunUncertainty(model_, spec_);
  ASSERT_TRUE(first) << first.error().message;
  auto second = RunUncertainty(model_, spec_);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->failed_runs, 0u);
  EXPECT_EQ(first->scores.values, second->scores.values);
  EXPECT_EQ(first->design.values, second->design.values);
  spec_.seed = 43;
  auto third = RunUncertainty(model_, spec_);
  ASSERT_TRUE(third);
  EXPECT_NE(first->scores.values, third->scores.values);
  const Csv nominal("vignette_SA_Nominal.csv");
  ASSERT_EQ(nominal.size(), model_.keys.size());
  for (size_t k = 0; k < nominal.size(); ++k) {
    const auto it =
        std::find(model_.keys.unit.begin(), model_.keys.unit.end(), nominal.Str(k, "uCode"));
    ASSERT_NE(it, model_.keys.unit.end());
    EXPECT_EQ(first->nominal_rank[static_cast<size_t>(it - model_.keys.unit.begin())],
              nominal.Num(k, "Rank"));
  }
  for (size_t r = 0; r < model_.keys.size(); ++r) {
    EXPECT_LE(first->stats.p05[r], first->stats.median[r]);
    EXPECT_LE(first->stats.median[r], first->stats.p95[r]);
  }
}

TEST_F(V1Sensitivity, SaltelliDesignGivesIndicesAndAnInertFactorHasNone) {
  Factor inert;  // one option that equals the nominal: no effect on any run
  inert.kind = FactorKind::kImputation;
  inert.name = "Inert";
  inert.imputations = {spec_.nominal.impute};
  spec_.factors.push_back(inert);
  spec_.runs = 16;
  auto sa = RunSensitivity(model_, spec_);
  ASSERT_TRUE(sa) << sa.error().message;
  ASSERT_EQ(sa->indices.size(), 5u);
  EXPECT_EQ(sa->output.size(), 16u * 7u);
  EXPECT_EQ(sa->indices[0].factor, "Winmax");
  EXPECT_EQ(sa->indices[3].factor, "aggregation");
  EXPECT_EQ(sa->indices[4].total, 0.0);
  EXPECT_EQ(sa->indices[4].first, 0.0);
  EXPECT_GT(sa->indices[3].total, 0.0);
  for (const auto& index : sa->indices) {
    EXPECT_TRUE(std::isfinite(index.first) && std::isfinite(index.total)) << index.factor;
  }
}


TEST_F(V1Sensitivity, ProgressHearsEveryRunOfTheDesign) {
  RecordingProgress log;
  spec_.progress = &log;
  ASSERT_TRUE(RunUncertainty(model_, spec_));
  ASSERT_EQ(log.calls.size(), 41u);  // before each of the 40 runs, then all done
  for (std::uint64_t i = 0; i <= 40; ++i) {
    EXPECT_EQ(log.calls[i], (std::pair<std::uint64_t, std::uint64_t>{i, 40})) << i;
  }
  log.calls.clear();
  spec_.runs = 16;  // Saltelli: 16 × (4 factors + 2) runs
  ASSERT_TRUE(RunSensitivity(model_, spec_));
  ASSERT_EQ(log.calls.size(), 97u);
  EXPECT_EQ(log.calls.front(), (std::pair<std::uint64_t, std::uint64_t>{0, 96}));
  EXPECT_EQ(log.calls.back(), (std::pair<std::uint64_t, std::uint64_t>{96, 96}));
}

TEST_F(V1Sensitivity, LeaveOneOutRunsEveryExclusion) {
  Factor loo;
  loo.kind = FactorKind::kExclusion;
  spec_.factors = {loo};
  spec_.runs = 30;
  auto ua = RunUncertainty(model_, spec_);
  ASSERT_TRUE(ua);
  EXPECT_EQ(ua->failed_runs, 0u);
  bool some_differ = false;
  for (size_t k = 0; k < ua->scores.cols; ++k) {
    some_differ = some_differ || ua->scores.At(0, k) != ua->nominal_score[0];
  }
  EXPECT_TRUE(some_differ);
}

TEST_F(V1Sensitivity, BadFactorsAndRunCounts) {
  Factor empty;
  empty.kind = FactorKind::kNormalisation;
  spec_.factors = {empty};
  EXPECT_EQ(RunUncertainty(model_, spec_).error().code, ErrorCode::kValidation);
  spec_.factors = {};
  EXPECT_EQ(RunUncertainty(model_, spec_).error().code, ErrorCode::kValidation);
  spec_.runs = 0;
  EXPECT_EQ(RunUncertainty(model_, spec_).error().code, ErrorCode::kInvalidArgument);
  spec_.runs = 1;
  EXPECT_EQ(RunSensitivity(model_, spec_).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(*ParseFactorKind("exclusion"), FactorKind::kExclusion);
  EXPECT_FALSE(ParseFactorKind("weight"));
}

}  // namespace
}  // namespace waymark::index

namespace waymark::index {
namespace {

TEST_F(V1Sensitivity, FamilyFriendlyDefaultsRunWithoutFailures) {
  spec_.nominal = FfiNominalSpec();
  ASSERT_TRUE(ValidateSpec(spec_.nominal));
  spec_.factors = FfiFactors();
  ASSERT_EQ(spec_.factors.size(), 5u);
  spec_.runs = 60;
  auto ua = RunUncertainty(model_, spec_);
  ASSERT_TRUE(ua) << ua.error().message;
  EXPECT_EQ(ua->failed_runs, 0u);
  for (size_t r = 0; r < model_.keys.size(); ++r) {
    EXPECT_GE(ua->stats.p05[r], 1);
    EXPECT_LE(ua->stats.p95[r], 51);
  }
}

}  // namespace
}  // namespace waymark::index

namespace waymark::index {
namespace {

TEST_F(V1Sensitivity, FreshWeightsPerRunAreReproducibleAndDistinct) {
  Factor weights;
  weights.kind = FactorKind::kWeights;
  weights.sets = 0;
  spec_.factors = {weights};
  spec_.runs = 25;
  auto first = RunUncertainty(model_, spec_);
  auto second = RunUncertainty(model_, spec_);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->scores.values, second->scores.values);
  std::vector<double> top_scores = first->scores.Column(0);
  std::sort(top_scores.begin(), top_scores.end());
  EXPECT_EQ(std::unique(top_scores.begin(), top_scores.end()), top_scores.end());
  weights.sets = -1;
  spec_.factors = {weights};
  EXPECT_EQ(RunUncertainty(model_, spec_).error().code, ErrorCode::kValidation);
}

}  // namespace
}  // namespace waymark::index
