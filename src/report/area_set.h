// The areas indicator figures are shown against: every area with its look-ups by code, the
// councils' wards, the London boroughs, statistical neighbours and map outlines. Read once and
// shared by every indicator snapshot made from the same read (web/indicator_source.h).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "ingest/boundaries_file.h"

namespace waymark::report {

class AreaSet {
 public:
  AreaSet() = default;
  // `boundaries` are the outlines of areas for maps; one that does not parse is left out.
  AreaSet(std::vector<Area> areas, std::vector<ComparatorGroup> groups,
          const std::vector<AreaBoundary>& boundaries);

  const std::vector<Area>& Areas() const { return areas_; }
  const Area* FindArea(std::string_view code) const;
  // The area's name, or the code when the area is unknown.
  std::string AreaName(std::string_view code) const;
  // The outline of an area (nullptr when none is stored).
  const ingest::Rings* Outline(std::string_view code) const;
  // The wards of a council (areas of type ward whose parent it is), by name.
  std::vector<const Area*> WardsOf(std::string_view council) const;
  // Councils whose parent is London, by name.
  const std::vector<std::string>& LondonBoroughs() const { return london_; }
  // The statistical neighbours of `area` (empty when it has none).
  std::vector<std::string> NeighboursOf(std::string_view area) const;

 private:
  std::vector<Area> areas_;
  std::vector<ComparatorGroup> groups_;
  std::vector<std::string> london_;
  std::map<std::string, std::size_t, std::less<>> area_index_;
  std::map<std::string, ingest::Rings, std::less<>> outlines_;
};

}  // namespace waymark::report
