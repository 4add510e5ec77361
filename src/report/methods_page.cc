// The methods page: one section per judgement, each saying what it is, how it is worked out
// (the named method and its source) and how to read it. Labels, statuses, suppression text and
// exception rules are taken from the code that produces them, so the page cannot drift from it.
#include "report/methods_page.h"

#include <array>
#include <cctype>
#include <cstddef>
#include <initializer_list>

#include "core/comparison_basis.h"
#include "core/cycle.h"
#include "report/board_model.h"
#include "report/indicator_pages.h"
#include "stats/compare.h"
#include "stats/trend.h"

namespace waymark::report {
namespace {

enum class Section {
  kIntervals,
  kEngland,
  kTrend,
  kSpine,
  kQuintiles,
  kTargets,
  kSmallNumbers,
  kIndex,
  kActions,
  kExceptions
};

struct SectionHead {
  std::string_view id;
  std::string_view title;
};

// In page order, indexed by Section.
constexpr std::array<SectionHead, 10> kSections = {{
    {"confidence-intervals", "Confidence intervals"},
    {"compared-with-england", "Compared with England"},
    {"recent-trend", "Recent trend"},
    {"spine-chart", "Spine chart: against all councils"},
    {"quintiles-and-ranks", "Quintiles and ranks"},
    {"targets", "Targets: red, amber and green"},
    {"small-numbers", "Small numbers"},
    {"family-friendly-index", "Family Friendly Index"},
    {"action-updates", "Action updates: overdue, and when the evidence and the update disagree"},
    {"exception-rules", "Board reports: what needs the board's attention"},
}};

constexpr auto kSectionIds = [] {
  std::array<std::string_view, kSections.size()> ids{};
  for (std::size_t i = 0; i < kSections.size(); ++i) ids[i] = kSections[i].id;
  return ids;
}();

constexpr std::array<ExceptionRule, 6> kExceptionRules = {
    ExceptionRule::kWorseThanEngland, ExceptionRule::kGettingWorse, ExceptionRule::kOffTrackTwice,
    ExceptionRule::kOffTrack,         ExceptionRule::kOverdue,      ExceptionRule::kDisagree};

void Heading(Html& h, Section s) {
  const SectionHead& head = kSections[static_cast<std::size_t>(s)];
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", head.id}}, head.title);
}

void Sub(Html& h, std::string_view text) { h.Element("h3", {{"class", "govuk-heading-m"}}, text); }

void Para(Html& h, std::string_view text) { h.Element("p", {{"class", "govuk-body"}}, text); }

// A bulleted list: OpenBullets, one Item per entry, then h.Close("ul").
void OpenBullets(Html& h) { h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}}); }

void Item(Html& h, std::string_view text) { h.Element("li", {}, text); }

// The "Sources" heading and its list, closed like OpenBullets.
void OpenSources(Html& h) {
  Sub(h, "Sources");
  OpenBullets(h);
}

// A label as the pages show it, and what it means.
struct LabelRow {
  std::string_view label;
  std::string_view meaning;
};

void LabelTable(Html& h, std::string_view caption, std::initializer_list<LabelRow> rows,
                void (*write_label)(Html&, std::string_view)) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}}, caption);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "Label");
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "What it means");
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const LabelRow& row : rows) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Label"}});
    write_label(h, row.label);
    h.Close("td");
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "What it means"}}, row.meaning);
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

// Every basis a comparison with England can have: the short label shown beside it and the
// words a screen reader hears, straight from ComparisonBasis.
void BasisTable(Html& h) {
  Para(h,
       "Beside every comparison with England is its basis: how the comparison was made, or "
       "why none was.");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}},
            "The basis of a comparison");
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "Shown as");
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "What it means");
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (int i = 1; i < kComparisonBasisCount; ++i) {
    const auto basis = static_cast<ComparisonBasis>(i);
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Shown as"}});
    h.Element("span", {{"class", "waymark-basis"}}, ComparisonBasisShort(basis));
    h.Close("td");
    std::string meaning(ComparisonBasisText(basis));
    meaning[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(meaning[0])));
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "What it means"}},
              meaning + ".");
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void Contents(Html& h) {
  h.Open("nav", {{"aria-label", "Contents"}, {"class", "govuk-!-margin-bottom-8"}});
  h.Element("h2", {{"class", "govuk-heading-s"}}, "Contents");
  h.Open("ul", {{"class", "govuk-list"}});
  for (const SectionHead& s : kSections) {
    h.Open("li");
    h.Link(std::string("#").append(s.id), s.title);
    h.Close("li");
  }
  h.Close("ul").Close("nav");
}

