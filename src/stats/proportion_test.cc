// Tests of Wilson proportions against PHEindicatormethods' reference tables, plus properties.
#include "stats/proportion.h"

#include <gtest/gtest.h>

#include <map>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::kRelTol;
using testing::Level;
using testing::RefTable;

TEST(ConfidenceLevelTest, ZIsTheExactNormalQuantile) {
  EXPECT_DOUBLE_EQ(Level(0.95).Z(), 1.959963984540054);
  EXPECT_DOUBLE_EQ(Level(99.8).Z(), 3.090232306167813);
  EXPECT_DOUBLE_EQ(Level(95).Fraction(), 0.95);
  EXPECT_EQ(Level(95).Suffix(), "95");
  EXPECT_EQ(Level(0.998).Suffix(), "99_8");
  EXPECT_TRUE(std::isinf(Level(1).Z()));
}

TEST(ConfidenceLevelTest, RejectsImpossibleLevels) {
  for (double bad : {0.0, -0.95, 100.1, 1000.0, -95.0, kMissing}) {
    auto level = ConfidenceLevel::Make(bad);
    ASSERT_FALSE(level.has_value()) << bad;
    EXPECT_EQ(level.error().code, ErrorCode::kInvalidArgument);
  }
  // Any level in (0, 1] or (1, 100] is accepted: 0.5 and 50 are both 50%.
  EXPECT_DOUBLE_EQ(Level(0.5).Fraction(), 0.5);
  EXPECT_DOUBLE_EQ(Level(50).Fraction(), 0.5);
  EXPECT_NEAR(Level(50).Z(), 0.6744897501960817, 1e-15);
  EXPECT_EQ(Level(1).Fraction(), 1.0);
  EXPECT_EQ(Level(100).Fraction(), 1.0);
}

TEST(ConfidenceLevelTest, ParsesLists) {
  auto levels = ParseConfidenceLevels("95, 99.8");
  ASSERT_TRUE(levels.has_value());
  ASSERT_EQ(levels->size(), 2u);
  EXPECT_DOUBLE_EQ((*levels)[1].Fraction(), 0.998);
  EXPECT_FALSE(ParseConfidenceLevels("95,").has_value());
  EXPECT_FALSE(ParseConfidenceLevels("abc").has_value());
  EXPECT_FALSE(ParseConfidenceLevels("95,200").has_value());
  EXPECT_FALSE(ParseConfidenceLevels("95,0.95").has_value());
  EXPECT_FALSE(ParseConfidenceLevels("").has_value());
}

