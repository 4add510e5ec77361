// Area registry files: areas.csv (code,name,type,parent_code,old_code) and statistical
// neighbours (area_code,neighbour_code,rank,closeness,model), with positioned problems.
#pragma once

#include <string>
#include <vector>

#include "core/indicator.h"
#include "core/result.h"

namespace waymark::ingest {

struct AreasFileReport {
  std::vector<Area> areas;
  std::vector<ComparatorGroup> groups;
  Diagnostics problems;
  bool ok() const { return problems.empty(); }
};

// Reads areas.csv; parents must be areas of the file or of `known` (files read before it, such
// as the councils a ward file's wards belong to).
AreasFileReport ReadAreasFile(const std::string& path, const std::vector<Area>& known = {});
// Reads a neighbours file into one group per area and model ("sn-<model>-<code>"); codes must be
// among `known` areas.
AreasFileReport ReadNeighboursFile(const std::string& path, const std::vector<Area>& known);

}  // namespace waymark::ingest
