// The judgement labels: every label's words read back to it, other words are refused, and the
// groupings (fifths, better, worse, getting better or worse) hold exactly their labels.
#include "core/judgement_label.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace waymark {
namespace {

template <typename Enum, typename Parse>
void ExpectRoundTrips(int count, Parse parse) {
  std::set<std::string> seen;
  for (int i = 0; i < count; ++i) {
    const auto label = static_cast<Enum>(i);
    const auto words = Words(label);
    EXPECT_TRUE(seen.emplace(words).second) << words;
    EXPECT_EQ(words.empty(), i == 0) << i;
    EXPECT_EQ(parse(words), label) << words;
  }
  EXPECT_EQ(Words(static_cast<Enum>(count)), "");
}

TEST(JudgementLabelTest, EveryLabelReadsBackFromItsWords) {
  ExpectRoundTrips<Comparison>(kComparisonCount, ParseComparison);
  ExpectRoundTrips<RecentTrend>(kRecentTrendCount, ParseRecentTrend);
  ExpectRoundTrips<ValueSource>(kValueSourceCount, ParseValueSource);
  ExpectRoundTrips<Rag>(kRagCount, ParseRag);
}

TEST(JudgementLabelTest, GivesTheFingertipsWords) {
  EXPECT_EQ(Words(Comparison::kNotCompared), "Not compared");
  EXPECT_EQ(Words(Comparison::kWorse998), "Worse (99.8%)");
  EXPECT_EQ(Words(Comparison::kHigher95), "Higher (95%)");
  EXPECT_EQ(Words(Comparison::kSecondBestFifth), "Second-best fifth");
  EXPECT_EQ(Words(Comparison::kSecondHighestFifth), "Second-highest fifth");
  EXPECT_EQ(Words(RecentTrend::kDecreasingGettingBetter), "Decreasing and getting better");
  EXPECT_EQ(Words(RecentTrend::kNoChange), "No significant change");
  EXPECT_EQ(Words(ValueSource::kSupplied), "supplied");
  EXPECT_EQ(Words(Rag::kAmber), "amber");
}

TEST(JudgementLabelTest, RefusesOtherWords) {
  EXPECT_EQ(ParseComparison("better"), std::nullopt);
  EXPECT_EQ(ParseComparison("Much better"), std::nullopt);
  EXPECT_EQ(ParseComparison("Similar "), std::nullopt);
  EXPECT_EQ(ParseRecentTrend("Increasing and getting Worse"), std::nullopt);
  EXPECT_EQ(ParseValueSource("Computed"), std::nullopt);
  EXPECT_EQ(ParseRag("Green"), std::nullopt);
  EXPECT_EQ(ParseRag(""), Rag::kNone);
}

TEST(JudgementLabelTest, GroupsHoldExactlyTheirLabels) {
  std::set<Comparison> fifths, better, worse;
  for (int i = 0; i < kComparisonCount; ++i) {
    const auto c = static_cast<Comparison>(i);
    if (IsFifth(c)) fifths.insert(c);
    if (IsBetter(c)) better.insert(c);
    if (IsWorse(c)) worse.insert(c);
    EXPECT_EQ(IsFifth(c), std::string(Words(c)).ends_with(" fifth")) << Words(c);
    EXPECT_EQ(IsBetter(c), std::string(Words(c)).starts_with("Better")) << Words(c);
    EXPECT_EQ(IsWorse(c), std::string(Words(c)).starts_with("Worse")) << Words(c);
  }
  EXPECT_EQ(fifths.size(), 9u);
  EXPECT_EQ(better, (std::set{Comparison::kBetter, Comparison::kBetter95, Comparison::kBetter998}));
  EXPECT_EQ(worse, (std::set{Comparison::kWorse, Comparison::kWorse95, Comparison::kWorse998}));
  EXPECT_FALSE(IsWorse(Comparison::kWorstFifth));
  EXPECT_FALSE(IsBetter(Comparison::kHigher));
  for (int i = 0; i < kRecentTrendCount; ++i) {
    const auto t = static_cast<RecentTrend>(i);
    const std::string words(Words(t));
    EXPECT_EQ(IsGettingBetter(t), words.ends_with("getting better")) << words;
    EXPECT_EQ(IsGettingWorse(t), words.ends_with("getting worse")) << words;
  }
}

}  // namespace
}  // namespace waymark
