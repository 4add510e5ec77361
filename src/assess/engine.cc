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

const std::string kNoRegion;

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
  std::string at95, at998, two_level;
};

// Method: Fingertips comparator methods 1 (CI against the benchmark value, at 95% and 99.8%)
// and 17 (two CI levels), FTO SingleOverlappingCIs*Comparer.
Comparisons Compare(const Assessment& a, const Assessment* benchmark, stats::Polarity polarity) {
  const double b = benchmark != nullptr ? benchmark->value : kNoValue;
  const auto s95 = stats::CompareWithBenchmark(a.value, {a.lower95, a.upper95}, b, polarity);
  const auto s998 = stats::CompareWithBenchmark(a.value, {a.lower998, a.upper998}, b, polarity);
  const auto s2 = stats::CompareTwoLevels(a.value, {a.lower95, a.upper95},
                                          {a.lower998, a.upper998}, b, polarity);
  return {std::string(stats::SignificanceLabel(s95, polarity)),
          std::string(stats::SignificanceLabel(s998, polarity)),
          std::string(stats::SignificanceLabel(s2, polarity, true))};
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

// The benchmark for a comparison: the benchmark area's figure for the whole population of the
// same sex and age. A category (e.g. a deprivation decile) is compared with that figure too, as
// Fingertips compares each category with the England value.
class Benchmarks {
 public:
  void Add(const Assessment* a) {
    if (!a->suppressed && HasValue(a->value)) by_key_[Key(a->area, a->breakdown)] = a;
  }
  const Assessment* Find(const std::string& area, const Breakdown& b) const {
    const auto it = by_key_.find(Key(area, Breakdown{b.sex, b.age, "", ""}));
    return it == by_key_.end() ? nullptr : it->second;
  }

 private:
  static std::string Key(const std::string& area, const Breakdown& b) {
    return area + '\x1f' + b.sex + '\x1f' + b.age + '\x1f' + b.category_type + '\x1f' + b.category;
  }
  std::unordered_map<std::string, const Assessment*> by_key_;
};

// Judgements that compare areas within one (breakdown, period) group; `benchmarks` holds every
// figure of the period, all breakdowns.
void AssessGroup(const Indicator& ind, std::vector<Assessment*>& group, const Benchmarks& benchmarks,
                 const Geography& geo) {
  const auto polarity = ToStats(ind.polarity);
  std::unordered_map<std::string, const Assessment*> by_area;
  for (const auto* a : group) by_area[a->area] = a;
  const auto find = [&](const std::string& code) -> const Assessment* {
    const auto it = by_area.find(code);
    return it == by_area.end() || it->second->suppressed ? nullptr : it->second;
  };
  std::vector<double> council_values;
  std::vector<const Assessment*> london;
  std::vector<Assessment*> london_mutable;
  for (Assessment* a : group) {
    if (geo.IsCouncil(a->area) && !a->suppressed) council_values.push_back(a->value);
    if (geo.IsLondonBorough(a->area)) {
      london.push_back(a);
      london_mutable.push_back(a);
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
  const std::string england(kEnglandCode);
  for (Assessment* a : group) {
    const bool compare_england = !(a->area == england && a->breakdown.category.empty());
    const Comparisons e = Compare(*a, compare_england ? benchmarks.Find(england, a->breakdown) : nullptr, polarity);
    a->vs_england = e.at95;
    a->vs_england_998 = e.at998;
    a->vs_england_2level = e.two_level;
    const std::string& region = geo.Region(a->area);
    const Comparisons r = Compare(*a, region.empty() ? nullptr : benchmarks.Find(region, a->breakdown), polarity);
    a->vs_region = r.at95;
    a->vs_region_998 = r.at998;
    a->vs_region_2level = r.two_level;
    if (a->suppressed) continue;
    if (national && geo.IsCouncil(a->area)) {
      // Method: Fingertips quintiles among English councils (FTO QuintilesComparer).
      a->quintile = stats::CategoryFromBounds(a->value, bounds, present, 5, polarity);
    }
    if (const auto* neighbours = geo.Neighbours(a->area)) {
      std::vector<const Assessment*> members = {a};
      for (const auto& code : *neighbours) {
        if (const auto* n = find(code)) members.push_back(n);
      }
      a->rank_neighbours = RankAmong(members, ind.polarity)[0];
      a->neighbours_ranked = static_cast<int>(members.size());
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
// ending at each period of one area's series.
void AssessTrends(const Indicator& ind, std::vector<Assessment*>& series) {
  std::sort(series.begin(), series.end(), [](const Assessment* a, const Assessment* b) {
    return a->period.SortKey() < b->period.SortKey();
  });
  const auto polarity = ToStats(ind.polarity);
  std::vector<stats::TrendPoint> points;
  for (std::size_t j = 0; j < series.size(); ++j) {
    Assessment* a = series[j];
    if (a->suppressed || !HasValue(a->value)) {
      a->recent_trend = std::string(stats::TrendLabel(stats::TrendMarker::kCannotBeCalculated, polarity));
      continue;
    }
    points.clear();
    const std::size_t first = j >= 4 ? j - 4 : 0;
    bool counts = true;
    for (std::size_t k = first; k <= j; ++k) {
      const Assessment* p = series[k];
      if (p->suppressed || p->period.kind != a->period.kind || p->period.years != a->period.years) continue;
      counts = counts && HasValue(p->count) && HasValue(p->denominator);
      points.push_back({static_cast<double>(p->period.SortKey()), p->count, p->denominator,
                        p->value, {p->lower95, p->upper95}});
    }
    auto options = TrendOptionsFor(ind, counts);
    options.year_range = a->period.IsSingleYear() ? 1 : a->period.years;
    const auto trend = stats::RecentTrend(points, options);
    a->recent_trend = std::string(stats::TrendLabel(trend.marker, polarity));
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
  std::unordered_map<std::string, std::string> parent_of;
  for (const auto& a : areas) {
    areas_[a.code] = Info{a.type, {}};
    parent_of[a.code] = a.parent;
    if (a.type == AreaType::kCouncil) ++council_count_;
  }
  for (const auto& a : areas) {
    // The region of an area: the nearest ancestor of type region (at most a few levels up).
    std::string parent = a.parent;
    for (int depth = 0; depth < 8 && !parent.empty(); ++depth) {
      const auto it = areas_.find(parent);
      if (it == areas_.end()) break;
      if (it->second.type == AreaType::kRegion) {
        areas_[a.code].region = parent;
        break;
      }
      parent = parent_of[parent];
    }
  }
  for (const auto& g : groups) {
    if (g.owner_area.empty()) continue;
    auto& model = neighbour_model_[g.owner_area];
    if (!model.empty() && model > g.id) continue;  // keep the newest model ("sn-2025-…")
    model = g.id;
    neighbours_[g.owner_area] = g.members;
  }
}

bool Geography::IsCouncil(const std::string& code) const {
  const auto it = areas_.find(code);
  return it != areas_.end() && it->second.type == AreaType::kCouncil;
}

bool Geography::IsLondonBorough(const std::string& code) const {
  const auto it = areas_.find(code);
  return it != areas_.end() && it->second.type == AreaType::kCouncil &&
         it->second.region == kLondonCode;
}

const std::string& Geography::Region(const std::string& code) const {
  const auto it = areas_.find(code);
  return it == areas_.end() ? kNoRegion : it->second.region;
}

const std::vector<std::string>* Geography::Neighbours(const std::string& code) const {
  const auto it = neighbours_.find(code);
  return it == neighbours_.end() ? nullptr : &it->second;
}

std::vector<Assessment> AssessIndicator(const Indicator& indicator,
                                        std::span<const Observation> observations,
                                        const Geography& geography) {
  std::vector<Assessment> out;
  out.reserve(observations.size());
  for (const auto& o : observations) {
    if (o.indicator != indicator.id) continue;
    FillValue(indicator, o, out.emplace_back());
  }
  std::map<long long, std::map<Breakdown, std::vector<Assessment*>>> by_period;
  std::map<std::pair<Breakdown, std::string>, std::vector<Assessment*>> by_area;
  for (auto& a : out) {
    by_period[a.period.SortKey()][a.breakdown].push_back(&a);
    by_area[{a.breakdown, a.area}].push_back(&a);
  }
  for (auto& [period, groups] : by_period) {
    Benchmarks benchmarks;
    for (const auto& [breakdown, group] : groups) {
      for (const auto* a : group) benchmarks.Add(a);
    }
    for (auto& [breakdown, group] : groups) AssessGroup(indicator, group, benchmarks, geography);
  }
  for (auto& [key, series] : by_area) AssessTrends(indicator, series);
  for (auto& a : out) AssessTarget(indicator, a);
  return out;
}

std::vector<Assessment> AssessAll(const std::vector<Indicator>& indicators,
                                  std::span<const Observation> observations,
                                  const Geography& geography) {
  // Observations of each indicator, found once.
  std::unordered_map<std::string, std::vector<Observation>> by_indicator;
  for (const auto& o : observations) by_indicator[o.indicator].push_back(o);
  std::vector<std::vector<Assessment>> parts(indicators.size());
  const auto work = [&](std::size_t begin, std::size_t step) {
    for (std::size_t i = begin; i < indicators.size(); i += step) {
      const auto it = by_indicator.find(indicators[i].id);
      if (it == by_indicator.end()) continue;
      parts[i] = AssessIndicator(indicators[i], it->second, geography);
    }
  };
  const std::size_t threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, t, threads);
  work(0, threads);
  pool.clear();
  std::vector<Assessment> out;
  for (auto& part : parts) {
    out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return out;
}

}  // namespace waymark::assess
