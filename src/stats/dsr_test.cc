// Tests of directly standardised rates against PHEindicatormethods' DSR tables.
#include "stats/dsr.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::kRelTol;
using testing::RefTable;

// Bands per area, in file order, with the standard from `standard_column` or ESP2013 by
// position.
std::map<std::string, std::vector<DsrBand>> LoadBands(const std::string& file,
                                                      const std::string& standard_column = "") {
  RefTable t(file);
  std::map<std::string, std::vector<DsrBand>> areas;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const std::string area = t.Has("area") ? t.Str(r, "area") : "all";
    auto& bands = areas[area];
    const double standard =
        standard_column.empty() ? Esp2013Weights()[bands.size()] : t.Num(r, standard_column);
    bands.push_back({t.Num(r, "count"), t.Num(r, "pop"), standard});
  }
  return areas;
}

void ExpectRow(const DsrResult& result, const RefTable& t, size_t r, bool check_998 = true) {
  SCOPED_TRACE("dsr_results row " + std::to_string(r + 2));
  EXPECT_NEAR_REL(result.total_count, t.Num(r, "total_count"), kRelTol);
  EXPECT_NEAR_REL(result.total_population, t.Num(r, "total_pop"), kRelTol);
  EXPECT_NEAR_REL(result.estimate.value, t.Num(r, "value"), kRelTol);
  EXPECT_NEAR_REL(result.estimate.intervals[0].lower, t.Num(r, "lower95_0cl"), kRelTol);
  EXPECT_NEAR_REL(result.estimate.intervals[0].upper, t.Num(r, "upper95_0cl"), kRelTol);
  if (check_998) {
    EXPECT_NEAR_REL(result.estimate.intervals[1].lower, t.Num(r, "lower99_8cl"), kRelTol);
    EXPECT_NEAR_REL(result.estimate.intervals[1].upper, t.Num(r, "upper99_8cl"), kRelTol);
  }
  EXPECT_EQ(result.estimate.method, t.Str(r, "method"));
  EXPECT_EQ(result.suppressed, t.Str(r, "statistic") == "dsr NA for total count < 10");
}

TEST(DsrTest, Esp2013IsBuiltIn) {
  RefTable t("esp2013.csv");
  ASSERT_EQ(t.RowCount(), Esp2013Weights().size());
  for (size_t r = 0; r < t.RowCount(); ++r) {
    EXPECT_EQ(Esp2013Weights()[r], t.Num(r, "esp2013"));
    EXPECT_EQ(Esp2013Bands()[r], t.Str(r, "ageband"));
  }
  EXPECT_EQ(std::accumulate(Esp2013Weights().begin(), Esp2013Weights().end(), 0.0), 100000);
}

TEST(DsrTest, ReproducesMultiareaRows) {
  RefTable expected("dsr_results.csv");
  const auto areas = LoadBands("dsr_multiarea_input.csv");
  for (size_t r : {0, 1, 2, 4, 5, 6}) {
    const double multiplier = r < 4 ? 10000 : 100000;
    auto result = DirectlyStandardisedRate(areas.at(expected.Str(r, "area")),
                                           DefaultConfidenceLevels(), multiplier);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    ExpectRow(*result, expected, r);
  }
}

TEST(DsrTest, ReproducesUserSuppliedStandardRows) {
  // The source sheet's 99.8% cells for these rows are 10× too large, so only 95% is compared.
  RefTable expected("dsr_results.csv");
  const auto bands = LoadBands("dsr_1976_input.csv", "esp1976").at("all");
  for (size_t r : {3, 7}) {
    auto result = DirectlyStandardisedRate(bands, DefaultConfidenceLevels(), r < 4 ? 1e4 : 1e5);
    ASSERT_TRUE(result.has_value());
    ExpectRow(*result, expected, r, /*check_998=*/false);
    EXPECT_NEAR_REL(result->estimate.intervals[1].lower * 10, expected.Num(r, "lower99_8cl"),
                    kRelTol);
    EXPECT_NEAR_REL(result->estimate.intervals[1].upper * 10, expected.Num(r, "upper99_8cl"),
                    kRelTol);
  }
}

