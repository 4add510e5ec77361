// Reading area outlines from GeoJSON and parsing stored geometries.
#include "ingest/boundaries_file.h"

#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/plan_file.h"

namespace waymark::ingest {
namespace {

using nlohmann::json;

Status ReadRing(const json& ring, std::vector<LonLat>& out) {
  if (!ring.is_array() || ring.size() < 4) {
    return MakeError(ErrorCode::kValidation, "a ring needs at least four positions");
  }
  for (const json& pos : ring) {
    if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
      return MakeError(ErrorCode::kValidation, "a position must be [longitude, latitude]");
    }
    const LonLat p{pos[0].get<double>(), pos[1].get<double>()};
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lon) > 180 ||
        std::abs(p.lat) > 90) {
      return MakeError(
          ErrorCode::kValidation,
          fmt::format("position [{}, {}] is not a longitude and latitude", p.lon, p.lat));
    }
    out.push_back(p);
  }
  return {};
}

Status ReadPolygon(const json& polygon, Rings& rings) {
  if (!polygon.is_array() || polygon.empty()) {
    return MakeError(ErrorCode::kValidation, "a polygon needs at least one ring");
  }
  for (const json& ring : polygon) {
    rings.emplace_back();
    WAYMARK_TRY(ReadRing(ring, rings.back()));
  }
  return {};
}

Result<Rings> FromJson(const json& geometry) {
  if (!geometry.is_object() || !geometry.contains("type") || !geometry.contains("coordinates")) {
    return MakeError(ErrorCode::kValidation, "a geometry needs 'type' and 'coordinates'");
  }
  const json& type = geometry["type"];
  const json& coordinates = geometry["coordinates"];
  Rings rings;
  if (type == "Polygon") {
    WAYMARK_TRY(ReadPolygon(coordinates, rings));
    return rings;
  }
  if (type == "MultiPolygon" && coordinates.is_array() && !coordinates.empty()) {
    for (const json& polygon : coordinates) WAYMARK_TRY(ReadPolygon(polygon, rings));
    return rings;
  }
  return MakeError(ErrorCode::kValidation, "the geometry must be a Polygon or MultiPolygon");
}

}  // namespace

Result<Rings> ParseGeometry(std::string_view geojson) {
  const json geometry = json::parse(geojson, nullptr, false);
  if (geometry.is_discarded()) return MakeError(ErrorCode::kParse, "the geometry is not JSON");
  return FromJson(geometry);
}

BoundariesFileReport ReadBoundariesFile(const std::string& path, std::string_view code_property,
                                        const std::vector<Area>& known) {
  BoundariesFileReport report;
  const auto problem = [&](int feature, std::string message) {
    report.problems.push_back(
        Error{ErrorCode::kValidation, std::move(message), SourcePos{path, 1, feature}});
  };
  auto text = ReadTextFile(path);
  if (!text) {
    report.problems.push_back(text.error());
    return report;
  }
  const json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array()) {
    report.problems.push_back(Error{ErrorCode::kParse, "not a GeoJSON FeatureCollection", {path}});
    return report;
  }
  std::set<std::string, std::less<>> codes;
  for (const Area& a : known) codes.insert(a.code);
  std::set<std::string> seen;
  int n = 0;
  for (const json& feature : doc["features"]) {
    ++n;
    const json* props =
        feature.is_object() && feature.contains("properties") ? &feature["properties"] : nullptr;
    if (props == nullptr || !props->is_object() || !props->contains(code_property) ||
        !(*props)[std::string(code_property)].is_string()) {
      problem(n, fmt::format("feature {} has no text property '{}'", n, code_property));
      continue;
    }
    const std::string code = (*props)[std::string(code_property)].get<std::string>();
    if (!seen.insert(code).second) {
      problem(n, fmt::format("feature {} repeats area '{}'", n, code));
      continue;
    }
    if (!feature.contains("geometry")) {
      problem(n, fmt::format("feature {} ({}) has no geometry", n, code));
      continue;
    }
    auto rings = FromJson(feature["geometry"]);
    if (!rings) {
      problem(n, fmt::format("feature {} ({}): {}", n, code, rings.error().message));
      continue;
    }
    if (codes.count(code) == 0) {
      report.skipped.push_back(code);
      continue;
    }
    report.boundaries.push_back(AreaBoundary{code, feature["geometry"].dump()});
  }
  return report;
}

}  // namespace waymark::ingest
