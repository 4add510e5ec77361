// Area outlines for maps from GeoJSON: reading a FeatureCollection into AreaBoundary records,
// and parsing a stored geometry back into rings of [longitude, latitude] points.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/result.h"

namespace waymark::ingest {

struct LonLat {
  double lon = 0;
  double lat = 0;
};
// Every ring of a Polygon or MultiPolygon, outer rings and holes alike (drawn even-odd).
using Rings = std::vector<std::vector<LonLat>>;

// Parses a GeoJSON Polygon or MultiPolygon. Errors for other types, positions that are not two
// finite numbers within longitude -180..180 and latitude -90..90, and rings of fewer than four
// positions.
Result<Rings> ParseGeometry(std::string_view geojson);

struct BoundariesFileReport {
  std::vector<AreaBoundary> boundaries;  // in file order
  std::vector<std::string> skipped;      // codes of features whose area is not known
  Diagnostics problems;
  bool ok() const { return problems.empty(); }
};

// Reads a GeoJSON FeatureCollection whose features name their area in the property
// `code_property`. Features of areas not in `known` are skipped; a feature without the
// property (or with a code too long to be one), with a bad geometry or repeating a code is a
// problem placed by its JSON pointer ("/features/2: ..."). A file that is not UTF-8 text or not
// JSON is one problem at its line and column.
BoundariesFileReport ReadBoundariesFile(const std::string& path, std::string_view code_property,
                                        const std::vector<Area>& known);

}  // namespace waymark::ingest
