// Ranks with ties, quantile groups within a comparator group (PIM phe_quantile), and
// Fingertips' quintile/quartile benchmark categories.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/compare.h"
#include "stats/estimate.h"

namespace waymark::stats {

enum class RankOrder { kAscending, kDescending };

// Ranks 1..m of the non-missing values; tied values share the lowest rank of their run (R's
// ties.method = "min"); missing values get a missing rank.
std::vector<double> Ranks(std::span<const double> values, RankOrder order = RankOrder::kAscending);

// PIM phe_quantile: the quantile group (1..nquantiles) of each value within one comparator
// group. With invert the highest value is in group 1. Missing values get missing groups, and
// every group is missing when there are fewer non-missing values than quantiles.
// Error: nquantiles < 1.
Result<std::vector<double>> QuantileGroups(std::span<const double> values, int nquantiles,
                                           bool invert);

// Fingertips' category bounds (FTO ValueCategoriesCalculator): [min, P(1/n), ..., max] by the
// inclusive linear-interpolation percentile, rounded to 10 decimal places. Missing values are
// ignored; fewer than 4 values give no bounds (empty).
std::vector<double> CategoryBounds(std::span<const double> values, int n_categories);

// Fingertips' quintile (n_categories 5) or quartile (4) of one value in its comparator group:
// the first bound the value does not exceed. Quintiles are reversed for high-is-good polarity,
// so quintile 1 is the best fifth for either RAG polarity (FTO QuintilesComparer); quartiles are
// never reversed (FTO QuartilesComparer). 0 means not compared: missing value, not-applicable
// polarity, or fewer values than categories.
int Category(double value, std::span<const double> group_values, int n_categories,
             Polarity polarity);

// The same category from bounds computed once (CategoryBounds) for a group with `present`
// non-missing values; for assessing every member of a large group.
int CategoryFromBounds(double value, std::span<const double> bounds, std::size_t present,
                       int n_categories, Polarity polarity);

// The label of a quintile from Category (1 = best fifth for a RAG polarity, 1 = lowest fifth
// for neutral): "Best fifth", "Second-best fifth", "Middle fifth", "Second-worst fifth", "Worst
// fifth", or "Lowest fifth" ... "Highest fifth" when neither direction is better; "" for 0 or a
// value out of range. A position among councils, worded so that it never reads as a
// significance result (Fingertips "compared to percentiles").
std::string_view QuintileLabel(int quintile, Polarity polarity);

}  // namespace waymark::stats
