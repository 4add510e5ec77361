// The pipeline around indicators with fixed goalposts: nothing imputed into them, they count
// for the units that report them, and the Family Friendly defaults never fail on outliers.
#include "index/pipeline.h"

#include <gtest/gtest.h>

#include "index/sensitivity.h"

namespace waymark::index {
namespace {

Node Indicator(const std::string& code) {
  Node n;
  n.code = code;
  n.parent = "index";
  return n;
}

Framework TwoIndicators(bool fixed) {
  Framework f;
  f.nodes.push_back(Indicator("shared"));
  Node local = Indicator("local");
  local.goalposts = Goalposts{0, 100, 1};
  local.fixed_goalposts = fixed;
  f.nodes.push_back(local);
  Node top;
  top.code = "index";
  top.level = 2;
  f.nodes.push_back(top);
  return f;
}

// Four units; only "a" reports the local measure (84%).
Table FourUnits() {
  Table t;
  t.keys = RowKeys{{"a", "b", "c", "d"}, {2019, 2019, 2019, 2019}, {"", "", "", ""}};
  t.columns = {"shared", "local"};
  t.x = Matrix(4, 2);
  t.x.values = {10, 84,        //
                20, kMissing,  //
                30, kMissing,  //
                40, kMissing};
  return t;
}

MethodSpec MedianMinMax() {
  MethodSpec spec;
  spec.impute.method = ImputeMethod::kMedian;
  spec.normalise.low = 0;
  spec.normalise.high = 100;
  return spec;
}

TEST(FixedGoalpostsPipeline, CountForTheReportingUnitAndAreNotImputed) {
  auto model = Prepare(FourUnits(), TwoIndicators(/*fixed=*/true));
  ASSERT_TRUE(model) << model.error().message;
  auto results = RunPipeline(*model, MedianMinMax());
  ASSERT_TRUE(results) << results.error().message;
  const size_t top = model->framework.TopIndex();
  EXPECT_DOUBLE_EQ(results->aggregated.At(0, top), (0 + 84) / 2.0);
  EXPECT_DOUBLE_EQ(results->aggregated.At(1, top), 100.0 / 3);
  EXPECT_DOUBLE_EQ(results->aggregated.At(3, top), 100);
  EXPECT_TRUE(IsMissing(results->normalised.At(1, 1)));
  EXPECT_EQ(results->imputed.flag[1 * 2 + 1], 0);
  auto scores = RunIndexScores(*model, MedianMinMax());
  ASSERT_TRUE(scores);
  EXPECT_DOUBLE_EQ((*scores)[0], 42);
}

// The coverage rule leaves a local measure out: no cost to the units without it, no help to the
// unit with it.
TEST(FixedGoalpostsPipeline, AMissingLocalMeasureCostsNoCoverage) {
  MethodSpec spec = MedianMinMax();
  spec.impute.method = ImputeMethod::kNone;
  spec.aggregate.dat_threshold = 0.75;
  auto fixed = Prepare(FourUnits(), TwoIndicators(/*fixed=*/true));
  ASSERT_TRUE(fixed);
  auto scores = RunIndexScores(*fixed, spec);
  ASSERT_TRUE(scores);
  EXPECT_DOUBLE_EQ((*scores)[1], 100.0 / 3);
  auto plain = Prepare(FourUnits(), TwoIndicators(/*fixed=*/false));
  ASSERT_TRUE(plain);
  auto without = RunIndexScores(*plain, spec);
  ASSERT_TRUE(without);
  EXPECT_TRUE(IsMissing((*without)[1]));  // 1 of 2 present < 0.75
  // A unit with only the local value is not scored on it alone.
  Table t = FourUnits();
  t.x.At(0, 0) = kMissing;
  auto local_only = Prepare(t, TwoIndicators(/*fixed=*/true));
  ASSERT_TRUE(local_only);
  auto none = RunIndexScores(*local_only, spec);
  ASSERT_TRUE(none);
  EXPECT_TRUE(IsMissing((*none)[0]));
}

TEST(FixedGoalpostsPipeline, WithoutTheFlagOneUnitsValueWouldBeCopiedToAll) {
  auto model = Prepare(FourUnits(), TwoIndicators(/*fixed=*/false));
  ASSERT_TRUE(model);
  auto results = RunPipeline(*model, MedianMinMax());
  ASSERT_TRUE(results);
  // Median imputation copies a's 84 to every unit, and min-max of a constant column is missing.
  EXPECT_EQ(results->imputed.x.At(1, 1), 84);
  EXPECT_TRUE(IsMissing(results->normalised.At(0, 1)));
}

// Regression: the Family Friendly defaults paired the z-score (10, 2) with the geometric mean,
// and one area 5 standard deviations out made every such run fail (166 of 1,000 on the demo).
TEST(FfiFactorsRegression, AnExtremeAreaFailsNoGeometricRun) {
  Table t;
  t.columns = {"shared", "other"};
  t.x = Matrix(40, 2);
  for (size_t r = 0; r < 40; ++r) {
    std::string unit = "u";
    unit += std::to_string(r);
    t.keys.unit.push_back(unit);
    t.keys.year.push_back(2020);
    t.keys.group.emplace_back();
    t.x.At(r, 0) = static_cast<double>(r % 7);
    t.x.At(r, 1) = static_cast<double>((r * 5) % 11);
  }
  t.x.At(0, 0) = -400;  // about 18 standard deviations below the rest
  Framework f;
  f.nodes = {Indicator("shared"), Indicator("other")};
  Node top;
  top.code = "index";
  top.level = 2;
  f.nodes.push_back(top);
  auto model = Prepare(t, f);
  ASSERT_TRUE(model);
  SensitivitySpec spec;
  spec.nominal = FfiNominalSpec();
  spec.nominal.treat.method = TreatMethod::kNone;
  spec.factors = FfiFactors();
  spec.runs = 120;
  auto mc = RunUncertainty(*model, spec);
  ASSERT_TRUE(mc) << mc.error().message;
  EXPECT_EQ(mc->failed_runs, 0u);
  // The plain z-score (10, 2) under the geometric mean fails on the same data.
  MethodSpec plain = spec.nominal;
  plain.normalise.method = NormMethod::kZScore;
  plain.normalise.mean = 10;
  plain.normalise.sd = 2;
  plain.aggregate.method = AggMethod::kGeometric;
  EXPECT_FALSE(RunIndexScores(*model, plain));
}

}  // namespace
}  // namespace waymark::index
