// Tests of the Fingertips comparator methods against every case in the Fingertips unit tests.
#include "stats/compare.h"

#include <gtest/gtest.h>

#include "stats/confidence.h"
#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::RefTable;

// Fingertips writes a missing value as −1 (ValueData.NullValue).
double Sentinel(double x) { return x == -1 ? kMissing : x; }

Polarity PolarityFromId(int id) {
  switch (id) {
    case 0:
      return Polarity::kLowIsGood;
    case 1:
      return Polarity::kHighIsGood;
    case 99:
      return Polarity::kNeutral;
    default:
      return Polarity::kNotApplicable;
  }
}

TEST(CompareTest, ReproducesFingertipsBenchmarkCases) {
  RefTable t("fingertips_benchmark_cases.csv");
  ASSERT_EQ(t.RowCount(), 52u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const int method = static_cast<int>(t.Num(r, "comparator_method_id"));
    const Polarity polarity = PolarityFromId(static_cast<int>(t.Num(r, "polarity_id")));
    const double value = Sentinel(t.Num(r, "value"));
    const double benchmark = Sentinel(t.Num(r, "benchmark_value"));
    const Interval ci95{t.Num(r, "lower95"), t.Num(r, "upper95")};
    const Interval ci998{t.Num(r, "lower998"), t.Num(r, "upper998")};
    Significance s = Significance::kNotCompared;
    switch (method) {
      case 1:
        s = CompareWithBenchmark(value, ci95, benchmark, polarity);
        break;
      case 5:
        s = CompareSpcProportion(value, benchmark, t.Num(r, "denominator"), t.Num(r, "unit"),
                                 t.Num(r, "confidence_variable"), polarity);
        break;
      case 6:
        s = CompareSpcDsr(value, benchmark, t.Num(r, "denominator2"), t.Num(r, "unit"),
                          t.Num(r, "confidence_variable"), polarity);
        break;
      case 12:
        s = CompareOverlappingIntervals(
            value, ci95, benchmark, {t.Num(r, "benchmark_lower95"), t.Num(r, "benchmark_upper95")},
            polarity);
        break;
      case 17:
        s = CompareTwoLevels(value, ci95, ci998, benchmark, polarity);
        break;
      default:
        FAIL() << "unknown method " << method;
    }
    EXPECT_EQ(SignificanceName(s), t.Str(r, "expected_significance"))
        << "row " << r + 2 << " case " << t.Str(r, "case") << " method " << method;
  }
}

TEST(CompareTest, LabelsFollowPolarity) {
  EXPECT_EQ(SignificanceLabel(Significance::kBetter, Polarity::kHighIsGood), "Better");
  EXPECT_EQ(SignificanceLabel(Significance::kBetter, Polarity::kNeutral), "Higher");
  EXPECT_EQ(SignificanceLabel(Significance::kWorse, Polarity::kNeutral), "Lower");
  EXPECT_EQ(SignificanceLabel(Significance::kSame, Polarity::kLowIsGood), "Similar");
  EXPECT_EQ(SignificanceLabel(Significance::kNotCompared, Polarity::kLowIsGood), "Not compared");
  EXPECT_EQ(SignificanceLabel(Significance::kBest, Polarity::kLowIsGood, true), "Better (99.8%)");
  EXPECT_EQ(SignificanceLabel(Significance::kWorse, Polarity::kHighIsGood, true), "Worse (95%)");
  EXPECT_EQ(SignificanceLabel(Significance::kWorst, Polarity::kNeutral, true), "Lower (99.8%)");
}

TEST(CompareTest, NeutralPolarityIsNotSwapped) {
  // Higher than the benchmark: "Better" internally, shown as Higher, for any non-RAG polarity.
  const Interval ci{3.2, 3.5};
  EXPECT_EQ(CompareWithBenchmark(3.3, ci, 3.0, Polarity::kNeutral), Significance::kBetter);
  EXPECT_EQ(CompareWithBenchmark(3.3, ci, 3.0, Polarity::kLowIsGood), Significance::kWorse);
  EXPECT_EQ(CompareWithBenchmark(3.3, ci, 3.0, Polarity::kNotApplicable),
            Significance::kNotCompared);
  // A limit equal to the benchmark counts as similar.
  EXPECT_EQ(CompareWithBenchmark(3.3, ci, 3.2, Polarity::kHighIsGood), Significance::kSame);
  EXPECT_EQ(CompareWithBenchmark(3.3, ci, 3.5, Polarity::kHighIsGood), Significance::kSame);
}

TEST(CompareTest, ParsesPolarity) {
  EXPECT_EQ(*ParsePolarity("high"), Polarity::kHighIsGood);
  EXPECT_EQ(*ParsePolarity("Low"), Polarity::kLowIsGood);
  EXPECT_EQ(*ParsePolarity("neutral"), Polarity::kNeutral);
  EXPECT_EQ(*ParsePolarity("RAG - Low is good"), Polarity::kLowIsGood);
  EXPECT_EQ(*ParsePolarity("High is good"), Polarity::kHighIsGood);
  EXPECT_FALSE(ParsePolarity("sideways").has_value());
  EXPECT_FALSE(ParsePolarity("").has_value());
}

// Widening the interval can only move a judgement towards Similar, never flip its direction.
TEST(ComparePropertyTest, WiderIntervalsMoveTowardsSimilar) {
  for (double benchmark : {1.0, 4.0, 4.9, 5.0, 5.1, 6.0, 9.0}) {
    Significance previous = Significance::kBest;
    for (double half : {0.0, 0.05, 0.5, 1.0, 2.0, 10.0}) {
      const Significance s =
          CompareWithBenchmark(5.0, {5.0 - half, 5.0 + half}, benchmark, Polarity::kHighIsGood);
      if (previous == Significance::kSame) {
        EXPECT_EQ(s, Significance::kSame);
      }
      if (s != Significance::kSame) {
        EXPECT_EQ(s, benchmark < 5.0 ? Significance::kBetter : Significance::kWorse);
      }
      previous = s;
    }
  }
}

TEST(ComparePropertyTest, SpcProportionLimitsWidenWithZ) {
  // 9% in an area of 2000 against a 10% benchmark: outside the 95% limits, inside the 99.8%.
  EXPECT_EQ(CompareSpcProportion(8.5, 10, 2000, 100, 1.959963984540054, Polarity::kHighIsGood),
            Significance::kWorse);
  EXPECT_EQ(CompareSpcProportion(8.5, 10, 2000, 100, 3.090232306167813, Polarity::kHighIsGood),
            Significance::kSame);
  EXPECT_EQ(CompareSpcProportion(8.5, 10, kMissing, 100, 1.96, Polarity::kHighIsGood),
            Significance::kNotCompared);
}

}  // namespace
}  // namespace waymark::stats
