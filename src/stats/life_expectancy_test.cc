// Tests of life expectancy against the PHEindicatormethods life-expectancy tests.
#include "stats/life_expectancy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::Level95;
using testing::Near;
using testing::RefTable;

// The expected values were typed into the R tests, which compare at 4 decimal places; the R
// package itself agrees with them to about 5e-6, so 1e-5 is as tight as the tables allow.
constexpr double kAbsTol = 1e-5;

TEST(LifeExpectancyTest, ReproducesSingleAreaTable) {
  RefTable in("le_input.csv");
  std::vector<LifeTableBand> bands;
  for (size_t r = 0; r < in.RowCount(); ++r) {
    bands.push_back({in.Num(r, "startage"), in.Num(r, "pops"), in.Num(r, "deaths")});
  }
  std::reverse(bands.begin(), bands.end());  // any order is accepted
  auto result = LifeExpectancy(bands, Level95());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->status, LifeExpectancyStatus::kCalculated);
  RefTable t("le_expected.csv");
  ASSERT_EQ(result->rows.size(), t.RowCount());
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const LifeExpectancyRow& row = result->rows[r];
    SCOPED_TRACE("start age " + t.Str(r, "startage"));
    EXPECT_EQ(row.start_age, t.Num(r, "startage"));
    EXPECT_NEAR(row.estimate.value, t.Num(r, "value"), kAbsTol);
    EXPECT_NEAR(row.estimate.intervals[0].lower, t.Num(r, "lowercl"), kAbsTol);
    EXPECT_NEAR(row.estimate.intervals[0].upper, t.Num(r, "uppercl"), kAbsTol);
    EXPECT_EQ(row.population_used, t.Num(r, "pops_used"));
    EXPECT_EQ(row.deaths_used, t.Num(r, "dths_used"));
  }
}

// Groups in the order R returns them: calculated groups first, suppressed groups after.
TEST(LifeExpectancyTest, ReproducesWideIntervalTableInOutputOrder) {
  RefTable in("le_widecis_input.csv");
  std::map<std::string, std::vector<LifeTableBand>> areas;
  for (size_t r = 0; r < in.RowCount(); ++r) {
    areas[in.Str(r, "area")].push_back(
        {in.Num(r, "startage"), in.Num(r, "pops"), in.Num(r, "deaths")});
  }
  const std::vector<ConfidenceLevel>& levels = DefaultConfidenceLevels();
  std::vector<std::pair<std::string, LifeExpectancyRow>> computed, suppressed;
  for (const auto& [area, bands] : areas) {
    auto result = LifeExpectancy(bands, levels);
    ASSERT_TRUE(result.has_value());
    for (const auto& row : result->rows) {
      (result->status == LifeExpectancyStatus::kCalculated ? computed : suppressed)
          .emplace_back(area, row);
    }
    if (area == "Area 1") {
      EXPECT_EQ(result->status, LifeExpectancyStatus::kDeathsExceedPopulation);
    }
  }
  computed.insert(computed.end(), suppressed.begin(), suppressed.end());
  RefTable t("le_widecis_expected.csv");
  ASSERT_EQ(computed.size(), t.RowCount());
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const auto& [area, row] = computed[r];
    SCOPED_TRACE(area + " start age " + t.Str(r, "startage"));
    EXPECT_EQ(area, t.Str(r, "area"));
    EXPECT_EQ(row.start_age, t.Num(r, "startage"));
    EXPECT_TRUE(Near(row.estimate.value, t.Num(r, "value"), 0, kAbsTol));
    EXPECT_TRUE(Near(row.estimate.intervals[0].lower, t.Num(r, "lower95_0cl"), 0, kAbsTol));
    EXPECT_TRUE(Near(row.estimate.intervals[0].upper, t.Num(r, "upper95_0cl"), 0, kAbsTol));
    EXPECT_EQ(row.wide_interval, area == "Area 2" && row.start_age >= 40);
  }
}

TEST(LifeExpectancyTest, SuppressesInvalidGroups) {
  RefTable in("le_invalid_groups_input.csv");
  std::map<std::string, std::vector<LifeTableBand>> groups;
  for (size_t r = 0; r < in.RowCount(); ++r) {
    groups[in.Str(r, "area")].push_back({in.Num(r, "age"), in.Num(r, "pop"), in.Num(r, "deaths")});
  }
  const std::map<std::string, LifeExpectancyStatus> expected = {
      {"Good data", LifeExpectancyStatus::kCalculated},
      {"Negative deaths", LifeExpectancyStatus::kNegativeDeaths},
      {"Negative pops", LifeExpectancyStatus::kNonPositivePopulation},
      {"Deaths more than pops", LifeExpectancyStatus::kDeathsExceedPopulation},
      {"Low pops", LifeExpectancyStatus::kSmallPopulation},
      {"Missing age band", LifeExpectancyStatus::kWrongBandCount},
  };
  ASSERT_EQ(groups.size(), expected.size());
  for (const auto& [name, bands] : groups) {
    auto result = LifeExpectancy(bands, Level95());
    ASSERT_TRUE(result.has_value()) << name;
    EXPECT_EQ(result->status, expected.at(name)) << name;
    const bool calculated = result->status == LifeExpectancyStatus::kCalculated;
    EXPECT_EQ(LifeExpectancyStatusMessage(result->status).empty(), calculated) << name;
    for (const auto& row : result->rows) {
      EXPECT_EQ(IsMissing(row.estimate.value), !calculated) << name;
      EXPECT_EQ(IsMissing(row.estimate.intervals[0].lower), !calculated) << name;
    }
  }
}

TEST(LifeExpectancyTest, PropertiesAndErrors) {
  RefTable in("le_input.csv");
  std::vector<LifeTableBand> bands;
  for (size_t r = 0; r < in.RowCount(); ++r) {
    bands.push_back({in.Num(r, "startage"), in.Num(r, "pops"), in.Num(r, "deaths")});
  }
  auto result = LifeExpectancy(bands, DefaultConfidenceLevels());
  ASSERT_TRUE(result.has_value());
  for (const auto& row : result->rows) {
    const auto& ci = row.estimate.intervals;
    EXPECT_LT(ci[1].lower, ci[0].lower);
    EXPECT_LT(ci[0].lower, row.estimate.value);
    EXPECT_GT(ci[0].upper, row.estimate.value);
    EXPECT_GT(ci[1].upper, ci[0].upper);
  }
  // Life expectancy plus age rises with age in a table like this one.
  EXPECT_GT(result->rows[10].start_age + result->rows[10].estimate.value,
            result->rows[0].estimate.value);
  bands[3].start_age = 11;
  EXPECT_FALSE(LifeExpectancy(bands, DefaultConfidenceLevels()).has_value());
  bands[3].start_age = 5;
  EXPECT_FALSE(LifeExpectancy(bands, DefaultConfidenceLevels()).has_value());  // repeated age
  bands[3].start_age = 10;
  bands[4].deaths = kMissing;
  EXPECT_FALSE(LifeExpectancy(bands, DefaultConfidenceLevels()).has_value());
}

}  // namespace
}  // namespace waymark::stats
