// Gap and slope rows as CSV and JSON from one list of cells per row, and the selection the API
// and the command line share (inequality_export.h).
#include "assess/inequality_export.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <tuple>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "assess/export.h"
#include "stats/csv.h"

namespace waymark::assess {
namespace {

using nlohmann::json;

// One cell of a row: text, a number (NaN when missing), a count or a flag.
using Cell = std::variant<std::string, double, int, bool>;

std::string CsvText(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<double>(&cell)) {
    return HasValue(*number) ? fmt::format("{}", *number) : std::string();
  }
  if (const auto* count = std::get_if<int>(&cell)) return std::to_string(*count);
  return std::get<bool>(cell) ? "true" : "false";
}

json JsonValue(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<double>(&cell)) {
    return HasValue(*number) ? json(*number) : json(nullptr);
  }
  if (const auto* count = std::get_if<int>(&cell)) return *count;
  return std::get<bool>(cell);
}

// The lower or upper limit at the `level`-th interval (0: 95%, 1: 99.8%), or missing.
double Limit(const stats::GapEstimate& gap, std::size_t level, bool upper) {
  if (gap.intervals.size() <= level) return kNoValue;
  return upper ? gap.intervals[level].upper : gap.intervals[level].lower;
}

// A gap row's cells in kGapColumns order; a suppressed row's numbers and methods are missing.
std::vector<Cell> GapCells(const GapRow& r) {
  const bool hide = r.suppressed;
  const auto number = [hide](double x) -> Cell { return hide ? kNoValue : x; };
  const auto method = [hide](const std::string& m) -> Cell { return hide ? std::string() : m; };
  return {r.indicator,
          r.dimension,
          std::string(DimensionKindName(r.kind)),
          r.area,
          r.period.Label(),
          r.breakdown.sex,
          r.breakdown.age,
          r.breakdown.category_type,
          r.breakdown.category,
          r.group,
          r.comparison,
          number(r.group_value),
          number(r.comparison_value),
          number(r.absolute.value),
          number(Limit(r.absolute, 0, false)),
          number(Limit(r.absolute, 0, true)),
          number(Limit(r.absolute, 1, false)),
          number(Limit(r.absolute, 1, true)),
          method(r.absolute.method),
          number(r.relative.value),
          number(Limit(r.relative, 0, false)),
          number(Limit(r.relative, 0, true)),
          method(r.relative.method),
          std::string(stats::GapTrendLabel(r.trend)),
          r.suppressed,
          r.note};
}

// A slope row's cells in kSlopeColumns order.
std::vector<Cell> SlopeCells(const SlopeRow& r) {
  return {r.indicator, r.dimension,   r.area,          r.period.Label(),
          r.sex,       r.age,         r.category_type, r.groups,
          r.sii,       r.sii95.lower, r.sii95.upper,   r.intercept,
          r.rii,       r.rii95.lower, r.rii95.upper,   r.note};
}

template <typename Row, std::size_t N>
std::string Csv(std::span<const Row> rows, const std::array<std::string_view, N>& columns,
                std::vector<Cell> (*cells)(const Row&)) {
  std::string out = fmt::format("{}\n", fmt::join(columns, ","));
  for (const Row& row : rows) {
    std::vector<std::string> fields;
    fields.reserve(N);
    for (const Cell& cell : cells(row)) fields.push_back(CsvText(cell));
    out += stats::CsvLine(fields);
    out += '\n';
  }
  return out;
}

template <typename Row, std::size_t N>
json Json(std::span<const Row> rows, const std::array<std::string_view, N>& columns,
          std::vector<Cell> (*cells)(const Row&)) {
  json data = json::array();
  for (const Row& row : rows) {
    const std::vector<Cell> values = cells(row);
    json item = json::object();
    for (std::size_t i = 0; i < N; ++i) item[std::string(columns[i])] = JsonValue(values[i]);
    data.push_back(std::move(item));
  }
  return json{{"data", std::move(data)}};
}

tl::unexpected<SelectionProblem> Problem(std::string parameter, ErrorCode code,
                                         std::string message) {
  return tl::unexpected<SelectionProblem>(
      SelectionProblem{std::move(parameter), Error{code, std::move(message), {}}});
}

tl::unexpected<SelectionProblem> StoreProblem(Error error) {
  return tl::unexpected<SelectionProblem>(SelectionProblem{"", std::move(error)});
}

bool HasDimension(const Indicator& ind, std::string_view label) {
  return std::any_of(ind.breakdowns.begin(), ind.breakdowns.end(),
                     [&](const BreakdownDimension& d) { return d.label == label; });
}

// "dimension must be ..." naming the labels the chosen indicators offer.
std::string DimensionMessage(const std::vector<const Indicator*>& chosen, bool one) {
  std::set<std::string> labels;
  for (const Indicator* ind : chosen) {
    for (const BreakdownDimension& d : ind->breakdowns) labels.insert(d.label);
  }
  if (labels.empty()) {
    return one ? "dimension: the indicator has no breakdowns"
               : "dimension: no indicator has breakdowns";
  }
  return fmt::format("dimension must be the label of one of {} breakdowns: {}",
                     one ? "the indicator's" : "the indicators'", fmt::join(labels, "; "));
}

