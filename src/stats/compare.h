// Benchmark comparison: Fingertips' better/similar/worse judgements of an area against a
// benchmark (England, region), for each comparator method Fingertips uses.
#pragma once

#include <string_view>

#include "core/result.h"
#include "stats/estimate.h"

namespace waymark::stats {

// Which direction is good. kNeutral is Fingertips' "BlueOrangeBlue" (no judgement: higher /
// lower); kNotApplicable means no comparison is made.
enum class Polarity { kNotApplicable, kLowIsGood, kHighIsGood, kNeutral };

// "high", "low" or "neutral" (case-insensitive); also Fingertips' RAG names and ids
// ("1" high is good, "0" low is good, "99" neutral, "-1" not applicable).
Result<Polarity> ParsePolarity(std::string_view text);

// Fingertips' significance after the polarity adjustment (FTO Significance.cs). For kNeutral
// polarity kBetter/kWorse mean higher/lower and kBest/kWorst beyond the 99.8% limits.
enum class Significance { kNotCompared, kWorse, kSame, kBetter, kWorst, kBest };

// Fingertips' enum name: "None", "Worse", "Same", "Better", "Worst", "Best".
std::string_view SignificanceName(Significance s);

// The label shown to people: "Better", "Similar", "Worse", or "Higher", "Similar", "Lower" for
// neutral polarity, "Not compared". For two-level results kBest/kWorst read "Better (99.8%)"
// and kBetter/kWorse "Better (95%)" and so on; `two_level` selects those labels.
std::string_view SignificanceLabel(Significance s, Polarity polarity, bool two_level = false);

// Method 1 (SingleOverlappingCIsForOneCiLevel): the benchmark value inside the area's interval
// (inclusive) is Same; otherwise higher or lower by the area value. Missing value, benchmark or
// limit gives kNotCompared.
Significance CompareWithBenchmark(double value, Interval ci, double benchmark, Polarity polarity);

// Method 17 (SingleOverlappingCIsForTwoCiLevels): Same inside the 95% interval, Better/Worse
// between the 95% and 99.8% limits, Best/Worst beyond the 99.8% interval.
Significance CompareTwoLevels(double value, Interval ci95, Interval ci998, double benchmark,
                              Polarity polarity);

// Method 12 (DoubleOverlappingCIs): Same when the two 95% intervals overlap.
Significance CompareOverlappingIntervals(double value, Interval ci, double benchmark,
                                         Interval benchmark_ci, Polarity polarity);

// Method 5 (SpcForProportions): the value against the Wilson control limits of the expected
// count denominator × benchmark/unit, at normal deviate z. Missing or non-positive denominator
// gives kNotCompared.
Significance CompareSpcProportion(double value, double benchmark, double denominator, double unit,
                                  double z, Polarity polarity);

// Method 6 (SpcForDsr): the value against exact Poisson control limits (Fingertips' bisection)
// of the expected count benchmark × population/unit, at one-tail probability tail_p (0.025 for
// 95%, 0.001 for 99.8%).
Significance CompareSpcDsr(double value, double benchmark, double population, double unit,
                           double tail_p, Polarity polarity);

// Swaps Better/Worse and Best/Worst for low-is-good polarity (FTO IndicatorComparer.cs).
Significance AdjustForPolarity(Significance s, Polarity polarity);

}  // namespace waymark::stats
