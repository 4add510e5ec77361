// Tests of the ward choropleth: projection, quintile bands, the shipped ward outlines drawn on
// the place page, wards without a figure, and hostile ward names.
#include "report/map.h"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/indicator_pages.h"

namespace waymark::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kRoot = WAYMARK_SOURCE_DIR;

ingest::Rings Square(double lon, double lat, double size) {
  return {{{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}}};
}

TEST(MapTest, ProjectionIsMonotoneAndFitsTheWidth) {
  const ingest::Rings a = Square(-0.3, 51.55, 0.1);
  const ingest::Rings b = Square(-0.15, 51.6, 0.05);
  const MapProjection p({&a, &b}, 600, 10);
  EXPECT_DOUBLE_EQ(p.X(-0.3), 10);
  EXPECT_DOUBLE_EQ(p.X(-0.1), 590);
  EXPECT_DOUBLE_EQ(p.Y(51.65), 10);
  EXPECT_NEAR(p.Y(51.55), p.Height() - 10, 1e-9);
  for (double lon = -0.3; lon < -0.1; lon += 0.01) EXPECT_LT(p.X(lon), p.X(lon + 0.01));
  for (double lat = 51.55; lat < 51.65; lat += 0.01) EXPECT_GT(p.Y(lat), p.Y(lat + 0.01));
  // A degree of longitude is cos(latitude) of a degree of latitude: 0.2° by 0.1° at 51.6°N.
  EXPECT_NEAR((p.Height() - 20) / 580, 0.1 / (0.2 * std::cos(51.6 * M_PI / 180)), 1e-9);
}

TEST(MapTest, BandsAreQuintilesWithBothSidesOfEachBound) {
  const std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  const auto bounds = MapBandBounds(values);
  ASSERT_EQ(bounds, (std::vector<double>{1, 3, 5, 7, 9, 11}));
  EXPECT_EQ(MapBand(1, bounds), 1);
  EXPECT_EQ(MapBand(3, bounds), 1);
  EXPECT_EQ(MapBand(3.0001, bounds), 2);
  EXPECT_EQ(MapBand(9, bounds), 4);
  EXPECT_EQ(MapBand(9.5, bounds), 5);
  EXPECT_EQ(MapBand(11, bounds), 5);
  EXPECT_EQ(MapBand(kNoValue, bounds), 0);
  EXPECT_TRUE(MapBandBounds({1, 2, 3}).empty()) << "fewer than four values are not banded";
  EXPECT_EQ(MapBand(2, {}), 0);
  EXPECT_NE(MapBandFill(1), MapBandFill(5));
}

TEST(MapTest, NoDataIsHatchedAndNamesAreEscaped) {
  const ingest::Rings a = Square(0, 51, 0.1), b = Square(0.1, 51, 0.1), c = Square(0, 51.1, 0.1),
                      d = Square(0.1, 51.1, 0.1), e = Square(0.2, 51, 0.1);
  ChoroplethMap map;
  map.id = "m";
  map.title = "Map <title>";
  map.description = "Description";
  map.areas = {{"W1", "One", &a, 10, "10%"},
               {"W2", "Two", &b, 20, "20%"},
               {"W3", "Three", &c, 30, "30%"},
               {"W4", "Four", &d, 40, "40%"},
               {"W5", "<script>alert(1)</script>", &e, kNoValue, ""}};
  const std::string svg = RenderChoroplethMap(map).Take();
  EXPECT_THAT(svg, HasSubstr("role=\"img\" aria-labelledby=\"m-title m-desc\""));
  EXPECT_THAT(svg, HasSubstr("<title id=\"m-title\">Map &lt;title&gt;</title>"));
  EXPECT_THAT(svg, HasSubstr("<pattern id=\"m-nodata\""));
  EXPECT_THAT(svg, HasSubstr("fill=\"url(#m-nodata)\""));
  EXPECT_THAT(svg, HasSubstr("<title>&lt;script&gt;alert(1)&lt;/script&gt;: no figure</title>"));
  EXPECT_THAT(svg, Not(HasSubstr("<script>")));
  EXPECT_THAT(svg, HasSubstr("<title>Four: 40%</title>"));
  EXPECT_THAT(svg, HasSubstr("No figure (1 area)"));
  // Bounds of 10, 20, 30, 40: [10, 16, 22, 28, 34, 40], so 30 is in the fourth band.
  EXPECT_THAT(svg, HasSubstr("10.0 to 16.0 (1 area)"));
  EXPECT_THAT(svg, HasSubstr("over 22.0 to 28.0 (0 areas)"));
  EXPECT_THAT(svg, HasSubstr("over 34.0 to 40.0 (1 area)"));
  EXPECT_THAT(svg, HasSubstr("fill=\"" + std::string(MapBandFill(4)) +
                             "\" fill-rule=\"evenodd\" "
                             "stroke=\"#505a5f\" stroke-width=\"0.75\" data-area=\"W3\""));
}

