// The assessment engine. Each indicator's judgements are written as compact rows with numbered
// keys; the rows are grouped twice, by (period, breakdown) for comparisons across areas and by
// (breakdown, area) for trends over time, through indices rather than copies.
#include "assess/engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "assess/label_codes.h"
#include "stats/compare.h"
#include "stats/count_estimate.h"
#include "stats/quantile.h"
#include "stats/trend.h"

namespace waymark::assess {
namespace {

// The value and intervals of one observation: computed from counts with the indicator's
// method where counts are present, otherwise as supplied. Every judgement starts empty.
void FillValue(const Indicator& ind, const Observation& o, AssessmentRow& r) {
  r.rag_rule = 0;
  r.value = o.value;
  r.lower95 = o.lower95;
  r.upper95 = o.upper95;
  r.lower998 = o.lower998;
  r.upper998 = o.upper998;
  r.count = o.count;
  r.denominator = o.denominator;
  r.target = kNoValue;
  r.quintile = r.rank_london = r.rank_neighbours = r.neighbours_ranked = 0;
  r.vs_england = r.vs_england_998 = r.vs_england_2level = Comparison::kNone;
  r.vs_region = r.vs_region_998 = r.vs_region_2level = Comparison::kNone;
  r.recent_trend = RecentTrend::kNone;
  r.rag = Rag::kNone;
  r.basis = ComparisonBasis::kUnknown;
  r.value_source = HasValue(o.value) ? ValueSource::kSupplied : ValueSource::kMissing;
  // Counts present and the method Wilson or Byar's (EstimateFromCounts refuses the rest).
  if (const auto e =
          stats::EstimateFromCounts(ind.method, ind.multiplier, o.count, o.denominator)) {
    r.value = e->value;
    r.lower95 = e->lower95;
    r.upper95 = e->upper95;
    r.lower998 = e->lower998;
    r.upper998 = e->upper998;
    r.value_source = ValueSource::kComputed;
  }
  r.suppressed = IsSmallCount(ind, o.count);
}

struct Comparisons {
  Comparison at95, at998, two_level;
};

// Method: Fingertips comparator methods 1 (CI against the benchmark value, at 95% and 99.8%)
// and 17 (two CI levels), FTO SingleOverlappingCIs*Comparer.
Comparisons Compare(const AssessmentRow& a, const AssessmentRow* benchmark,
                    stats::Polarity polarity, const LabelCodes& codes) {
  const double b = benchmark != nullptr ? benchmark->value : kNoValue;
  const auto s95 = stats::CompareWithBenchmark(a.value, {a.lower95, a.upper95}, b, polarity);
  const auto s998 = stats::CompareWithBenchmark(a.value, {a.lower998, a.upper998}, b, polarity);
  const auto s2 = stats::CompareTwoLevels(a.value, {a.lower95, a.upper95}, {a.lower998, a.upper998},
                                          b, polarity);
  return {codes.one_level[static_cast<std::size_t>(s95)],
          codes.one_level[static_cast<std::size_t>(s998)],
          codes.two_level[static_cast<std::size_t>(s2)]};
}

// Ranks 1 = best among `members`; 0 for members without a value.
std::vector<int> RankAmong(const std::vector<AssessmentRow*>& members, Polarity polarity) {
  std::vector<double> values;
  values.reserve(members.size());
  for (const auto* m : members) values.push_back(m->suppressed ? kNoValue : m->value);
  const auto order =
      polarity == Polarity::kLow ? stats::RankOrder::kAscending : stats::RankOrder::kDescending;
  const auto ranks = stats::Ranks(values, order);
  std::vector<int> out;
  out.reserve(ranks.size());
  for (double r : ranks) out.push_back(HasValue(r) ? static_cast<int>(r) : 0);
  return out;
}

// The basis of the comparison with England: the interval test when the figure has a 95%
// interval and England has a figure, the council's fifth among English councils (`a.quintile`,
// 0 when the group has too few councils) when it has no interval (Fingertips "compared to
// percentiles"), or the reason for neither; `london_only` when the group's councils with
// figures are all London boroughs.
ComparisonBasis BasisFor(const Indicator& ind, const AssessmentRow& a, bool is_england_total,
                         const AssessmentRow* england, bool is_council, bool london_only) {
  if (is_england_total) return ComparisonBasis::kEngland;
  if (!HasValue(a.value)) return ComparisonBasis::kNoValue;
  if (a.suppressed) return ComparisonBasis::kSuppressed;
  if (HasValue(a.lower95) && HasValue(a.upper95)) {
    if (england == nullptr || !HasValue(england->value)) {
      return ind.local ? ComparisonBasis::kLocal : ComparisonBasis::kNoEnglandFigure;
    }
    if (a.value_source != ValueSource::kComputed) return ComparisonBasis::kSourceInterval;
    return ind.method == CiMethod::kWilson ? ComparisonBasis::kWilson95
                                           : ComparisonBasis::kByar95;
  }
  if (ind.local) return ComparisonBasis::kLocal;
  if (!is_council) return ComparisonBasis::kNotCouncil;
  if (a.quintile > 0) return ComparisonBasis::kQuintile;
  return london_only ? ComparisonBasis::kLondonOnly : ComparisonBasis::kFewCouncils;
}

// One observation on its way to an assessment, with its keys as numbers.
struct Item {
  AssessmentRow* a = nullptr;
  int area = -1;      // Geography index
  int breakdown = 0;  // index among the indicator's breakdowns
  int base = 0;       // the breakdown for the whole population of the same sex and age
  int period = 0;     // rank of the period's sort key among the indicator's periods
  long long key = 0;  // the period's sort key
};

// The figures of one (period, breakdown) group by area number; null where absent or suppressed.
using AreaTable = std::span<const AssessmentRow* const>;

// Judgements that compare areas within one (period, breakdown) group. `own` holds the group's
// figures and `base` the whole-population figures of the same sex and age, which are the
// benchmarks: Fingertips compares each category (e.g. a deprivation decile) with the England
// value for everyone.
void AssessGroup(const Indicator& ind, std::span<Item* const> group, AreaTable own, AreaTable base,
                 const Geography& geo, const LabelCodes& codes) {
  const auto polarity = ToStats(ind.polarity);
  std::vector<double> council_values;
  std::vector<AssessmentRow*> london;
  std::size_t outside_london = 0;
  for (const Item* item : group) {
    const bool figure = !item->a->suppressed && HasValue(item->a->value);
    if (geo.IsCouncil(item->area) && !item->a->suppressed) council_values.push_back(item->a->value);
    if (geo.IsLondonBorough(item->area)) london.push_back(item->a);
    if (figure && geo.IsCouncil(item->area) && !geo.IsLondonBorough(item->area)) ++outside_london;
  }
  const std::size_t present = static_cast<std::size_t>(
      std::count_if(council_values.begin(), council_values.end(), HasValue));
  // Quintiles "among English councils" need most councils: with partial coverage (a London-only
  // series, say) the fifths would describe another group. At least three quarters are required.
  const bool national = 4 * present >= 3 * geo.CouncilCount();
  const bool london_only = present > 0 && outside_london == 0;
  const auto bounds = national ? stats::CategoryBounds(council_values, 5) : std::vector<double>{};
  const auto london_ranks = RankAmong(london, ind.polarity);
  for (std::size_t i = 0; i < london.size(); ++i) london[i]->rank_london = london_ranks[i];
  const auto at = [](AreaTable table, int area) -> const AssessmentRow* {
    return area >= 0 && !table.empty() ? table[static_cast<std::size_t>(area)] : nullptr;
  };
  for (Item* item : group) {
    AssessmentRow* a = item->a;
    const bool is_england_total = item->area == geo.England() && item->breakdown == item->base;
    const AssessmentRow* england = is_england_total ? nullptr : at(base, geo.England());
    const Comparisons e = Compare(*a, england, polarity, codes);
    a->vs_england = e.at95;
    a->vs_england_998 = e.at998;
    a->vs_england_2level = e.two_level;
    const Comparisons r = Compare(*a, at(base, geo.Region(item->area)), polarity, codes);
    a->vs_region = r.at95;
    a->vs_region_998 = r.at998;
    a->vs_region_2level = r.two_level;
    if (!a->suppressed && national && geo.IsCouncil(item->area)) {
      // Method: Fingertips quintiles among English councils (FTO QuintilesComparer).
      a->quintile = stats::CategoryFromBounds(a->value, bounds, present, 5, polarity);
    }
    a->basis = BasisFor(ind, *a, is_england_total, england, geo.IsCouncil(item->area), london_only);
    if (a->basis == ComparisonBasis::kQuintile) {
      // Method: Fingertips "compared to percentiles": without an interval the council's fifth
      // stands in for the comparison with England, labelled as a position, not a significance.
      a->vs_england = codes.fifth[static_cast<std::size_t>(a->quintile)];
    }
    if (a->suppressed) continue;
    const auto& neighbours = geo.Neighbours(item->area);
    if (!neighbours.empty() && HasValue(a->value)) {
      // Rank 1 = best among the area and its neighbours; ties share the best rank (as Ranks).
      int better = 0;
      int ranked = 1;
      for (int n : neighbours) {
        const auto* other = at(own, n);
        if (other == nullptr || !HasValue(other->value)) continue;
        ++ranked;
        const bool is_better =
            ind.polarity == Polarity::kLow ? other->value < a->value : other->value > a->value;
        better += is_better ? 1 : 0;
      }
      a->rank_neighbours = 1 + better;
      a->neighbours_ranked = ranked;
    }
  }
}

stats::TrendOptions TrendOptionsFor(const Indicator& ind, bool counts) {
  stats::TrendOptions options;
  const bool proportion = ind.value_type == ValueType::kProportion;
  options.method = proportion && counts ? stats::TrendMethod::kChiSquaredForProportions
                                        : stats::TrendMethod::kWeightedRegression;
  if (proportion) {
    options.value_type = stats::TrendValueType::kProportion;
  } else if (ind.value_type == ValueType::kRate && ind.method != CiMethod::kDsr) {
    options.value_type = stats::TrendValueType::kCrudeRate;
  } else {
    options.value_type = stats::TrendValueType::kOther;
  }
  return options;
}

// Method: Fingertips recent trend (FTO TrendMarkerCalculator): the five most recent points
// ending at each period of one area's series (items in time order).
void AssessTrends(const Indicator& ind, std::span<Item* const> series,
                  const std::vector<Period>& periods, const LabelCodes& codes) {
  const RecentTrend cannot =
      codes.trend[static_cast<std::size_t>(stats::TrendMarker::kCannotBeCalculated)];
  std::array<stats::TrendPoint, stats::kTrendPoints> points;
  for (std::size_t j = 0; j < series.size(); ++j) {
    AssessmentRow* a = series[j]->a;
    a->recent_trend = cannot;
    if (a->suppressed || !HasValue(a->value)) continue;
    const Period& period = periods[a->period];
    std::size_t used = 0;
    const std::size_t first = j >= 4 ? j - 4 : 0;
    bool counts = true;
    for (std::size_t k = first; k <= j; ++k) {
      const AssessmentRow* p = series[k]->a;
      const Period& other = periods[p->period];
      if (p->suppressed || other.kind != period.kind || other.years != period.years) continue;
      counts = counts && HasValue(p->count) && HasValue(p->denominator);
      points[used++] = {static_cast<double>(series[k]->key),
                        p->count,
                        p->denominator,
                        p->value,
                        {p->lower95, p->upper95}};
    }
    if (used < static_cast<std::size_t>(stats::kTrendPoints)) continue;
    auto options = TrendOptionsFor(ind, counts);
    options.year_range = period.IsSingleYear() ? 1 : period.years;
    a->recent_trend =
        codes.trend[static_cast<std::size_t>(stats::RecentTrend(points, options).marker)];
  }
}

// A target with its periods parsed once per indicator.
struct ParsedTarget {
  const Target* target = nullptr;
  std::uint32_t area = 0;  // AssessmentBlock::areas index
  long long key = 0;
  std::optional<long long> base_key;  // when the baseline period parses
};

std::vector<ParsedTarget> ParseTargets(const Indicator& ind, const AssessmentBlock& block) {
  std::vector<ParsedTarget> out;
  if (ind.polarity == Polarity::kNeutral) return out;
  for (const Target& t : ind.targets) {
    const auto area = std::find(block.areas.begin(), block.areas.end(), t.area);
    const auto period = ParsePeriod(t.period);
    if (area == block.areas.end() || !period) continue;
    ParsedTarget p{
        &t, static_cast<std::uint32_t>(area - block.areas.begin()), period->SortKey(), {}};
    if (const auto base = ParsePeriod(t.baseline_period)) p.base_key = base->SortKey();
    out.push_back(p);
  }
  return out;
}

// Method: Fingertips target comparison (FTO SingleValueTargetComparer, CI mode when intervals
// exist): green when the interval is wholly on the good side, red when wholly on the bad side,
// amber otherwise; without intervals the value alone decides. Between a baseline and the
// target the goal is the straight-line trajectory.
void AssessTarget(const Indicator& ind, std::span<const ParsedTarget> targets, long long key,
                  AssessmentBlock& block, AssessmentRow& a) {
  if (a.suppressed || !HasValue(a.value)) return;
  for (const ParsedTarget& p : targets) {
    if (p.area != a.area) continue;
    const Target& t = *p.target;
    double goal = kNoValue;
    std::string what;
    if (key == p.key) {
      goal = t.value;
      what = fmt::format("target {} for {}", t.value, t.period);
    } else if (t.baseline && key < p.key) {
      if (!p.base_key || key <= *p.base_key) continue;
      const double f =
          static_cast<double>(key - *p.base_key) / static_cast<double>(p.key - *p.base_key);
      goal = *t.baseline + f * (t.value - *t.baseline);
      what = fmt::format("trajectory {:.4g} (from {} in {} to {} in {})", goal, *t.baseline,
                         t.baseline_period, t.value, t.period);
    } else {
      continue;
    }
    const bool high = ind.polarity == Polarity::kHigh;
    const bool has_ci = HasValue(a.lower95) && HasValue(a.upper95);
    const double good_side = has_ci ? (high ? a.lower95 : a.upper95) : a.value;
    const double bad_side = has_ci ? (high ? a.upper95 : a.lower95) : a.value;
    const bool met = high ? good_side >= goal : good_side <= goal;
    const bool missed = high ? bad_side < goal : bad_side > goal;
    a.rag = met ? Rag::kGreen : (missed ? Rag::kRed : Rag::kAmber);
    a.target = goal;
    a.rag_rule = static_cast<std::uint32_t>(block.rag_rules.size());
    block.rag_rules.push_back(
        fmt::format("{} is {} ({}; {} is better; {})", has_ci ? "95% interval" : "value",
                    met ? "on the good side of" : (missed ? "on the wrong side of" : "across"),
                    what, high ? "higher" : "lower",
                    has_ci ? "green when the whole interval meets the goal, red when none of it "
                             "does, amber otherwise"
                           : "green when the value meets the goal, red otherwise"));
    return;
  }
}

// A Period's hash for the period dictionary of a block.
struct PeriodHash {
  std::size_t operator()(const Period& p) const {
    return std::hash<long long>()(p.SortKey() * 8 + static_cast<long long>(p.kind) * 2 +
                                  (p.split_quarter ? 1 : 0));
  }
};

// The dictionaries of one block, numbered in order of first appearance.
class Keys {
 public:
  Keys(const Geography& geo, AssessmentBlock& block) : block_(block), local_area_(geo.size(), -1) {}

