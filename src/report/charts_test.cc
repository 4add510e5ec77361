// Tests of the SVG charts and the indicator pages: structure and labelling of each chart,
// coordinates that follow the values, escaping of hostile titles and hidden small numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "report/charts.h"
#include "report/indicator_pages.h"
#include "report/report_test_util.h"

namespace waymark::report {
namespace {

using testing::Count;

constexpr std::string_view kHostile = "<script>alert('x')</script> & \"q\"";

// (value, coordinate) of every marker: data-value and the named coordinate attribute.
std::vector<std::pair<double, double>> Markers(const std::string& svg, const std::string& axis) {
  std::vector<std::pair<double, double>> out;
  const std::regex circle("<circle [^>]*c" + axis +
                          "=\"([-0-9.]+)\"[^>]*data-value=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), circle); it != std::sregex_iterator();
       ++it) {
    out.emplace_back(std::stod((*it)[2]), std::stod((*it)[1]));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectLabelledSvg(const std::string& svg, const std::string& id) {
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_EQ(Count(svg, "<svg"), 1);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"" + id + "-title " + id + "-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"" + id + "-title\">"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"" + id + "-desc\">"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(Count(svg, "<circle"), Count(svg, "</circle>"));
  EXPECT_EQ(Count(svg, "<line"), Count(svg, "</line>"));
  EXPECT_EQ(Count(svg, "<text"), Count(svg, "</text>"));
}

TEST(ChartsTest, TrendChartIsLabelledAndHigherValuesAreHigherUp) {
  TrendChart chart;
  chart.id = "t";
  chart.title = "Trend " + std::string(kHostile);
  chart.description = "Described " + std::string(kHostile);
  chart.area_name = "Barnet";
  chart.target = 50;
  const double values[] = {40, 55, 30, 70, 62};
  for (int i = 0; i < 5; ++i) {
    chart.points.push_back({"201" + std::to_string(i), values[i], values[i] - 3, values[i] + 3, 50,
                            48, i % 2 ? "Better" : "Worse"});
  }
  const std::string svg = RenderTrendChart(chart).Take();
  ExpectLabelledSvg(svg, "t");
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("Trend &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"),
            std::string::npos);
  const auto markers = Markers(svg, "y");
  ASSERT_EQ(markers.size(), 5u);
  for (std::size_t i = 1; i < markers.size(); ++i) {
    EXPECT_LT(markers[i].second, markers[i - 1].second);  // SVG y grows downwards
  }
  EXPECT_NE(svg.find(std::string(JudgementFill("Better"))), std::string::npos);
  EXPECT_NE(svg.find("Target 50"), std::string::npos);
}

TEST(ChartsTest, ComparisonChartPlacesHigherValuesToTheRight) {
  ComparisonChart chart;
  chart.id = "c";
  chart.title = kHostile;
  chart.description = "d";
  chart.england = 20;
  for (int i = 0; i < 6; ++i) {
    chart.bars.push_back({"Area " + std::string(kHostile), 10.0 + i * 3, 9.0 + i * 3, 11.0 + i * 3,
                          "Similar", i == 2});
  }
  chart.bars.push_back({"Hidden", kNoValue, kNoValue, kNoValue, "", false});
  const std::string svg = RenderComparisonChart(chart).Take();
  ExpectLabelledSvg(svg, "c");
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  const auto markers = Markers(svg, "x");
  ASSERT_EQ(markers.size(), 6u);
  for (std::size_t i = 1; i < markers.size(); ++i) {
    EXPECT_GT(markers[i].second, markers[i - 1].second);
  }
  EXPECT_NE(svg.find("England 20"), std::string::npos);
  EXPECT_NE(svg.find("font-weight=\"bold\""), std::string::npos);  // the highlighted area
}

TEST(ChartsTest, SpineChartCentresEngland) {
  SpineRow row{"s", "Spine " + std::string(kHostile), "desc", 30, 20, 5, 15, 25, 40, "Worse"};
  const std::string svg = RenderSpineChart(row).Take();
  ExpectLabelledSvg(svg, "s");
  EXPECT_NE(svg.find("x1=\"150.0\""), std::string::npos);
  const auto markers = Markers(svg, "x");
  ASSERT_EQ(markers.size(), 1u);
  EXPECT_GT(markers[0].second, 150.0);  // above England: right of centre
  row.value = 10;
  const auto below = Markers(RenderSpineChart(row).Take(), "x");
  ASSERT_EQ(below.size(), 1u);
  EXPECT_LT(below[0].second, 150.0);
}

TEST(ChartsTest, PaletteHasTextLabelsAndReadableInk) {
  EXPECT_EQ(JudgementLetter("Better"), "B");
  EXPECT_EQ(JudgementLetter("Similar"), "S");
  EXPECT_EQ(JudgementLetter("Worse"), "W");
  EXPECT_EQ(JudgementLetter("Not compared"), "N");
  EXPECT_EQ(JudgementInk("Worse"), "#ffffff");
  EXPECT_EQ(JudgementInk("Similar"), "#0b0c0c");
  EXPECT_EQ(ChartNumber(12), "12");
  EXPECT_EQ(ChartNumber(12.345), "12.3");
  EXPECT_EQ(ChartNumber(kNoValue), "no value");
  // The fifths among English councils: digits and a purple scale, not the significance colours.
  EXPECT_EQ(JudgementLetter("Best fifth"), "1");
  EXPECT_EQ(JudgementLetter("Worst fifth"), "5");
  EXPECT_EQ(JudgementLetter("Lowest fifth"), "1");
  EXPECT_EQ(JudgementLetter("Second-highest fifth"), "4");
  EXPECT_EQ(JudgementInk("Best fifth"), "#ffffff");
  EXPECT_EQ(JudgementInk("Middle fifth"), "#0b0c0c");
  EXPECT_NE(JudgementFill("Best fifth"), JudgementFill("Better"));
  EXPECT_EQ(JudgementTagClass("Better"), "govuk-tag govuk-tag--green");
  EXPECT_EQ(JudgementTagClass("Worst fifth"), "govuk-tag govuk-tag--purple");
  EXPECT_EQ(JudgementTagClass(""), "govuk-tag govuk-tag--grey");
  EXPECT_EQ(JudgementReportClass("Much worse"), "report-tag report-tag--worse");
  EXPECT_EQ(JudgementReportClass("Lowest fifth"), "report-tag report-tag--fifth");
}

std::vector<double> Ticks(double lo, double hi) { return RoundAxis(lo, hi).ticks; }

TEST(ChartsTest, AxesUseRoundTicksCoveringTheData) {
  using V = std::vector<double>;
  EXPECT_EQ(Ticks(40.3, 121.2), (V{40, 60, 80, 100, 120, 140}));
  EXPECT_EQ(Ticks(40, 120), (V{40, 60, 80, 100, 120}));  // ends on round values stay
  EXPECT_EQ(Ticks(121.2, 40.3), Ticks(40.3, 121.2));
  EXPECT_EQ(Ticks(0, 1), (V{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}));
  EXPECT_EQ(Ticks(-3.2, 1.1), (V{-4, -3, -2, -1, 0, 1, 2}));
  EXPECT_EQ(Ticks(1200, 9800), (V{0, 2000, 4000, 6000, 8000, 10000}));
  // One value alone gets a range around it.
  const ChartAxis one = RoundAxis(50, 50);
  EXPECT_LT(one.lo, 50);
  EXPECT_GT(one.hi, 50);
  // Every step is 1, 2 or 5 times a power of ten, and the ticks cover the data.
  for (const auto& [lo, hi] : {std::pair{0.012, 0.047}, {3.3, 3.9}, {17.0, 983.0}, {-0.5, 0.5}}) {
    const ChartAxis axis = RoundAxis(lo, hi);
    const double mantissa = axis.step / std::pow(10.0, std::floor(std::log10(axis.step)));
    EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
                std::fabs(mantissa - 5) < 1e-9)
        << axis.step;
    EXPECT_LE(axis.lo, lo);
    EXPECT_GE(axis.hi, hi);
    EXPECT_GE(axis.ticks.size(), 4u);
    EXPECT_LE(axis.ticks.size(), 12u);
  }
  EXPECT_EQ(TickLabel(0.2, 0.2), "0.2");
  EXPECT_EQ(TickLabel(0.05, 0.01), "0.05");
  EXPECT_EQ(TickLabel(-1e-17, 0.1), "0");
  EXPECT_EQ(TickLabel(120, 20), "120");
}

TEST(ChartsTest, TrendChartAxisIsLabelledWithRoundValues) {
  TrendChart chart;
  chart.id = "r";
  chart.title = "Round";
  chart.description = "Round ticks";
  chart.area_name = "Barnet";
  const double values[] = {40.3, 60.7, 81.2, 100.4, 121.2};
  for (int i = 0; i < 5; ++i) {
    chart.points.push_back({"201" + std::to_string(i), values[i], kNoValue, kNoValue, kNoValue,
                            kNoValue, "Not compared"});
  }
  const std::string svg = RenderTrendChart(chart).Take();
  for (std::string_view tick : {">40</text>", ">60</text>", ">80</text>", ">100</text>",
                                ">120</text>", ">140</text>"}) {
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  }
  EXPECT_EQ(svg.find(">60.7</text>"), std::string::npos);
}

Assessment Row(std::string area, int year, double value, std::string_view vs) {
  Assessment a;
  a.indicator = "hostile";
  a.area = std::move(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.value = value;
  a.lower95 = value - 1;
  a.upper95 = value + 1;
  a.count = value * 10;
  a.denominator = 1000;
  a.vs_england = ParseComparison(vs).value();
  a.recent_trend = RecentTrend::kIncreasingGettingBetter;
  return a;
}

IndicatorData HostileData() {
  Indicator ind;
  ind.id = "hostile";
  ind.title = "Indicator " + std::string(kHostile);
  ind.definition = "Definition " + std::string(kHostile);
  ind.disclosure_min_count = 5;
  ind.plan = "p";
  ind.outcomes = {"o1"};
  std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                             {"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                             {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                             {"E09000007", "Camden <b>", AreaType::kCouncil, "E12000007", ""}};
  std::vector<Assessment> rows;
  for (int y = 2019; y <= 2022; ++y) {
    rows.push_back(Row("E92000001", y, 50, ""));
    rows.push_back(Row("E12000007", y, 52, "Similar"));
    rows.push_back(Row("E09000003", y, 40 + y - 2019, "Worse"));
    rows.push_back(Row("E09000007", y, 60, "Better"));
  }
  Assessment hidden = Row("E09000003", 2023, 123456.789, "Worse");
  hidden.count = 987654;
  hidden.denominator = 999999;
  hidden.suppressed = true;
  rows.push_back(hidden);
  return IndicatorData({ind}, areas, {}, rows);
}

TEST(IndicatorPagesTest, EscapesHostileTextAndNeverShowsSuppressedFigures) {
  const IndicatorData data = HostileData();
  const IndicatorSeries* s = data.Find("hostile");
  ASSERT_NE(s, nullptr);
  Plan plan;
  plan.id = "p";
  Outcome outcome;
  outcome.id = "o1";
  const std::string pages[] = {RenderIndicatorPage(data, *s, "E09000003"),
                               RenderComparePage(data, *s, "E09000003"),
                               RenderTartanRug(data),
                               RenderAreaPage(data, *data.FindArea("E09000003")),
                               RenderIndicatorList(data, ""),
                               OutcomeIndicatorSpine(data, plan, outcome).Take(),
                               IndicatorPageCsv(data, *s, "E09000003")};
  for (const std::string& page : pages) {
    EXPECT_EQ(page.find("<script>"), std::string::npos);
    EXPECT_EQ(page.find("<b>"), std::string::npos);
    for (const char* hidden : {"123456", "987654", "999999"}) {
      EXPECT_EQ(page.find(hidden), std::string::npos) << hidden;
    }
  }
  EXPECT_NE(pages[0].find("suppressed: fewer than 5"), std::string::npos);
  EXPECT_NE(pages[0].find("Indicator &lt;script&gt;"), std::string::npos);
  EXPECT_NE(pages[0].find("<svg"), std::string::npos);
  EXPECT_NE(pages[2].find("waymark-j-B"), std::string::npos);
  EXPECT_NE(pages[5].find("spine-1-title"), std::string::npos);
}

TEST(IndicatorPagesTest, OverviewCountsJudgementsAndTrends) {
  const IndicatorData data = HostileData();
  Plan plan;
  plan.id = "p";
  Outcome outcome;
  outcome.id = "o1";
  // The latest figure is suppressed: its judgement (Worse) says something of the small number,
  // so it is left out of the counts as it is of every page and report.
  const std::string html = OverviewIndicatorSummary(data, plan, outcome).Take();
  EXPECT_NE(html.find(">0</strong> worse than England"), std::string::npos);
  EXPECT_NE(html.find(">0</strong> better than England"), std::string::npos);
  EXPECT_NE(html.find(">1</strong> improving"), std::string::npos);
  outcome.id = "other";
  EXPECT_TRUE(OverviewIndicatorSummary(data, plan, outcome).IsEmpty());
}

TEST(IndicatorPagesTest, SearchMatchesEveryWord) {
  const IndicatorData data = HostileData();
  EXPECT_EQ(SearchIndicators(data, "").size(), 1u);
  EXPECT_EQ(SearchIndicators(data, "definition SCRIPT").size(), 1u);
  EXPECT_EQ(SearchIndicators(data, "definition nothing").size(), 0u);
}

}  // namespace
}  // namespace waymark::report
