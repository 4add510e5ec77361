// Tests of Byar's, exact Poisson limits and crude rates against PHEindicatormethods' tables.
#include "stats/rate.h"

#include <gtest/gtest.h>

#include <map>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::kRelTol;
using testing::Level;
using testing::RefTable;

TEST(ByarsTest, ReproducesByarsWilsonTable) {
  RefTable t("byars_wilson.csv");
  int checked = 0;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    if (t.Str(r, "method") != "Byars") continue;
    const double z = Level(t.Str(r, "confidence") == "95%" ? 0.95 : 0.998).Z();
    EXPECT_NEAR_REL(ByarsLower(t.Num(r, "x"), z), t.Num(r, "lowercl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(ByarsUpper(t.Num(r, "x"), z), t.Num(r, "uppercl"), kRelTol) << "row " << r;
    ++checked;
  }
  EXPECT_EQ(checked, 7);
  // The table's last row: Byar's lower for 1 event at 99.8% goes negative and is missing.
  EXPECT_TRUE(IsMissing(ByarsLower(1, Level(0.998).Z())));
}

TEST(ByarsTest, ReproducesPhStatsScalarCases) {
  RefTable t("phstats_unit_cases.csv");
  int checked = 0;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    if (t.Str(r, "function") != "byars_lower") continue;
    EXPECT_NEAR_REL(ByarsLower(t.Num(r, "x_or_obs"), Level(t.Num(r, "confidence_or_p")).Z()),
                    t.Num(r, "expected"), kRelTol);
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(CrudeRateTest, ReproducesRateTable) {
  RefTable t("rate.csv");
  ASSERT_EQ(t.RowCount(), 20u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    auto est = CrudeRate(t.Num(r, "Numerator"), t.Num(r, "Denominator"), DefaultConfidenceLevels(),
                         t.Num(r, "multiplier"));
    ASSERT_TRUE(est.has_value()) << est.error().message;
    EXPECT_NEAR_REL(est->value, t.Num(r, "value"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[0].lower, t.Num(r, "lower95_0cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[0].upper, t.Num(r, "upper95_0cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[1].lower, t.Num(r, "lower99_8cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[1].upper, t.Num(r, "upper99_8cl"), kRelTol) << "row " << r;
    EXPECT_EQ(est->method, t.Str(r, "method")) << "row " << r;
  }
}

TEST(CrudeRateTest, ReproducesGroupedTable) {
  RefTable input("rate.csv");
  std::map<std::string, std::pair<double, double>> sums;
  for (size_t r = 0; r < input.RowCount(); ++r) {
    auto& [o, n] = sums[input.Str(r, "Area")];
    o += input.Num(r, "Numerator");
    n += input.Num(r, "Denominator");
  }
  RefTable t("rate_grouped.csv");
  ASSERT_EQ(t.RowCount(), sums.size());
  const std::vector<ConfidenceLevel> levels = {Level(95)};
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const auto& [o, n] = sums.at(t.Str(r, "Area"));
    auto est = CrudeRate(o, n, levels, t.Num(r, "multiplier"));
    ASSERT_TRUE(est.has_value());
    EXPECT_NEAR_REL(est->value, t.Num(r, "value"), kRelTol) << t.Str(r, "Area");
    EXPECT_NEAR_REL(est->intervals[0].lower, t.Num(r, "lowercl"), kRelTol) << t.Str(r, "Area");
    EXPECT_NEAR_REL(est->intervals[0].upper, t.Num(r, "uppercl"), kRelTol) << t.Str(r, "Area");
    if (!t.Str(r, "method").empty()) {
      EXPECT_EQ(est->method, t.Str(r, "method"));
    }
  }
}

TEST(CrudeRateTest, RejectsBadInput) {
  const auto& levels = DefaultConfidenceLevels();
  EXPECT_FALSE(CrudeRate(-1, 100, levels).has_value());
  EXPECT_FALSE(CrudeRate(1, 0, levels).has_value());
  EXPECT_FALSE(CrudeRate(1, -100, levels).has_value());
  EXPECT_FALSE(CrudeRate(1, 100, levels, 0).has_value());
  EXPECT_TRUE(CrudeRate(250, 220, levels).has_value());  // counts may exceed populations
}

TEST(ExactPoissonTest, MatchesGammaIdentities) {
  // The exact limits of 0 events: lower 0, upper −ln((1 − c)/2).
  EXPECT_EQ(ExactPoissonLower(0, 0.95), 0.0);
  EXPECT_NEAR(ExactPoissonUpper(0, 0.95), -std::log(0.025), 1e-12);
  // For 1 event the lower limit solves 1 − e^{−λ} = 0.025.
  EXPECT_NEAR(ExactPoissonLower(1, 0.95), -std::log(0.975), 1e-12);
}

TEST(CountIntervalPropertyTest, BracketsWidensAndSwitchesAtTen) {
  const std::vector<ConfidenceLevel> levels = {Level(0.9), Level(0.95), Level(0.99), Level(0.998)};
  for (double o : {0.0, 1.0, 2.0, 5.0, 9.0, 10.0, 11.0, 50.0, 1000.0, 1e6}) {
    Interval previous{o, o};
    for (const auto& level : levels) {
      Interval ci = CountInterval(o, level);
      if (!IsMissing(ci.lower)) {
        EXPECT_LE(ci.lower, o);
        EXPECT_LE(ci.lower, previous.lower) << o;
        previous.lower = ci.lower;
      }
      EXPECT_GT(ci.upper, o);
      EXPECT_GT(ci.upper, previous.upper) << o;
      previous.upper = ci.upper;
    }
  }
  EXPECT_EQ(CountMethod(9.999), "Exact");
  EXPECT_EQ(CountMethod(10), "Byars");
  // Byar's is a close approximation to the exact limits from 10 events upward.
  const ConfidenceLevel c95 = Level(0.95);
  EXPECT_NEAR(ByarsLower(10, c95.Z()), ExactPoissonLower(10, 0.95), 0.01);
  EXPECT_NEAR(ByarsUpper(10, c95.Z()), ExactPoissonUpper(10, 0.95), 0.01);
}

}  // namespace
}  // namespace waymark::stats