  // The block's number for the area `code`, whose Geography index is `area` (-1 when unknown).
  std::uint32_t Area(const std::string& code, int area) {
    if (area < 0) {
      const auto [it, added] = unknown_.try_emplace(code, block_.areas.size());
      if (added) block_.areas.push_back(code);
      return static_cast<std::uint32_t>(it->second);
    }
    int& local = local_area_[static_cast<std::size_t>(area)];
    if (local < 0) {
      local = static_cast<int>(block_.areas.size());
      block_.areas.push_back(code);
    }
    return static_cast<std::uint32_t>(local);
  }

  int BreakdownOf(const Breakdown& b) {
    const auto [it, added] = breakdowns_.try_emplace(b, static_cast<int>(block_.breakdowns.size()));
    if (added) block_.breakdowns.push_back(b);
    return it->second;
  }

  // Series usually repeat the same periods in the same order: the one after the last and the
  // first are tried before the dictionary.
  std::uint32_t PeriodOf(const Period& p) {
    const auto& periods = block_.periods;
    if (last_ + 1 < periods.size() && periods[last_ + 1] == p) {
      ++last_;
    } else if (!periods.empty() && periods[0] == p) {
      last_ = 0;
    } else {
      const auto [it, added] = periods_.try_emplace(p, periods.size());
      if (added) block_.periods.push_back(p);
      last_ = it->second;
    }
    return static_cast<std::uint32_t>(last_);
  }

