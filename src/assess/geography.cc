// Geography: area numbers, regions, London boroughs and statistical neighbours.
#include "assess/geography.h"

namespace waymark::assess {

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

}  // namespace waymark::assess
