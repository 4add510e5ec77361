// Judgement labels as closed sets: how a figure compares with a benchmark, its recent trend,
// where its value came from and its rating against a target. Assessments carry these enums from
// the engine to the edges; pages, exports, the API and stored blocks turn them into the
// Fingertips words (Words) and read words back (Parse*).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace waymark {

// A comparison with England or the region: the one-level labels (Better/Similar/Worse, or
// Higher/Similar/Lower when no direction is better), the two-level labels at 95% and 99.8%,
// and, when no interval can be had, the area's fifth among English councils.
enum class Comparison : std::uint8_t {
  kNone,  // no label (not judged, or left out because the figure is suppressed)
  kNotCompared,
  kSimilar,
  kBetter,
  kWorse,
  kHigher,
  kLower,
  kBetter95,
  kWorse95,
  kHigher95,
  kLower95,
  kBetter998,
  kWorse998,
  kHigher998,
  kLower998,
  kBestFifth,
  kSecondBestFifth,
  kMiddleFifth,
  kSecondWorstFifth,
  kWorstFifth,
  kLowestFifth,
  kSecondLowestFifth,
  kSecondHighestFifth,
  kHighestFifth,
};
inline constexpr int kComparisonCount = 24;

// The Fingertips recent-trend label (PHE, "Recent trends" in the Fingertips technical guide).
enum class RecentTrend : std::uint8_t {
  kNone,
  kCannotBeCalculated,
  kNoChange,
  kIncreasing,
  kDecreasing,
  kIncreasingGettingBetter,
  kIncreasingGettingWorse,
  kDecreasingGettingBetter,
  kDecreasingGettingWorse,
};
inline constexpr int kRecentTrendCount = 9;

// Where a figure's value came from: computed from its counts, supplied by the source, or none.
enum class ValueSource : std::uint8_t { kNone, kComputed, kSupplied, kMissing };
inline constexpr int kValueSourceCount = 4;

// A rating against the plan's target; kNone when there is no target.
enum class Rag : std::uint8_t { kNone, kRed, kAmber, kGreen };
inline constexpr int kRagCount = 4;

// The words: "Better (99.8%)", "Second-best fifth", "Increasing and getting worse", "computed",
// "amber"; "" for kNone.
std::string_view Words(Comparison c);
std::string_view Words(RecentTrend t);
std::string_view Words(ValueSource s);
std::string_view Words(Rag r);

// The label with exactly these words ("" is kNone); nullopt for any other words.
std::optional<Comparison> ParseComparison(std::string_view words);
std::optional<RecentTrend> ParseRecentTrend(std::string_view words);
std::optional<ValueSource> ParseValueSource(std::string_view words);
std::optional<Rag> ParseRag(std::string_view words);

// A fifth among English councils rather than a significance result.
bool IsFifth(Comparison c);
// Significantly better, or worse, than the benchmark at either level.
bool IsBetter(Comparison c);
bool IsWorse(Comparison c);
// Getting better, or worse, in the indicator's own direction.
bool IsGettingBetter(RecentTrend t);
bool IsGettingWorse(RecentTrend t);

}  // namespace waymark
