// Drawing of the choropleth map: projection, quintile bands, paths and legend.
#include "report/map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include <fmt/format.h>

#include "report/charts.h"
#include "stats/quantile.h"

namespace waymark::report {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr std::string_view kNoDataFill = "#f3f2f1";
constexpr std::string_view kHatchInk = "#505a5f";

std::string PathOf(const ingest::Rings& rings, const MapProjection& p) {
  std::string d;
  for (const auto& ring : rings) {
    for (std::size_t i = 0; i < ring.size(); ++i) {
      d += i == 0 ? 'M' : 'L';
      d += OneDecimal(p.X(ring[i].lon));
      d += ',';
      d += OneDecimal(p.Y(ring[i].lat));
    }
    d += "Z";
  }
  return d;
}

std::string BandRange(const std::vector<double>& bounds, int band) {
  const std::string upper = OneDecimal(bounds[static_cast<std::size_t>(band)]);
  if (band == 1) return OneDecimal(bounds[0]) + " to " + upper;
  return fmt::format("over {} to {}", OneDecimal(bounds[static_cast<std::size_t>(band - 1)]),
                     upper);
}

void Swatch(Html& h, std::string_view fill, std::string_view pattern_id) {
  h.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                 {"class", "waymark-swatch"},
                 {"viewBox", "0 0 24 16"},
                 {"width", "24"},
                 {"height", "16"},
                 {"aria-hidden", "true"},
                 {"focusable", "false"}});
  if (!pattern_id.empty()) {
    h.Open("rect", {{"width", "24"}, {"height", "16"}, {"fill", kNoDataFill}}).Close("rect");
    h.Open("rect", {{"width", "24"},
                    {"height", "16"},
                    {"fill", "url(#" + std::string(pattern_id) + ")"},
                    {"stroke", kHatchInk}})
        .Close("rect");
  } else {
    h.Open("rect", {{"width", "24"}, {"height", "16"}, {"fill", fill}, {"stroke", kHatchInk}})
        .Close("rect");
  }
  h.Close("svg");
}

void Legend(Html& h, const ChoroplethMap& map, const std::vector<double>& bounds,
            const std::string& pattern_id) {
  int counts[kMapBands + 1] = {};
  for (const MapArea& a : map.areas) ++counts[MapBand(a.value, bounds)];
  h.Open("ul", {{"class", "govuk-list waymark-map-legend"}, {"id", map.id + "-legend"}});
  const bool unbanded =
      bounds.empty() && std::any_of(map.areas.begin(), map.areas.end(),
                                    [](const MapArea& a) { return std::isfinite(a.value); });
  if (unbanded) {
    h.Open("li");
    Swatch(h, MapBandFill(3), "");
    h.Text(" Figures of fewer than four areas: not banded");
    h.Close("li");
  }
  for (int band = 1; !bounds.empty() && band <= kMapBands; ++band) {
    h.Open("li");
    Swatch(h, MapBandFill(band), "");
    h.Text(fmt::format(" {} ({} {})", BandRange(bounds, band), counts[band],
                       counts[band] == 1 ? "area" : "areas"));
    h.Close("li");
  }
  int missing = 0;
  for (const MapArea& a : map.areas) missing += !std::isfinite(a.value);
  if (missing > 0) {
    h.Open("li");
    Swatch(h, "", pattern_id);
    h.Text(fmt::format(" No figure ({} {})", missing, missing == 1 ? "area" : "areas"));
    h.Close("li");
  }
  h.Close("ul");
}

}  // namespace

