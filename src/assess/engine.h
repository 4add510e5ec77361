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

// The places judgements refer to: area types and parents, London boroughs, each area's
// statistical neighbours.
class Geography {
 public:
  Geography(const std::vector<Area>& areas, const std::vector<ComparatorGroup>& groups);

  bool IsCouncil(const std::string& code) const;
  std::size_t CouncilCount() const { return council_count_; }
  bool IsLondonBorough(const std::string& code) const;
  // The region an area belongs to ("" when none, e.g. England).
  const std::string& Region(const std::string& code) const;
  // The area's statistical neighbours (newest model), not including the area.
  const std::vector<std::string>* Neighbours(const std::string& code) const;

 private:
  struct Info {
    AreaType type = AreaType::kCouncil;
    std::string region;
  };
  std::unordered_map<std::string, Info> areas_;
  std::unordered_map<std::string, std::vector<std::string>> neighbours_;
  std::unordered_map<std::string, std::string> neighbour_model_;
  std::size_t council_count_ = 0;
};

// Every judgement for `observations` of `indicator` (any order). Observations of other
// indicators are ignored.
std::vector<Assessment> AssessIndicator(const Indicator& indicator,
                                        std::span<const Observation> observations,
                                        const Geography& geography);

// Every judgement for every indicator; observations may be in any order.
std::vector<Assessment> AssessAll(const std::vector<Indicator>& indicators,
                                  std::span<const Observation> observations,
                                  const Geography& geography);

}  // namespace waymark::assess
