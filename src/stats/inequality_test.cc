// Tests of the difference of proportions with Newcombe's interval.
#include "stats/inequality.h"

#include <gtest/gtest.h>

#include "stats/proportion.h"
#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::Level95;

// Newcombe (1998) Table II, examples (a)-(c) and (h), method 10, to the published 4 decimals.
TEST(ProportionDifferenceTest, ReproducesNewcombeTableII) {
  struct Case {
    double x1, n1, x2, n2, lower, upper;
  };
  for (const Case& c : {Case{56, 70, 48, 80, 0.0524, 0.3339}, Case{9, 10, 3, 10, 0.1705, 0.8090},
                        Case{6, 7, 2, 7, 0.0582, 0.8062}, Case{10, 10, 0, 10, 0.6075, 1.0000}}) {
    auto gap = ProportionDifference(c.x1, c.n1, c.x2, c.n2, Level95());
    ASSERT_TRUE(gap.has_value());
    EXPECT_NEAR(gap->value, c.x1 / c.n1 - c.x2 / c.n2, 1e-15);
    EXPECT_NEAR(gap->intervals[0].lower, c.lower, 5e-5) << c.x1 << "/" << c.n1;
    EXPECT_NEAR(gap->intervals[0].upper, c.upper, 5e-5) << c.x1 << "/" << c.n1;
  }
}

TEST(ProportionDifferenceTest, PropertiesAndBadInput) {
  const auto& levels = DefaultConfidenceLevels();
  auto gap = ProportionDifference(30, 100, 20, 100, levels, 100);
  ASSERT_TRUE(gap.has_value());
  EXPECT_NEAR(gap->value, 10, 1e-12);
  EXPECT_LT(gap->intervals[1].lower, gap->intervals[0].lower);
  EXPECT_LT(gap->intervals[0].lower, gap->value);
  EXPECT_GT(gap->intervals[0].upper, gap->value);
  EXPECT_GT(gap->intervals[1].upper, gap->intervals[0].upper);
  // Swapping the groups mirrors the interval.
  auto swapped = ProportionDifference(20, 100, 30, 100, levels, 100);
  EXPECT_NEAR(swapped->intervals[0].lower, -gap->intervals[0].upper, 1e-12);
  // Equal proportions: an interval around zero.
  auto same = ProportionDifference(5, 50, 5, 50, levels);
  EXPECT_LT(same->intervals[0].lower, 0);
  EXPECT_GT(same->intervals[0].upper, 0);
  EXPECT_TRUE(IsMissing(ProportionDifference(kMissing, 10, 1, 10, levels)->value));
  EXPECT_FALSE(ProportionDifference(11, 10, 1, 10, levels).has_value());
  EXPECT_FALSE(ProportionDifference(1, 10, -1, 10, levels).has_value());
  EXPECT_FALSE(ProportionDifference(1, 10, 1, 0, levels).has_value());
  EXPECT_FALSE(ProportionDifference(1, 10, 1, 10, levels, 0).has_value());
}

}  // namespace
}  // namespace waymark::stats
