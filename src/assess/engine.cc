// The assessment engine. Observations are grouped twice: by (breakdown, period) for comparisons
// across areas, and by (breakdown, area) for trends over time.
#include "assess/engine.h"

#include <algorithm>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "stats/compare.h"
#include "stats/confidence.h"
#include "stats/proportion.h"
#include "stats/quantile.h"
#include "stats/rate.h"
#include "stats/trend.h"

namespace waymark::assess {
namespace {

stats::Polarity ToStats(Polarity p) {
  switch (p) {
    case Polarity::kHigh: return stats::Polarity::kHighIsGood;
    case Polarity::kLow: return stats::Polarity::kLowIsGood;
    case Polarity::kNeutral: return stats::Polarity::kNeutral;
  }
  return stats::Polarity::kNeutral;
}

// The value and intervals of one observation: computed from counts with the indicator's
// method where counts are present, otherwise as supplied.
void FillValue(const Indicator& ind, const Observation& o, Assessment& a) {
  a.indicator = ind.id;
  a.area = o.area;
  a.period = o.period;
  a.breakdown = o.breakdown;
  a.count = o.count;
  a.denominator = o.denominator;
  a.value = o.value;
  a.lower95 = o.lower95;
  a.upper95 = o.upper95;
  a.lower998 = o.lower998;
  a.upper998 = o.upper998;
  a.value_source = HasValue(o.value) ? "supplied" : "missing";
  const bool counts = HasValue(o.count) && HasValue(o.denominator) && o.denominator > 0;
  if (counts && (ind.method == CiMethod::kWilson || ind.method == CiMethod::kByar)) {
    const auto& levels = stats::DefaultConfidenceLevels();
    // Method: Wilson score for proportions; Byar's (exact Poisson below 10 events) for rates —
    // PHE Technical Guide "Confidence intervals", PHEindicatormethods phe_proportion/phe_rate.
    auto estimate = ind.method == CiMethod::kWilson
                        ? stats::Proportion(o.count, o.denominator, levels, ind.multiplier)
                        : stats::CrudeRate(o.count, o.denominator, levels, ind.multiplier);
    if (estimate) {
      a.value = estimate->value;
      a.lower95 = estimate->intervals[0].lower;
      a.upper95 = estimate->intervals[0].upper;
      a.lower998 = estimate->intervals[1].lower;
      a.upper998 = estimate->intervals[1].upper;
      a.value_source = "computed";
    }
  }
  // Method: disclosure control — counts from 1 to min-1 are suppressed (Fingertips small-number
  // rule, FTO SmallNumberChecker, with the indicator's own threshold).
  a.suppressed = HasValue(o.count) && o.count > 0 && o.count < ind.disclosure_min_count;
}

struct Comparisons {
  std::string_view at95, at998, two_level;
};

// Method: Fingertips comparator methods 1 (CI against the benchmark value, at 95% and 99.8%)
// and 17 (two CI levels), FTO SingleOverlappingCIs*Comparer.
Comparisons Compare(const Assessment& a, const Assessment* benchmark, stats::Polarity polarity) {
  const double b = benchmark != nullptr ? benchmark->value : kNoValue;
  const auto s95 = stats::CompareWithBenchmark(a.value, {a.lower95, a.upper95}, b, polarity);
  const auto s998 = stats::CompareWithBenchmark(a.value, {a.lower998, a.upper998}, b, polarity);
  const auto s2 = stats::CompareTwoLevels(a.value, {a.lower95, a.upper95},
                                          {a.lower998, a.upper998}, b, polarity);
  return {stats::SignificanceLabel(s95, polarity), stats::SignificanceLabel(s998, polarity),
          stats::SignificanceLabel(s2, polarity, true)};
}

// Ranks 1 = best among `members` (indices into `all`); 0 for members without a value.
std::vector<int> RankAmong(const std::vector<const Assessment*>& members, Polarity polarity) {
  std::vector<double> values;
  values.reserve(members.size());
  for (const auto* m : members) values.push_back(m->suppressed ? kNoValue : m->value);
  const auto order = polarity == Polarity::kLow ? stats::RankOrder::kAscending
                                                : stats::RankOrder::kDescending;
  const auto ranks = stats::Ranks(values, order);
  std::vector<int> out;
  out.reserve(ranks.size());
  for (double r : ranks) out.push_back(HasValue(r) ? static_cast<int>(r) : 0);
  return out;
}

// One observation on its way to an assessment, with its keys as numbers.
struct Item {
  Assessment* a = nullptr;
  int area = -1;       // Geography index
  int breakdown = 0;   // index among the indicator's breakdowns
  int base = 0;        // the breakdown for the whole population of the same sex and age
  long long period = 0;
};

// The figures of one (period, breakdown) group by area number; null where absent or suppressed.
using AreaTable = std::vector<const Assessment*>;

// Judgements that compare areas within one (period, breakdown) group. `own` holds the group's
// figures and `base` the whole-population figures of the same sex and age, which are the
// benchmarks: Fingertips compares each category (e.g. a deprivation decile) with the England
// value for everyone.
void AssessGroup(const Indicator& ind, std::span<Item* const> group, const AreaTable& own,
                 const AreaTable& base, const Geography& geo) {
  const auto polarity = ToStats(ind.polarity);
  std::vector<double> council_values;
  std::vector<const Assessment*> london;
  std::vector<Assessment*> london_mutable;
  for (const Item* item : group) {
    if (geo.IsCouncil(item->area) && !item->a->suppressed) council_values.push_back(item->a->value);
    if (geo.IsLondonBorough(item->area)) {
      london.push_back(item->a);
      london_mutable.push_back(item->a);
    }
  }
  const std::size_t present = static_cast<std::size_t>(
      std::count_if(council_values.begin(), council_values.end(), HasValue));
  // Quintiles "among English councils" need most councils: with partial coverage (a London-only
  // series, say) the fifths would describe another group. At least three quarters are required.
  const bool national = 4 * present >= 3 * geo.CouncilCount();
  const auto bounds = national ? stats::CategoryBounds(council_values, 5) : std::vector<double>{};
  const auto london_ranks = RankAmong(london, ind.polarity);
  for (std::size_t i = 0; i < london.size(); ++i) london_mutable[i]->rank_london = london_ranks[i];
  const auto at = [](const AreaTable& table, int area) -> const Assessment* {
    return area >= 0 ? table[static_cast<std::size_t>(area)] : nullptr;
  };
  for (Item* item : group) {
    Assessment* a = item->a;
    const bool is_england_total = item->area == geo.England() && item->breakdown == item->base;
    const Comparisons e = Compare(*a, is_england_total ? nullptr : at(base, geo.England()), polarity);
    a->vs_england = e.at95;
    a->vs_england_998 = e.at998;
    a->vs_england_2level = e.two_level;
    const Comparisons r = Compare(*a, at(base, geo.Region(item->area)), polarity);
    a->vs_region = r.at95;
    a->vs_region_998 = r.at998;
    a->vs_region_2level = r.two_level;
    if (a->suppressed) continue;
    if (national && geo.IsCouncil(item->area)) {
      // Method: Fingertips quintiles among English councils (FTO QuintilesComparer).
      a->quintile = stats::CategoryFromBounds(a->value, bounds, present, 5, polarity);
    }
    const auto& neighbours = geo.Neighbours(item->area);
    if (!neighbours.empty() && HasValue(a->value)) {
      // Rank 1 = best among the area and its neighbours; ties share the best rank (as Ranks).
      int better = 0;
      int ranked = 1;
      for (int n : neighbours) {
        const auto* other = at(own, n);
        if (other == nullptr || !HasValue(other->value)) continue;
        ++ranked;
        const bool is_better = ind.polarity == Polarity::kLow ? other->value < a->value
                                                              : other->value > a->value;
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
void AssessTrends(const Indicator& ind, std::span<Item* const> series) {
  const auto polarity = ToStats(ind.polarity);
  const std::string_view cannot = stats::TrendLabel(stats::TrendMarker::kCannotBeCalculated, polarity);
  std::vector<stats::TrendPoint> points;
  for (std::size_t j = 0; j < series.size(); ++j) {
    Assessment* a = series[j]->a;
    if (a->suppressed || !HasValue(a->value)) {
      a->recent_trend = cannot;
      continue;
    }
    points.clear();
    const std::size_t first = j >= 4 ? j - 4 : 0;
    bool counts = true;
    for (std::size_t k = first; k <= j; ++k) {
      const Assessment* p = series[k]->a;
      if (p->suppressed || p->period.kind != a->period.kind || p->period.years != a->period.years) continue;
      counts = counts && HasValue(p->count) && HasValue(p->denominator);
      points.push_back({static_cast<double>(series[k]->period), p->count, p->denominator, p->value,
                        {p->lower95, p->upper95}});
    }
    if (points.size() < static_cast<std::size_t>(stats::kTrendPoints)) {
      a->recent_trend = cannot;
      continue;
    }
    auto options = TrendOptionsFor(ind, counts);
    options.year_range = a->period.IsSingleYear() ? 1 : a->period.years;
    a->recent_trend = stats::TrendLabel(stats::RecentTrend(points, options).marker, polarity);
  }
}

// Method: Fingertips target comparison (FTO SingleValueTargetComparer, CI mode when intervals
// exist): green when the interval is wholly on the good side, red when wholly on the bad side,
// amber otherwise; without intervals the value alone decides. Between a baseline and the
// target the goal is the straight-line trajectory.
void AssessTarget(const Indicator& ind, Assessment& a) {
  if (ind.polarity == Polarity::kNeutral || a.suppressed || !HasValue(a.value)) return;
  const long long key = a.period.SortKey();
  for (const Target& t : ind.targets) {
    if (t.area != a.area) continue;
    const auto target_period = ParsePeriod(t.period);
    if (!target_period) continue;
    const long long target_key = target_period->SortKey();
    double goal = kNoValue;
    std::string what;
    if (key == target_key) {
      goal = t.value;
      what = fmt::format("target {} for {}", t.value, t.period);
    } else if (t.baseline && key < target_key) {
      const auto base = ParsePeriod(t.baseline_period);
      if (!base || key <= base->SortKey()) continue;
      const double f = static_cast<double>(key - base->SortKey()) /
                       static_cast<double>(target_key - base->SortKey());
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
    a.rag = met ? "green" : (missed ? "red" : "amber");
    a.target = goal;
    a.rag_rule = fmt::format("{} is {} ({}; {} is better; {})", has_ci ? "95% interval" : "value",
                             met ? "on the good side of" : (missed ? "on the wrong side of" : "across"),
                             what, high ? "higher" : "lower",
                             has_ci ? "green when the whole interval meets the goal, red when none of it does, amber otherwise"
                                    : "green when the value meets the goal, red otherwise");
    return;
  }
}

}  // namespace

Geography::Geography(const std::vector<Area>& areas, const std::vector<ComparatorGroup>& groups) {
  info_.resize(areas.size());
  for (std::size_t i = 0; i < areas.size(); ++i) {
    index_[areas[i].code] = static_cast<int>(i);
    info_[i].type = areas[i].type;
    if (areas[i].type == AreaType::kCouncil) ++council_count_;
  }
  england_ = Index(std::string(kEnglandCode));
  london_ = Index(std::string(kLondonCode));
  for (std::size_t i = 0; i < areas.size(); ++i) {
    // The region of an area: the nearest ancestor of type region (a few levels up at most).
    int parent = Index(areas[i].parent);
    for (int depth = 0; depth < 8 && parent >= 0; ++depth) {
      if (info_[parent].type == AreaType::kRegion) {
        info_[i].region = parent;
        break;
      }
      parent = Index(areas[static_cast<std::size_t>(parent)].parent);
    }
  }
  for (const auto& g : groups) {
    const int owner = Index(g.owner_area);
    if (owner < 0) continue;
    Info& info = info_[owner];
    if (!info.neighbour_model.empty() && info.neighbour_model > g.id) continue;  // newest model
    info.neighbour_model = g.id;
    info.neighbours.clear();
    for (const auto& code : g.members) {
      if (const int n = Index(code); n >= 0) info.neighbours.push_back(n);
    }
  }
}

int Geography::Index(const std::string& code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? -1 : it->second;
}

const std::vector<int>& Geography::Neighbours(int area) const {
  static const std::vector<int> kNone;
  return area >= 0 ? info_[area].neighbours : kNone;
}

namespace {

// Writes the assessments of `observations` into `out` (of the same size).
void AssessObservations(const Indicator& indicator, std::span<const Observation* const> observations,
                        const Geography& geo, std::span<Assessment> out) {
  std::vector<Item> items(observations.size());
  std::map<Breakdown, int> breakdowns;
  const auto breakdown_id = [&](const Breakdown& b) {
    return breakdowns.try_emplace(b, static_cast<int>(breakdowns.size())).first->second;
  };
  // Observations usually arrive grouped by breakdown and area: remember the last ones.
  const Observation* last = nullptr;
  int last_area = -1, last_breakdown = 0, last_base = 0;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const Observation& o = *observations[i];
    FillValue(indicator, o, out[i]);
    if (last == nullptr || o.area != last->area) last_area = geo.Index(o.area);
    if (last == nullptr || !(o.breakdown == last->breakdown)) {
      last_breakdown = breakdown_id(o.breakdown);
      last_base = breakdown_id(Breakdown{o.breakdown.sex, o.breakdown.age, "", ""});
    }
    last = &o;
    items[i] = Item{&out[i], last_area, last_breakdown, last_base, o.period.SortKey()};
  }
  std::vector<Item*> order(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) order[i] = &items[i];
  // Over time: runs of one breakdown and area, in time order (usually the order given).
  const auto by_series = [](const Item* x, const Item* y) {
    return std::tie(x->breakdown, x->area, x->period) < std::tie(y->breakdown, y->area, y->period);
  };
  if (!std::is_sorted(order.begin(), order.end(), by_series)) {
    std::sort(order.begin(), order.end(), by_series);
  }
  // Across areas: the same items bucketed by period keep their (breakdown, area) order.
  std::map<long long, std::vector<Item*>> by_period;
  for (Item* item : order) by_period[item->period].push_back(item);
  std::unordered_map<int, AreaTable> tables;
  const AreaTable none(geo.size(), nullptr);
  for (auto& [period, bucket] : by_period) {
    tables.clear();
    for (const Item* item : bucket) {
      auto& table = tables[item->breakdown];
      if (table.empty()) table.assign(geo.size(), nullptr);
      if (item->area >= 0 && !item->a->suppressed) table[static_cast<std::size_t>(item->area)] = item->a;
    }
    for (std::size_t g = 0; g < bucket.size();) {
      std::size_t h = g;
      while (h < bucket.size() && bucket[h]->breakdown == bucket[g]->breakdown) ++h;
      const auto base = tables.find(bucket[g]->base);
      AssessGroup(indicator, std::span<Item* const>(bucket.data() + g, h - g),
                  tables[bucket[g]->breakdown], base == tables.end() ? none : base->second, geo);
      g = h;
    }
  }
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && order[end]->breakdown == order[begin]->breakdown &&
           order[end]->area == order[begin]->area &&
           (order[end]->area >= 0 || order[end]->a->area == order[begin]->a->area)) {
      ++end;
    }
    AssessTrends(indicator, std::span<Item* const>(order.data() + begin, end - begin));
    begin = end;
  }
  for (auto& a : out) AssessTarget(indicator, a);
}

}  // namespace

std::vector<Assessment> AssessIndicator(const Indicator& indicator,
                                        std::span<const Observation> observations,
                                        const Geography& geography) {
  std::vector<const Observation*> mine;
  for (const auto& o : observations) {
    if (o.indicator == indicator.id) mine.push_back(&o);
  }
  std::vector<Assessment> out(mine.size());
  AssessObservations(indicator, mine, geography, out);
  return out;
}

std::vector<Assessment> AssessAll(const std::vector<Indicator>& indicators,
                                  std::span<const Observation> observations,
                                  const Geography& geography) {
  std::unordered_map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < indicators.size(); ++i) position[indicators[i].id] = i;
  std::vector<std::vector<const Observation*>> by_indicator(indicators.size());
  for (const auto& o : observations) {
    if (const auto it = position.find(o.indicator); it != position.end()) {
      by_indicator[it->second].push_back(&o);
    }
  }
  std::vector<std::size_t> offset(indicators.size() + 1, 0);
  for (std::size_t i = 0; i < indicators.size(); ++i) offset[i + 1] = offset[i] + by_indicator[i].size();
  std::vector<Assessment> out(offset.back());
  const auto work = [&](std::size_t begin, std::size_t step) {
    for (std::size_t i = begin; i < indicators.size(); i += step) {
      AssessObservations(indicators[i], by_indicator[i], geography,
                         std::span<Assessment>(out.data() + offset[i], by_indicator[i].size()));
    }
  };
  const std::size_t threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, t, threads);
    work(0, threads);
  }
  return out;
}

}  // namespace waymark::assess
