// Tests of value and limits from counts: PHEindicatormethods' reference tables for both
// methods, the same bits as Proportion and CrudeRate, and the inputs refused.
#include "stats/count_estimate.h"

#include <bit>

#include <gtest/gtest.h>

#include "stats/proportion.h"
#include "stats/rate.h"
#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::kRelTol;
using testing::RefTable;

bool SameBits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Each row of `table` against the reference and against `full` (Proportion or CrudeRate).
template <typename Full>
int CheckTable(const char* table, CiMethod method, Full full) {
  RefTable t(table);
  int checked = 0;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const double x = t.Num(r, "Numerator"), n = t.Num(r, "Denominator");
    const double m = t.Num(r, "multiplier");
    const auto e = EstimateFromCounts(method, m, x, n);
    ++checked;
    if (IsMissing(x) || IsMissing(n)) {  // the reference gives no value, and so do we
      EXPECT_FALSE(e.has_value()) << table << " row " << r;
      EXPECT_TRUE(IsMissing(t.Num(r, "value"))) << table << " row " << r;
      continue;
    }
    EXPECT_TRUE(e.has_value()) << table << " row " << r;
    if (!e) continue;
    EXPECT_NEAR_REL(e->value, t.Num(r, "value"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(e->lower95, t.Num(r, "lower95_0cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(e->upper95, t.Num(r, "upper95_0cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(e->lower998, t.Num(r, "lower99_8cl"), kRelTol) << "row " << r;
    EXPECT_NEAR_REL(e->upper998, t.Num(r, "upper99_8cl"), kRelTol) << "row " << r;
    const auto est = full(x, n, DefaultConfidenceLevels(), m);
    EXPECT_TRUE(est.has_value());
    if (!est) continue;
    EXPECT_TRUE(SameBits(e->value, est->value)) << "row " << r;
    EXPECT_TRUE(SameBits(e->lower95, est->intervals[0].lower)) << "row " << r;
    EXPECT_TRUE(SameBits(e->upper95, est->intervals[0].upper)) << "row " << r;
    EXPECT_TRUE(SameBits(e->lower998, est->intervals[1].lower)) << "row " << r;
    EXPECT_TRUE(SameBits(e->upper998, est->intervals[1].upper)) << "row " << r;
  }
  return checked;
}

TEST(CountEstimateTest, WilsonReproducesTheProportionTableBitForBit) {
  EXPECT_EQ(CheckTable("proportion.csv", CiMethod::kWilson, Proportion), 19);
}

TEST(CountEstimateTest, ByarReproducesTheRateTableBitForBit) {
  // Both sides of the exact/Byar's threshold are among the table's counts.
  EXPECT_EQ(CheckTable("rate.csv", CiMethod::kByar, CrudeRate), 20);
  const auto below = EstimateFromCounts(CiMethod::kByar, 1000, kExactCountThreshold - 1, 5000);
  const auto at = EstimateFromCounts(CiMethod::kByar, 1000, kExactCountThreshold, 5000);
  ASSERT_TRUE(below && at);
  const ConfidenceLevel& l95 = DefaultConfidenceLevels()[0];
  EXPECT_TRUE(SameBits(below->lower95,
                       ExactPoissonLower(kExactCountThreshold - 1, l95.Fraction()) / 5000 * 1000));
  EXPECT_TRUE(SameBits(at->lower95, ByarsLower(kExactCountThreshold, l95.Z()) / 5000 * 1000));
}

TEST(CountEstimateTest, RefusesWhatTheMethodsRefuse) {
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kSupplied, 100, 5, 10));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kDsr, 100, 5, 10));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kWilson, 0, 5, 10));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kWilson, 100, -1, 10));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kWilson, 100, 5, 0));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kWilson, 100, 11, 10));  // more events than people
  EXPECT_TRUE(EstimateFromCounts(CiMethod::kWilson, 100, 10, 10));
  EXPECT_TRUE(EstimateFromCounts(CiMethod::kByar, 100, 11, 10));  // a rate may exceed 1
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kByar, 100, kMissing, 10));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kByar, 100, 5, kMissing));
  EXPECT_FALSE(EstimateFromCounts(CiMethod::kByar, kMissing, 5, 10));
}

}  // namespace
}  // namespace waymark::stats
