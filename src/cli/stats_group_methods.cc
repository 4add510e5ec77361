// The grouped `waymark stats` calculators: dsr, isr, mean and trend (one output row per group).
#include "cli/stats_group_methods.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "stats/compare.h"
#include "stats/dsr.h"
#include "stats/isr.h"
#include "stats/mean.h"
#include "stats/trend.h"

namespace waymark::cli::stats_csv {
namespace {

using stats::CsvRow;
using stats::IsMissing;

struct Group {
  std::string name;
  std::vector<const CsvRow*> rows;
};

// Rows grouped by the text of `column`, groups in order of first appearance.
std::vector<Group> GroupRows(const Input& input, size_t column) {
  std::vector<Group> groups;
  std::map<std::string, size_t> index;
  for (const CsvRow& row : input.Table().rows) {
    const std::string& name = input.Text(row, column);
    auto [it, added] = index.emplace(name, groups.size());
    if (added) groups.push_back({name, {}});
    groups[it->second].rows.push_back(&row);
  }
  return groups;
}

// A cell that must be a number meeting `ok` (missing allowed when allow_missing).
std::optional<double> Checked(Input& input, const CsvRow& row, size_t column, bool allow_missing,
                              bool (*ok)(double), std::string_view rule) {
  auto value = input.Number(row, column);
  if (!value) return std::nullopt;
  if (IsMissing(*value) ? !allow_missing : !ok(*value)) {
    input.Problem(row, column, fmt::format("{} must be {}", input.Table().header[column], rule));
    return std::nullopt;
  }
  return value;
}

bool NonNegative(double x) { return x >= 0; }
bool Positive(double x) { return x > 0; }

std::vector<std::string> EstimateHeader(std::vector<std::string> header,
                                        const StatsRequest& request) {
  header.push_back("value");
  AddIntervalColumns(header, request.levels);
  return header;
}

}  // namespace

std::string RunDsr(const StatsRequest& request, Input& input) {
  auto group_col = input.Require("group");
  auto count_col = input.Require("count");
  auto pop_col = input.Require("population");
  auto std_col = input.Optional("standard_population");
  if (!group_col || !count_col || !pop_col) return "";
  Output out(EstimateHeader({"group", "total_count", "total_population"}, request));
  for (const Group& group : GroupRows(input, *group_col)) {
    const auto weights = stats::Esp2013Weights();
    if (!std_col && group.rows.size() != weights.size()) {
      input.Problem(*group.rows.front(), *group_col,
                    fmt::format("group '{}' has {} rows; without a standard_population column "
                                "each group needs the {} ESP2013 age bands in order",
                                group.name, group.rows.size(), weights.size()));
      continue;
    }
    std::vector<stats::DsrBand> bands;
    for (size_t i = 0; i < group.rows.size(); ++i) {
      const CsvRow& row = *group.rows[i];
      auto count = Checked(input, row, *count_col, true, NonNegative, "zero or more");
      auto pop = Checked(input, row, *pop_col, false, Positive, "greater than zero");
      auto standard = std_col ? Checked(input, row, *std_col, false, NonNegative, "zero or more")
                              : std::optional<double>(weights[i]);
      if (count && pop && standard) bands.push_back({*count, *pop, *standard});
    }
    if (bands.size() != group.rows.size()) continue;
    auto result =
        stats::DirectlyStandardisedRate(bands, request.levels, request.multiplier.value_or(100000));
    if (!result) {
      input.Problem(*group.rows.front(), *group_col, result.error().message);
      continue;
    }
    std::vector<std::string> fields = {group.name, stats::FormatNumber(result->total_count),
                                       stats::FormatNumber(result->total_population)};
    AddEstimate(fields, result->estimate);
    out.Add(fields);
  }
  return out.Take();
}

std::string RunIsr(const StatsRequest& request, Input& input) {
  auto group_col = input.Require("group");
  auto count_col = input.Require("count");
  auto pop_col = input.Require("population");
  auto ref_count_col = input.Require("reference_count");
  auto ref_pop_col = input.Require("reference_population");
  if (!group_col || !count_col || !pop_col || !ref_count_col || !ref_pop_col) return "";
  Output out(EstimateHeader({"group", "observed", "expected"}, request));
  for (const Group& group : GroupRows(input, *group_col)) {
    std::vector<stats::IsrBand> bands;
    for (const CsvRow* row : group.rows) {
      auto count = Checked(input, *row, *count_col, true, NonNegative, "zero or more");
      auto pop = Checked(input, *row, *pop_col, true, NonNegative, "zero or more");
      auto ref_count = Checked(input, *row, *ref_count_col, true, NonNegative, "zero or more");
      auto ref_pop = Checked(input, *row, *ref_pop_col, false, Positive, "greater than zero");
      if (count && pop && ref_count && ref_pop)
        bands.push_back({*count, *pop, *ref_count, *ref_pop});
    }
    if (bands.size() != group.rows.size()) continue;
    auto result =
        stats::IndirectlyStandardisedRatio(bands, request.levels, request.multiplier.value_or(1));
    if (!result) {
      input.Problem(*group.rows.front(), *group_col, result.error().message);
      continue;
    }
    std::vector<std::string> fields = {group.name, stats::FormatNumber(result->observed),
                                       stats::FormatNumber(result->expected)};
    AddEstimate(fields, result->estimate);
    out.Add(fields);
  }
  return out.Take();
}

std::string RunMean(const StatsRequest& request, Input& input) {
  auto group_col = input.Require("group");
  auto value_col = input.Require("value");
  if (!group_col || !value_col) return "";
  std::vector<std::string> header = {"group", "n", "value", "sd"};
  AddIntervalColumns(header, request.levels);
  Output out(header);
  for (const Group& group : GroupRows(input, *group_col)) {
    std::vector<double> values;
    for (const CsvRow* row : group.rows) {
      if (auto value = input.Number(*row, *value_col)) values.push_back(*value);
    }
    if (values.size() != group.rows.size()) continue;
    const stats::MeanResult mean = stats::Mean(values, request.levels);
    std::vector<std::string> fields = {group.name, stats::FormatNumber(mean.n),
                                       stats::FormatNumber(mean.estimate.value),
                                       stats::FormatNumber(mean.sd)};
    for (const auto& ci : mean.estimate.intervals) {
      fields.push_back(stats::FormatNumber(ci.lower));
      fields.push_back(stats::FormatNumber(ci.upper));
    }
    out.Add(fields);
  }
  return out.Take();
}

namespace {

// Orders periods numerically when every period of the series is a number, else as text.
std::vector<double> PeriodOrder(const std::vector<std::string>& periods) {
  std::vector<double> numbers;
  for (const std::string& p : periods) {
    auto n = stats::ParseCsvNumber(p);
    if (!n || IsMissing(*n)) break;
    numbers.push_back(*n);
  }
  if (numbers.size() == periods.size()) return numbers;
  std::vector<std::string> sorted = periods;
  std::sort(sorted.begin(), sorted.end());
  numbers.clear();
  for (const std::string& p : periods) {
    numbers.push_back(
        static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), p) - sorted.begin()));
  }
  return numbers;
}