TEST(DsrTest, ReproducesNonIndependentRows) {
  RefTable input("dsr_nonindependent_input.csv");
  std::map<std::string, std::vector<DsrFrequencyBand>> areas;
  for (size_t r = 0; r < input.RowCount(); ++r) {
    auto& bands = areas[input.Str(r, "area")];
    bands.push_back(
        {input.Num(r, "pop"),
         Esp2013Weights()[bands.size()],
         {input.Num(r, "f1"), input.Num(r, "f2"), input.Num(r, "f3"), input.Num(r, "f4")}});
  }
  RefTable expected("dsr_results.csv");
  for (size_t r = 8; r < 12; ++r) {
    auto result = DirectlyStandardisedRateNonIndependent(areas.at(expected.Str(r, "area")),
                                                         DefaultConfidenceLevels());
    ASSERT_TRUE(result.has_value());
    // The table is published to 8 decimal places.
    SCOPED_TRACE(expected.Str(r, "area"));
    EXPECT_TRUE(testing::Near(result->estimate.value, expected.Num(r, "value"), 0, 5e-9));
    EXPECT_TRUE(testing::Near(result->estimate.intervals[0].lower, expected.Num(r, "lower95_0cl"),
                              0, 5e-9));
    EXPECT_TRUE(testing::Near(result->estimate.intervals[0].upper, expected.Num(r, "upper95_0cl"),
                              0, 5e-9));
    EXPECT_TRUE(testing::Near(result->estimate.intervals[1].lower, expected.Num(r, "lower99_8cl"),
                              0, 5e-9));
    EXPECT_TRUE(testing::Near(result->estimate.intervals[1].upper, expected.Num(r, "upper99_8cl"),
                              0, 5e-9));
    if (IsMissing(expected.Num(r, "value"))) {
      EXPECT_TRUE(result->suppressed);
    }
    EXPECT_EQ(result->estimate.method, expected.Str(r, "method"));
    EXPECT_EQ(result->total_count, expected.Num(r, "total_count"));
  }
}

TEST(DsrTest, RejectsNegativeInputs) {
  for (const char* file : {"dsr_err1_negative_count.csv", "dsr_err3_negative_pop.csv",
                           "dsr_err4_negative_stdpop.csv"}) {
    const auto bands = LoadBands(file, "stdpop").at("all");
    auto result = DirectlyStandardisedRate(bands, DefaultConfidenceLevels());
    ASSERT_FALSE(result.has_value()) << file;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(DirectlyStandardisedRate({}, DefaultConfidenceLevels()).has_value());
  const std::vector<DsrBand> missing_pop = {{10, kMissing, 5000}};
  EXPECT_FALSE(DirectlyStandardisedRate(missing_pop, DefaultConfidenceLevels()).has_value());
  const std::vector<DsrBand> zero_standard = {{10, 100, 0}};
  EXPECT_FALSE(DirectlyStandardisedRate(zero_standard, DefaultConfidenceLevels()).has_value());
}

TEST(DsrPropertyTest, SuppressedBelowTenAndLimitsWiden) {
  std::vector<DsrBand> bands = {{4, 1000, 5000}, {5, 2000, 5000}};
  auto small = DirectlyStandardisedRate(bands, DefaultConfidenceLevels());
  ASSERT_TRUE(small.has_value());
  EXPECT_TRUE(small->suppressed);
  EXPECT_TRUE(IsMissing(small->estimate.value));
  bands[0].count = 5;
  auto ten = DirectlyStandardisedRate(bands, DefaultConfidenceLevels());
  ASSERT_TRUE(ten.has_value());
  EXPECT_FALSE(ten->suppressed);
  const auto& ci = ten->estimate.intervals;
  EXPECT_LT(ci[1].lower, ci[0].lower);
  EXPECT_LT(ci[0].lower, ten->estimate.value);
  EXPECT_LT(ten->estimate.value, ci[0].upper);
  EXPECT_LT(ci[0].upper, ci[1].upper);
  // One band: the DSR is the crude rate.
  const std::vector<DsrBand> one = {{50, 1000, 7}};
  EXPECT_DOUBLE_EQ(DirectlyStandardisedRate(one, {})->estimate.value, 5000);
}

}  // namespace
}  // namespace waymark::stats
