// Grouping of assessments by indicator and choice of each indicator's headline breakdown.
#include "report/indicator_data.h"

#include <algorithm>

#include "core/headline.h"

namespace waymark::report {
namespace {

// Reorders `rows` so that row k is the one that was at order[k] (`order` a permutation of the
// indices, used up), following each cycle with one row set aside: each row moves once.
void PermuteInPlace(std::vector<Assessment>& rows, std::vector<std::size_t>& order) {
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    Assessment held = std::move(rows[start]);
    std::size_t at = start;
    while (order[at] != start) {
      const std::size_t from = order[at];
      rows[at] = std::move(rows[from]);
      order[at] = at;
      at = from;
    }
    rows[at] = std::move(held);
    order[at] = at;
  }
}

}  // namespace

IndicatorData::IndicatorData() : places_(std::make_shared<const AreaSet>()) {}

IndicatorData::IndicatorData(std::vector<Indicator> indicators, std::vector<Area> areas,
                             std::vector<ComparatorGroup> groups,
                             std::vector<Assessment> assessments,
                             const std::vector<AreaBoundary>& boundaries)
    : IndicatorData(
          std::make_shared<const AreaSet>(std::move(areas), std::move(groups), boundaries),
          std::move(indicators), std::move(assessments)) {}

IndicatorData::IndicatorData(std::shared_ptr<const AreaSet> places,
                             std::vector<Indicator> indicators, std::vector<Assessment> assessments)
    : IndicatorData(std::move(places), std::move(indicators), [&] {
        JudgementsByIndicator by_indicator;
        for (Assessment& a : assessments) by_indicator[a.indicator].push_back(std::move(a));
        return by_indicator;
      }()) {}

IndicatorData::IndicatorData(std::shared_ptr<const AreaSet> places,
                             std::vector<Indicator> indicators, JudgementsByIndicator judgements)
    : places_(std::move(places)) {
  series_.reserve(indicators.size());
  for (Indicator& indicator : indicators) {
    const auto found = judgements.find(indicator.id);
    if (found == judgements.end()) {
      AddSeries(std::move(indicator), {});
      continue;
    }
    AddSeries(std::move(indicator), std::move(found->second));
    judgements.erase(found);  // each indicator's rows freed once they have their place
  }
}

void IndicatorData::AddSeries(Indicator indicator, std::vector<Assessment> rows) {
  IndicatorSeries s;
  std::map<Breakdown, std::size_t> counts;
  for (Assessment& a : rows) {
    ClearSuppressedComparisons(a);
    ++counts[a.breakdown];
  }
  s.breakdown = HeadlineBreakdown(counts).value_or(Breakdown{});
  // The headline breakdown's rows by index, sorted, so that each is moved once, into its place.
  std::vector<std::size_t> mine;
  mine.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].breakdown == s.breakdown) mine.push_back(i);
  }
  std::sort(mine.begin(), mine.end(), [&](std::size_t x, std::size_t y) {
    const Assessment& a = rows[x];
    const Assessment& b = rows[y];
    if (a.period.SortKey() != b.period.SortKey()) return a.period.SortKey() < b.period.SortKey();
    return a.area < b.area;
  });
  if (mine.size() == rows.size()) {
    PermuteInPlace(rows, mine);  // every row kept (as the store gives them): no second copy
    s.rows = std::move(rows);
  } else {
    s.rows.reserve(mine.size());
    for (const std::size_t i : mine) s.rows.push_back(std::move(rows[i]));
  }
  for (const Assessment& a : s.rows) {
    if (s.periods.empty() || !(s.periods.back() == a.period)) s.periods.push_back(a.period);
  }
  s.indicator = std::move(indicator);
  series_index_[s.indicator.id] = series_.size();
  series_.push_back(std::move(s));
}

const IndicatorSeries* IndicatorData::Find(std::string_view id) const {
  const auto it = series_index_.find(id);
  return it == series_index_.end() ? nullptr : &series_[it->second];
}

const Assessment* IndicatorData::At(const IndicatorSeries& s, std::string_view area,
                                    const Period& p) const {
  const auto lo =
      std::lower_bound(s.rows.begin(), s.rows.end(), std::pair(p.SortKey(), area),
                       [](const Assessment& a, const std::pair<long long, std::string_view>& key) {
                         if (a.period.SortKey() != key.first) return a.period.SortKey() < key.first;
                         return std::string_view(a.area) < key.second;
                       });
  for (auto it = lo; it != s.rows.end() && it->period.SortKey() == p.SortKey(); ++it) {
    if (it->area != area) break;
    if (it->period == p) return &*it;
  }
  return nullptr;
}

std::vector<const Assessment*> IndicatorData::ForArea(const IndicatorSeries& s,
                                                      std::string_view area) const {
  std::vector<const Assessment*> out;
  for (const Assessment& a : s.rows) {
    if (a.area == area) out.push_back(&a);
  }
  return out;
}

std::vector<const Assessment*> IndicatorData::InPeriod(const IndicatorSeries& s,
                                                       const Period& p) const {
  std::vector<const Assessment*> out;
  for (const Assessment& a : s.rows) {
    if (a.period == p) out.push_back(&a);
  }
  return out;
}

bool IndicatorData::LatestFor(const IndicatorSeries& s, std::string_view area, Period& out) const {
  for (auto it = s.rows.rbegin(); it != s.rows.rend(); ++it) {
    if (it->area == area) {
      out = it->period;
      return true;
    }
  }
  return false;
}

std::string IndicatorData::DefaultArea(const IndicatorSeries& s) const {
  Period p;
  if (LatestFor(s, kDefaultArea, p)) return std::string(kDefaultArea);
  std::string best;
  std::string best_name;
  for (const Assessment& a : s.rows) {
    const Area* area = FindArea(a.area);
    if (area == nullptr || area->type != AreaType::kCouncil) continue;
    if (best.empty() || area->name < best_name) {
      best = area->code;
      best_name = area->name;
    }
  }
  return best.empty() ? std::string(kDefaultArea) : best;
}

}  // namespace waymark::report
