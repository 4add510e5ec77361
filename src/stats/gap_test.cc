// Tests of inequality gaps: absolute and relative gaps with their intervals, and the gap trend,
// against hand-computed values (the arithmetic is in the comments).
#include "stats/gap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/inequality.h"
#include "stats/proportion.h"
#include "stats/trend.h"

namespace waymark::stats {
namespace {

// z95 = Φ⁻¹(0.975), z998 = Φ⁻¹(0.999).
constexpr double kZ95 = 1.959963984540054;
constexpr double kZ998 = 3.090232306167813;

const std::vector<ConfidenceLevel>& Levels() { return DefaultConfidenceLevels(); }  // 95, 99.8

GapOptions Scale(GapScale scale, double multiplier = 1) { return {scale, multiplier}; }

GapFigure Counted(double count, double denominator, double multiplier) {
  return {count / denominator * multiplier, {}, count, denominator};
}

GapFigure WithLimits(double value, double lower, double upper) {
  return {value, {lower, upper}, kMissing, kMissing};
}

// ---- Absolute gap ----------------------------------------------------------------------------

TEST(AbsoluteGapTest, ProportionsWithCountsUseNewcombe) {
  // Newcombe (1998) Table II (a): 56/70 − 48/80 = 0.8 − 0.6 = 0.2000, method 10 interval
  // 0.0524 to 0.3339 (published to 4 decimals).
  auto gap = AbsoluteGap(Counted(56, 70, 1), Counted(48, 80, 1), Scale(GapScale::kProportion),
                         Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_EQ(gap->method, "Newcombe");
  EXPECT_TRUE(gap->message.empty());
  EXPECT_NEAR(gap->value, 0.2, 1e-15);
  EXPECT_NEAR(gap->intervals[0].lower, 0.0524, 5e-5);
  EXPECT_NEAR(gap->intervals[0].upper, 0.3339, 5e-5);
  // The same figures as percentages: everything × 100, and exactly ProportionDifference's.
  auto percent = AbsoluteGap(Counted(56, 70, 100), Counted(48, 80, 100),
                             Scale(GapScale::kProportion, 100), Levels());
  auto direct = ProportionDifference(56, 70, 48, 80, Levels(), 100);
  ASSERT_TRUE(percent.has_value());
  EXPECT_NEAR(percent->value, 20, 1e-12);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(percent->intervals[i].lower, direct->intervals[i].lower);
    EXPECT_EQ(percent->intervals[i].upper, direct->intervals[i].upper);
  }
  EXPECT_NEAR(percent->intervals[0].lower, 5.24, 5e-3);
  // 99.8% is wider than 95%.
  EXPECT_LT(percent->intervals[1].lower, percent->intervals[0].lower);
  EXPECT_GT(percent->intervals[1].upper, percent->intervals[0].upper);
}

TEST(AbsoluteGapTest, NegativeGapMirrorsTheInterval) {
  // 48/80 − 56/70 = −0.2 with the interval −0.3339 to −0.0524.
  auto gap = AbsoluteGap(Counted(48, 80, 1), Counted(56, 70, 1), Scale(GapScale::kProportion),
                         Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_NEAR(gap->value, -0.2, 1e-15);
  EXPECT_NEAR(gap->intervals[0].lower, -0.3339, 5e-5);
  EXPECT_NEAR(gap->intervals[0].upper, -0.0524, 5e-5);
}

TEST(AbsoluteGapTest, CrudeRatesUseTheSeOfADifference) {
  // 30 per 10,000 and 20 per 20,000, per 100,000: 300 − 100 = 200.
  // se₁ = 100000·√30/10000 = 10√30 (se₁² = 3000); se₂ = 100000·√20/20000 = 5√20 (se₂² = 500);
  // √3500 = 59.16079783099616. 95%: 200 ± 1.959963984540054 × 59.16079783099616
  //   = 84.04696695459221 to 315.9530330454078.
  auto gap = AbsoluteGap(Counted(30, 10000, 1e5), Counted(20, 20000, 1e5),
                         Scale(GapScale::kCrudeRate, 1e5), Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_EQ(gap->method, "SE of difference");
  EXPECT_NEAR(gap->value, 200, 1e-9);
  EXPECT_NEAR(gap->intervals[0].lower, 84.04696695459221, 1e-9);
  EXPECT_NEAR(gap->intervals[0].upper, 315.9530330454078, 1e-9);
  EXPECT_NEAR(gap->intervals[1].lower, 200 - kZ998 * std::sqrt(3500), 1e-9);
  EXPECT_NEAR(gap->intervals[1].upper, 200 + kZ998 * std::sqrt(3500), 1e-9);
}

TEST(AbsoluteGapTest, RateCountsAndALimitOnlyComparisonMix) {
  // Group 30/10000 per 100,000 (se₁² = 3000); comparison 100 with a 95% interval 100 ± z95·20,
  // so se₂ = 20 (se₂² = 400). D = 300 − 100 = 200 ± z95·√3400.
  GapFigure comparison = WithLimits(100, 100 - kZ95 * 20, 100 + kZ95 * 20);
  auto gap = AbsoluteGap(Counted(30, 10000, 1e5), comparison, Scale(GapScale::kCrudeRate, 1e5),
                         Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_NEAR(gap->value, 200, 1e-9);
  EXPECT_NEAR(gap->intervals[0].lower, 200 - kZ95 * std::sqrt(3400), 1e-9);
  EXPECT_NEAR(gap->intervals[0].upper, 200 + kZ95 * std::sqrt(3400), 1e-9);
}

TEST(AbsoluteGapTest, MeansUseTheirIntervals) {
  // 50 (46, 54) against 40 (37, 43): se₁ = 8/(2·z95) = 4/z95, se₂ = 3/z95,
  // √(se₁² + se₂²) = 5/z95, so the 95% limits are exactly 10 ± 5 = 5 to 15, and the 99.8%
  // limits 10 ± 5·z998/z95 = 2.11660946184937 to 17.88339053815063.
  auto gap = AbsoluteGap(WithLimits(50, 46, 54), WithLimits(40, 37, 43), Scale(GapScale::kOther),
                         Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_EQ(gap->method, "SE of difference");
  EXPECT_NEAR(gap->value, 10, 1e-12);
  EXPECT_NEAR(gap->intervals[0].lower, 5, 1e-12);
  EXPECT_NEAR(gap->intervals[0].upper, 15, 1e-12);
  EXPECT_NEAR(gap->intervals[1].lower, 2.11660946184937, 1e-12);
  EXPECT_NEAR(gap->intervals[1].upper, 17.88339053815063, 1e-12);
}

TEST(AbsoluteGapTest, ProportionsWithoutBothCounts) {
  // 30% (25, 35) against 20% (16, 24), no counts: se₁ = 10/(2·z95), se₂ = 8/(2·z95), so the
  // 95% half-width is √(5² + 4²) = √41 = 6.4031242374328485: 3.5968757625671515 to
  // 16.403124237432849.
  auto gap = AbsoluteGap(WithLimits(30, 25, 35), WithLimits(20, 16, 24),
                         Scale(GapScale::kProportion, 100), Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_EQ(gap->method, "SE of difference");
  EXPECT_NEAR(gap->intervals[0].lower, 3.5968757625671515, 1e-12);
  EXPECT_NEAR(gap->intervals[0].upper, 16.403124237432849, 1e-12);
  // Counts on the group only: its SE is the 95% Wilson width of 56/70 over 2·z95, the
  // comparison's 0.2/(2·z95); the 95% half-width is √((w/2)² + 0.1²).
  const Interval wilson = WilsonInterval(56, 70, kZ95);
  const double half = std::hypot((wilson.upper - wilson.lower) / 2, 0.1);
  auto mixed = AbsoluteGap(Counted(56, 70, 1), WithLimits(0.6, 0.5, 0.7),
                           Scale(GapScale::kProportion), Levels());
  ASSERT_TRUE(mixed.has_value());
  EXPECT_EQ(mixed->method, "SE of difference");
  EXPECT_NEAR(mixed->value, 0.2, 1e-15);
  EXPECT_NEAR(mixed->intervals[0].lower, 0.2 - half, 1e-12);
  EXPECT_NEAR(mixed->intervals[0].upper, 0.2 + half, 1e-12);
}

TEST(AbsoluteGapTest, NoIntervalWithoutCountsOrLimits) {
  // A comparison with neither: the gap, no limits, and the reason.
  auto gap = AbsoluteGap(WithLimits(50, 46, 54), GapFigure{40, {}, kMissing, kMissing},
                         Scale(GapScale::kOther), Levels());
  ASSERT_TRUE(gap.has_value());
  EXPECT_NEAR(gap->value, 10, 1e-12);
  EXPECT_TRUE(gap->method.empty());
  EXPECT_NE(gap->message.find("comparison figure has neither counts nor a 95% interval"),
            std::string::npos)
      << gap->message;
  ASSERT_EQ(gap->intervals.size(), 2u);
  EXPECT_TRUE(IsMissing(gap->intervals[0].lower));
  EXPECT_TRUE(IsMissing(gap->intervals[1].upper));
  // A count without a denominator is not a count; a mean ignores counts.
  auto half_counted = AbsoluteGap(Counted(30, 10000, 1e5), GapFigure{100, {}, 20, kMissing},
                                  Scale(GapScale::kCrudeRate, 1e5), Levels());
  EXPECT_TRUE(IsMissing(half_counted->intervals[0].lower));
  auto mean = AbsoluteGap(Counted(30, 10000, 1), Counted(20, 10000, 1), Scale(GapScale::kOther),
                          Levels());
  EXPECT_TRUE(IsMissing(mean->intervals[0].lower));
  EXPECT_NE(mean->message.find("group figure"), std::string::npos);
  // A zero-width interval is not a zero SE.
  auto flat = AbsoluteGap(WithLimits(50, 46, 54), WithLimits(40, 40, 40), Scale(GapScale::kOther),
                          Levels());
  EXPECT_TRUE(IsMissing(flat->intervals[0].upper));
  EXPECT_NE(flat->message.find("zero width"), std::string::npos);
  // No events in either rate: both SEs are zero, so no interval.
  auto none = AbsoluteGap(Counted(0, 1000, 1e5), Counted(0, 2000, 1e5),
                          Scale(GapScale::kCrudeRate, 1e5), Levels());
  EXPECT_EQ(none->value, 0);
  EXPECT_TRUE(IsMissing(none->intervals[0].lower));
  EXPECT_FALSE(none->message.empty());
  // One zero count still has the other's SE: 0 − 100 ± z95·5√20.
  auto one = AbsoluteGap(Counted(0, 1000, 1e5), Counted(20, 20000, 1e5),
                         Scale(GapScale::kCrudeRate, 1e5), Levels());
  EXPECT_NEAR(one->intervals[0].upper, -100 + kZ95 * std::sqrt(500), 1e-9);
}

TEST(AbsoluteGapTest, MissingValuesGiveAMissingGap) {
  for (const bool group_missing : {true, false}) {
    GapFigure present = WithLimits(50, 46, 54);
    GapFigure missing = WithLimits(kMissing, 46, 54);
    auto gap = group_missing ? AbsoluteGap(missing, present, Scale(GapScale::kOther), Levels())
                             : AbsoluteGap(present, missing, Scale(GapScale::kOther), Levels());
    ASSERT_TRUE(gap.has_value());
    EXPECT_TRUE(IsMissing(gap->value));
    EXPECT_TRUE(IsMissing(gap->intervals[0].lower));
    EXPECT_NE(gap->message.find(group_missing ? "group" : "comparison"), std::string::npos);
  }
}

TEST(AbsoluteGapTest, BadInputIsAnError) {
  const GapFigure good = Counted(20, 100, 1);
  const GapOptions proportion = Scale(GapScale::kProportion);
  const GapOptions rate = Scale(GapScale::kCrudeRate);
  EXPECT_FALSE(AbsoluteGap(good, GapFigure{0.2, {}, 20, 0}, proportion, Levels()).has_value());
  EXPECT_FALSE(AbsoluteGap(GapFigure{0.2, {}, 20, -100}, good, rate, Levels()).has_value());
  EXPECT_FALSE(AbsoluteGap(good, GapFigure{0.2, {}, -1, 100}, rate, Levels()).has_value());
  // A count above its denominator is wrong for a proportion, not for a rate.
  const GapFigure over = Counted(120, 100, 1);
  EXPECT_FALSE(AbsoluteGap(over, good, proportion, Levels()).has_value());
  EXPECT_TRUE(AbsoluteGap(over, good, rate, Levels()).has_value());
  EXPECT_FALSE(
      AbsoluteGap(WithLimits(5, 6, 4), good, Scale(GapScale::kOther), Levels()).has_value());
  EXPECT_FALSE(AbsoluteGap(good, good, Scale(GapScale::kProportion, 0), Levels()).has_value());
  EXPECT_FALSE(RelativeGap(good, GapFigure{0.2, {}, 20, 0}, proportion, Levels()).has_value());
  EXPECT_FALSE(RelativeGap(good, good, Scale(GapScale::kCrudeRate, -1), Levels()).has_value());
}

// ---- Relative gap ----------------------------------------------------------------------------

TEST(RelativeGapTest, ProportionsWithCountsUseKatz) {
  // (56/70)/(48/80) = 0.8/0.6 = 4/3. SE² = 1/56 − 1/70 + 1/48 − 1/80 = 1/280 + 1/120 = 1/84,
  // SE = 0.10910894511799617; 95%: (4/3)·exp(∓z95·SE) = 1.0766264227631928 to
  // 1.6512485112663866.
  auto ratio = RelativeGap(Counted(56, 70, 100), Counted(48, 80, 100),
                           Scale(GapScale::kProportion, 100), Levels());
  ASSERT_TRUE(ratio.has_value());
  EXPECT_EQ(ratio->method, "Katz");
  EXPECT_NEAR(ratio->value, 4.0 / 3, 1e-15);
  EXPECT_NEAR(ratio->intervals[0].lower, 1.0766264227631928, 1e-12);
  EXPECT_NEAR(ratio->intervals[0].upper, 1.6512485112663866, 1e-12);
  EXPECT_NEAR(ratio->intervals[1].upper, 4.0 / 3 * std::exp(kZ998 / std::sqrt(84)), 1e-12);
  // Swapping the groups inverts the ratio and its limits.
  auto inverse = RelativeGap(Counted(48, 80, 1), Counted(56, 70, 1), Scale(GapScale::kProportion),
                             Levels());
  EXPECT_NEAR(inverse->value, 0.75, 1e-15);
  EXPECT_NEAR(inverse->intervals[0].lower, 1 / 1.6512485112663866, 1e-12);
}

TEST(RelativeGapTest, CrudeRatesUseTheLogRateRatio) {
  // 300/100 = 3; SE = √(1/30 + 1/20) = √(1/12) = 0.28867513459481287;
  // 95%: 3·exp(∓z95·SE) = 1.703729073991928 to 5.282530032144443.
  auto ratio = RelativeGap(Counted(30, 10000, 1e5), Counted(20, 20000, 1e5),
                           Scale(GapScale::kCrudeRate, 1e5), Levels());
  ASSERT_TRUE(ratio.has_value());
  EXPECT_EQ(ratio->method, "Log rate ratio");
  EXPECT_NEAR(ratio->value, 3, 1e-12);
  EXPECT_NEAR(ratio->intervals[0].lower, 1.703729073991928, 1e-12);
  EXPECT_NEAR(ratio->intervals[0].upper, 5.282530032144443, 1e-12);
}

TEST(RelativeGapTest, MeansUseTheDeltaMethod) {
  // 50 (46, 54) ÷ 40 (37, 43) = 1.25; se₁/v₁ = (4/z95)/50 = 0.08/z95, se₂/v₂ = (3/z95)/40 =
  // 0.075/z95, so z95·SE = √(0.0064 + 0.005625) = 0.10965856099730655 and the 95% limits are
  // 1.25·exp(∓0.10965856099730655) = 1.1201750752933044 to 1.3948712433106747.
  auto ratio = RelativeGap(WithLimits(50, 46, 54), WithLimits(40, 37, 43), Scale(GapScale::kOther),
                           Levels());
  ASSERT_TRUE(ratio.has_value());
  EXPECT_EQ(ratio->method, "Delta method");
  EXPECT_NEAR(ratio->value, 1.25, 1e-15);
  EXPECT_NEAR(ratio->intervals[0].lower, 1.1201750752933044, 1e-12);
  EXPECT_NEAR(ratio->intervals[0].upper, 1.3948712433106747, 1e-12);
  EXPECT_NEAR(ratio->intervals[1].lower, 1.25 * std::exp(-0.10965856099730655 * kZ998 / kZ95),
              1e-12);
}

TEST(RelativeGapTest, ZeroAndNegativeValues) {
  const GapOptions other = Scale(GapScale::kOther);
  for (const double comparison : {0.0, -2.0}) {
    auto ratio = RelativeGap(WithLimits(50, 46, 54), WithLimits(comparison, -3, 3), other,
                             Levels());
    ASSERT_TRUE(ratio.has_value());
    EXPECT_TRUE(IsMissing(ratio->value)) << comparison;
    EXPECT_NE(ratio->message.find("comparison value is zero or negative"), std::string::npos);
  }
  // A negative group value: the ratio, but no log limits.
  auto negative = RelativeGap(WithLimits(-5, -8, -2), WithLimits(40, 37, 43), other, Levels());
  EXPECT_NEAR(negative->value, -0.125, 1e-15);
  EXPECT_TRUE(IsMissing(negative->intervals[0].lower));
  EXPECT_FALSE(negative->message.empty());
  // Counts: no events in the comparison → no ratio; none in the group → 0 without limits.
  const GapOptions proportion = Scale(GapScale::kProportion);
  auto no_comparison = RelativeGap(Counted(5, 50, 1), Counted(0, 50, 1), proportion, Levels());
  EXPECT_TRUE(IsMissing(no_comparison->value));
  auto no_group = RelativeGap(Counted(0, 50, 1), Counted(5, 50, 1), proportion, Levels());
  EXPECT_EQ(no_group->value, 0);
  EXPECT_TRUE(IsMissing(no_group->intervals[0].upper));
  EXPECT_FALSE(no_group->message.empty());
  // Everyone counted in both groups: Katz's SE is 0, so no limits rather than a zero width.
  auto all = RelativeGap(Counted(10, 10, 1), Counted(20, 20, 1), proportion, Levels());
  EXPECT_EQ(all->value, 1);
  EXPECT_TRUE(IsMissing(all->intervals[0].lower));
  EXPECT_FALSE(all->message.empty());
  // No interval information for the comparison.
  auto bare = RelativeGap(WithLimits(50, 46, 54), GapFigure{40, {}, kMissing, kMissing}, other,
                          Levels());
  EXPECT_NEAR(bare->value, 1.25, 1e-15);
  EXPECT_TRUE(IsMissing(bare->intervals[0].lower));
  EXPECT_NE(bare->message.find("neither counts nor"), std::string::npos);
  auto missing = RelativeGap(WithLimits(kMissing, 1, 2), WithLimits(40, 37, 43), other, Levels());
  EXPECT_TRUE(IsMissing(missing->value));
  EXPECT_FALSE(missing->message.empty());
}

// ---- Gap trend -------------------------------------------------------------------------------

// Gaps at periods 2015, 2016, ... each with the 95% interval gap ± half_width.
std::vector<GapPoint> Gaps(const std::vector<double>& gaps, double half_width) {
  std::vector<GapPoint> points;
  for (size_t i = 0; i < gaps.size(); ++i) {
    points.push_back(
        {2015.0 + static_cast<double>(i), gaps[i], {gaps[i] - half_width, gaps[i] + half_width}});
  }
  return points;
}

// With equal SEs the weighted slope is the ordinary one and, at t = 1..5 (Σ(t − 3)² = 10),
// χ² = b²·10/se². A half-width h gives se = 2h/3.92 = h/1.96.

TEST(GapTrendTest, NarrowingAndWideningOnBothSidesOfZero) {
  // 5, 4, 3, 2, 1 with h = 0.98: se = 0.5, b = −1, χ² = 1·10/0.25 = 40 > 9.5495.
  GapTrendResult down = RecentGapTrend(Gaps({5, 4, 3, 2, 1}, 0.98));
  EXPECT_EQ(down.trend, GapTrend::kNarrowing);
  EXPECT_TRUE(down.significant);
  EXPECT_NEAR(down.slope, -1, 1e-12);
  EXPECT_NEAR(down.chi_squared, 40, 1e-9);
  EXPECT_EQ(RecentGapTrend(Gaps({1, 2, 3, 4, 5}, 0.98)).trend, GapTrend::kWidening);
  // Negative gaps: a rising slope toward zero narrows, a falling one widens.
  GapTrendResult up = RecentGapTrend(Gaps({-5, -4, -3, -2, -1}, 0.98));
  EXPECT_EQ(up.trend, GapTrend::kNarrowing);
  EXPECT_NEAR(up.slope, 1, 1e-12);
  EXPECT_EQ(RecentGapTrend(Gaps({-1, -2, -3, -4, -5}, 0.98)).trend, GapTrend::kWidening);
}

TEST(GapTrendTest, SignificanceThreshold) {
  // h = 1.96: se = 1, χ² = 10 > 9.5495 (significant).
  GapTrendResult just = RecentGapTrend(Gaps({5, 4, 3, 2, 1}, 1.96));
  EXPECT_NEAR(just.chi_squared, 10, 1e-9);
  EXPECT_EQ(just.trend, GapTrend::kNarrowing);
  // h = 2.0384: se = 1.04, χ² = 10/1.0816 = 9.245562130177515 < 9.5495 (not significant).
  GapTrendResult not_quite = RecentGapTrend(Gaps({5, 4, 3, 2, 1}, 2.0384));
  EXPECT_NEAR(not_quite.chi_squared, 9.245562130177515, 1e-9);
  EXPECT_FALSE(not_quite.significant);
  EXPECT_EQ(not_quite.trend, GapTrend::kNoSignificantChange);
  EXPECT_TRUE(not_quite.message.empty());
}

TEST(GapTrendTest, UnchangedGapIsNoSignificantChange) {
  GapTrendResult flat = RecentGapTrend(Gaps({3, 3, 3, 3, 3}, 0.1));
  EXPECT_EQ(flat.trend, GapTrend::kNoSignificantChange);
  EXPECT_FALSE(flat.significant);
  EXPECT_NEAR(flat.slope, 0, 1e-12);
  EXPECT_NEAR(flat.chi_squared, 0, 1e-12);
}

TEST(GapTrendTest, OutlierBlocksSignificance) {
  // 1, 1, 1, 1, 5 with se = 0.5: b = Σ(t − 3)y/10 = 8/10 = 0.8, χ² = 0.64·10/0.25 = 25.6, but
  // the slope without the last point is 0, so the signs disagree.
  GapTrendResult spike = RecentGapTrend(Gaps({1, 1, 1, 1, 5}, 0.98));
  EXPECT_NEAR(spike.chi_squared, 25.6, 1e-9);
  EXPECT_FALSE(spike.significant);
  EXPECT_EQ(spike.trend, GapTrend::kNoSignificantChange);
}

TEST(GapTrendTest, NeedsFiveUnbrokenPointsAndUsesTheLatestFive) {
  std::vector<GapPoint> five = Gaps({5, 4, 3, 2, 1}, 0.98);
  EXPECT_EQ(RecentGapTrend(five).trend, GapTrend::kNarrowing);
  std::vector<GapPoint> four(five.begin() + 1, five.end());
  GapTrendResult short_run = RecentGapTrend(four);
  EXPECT_EQ(short_run.trend, GapTrend::kCannotBeCalculated);
  EXPECT_FALSE(short_run.message.empty());
  EXPECT_TRUE(IsMissing(short_run.slope));
  EXPECT_EQ(RecentGapTrend({}).trend, GapTrend::kCannotBeCalculated);
  // Six points with a missing limit in the window break the run; an older one does not.
  std::vector<GapPoint> six = Gaps({9, 5, 4, 3, 2, 1}, 0.98);
  six[0].ci95.upper = kMissing;
  EXPECT_EQ(RecentGapTrend(six).trend, GapTrend::kNarrowing);
  six[2].gap = kMissing;
  EXPECT_EQ(RecentGapTrend(six).trend, GapTrend::kCannotBeCalculated);
  // An older widening, then five narrowing years, given out of order: only the latest five
  // count (the first five, 1, 3, 5, 4, 3, would not be narrowing).
  std::vector<GapPoint> points = Gaps({1, 3, 5, 4, 3, 2, 1}, 0.98);
  std::swap(points[0], points[6]);
  std::swap(points[2], points[4]);
  GapTrendResult latest = RecentGapTrend(points);
  EXPECT_EQ(latest.trend, GapTrend::kNarrowing);
  EXPECT_NEAR(latest.slope, -1, 1e-12);
  EXPECT_NEAR(latest.chi_squared, 40, 1e-9);
  // Bad periods and zero-width intervals.
  std::vector<GapPoint> twice = Gaps({5, 4, 3, 2, 1}, 0.98);
  twice[1].period = twice[2].period;
  EXPECT_EQ(RecentGapTrend(twice).trend, GapTrend::kCannotBeCalculated);
  std::vector<GapPoint> undated = Gaps({5, 4, 3, 2, 1}, 0.98);
  undated[3].period = kMissing;
  EXPECT_EQ(RecentGapTrend(undated).trend, GapTrend::kCannotBeCalculated);
  EXPECT_EQ(RecentGapTrend(Gaps({5, 4, 3, 2, 1}, 0)).trend, GapTrend::kCannotBeCalculated);
}

TEST(GapTrendTest, LatestGapOfZero) {
  // 4, 3, 2, 1, 0: the weighted mean gap is 2 > 0 and b = −1, so the gap closed: narrowing.
  EXPECT_EQ(RecentGapTrend(Gaps({4, 3, 2, 1, 0}, 0.98)).trend, GapTrend::kNarrowing);
  EXPECT_EQ(RecentGapTrend(Gaps({-4, -3, -2, -1, 0}, 0.98)).trend, GapTrend::kNarrowing);
  // 2, 1, −1, −2, 0: b = Σ(t − 3)y/10 = −7/10, χ² = 0.49·10/0.25 = 19.6 and every
  // leave-one-out slope is negative, but the mean gap is 0 too: the gap moves through zero.
  GapTrendResult crossing = RecentGapTrend(Gaps({2, 1, -1, -2, 0}, 0.98));
  EXPECT_NEAR(crossing.chi_squared, 19.6, 1e-9);
  EXPECT_TRUE(crossing.significant);
  EXPECT_EQ(crossing.trend, GapTrend::kNoSignificantChange);
  EXPECT_FALSE(crossing.message.empty());
  // The latest gap's sign decides once it is not zero: 4, 3, 2, 1, −0.5 has b = −11/10 =
  // −1.1 (χ² = 1.21·10/0.25 = 48.4) and a negative latest gap, so it reads as widening.
  GapTrendResult crossed = RecentGapTrend(Gaps({4, 3, 2, 1, -0.5}, 0.98));
  EXPECT_NEAR(crossed.chi_squared, 48.4, 1e-9);
  EXPECT_EQ(crossed.trend, GapTrend::kWidening);
}

TEST(GapTrendTest, Labels) {
  EXPECT_EQ(GapTrendLabel(GapTrend::kNarrowing), "Gap narrowing");
  EXPECT_EQ(GapTrendLabel(GapTrend::kWidening), "Gap widening");
  EXPECT_EQ(GapTrendLabel(GapTrend::kNoSignificantChange), "No significant change");
  EXPECT_EQ(GapTrendLabel(GapTrend::kCannotBeCalculated), "Cannot be calculated");
}

}  // namespace
}  // namespace waymark::stats
