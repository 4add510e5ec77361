// The index page and its rank-band chart: structure, order, escaping, the not-computed state.
#include "report/index_page.h"

#include <gtest/gtest.h>

#include <regex>

namespace waymark::report {
namespace {

std::vector<double> Attributes(const std::string& svg, const std::string& name) {
  std::vector<double> out;
  const std::regex re(name + "=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stod((*it)[1]));
  }
  return out;
}

TEST(RankBandChart, OneDotPerRankedAreaLeftToRightByRank) {
  RankBandChart chart;
  chart.id = "c";
  chart.title = "Ranks <b>";
  chart.description = "Three areas";
  chart.ranked = 3;
  chart.rows = {{"First & best", 1, 1, 1, 2, false},
                {"Second", 2, 2.5, 1, 3, true},
                {"Third", 3, 3, 2, 3, false},
                {"Unranked", kNoValue, kNoValue, kNoValue, kNoValue, false}};
  const std::string svg = RenderRankBandChart(chart).Take();
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"c-title c-desc\""), std::string::npos);
  EXPECT_NE(svg.find("Ranks &lt;b&gt;"), std::string::npos);
  EXPECT_NE(svg.find("First &amp; best"), std::string::npos);
  const auto cx = Attributes(svg, "cx");
  ASSERT_EQ(cx.size(), 3u);  // the unranked area has no dot
  EXPECT_LT(cx[0], cx[1]);
  EXPECT_LT(cx[1], cx[2]);
  const auto cy = Attributes(svg, "cy");
  EXPECT_LT(cy[0], cy[1]);
  EXPECT_NE(svg.find("fill=\"#d4351c\""), std::string::npos);  // the highlighted area
  EXPECT_NE(svg.find("data-rank=\"2\""), std::string::npos);
}

Plan IndexPlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "Plan";
  CompositeIndex index;
  index.id = "ffi";
  index.title = "Index <i>";
  index.measures = {IndexMeasure{"m", "Measure", {}, {}, "", {}}};
  plan.index = index;
  return plan;
}

TEST(IndexPage, NotComputedSaysHow) {
  const Plan plan = IndexPlan();
  const IndicatorData data;
  IndexPage page;
  page.plan = &plan;
  page.data = &data;
  const std::string html = RenderIndexPage(page);
  EXPECT_NE(html.find("has not been computed yet"), std::string::npos);
  EXPECT_NE(html.find("Index &lt;i&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
}

TEST(IndexPage, RanksAndBandsInTheTable) {
  const Plan plan = IndexPlan();
  const IndicatorData data({}, {{"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""}}, {},
                           {});
  store::IndexResults results;
  results.runs = 10;
  results.comparison = "london";
  results.measures_used = {"m"};
  store::IndexAreaYear row{"E09000003", 2024, 61.26, 1, 1.5, 1, 2.96, {{"m", 61.26, 61.26}}};
  results.rows = {row, store::IndexAreaYear{"E09000007", 2024, 50, 2, 2, 1, 2, {}}};
  IndexPage page;
  page.plan = &plan;
  page.results = &results;
  page.data = &data;
  page.home_area = "E09000003";
  page.year = 2024;
  page.area = "E09000003";
  const std::string html = RenderIndexPage(page);
  EXPECT_NE(html.find("Barnet in 2024"), std::string::npos);
  EXPECT_NE(html.find("1 to 3"), std::string::npos);  // 2.96 reads as 3
  EXPECT_NE(html.find(">1.5<"), std::string::npos);   // a median between two ranks
  EXPECT_NE(html.find(">61.3<"), std::string::npos);
  EXPECT_NE(html.find("E09000007"), std::string::npos);  // an unnamed area shows its code
  EXPECT_EQ(IndexYears(results), std::vector<int>{2024});
}

}  // namespace
}  // namespace waymark::report
