// The row-by-row `waymark stats` calculators (proportion, rate, compare, quantile) and the
// dispatcher.
#include "cli/stats_methods.h"

#include <array>
#include <map>

#include <fmt/format.h>

#include "cli/stats_group_methods.h"
#include "cli/stats_input.h"
#include "stats/compare.h"
#include "stats/proportion.h"
#include "stats/quantile.h"
#include "stats/rate.h"

namespace waymark::cli {
namespace {

using stats::CsvRow;
using stats_csv::Input;
using stats_csv::Output;

constexpr std::array<std::string_view, 8> kMethods = {"proportion", "rate",    "dsr",   "isr",
                                                      "mean",       "compare", "trend", "quantile"};

// proportion and rate: numerator/count and denominator/population per row.
std::string RunRowEstimate(const StatsRequest& request, Input& input, bool is_rate) {
  auto x_col = input.Require(is_rate ? "count" : "numerator");
  auto n_col = input.Require(is_rate ? "population" : "denominator");
  if (!x_col || !n_col) return "";
  const double multiplier = request.multiplier.value_or(is_rate ? 100000 : 1);
  std::vector<std::string> header = input.Table().header;
  header.push_back("value");
  stats_csv::AddIntervalColumns(header, request.levels);
  Output out(header);
  for (const CsvRow& row : input.Table().rows) {
    auto x = input.Number(row, *x_col);
    auto n = input.Number(row, *n_col);
    if (!x || !n) continue;
    auto estimate = is_rate ? stats::CrudeRate(*x, *n, request.levels, multiplier)
                            : stats::Proportion(*x, *n, request.levels, multiplier);
    if (!estimate) {
      // Non-positive denominators are the denominator's fault; anything else the numerator's.
      input.Problem(row, *n <= 0 ? *n_col : *x_col, estimate.error().message);
      continue;
    }
    std::vector<std::string> fields = row.fields;
    stats_csv::AddEstimate(fields, *estimate);
    out.Add(fields);
  }
  return out.Take();
}

// Parses a polarity cell; empty means not applicable.
std::optional<stats::Polarity> PolarityCell(Input& input, const CsvRow& row, size_t column) {
  const std::string& text = input.Text(row, column);
  if (text.find_first_not_of(" \t") == std::string::npos) return stats::Polarity::kNotApplicable;
  auto polarity = stats::ParsePolarity(text);
  if (!polarity) {
    input.Problem(row, column, polarity.error().message);
    return std::nullopt;
  }
  return *polarity;
}

// compare: each level's interval against the benchmark; with two levels also the two-level rule.
std::string RunCompare(const StatsRequest& request, Input& input) {
  std::vector<std::pair<std::optional<size_t>, std::optional<size_t>>> ci_cols;
  for (const auto& level : request.levels) {
    ci_cols.emplace_back(input.Require("lower_" + level.Suffix()),
                         input.Require("upper_" + level.Suffix()));
  }
  auto value_col = input.Require("value");
  auto benchmark_col = input.Require("benchmark");
  auto polarity_col = input.Require("polarity");
  for (const auto& [lo, hi] : ci_cols) {
    if (!lo || !hi) return "";
  }
  if (!value_col || !benchmark_col || !polarity_col) return "";
  const bool two_level = request.levels.size() == 2;
  std::vector<std::string> header = input.Table().header;
  for (const auto& level : request.levels) header.push_back("comparison_" + level.Suffix());
  if (two_level) header.push_back("comparison_2level");
  Output out(header);
  for (const CsvRow& row : input.Table().rows) {
    auto value = input.Number(row, *value_col);
    auto benchmark = input.Number(row, *benchmark_col);
    auto polarity = PolarityCell(input, row, *polarity_col);
    std::vector<stats::Interval> intervals;
    bool ok = value && benchmark && polarity;
    for (const auto& [lo, hi] : ci_cols) {
      auto lower = input.Number(row, *lo);
      auto upper = input.Number(row, *hi);
      if (lower && upper && *lower > *upper) {
        input.Problem(
            row, *lo,
            fmt::format("{} is above {}", input.Table().header[*lo], input.Table().header[*hi]));
        ok = false;
        continue;
      }
      ok = ok && lower && upper;
      if (lower && upper) intervals.push_back({*lower, *upper});
    }
    if (!ok) continue;
    std::vector<std::string> fields = row.fields;
    for (const auto& ci : intervals) {
      const auto s = stats::CompareWithBenchmark(*value, ci, *benchmark, *polarity);
      fields.emplace_back(stats::SignificanceLabel(s, *polarity));
    }
    if (two_level) {
      // The narrower interval is the inner level of the two-level rule.
      const bool first_inner = request.levels[0].Fraction() <= request.levels[1].Fraction();
      const auto& inner = intervals[first_inner ? 0 : 1];
      const auto& outer = intervals[first_inner ? 1 : 0];
      const auto s = stats::CompareTwoLevels(*value, inner, outer, *benchmark, *polarity);
      fields.emplace_back(stats::SignificanceLabel(s, *polarity, /*two_level=*/true));
    }
    out.Add(fields);
  }
  return out.Take();
}

// quantile: Fingertips quintile and quartile of each value within its group.
std::string RunQuantile(const StatsRequest& /*request*/, Input& input) {
  auto group_col = input.Require("group");
  auto value_col = input.Require("value");
  auto polarity_col = input.Require("polarity");
  if (!group_col || !value_col || !polarity_col) return "";
  const auto& rows = input.Table().rows;
  std::vector<double> values(rows.size(), stats::kMissing);
  std::vector<stats::Polarity> polarities(rows.size(), stats::Polarity::kNotApplicable);
  std::map<std::string, std::vector<double>> groups;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto value = input.Number(rows[i], *value_col);
    auto polarity = PolarityCell(input, rows[i], *polarity_col);
    if (!value || !polarity) continue;
    values[i] = *value;
    polarities[i] = *polarity;
    groups[input.Text(rows[i], *group_col)].push_back(*value);
  }
  std::vector<std::string> header = input.Table().header;
  header.push_back("quintile");
  header.push_back("quartile");
  Output out(header);
  auto category = [](int c) { return c == 0 ? std::string() : std::to_string(c); };
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& group = groups[input.Text(rows[i], *group_col)];
    std::vector<std::string> fields = rows[i].fields;
    fields.push_back(category(stats::Category(values[i], group, 5, polarities[i])));
    fields.push_back(category(stats::Category(values[i], group, 4, polarities[i])));
    out.Add(fields);
  }
  return out.Take();
}

}  // namespace