 private:
  AssessmentBlock& block_;
  std::vector<int> local_area_;
  std::unordered_map<std::string, std::size_t> unknown_;
  std::map<Breakdown, int> breakdowns_;
  std::unordered_map<Period, std::size_t, PeriodHash> periods_;
  std::size_t last_ = 0;
};

// Fills the rows and items of `observations` with their values and numbered keys.
void NumberObservations(const Indicator& indicator,
                        std::span<const Observation* const> observations, const Geography& geo,
                        std::uint32_t block_index, std::span<AssessmentRow> rows,
                        AssessmentBlock& block, std::vector<Item>& items) {
  Keys keys(geo, block);
  // Observations usually arrive grouped by breakdown and area: remember the last ones.
  const Observation* last = nullptr;
  int area = -1, breakdown = 0, base = 0;
  std::uint32_t local_area = 0;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const Observation& o = *observations[i];
    AssessmentRow& r = rows[i];
    FillValue(indicator, o, r);
    if (last == nullptr || o.area != last->area) {
      area = geo.Index(o.area);
      local_area = keys.Area(o.area, area);
    }
    if (last == nullptr || !(o.breakdown == last->breakdown)) {
      breakdown = keys.BreakdownOf(o.breakdown);
      base = keys.BreakdownOf(Breakdown{o.breakdown.sex, o.breakdown.age, "", ""});
    }
    last = &o;
    r.block = block_index;
    r.area = local_area;
    r.breakdown = static_cast<std::uint32_t>(breakdown);
    r.period = keys.PeriodOf(o.period);
    items[i] = Item{&r, area, breakdown, base, 0, 0};
  }
  // Each period's sort key, and its rank among the distinct keys.
  std::vector<long long> key(block.periods.size());
  for (std::size_t p = 0; p < key.size(); ++p) key[p] = block.periods[p].SortKey();
  std::vector<long long> distinct = key;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (Item& item : items) {
    item.key = key[item.a->period];
    item.period = static_cast<int>(std::lower_bound(distinct.begin(), distinct.end(), item.key) -
                                   distinct.begin());
  }
}

// Across areas: `order` bucketed by period (keeping its breakdown and area order), then each
// (period, breakdown) group against dense tables of figures by area.
void AssessGroups(const Indicator& indicator, const std::vector<Item*>& order,
                  std::size_t breakdowns, const Geography& geo, const LabelCodes& codes) {
  int periods = 0;
  for (const Item* item : order) periods = std::max(periods, item->period + 1);
  std::vector<std::size_t> start(static_cast<std::size_t>(periods) + 1, 0);
  for (const Item* item : order) ++start[static_cast<std::size_t>(item->period) + 1];
  for (std::size_t p = 0; p + 1 < start.size(); ++p) start[p + 1] += start[p];
  std::vector<Item*> by_period(order.size());
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (Item* item : order) by_period[fill[static_cast<std::size_t>(item->period)]++] = item;
  }
  const std::size_t width = geo.size();
  std::vector<const AssessmentRow*> cells(breakdowns * width, nullptr);
  std::vector<char> present(breakdowns, 0);
  const auto table = [&](int b) {
    return AreaTable(cells.data() + static_cast<std::size_t>(b) * width, width);
  };
  for (std::size_t p = 0; p + 1 < start.size(); ++p) {
    const std::span<Item* const> bucket(by_period.data() + start[p], start[p + 1] - start[p]);
    for (const Item* item : bucket) {
      present[static_cast<std::size_t>(item->breakdown)] = 1;
      if (item->area >= 0 && !item->a->suppressed) {
        cells[static_cast<std::size_t>(item->breakdown) * width +
              static_cast<std::size_t>(item->area)] = item->a;
      }
    }
    for (std::size_t g = 0; g < bucket.size();) {
      std::size_t h = g;
      while (h < bucket.size() && bucket[h]->breakdown == bucket[g]->breakdown) ++h;
      const int base = bucket[g]->base;
      AssessGroup(indicator, bucket.subspan(g, h - g), table(bucket[g]->breakdown),
                  present[static_cast<std::size_t>(base)] != 0 ? table(base) : AreaTable{}, geo,
                  codes);
      g = h;
    }
    for (const Item* item : bucket) {
      present[static_cast<std::size_t>(item->breakdown)] = 0;
      if (item->area >= 0) {
        cells[static_cast<std::size_t>(item->breakdown) * width +
              static_cast<std::size_t>(item->area)] = nullptr;
      }
    }
  }
}

