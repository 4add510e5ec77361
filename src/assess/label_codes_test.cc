// Tests of the label codes: each label is the stats layer's words for its result and polarity,
// and every label is one the stored judgement blocks write as a fixed code
// (store::KnownJudgementTexts), so no block has to carry it as text.
#include "assess/label_codes.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "stats/quantile.h"
#include "store/judgement_block.h"

namespace waymark::assess {
namespace {

constexpr Polarity kPolarities[] = {Polarity::kHigh, Polarity::kLow, Polarity::kNeutral};

const LabelCodes& Of(Polarity p) { return LabelsByPolarity()[static_cast<std::size_t>(p)]; }

TEST(LabelCodesTest, EachLabelIsTheStatsLayersWords) {
  for (const Polarity p : kPolarities) {
    const LabelCodes& codes = Of(p);
    for (int s = 0; s < kSignificanceCount; ++s) {
      const auto significance = static_cast<stats::Significance>(s);
      EXPECT_EQ(Words(codes.one_level[s]), stats::SignificanceLabel(significance, ToStats(p)));
      EXPECT_EQ(Words(codes.two_level[s]),
                stats::SignificanceLabel(significance, ToStats(p), true));
    }
    for (int m = 0; m < kTrendMarkerCount; ++m) {
      EXPECT_EQ(Words(codes.trend[m]),
                stats::TrendLabel(static_cast<stats::TrendMarker>(m), ToStats(p)));
    }
    EXPECT_EQ(codes.fifth[0], Comparison::kNone);
    for (int q = 1; q <= 5; ++q) {
      EXPECT_EQ(Words(codes.fifth[q]), stats::QuintileLabel(q, ToStats(p)));
      EXPECT_TRUE(IsFifth(codes.fifth[q]));
    }
  }
}

TEST(LabelCodesTest, EachPolarityHasItsOwnWordsForTheSameJudgement) {
  const auto better = static_cast<std::size_t>(stats::Significance::kBetter);
  const auto best = static_cast<std::size_t>(stats::Significance::kBest);
  const auto increasing = static_cast<std::size_t>(stats::TrendMarker::kIncreasing);
  EXPECT_EQ(Of(Polarity::kHigh).one_level[better], Comparison::kBetter);
  EXPECT_EQ(Of(Polarity::kNeutral).one_level[better], Comparison::kHigher);
  EXPECT_EQ(Of(Polarity::kLow).two_level[best], Comparison::kBetter998);
  EXPECT_EQ(Of(Polarity::kHigh).fifth[1], Comparison::kBestFifth);
  EXPECT_EQ(Of(Polarity::kNeutral).fifth[1], Comparison::kLowestFifth);
  EXPECT_EQ(Of(Polarity::kHigh).trend[increasing], RecentTrend::kIncreasingGettingBetter);
  EXPECT_EQ(Of(Polarity::kLow).trend[increasing], RecentTrend::kIncreasingGettingWorse);
  EXPECT_EQ(Of(Polarity::kNeutral).trend[increasing], RecentTrend::kIncreasing);
}

TEST(LabelCodesTest, EveryLabelIsStoredAsACode) {
  const auto known = store::KnownJudgementTexts();
  const auto expect_known = [&](std::string_view words) {
    EXPECT_NE(std::find(known.begin(), known.end(), words), known.end()) << words;
  };
  for (int i = 0; i < kComparisonCount; ++i) expect_known(Words(static_cast<Comparison>(i)));
  for (int i = 0; i < kRecentTrendCount; ++i) expect_known(Words(static_cast<RecentTrend>(i)));
  for (int i = 0; i < kValueSourceCount; ++i) expect_known(Words(static_cast<ValueSource>(i)));
  for (int i = 0; i < kRagCount; ++i) expect_known(Words(static_cast<Rag>(i)));
}

}  // namespace
}  // namespace waymark::assess