std::span<const std::string_view> StatsMethods() { return kMethods; }

tl::expected<std::string, Diagnostics> RunStatsMethod(const StatsRequest& request,
                                                      const stats::CsvTable& table) {
  Diagnostics problems;
  Input input(table, problems);
  const std::string& m = request.method;
  const bool takes_multiplier = m == "proportion" || m == "rate" || m == "dsr" || m == "isr";
  if (request.multiplier && !takes_multiplier) {
    problems.push_back(Error{
        ErrorCode::kInvalidArgument, fmt::format("--multiplier does not apply to {}", m), {}});
    return tl::unexpected(problems);
  }
  if (request.multiplier && !(*request.multiplier > 0)) {
    problems.push_back(
        Error{ErrorCode::kInvalidArgument, "--multiplier must be greater than zero", {}});
    return tl::unexpected(problems);
  }
  std::string output;
  if (m == "proportion") output = RunRowEstimate(request, input, /*is_rate=*/false);
  if (m == "rate") output = RunRowEstimate(request, input, /*is_rate=*/true);
  if (m == "compare") output = RunCompare(request, input);
  if (m == "quantile") output = RunQuantile(request, input);
  if (m == "dsr") output = stats_csv::RunDsr(request, input);
  if (m == "isr") output = stats_csv::RunIsr(request, input);
  if (m == "mean") output = stats_csv::RunMean(request, input);
  if (m == "trend") output = stats_csv::RunTrend(request, input);
  if (!problems.empty()) return tl::unexpected(problems);
  return output;
}

}  // namespace waymark::cli