void Introduction(Html& h) {
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "How the figures are judged");
  h.Element("p", {{"class", "govuk-body-l"}},
            "Waymark judges each indicator with the methods of Fingertips, the public health "
            "data service of the Office for Health Improvement and Disparities (formerly Public "
            "Health England), so that a figure here gets the judgement it gets there.");
  Para(h,
       "This page explains each judgement shown on the dashboard and in board reports: what "
       "it is, how it is worked out and how to read it. The calculations are checked against "
       "the test figures published with each method.");
}

void Intervals(Html& h) {
  Heading(h, Section::kIntervals);
  Para(h,
       "A figure from a small area or a rare event can move a long way by chance alone. A "
       "confidence interval is the range within which the true underlying figure probably "
       "lies. Every comparison on this page rests on it.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "Proportions and percentages with a count and a denominator: the Wilson score "
       "interval, without continuity correction.");
  Item(h,
       "Rates from a count of events and a population: Byar's method when there are 10 or "
       "more events, and exact limits from the Poisson distribution when there are fewer.");
  Item(h,
       "Other figures (standardised rates, averages, scores, and figures published without "
       "their counts) keep the interval their source publishes. A figure published without "
       "an interval has none and is not compared.");
  Item(h,
       "Each interval is worked out at two levels: 95%, shown on charts and in tables, and "
       "the stricter 99.8%. The multipliers of the normal distribution (1.96 and 3.09 to two "
       "decimal places) are computed exactly, not rounded.");
  h.Close("ul");
  Sub(h, "How to read it");
  Para(h,
       "A narrow interval means a precise figure; small numbers give wide intervals. On the "
       "trend chart each figure has a bar across its 95% interval.");
  OpenSources(h);
  Item(h,
       "Public Health England, Technical Guide: Confidence Intervals (Public Health Data "
       "Science, 2018).");
  Item(h,
       "Association of Public Health Observatories, Technical Briefing 3: Commonly used "
       "public health statistics and their confidence intervals (2008).");
  Item(h,
       "Wilson EB, Probable inference, the law of succession, and statistical inference. "
       "Journal of the American Statistical Association 22 (1927), 209–212.");
  Item(h,
       "Breslow NE, Day NE, Statistical methods in cancer research, volume II "
       "(International Agency for Research on Cancer, 1987), for Byar's method.");
  Item(h,
       "PHEindicatormethods, the R package of the Office for Health Improvement and "
       "Disparities, whose test figures Waymark reproduces.");
  h.Close("ul");
}

void England(Html& h) {
  using stats::Polarity;
  using stats::Significance;
  Heading(h, Section::kEngland);
  Para(h,
       "Whether an area's figure is better than, similar to or worse than England's in the "
       "same period, allowing for chance.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "Waymark takes the area's 95% confidence interval and England's figure for the same "
       "period. For a group within the population, such as a deprivation decile, England's "
       "figure is the one for the whole population of the same sex and age.");
  Item(h,
       "If England's figure lies inside the area's interval, including on its edge, the "
       "area is similar to England. Otherwise it is better or worse, according to the side "
       "of England's figure it lies on and whether higher or lower is better for the "
       "indicator (its polarity).");
  Item(h,
       "Indicators that describe an area rather than judge it, such as the rate of children "
       "in need, have no polarity: they are higher, similar or lower.");
  Item(h,
       "The same test is made at 99.8%, and a two-level result combines both (for example "
       "\"Better (95%)\" or \"Worse (99.8%)\"). The dashboard, board reports and downloads "
       "show the 95% result; the API gives all three in JSON.");
  Item(h,
       "Each area is compared with its region in the same way: London for the London "
       "boroughs.");
  Item(h,
       "This is Fingertips' comparison of a confidence interval with a benchmark value, at "
       "one level and at two.");
  h.Close("ul");
  Sub(h, "How to read it");
  LabelTable(h, "Comparison labels",
             {{stats::SignificanceLabel(Significance::kBetter, Polarity::kHighIsGood),
               "The area's figure is better than England's, and England's figure lies outside the "
               "area's interval: the difference is unlikely to be chance."},
              {stats::SignificanceLabel(Significance::kSame, Polarity::kHighIsGood),
               "England's figure lies inside the area's interval: the difference could be chance."},
              {stats::SignificanceLabel(Significance::kWorse, Polarity::kHighIsGood),
               "The area's figure is worse than England's, and England's figure lies outside the "
               "area's interval: the difference is unlikely to be chance."},
              {stats::SignificanceLabel(Significance::kBetter, Polarity::kNeutral),
               "For an indicator without a polarity: higher than England, unlikely to be chance."},
              {stats::SignificanceLabel(Significance::kWorse, Polarity::kNeutral),
               "For an indicator without a polarity: lower than England, unlikely to be chance."},
              {stats::SignificanceLabel(Significance::kNotCompared, Polarity::kHighIsGood),
               "There is no figure, no interval or no England figure for the period."}},
             JudgementTag);
  BasisTable(h);
  Para(h,
       "Similar does not mean the same: it means the difference from England could be "
       "chance. Areas with small numbers have wide intervals and are more often similar. "
       "Even where an area is truly like England, about one comparison in 20 at 95% shows a "
       "difference by chance alone, and about one in 500 at 99.8%. Charts use Fingertips' "
       "colours, and the label is always written too.");
  OpenSources(h);
  Item(h, "Public Health England, Comparators Briefing – Technical (Fingertips guidance).");
  Item(h,
       "Fingertips' published code (fingertips-open): the comparers of one and two "
       "confidence interval levels, whose test cases Waymark reproduces.");
  h.Close("ul");
}