// Writes the assessments of `observations` (one indicator) into `rows` (of the same size) and
// block `block_index` of `table`.
void AssessBlock(const Indicator& indicator, std::span<const Observation* const> observations,
                 const Geography& geo, const LabelCodes& codes, std::uint32_t block_index,
                 std::span<AssessmentRow> rows, AssessmentTable& table) {
  AssessmentBlock& block = table.blocks[block_index];
  block.indicator = indicator.id;
  block.rag_rules.assign(1, "");
  std::vector<Item> items(observations.size());
  NumberObservations(indicator, observations, geo, block_index, rows, block, items);
  std::vector<Item*> order(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) order[i] = &items[i];
  // Over time: runs of one breakdown and area, in time order (usually the order given).
  const auto by_series = [](const Item* x, const Item* y) {
    return std::tie(x->breakdown, x->area, x->key) < std::tie(y->breakdown, y->area, y->key);
  };
  if (!std::is_sorted(order.begin(), order.end(), by_series)) {
    std::sort(order.begin(), order.end(), by_series);
  }
  AssessGroups(indicator, order, block.breakdowns.size(), geo, codes);
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && order[end]->breakdown == order[begin]->breakdown &&
           order[end]->area == order[begin]->area && order[end]->a->area == order[begin]->a->area) {
      ++end;
    }
    AssessTrends(indicator, std::span<Item* const>(order.data() + begin, end - begin),
                 block.periods, codes);
    begin = end;
  }
  const auto targets = ParseTargets(indicator, block);
  if (targets.empty()) return;
  for (const Item& item : items) AssessTarget(indicator, targets, item.key, block, *item.a);
}

