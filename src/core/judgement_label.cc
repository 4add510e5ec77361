// The judgement labels' words in one table per set, indexed by the enum.
#include "core/judgement_label.h"

#include <array>

namespace waymark {
namespace {

constexpr std::array<std::string_view, kComparisonCount> kComparisonWords{
    "",
    "Not compared",
    "Similar",
    "Better",
    "Worse",
    "Higher",
    "Lower",
    "Better (95%)",
    "Worse (95%)",
    "Higher (95%)",
    "Lower (95%)",
    "Better (99.8%)",
    "Worse (99.8%)",
    "Higher (99.8%)",
    "Lower (99.8%)",
    "Best fifth",
    "Second-best fifth",
    "Middle fifth",
    "Second-worst fifth",
    "Worst fifth",
    "Lowest fifth",
    "Second-lowest fifth",
    "Second-highest fifth",
    "Highest fifth",
};
static_assert(static_cast<int>(Comparison::kHighestFifth) == kComparisonCount - 1);

constexpr std::array<std::string_view, kRecentTrendCount> kTrendWords{
    "",
    "Cannot be calculated",
    "No significant change",
    "Increasing",
    "Decreasing",
    "Increasing and getting better",
    "Increasing and getting worse",
    "Decreasing and getting better",
    "Decreasing and getting worse",
};
static_assert(static_cast<int>(RecentTrend::kDecreasingGettingWorse) == kRecentTrendCount - 1);

constexpr std::array<std::string_view, kValueSourceCount> kSourceWords{"", "computed", "supplied",
                                                                       "missing"};
static_assert(static_cast<int>(ValueSource::kMissing) == kValueSourceCount - 1);

constexpr std::array<std::string_view, kRagCount> kRagWords{"", "red", "amber", "green"};
static_assert(static_cast<int>(Rag::kGreen) == kRagCount - 1);

template <typename Enum, std::size_t N>
std::string_view WordsOf(const std::array<std::string_view, N>& words, Enum e) {
  const auto i = static_cast<std::size_t>(e);
  return i < N ? words[i] : std::string_view();
}

template <typename Enum, std::size_t N>
std::optional<Enum> ParseOf(const std::array<std::string_view, N>& words, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (words[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view Words(Comparison c) { return WordsOf(kComparisonWords, c); }
std::string_view Words(RecentTrend t) { return WordsOf(kTrendWords, t); }
std::string_view Words(ValueSource s) { return WordsOf(kSourceWords, s); }
std::string_view Words(Rag r) { return WordsOf(kRagWords, r); }

std::optional<Comparison> ParseComparison(std::string_view words) {
  return ParseOf<Comparison>(kComparisonWords, words);
}
std::optional<RecentTrend> ParseRecentTrend(std::string_view words) {
  return ParseOf<RecentTrend>(kTrendWords, words);
}
std::optional<ValueSource> ParseValueSource(std::string_view words) {
  return ParseOf<ValueSource>(kSourceWords, words);
}
std::optional<Rag> ParseRag(std::string_view words) { return ParseOf<Rag>(kRagWords, words); }

bool IsFifth(Comparison c) { return c >= Comparison::kBestFifth; }

bool IsBetter(Comparison c) {
  return c == Comparison::kBetter || c == Comparison::kBetter95 || c == Comparison::kBetter998;
}

bool IsWorse(Comparison c) {
  return c == Comparison::kWorse || c == Comparison::kWorse95 || c == Comparison::kWorse998;
}

bool IsGettingBetter(RecentTrend t) {
  return t == RecentTrend::kIncreasingGettingBetter || t == RecentTrend::kDecreasingGettingBetter;
}

bool IsGettingWorse(RecentTrend t) {
  return t == RecentTrend::kIncreasingGettingWorse || t == RecentTrend::kDecreasingGettingWorse;
}

}  // namespace waymark
