// Reading area outlines from GeoJSON and parsing stored geometries.
#include "ingest/boundaries_file.h"

#include <cmath>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/plan_file.h"
#include "ingest/text_check.h"

namespace waymark::ingest {
namespace {

using nlohmann::json;

// The longest area code a feature may give.
constexpr std::size_t kMaxCodeLength = 64;
// Bounds on the parsed document's shape, well beyond any GeoJSON's (a MultiPolygon's positions
// are eight levels deep), that keep its memory near the file's size.
constexpr int kMaxJsonDepth = 64;
constexpr std::size_t kMaxJsonString = std::size_t{1} << 20;

// A string longer than kMaxJsonString or nesting deeper than kMaxJsonDepth in JSON text, found
// by following its quotes, escapes and brackets before it is parsed (a text that is not JSON is
// left to the parser).
std::optional<Error> JsonShapeProblem(std::string_view text, const std::string& path) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t start = i;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (i - start > kMaxJsonString) {
        return Error{ErrorCode::kParse,
                     fmt::format("a string longer than {} MiB starts here; no GeoJSON needs one",
                                 kMaxJsonString >> 20),
                     PositionInText(text, start, path)};
      }
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return Error{ErrorCode::kParse,
                     fmt::format("arrays and objects nest more than {} deep here; GeoJSON needs "
                                 "no more than eight",
                                 kMaxJsonDepth),
                     PositionInText(text, i, path)};
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

// A SAX pass over JSON text that keeps nothing but where and why it stops being JSON.
struct JsonErrorFinder {
  std::size_t position = 0;  // characters read when the error was found
  std::string message;

  bool null() { return true; }
  bool boolean(bool /*value*/) { return true; }
  bool number_integer(json::number_integer_t /*value*/) { return true; }
  bool number_unsigned(json::number_unsigned_t /*value*/) { return true; }
  bool number_float(json::number_float_t /*value*/, const json::string_t& /*text*/) {
    return true;
  }
  bool string(json::string_t& /*value*/) { return true; }
  bool binary(json::binary_t& /*value*/) { return true; }
  bool start_object(std::size_t /*elements*/) { return true; }
  bool key(json::string_t& /*value*/) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t /*elements*/) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t at, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) {
    position = at;
    message = e.what();
    return false;
  }
};

// Why `text` is not JSON, at the position of the character where that became clear. The
// library's message loses its "[json.exception...]" tag and its own (byte) position.
Error JsonError(std::string_view text, const std::string& path) {
  JsonErrorFinder finder;
  json::sax_parse(text, &finder);
  std::string message = finder.message;
  if (message.starts_with('[')) message.erase(0, message.find("] ") + 2);
  if (message.starts_with("parse error") && message.find(": ") != std::string::npos) {
    message.erase(0, message.find(": ") + 2);
  }
  const std::size_t offset = finder.position > 0 ? finder.position - 1 : 0;
  return Error{ErrorCode::kParse, fmt::format("not JSON: {}", message),
               PositionInText(text, offset, path)};
}

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
  // A feature's problem is placed by its JSON pointer (the parsed document keeps no lines).
  const auto problem = [&](int feature, std::string message) {
    report.problems.push_back(Error{ErrorCode::kValidation,
                                    fmt::format("/features/{}: {}", feature - 1, message),
                                    SourcePos{path}});
  };
  auto text = ReadTextFile(path);
  if (!text) {
    report.problems.push_back(text.error());
    return report;
  }
  if (auto fault = CheckTextEncoding(*text, path, "GeoJSON")) {
    report.problems.push_back(std::move(*fault));
    return report;
  }
  if (auto shape = JsonShapeProblem(*text, path)) {
    report.problems.push_back(std::move(*shape));
    return report;
  }
  const json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded()) {
    report.problems.push_back(JsonError(*text, path));
    return report;
  }
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
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
    if (code.size() > kMaxCodeLength) {
      problem(n, fmt::format("feature {}'s '{}' is {} bytes long, too long for an area code", n,
                             code_property, code.size()));
      continue;
    }
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
