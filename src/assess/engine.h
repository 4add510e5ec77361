// The assessment engine: derives every judgement for every observation of an indicator — the
// value and its intervals, comparison with England and the region, the recent trend, the
// quintile among English councils, ranks among London boroughs and statistical neighbours, and
// RAG against targets — with the official public-health methods of src/stats.
#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "core/result.h"

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

// Every judgement for `observations` of `indicator` (any order). Observations of other
// indicators are ignored.
std::vector<Assessment> AssessIndicator(const Indicator& indicator,
                                        std::span<const Observation> observations,
                                        const Geography& geography);

// Every judgement for every indicator, in compact form (rows in catalogue order, then in the
// order given within an indicator); observations may be in any order. Indicators are split
// between threads.
AssessmentTable AssessAll(const std::vector<Indicator>& indicators,
                                  std::span<const Observation> observations,
                                  const Geography& geography);

}  // namespace waymark::assess
