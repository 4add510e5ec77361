// Tests of means with Student's t limits against PHEindicatormethods' and PHStatsMethods' tables.
#include "stats/mean.h"

#include <gtest/gtest.h>

#include <map>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::kRelTol;
using testing::RefTable;

std::map<std::string, std::vector<double>> LoadGroups(const std::string& file) {
  RefTable t(file);
  std::map<std::string, std::vector<double>> groups;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    groups[t.Str(r, "area")].push_back(t.Num(r, "values"));
    groups["No grouping"].push_back(t.Num(r, "values"));
  }
  return groups;
}

TEST(MeanTest, ReproducesMeanTable) {
  const auto groups = LoadGroups("mean_input.csv");
  RefTable t("mean_results.csv");
  ASSERT_EQ(t.RowCount(), 3u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    MeanResult m = Mean(groups.at(t.Str(r, "area")), DefaultConfidenceLevels());
    SCOPED_TRACE(t.Str(r, "area"));
    EXPECT_EQ(m.n, t.Num(r, "value_count"));
    EXPECT_NEAR_REL(m.sum, t.Num(r, "value_sum"), kRelTol);
    EXPECT_NEAR_REL(m.sd, t.Num(r, "stdev"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.value, t.Num(r, "value"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[0].lower, t.Num(r, "lower95_0cl"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[0].upper, t.Num(r, "upper95_0cl"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[1].lower, t.Num(r, "lower99_8cl"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[1].upper, t.Num(r, "upper99_8cl"), kRelTol);
    EXPECT_EQ(m.estimate.method, t.Str(r, "method"));
  }
}

// PHStatsMethods' copy adds a missing value to Area1. Its Area rows follow R's rule (a missing
// value makes the group's statistics missing, count = non-missing values); its "No grouping" row
// skips the missing value as pandas does (and its value_sum cell repeats Area2's sum).
TEST(MeanTest, ReproducesPhStatsMissingValueTable) {
  const auto groups = LoadGroups("phstats_mean_input_with_na.csv");
  RefTable t("phstats_mean_results_na.csv");
  ASSERT_EQ(t.RowCount(), 3u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const bool pooled = t.Str(r, "area") == "No grouping";
    MeanResult m = Mean(groups.at(t.Str(r, "area")), DefaultConfidenceLevels(),
                        pooled ? MissingValues::kSkip : MissingValues::kPropagate);
    SCOPED_TRACE(t.Str(r, "area"));
    EXPECT_EQ(m.n, t.Num(r, "value_count"));
    if (!pooled) {
      EXPECT_NEAR_REL(m.sum, t.Num(r, "value_sum"), kRelTol);
    }
    EXPECT_NEAR_REL(m.sd, t.Num(r, "stdev"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.value, t.Num(r, "Value"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[0].lower, t.Num(r, "lower_95_ci"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[0].upper, t.Num(r, "upper_95_ci"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[1].lower, t.Num(r, "lower_99_8_ci"), kRelTol);
    EXPECT_NEAR_REL(m.estimate.intervals[1].upper, t.Num(r, "upper_99_8_ci"), kRelTol);
  }
}

TEST(MeanTest, SmallSamples) {
  MeanResult none = Mean({}, DefaultConfidenceLevels());
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(IsMissing(none.estimate.value));
  const std::vector<double> one_value = {4.0};
  MeanResult one = Mean(one_value, DefaultConfidenceLevels());
  EXPECT_EQ(one.estimate.value, 4.0);
  EXPECT_TRUE(IsMissing(one.sd));
  EXPECT_TRUE(IsMissing(one.estimate.intervals[0].lower));
  const std::vector<double> two = {1.0, 3.0};
  MeanResult m = Mean(two, DefaultConfidenceLevels());
  // t(0.975; 1) = 12.706204736174698, sd = √2, se = 1.
  EXPECT_NEAR(m.estimate.intervals[0].upper, 2 + 12.706204736174698, 1e-12);
  EXPECT_LT(m.estimate.intervals[1].lower, m.estimate.intervals[0].lower);
}

}  // namespace
}  // namespace waymark::stats
