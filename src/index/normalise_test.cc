// Normalisation: ProMCDA reference vectors (mixed polarity), COINr unit vectors, properties.
#include "index/normalise.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "index/column_stats.h"
#include "index/test_data.h"

namespace waymark::index {
namespace {

using testing::Case;
using testing::Csv;
using testing::Near;
using testing::UnitVectors;

// Test nodes and specs without designated initialisers (all fields keep their defaults).
Node Ind(int direction = 1) {
  Node n;
  n.code = std::string(1, 'i');
  n.direction = direction;
  return n;
}

NormSpec Norm(NormMethod method, double low = 0, double high = 100) {
  NormSpec s;
  s.method = method;
  s.low = low;
  s.high = high;
  return s;
}

NormSpec ZNorm(double mean, double sd) {
  NormSpec s = Norm(NormMethod::kZScore);
  s.mean = mean;
  s.sd = sd;
  return s;
}

// ProMCDA input: 4 alternatives × 6 indicators, polarities (−, −, +, +, +, +).
class ProMcda : public ::testing::Test {
 protected:
  std::vector<double> Normalised(size_t c, const NormSpec& spec) {
    Csv input("input_matrix_without_uncert.csv", ';');
    std::vector<double> x;
    for (size_t r = 0; r < input.size(); ++r) x.push_back(input.NumAt(r, c + 1));
    Node node;
    node.code = "ind";
    node.direction = c < 2 ? -1 : 1;
    auto status = NormaliseValues(x, node, spec);
    EXPECT_TRUE(status) << status.error().message;
    return x;
  }

