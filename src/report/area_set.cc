// Look-ups over the areas indicator figures are shown against (see area_set.h).
#include "report/area_set.h"

#include <algorithm>

namespace waymark::report {

AreaSet::AreaSet(std::vector<Area> areas, std::vector<ComparatorGroup> groups,
                 const std::vector<AreaBoundary>& boundaries)
    : areas_(std::move(areas)), groups_(std::move(groups)) {
  for (const AreaBoundary& b : boundaries) {
    if (auto rings = ingest::ParseGeometry(b.geometry)) outlines_[b.area] = std::move(*rings);
  }
  for (std::size_t i = 0; i < areas_.size(); ++i) area_index_[areas_[i].code] = i;
  std::vector<const Area*> london;
  for (const Area& a : areas_) {
    if (a.type == AreaType::kCouncil && a.parent == kLondonCode) london.push_back(&a);
  }
  std::sort(london.begin(), london.end(),
            [](const Area* x, const Area* y) { return x->name < y->name; });
  london_.reserve(london.size());
  for (const Area* a : london) london_.push_back(a->code);
}

const ingest::Rings* AreaSet::Outline(std::string_view code) const {
  const auto it = outlines_.find(code);
  return it == outlines_.end() ? nullptr : &it->second;
}

std::vector<const Area*> AreaSet::WardsOf(std::string_view council) const {
  std::vector<const Area*> out;
  for (const Area& a : areas_) {
    if (a.type == AreaType::kWard && a.parent == council) out.push_back(&a);
  }
  std::sort(out.begin(), out.end(), [](const Area* x, const Area* y) { return x->name < y->name; });
  return out;
}

const Area* AreaSet::FindArea(std::string_view code) const {
  const auto it = area_index_.find(code);
  return it == area_index_.end() ? nullptr : &areas_[it->second];
}

std::string AreaSet::AreaName(std::string_view code) const {
  const Area* a = FindArea(code);
  return a != nullptr ? a->name : std::string(code);
}

std::vector<std::string> AreaSet::NeighboursOf(std::string_view area) const {
  for (const ComparatorGroup& g : groups_) {
    if (g.owner_area == area) return g.members;
  }
  return {};
}

}  // namespace waymark::report