void Trend(Html& h) {
  using stats::Polarity;
  using stats::TrendMarker;
  Heading(h, Section::kTrend);
  Para(h,
       "Whether an area's figure has changed significantly over its five most recent "
       "periods, and whether that change is for the better or the worse.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "Only proportions and crude rates with figures for single years have a trend: not "
       "pooled years, standardised rates, averages or scores.");
  Item(h,
       "It uses the five most recent figures up to the period shown. A missing or "
       "suppressed figure among them, or a count equal to its denominator, means the trend "
       "cannot be calculated.");
  Item(h,
       "For proportions with counts: the chi-squared test for trend in proportions "
       "(Armitage's test) on the five counts and denominators. For rates, and proportions "
       "published without counts: a regression of the figure on time, each point weighted "
       "by its precision (its standard error taken from its 95% interval).");
  Item(h,
       "The change is significant when the test statistic exceeds the 99.8% critical value "
       "(9.55, one degree of freedom) and the slope keeps its direction when any one of the "
       "five figures is left out. For proportions the direction is that of the log odds.");
  h.Close("ul");
  Sub(h, "How to read it");
  LabelTable(h, "Recent trend labels",
             {{stats::TrendLabel(TrendMarker::kIncreasing, Polarity::kHighIsGood),
               "A significant rise, where higher is better."},
              {stats::TrendLabel(TrendMarker::kDecreasing, Polarity::kLowIsGood),
               "A significant fall, where lower is better."},
              {stats::TrendLabel(TrendMarker::kIncreasing, Polarity::kLowIsGood),
               "A significant rise, where lower is better."},
              {stats::TrendLabel(TrendMarker::kDecreasing, Polarity::kHighIsGood),
               "A significant fall, where higher is better."},
              {stats::TrendLabel(TrendMarker::kIncreasing, Polarity::kNeutral),
               "A significant rise of an indicator without a polarity."},
              {stats::TrendLabel(TrendMarker::kDecreasing, Polarity::kNeutral),
               "A significant fall of an indicator without a polarity."},
              {stats::TrendLabel(TrendMarker::kNoChange, Polarity::kHighIsGood),
               "No change that meets the test."},
              {stats::TrendLabel(TrendMarker::kCannotBeCalculated, Polarity::kHighIsGood),
               "Too few figures, pooled years, or a kind of figure that has no trend."}},
             TrendText);
  Para(h,
       "A trend describes the area's own recent history, not how it compares with others. "
       "\"No significant change\" does not rule out a small, steady change that five figures "
       "cannot show.");
  OpenSources(h);
  Item(h,
       "Office for Health Improvement and Disparities, Public health technical guidance: "
       "Fingertips trend markers.");
  Item(h,
       "Armitage P, Tests for linear trends in proportions and frequencies. Biometrics 11 "
       "(1955), 375–386.");
  Item(h,
       "Fingertips' published code (fingertips-open): the trend marker calculator, whose "
       "test cases Waymark reproduces. That code leaves the direction of a significant "
       "proportion's trend unset; Waymark takes it from the slope of the log odds.");
  h.Close("ul");
}