  void ExpectFile(const std::string& file, const NormSpec& spec) {
    Csv want(file);
    ASSERT_EQ(want.size(), 4u);
    for (size_t c = 0; c < 6; ++c) {
      const auto got = Normalised(c, spec);
      for (size_t r = 0; r < 4; ++r) {
        const double expected = want.Num(r, std::to_string(c));
        EXPECT_TRUE(Near(got[r], expected, 1e-12, 1e-15))
            << file << " row " << r << " col " << c << ": " << got[r] << " vs " << expected;
      }
    }
  }
};

TEST_F(ProMcda, MinMaxZeroOne) { ExpectFile("res_minmax_01.csv", Norm(NormMethod::kMinMax, 0, 1)); }

TEST_F(ProMcda, MinMaxWithoutZero) {
  ExpectFile("res_minmax_without_zero.csv", Norm(NormMethod::kMinMax, 0.1, 1));
}

TEST_F(ProMcda, TargetZeroOne) {
  ExpectFile("res_target_01.csv", Norm(NormMethod::kTargetFraction, 0, 1));
}

TEST_F(ProMcda, TargetWithoutZero) {
  ExpectFile("res_target_without_zero.csv", Norm(NormMethod::kTargetFraction, 0.1, 1));
}

TEST_F(ProMcda, StandardizedAny) { ExpectFile("res_standardized_any.csv", ZNorm(0, 1)); }

TEST_F(ProMcda, StandardizedWithoutZero) {
  ExpectFile("res_standardized_without_zero.csv", Norm(NormMethod::kZScoreFloor));
}

TEST_F(ProMcda, RankAverageTies) { ExpectFile("res_rank.csv", Norm(NormMethod::kRankAverage)); }

TEST(UnitVectors, DistanceToTargetBothDirectionsCappedOrNot) {
  const auto json = UnitVectors();
  int checked = 0;
  for (const auto& c : json["normalisation"]) {
    if (c["case"].get<std::string>().rfind("n_dist2targ", 0) != 0) continue;
    auto x = c["x"].get<std::vector<double>>();
    Node node = Ind(c["direction"].get<int>());
    node.target = c["targ"].get<double>();
    NormSpec spec = Norm(NormMethod::kDistToTarget);
    spec.cap_target = c["cap_max"].get<bool>();
    ASSERT_TRUE(NormaliseValues(x, node, spec));
    const auto want = c["expected"].get<std::vector<double>>();
    for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(x[i], want[i], 1e-12) << c["case"];
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(UnitVectors, GoalpostsBothDirectionsAndTruncation) {
  const auto json = UnitVectors();
  int checked = 0;
  for (const auto& c : json["normalisation"]) {
    if (c["case"].get<std::string>().rfind("n_goalposts", 0) != 0) continue;
    auto x = c["x"].get<std::vector<double>>();
    const auto g = c["gposts"].get<std::vector<double>>();
    Node node = Ind(c["direction"].get<int>());
    node.goalposts = Goalposts{g[0], g[1], g[2]};
    ASSERT_TRUE(NormaliseValues(x, node, Norm(NormMethod::kGoalposts)));
    EXPECT_NEAR(x[0], c["expected"][0].get<double>(), 1e-12) << c["case"];
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

TEST(UnitVectors, MinMaxToAnyRange) {
  const auto c = Case(UnitVectors()["normalisation"], "n_minmax to [2,7]");
  auto x = c["x"].get<std::vector<double>>();
  ASSERT_TRUE(NormaliseValues(x, Ind(), Norm(NormMethod::kMinMax, 2, 7)));
  EXPECT_DOUBLE_EQ(Min(x), c["expected_min"].get<double>());
  EXPECT_DOUBLE_EQ(Max(x), c["expected_max"].get<double>());
}

TEST(UnitVectors, ZScoreToAnyMeanAndSd) {
  const auto c = Case(UnitVectors()["normalisation"], "n_zscore to mean 5 sd 2");
  auto x = c["x"].get<std::vector<double>>();
  ASSERT_TRUE(NormaliseValues(x, Ind(), ZNorm(5, 2)));
  EXPECT_NEAR(Mean(x), c["expected_mean"].get<double>(), 1e-12);
  EXPECT_NEAR(SampleSd(x), c["expected_sd_sample"].get<double>(), 1e-12);
}

TEST(UnitVectors, BordaOfDistinctValues) {
  std::vector<double> x = {3.5, -1, 7, 2, 10, 0.5, 8, 4, 6, 9};
  ASSERT_TRUE(NormaliseValues(x, Ind(), Norm(NormMethod::kBorda)));
  std::sort(x.begin(), x.end());
  const auto want = Case(UnitVectors()["normalisation"], "n_borda of 10 distinct values");
  EXPECT_EQ(x, want["expected_set"].get<std::vector<double>>());
}

TEST(NormaliseProperties, MinMaxStaysInRangeAndKeepsMissing) {
  std::vector<double> x = {5, kMissing, -3, 12, 7.5, 0};
  ASSERT_TRUE(NormaliseValues(x, Ind(), Norm(NormMethod::kMinMax, 1, 100)));
  EXPECT_TRUE(IsMissing(x[1]));
  for (double v : x) {
    if (IsMissing(v)) continue;
    EXPECT_TRUE(v >= 1 && v <= 100) << v;
  }
  EXPECT_DOUBLE_EQ(x[2], 1);
  EXPECT_DOUBLE_EQ(x[3], 100);
}

TEST(NormaliseProperties, PolarityFlipMirrorsTheScale) {
  const std::vector<double> raw = {2, 9, 4, kMissing, 6};
  for (auto method : {NormMethod::kMinMax, NormMethod::kZScore, NormMethod::kPercentRank}) {
    auto up = raw, down = raw;
    NormSpec spec = Norm(method, 0, 1);
    ASSERT_TRUE(NormaliseValues(up, Ind(1), spec));
    ASSERT_TRUE(NormaliseValues(down, Ind(-1), spec));
    for (size_t i = 0; i < raw.size(); ++i) {
      if (IsMissing(raw[i])) {
        EXPECT_TRUE(IsMissing(up[i]) && IsMissing(down[i]));
        continue;
      }
      const double mirror = method == NormMethod::kZScore ? -up[i] : 1 - up[i];
      EXPECT_NEAR(down[i], mirror, 1e-12) << Name(method);
    }
  }
}

TEST(NormaliseProperties, ConstantColumnGivesMissingUnderMinMax) {
  std::vector<double> x = {3, 3, 3};
  ASSERT_TRUE(NormaliseValues(x, Ind(), {}));
  for (double v : x) EXPECT_TRUE(IsMissing(v));
}

NormSpec PerYear() {
  NormSpec s = Norm(NormMethod::kMinMax, 0, 1);
  s.scope = NormScope::kPerYear;
  return s;
}

TEST(NormaliseProperties, PooledAndPerYearScopes) {
  RowKeys keys{{"a", "b", "a", "b"}, {2020, 2020, 2021, 2021}, {"", "", "", ""}};
  Matrix x(4, 1);
  x.values = {1, 3, 5, 7};
  std::vector<Node> nodes = {Ind()};
  auto pooled = Normalise(x, keys, nodes, Norm(NormMethod::kMinMax, 0, 1));
  ASSERT_TRUE(pooled);
  EXPECT_EQ(pooled->values, (std::vector<double>{0, 1.0 / 3, 2.0 / 3, 1}));
  auto per_year = Normalise(x, keys, nodes, PerYear());
  ASSERT_TRUE(per_year);
  EXPECT_EQ(per_year->values, (std::vector<double>{0, 1, 0, 1}));
}

TEST(NormaliseErrors, MissingTargetOrGoalpostsAreReported) {
  std::vector<double> x = {1, 2, 3};
  auto t = NormaliseValues(x, Ind(), Norm(NormMethod::kDistToTarget));
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kValidation);
  auto g = NormaliseValues(x, Ind(), Norm(NormMethod::kGoalposts));
  ASSERT_FALSE(g);
  Node bad = Ind();
  bad.goalposts = Goalposts{5, 5, 1};
  EXPECT_FALSE(NormaliseValues(x, bad, Norm(NormMethod::kGoalposts)));
}

// A local measure that one unit reports: scaled by its goalposts onto the span of the others.
TEST(FixedGoalposts, MapOntoTheSpanOfTheOtherColumns) {
  RowKeys keys{{"a", "b", "c"}, {0, 0, 0}, {"", "", ""}};
  Matrix x(3, 2);
  x.values = {10, 84,        //
              20, kMissing,  //
              30, kMissing};
  Node local = Ind();
  local.code = "local";
  local.goalposts = Goalposts{0, 100, 1};
  local.fixed_goalposts = true;
  std::vector<Node> nodes = {Ind(), local};
  auto minmax = Normalise(x, keys, nodes, Norm(NormMethod::kMinMax, 1, 100));
  ASSERT_TRUE(minmax) << minmax.error().message;
  EXPECT_DOUBLE_EQ(minmax->At(0, 1), 1 + 0.84 * 99);
  EXPECT_TRUE(IsMissing(minmax->At(1, 1)));
  EXPECT_TRUE(IsMissing(minmax->At(2, 1)));
  // Under a z-score the other column spans [-1, 1]; 84% of the way is 0.68.
  auto z = Normalise(x, keys, nodes, ZNorm(0, 1));
  ASSERT_TRUE(z);
  EXPECT_NEAR(z->At(0, 1), -1 + 0.84 * 2, 1e-12);
  // Lower is better: the posts flip, so 84 scores 16% of the way.
  nodes[1].direction = -1;
  auto low = Normalise(x, keys, nodes, Norm(NormMethod::kMinMax, 0, 100));
  ASSERT_TRUE(low);
  EXPECT_NEAR(low->At(0, 1), 16, 1e-12);
}

TEST(FixedGoalposts, TruncateAtThePostsAndNeedPosts) {
  RowKeys keys{{"a", "b"}, {0, 0}, {"", ""}};
  Matrix x(2, 2);
  x.values = {0, 120,  //
              1, -5};
  Node local = Ind();
  local.goalposts = Goalposts{0, 100, 1};
  local.fixed_goalposts = true;
  auto out = Normalise(x, keys, {Ind(), local}, Norm(NormMethod::kMinMax, 0, 100));
  ASSERT_TRUE(out);
  EXPECT_DOUBLE_EQ(out->At(0, 1), 100);
  EXPECT_DOUBLE_EQ(out->At(1, 1), 0);
  // Alone, a fixed column takes the method's own range.
  Matrix alone(2, 1);
  alone.values = {50, 25};
  auto only = Normalise(alone, keys, {local}, Norm(NormMethod::kMinMax, 1, 11));
  ASSERT_TRUE(only);
  EXPECT_DOUBLE_EQ(only->At(0, 0), 6);
  local.goalposts.reset();
  auto missing = Normalise(x, keys, {Ind(), local}, Norm(NormMethod::kMinMax));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kValidation);
}

TEST(NormaliseErrors, ShapeMismatch) {
  RowKeys keys{{"a"}, {0}, {""}};
  Matrix x(1, 2);
  auto r = Normalise(x, keys, {Ind()}, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(SpecNames, ParseAndNameRoundTrip) {
  for (auto name : {"minmax", "zscore", "zscore_floor", "rank", "rank_average", "borda",
                    "percent_rank", "dist2targ", "goalposts", "fracmax", "target_fraction"}) {
    auto m = ParseNormalisation(name);
    ASSERT_TRUE(m) << name;
    EXPECT_EQ(Name(*m), name);
  }
  EXPECT_EQ(*ParseAggregation("geometric"), AggMethod::kGeometric);
  EXPECT_EQ(*ParseImputeMethod("group_median"), ImputeMethod::kGroupMedian);
  EXPECT_EQ(*ParsePanelImpute("latest"), PanelImpute::kLatest);
  EXPECT_EQ(*ParseTreatMethod("winsorise"), TreatMethod::kWinsorise);
  EXPECT_EQ(*ParseTreatFallback("log_ct"), TreatFallback::kLogCT);
  EXPECT_EQ(*ParseNormScope("per_year"), NormScope::kPerYear);
  auto bad = ParseNormalisation("min-max");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("minmax"), std::string::npos);
}

}  // namespace
}  // namespace waymark::index
