// Tests of indirectly standardised ratios and rates against PHEindicatormethods' ISR tables.
#include "stats/isr.h"

#include <gtest/gtest.h>

#include <map>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::kRelTol;
using testing::RefTable;

void ExpectRow(const IsrResult& result, const RefTable& t, size_t r, bool check_998 = true) {
  SCOPED_TRACE("isr_results row " + std::to_string(r + 2));
  EXPECT_NEAR_REL(result.observed, t.Num(r, "observed"), kRelTol);
  EXPECT_NEAR_REL(result.expected, t.Num(r, "expected"), kRelTol);
  EXPECT_NEAR_REL(result.reference_rate, t.Num(r, "ref_rate"), kRelTol);
  EXPECT_NEAR_REL(result.estimate.value, t.Num(r, "value"), kRelTol);
  EXPECT_NEAR_REL(result.estimate.intervals[0].lower, t.Num(r, "lower95_0cl"), kRelTol);
  EXPECT_NEAR_REL(result.estimate.intervals[0].upper, t.Num(r, "upper95_0cl"), kRelTol);
  if (check_998) {
    EXPECT_NEAR_REL(result.estimate.intervals[1].lower, t.Num(r, "lower99_8cl"), kRelTol);
    EXPECT_NEAR_REL(result.estimate.intervals[1].upper, t.Num(r, "upper99_8cl"), kRelTol);
  }
  EXPECT_EQ(result.estimate.method, t.Str(r, "method"));
}

std::map<std::string, std::vector<IsrBand>> LoadMultiarea() {
  RefTable t("isr_multiarea_input.csv");
  std::map<std::string, std::vector<IsrBand>> areas;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    areas[t.Str(r, "area")].push_back(
        {t.Num(r, "count"), t.Num(r, "pop"), t.Num(r, "refcount"), t.Num(r, "refpop")});
  }
  return areas;
}

TEST(IsrTest, ReproducesMultiareaRows) {
  const auto areas = LoadMultiarea();
  RefTable expected("isr_results.csv");
  const auto& levels = DefaultConfidenceLevels();
  for (size_t r = 0; r < 12; ++r) {
    const auto& bands = areas.at(expected.Str(r, "area"));
    Result<IsrResult> result;
    if (r < 3) result = IndirectlyStandardisedRate(bands, levels, 100000);
    if (r >= 3 && r < 6) result = IndirectlyStandardisedRate(bands, levels, 1000);
    if (r >= 6 && r < 9) result = IndirectlyStandardisedRatio(bands, levels, 1);
    if (r >= 9) result = IndirectlyStandardisedRatio(bands, levels, 100);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    ExpectRow(*result, expected, r);
  }
}

TEST(IsrTest, ObservedTotalsReplaceTheSum) {
  const auto areas = LoadMultiarea();
  RefTable totals("isr_observed_totals.csv");
  RefTable expected("isr_results.csv");
  for (size_t r = 0; r < totals.RowCount(); ++r) {
    auto result =
        IndirectlyStandardisedRatio(areas.at(totals.Str(r, "area")), DefaultConfidenceLevels(), 1,
                                    totals.Num(r, "total_count"));
    ASSERT_TRUE(result.has_value());
    ExpectRow(*result, expected, 6 + r);
  }
}

TEST(IsrTest, ReproducesZeroPopulationRows) {
  RefTable input("isr_err2_zero_pop_input.csv");
  RefTable ref("isr_refdata.csv");
  std::map<std::string, std::vector<IsrBand>> areas;
  for (size_t r = 0; r < input.RowCount(); ++r) {
    auto& bands = areas[input.Str(r, "area")];
    const size_t band = bands.size();
    bands.push_back({input.Num(r, "count"), input.Num(r, "pop"), ref.Num(band, "refcount"),
                     ref.Num(band, "refpop")});
  }
  RefTable expected("isr_results.csv");
  const std::vector<ConfidenceLevel> levels = {*ConfidenceLevel::Make(0.95)};
  for (size_t r = 12; r < 16; ++r) {
    const auto& bands = areas.at(expected.Str(r, "area"));
    auto result = r < 14 ? IndirectlyStandardisedRate(bands, levels)
                         : IndirectlyStandardisedRatio(bands, levels, 100);
    ASSERT_TRUE(result.has_value());
    ExpectRow(*result, expected, r, /*check_998=*/false);
  }
}

