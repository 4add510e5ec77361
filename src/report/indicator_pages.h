// The indicator pages of the dashboard: the list of indicators with search, one indicator
// (definition, trend chart and table, London comparison, CSV), the comparison of areas for one
// indicator, the tartan rug of all indicators across London, an area's key facts, and the
// indicator summaries added to the plan's overview and outcome pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/plan.h"
#include "report/charts.h"
#include "report/html.h"
#include "report/indicator_data.h"

namespace waymark::report {

// The figure as shown: the value, or "suppressed: fewer than N" for a suppressed figure.
std::string DisplayValue(const Indicator& indicator, const Assessment& a);
// "95.1 to 97.3", or "" when there is no interval or the figure is suppressed.
std::string DisplayInterval(const Assessment& a);
// The trend chart of `area`'s figures of `s`, oldest first, with England and London lines and
// the area's target (no points when the area has no figures).
TrendChart AreaTrendChart(const IndicatorData& data, const IndicatorSeries& s,
                          std::string_view area, std::string id);
// The spine chart row of `area` in period `p` against the range of English councils.
SpineRow AreaSpineRow(const IndicatorData& data, const IndicatorSeries& s, std::string_view area,
                      const Period& p, std::string id);
// A GOV.UK tag with the comparison label.
void JudgementTag(Html& h, std::string_view label);
// The comparison with England: its tag, then the short label of its basis ("Wilson 95%",
// "Fifths", "London only"), with the basis in words for screen readers.
void EnglandJudgement(Html& h, const Assessment& a);
// The comparison with the region: its tag and, when there is none, the reason in short.
void RegionJudgement(Html& h, const Assessment& a);
// The recent trend as an arrow (hidden from screen readers) and its words.
void TrendText(Html& h, std::string_view trend);
// A table cell with the column name for narrow screens.
void Cell(Html& h, std::string_view column, std::string_view text);

// Indicators whose title, definition or id contain every word of `query` (all when empty).
std::vector<const IndicatorSeries*> SearchIndicators(const IndicatorData& data,
                                                     std::string_view query);

std::string RenderIndicatorList(const IndicatorData& data, std::string_view query);
// `area` must be the code of a known area. `period`, when given, is the period of the
// comparison of boroughs (else the latest in which boroughs have figures). `inequalities` is
// the inequalities section (inequality_section.h), placed after the comparisons.
std::string RenderIndicatorPage(const IndicatorData& data, const IndicatorSeries& s,
                                std::string_view area, const std::optional<Period>& period = {},
                                const Html& inequalities = Html());
// The figures on the indicator page: the area's trend, every London borough in the compared
// period and any ward figures, as CSV with suppressed figures blanked.
std::string IndicatorPageCsv(const IndicatorData& data, const IndicatorSeries& s,
                             std::string_view area, const std::optional<Period>& period = {});
// The figures of `members` (and of `area`) in `chosen`, or when none is chosen in the latest
// period in which at least two members have figures; `period` is set to the period used.
std::vector<const Assessment*> LatestAmong(const IndicatorData& data, const IndicatorSeries& s,
                                           std::string_view area,
                                           const std::vector<std::string>& members, Period& period,
                                           const std::optional<Period>& chosen = {});
// A comparison chart and its table for `members` in `chosen` (or the latest period); `area` is
// highlighted.
void ComparisonSection(Html& h, const IndicatorData& data, const IndicatorSeries& s,
                       std::string_view area, const std::vector<std::string>& members,
                       std::string_view heading, std::string_view id,
                       const std::optional<Period>& chosen = {});

// The period selector (a GET form to `action`, keeping `area`) and the London boroughs'
// comparison in the chosen period, or the latest.
void LondonComparison(Html& h, const IndicatorData& data, const IndicatorSeries& s,
                      std::string_view area, const std::string& action,
                      const std::optional<Period>& chosen);

std::string RenderComparePage(const IndicatorData& data, const IndicatorSeries& s,
                              std::string_view area, const std::optional<Period>& period = {});
// Every indicator across London boroughs in `period`, or each in its latest period.
std::string RenderTartanRug(const IndicatorData& data, const std::optional<Period>& period = {});
// The area's key facts in `period`, or each indicator's latest figure; for a council with wards,
// the ward map of `map` (or of the first ward-level indicator).
std::string RenderAreaPage(const IndicatorData& data, const Area& area,
                           const std::optional<Period>& period = {},
                           const IndicatorSeries* map = nullptr);

// Indicators with figures for some ward of `council`.
std::vector<const IndicatorSeries*> WardIndicators(const IndicatorData& data,
                                                   std::string_view council);
// The council whose wards the indicator has figures for ("" when it has no ward figures).
std::string WardCouncilOf(const IndicatorData& data, const IndicatorSeries& s);

struct WardMapChoice {
  std::string action;  // the page's path and fragment; empty on the indicator's own page
  std::vector<const IndicatorSeries*> choices;            // a selector when more than one
  std::vector<std::pair<std::string, std::string>> keep;  // other query parameters kept
};
// The ward map section (id "ward-map"): the map of `shown` across the wards of `council` in its
// latest period with ward figures, and the table of the same figures ordered by value.
void WardMapSection(Html& h, const IndicatorData& data, std::string_view council,
                    const IndicatorSeries* shown, const WardMapChoice& choice);

// The slots of the plan pages: counts of better/similar/worse and improving for Barnet on the
// overview; spine chart rows with trends on the outcome page. Empty when no indicator is linked.
Html OverviewIndicatorSummary(const IndicatorData& data, const Plan& plan, const Outcome& outcome);
Html OutcomeIndicatorSpine(const IndicatorData& data, const Plan& plan, const Outcome& outcome);

}  // namespace waymark::report
