// A choropleth map of areas as SVG: outlines projected from longitude and latitude, each area
// filled by the fifth (quintile band) its value falls in, with a legend of the band ranges and
// a hatched fill for areas without a figure. Like the charts it is an <svg role="img"> labelled
// by its own <title> and <desc>; the page gives the same figures in a table beside it.
#pragma once

#include <string>
#include <vector>

#include "core/indicator.h"
#include "ingest/boundaries_file.h"
#include "report/html.h"

namespace waymark::report {

// Equirectangular projection fitted to a box `width` wide: x grows with longitude scaled by the
// cosine of the mean latitude (so shapes keep their proportions at borough scale), y grows
// southwards. The height follows from the outlines' proportions.
class MapProjection {
 public:
  MapProjection(const std::vector<const ingest::Rings*>& outlines, double width, double margin);
  double X(double lon) const { return margin_ + (lon - lon0_) * scale_x_; }
  double Y(double lat) const { return margin_ + (lat1_ - lat) * scale_y_; }
  double Height() const { return height_; }

 private:
  double lon0_ = 0, lat1_ = 0, scale_x_ = 1, scale_y_ = 1, margin_ = 0, height_ = 0;
};

inline constexpr int kMapBands = 5;

// The band bounds of a set of values: Fingertips' category bounds for quintiles
// (FTO ValueCategoriesCalculator: [min, P20, P40, P60, P80, max] by the inclusive
// linear-interpolation percentile). Empty when fewer than four values are present.
std::vector<double> MapBandBounds(const std::vector<double>& values);
// The band (1 = lowest fifth .. 5 = highest) of a value: the first upper bound it does not
// exceed (as FTO QuintilesComparer). 0 for a missing value or when there are no bounds.
int MapBand(double value, const std::vector<double>& bounds);
// The fill of a band: a sequential colour-blind-safe palette (viridis), light for low values.
std::string_view MapBandFill(int band);

struct MapArea {
  std::string code;
  std::string name;
  const ingest::Rings* outline = nullptr;  // areas without an outline are not drawn
  double value = kNoValue;                 // NaN when there is no figure
  std::string value_text;                  // the figure as shown, e.g. "12.3%"
};

struct ChoroplethMap {
  std::string id;  // unique on the page; prefixes the ids of title, desc and the hatch pattern
  std::string title;
  std::string description;
  std::vector<MapArea> areas;
};

// The SVG map followed by its legend (a list: each band's range and number of areas, and the
// no-data entry when some area has no figure).
Html RenderChoroplethMap(const ChoroplethMap& map);

}  // namespace waymark::report
