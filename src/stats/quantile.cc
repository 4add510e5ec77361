// Ranks, PIM quantile groups and Fingertips quintiles/quartiles.
#include "stats/quantile.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace waymark::stats {
namespace {

std::vector<double> Present(std::span<const double> values) {
  std::vector<double> present;
  for (double v : values) {
    if (!IsMissing(v)) present.push_back(v);
  }
  return present;
}

// Method: Excel PERCENTILE.INC: h = (N − 1)f + 1, k = ⌊h⌋, v_k + (h − k)(v_{k+1} − v_k) over
// the sorted values (FTO ValueCategoriesCalculator), rounded to 10 decimal places half to even
// as .NET Math.Round does.
double Percentile(const std::vector<double>& sorted, double f) {
  const double h = (static_cast<double>(sorted.size()) - 1) * f + 1;
  const size_t k = static_cast<size_t>(std::floor(h));
  double p = sorted[k - 1];
  if (k < sorted.size()) p += (h - static_cast<double>(k)) * (sorted[k] - sorted[k - 1]);
  return std::nearbyint(p * 1e10) / 1e10;
}

}  // namespace

std::vector<double> Ranks(std::span<const double> values, RankOrder order) {
  std::vector<size_t> index;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!IsMissing(values[i])) index.push_back(i);
  }
  std::stable_sort(index.begin(), index.end(), [&](size_t a, size_t b) {
    return order == RankOrder::kAscending ? values[a] < values[b] : values[a] > values[b];
  });
  std::vector<double> ranks(values.size(), kMissing);
  // Method: R rank(ties.method = "min"): a tie takes the first position of its run.
  for (size_t pos = 0; pos < index.size(); ++pos) {
    const bool tied = pos > 0 && values[index[pos]] == values[index[pos - 1]];
    ranks[index[pos]] = tied ? ranks[index[pos - 1]] : static_cast<double>(pos + 1);
  }
  return ranks;
}

// Method: OHID "Assigning Deprivation Categories" as PIM R/Quantiles.R:
//   quantile = ⌊(q + 1) − ⌈((m + 1) − rank)/(m/q)⌉⌋, 0 becomes 1.
Result<std::vector<double>> QuantileGroups(std::span<const double> values, int nquantiles,
                                           bool invert) {
  if (nquantiles < 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("number of quantiles {} must be at least 1", nquantiles));
  }
  std::vector<double> groups(values.size(), kMissing);
  const double m = static_cast<double>(Present(values).size());
  const double q = nquantiles;
  if (m < q) return groups;
  const std::vector<double> ranks =
      Ranks(values, invert ? RankOrder::kDescending : RankOrder::kAscending);
  for (size_t i = 0; i < values.size(); ++i) {
    if (IsMissing(ranks[i])) continue;
    const double group = std::floor((q + 1) - std::ceil(((m + 1) - ranks[i]) / (m / q)));
    groups[i] = std::max(group, 1.0);
  }
  return groups;
}

std::vector<double> CategoryBounds(std::span<const double> values, int n_categories) {
  std::vector<double> sorted = Present(values);
  // Method: FTO needs at least 4 values to calculate bounds.
  if (sorted.size() < 4 || n_categories < 1) return {};
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> bounds = {sorted.front()};
  for (int i = 1; i < n_categories; ++i) {
    bounds.push_back(Percentile(sorted, static_cast<double>(i) / n_categories));
  }
  bounds.push_back(sorted.back());
  return bounds;
}

// Method: FTO QuintilesComparer / QuartilesComparer: first i with value <= bound_i; quintiles
// become 6 − i for RAG high-is-good.
int CategoryFromBounds(double value, std::span<const double> bounds, std::size_t present,
                       int n_categories, Polarity polarity) {
  if (IsMissing(value) || polarity == Polarity::kNotApplicable) return 0;
  if (bounds.empty() || static_cast<int>(present) < n_categories) return 0;
  int category = 0;
  for (int i = 1; i < static_cast<int>(bounds.size()); ++i) {
    if (value <= bounds[i]) {
      category = i;
      break;
    }
  }
  if (category == 0) return 0;  // above the maximum: not in this group
  if (n_categories == 5 && polarity == Polarity::kHighIsGood) return 6 - category;
  return category;
}

int Category(double value, std::span<const double> group_values, int n_categories,
             Polarity polarity) {
  if (IsMissing(value) || polarity == Polarity::kNotApplicable) return 0;
  return CategoryFromBounds(value, CategoryBounds(group_values, n_categories),
                            Present(group_values).size(), n_categories, polarity);
}

std::string_view QuintileLabel(int quintile, Polarity polarity) {
  static constexpr std::string_view kJudged[] = {"Best fifth", "Second-best fifth", "Middle fifth",
                                                 "Second-worst fifth", "Worst fifth"};
  static constexpr std::string_view kNeutral[] = {"Lowest fifth", "Second-lowest fifth",
                                                  "Middle fifth", "Second-highest fifth",
                                                  "Highest fifth"};
  if (quintile < 1 || quintile > 5 || polarity == Polarity::kNotApplicable) return {};
  const auto i = static_cast<std::size_t>(quintile - 1);
  return polarity == Polarity::kNeutral ? kNeutral[i] : kJudged[i];
}

}  // namespace waymark::stats
