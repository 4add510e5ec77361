// Grouping of assessments by indicator and choice of each indicator's headline breakdown.
#include "report/indicator_data.h"

#include <algorithm>

#include "core/headline.h"

namespace waymark::report {
namespace {

// The headline breakdown of an indicator's rows (`at` indexes `all`; core/headline.h); the
// default one when none.
Breakdown HeadlineOf(const std::vector<Assessment>& all, const std::vector<std::size_t>& at) {
  std::map<Breakdown, std::size_t> counts;
  for (const std::size_t i : at) ++counts[all[i].breakdown];
  return HeadlineBreakdown(counts).value_or(Breakdown{});
}

}  // namespace

IndicatorData::IndicatorData(std::vector<Indicator> indicators, std::vector<Area> areas,
                             std::vector<ComparatorGroup> groups,
                             std::vector<Assessment> assessments,
                             const std::vector<AreaBoundary>& boundaries)
    : areas_(std::move(areas)), groups_(std::move(groups)) {
  for (const AreaBoundary& b : boundaries) {
    if (auto rings = ingest::ParseGeometry(b.geometry)) outlines_[b.area] = std::move(*rings);
  }
  // Each indicator's rows by index, so that each row is moved once, into its place.
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_indicator;
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    Assessment& a = assessments[i];
    ClearSuppressedComparisons(a);
    auto it = by_indicator.find(a.indicator);
    if (it == by_indicator.end())
      it = by_indicator.emplace(a.indicator, std::vector<std::size_t>{}).first;
    it->second.push_back(i);
  }
  const std::vector<std::size_t> none;
  for (Indicator& indicator : indicators) {
    IndicatorSeries s;
    const auto found = by_indicator.find(indicator.id);
    const std::vector<std::size_t>& at = found == by_indicator.end() ? none : found->second;
    s.breakdown = HeadlineOf(assessments, at);
    std::vector<std::size_t> mine;
    for (const std::size_t i : at) {
      if (assessments[i].breakdown == s.breakdown) mine.push_back(i);
    }
    std::sort(mine.begin(), mine.end(), [&](std::size_t x, std::size_t y) {
      const Assessment& a = assessments[x];
      const Assessment& b = assessments[y];
      if (a.period.SortKey() != b.period.SortKey()) return a.period.SortKey() < b.period.SortKey();
      return a.area < b.area;
    });
    s.rows.reserve(mine.size());
    for (const std::size_t i : mine) s.rows.push_back(std::move(assessments[i]));
    for (const Assessment& a : s.rows) {
      if (s.periods.empty() || !(s.periods.back() == a.period)) s.periods.push_back(a.period);
    }
    s.indicator = std::move(indicator);
    series_index_[s.indicator.id] = series_.size();
    series_.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < areas_.size(); ++i) area_index_[areas_[i].code] = i;
  std::vector<const Area*> london;
  for (const Area& a : areas_) {
    if (a.type == AreaType::kCouncil && a.parent == kLondonCode) london.push_back(&a);
  }
  std::sort(london.begin(), london.end(),
            [](const Area* x, const Area* y) { return x->name < y->name; });
  for (const Area* a : london) london_.push_back(a->code);
}

const ingest::Rings* IndicatorData::Outline(std::string_view code) const {
  const auto it = outlines_.find(code);
  return it == outlines_.end() ? nullptr : &it->second;
}

std::vector<const Area*> IndicatorData::WardsOf(std::string_view council) const {
  std::vector<const Area*> out;
  for (const Area& a : areas_) {
    if (a.type == AreaType::kWard && a.parent == council) out.push_back(&a);
  }
  std::sort(out.begin(), out.end(), [](const Area* x, const Area* y) { return x->name < y->name; });
  return out;
}

const IndicatorSeries* IndicatorData::Find(std::string_view id) const {
  const auto it = series_index_.find(id);
  return it == series_index_.end() ? nullptr : &series_[it->second];
}

const Area* IndicatorData::FindArea(std::string_view code) const {
  const auto it = area_index_.find(code);
  return it == area_index_.end() ? nullptr : &areas_[it->second];
}

std::string IndicatorData::AreaName(std::string_view code) const {
  const Area* a = FindArea(code);
  return a != nullptr ? a->name : std::string(code);
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

std::vector<std::string> IndicatorData::NeighboursOf(std::string_view area) const {
  for (const ComparatorGroup& g : groups_) {
    if (g.owner_area == area) return g.members;
  }
  return {};
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