std::size_t DimensionIndex(const Indicator& ind, std::string_view label) {
  for (std::size_t i = 0; i < ind.breakdowns.size(); ++i) {
    if (ind.breakdowns[i].label == label) return i;
  }
  return ind.breakdowns.size();
}

// A gap's place among its dimension's groups: the declared order (deprivation: most to least
// deprived), then the category's name for groups the catalogue does not list.
std::tuple<int, const std::string&> GroupOrder(const Indicator& ind, const GapRow& r) {
  const std::size_t d = DimensionIndex(ind, r.dimension);
  const std::optional<int> rank =
      d < ind.breakdowns.size() ? GroupRank(ind.breakdowns[d], r.group) : std::nullopt;
  return {rank.value_or(std::numeric_limits<int>::max()), r.breakdown.category};
}

// Declared breakdown order, then area, period and the rest of the key (groups in their
// declared order).
void SortRows(const Indicator& ind, Inequalities& rows) {
  const auto before = [&](const auto& x, const auto& y) -> std::optional<bool> {
    const std::size_t dx = DimensionIndex(ind, x.dimension);
    const std::size_t dy = DimensionIndex(ind, y.dimension);
    if (dx != dy) return dx < dy;
    if (x.area != y.area) return x.area < y.area;
    if (x.period.SortKey() != y.period.SortKey()) return x.period.SortKey() < y.period.SortKey();
    return std::nullopt;
  };
  const auto fields = [](const GapRow& r) {
    return std::tie(r.breakdown.sex, r.breakdown.age, r.breakdown.category_type);
  };
  std::stable_sort(rows.gaps.begin(), rows.gaps.end(), [&](const GapRow& x, const GapRow& y) {
    if (const auto order = before(x, y)) return *order;
    if (fields(x) != fields(y)) return fields(x) < fields(y);
    return GroupOrder(ind, x) < GroupOrder(ind, y);
  });
  std::stable_sort(
      rows.slopes.begin(), rows.slopes.end(), [&](const SlopeRow& x, const SlopeRow& y) {
        if (const auto order = before(x, y)) return *order;
        return std::tie(x.sex, x.age, x.category_type) < std::tie(y.sex, y.age, y.category_type);
      });
}

}  // namespace

std::string GapsCsv(std::span<const GapRow> rows) { return Csv(rows, kGapColumns, GapCells); }

std::string SlopesCsv(std::span<const SlopeRow> rows) {
  return Csv(rows, kSlopeColumns, SlopeCells);
}

json GapsJson(std::span<const GapRow> rows) { return Json(rows, kGapColumns, GapCells); }

json SlopesJson(std::span<const SlopeRow> rows) { return Json(rows, kSlopeColumns, SlopeCells); }

tl::expected<std::vector<InequalityInputs>, SelectionProblem> LoadSelectedInequalities(
    store::Store& store, const InequalitySelection& selection) {
  auto catalogue = store.ListIndicators();
  if (!catalogue) return StoreProblem(std::move(catalogue.error()));
  std::vector<const Indicator*> chosen;
  for (const Indicator& ind : *catalogue) {
    const bool named = !selection.indicator.empty() && ind.id == selection.indicator;
    if (named || (selection.indicator.empty() && !ind.breakdowns.empty())) chosen.push_back(&ind);
  }
  if (!selection.indicator.empty() && chosen.empty()) {
    return Problem("indicator", ErrorCode::kNotFound,
                   fmt::format("no indicator '{}'", selection.indicator));
  }
  if (!selection.area.empty()) {
    auto areas = store.ListAreas();
    if (!areas) return StoreProblem(std::move(areas.error()));
    if (std::none_of(areas->begin(), areas->end(),
                     [&](const Area& a) { return a.code == selection.area; })) {
      return Problem("area", ErrorCode::kInvalidArgument, std::string(kUnknownAreaMessage));
    }
  }
  if (!selection.dimension.empty()) {
    const std::string message = DimensionMessage(chosen, !selection.indicator.empty());
    std::erase_if(chosen,
                  [&](const Indicator* i) { return !HasDimension(*i, selection.dimension); });
    if (chosen.empty()) return Problem("dimension", ErrorCode::kInvalidArgument, message);
  }
  std::vector<InequalityInputs> out;
  for (const Indicator* ind : chosen) {
    auto inputs = LoadInequalityInputs(store, ind->id, selection.area);
    if (!inputs) return StoreProblem(std::move(inputs.error()));
    out.push_back(std::move(*inputs));
  }
  return out;
}

Inequalities ComputeSelectedInequalities(std::span<const InequalityInputs> inputs,
                                         const InequalitySelection& selection, bool slopes) {
  InequalityOptions options;
  options.area = selection.area;
  options.dimension = selection.dimension;
  options.slopes = slopes;
  Inequalities out;
  for (const InequalityInputs& in : inputs) {
    Inequalities one = ComputeInequalities(in.indicator, in.assessments, options);
    SortRows(in.indicator, one);
    std::move(one.gaps.begin(), one.gaps.end(), std::back_inserter(out.gaps));
    std::move(one.slopes.begin(), one.slopes.end(), std::back_inserter(out.slopes));
  }
  return out;
}

}  // namespace waymark::assess
