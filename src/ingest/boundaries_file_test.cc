// Tests of reading area outlines from GeoJSON: the shipped ward file, skipped and bad features,
// and stored geometries parsed back.
#include "ingest/boundaries_file.h"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"

namespace waymark::ingest {
namespace {

using ::testing::HasSubstr;

const std::string kRoot = WAYMARK_SOURCE_DIR;

std::vector<Area> Wards(std::initializer_list<const char*> codes) {
  std::vector<Area> out;
  for (const char* c : codes) out.push_back({c, c, AreaType::kWard, "E09000003", ""});
  return out;
}

TEST(BoundariesFileTest, ReadsTheShippedBarnetWards) {
  std::vector<Area> known;
  for (int i = 43; i <= 63; ++i) {
    known.push_back({"E050000" + std::to_string(i), "", AreaType::kWard, "E09000003", ""});
  }
  const auto report =
      ReadBoundariesFile(kRoot + "/data/geography/barnet_wards_2014.geojson", "ward_code", known);
  ASSERT_TRUE(report.ok()) << report.problems.front().ToString();
  ASSERT_EQ(report.boundaries.size(), 21u);
  EXPECT_TRUE(report.skipped.empty());
  EXPECT_EQ(report.boundaries[1].area, "E05000044");  // Burnt Oak
  const auto rings = ParseGeometry(report.boundaries[1].geometry);
  ASSERT_TRUE(rings.has_value());
  ASSERT_FALSE(rings->empty());
  for (const LonLat& p : rings->front()) {
    EXPECT_GT(p.lat, 51.5);
    EXPECT_LT(p.lat, 51.7);
    EXPECT_GT(p.lon, -0.35);
    EXPECT_LT(p.lon, -0.1);
  }
}

TEST(BoundariesFileTest, SkipsUnknownAreasAndReportsBadFeatures) {
  TempDir dir;
  const std::string square = R"("coordinates":[[[0,51],[0.1,51],[0.1,51.1],[0,51]]])";
  const std::string path = dir.Write(
      "w.geojson",
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon",)" +
          square +
          "}},"
          R"({"type":"Feature","properties":{"code":"Z"},"geometry":{"type":"Polygon",)" +
          square +
          "}},"
          R"({"type":"Feature","properties":{"name":"no code"},"geometry":null},)"
          R"({"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Point","coordinates":[0,1]}},)"
          R"({"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon",)" +
          square +
          "}},"
          R"({"type":"Feature","properties":{"code":"C"},"geometry":{"type":"Polygon","coordinates":[[[0,95],[1,0],[0,1],[0,95]]]}}]})");
  const auto report = ReadBoundariesFile(path, "code", Wards({"A", "B", "C"}));
  ASSERT_EQ(report.boundaries.size(), 1u);
  EXPECT_EQ(report.boundaries[0].area, "A");
  EXPECT_EQ(report.skipped, std::vector<std::string>{"Z"});
  ASSERT_EQ(report.problems.size(), 4u);
  EXPECT_THAT(report.problems[0].ToString(), HasSubstr("feature 3 has no text property 'code'"));
  EXPECT_THAT(report.problems[1].message, HasSubstr("Polygon or MultiPolygon"));
  EXPECT_THAT(report.problems[2].message, HasSubstr("repeats area 'A'"));
  EXPECT_THAT(report.problems[3].message, HasSubstr("is not a longitude and latitude"));
  EXPECT_FALSE(ReadBoundariesFile(dir.Write("x.geojson", "[1,2]"), "code", {}).ok());
  EXPECT_FALSE(ReadBoundariesFile(dir.File("missing.geojson"), "code", {}).ok());
}

TEST(BoundariesFileTest, ParsesPolygonsAndMultiPolygons) {
  const auto multi =
      ParseGeometry(R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,1],[0,0]]],)"
                    R"([[[2,2],[3,2],[2,3],[2,2]],[[2.1,2.1],[2.2,2.1],[2.1,2.2],[2.1,2.1]]]]})");
  ASSERT_TRUE(multi.has_value());
  EXPECT_EQ(multi->size(), 3u);
  EXPECT_EQ((*multi)[1][1].lon, 3);
  EXPECT_FALSE(ParseGeometry("not json").has_value());
  EXPECT_FALSE(ParseGeometry(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})"));
  EXPECT_FALSE(ParseGeometry(R"({"type":"Polygon","coordinates":[[[0,"x"],[1,0],[0,1],[0,0]]]})"));
}

}  // namespace
}  // namespace waymark::ingest