// Consecutive observations [begin, end) of the indicator at catalogue position `indicator`.
struct Run {
  std::size_t indicator = 0, begin = 0, end = 0;
};

// The runs of catalogue indicators among observations [begin, end). Observations usually
// arrive grouped by indicator, so the catalogue is searched only where the indicator changes.
std::vector<Run> FindRuns(std::span<const Observation> observations, std::size_t begin,
                          std::size_t end,
                          const std::unordered_map<std::string_view, std::size_t>& position) {
  std::vector<Run> runs;
  const std::string* last = nullptr;
  auto found = position.end();
  for (std::size_t i = begin; i < end; ++i) {
    const Observation& o = observations[i];
    if (last == nullptr || o.indicator != *last) {
      last = &o.indicator;
      found = position.find(o.indicator);
      if (found != position.end()) runs.push_back({found->second, i, i});
    }
    if (found != position.end()) runs.back().end = i + 1;
  }
  return runs;
}

// Runs f(0) … f(threads − 1), each on its own thread (f(0) on this one).
template <typename F>
void OnThreads(std::size_t threads, const F& f) {
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(f, t);
  f(0);
}

const LabelCodes& CodesFor(const Indicator& indicator) {
  return LabelsByPolarity()[static_cast<std::size_t>(indicator.polarity)];
}

}  // namespace