MapProjection::MapProjection(const std::vector<const ingest::Rings*>& outlines, double width,
                             double margin)
    : margin_(margin) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double lon0 = kInf, lon1 = -kInf, lat0 = kInf, lat1 = -kInf;
  for (const ingest::Rings* rings : outlines) {
    for (const auto& ring : *rings) {
      for (const ingest::LonLat& p : ring) {
        lon0 = std::min(lon0, p.lon);
        lon1 = std::max(lon1, p.lon);
        lat0 = std::min(lat0, p.lat);
        lat1 = std::max(lat1, p.lat);
      }
    }
  }
  if (!std::isfinite(lon0)) {
    lon0 = lat0 = 0;
    lon1 = lat1 = 1;
  }
  const double k = std::cos((lat0 + lat1) / 2 * kPi / 180);
  const double span_x = std::max((lon1 - lon0) * k, 1e-9);
  const double span_y = std::max(lat1 - lat0, 1e-9);
  scale_x_ = (width - 2 * margin) / span_x * k;
  scale_y_ = (width - 2 * margin) / span_x;
  lon0_ = lon0;
  lat1_ = lat1;
  height_ = span_y * scale_y_ + 2 * margin;
}

std::vector<double> MapBandBounds(const std::vector<double>& values) {
  return stats::CategoryBounds(values, kMapBands);
}

int MapBand(double value, const std::vector<double>& bounds) {
  if (!std::isfinite(value) || bounds.size() != kMapBands + 1) return 0;
  for (int band = 1; band <= kMapBands; ++band) {
    if (value <= bounds[static_cast<std::size_t>(band)]) return band;
  }
  return kMapBands;
}

std::string_view MapBandFill(int band) {
  // Viridis at five steps (Smith and van der Walt, matplotlib 2015: perceptually uniform and
  // readable with colour-vision deficiency), from light for low values to dark for high ones.
  static constexpr std::string_view kFills[kMapBands] = {"#fde725", "#5ec962", "#21918c", "#3b528b",
                                                         "#440154"};
  return kFills[std::clamp(band, 1, kMapBands) - 1];
}

Html RenderChoroplethMap(const ChoroplethMap& map) {
  std::vector<const ingest::Rings*> outlines;
  std::vector<double> values;
  for (const MapArea& a : map.areas) {
    if (a.outline != nullptr) outlines.push_back(a.outline);
    if (std::isfinite(a.value)) values.push_back(a.value);
  }
  const std::vector<double> bounds = MapBandBounds(values);
  const MapProjection projection(outlines, 600, 10);
  const std::string title_id = map.id + "-title";
  const std::string desc_id = map.id + "-desc";
  const std::string pattern_id = map.id + "-nodata";
  Html h;
  h.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                 {"class", "waymark-chart waymark-map"},
                 {"viewBox", "0 0 600 " + OneDecimal(projection.Height())},
                 {"role", "img"},
                 {"aria-labelledby", title_id + " " + desc_id},
                 {"focusable", "false"}});
  h.Element("title", {{"id", title_id}}, map.title);
  h.Element("desc", {{"id", desc_id}}, map.description);
  h.Open("defs");
  h.Open("pattern", {{"id", pattern_id},
                     {"width", "6"},
                     {"height", "6"},
                     {"patternUnits", "userSpaceOnUse"},
                     {"patternTransform", "rotate(45)"}});
  h.Open("line", {{"x1", "0"},
                  {"y1", "0"},
                  {"x2", "0"},
                  {"y2", "6"},
                  {"stroke", kHatchInk},
                  {"stroke-width", "1.5"}})
      .Close("line");
  h.Close("pattern").Close("defs");
  for (const MapArea& a : map.areas) {
    if (a.outline == nullptr) continue;
    const int band = bounds.empty() && std::isfinite(a.value) ? 3 : MapBand(a.value, bounds);
    const std::string d = PathOf(*a.outline, projection);
    h.Open("g", {{"class", "waymark-map-area"}});
    if (band == 0) h.Open("path", {{"d", d}, {"fill", kNoDataFill}}).Close("path");
    h.Open("path",
           {{"d", d},
            {"fill", band == 0 ? "url(#" + pattern_id + ")" : std::string(MapBandFill(band))},
            {"fill-rule", "evenodd"},
            {"stroke", kHatchInk},
            {"stroke-width", "0.75"},
            {"data-area", a.code}});
    h.Element("title", {}, a.name + ": " + (std::isfinite(a.value) ? a.value_text : "no figure"));
    h.Close("path");
    h.Close("g");
  }
  h.Close("svg");
  Legend(h, map, bounds, pattern_id);
  return h;
}

}  // namespace waymark::report
