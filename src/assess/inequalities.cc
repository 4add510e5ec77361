// Gaps and slope indices of one indicator by its declared breakdowns (docs/statistics.md,
// "Inequality gap" and "Slope index of inequality").
#include "assess/inequalities.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "stats/sii.h"

namespace waymark::assess {
namespace {

const std::vector<stats::ConfidenceLevel>& Levels() { return stats::DefaultConfidenceLevels(); }

// The breakdown of the comparison group's figure that stands beside `group`'s: the same
// figure with the group swapped for the comparison.
Breakdown ComparisonOf(const BreakdownDimension& d, Breakdown b) {
  switch (d.kind) {
    case DimensionKind::kSex:
      b.sex = d.comparison;
      break;
    case DimensionKind::kAge:
      b.age = d.comparison;
      break;
    default:
      b.category = d.comparison;
      break;
  }
  return b;
}

// How the gap's limits are computed: from counts where the indicator's method made its
// intervals from them, otherwise from the figures' intervals.
stats::GapOptions GapOptionsOf(const Indicator& ind) {
  stats::GapOptions o;
  o.multiplier = ind.multiplier;
  if (ind.value_type == ValueType::kProportion && ind.method == CiMethod::kWilson) {
    o.scale = stats::GapScale::kProportion;
  } else if (ind.value_type == ValueType::kRate && ind.method == CiMethod::kByar) {
    o.scale = stats::GapScale::kCrudeRate;
  }
  return o;
}

stats::GapFigure FigureOf(const Assessment& a) {
  stats::GapFigure f;
  f.value = a.value;
  f.ci95 = {a.lower95, a.upper95};
  f.count = a.count;
  f.denominator = a.denominator;
  return f;
}

using SeriesKey = std::tuple<std::string, Breakdown>;  // area, breakdown

// One dimension's gaps: every group figure matched with its comparison figure of the same area,
// period and other fields; then each series' trend, period by period.
void AddGaps(const Indicator& ind, const BreakdownDimension& d,
             std::span<const Assessment> assessments, Inequalities& out) {
  std::map<std::tuple<std::string, long long, Breakdown>, const Assessment*> by_key;
  for (const Assessment& a : assessments) {
    by_key[{a.area, a.period.SortKey(), a.breakdown}] = &a;
  }
  const stats::GapOptions options = GapOptionsOf(ind);
  std::map<SeriesKey, std::vector<size_t>> series;
  for (const Assessment& a : assessments) {
    const std::optional<std::string> group = GroupOf(d, a.breakdown);
    if (!group || *group == d.comparison) continue;
    const auto other = by_key.find({a.area, a.period.SortKey(), ComparisonOf(d, a.breakdown)});
    if (other == by_key.end()) continue;
    const Assessment& c = *other->second;
    GapRow row;
    row.indicator = ind.id;
    row.dimension = d.label;
    row.kind = d.kind;
    row.area = a.area;
    row.period = a.period;
    row.breakdown = a.breakdown;
    row.group = *group;
    row.comparison = d.comparison;
    row.suppressed = a.suppressed || c.suppressed;
    if (row.suppressed) {
      row.note = "a figure of one of the groups is suppressed (small numbers)";
    } else {
      row.group_value = a.value;
      row.comparison_value = c.value;
      if (auto gap = stats::AbsoluteGap(FigureOf(a), FigureOf(c), options, Levels())) {
        row.absolute = std::move(*gap);
      } else {
        row.note = gap.error().message;
      }
      if (auto ratio = stats::RelativeGap(FigureOf(a), FigureOf(c), options, Levels())) {
        row.relative = std::move(*ratio);
      }
      if (row.note.empty()) row.note = row.absolute.message;
    }
    series[{a.area, a.breakdown}].push_back(out.gaps.size());
    out.gaps.push_back(std::move(row));
  }
  for (auto& [key, rows] : series) {
    std::sort(rows.begin(), rows.end(),
              [&](size_t x, size_t y) { return out.gaps[x].period < out.gaps[y].period; });
    std::vector<stats::GapPoint> points;
    // A year whose gap is suppressed or has no value or interval breaks the run of points (a
    // point without a gap); a year with no figures at all is skipped, as the recent trend does.
    for (size_t i : rows) {
      GapRow& row = out.gaps[i];
      if (!row.period.IsSingleYear()) continue;
      stats::GapPoint point{static_cast<double>(row.period.start_year), kNoValue, {}};
      if (!row.suppressed && !row.absolute.intervals.empty()) {
        point.gap = row.absolute.value;
        point.ci95 = row.absolute.intervals[0];
      }
      points.push_back(point);
      if (row.suppressed || !HasValue(row.absolute.value)) continue;
      row.trend = stats::RecentGapTrend(points).trend;
    }
  }
}

stats::SiiValueType SiiTypeOf(ValueType t) {
  if (t == ValueType::kProportion) return stats::SiiValueType::kProportion;
  if (t == ValueType::kRate) return stats::SiiValueType::kRate;
  return stats::SiiValueType::kNormal;
}

// The SII of one set of ordered groups (`by_rank[i]` the figure of the i-th group, or null).
SlopeRow Slope(const Indicator& ind, const BreakdownDimension& d, const Assessment& first,
               const std::vector<const Assessment*>& by_rank, const InequalityOptions& options) {
  SlopeRow row;
  row.indicator = ind.id;
  row.dimension = d.label;
  row.area = first.area;
  row.period = first.period;
  row.sex = first.breakdown.sex;
  row.age = first.breakdown.age;
  row.category_type = first.breakdown.category_type;
  std::vector<stats::SiiQuantile> quantiles;
  for (size_t i = 0; i < by_rank.size(); ++i) {
    const Assessment* a = by_rank[i];
    if (a == nullptr || a->suppressed || !HasValue(a->value)) continue;
    ++row.groups;
    stats::SiiQuantile q;
    q.population = a->denominator;
    q.value = a->value / ind.multiplier;
    q.lower = a->lower95 / ind.multiplier;
    q.upper = a->upper95 / ind.multiplier;
    quantiles.push_back(q);
  }
  if (row.groups < static_cast<int>(by_rank.size())) {
    row.note = fmt::format("{} of the {} groups have a figure that can be shown; the slope index "
                           "needs every group",
                           row.groups, by_rank.size());
    return row;
  }
  stats::SiiOptions o;
  o.value_type = SiiTypeOf(ind.value_type);
  o.spread = stats::SiiSpread::kLimits;
  o.multiplier = ind.multiplier;
  o.repetitions = options.sii_repetitions;
  o.rii = true;
  o.intercept = true;
  const std::vector<stats::ConfidenceLevel> level95 = {Levels()[0]};
  auto sii = stats::SlopeIndexOfInequality(quantiles, level95, o, options.seed);
  if (!sii) {
    row.note = sii.error().message;
    return row;
  }
  row.sii = sii->sii.value;
  if (!sii->sii.intervals.empty()) row.sii95 = sii->sii.intervals[0];
  row.rii = sii->rii.value;
  if (!sii->rii.intervals.empty()) row.rii95 = sii->rii.intervals[0];
  row.intercept = sii->intercept;
  return row;
}

// Every SII of a deprivation dimension: one per area, period and figure (sex, age, category
// type) with at least one group's figure that can be shown.
void AddSlopes(const Indicator& ind, const BreakdownDimension& d,
               std::span<const Assessment> assessments, const InequalityOptions& options,
               Inequalities& out) {
  using Key = std::tuple<std::string, long long, std::string, std::string, std::string>;
  std::map<Key, std::vector<const Assessment*>> sets;
  for (const Assessment& a : assessments) {
    // Sources ship empty rows for editions and years they have no figures for: no SII row.
    if (!GroupOf(d, a.breakdown) || a.suppressed || !HasValue(a.value)) continue;
    const std::optional<int> rank = GroupRank(d, a.breakdown.category);
    if (!rank) continue;
    auto& set = sets[{a.area, a.period.SortKey(), a.breakdown.sex, a.breakdown.age,
                      a.breakdown.category_type}];
    set.resize(d.categories.size(), nullptr);
    set[static_cast<size_t>(*rank)] = &a;
  }
  for (const auto& [key, by_rank] : sets) {
    const Assessment* first = *std::find_if(by_rank.begin(), by_rank.end(),
                                            [](const Assessment* a) { return a != nullptr; });
    out.slopes.push_back(Slope(ind, d, *first, by_rank, options));
  }
}

}  // namespace

Inequalities ComputeInequalities(const Indicator& indicator,
                                 std::span<const Assessment> assessments,
                                 const InequalityOptions& options) {
  std::vector<Assessment> mine;
  for (const Assessment& a : assessments) {
    if (a.indicator == indicator.id && (options.area.empty() || a.area == options.area)) {
      mine.push_back(a);
    }
  }
  Inequalities out;
  for (const BreakdownDimension& d : indicator.breakdowns) {
    if (!options.dimension.empty() && d.label != options.dimension) continue;
    AddGaps(indicator, d, mine, out);
    if (options.slopes && d.kind == DimensionKind::kDeprivation) {
      AddSlopes(indicator, d, mine, options, out);
    }
  }
  return out;
}

}  // namespace waymark::assess