void Spine(Html& h) {
  Heading(h, Section::kSpine);
  Para(h,
       "On each outcome page and in board reports, one row per indicator shows where the "
       "area's latest figure stands among all English councils in the same period.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "The pale grey bar runs from the lowest council's figure to the highest. The darker "
       "grey bar covers the middle half of councils, from the 25th to the 75th percentile "
       "(interpolated between the sorted figures).");
  Item(h,
       "The line at the centre is England's figure. The scale is centred on England and "
       "stretched so that the lowest and highest councils and the area all fit, with the "
       "same scale on both sides.");
  Item(h,
       "The circle is the area's figure, coloured by its comparison with England: green "
       "better, amber similar, red worse, blue higher or lower, grey not compared.");
  Item(h,
       "Councils' suppressed figures are left out of the range. When the area's own figure "
       "is suppressed there is no circle.");
  h.Close("ul");
  Sub(h, "How to read it");
  Para(h,
       "Lower figures are always on the left and higher figures on the right, for every "
       "indicator, so the side of the chart does not say whether a figure is good: the "
       "colour of the circle and the label written beside it do. A circle far from the "
       "centre can still be similar to England when its interval is wide.");
  OpenSources(h);
  Item(h,
       "Public Health England, Technical Guide: Spine Charts (2017), for the form of the "
       "chart.");
  h.Close("ul");
}

void Quintiles(Html& h) {
  Heading(h, Section::kQuintiles);
  Para(h, "Where an area's figure sits among other areas, without a test of significance.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "Quintile among English councils: the councils' figures for the period are split "
       "into fifths at the 20th, 40th, 60th and 80th percentiles (the inclusive rule of "
       "Excel's PERCENTILE.INC), and an area is in the first fifth whose upper bound its "
       "figure does not exceed. Quintile 1 is the best fifth for an indicator with a "
       "polarity, and the lowest fifth for one without.");
  Item(h,
       "Quintiles are given only when at least three quarters of English councils have a "
       "figure for the period, so that the fifths describe England and not a smaller group.");
  Item(h,
       "Where a council's figure has no interval, so that no test against England can be "
       "made, its fifth stands in for the comparison with England: \"Best fifth\" to \"Worst "
       "fifth\" (\"Lowest fifth\" to \"Highest fifth\" for an indicator without a polarity), "
       "shown in shades of purple with \"Fifths\" beside it. This is Fingertips' comparison "
       "\"to percentiles\". It is a position, not a significance result: board reports do not "
       "count it as better or worse.");
  Item(h,
       "Ranks among the London boroughs, and among an area and its statistical neighbours: "
       "1 is the best (the highest for an indicator without a polarity), and tied areas "
       "share the better rank. Suppressed figures are not ranked.");
  Item(h, "Quintiles and ranks are in the downloads and the API.");
  Item(h,
       "On the ward maps, wards are shaded by their fifth among the wards by the same "
       "percentile rule, light for low figures and dark for high: a description, not a "
       "judgement.");
  h.Close("ul");
  Sub(h, "How to read it");
  Para(h,
       "A quintile or a rank says where a figure sits, not whether the difference matters: "
       "two councils either side of a boundary may differ by very little.");
  OpenSources(h);
  Item(h,
       "Fingertips' published code (fingertips-open): the quintile comparer and the "
       "value categories calculator, whose test cases Waymark reproduces.");
  h.Close("ul");
}

void Targets(Html& h) {
  Heading(h, Section::kTargets);
  Para(h,
       "Whether a figure meets a target that the plan's catalogue sets for an area and "
       "period.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "The figure for the target's period is rated against the target. Where the target "
       "has a baseline, each period between the baseline and the target is rated against "
       "the straight line from the baseline figure to the target (the trajectory).");
  Item(h,
       "Green when the whole 95% interval is on the good side of the goal, red when the "
       "whole interval is on the wrong side, and amber when the interval crosses it. A "
       "figure without an interval is green when it meets the goal and red when it does "
       "not.");
  Item(h,
       "Indicators without a polarity, and suppressed figures, are not rated. Each rating "
       "keeps the rule it applied, in words, in the API; the trend chart draws the target.");
  h.Close("ul");
  Sub(h, "How to read it");
  Para(h,
       "Amber means the figure is consistent both with meeting and with missing the goal: "
       "chance cannot be ruled out either way.");
  OpenSources(h);
  Item(h, "Public Health England, Technical Guide: RAG Rating Indicator Values (2017).");
  Item(h, "Fingertips' published code (fingertips-open): the single value target comparer.");
  h.Close("ul");
}