TEST(IsrTest, ReproducesPhStatsObservedTotals) {
  RefTable input("phstats_isr_obs_input.csv");
  RefTable observed("phstats_isr_obs_observed.csv");
  RefTable expected("phstats_isr_obs_results.csv");
  auto key = [](const RefTable& t, size_t r) {
    return t.Str(r, "indicatorid") + "|" + t.Str(r, "year") + "|" + t.Str(r, "sex");
  };
  std::map<std::string, std::vector<IsrBand>> groups;
  for (size_t r = 0; r < input.RowCount(); ++r) {
    groups[key(input, r)].push_back({input.Num(r, "obs"), input.Num(r, "pop"),
                                     input.Num(r, "refcount"), input.Num(r, "refpop")});
  }
  std::map<std::string, double> totals;
  for (size_t r = 0; r < observed.RowCount(); ++r)
    totals[key(observed, r)] = observed.Num(r, "observed");
  ASSERT_EQ(expected.RowCount(), 40u);
  const std::vector<ConfidenceLevel> levels = {*ConfidenceLevel::Make(0.95)};
  for (size_t r = 0; r < expected.RowCount(); ++r) {
    const std::string k = key(expected, r);
    auto result = IndirectlyStandardisedRatio(groups.at(k), levels, 1, totals.at(k));
    ASSERT_TRUE(result.has_value());
    SCOPED_TRACE(k);
    EXPECT_NEAR_REL(result->observed, expected.Num(r, "observed"), kRelTol);
    EXPECT_NEAR_REL(result->expected, expected.Num(r, "expected"), kRelTol);
    EXPECT_NEAR_REL(result->estimate.value, expected.Num(r, "Value"), kRelTol);
    EXPECT_NEAR_REL(result->estimate.intervals[0].lower, expected.Num(r, "lower_95_ci"), kRelTol);
    EXPECT_NEAR_REL(result->estimate.intervals[0].upper, expected.Num(r, "upper_95_ci"), kRelTol);
    EXPECT_EQ(result->estimate.method, expected.Str(r, "Method"));
  }
}

TEST(IsrTest, RejectsBadInput) {
  const auto& levels = DefaultConfidenceLevels();
  EXPECT_FALSE(IndirectlyStandardisedRatio({}, levels).has_value());
  const std::vector<IsrBand> negative = {{-1, 100, 10, 1000}};
  EXPECT_FALSE(IndirectlyStandardisedRatio(negative, levels).has_value());
  const std::vector<IsrBand> no_ref_pop = {{1, 100, 10, kMissing}};
  EXPECT_FALSE(IndirectlyStandardisedRatio(no_ref_pop, levels).has_value());
  const std::vector<IsrBand> no_expected = {{1, 100, 0, 1000}};
  EXPECT_FALSE(IndirectlyStandardisedRatio(no_expected, levels).has_value());
  const std::vector<IsrBand> ok = {{5, 100, 10, 1000}};
  EXPECT_FALSE(IndirectlyStandardisedRatio(ok, levels, 0).has_value());
  EXPECT_FALSE(IndirectlyStandardisedRate(ok, levels, -1).has_value());
  EXPECT_FALSE(IndirectlyStandardisedRatio(ok, levels, 1, -3).has_value());
  // The expected count here is 10/1000 × 100 = 1: a ratio of 5 with limits bracketing it.
  auto result = IndirectlyStandardisedRatio(ok, levels);
  ASSERT_TRUE(result.has_value());
  EXPECT_DOUBLE_EQ(result->estimate.value, 5);
  EXPECT_LT(result->estimate.intervals[1].lower, result->estimate.intervals[0].lower);
  EXPECT_GT(result->estimate.intervals[1].upper, result->estimate.intervals[0].upper);
}

}  // namespace
}  // namespace waymark::stats
