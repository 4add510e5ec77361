// Tests of the inequalities section of an indicator page and of the plan's gaps page: judged
// figures by group in, HTML out (headings, table cells, the words of each judgement, suppressed
// gaps as words with no number, the slope index sentence or why it cannot be calculated).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "report/gaps_page.h"
#include "report/indicator_pages.h"
#include "report/inequality_charts.h"
#include "report/inequality_section.h"
#include "report/report_test_util.h"

namespace waymark::report {
namespace {

using testing::Count;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kBarnet = "E09000003";
const std::vector<std::string> kQuintiles = {"Most deprived", "Second", "Middle", "Fourth",
                                           "Least deprived"};
constexpr std::string_view kQuintileType = "Deprivation quintiles (IMD2019)";

Indicator TestIndicator() {
  Indicator ind;
  ind.id = "injuries";
  ind.title = "Injuries";
  ind.value_type = ValueType::kRate;
  ind.multiplier = 1000;
  ind.method = CiMethod::kSupplied;
  ind.unit = "per 1,000";
  ind.disclosure_min_count = 5;
  ind.plan = "p";
  ind.outcomes = {"o1"};
  ind.objectives = {"obj1"};
  BreakdownDimension sex;
  sex.kind = DimensionKind::kSex;
  sex.label = "Sex";
  sex.comparison = "Female";
  BreakdownDimension dep;
  dep.kind = DimensionKind::kDeprivation;
  dep.label = "Deprivation quintile (IMD 2019)";
  dep.category_types = {std::string(kQuintileType)};
  dep.categories = kQuintiles;
  dep.comparison = "Least deprived";
  ind.breakdowns = {sex, dep};
  return ind;
}

Assessment Figure(std::string_view area, int year, Breakdown b, double value, double half = 1) {
  Assessment a;
  a.indicator = "injuries";
  a.area = std::string(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.breakdown = std::move(b);
  a.value = value;
  a.lower95 = value - half;
  a.upper95 = value + half;
  return a;
}

Breakdown Sex(std::string sex) { return Breakdown{std::move(sex), "", "", ""}; }
Breakdown Quintile(std::size_t i) {
  return Breakdown{"Persons", "", std::string(kQuintileType), kQuintiles[i]};
}

// Barnet by sex, 2017 to 2021: female 50 every year, male 50 + gap with gaps 30, 25, 20, 15,
// 10 (each figure ±1): a narrowing gap, the latest +10.0.
std::vector<Assessment> SexFigures() {
  std::vector<Assessment> out;
  for (int y = 2017; y <= 2021; ++y) {
    out.push_back(Figure(kBarnet, y, Sex("Female"), 50));
    out.push_back(Figure(kBarnet, y, Sex("Male"), 50 + 30 - 5 * (y - 2017)));
  }
  return out;
}

// England by quintile in 2021: 90, 80, 70, 60, 50 with equal populations, so the SII is
// exactly -50 (fitted 95 at rank 0, 45 at rank 1).
std::vector<Assessment> QuintileFigures() {
  std::vector<Assessment> out;
  for (std::size_t i = 0; i < kQuintiles.size(); ++i) {
    Assessment a = Figure(kEnglandCode, 2021, Quintile(i), 90 - 10.0 * static_cast<double>(i), 2);
    a.count = a.value * 10;
    a.denominator = 10000;
    out.push_back(a);
  }
  return out;
}

InequalityRequest Barnet() {
  InequalityRequest r;
  r.area = std::string(kBarnet);
  r.area_name = "Barnet";
  return r;
}

std::string Section(const std::vector<Assessment>& figures,
                    const InequalityRequest& request = Barnet()) {
  return InequalitySection(TestIndicator(), Breakdown{}, figures, request).Take();
}

// The text of the first table row (after `from`) whose header starts with `header`, each run
// of tags replaced by "|".
std::string RowText(const std::string& html, const std::string& header,
                    std::string_view from = {}) {
  const std::string rest = html.substr(from.empty() ? 0 : std::min(html.find(from), html.size()));
  const std::regex row("<tr[^>]*><th scope=\"row\"[^>]*>" + header + "(.*?)</tr>");
  std::smatch m;
  if (!std::regex_search(rest, m, row)) return "";
  return std::regex_replace(std::string(m[1]), std::regex("(<[^>]+>)+"), "|");
}

TEST(InequalitySection, ShowsEachGroupItsGapAndTheGapOverTime) {
  const std::string html = Section(SexFigures());
  EXPECT_THAT(html, HasSubstr("<h2 class=\"govuk-heading-l\" id=\"inequalities\">Inequalities"));
  EXPECT_THAT(html, HasSubstr("<h3 class=\"govuk-heading-m\" id=\"inequalities-sex\">By sex</h3>"));
  EXPECT_THAT(html, HasSubstr("href=\"#inequalities-sex\""));
  EXPECT_THAT(html, HasSubstr("Figures for Barnet in 2021. Each group is compared with Female."));
  // Male 60 ± 1 against female 50 ± 1: gap 10 ± 1.96·√2·(1/1.96).
  const std::string male = RowText(html, "Male");
  EXPECT_THAT(male, HasSubstr("|60.0|"));
  EXPECT_THAT(male, HasSubstr("|+10.0|"));
  EXPECT_THAT(male, HasSubstr("|8.6 to 11.4|"));
  EXPECT_THAT(male, HasSubstr("|1.20 (1.17 to 1.23)|"));
  EXPECT_THAT(male, HasSubstr("|Higher, significant at 95%|"));
  EXPECT_THAT(RowText(html, "Female \\(comparison group\\)"), HasSubstr("|comparison group|"));
  EXPECT_THAT(html, HasSubstr("Gap over time: Male against Female"));
  EXPECT_THAT(html, HasSubstr("Trend of the gap to 2021: <strong>Gap narrowing</strong>."));
  // The gap table, newest first: 2017's gap of 30 had no five-year window yet.
  EXPECT_THAT(RowText(html, "2017"), HasSubstr("|+30.0|"));
  EXPECT_THAT(RowText(html, "2017"), HasSubstr("|Cannot be calculated|"));
  EXPECT_LT(html.find("<th scope=\"row\" class=\"govuk-table__header\">2021"),
            html.find("<th scope=\"row\" class=\"govuk-table__header\">2017"));
  // Charts: a labelled image each, presentation attributes only.
  EXPECT_THAT(html, HasSubstr("aria-labelledby=\"ineq-1-groups-title ineq-1-groups-desc\""));
  EXPECT_THAT(html, HasSubstr("aria-labelledby=\"ineq-1-gap-1-title ineq-1-gap-1-desc\""));
  EXPECT_THAT(html, Not(HasSubstr("style=")));
  // No England figures by deprivation were given: the breakdown says so.
  EXPECT_THAT(html, HasSubstr("There are no figures for Barnet by deprivation quintile"));
}

TEST(InequalitySection, AGapWithASuppressedFigureIsWordsWithNoNumber) {
  std::vector<Assessment> figures = SexFigures();
  for (Assessment& a : figures) {
    if (a.period.Label() == "2021" && a.breakdown.sex == "Male") {
      a.value = 77.7;  // must never show, nor the gap it would make (27.7)
      a.lower95 = 71.3;
      a.upper95 = 83.9;
      a.suppressed = true;
    }
  }
  const std::string html = Section(figures);
  const std::string male = RowText(html, "Male");
  EXPECT_THAT(male, HasSubstr("|suppressed: fewer than 5|"));
  EXPECT_THAT(male, HasSubstr("|suppressed (small numbers)|"));
  EXPECT_THAT(male, HasSubstr("Not judged: a figure is suppressed"));
  EXPECT_THAT(RowText(html, "2021"), HasSubstr("|suppressed (small numbers)|"));
  EXPECT_THAT(html, HasSubstr("Male: suppressed (small numbers)"));  // in the bar chart
  EXPECT_THAT(html, HasSubstr("<strong>Not shown: a figure is suppressed</strong>"));
  for (const char* hidden : {"77.7", "27.7", "71.3", "83.9", "1.55"}) {
    EXPECT_THAT(html, Not(HasSubstr(hidden))) << hidden;
  }
  // The year before is shown in full.
  EXPECT_THAT(RowText(html, "2020"), HasSubstr("|+15.0|"));
}

TEST(InequalitySection, MissingIntervalsAreExplainedWithTheRowsNote) {
  std::vector<Assessment> figures = SexFigures();
  for (Assessment& a : figures) {
    if (a.breakdown.sex == "Male") a.lower95 = a.upper95 = kNoValue;
  }
  const std::string html = Section(figures);
  const std::string male = RowText(html, "Male");
  EXPECT_THAT(male, HasSubstr("|+10.0|"));
  EXPECT_THAT(male, HasSubstr("no interval: the group figure has neither counts nor a 95% "
                              "interval|"));
  EXPECT_THAT(male, HasSubstr("Not judged: no interval"));
  EXPECT_THAT(html, HasSubstr("Cannot be calculated</strong> (the trend needs the gaps of five "
                              "consecutive years, each with its interval)."));
}

TEST(InequalitySection, DeprivationShowsEnglandsSlopeIndexInWords) {
  std::vector<Assessment> figures = SexFigures();
  for (const Assessment& a : QuintileFigures()) figures.push_back(a);
  const std::string html = Section(figures);
  EXPECT_THAT(html, HasSubstr("id=\"inequalities-deprivation-quintile-imd-2019\""));
  EXPECT_THAT(html, HasSubstr("Figures by deprivation quintile (IMD 2019) are published for "
                              "England only, so England&#39;s are shown"));
  EXPECT_THAT(html, HasSubstr("Figures for England in 2021. Each group is compared with Least "
                              "deprived."));
  EXPECT_THAT(RowText(html, "Most deprived"), HasSubstr("|+40.0|"));
  EXPECT_THAT(html, HasSubstr("Gap over time: Most deprived against Least deprived"));
  EXPECT_THAT(html, Not(HasSubstr("Gap over time: Second against")));
  EXPECT_THAT(html, HasSubstr("Slope index of inequality (SII), England, 2021: <strong>-50.0 per "
                              "1,000</strong> (95% interval "));
  EXPECT_THAT(html, HasSubstr("the fitted line falls by 50.0 per 1,000. The interval does not "
                              "include zero: the gradient is significant at 95%."));
  EXPECT_THAT(html, HasSubstr("Relative index of inequality (RII): 0.47"));
  // The groups at the middle of their fifth of the population, with the fitted line's values.
  EXPECT_THAT(RowText(html, "Middle", "Groups of the slope index"),
              HasSubstr("|10,000|0.50|70.0|68.0 to 72.0|70.0|"));
  EXPECT_THAT(html, HasSubstr("aria-labelledby=\"ineq-2-sii-title ineq-2-sii-desc\""));
}

TEST(InequalitySection, SaysWhyTheSlopeIndexCannotBeCalculated) {
  std::vector<Assessment> figures = QuintileFigures();
  figures[2].suppressed = true;
  const std::string html = Section(figures);
  EXPECT_THAT(html, HasSubstr("The slope index of inequality cannot be calculated for 2021: 4 of "
                              "the 5 groups have a figure that can be shown; the slope index "
                              "needs every group."));
  EXPECT_THAT(html, Not(HasSubstr("Relative index of inequality")));
  EXPECT_THAT(html, Not(HasSubstr("ineq-2-sii-title")));
}

TEST(InequalitySection, FollowsThePagesAreaAndPeriod) {
  InequalityRequest request = Barnet();
  request.period = *ParsePeriod("2019");
  std::string html = Section(SexFigures(), request);
  EXPECT_THAT(html, HasSubstr("Figures for Barnet in 2019."));
  EXPECT_THAT(RowText(html, "Male"), HasSubstr("|+20.0|"));
  request.period = *ParsePeriod("2030");
  html = Section(SexFigures(), request);
  EXPECT_THAT(html, HasSubstr("There are no figures by this breakdown for 2030: the latest, for "
                              "2021, are shown."));
  // An area with no figures by sex.
  request = Barnet();
  request.area = "E09000007";
  request.area_name = "Camden";
  html = Section(SexFigures(), request);
  EXPECT_THAT(html, HasSubstr("There are no figures for Camden by sex."));
  // Barnet's own deprivation figures come before England's.
  std::vector<Assessment> figures = QuintileFigures();
  for (Assessment& a : figures) a.area = std::string(kBarnet);
  html = Section(figures);
  EXPECT_THAT(html, Not(HasSubstr("published for England only")));
  EXPECT_THAT(html, HasSubstr("Slope index of inequality (SII), Barnet, 2021"));
}

TEST(InequalitySection, AnIndicatorWithoutBreakdownsHasNone) {
  Indicator plain = TestIndicator();
  plain.id = "plain";
  plain.breakdowns.clear();
  EXPECT_TRUE(InequalitySection(plain, Breakdown{}, SexFigures(), Barnet()).IsEmpty());
  Assessment headline = Figure(kBarnet, 2021, Breakdown{}, 12);
  headline.indicator = "plain";
  const IndicatorData data({plain, TestIndicator()},
                           {{std::string(kBarnet), "Barnet", AreaType::kCouncil, "", ""}}, {},
                           {headline});
  const std::string page =
      RenderIndicatorPage(data, *data.Find("plain"), kBarnet, {},
                          InequalitySection(plain, Breakdown{}, SexFigures(), Barnet()));
  EXPECT_THAT(page, Not(HasSubstr("id=\"inequalities\"")));
  EXPECT_THAT(page, Not(HasSubstr("By sex")));
  const std::string with =
      RenderIndicatorPage(data, *data.Find("injuries"), kBarnet, {},
                          InequalitySection(TestIndicator(), Breakdown{}, SexFigures(), Barnet()));
  EXPECT_THAT(with, HasSubstr("id=\"inequalities\""));
  EXPECT_THAT(with, HasSubstr("href=\"/gaps\""));  // the navigation
}

TEST(InequalityWording, JudgesAGapByWhetherItsIntervalIncludesZero) {
  assess::GapRow g;
  g.comparison = "Female";
  g.absolute.value = 2;
  g.absolute.intervals = {{0.1, 4}};
  EXPECT_EQ(GapReading(g), "Higher, significant at 95%");
  g.absolute.intervals = {{0, 4}};
  EXPECT_EQ(GapReading(g), "No significant difference at 95%");
  g.absolute.value = -2;
  g.absolute.intervals = {{-4, -0.1}};
  EXPECT_EQ(GapReading(g), "Lower, significant at 95%");
  g.absolute.intervals = {{-4, 0}};
  EXPECT_EQ(GapReading(g), "No significant difference at 95%");
  EXPECT_EQ(GapText(g), "-2.0");
  EXPECT_EQ(GapIntervalText(g), "-4.0 to 0.0");
  g.absolute.intervals.clear();
  g.note = "the comparison figure's 95% interval has zero width";
  EXPECT_EQ(GapIntervalText(g), "no interval: the comparison figure's 95% interval has zero width");
  g.suppressed = true;
  EXPECT_EQ(GapText(g), "suppressed (small numbers)");
  EXPECT_EQ(GapIntervalText(g), "");
  EXPECT_EQ(GapTrendText(g), "Not shown: a figure is suppressed");
  g.suppressed = false;
  g.absolute.value = kNoValue;
  g.note = "the group's value is missing";
  EXPECT_EQ(GapText(g), "no gap: the group's value is missing");
  g.trend = stats::GapTrend::kWidening;
  EXPECT_EQ(GapTrendText(g), "Gap widening");
}

TEST(InequalityAnchors, AreTheLabelsInLowerCaseWithDashesAndUnique) {
  Indicator ind = TestIndicator();
  ind.breakdowns.push_back(ind.breakdowns[0]);
  ind.breakdowns.back().label = "SEX!";
  EXPECT_EQ(
      InequalityAnchors(ind),
      (std::vector<std::string>{"inequalities-sex", "inequalities-deprivation-quintile-imd-2019",
                                "inequalities-sex-2"}));
}

TEST(InequalityCharts, MarkTheComparisonAndDrawNoBarForAMissingFigure) {
  GroupBarChart chart{"c", "Title", "Description", {}};
  chart.bars.push_back({"Male", 60, 58, 62, false, ""});
  chart.bars.push_back(
      {"Other", kNoValue, kNoValue, kNoValue, false, "suppressed (small numbers)"});
  chart.bars.push_back({"Female", 50, 48, 52, true, ""});
  const std::string svg = RenderGroupBarChart(chart).Take();
  EXPECT_THAT(svg, HasSubstr("role=\"img\""));
  EXPECT_THAT(svg, HasSubstr("Female (comparison group): 50.0"));
  EXPECT_THAT(svg, HasSubstr("Other: suppressed (small numbers)"));
  // One bar of each kind and the legend's swatch of each.
  EXPECT_EQ(Count(svg, "<rect"), 4);
  EXPECT_EQ(Count(svg, "fill=\"" + std::string(kGroupFill) + "\""), 2);
  EXPECT_EQ(Count(svg, "fill=\"" + std::string(kComparisonFill) + "\""), 2);
  // A missing gap has no point: one point and the legend's.
  GapChart gaps{"g", "Gaps", "Description", {{"2020", 5, 1, 9}, {"2021", kNoValue, 0, 0}}};
  const std::string gap_svg = RenderGapChart(gaps).Take();
  EXPECT_EQ(Count(gap_svg, "<circle"), 2);
  EXPECT_THAT(gap_svg, HasSubstr("data-value=\"5.0\""));
  EXPECT_THAT(gap_svg, HasSubstr("No gap (0)"));
  EXPECT_THAT(gap_svg + svg, Not(HasSubstr("style")));
}

Plan GapsPlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "The plan";
  Outcome o;
  o.id = "o1";
  o.title = "Safe";
  o.objectives = {{"obj1", "Fewer injuries", "", {}, {}}};
  plan.outcomes = {o};
  return plan;
}

TEST(GapsPage, ListsEachGapWithItsLinksAndTrend) {
  const Indicator ind = TestIndicator();
  InequalityRequest request = Barnet();
  request.england_for_deprivation = false;
  request.slopes = false;
  std::vector<Assessment> figures = SexFigures();
  for (const Assessment& a : QuintileFigures()) figures.push_back(a);
  const std::vector<GapsEntry> entries = {
      {ind, BuildInequalityViews(ind, Breakdown{}, figures, request)}};
  const std::string html =
      RenderGapsPage(GapsPlan(), Links("p", false), kBarnet, "Barnet", entries);
  EXPECT_THAT(html, HasSubstr("<h1 class=\"govuk-heading-xl\">Inequality gaps</h1>"));
  EXPECT_THAT(html, HasSubstr("href=\"/outcomes/o1\">Outcome: Safe</a>"));
  EXPECT_THAT(html,
              HasSubstr("href=\"/outcomes/o1#objective-obj1\">Objective: Fewer injuries</a>"));
  EXPECT_THAT(html,
              HasSubstr("href=\"/indicators/injuries?area=E09000003#inequalities-sex\">Male</a>"));
  const std::string sex = RowText(html, "Sex");
  EXPECT_THAT(sex, HasSubstr("|Female|2021|+10.0|8.6 to 11.4|Gap narrowing|"));
  EXPECT_THAT(RowText(html, "Deprivation quintile \\(IMD 2019\\)"),
              HasSubstr("No figures for Barnet: see England&#39;s on the indicator page"));
  EXPECT_THAT(html, HasSubstr("1 gap. Gap narrowing: 1."));
  EXPECT_THAT(html, HasSubstr("aria-current=\"page\""));
  // A suppressed gap: words, no number.
  for (Assessment& a : figures) {
    if (a.period.Label() == "2021" && a.breakdown.sex == "Male") {
      a.value = 77.7;
      a.suppressed = true;
    }
  }
  const std::vector<GapsEntry> hidden = {
      {ind, BuildInequalityViews(ind, Breakdown{}, figures, request)}};
  const std::string page = RenderGapsPage(GapsPlan(), Links("p", false), kBarnet, "Barnet", hidden);
  EXPECT_THAT(RowText(page, "Sex"), HasSubstr("|2021|suppressed (small numbers)|Not shown"));
  EXPECT_THAT(page, Not(HasSubstr("77.7")));
  EXPECT_THAT(page, Not(HasSubstr("27.7")));
}

// The overview's paragraph: the trend counts, the widening gaps by name (never a suppressed
// one), a link to /gaps; nothing for a plan without indicators published by group.
TEST(GapsSummary, CountsTheTrendsAndNamesTheWideningGaps) {
  const Indicator ind = TestIndicator();
  InequalityRequest request = Barnet();
  request.england_for_deprivation = false;
  request.slopes = false;
  std::vector<GapsEntry> entries = {
      {ind, BuildInequalityViews(ind, Breakdown{}, SexFigures(), request)}};
  std::string html = std::string(GapsSummary(Links("p", false), "Barnet", entries).View());
  EXPECT_THAT(html, HasSubstr("<h2 class=\"govuk-heading-l\" id=\"inequalities\">"));
  EXPECT_THAT(html, HasSubstr("children in Barnet that the plan&#39;s indicators measure: 1 gap. "
                              "Gap narrowing: 1. "));
  EXPECT_THAT(html, HasSubstr("href=\"/gaps\""));
  EXPECT_THAT(html, Not(HasSubstr("Widening gaps")));
  ASSERT_FALSE(entries[0].views.empty());
  ASSERT_FALSE(entries[0].views[0].gaps.empty());
  assess::GapRow& gap = entries[0].views[0].gaps[0];
  gap.trend = stats::GapTrend::kWidening;
  html = std::string(GapsSummary(Links("p", false), "Barnet", entries).View());
  EXPECT_THAT(html, HasSubstr("Widening gaps:"));
  EXPECT_THAT(html, HasSubstr("<li>" + ind.title + ": Male against Female</li>"));
  gap.suppressed = true;
  EXPECT_THAT(std::string(GapsSummary(Links("p", false), "Barnet", entries).View()),
              Not(HasSubstr("Widening gaps")));
  EXPECT_TRUE(GapsSummary(Links("p", false), "Barnet", {}).IsEmpty());
}

TEST(GapsPage, ShowsThePlansIndicatorsWithBreakdownsOnly) {
  Indicator mine = TestIndicator();
  Indicator other = mine;
  other.id = "other";
  other.plan = "another-plan";
  Indicator plain = mine;
  plain.id = "plain";
  plain.breakdowns.clear();
  Indicator unlinked = mine;
  unlinked.id = "unlinked";
  unlinked.plan.clear();
  const auto shown = GapsIndicators(GapsPlan(), {mine, other, plain, unlinked});
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[0].id, "injuries");
  EXPECT_EQ(shown[1].id, "unlinked");
  const std::string html =
      RenderGapsPage(GapsPlan(), Links("p", true), kBarnet, "Barnet", {{unlinked, {}}});
  EXPECT_THAT(html, HasSubstr("Not linked to an outcome or objective of this plan"));
  EXPECT_THAT(html, HasSubstr("href=\"/gaps?plan=p\""));
  const std::string none = RenderGapsPage(GapsPlan(), Links("p", false), kBarnet, "Barnet", {});
  EXPECT_THAT(none, HasSubstr("None of this plan&#39;s indicators is published by group"));
}

}  // namespace
}  // namespace waymark::report