std::vector<Assessment> AssessIndicator(const Indicator& indicator,
                                        std::span<const Observation> observations,
                                        const Geography& geography) {
  std::vector<const Observation*> mine;
  for (const auto& o : observations) {
    if (o.indicator == indicator.id) mine.push_back(&o);
  }
  AssessmentTable table;
  table.blocks.resize(1);
  table.Allocate(mine.size());
  AssessBlock(indicator, mine, geography, CodesFor(indicator), 0,
              std::span<AssessmentRow>(table.data(), mine.size()), table);
  return table.ToAssessments();
}

AssessmentTable AssessAll(const std::vector<Indicator>& indicators,
                          std::span<const Observation> observations, const Geography& geography,
                          Progress* progress) {
  std::unordered_map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < indicators.size(); ++i) position[indicators[i].id] = i;
  const std::size_t threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  // Each thread finds the indicator runs of its share of the observations.
  std::vector<std::vector<Run>> runs(threads);
  OnThreads(threads, [&](std::size_t t) {
    runs[t] = FindRuns(observations, observations.size() * t / threads,
                       observations.size() * (t + 1) / threads, position);
  });
  std::vector<std::vector<Run>> by_indicator(indicators.size());
  std::vector<std::size_t> offset(indicators.size() + 1, 0);
  for (const auto& share : runs) {
    for (const Run& run : share) {
      by_indicator[run.indicator].push_back(run);
      offset[run.indicator + 1] += run.end - run.begin;
    }
  }
  for (std::size_t i = 0; i < indicators.size(); ++i) offset[i + 1] += offset[i];
  AssessmentTable table;
  table.blocks.resize(indicators.size());
  table.Allocate(offset.back());
  const std::uint64_t total = offset.back();
  std::atomic<std::uint64_t> judged{0};
  AdvanceProgress(progress, 0, total);
  // Each thread writes only its own indicators' blocks and rows.
  OnThreads(threads, [&](std::size_t t) {
    std::vector<const Observation*> mine;
    for (std::size_t i = t; i < indicators.size(); i += threads) {
      mine.clear();
      for (const Run& run : by_indicator[i]) {
        for (std::size_t k = run.begin; k < run.end; ++k) mine.push_back(&observations[k]);
      }
      const std::span<AssessmentRow> rows(table.data() + offset[i], mine.size());
      AssessBlock(indicators[i], mine, geography, CodesFor(indicators[i]),
                  static_cast<std::uint32_t>(i), rows, table);
      judged.fetch_add(mine.size(), std::memory_order_relaxed);
      if (t == 0) AdvanceProgress(progress, judged.load(std::memory_order_relaxed), total);
    }
  });
  AdvanceProgress(progress, total, total);
  return table;
}

}  // namespace waymark::assess
