// Summary statistics of one column that ignore missing values, and ranks with ties.
#pragma once

#include <span>
#include <vector>

namespace waymark::index {

// Each returns NaN when there are too few non-missing values.
double Mean(std::span<const double> x);
double Median(std::span<const double> x);
double SampleSd(std::span<const double> x);  // divisor n − 1 (R sd)
double Min(std::span<const double> x);
double Max(std::span<const double> x);
size_t CountPresent(std::span<const double> x);

// Quantile of the non-missing values by R's type 7: h = (n − 1)p, linear between order stats.
double QuantileType7(std::span<const double> x, double p);
// The same on values already sorted ascending with no missing values.
double SortedQuantileType7(std::span<const double> sorted, double p);

enum class Ties { kMin, kAverage };

// Ascending ranks 1..n of the non-missing values; missing values keep a missing rank.
std::vector<double> AscendingRanks(std::span<const double> x, Ties ties = Ties::kMin);

// Method: COINr rank_df / get_results: rank(−score), ties "min", NA kept, so 1 = best.
std::vector<double> ScoreRanks(std::span<const double> scores);

// Skewness G1 and excess kurtosis G2 (e1071 type 2, as COINr check_SkewKurt). NaN when n < 3
// (skew) or n < 4 (kurtosis).
double Skewness(std::span<const double> x);
double Kurtosis(std::span<const double> x);

}  // namespace waymark::index