TEST(WilsonTest, ReproducesByarsWilsonTable) {
  RefTable t("byars_wilson.csv");
  int checked = 0;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    if (t.Str(r, "method") != "Wilson") continue;
    const double c = t.Str(r, "confidence") == "95%" ? 0.95 : 0.998;
    Interval ci = WilsonInterval(t.Num(r, "x"), t.Num(r, "n"), Level(c).Z());
    EXPECT_NEAR_REL(ci.lower, t.Num(r, "lowercl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(ci.upper, t.Num(r, "uppercl"), kRelTol) << "row " << r;
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

TEST(ProportionTest, ReproducesProportionTable) {
  RefTable t("proportion.csv");
  ASSERT_EQ(t.RowCount(), 19u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    auto est = Proportion(t.Num(r, "Numerator"), t.Num(r, "Denominator"), DefaultConfidenceLevels(),
                          t.Num(r, "multiplier"));
    ASSERT_TRUE(est.has_value()) << est.error().message;
    EXPECT_NEAR_REL(est->value, t.Num(r, "value"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[0].lower, t.Num(r, "lower95_0cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[0].upper, t.Num(r, "upper95_0cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[1].lower, t.Num(r, "lower99_8cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(est->intervals[1].upper, t.Num(r, "upper99_8cl"), kRelTol) << "row " << r;
    EXPECT_EQ(est->method, t.Str(r, "method"));
  }
}

TEST(ProportionTest, ReproducesGroupedTable) {
  // The grouped table sums proportion.csv's numerators and denominators by area first.
  RefTable input("proportion.csv");
  std::map<std::string, std::pair<double, double>> sums;
  for (size_t r = 0; r < input.RowCount(); ++r) {
    auto& [x, n] = sums[input.Str(r, "Area")];
    x += input.Num(r, "Numerator");
    n += input.Num(r, "Denominator");
  }
  RefTable t("proportion_grouped.csv");
  ASSERT_EQ(t.RowCount(), sums.size());
  const std::vector<ConfidenceLevel> levels = {Level(0.95)};
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const auto& [x, n] = sums.at(t.Str(r, "Area"));
    EXPECT_NEAR_REL(x, t.Num(r, "Numerator"), 0);
    auto est = Proportion(x, n, levels, t.Num(r, "multiplier"));
    ASSERT_TRUE(est.has_value());
    EXPECT_NEAR_REL(est->value, t.Num(r, "value"), kRelTol);
    EXPECT_NEAR_REL(est->intervals[0].lower, t.Num(r, "lowercl"), kRelTol);
    EXPECT_NEAR_REL(est->intervals[0].upper, t.Num(r, "uppercl"), kRelTol);
  }
}

TEST(ProportionTest, ReproducesPhStatsScalarCases) {
  RefTable t("phstats_unit_cases.csv");
  int checked = 0;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const std::string& fn = t.Str(r, "function");
    if (fn != "wilson_lower" && fn != "wilson_upper") continue;
    Interval ci = WilsonInterval(t.Num(r, "x_or_obs"), t.Num(r, "n_or_expected_or_population"),
                                 Level(t.Num(r, "confidence_or_p")).Z());
    EXPECT_NEAR_REL(fn == "wilson_lower" ? ci.lower : ci.upper, t.Num(r, "expected"), kRelTol);
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(ProportionTest, RejectsBadInput) {
  const auto& levels = DefaultConfidenceLevels();
  EXPECT_EQ(Proportion(-1, 10, levels).error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(Proportion(1, 0, levels).has_value());
  EXPECT_FALSE(Proportion(1, -5, levels).has_value());
  EXPECT_FALSE(Proportion(11, 10, levels).has_value());
  EXPECT_FALSE(Proportion(1, 10, levels, 0).has_value());
  EXPECT_FALSE(Proportion(1, 10, levels, -100).has_value());
}

TEST(ProportionTest, MissingInputGivesMissingOutput) {
  auto est = Proportion(kMissing, 10, DefaultConfidenceLevels());
  ASSERT_TRUE(est.has_value());
  EXPECT_TRUE(IsMissing(est->value));
  ASSERT_EQ(est->intervals.size(), 2u);
  EXPECT_TRUE(IsMissing(est->intervals[1].upper));
}

TEST(ProportionPropertyTest, LimitsBracketAndWidenWithConfidence) {
  const std::vector<ConfidenceLevel> levels = {Level(0.9), Level(0.95), Level(0.99), Level(0.998),
                                               Level(0.9999)};
  for (double n : {1.0, 7.0, 100.0, 12345.0, 1e9}) {
    for (double frac : {0.0, 0.001, 0.1, 0.5, 0.9, 1.0}) {
      const double x = std::round(frac * n);
      auto est = Proportion(x, n, levels);
      ASSERT_TRUE(est.has_value());
      for (size_t i = 0; i < levels.size(); ++i) {
        const Interval& ci = est->intervals[i];
        EXPECT_LE(0.0, ci.lower);
        EXPECT_LE(ci.lower, est->value);
        EXPECT_LE(est->value, ci.upper);
        EXPECT_LE(ci.upper, 1.0);
        if (i == 0) continue;
        EXPECT_LE(ci.lower, est->intervals[i - 1].lower) << x << "/" << n;
        EXPECT_GE(ci.upper, est->intervals[i - 1].upper) << x << "/" << n;
        if (x > 0) {
          EXPECT_LT(ci.lower, est->intervals[i - 1].lower);
        }
        if (x < n) {
          EXPECT_GT(ci.upper, est->intervals[i - 1].upper);
        }
      }
    }
  }
}

TEST(ProportionPropertyTest, ExactAtZeroAndN) {
  for (double n : {1.0, 3.0, 50.0, 1e6}) {
    for (const auto& level : DefaultConfidenceLevels()) {
      Interval zero = WilsonInterval(0, n, level.Z());
      Interval all = WilsonInterval(n, n, level.Z());
      EXPECT_EQ(zero.lower, 0.0);
      EXPECT_GT(zero.upper, 0.0);
      EXPECT_EQ(all.upper, 1.0);
      EXPECT_LT(all.lower, 1.0);
      // Symmetry: the interval for n − x mirrors the interval for x.
      Interval a = WilsonInterval(0.3 * n, n, level.Z());
      Interval b = WilsonInterval(n - 0.3 * n, n, level.Z());
      EXPECT_NEAR(a.lower, 1 - b.upper, 1e-12);
    }
  }
  Interval full = WilsonInterval(3, 10, Level(1).Z());
  EXPECT_EQ(full.lower, 0.0);
  EXPECT_EQ(full.upper, 1.0);
}

}  // namespace
}  // namespace waymark::stats
