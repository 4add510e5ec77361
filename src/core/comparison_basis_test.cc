// The comparison bases: codes read back, every basis has its words, and which ones compare.
#include "core/comparison_basis.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace waymark {
namespace {

TEST(ComparisonBasisTest, CodesReadBackAndAreDistinct) {
  std::set<std::string> codes;
  for (int i = 0; i < kComparisonBasisCount; ++i) {
    const auto basis = static_cast<ComparisonBasis>(i);
    const auto code = ComparisonBasisCode(basis);
    EXPECT_TRUE(codes.emplace(code).second) << code;
    EXPECT_EQ(ParseComparisonBasisCode(code), basis) << code;
    EXPECT_FALSE(ComparisonBasisText(basis).empty());
    EXPECT_FALSE(ComparisonBasisShort(basis).empty());
  }
  EXPECT_EQ(ParseComparisonBasisCode("wilson-95"), ComparisonBasis::kWilson95);
  EXPECT_EQ(ParseComparisonBasisCode("Wilson-95"), std::nullopt);
  EXPECT_EQ(ParseComparisonBasisCode("fifths"), std::nullopt);
}

TEST(ComparisonBasisTest, SaysTheMethodOrTheReason) {
  EXPECT_EQ(ComparisonBasisText(ComparisonBasis::kWilson95), "95% interval (Wilson)");
  EXPECT_EQ(ComparisonBasisText(ComparisonBasis::kByar95), "95% interval (Byar)");
  EXPECT_EQ(ComparisonBasisText(ComparisonBasis::kSourceInterval),
            "interval supplied by the source");
  EXPECT_EQ(ComparisonBasisText(ComparisonBasis::kQuintile), "quintile among English councils");
  EXPECT_EQ(ComparisonBasisText(ComparisonBasis::kLondonOnly),
            "not compared: only London boroughs publish this");
  EXPECT_EQ(ComparisonBasisText(ComparisonBasis::kLocal), "not compared: local measure");
  // Every basis that makes no comparison gives its reason.
  for (int i = 0; i < kComparisonBasisCount; ++i) {
    const auto basis = static_cast<ComparisonBasis>(i);
    if (IsCompared(basis)) continue;
    const auto text = ComparisonBasisText(basis);
    EXPECT_TRUE(text.starts_with("not compared: ") || text.starts_with("basis not recorded: "))
        << text;
  }
}

TEST(ComparisonBasisTest, OnlyIntervalsAreSignificanceTests) {
  EXPECT_TRUE(IsSignificanceTest(ComparisonBasis::kWilson95));
  EXPECT_TRUE(IsSignificanceTest(ComparisonBasis::kByar95));
  EXPECT_TRUE(IsSignificanceTest(ComparisonBasis::kSourceInterval));
  EXPECT_FALSE(IsSignificanceTest(ComparisonBasis::kQuintile));
  EXPECT_TRUE(IsCompared(ComparisonBasis::kQuintile));
  EXPECT_FALSE(IsCompared(ComparisonBasis::kLondonOnly));
  EXPECT_FALSE(IsCompared(ComparisonBasis::kUnknown));
  EXPECT_FALSE(IsCompared(ComparisonBasis::kEngland));
}

}  // namespace
}  // namespace waymark
