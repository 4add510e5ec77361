// The area registry as the engine uses it: numbered areas with their regions and neighbours.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/indicator.h"

namespace waymark::assess {

// The places judgements refer to, numbered for fast lookup: area types and parents, London
// boroughs, each area's statistical neighbours.
class Geography {
 public:
  Geography(const std::vector<Area>& areas, const std::vector<ComparatorGroup>& groups);

  // The area's number, or -1 for a code not in the registry.
  int Index(const std::string& code) const;
  std::size_t size() const { return info_.size(); }
  int England() const { return england_; }
  bool IsCouncil(int area) const { return area >= 0 && info_[area].type == AreaType::kCouncil; }
  bool IsLondonBorough(int area) const { return IsCouncil(area) && info_[area].region == london_; }
  // The region an area belongs to (-1 when none, e.g. England or a region).
  int Region(int area) const { return area >= 0 ? info_[area].region : -1; }
  // The area's statistical neighbours (newest model), not including the area.
  const std::vector<int>& Neighbours(int area) const;
  std::size_t CouncilCount() const { return council_count_; }

 private:
  struct Info {
    AreaType type = AreaType::kCouncil;
    int region = -1;
    std::vector<int> neighbours;
    std::string neighbour_model;
  };
  std::unordered_map<std::string, int> index_;
  std::vector<Info> info_;
  int england_ = -1;
  int london_ = -1;
  std::size_t council_count_ = 0;
};

}  // namespace waymark::assess