TEST(MapTest, FewerThanFourFiguresAreNotBanded) {
  const ingest::Rings a = Square(0, 51, 0.1), b = Square(0.1, 51, 0.1);
  ChoroplethMap map;
  map.id = "m";
  map.areas = {{"W1", "One", &a, 10, "10"}, {"W2", "Two", &b, kNoValue, ""}};
  const std::string svg = RenderChoroplethMap(map).Take();
  EXPECT_THAT(svg, HasSubstr("Figures of fewer than four areas: not banded"));
  EXPECT_THAT(svg, HasSubstr("fill=\"" + std::string(MapBandFill(3)) + "\""));
  EXPECT_THAT(svg, HasSubstr("No figure (1 area)"));
  EXPECT_THAT(svg, Not(HasSubstr(" to ")));
}

TEST(MapTest, PlacePageDrawsTheShippedWards) {
  std::vector<Area> areas = {{"E09000003", "Barnet", AreaType::kCouncil, "", ""}};
  for (int i = 43; i <= 63; ++i) {
    areas.push_back({"E050000" + std::to_string(i), "Ward " + std::to_string(i), AreaType::kWard,
                     "E09000003", ""});
  }
  areas[2].name = "Burnt Oak";  // E05000044
  const auto outlines = ingest::ReadBoundariesFile(
      kRoot + "/data/geography/barnet_wards_2014.geojson", "ward_code", areas);
  ASSERT_TRUE(outlines.ok());
  Indicator ind;
  ind.id = "ward-idaci";
  ind.title = "Children in income-deprived families";
  ind.unit = "%";
  std::vector<Assessment> rows;
  for (std::size_t i = 1; i < areas.size() - 1; ++i) {  // the last ward has no figure
    Assessment a;
    a.indicator = ind.id;
    a.area = areas[i].code;
    a.period = *ParsePeriod("2019");
    a.value = static_cast<double>(i);
    rows.push_back(a);
  }
  const IndicatorData data({ind}, areas, {}, rows, outlines.boundaries);
  const std::string page = RenderAreaPage(data, *data.FindArea("E09000003"));
  EXPECT_THAT(page, HasSubstr("Wards of Barnet"));
  EXPECT_THAT(page, HasSubstr("data-area=\"E05000044\""));
  EXPECT_THAT(page, HasSubstr("<title>Burnt Oak: 2.0%</title>"));
  EXPECT_THAT(page, HasSubstr("<title>Ward 63: no figure</title>"));
  EXPECT_THAT(page, HasSubstr("No figure (1 area)"));
  // The table: highest first, the ward without a figure last.
  EXPECT_LT(page.find(">Ward 62</th>"), page.find(">Ward 61</th>"));
  EXPECT_LT(page.find(">Ward 43</th>"), page.find(">Ward 63</th>"));
  EXPECT_THAT(page, HasSubstr("5 of 5 (highest)"));
  const IndicatorSeries* s = data.Find("ward-idaci");
  EXPECT_THAT(RenderIndicatorPage(data, *s, "E09000003"), HasSubstr("data-area=\"E05000063\""));
  EXPECT_EQ(WardCouncilOf(data, *s), "E09000003");
  EXPECT_THAT(IndicatorPageCsv(data, *s, "E09000003"), HasSubstr("ward-idaci,E05000044,2019,"));
  const std::string ward_csv = IndicatorPageCsv(data, *s, "E05000044");
  EXPECT_EQ(ward_csv.find("E05000044"), ward_csv.rfind("E05000044")) << "the ward's row once";
}

}  // namespace
}  // namespace waymark::report