void SmallNumbers(Html& h) {
  Indicator example;
  example.disclosure_min_count = 5;
  Assessment hidden;
  hidden.suppressed = true;
  Heading(h, Section::kSmallNumbers);
  Para(h,
       "Figures built from very few events could identify a child or a family, so they are "
       "not shown.");
  Sub(h, "How it is worked out");
  std::string shown = "In place of a suppressed figure the dashboard and board reports show \"";
  shown.append(DisplayValue(example, hidden))
      .append(
          "\" (with the indicator's own N). Its interval, count and denominator are hidden "
          "too; charts leave it out, downloads leave its cells empty and the API gives "
          "null.");
  OpenBullets(h);
  Item(h,
       "Each indicator has a threshold N, given on its page under \"Small numbers\". A "
       "figure whose count is from 1 to N − 1 is suppressed; a count of 0 is shown.");
  Item(h, shown);
  Item(h,
       "A suppressed figure is not used in quintiles or ranks, in the range of councils "
       "on the spine chart, in a recent trend (it breaks the run of five figures), against "
       "a target or in the Family Friendly Index.");
  Item(h,
       "Figures that a source has already withheld keep the reason the source gives (for "
       "example c, confidential; x, not available; k, fewer than 0.5) and are shown as "
       "missing, never as zero.");
  h.Close("ul");
  Sub(h, "How to read it");
  Para(h,
       "A suppressed figure means the count was small (from 1 to N − 1), not that it was "
       "zero. Board reports suppress exactly as the dashboard does.");
  OpenSources(h);
  Item(h,
       "Fingertips' small number rule (fingertips-open: the small number checker), with "
       "each indicator's own threshold.");
  Item(h, "Government Analysis Function, Symbols in tables, definitions and help.");
  h.Close("ul");
}

void IndexMethod(Html& h) {
  Heading(h, Section::kIndex);
  Para(h,
       "A composite index of the measures the plan names, each resting on one or more "
       "indicators. Each area gets a score from 0 to 100 and a rank among the areas "
       "compared. What follows is the method by default; the plan may choose other options, "
       "and the index page states the ones it uses.");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h,
       "Areas compared: the London boroughs, all English councils, or the council and its "
       "statistical neighbours, as the plan chooses.");
  Item(h,
       "Figures: each indicator's figure for the whole population, single-year periods "
       "only, the latest in each year. Suppressed and missing figures count as missing.");
  Item(h,
       "Gaps: a missing figure is carried forward from the area's own figure of up to two "
       "years before. An area's year is scored only when it has figures for at least two "
       "thirds of the measures; the remaining gaps take the median of the areas compared.");
  Item(h,
       "Outliers: an indicator whose figures are very skewed (skewness 2 or more and "
       "kurtosis 3.5 or more) has up to three extreme figures pulled in to the next value "
       "(winsorised); if that is not enough, its figures are log-transformed.");
  Item(h,
       "Scaling: each indicator is turned so that higher is better and scaled from 0 (its "
       "worst figure over all years) to 100 (its best), over all years together, so that a "
       "score rises when the figures improve. A measure that only the council itself "
       "collects (a local survey) is scaled between fixed goalposts set in the plan and is "
       "never filled in for other areas.");
  Item(h,
       "Combining: a weighted arithmetic mean of indicators within each measure and of the "
       "measures, with equal weights unless the plan sets others. Rank 1 is the best "
       "score; tied areas share the better rank.");
  Item(h,
       "Uncertainty: the index is computed again many times with other reasonable choices "
       "drawn at random: weights varied by up to a quarter, other scalings, the geometric "
       "mean, other ways of filling gaps, and leaving out one indicator. The 5th to 95th "
       "percentile of an area's ranks over these runs is its rank band, shown with the "
       "median rank.");
  Item(h,
       "Sensitivity: a variance-based (Sobol) analysis on Saltelli's design measures how "
       "much of the movement in ranks each of those choices causes, as first-order and "
       "total indices with 5–95% bootstrap intervals.");
  Item(h,
       "In board reports, \"what moved it\" lists the measures whose contribution to the "
       "score changed most since the previous year with a score (at most five).");
  h.Close("ul");
  Sub(h, "How to read it");
  h.Open("p", {{"class", "govuk-body"}});
  h.Text(
      "A score compares areas with each other and over the years; it is not a percentage "
      "of anything. Read the rank with its band: areas whose bands overlap may not really "
      "differ, and a move of a few places within the band can come from the method rather "
      "than the figures. The ");
  h.Link("/index", "index page");
  h.Text(" shows the ranking, the method the plan uses and the Sobol indices.");
  h.Close("p");
  OpenSources(h);
  Item(h,
       "OECD and European Commission Joint Research Centre, Handbook on Constructing "
       "Composite Indicators: Methodology and User Guide (2008).");
  Item(h,
       "Saisana M, Saltelli A, Tarantola S, Uncertainty and sensitivity analysis "
       "techniques as tools for the quality assessment of composite indicators. Journal "
       "of the Royal Statistical Society A 168 (2005), 307–323.");
  Item(h,
       "Saltelli A et al., Variance based sensitivity analysis of model output. Computer "
       "Physics Communications 181 (2010), 259–270 (first-order indices).");
  Item(h,
       "Jansen MJW, Analysis of variance designs for model output. Computer Physics "
       "Communications 117 (1999), 35–43 (total indices).");
  Item(h,
       "COINr, the R package for composite indicators (W. Becker), whose stored results "
       "Waymark reproduces.");
  h.Close("ul");
}

