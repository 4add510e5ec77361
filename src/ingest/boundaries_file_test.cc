// Tests of reading area outlines from GeoJSON: the shipped ward file, skipped and bad features,
// and stored geometries parsed back.
#include "ingest/boundaries_file.h"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "ingest/ingest_test_util.h"

namespace waymark::ingest {
namespace {

using ::testing::HasSubstr;
using testing::kRoot;

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

// The problems of reading `text` as a GeoJSON file, as strings without the directory.
std::vector<std::string> ProblemsOf(const std::string& text) {
  TempDir dir;
  const auto report = ReadBoundariesFile(dir.Write("b.geojson", text), "code", Wards({"A"}));
  std::vector<std::string> out;
  for (const Error& e : report.problems) {
    const std::string s = e.ToString();
    out.push_back(s.substr(s.rfind('/') == std::string::npos ? 0 : s.find("b.geojson")));
  }
  return out;
}

// A feature collection of one feature of area A with `geometry`.
std::string Collection(const std::string& geometry, const std::string& code = "A") {
  return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":")" +
         code + R"("},"geometry":)" + geometry + "}]}";
}

const std::string kSquare =
    R"({"type":"Polygon","coordinates":[[[0,51],[0.1,51],[0.1,51.1],[0,51]]]})";

TEST(BoundariesFileTest, TextThatIsNotJsonIsAProblemAtItsPosition) {
  EXPECT_TRUE(ProblemsOf(Collection(kSquare)).empty());
  EXPECT_THAT(ProblemsOf("{\"type\":\n  \"FeatureCollection\",\n  \"features\": [NaN]}"),
              ::testing::ElementsAre(HasSubstr("b.geojson:3:16: not JSON: syntax error while "
                                               "parsing value - invalid literal")));
  EXPECT_THAT(ProblemsOf("{\"type\": 1e999}"),
              ::testing::ElementsAre("b.geojson:1:14: not JSON: number overflow parsing '1e999'"));
  // A text cut short is a problem just after its last character.
  EXPECT_THAT(ProblemsOf(Collection(kSquare).substr(0, 60)),
              ::testing::ElementsAre(HasSubstr("b.geojson:1:61: not JSON: syntax error")));
  EXPECT_THAT(ProblemsOf("\xEF\xBB\xBF" + Collection(kSquare)), ::testing::IsEmpty());
  EXPECT_THAT(ProblemsOf("{\"type\": \"Caf\xE9\"}"),
              ::testing::ElementsAre(HasSubstr("b.geojson:1:14: the text is not UTF-8")));
}

TEST(BoundariesFileTest, FeatureProblemsArePlacedByTheirJsonPointer) {
  EXPECT_TRUE(ProblemsOf(Collection(kSquare, "Z") + " ").empty());
  const std::string long_code(64, 'E');
  EXPECT_TRUE(ProblemsOf(Collection(kSquare, long_code)).empty());  // skipped, not a problem
  EXPECT_THAT(ProblemsOf(Collection(kSquare, long_code + "E")),
              ::testing::ElementsAre("b.geojson: /features/0: feature 1's 'code' is 65 bytes "
                                     "long, too long for an area code"));
  EXPECT_THAT(ProblemsOf(Collection("null")),
              ::testing::ElementsAre(HasSubstr("b.geojson: /features/0: feature 1 (A): ")));
}

TEST(BoundariesFileTest, LongStringsAndDeepNestingAreRefusedBeforeParsing) {
  const std::string most(std::size_t{1} << 20, 'x');  // with its quotes, 1 MiB + 1 characters
  EXPECT_TRUE(ProblemsOf(Collection(kSquare).insert(1, R"("note":")" + most.substr(1) + R"(",)"))
                  .empty());
  EXPECT_THAT(ProblemsOf(Collection(kSquare).insert(1, R"("note":")" + most + R"(",)")),
              ::testing::ElementsAre("b.geojson:1:9: a string longer than 1 MiB starts here; no "
                                     "GeoJSON needs one"));
  const auto nested = [](int depth) {  // depth counts the outer object
    return R"({"type":"FeatureCollection","features":[],"x":)" + std::string(depth - 1, '[') +
           std::string(depth - 1, ']') + "}";
  };
  EXPECT_TRUE(ProblemsOf(nested(64)).empty());
  EXPECT_THAT(ProblemsOf(nested(65)),
              ::testing::ElementsAre("b.geojson:1:110: arrays and objects nest more than 64 deep "
                                     "here; GeoJSON needs no more than eight"));
}

}  // namespace
}  // namespace waymark::ingest