// The polarity of a series: the first non-empty cell; a different value later is a problem.
std::optional<stats::Polarity> SeriesPolarity(Input& input, const Group& group,
                                              std::optional<size_t> column) {
  stats::Polarity polarity = stats::Polarity::kNotApplicable;
  if (!column) return polarity;
  std::string first;
  for (const CsvRow* row : group.rows) {
    const std::string& text = input.Text(*row, *column);
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    if (first.empty()) {
      auto parsed = stats::ParsePolarity(text);
      if (!parsed) {
        input.Problem(*row, *column, parsed.error().message);
        return std::nullopt;
      }
      first = text;
      polarity = *parsed;
    } else if (text != first) {
      input.Problem(*row, *column,
                    fmt::format("series '{}' has polarity '{}' and '{}'", group.name, first, text));
      return std::nullopt;
    }
  }
  return polarity;
}

}  // namespace

std::string RunTrend(const StatsRequest& /*request*/, Input& input) {
  auto series_col = input.Require("series");
  auto period_col = input.Require("period");
  auto num_col = input.Require("numerator");
  auto den_col = input.Require("denominator");
  auto polarity_col = input.Optional("polarity");
  if (!series_col || !period_col || !num_col || !den_col) return "";
  Output out({"series", "trend"});
  for (const Group& group : GroupRows(input, *series_col)) {
    auto polarity = SeriesPolarity(input, group, polarity_col);
    std::vector<std::string> periods;
    std::set<std::string> seen;
    std::vector<stats::TrendPoint> points;
    bool ok = polarity.has_value();
    for (const CsvRow* row : group.rows) {
      const std::string& period = input.Text(*row, *period_col);
      if (!seen.insert(period).second) {
        input.Problem(*row, *period_col,
                      fmt::format("series '{}' repeats period '{}'", group.name, period));
        ok = false;
      }
      periods.push_back(period);
      auto num = Checked(input, *row, *num_col, true, NonNegative, "zero or more");
      auto den = Checked(input, *row, *den_col, true, Positive, "greater than zero");
      if (!num || !den) {
        ok = false;
        continue;
      }
      if (!IsMissing(*num) && !IsMissing(*den) && *num > *den) {
        input.Problem(*row, *num_col, "numerator must not exceed denominator");
        ok = false;
        continue;
      }
      // Method: the proportion trend uses counts; the value is numerator/denominator.
      points.push_back({0, *num, *den, *num / *den, {}});
    }
    if (!ok) continue;
    const std::vector<double> order = PeriodOrder(periods);
    for (size_t i = 0; i < points.size(); ++i) points[i].period = order[i];
    const stats::TrendResult trend = stats::RecentTrend(points, stats::TrendOptions{});
    out.Add({group.name, std::string(stats::TrendLabel(trend.marker, *polarity))});
  }
  return out.Take();
}

}  // namespace waymark::cli::stats_csv