void Actions(Html& h) {
  Heading(h, Section::kActions);
  Para(h,
       "In each reporting cycle every action of the plan owes one update from its "
       "responsible partners, giving its status:");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (ActionStatus s : kAllActionStatuses) h.Element("li", {}, ActionStatusLabel(s));
  h.Close("ul");
  Sub(h, "How it is worked out");
  OpenBullets(h);
  Item(h, "Only submitted updates count and are public; drafts are not.");
  Item(h, "Overdue: after the due date of an open cycle, an action with no submitted update.");
  Item(h,
       "The evidence and the update disagree: the update says the action is on track or "
       "complete while at least one indicator of the action's objective is getting worse "
       "(its recent trend, above) for the plan's council in its latest period.");
  h.Close("ul");
  Sub(h, "How to read it");
  Para(h,
       "A disagreement is a prompt to look again, not a finding that the update is wrong: "
       "indicators often lag behind actions, and an action may address only part of what "
       "an indicator measures.");
  OpenSources(h);
  Item(h, "These rules are Waymark's own; the trend they use is Fingertips' (above).");
  h.Close("ul");
}

void Exceptions(Html& h) {
  Heading(h, Section::kExceptions);
  Para(h,
       "The exception report, and the summary at the start of every board report, list "
       "only the items that meet one of these rules, each with the rule that chose it.");
  Sub(h, "How it is worked out");
  h.Open("ol", {{"class", "govuk-list govuk-list--number"}});
  for (ExceptionRule rule : kExceptionRules) h.Element("li", {}, ExceptionRuleText(rule));
  h.Close("ol");
  Para(h,
       "An indicator is judged for the plan's council in its latest period and listed "
       "once, under the first rule it meets: worse than England before getting worse. An "
       "action is listed once: off track (for two cycles when the previous cycle's update "
       "was off track too), otherwise overdue, otherwise when the evidence and the update "
       "disagree.");
  Sub(h, "How to read it");
  Para(h,
       "The rules pick out what to discuss; they do not rank importance. An indicator can be "
       "worse than England and improving, and an action can be off track for reasons the "
       "commentary explains.");
  OpenSources(h);
  Item(h, "These rules are Waymark's own; the judgements they rest on are described above.");
  h.Close("ul");
}

}  // namespace

std::span<const std::string_view> MethodsSectionIds() { return kSectionIds; }

std::string RenderMethodsPage(const Links& links) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  Introduction(h);
  Contents(h);
  Intervals(h);
  England(h);
  Trend(h);
  Spine(h);
  Quintiles(h);
  Targets(h);
  SmallNumbers(h);
  IndexMethod(h);
  Actions(h);
  Exceptions(h);
  h.Close("div").Close("div");
  const PageFrame frame{"How the figures are judged",
                        {{"Home", links.Home()}, {"How the figures are judged", ""}},
                        NavItem::kNone,
                        links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
