// Aggregation, treatment and imputation: COINr unit vectors, properties and bad input.
#include "index/aggregate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "index/column_stats.h"
#include "index/impute.h"
#include "index/pipeline.h"
#include "index/test_data.h"
#include "index/treat.h"

namespace waymark::index {
namespace {

using testing::Case;
using testing::UnitVectors;

AggSpec Agg(AggMethod method, double p = 2, double threshold = 0) {
  AggSpec s;
  s.method = method;
  s.p = p;
  s.dat_threshold = threshold;
  return s;
}

Matrix FromRows(const nlohmann::json& rows) {
  Matrix m(rows.size(), rows[0].size());
  for (size_t r = 0; r < m.rows; ++r) {
    for (size_t c = 0; c < m.cols; ++c) {
      m.At(r, c) = rows[r][c].is_null() ? kMissing : rows[r][c].get<double>();
    }
  }
  return m;
}

TEST(AggregateVectors, GeometricHarmonicGeneralised) {
  const auto agg = UnitVectors()["aggregation"];
  struct Want {
    const char* name;
    AggMethod method;
  };
  for (const Want& w : {Want{"a_gmean equal weights", AggMethod::kGeometric},
                        Want{"a_gmean weights", AggMethod::kGeometric},
                        Want{"a_hmean weights", AggMethod::kHarmonic},
                        Want{"a_genmean p=-1 equals hmean", AggMethod::kGeneralised},
                        Want{"a_genmean p=1 equal weights", AggMethod::kGeneralised}}) {
    const auto c = Case(agg, w.name);
    const auto x = c["x"].get<std::vector<double>>();
    const auto weights =
        c.contains("w") ? c["w"].get<std::vector<double>>() : std::vector<double>(x.size(), 1);
    const double p = c.contains("p") ? c["p"].get<double>() : 2;
    auto got = WeightedMean(x, weights, Agg(w.method, p));
    ASSERT_TRUE(got) << w.name;
    EXPECT_NEAR(*got, c["expected"].get<double>(), 1e-14) << w.name;
  }
}

TEST(AggregateVectors, GeometricRejectsNonPositive) {
  const auto c = Case(UnitVectors()["aggregation"], "a_gmean rejects non-positive");
  const auto x = c["x"].get<std::vector<double>>();
  auto got = WeightedMean(x, std::vector<double>(x.size(), 1), Agg(AggMethod::kGeometric));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(WeightedMean(x, std::vector<double>(x.size(), 1), Agg(AggMethod::kHarmonic)));
}

// A flat framework: indicators i1..ik straight under "Index".
Framework Flat(size_t k) {
  Framework fw;
  for (size_t i = 0; i < k; ++i) {
    Node n;
    n.code = std::string(1, 'i') + std::to_string(i + 1);
    n.parent = "Index";
    fw.nodes.push_back(n);
  }
  Node top;
  top.code = "Index";
  top.level = 2;
  fw.nodes.push_back(top);
  return fw;
}

TEST(AggregateVectors, DataThresholdTwoThirds) {
  const auto c = Case(UnitVectors()["aggregation"], "a_amean NA handling, dat_thresh 2/3");
  const Matrix x = FromRows(c["rows"]);
  auto fw = CompileFramework(Flat(3), {"i1", "i2", "i3"});
  ASSERT_TRUE(fw);
  Matrix all(x.rows, fw->size());
  for (size_t r = 0; r < x.rows; ++r) {
    for (size_t i = 0; i < 3; ++i) all.At(r, i) = x.At(r, i);
  }
  auto weights = ResolveWeights(*fw, MethodSpec{});
  ASSERT_TRUE(weights);
  RowKeys keys{{"a", "b", "c"}, {0, 0, 0}, {"", "", ""}};
  ASSERT_TRUE(AggregateTree(all, keys, *fw, *weights,
                            Agg(AggMethod::kArithmetic, 2, c["dat_thresh"].get<double>())));
  const auto& want = c["expected"];
  for (size_t r = 0; r < 3; ++r) {
    if (want[r].is_null()) {
      EXPECT_TRUE(IsMissing(all.At(r, 3))) << r;
    } else {
      EXPECT_NEAR(all.At(r, 3), want[r].get<double>(), 1e-12) << r;
    }
  }
}

TEST(AggregateVectors, OutrankingMatrixAndCopeland) {
  const auto agg = UnitVectors()["aggregation"];
  const auto m = Case(agg, "outranking matrix");
  const Matrix x = FromRows(m["X"]);
  const Matrix out = OutrankingMatrix(x, m["w"].get<std::vector<double>>());
  const auto& want = m["expected_matrix"];
  int dominant = 0;
  for (size_t j = 0; j < 4; ++j) {
    for (size_t k = 0; k < 4; ++k) {
      EXPECT_NEAR(out.At(j, k), want[j][k].get<double>(), 1e-15);
      dominant += j < k && (out.At(j, k) == 1 || out.At(k, j) == 1) ? 1 : 0;
    }
  }
  EXPECT_EQ(dominant, m["expected_nDominant"].get<int>());
  EXPECT_EQ(CopelandScores(out),
            Case(agg, "Copeland scores")["expected"].get<std::vector<double>>());
  const auto tie = Case(agg, "Copeland tie");
  const Matrix tied = OutrankingMatrix(FromRows(tie["X"]), tie["w"].get<std::vector<double>>());
  EXPECT_EQ(tied.At(0, 1), tie["expected_matrix_offdiag"].get<double>());
  EXPECT_EQ(CopelandScores(tied), tie["expected"].get<std::vector<double>>());
}

TEST(AggregateProperties, WeightsRenormaliseOverPresentChildren) {
  const std::vector<double> w = {1, 2, 3};
  auto all_present = WeightedMean(std::vector<double>{10, 20, 30}, w, Agg(AggMethod::kArithmetic));
  ASSERT_TRUE(all_present);
  EXPECT_NEAR(*all_present, (10 + 40 + 90) / 6.0, 1e-12);
  auto one_missing =
      WeightedMean(std::vector<double>{10, kMissing, 30}, w, Agg(AggMethod::kArithmetic));
  ASSERT_TRUE(one_missing);
  EXPECT_NEAR(*one_missing, (10 + 90) / 4.0, 1e-12);
  // Scaling every weight leaves the mean unchanged.
  auto scaled = WeightedMean(std::vector<double>{10, 20, 30}, std::vector<double>{5, 10, 15},
                             Agg(AggMethod::kGeometric));
  auto unscaled = WeightedMean(std::vector<double>{10, 20, 30}, w, Agg(AggMethod::kGeometric));
  EXPECT_NEAR(*scaled, *unscaled, 1e-12);
  auto none = WeightedMean(std::vector<double>{kMissing, kMissing}, std::vector<double>{1, 1},
                           Agg(AggMethod::kArithmetic));
  ASSERT_TRUE(none);
  EXPECT_TRUE(IsMissing(*none));
}

TEST(AggregateProperties, MeansAreOrderedHarmonicGeometricArithmetic) {
  const std::vector<double> x = {3, 40, 17, 88}, w = {1, 2, 1, 3};
  const double h = *WeightedMean(x, w, Agg(AggMethod::kHarmonic));
  const double g = *WeightedMean(x, w, Agg(AggMethod::kGeometric));
  const double a = *WeightedMean(x, w, Agg(AggMethod::kArithmetic));
  EXPECT_LT(h, g);
  EXPECT_LT(g, a);
}

TEST(AggregateErrors, ZeroWeightsUnknownNodesAndBadFrameworks) {
  auto fw = CompileFramework(Flat(2), {"i1", "i2"});
  ASSERT_TRUE(fw);
  MethodSpec zero;
  zero.weights = {{"i1", 0}, {"i2", 0}};
  auto z = ResolveWeights(*fw, zero);
  ASSERT_FALSE(z);
  EXPECT_EQ(z.error().code, ErrorCode::kValidation);
  MethodSpec unknown;
  unknown.weights = {{"nope", 1}};
  EXPECT_EQ(ResolveWeights(*fw, unknown).error().code, ErrorCode::kNotFound);
  MethodSpec excluded;
  excluded.exclude = {"nope"};
  EXPECT_EQ(ResolveWeights(*fw, excluded).error().code, ErrorCode::kNotFound);

  EXPECT_EQ(CompileFramework(Flat(2), {"i1"}).error().code, ErrorCode::kNotFound);
  Framework no_top = Flat(2);
  no_top.nodes.back().parent = "i1";
  EXPECT_FALSE(CompileFramework(no_top, {"i1", "i2"}));
  Framework bad_direction = Flat(2);
  bad_direction.nodes[0].direction = 0;
  EXPECT_EQ(CompileFramework(bad_direction, {"i1", "i2"}).error().code, ErrorCode::kValidation);
  Framework dup = Flat(2);
  dup.nodes[1].code = "i1";
  EXPECT_FALSE(CompileFramework(dup, {"i1", "i2"}));
  Framework negative = Flat(2);
  negative.nodes[0].weight = -1;
  EXPECT_FALSE(CompileFramework(negative, {"i1", "i2"}));
  EXPECT_FALSE(CompileFramework(Framework{}, {"i1"}));
}

Table SmallTable() {
  Table t;
  t.keys = {{"a", "b", "c", "d"}, {0, 0, 0, 0}, {"", "", "", ""}};
  t.columns = {"i1", "i2"};
  t.x = Matrix(4, 2);
  t.x.values = {1, 10, 2, 30, 3, 20, 4, 40};
  return t;
}

TEST(PipelineErrors, EmptyDataBadSpecAndNonPositiveGeometric) {
  Table empty;
  empty.columns = {"i1", "i2"};
  auto e = Prepare(empty, Flat(2));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument);
  auto model = Prepare(SmallTable(), Flat(2));
  ASSERT_TRUE(model);
  MethodSpec bad;
  bad.normalise.high = bad.normalise.low;
  EXPECT_EQ(RunPipeline(*model, bad).error().code, ErrorCode::kInvalidArgument);
  MethodSpec geometric;  // min-max to [0, 100] puts a zero into the geometric mean
  geometric.aggregate.method = AggMethod::kGeometric;
  EXPECT_EQ(RunPipeline(*model, geometric).error().code, ErrorCode::kInvalidArgument);
  geometric.normalise.low = 1;
  EXPECT_TRUE(RunPipeline(*model, geometric));
  MethodSpec bad_threshold;
  bad_threshold.aggregate.dat_threshold = 1.5;
  EXPECT_FALSE(RunPipeline(*model, bad_threshold));
}

TEST(PipelineProperties, ExclusionDropsAnIndicatorAndRanksAreMinTies) {
  auto model = Prepare(SmallTable(), Flat(2));
  ASSERT_TRUE(model);
  MethodSpec spec;
  spec.exclude = {"i2"};
  auto only_first = RunPipeline(*model, spec);
  ASSERT_TRUE(only_first);
  const size_t top = model->framework.TopIndex();
  for (size_t r = 0; r < 4; ++r) {
    EXPECT_NEAR(only_first->aggregated.At(r, top), 100.0 * static_cast<double>(r) / 3, 1e-12);
  }
  EXPECT_EQ(only_first->ranks.Column(top), (std::vector<double>{4, 3, 2, 1}));
  const auto ranks = ScoreRanks(std::vector<double>{5, kMissing, 7, 5, 1});
  EXPECT_TRUE(IsMissing(ranks[1]));
  EXPECT_EQ(ranks[0], 2);
  EXPECT_EQ(ranks[2], 1);
  EXPECT_EQ(ranks[3], 2);
  EXPECT_EQ(ranks[4], 4);
}

TEST(PipelineProperties, CopelandIndex) {
  auto model = Prepare(SmallTable(), Flat(2));
  ASSERT_TRUE(model);
  MethodSpec spec;
  spec.aggregate.method = AggMethod::kCopeland;
  auto r = RunPipeline(*model, spec);
  ASSERT_TRUE(r);
  // d beats everyone on both; a loses to everyone; b and c split their pair.
  EXPECT_EQ(r->aggregated.Column(2), (std::vector<double>{-3, 0, 0, 3}));
  EXPECT_EQ(Contributions(r->aggregated, model->framework, r->weights, spec.aggregate).error().code,
            ErrorCode::kUnsupported);
}

TEST(TreatVectors, SingleOutlierWinsorised) {
  const auto c = Case(UnitVectors()["treatment"], "winsorise single outlier");
  auto x = c["x"].get<std::vector<double>>();
  TreatSpec spec;
  spec.method = TreatMethod::kWinsorise;
  spec.winmax = c["winmax"].get<int>();
  EXPECT_EQ(PassesSkewKurtosis(x, spec), c["expected_pass_before"].get<bool>());
  std::vector<signed char> flag(x.size());
  const auto t = TreatColumn(x, flag, spec);
  EXPECT_EQ(x, c["expected_x"].get<std::vector<double>>());
  EXPECT_EQ(PassesSkewKurtosis(x, spec), c["expected_pass_after"].get<bool>());
  EXPECT_EQ(t.high, 1);
  EXPECT_EQ(t.Label(), "Winsorised 1 points");
  EXPECT_EQ(flag.back(), 1);
}

TEST(TreatVectors, WinmaxOneFallsBackToLogOfTheOriginal) {
  const auto c = Case(UnitVectors()["treatment"], "winmax=1 insufficient then log");
  const auto original = c["x"].get<std::vector<double>>();
  auto x = original;
  TreatSpec spec;
  spec.method = TreatMethod::kWinsorise;
  spec.winmax = 1;
  spec.fallback = TreatFallback::kLog;
  std::vector<signed char> flag(x.size());
  const auto t = TreatColumn(x, flag, spec);
  EXPECT_EQ(t.outcome, TreatOutcome::kTransformed);
  for (size_t i = 0; i < x.size(); ++i) EXPECT_DOUBLE_EQ(x[i], std::log(original[i]));
  // log_CT: ln(x − min + 0.01(max − min)).
  x = original;
  spec.fallback = TreatFallback::kLogCT;
  TreatColumn(x, flag, spec);
  EXPECT_DOUBLE_EQ(x[0], std::log(0.01 * 199));
  EXPECT_DOUBLE_EQ(x.back(), std::log(199 + 0.01 * 199));
}

TEST(ImputeVectors, PanelLinearAndConstant) {
  const auto panel = UnitVectors()["panel_imputation"];
  for (const auto& [name, method] : {std::pair{"linear", PanelImpute::kLinear},
                                     std::pair{"constant (last observation carried forward; "
                                               "leading gap takes first later value)",
                                               PanelImpute::kConstant}}) {
    const auto c = Case(panel, name);
    const auto time = c["Time"].get<std::vector<int>>();
    for (const auto* code : {"i1", "i2", "i3", "i4"}) {
      std::vector<double> series;
      for (const auto& v : c[code]) series.push_back(v.is_null() ? kMissing : v.get<double>());
      EXPECT_EQ(ImputeSeries(series, time, method, 2),
                c["expected"][code].get<std::vector<double>>())
          << name << " " << code;
    }
  }
}

TEST(ImputeProperties, LatestRespectsTheMaximumGap) {
  const std::vector<int> time = {2018, 2019, 2020, 2021, 2022};
  const std::vector<double> series = {kMissing, 4, kMissing, kMissing, kMissing};
  const auto y = ImputeSeries(series, time, PanelImpute::kLatest, 2);
  EXPECT_TRUE(IsMissing(y[0]));  // later years are never used
  EXPECT_EQ(y[2], 4);
  EXPECT_EQ(y[3], 4);
  EXPECT_TRUE(IsMissing(y[4]));  // three time points back
}

TEST(ImputeProperties, MedianAndGroupMedianWithinYear) {
  RowKeys keys{{"a", "b", "c", "d", "e"}, {1, 1, 1, 1, 2}, {"g", "g", "h", "h", "g"}};
  Matrix x(5, 1);
  x.values = {1, kMissing, 10, kMissing, 100};
  ImputeSpec spec;
  spec.method = ImputeMethod::kMedian;
  auto m = Impute(x, keys, spec);
  EXPECT_EQ(m.x.values, (std::vector<double>{1, 5.5, 10, 5.5, 100}));
  EXPECT_EQ(m.flag, (std::vector<char>{0, 1, 0, 1, 0}));
  spec.method = ImputeMethod::kGroupMedian;
  auto g = Impute(x, keys, spec);
  EXPECT_EQ(g.x.values, (std::vector<double>{1, 1, 10, 10, 100}));
}

// COINr test: with "latest", a value removed in 2022 is restored from 2021.
TEST(ImputePanelData, LatestRestoresA2022ValueFrom2021) {
  testing::Csv panel("ASEM_iData_p.csv");
  Table t = panel.ToTable("uCode", "EurAsia_group", "Time", {"LPI", "Goods"});
  size_t row_2022 = 0, row_2021 = 0;
  for (size_t r = 0; r < t.keys.size(); ++r) {
    if (t.keys.unit[r] != "AUT") continue;
    if (t.keys.year[r] == 2022) row_2022 = r;
    if (t.keys.year[r] == 2021) row_2021 = r;
  }
  ASSERT_NE(row_2022, row_2021);
  t.x.At(row_2022, 0) = kMissing;
  ImputeSpec spec;
  spec.panel = PanelImpute::kLatest;
  const auto out = Impute(t.x, t.keys, spec);
  EXPECT_EQ(out.x.At(row_2022, 0), t.x.At(row_2021, 0));
  EXPECT_EQ(out.flag[row_2022 * 2], 1);
}

TEST(Screen, DropsRowsBelowTheAvailabilityThreshold) {
  Table t;
  t.keys = {{"a", "b", "c"}, {0, 0, 0}, {"", "", ""}};
  t.columns = {"i1", "i2", "i3"};
  t.x = Matrix(3, 3);
  t.x.values = {1, 2, 3, kMissing, kMissing, 6, 7, kMissing, 9};
  std::vector<size_t> removed;
  auto kept = ScreenRows(t, 2.0 / 3.0, &removed);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->keys.unit, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(removed, (std::vector<size_t>{1}));
  EXPECT_EQ(kept->x.At(1, 2), 9);
  EXPECT_EQ(ScreenRows(t, 1.5).error().code, ErrorCode::kInvalidArgument);
  t.x.values.assign(9, kMissing);
  EXPECT_EQ(ScreenRows(t, 0.5).error().code, ErrorCode::kValidation);
}

// COINr v1 example: Screen(dat_thresh = 0.9, unit_screen = "byNA") runs on the imputed data and
// removes no unit; on the raw data 5 units have under 90% of their indicators, and 20 have a gap.
TEST(Screen, V1ExampleAvailability) {
  const auto codes = testing::IndicatorCodes(testing::V1Framework());
  const auto raw = testing::Csv("ASEM_iData.csv").ToTable("uCode", "EurAsia_group", "", codes);
  EXPECT_EQ(ScreenRows(raw, 0.9)->keys.size(), 51u - 5u);
  EXPECT_EQ(ScreenRows(raw, 1.0)->keys.size(), 51u - 20u);
  ImputeSpec spec;
  spec.method = ImputeMethod::kGroupMean;
  Table imputed = raw;
  imputed.x = Impute(raw.x, raw.keys, spec).x;
  std::vector<size_t> removed;
  auto kept = ScreenRows(imputed, 0.9, &removed);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->keys.size(), 51u);
  EXPECT_TRUE(removed.empty());
}

}  // namespace
}  // namespace waymark::index
