// What the pages show of each breakdown an indicator declares: whose figures (the page's area,
// or England's for deprivation deciles), which period and edition of the groups, each group's
// figure, its gap against the comparison group then and over time, and for deprivation the
// slope index of inequality. Worked out from judged figures with assess::ComputeInequalities;
// pure, no I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assess/inequalities.h"
#include "core/assessment.h"

namespace waymark::report {

// One group's gap against the comparison group, period by period (oldest first).
struct GapSeries {
  std::string group;
  std::vector<assess::GapRow> rows;
};

// One breakdown as shown.
struct BreakdownView {
  BreakdownDimension dimension;
  std::string anchor;  // the id of its heading on the indicator page
  std::string area;    // whose figures are shown
  std::string area_name;
  // Deprivation: the page's area has no figures by this breakdown, so England's are shown.
  bool england_instead = false;
  std::optional<Period> period;  // the period shown; none when there are no figures
  // A period was asked for but this breakdown has no figures then: the latest is shown.
  std::optional<Period> chosen_missing;
  std::vector<Assessment> groups;    // each group's figure in that period, in order
  std::vector<assess::GapRow> gaps;  // that period's gap of every group but the comparison
  // The gap over time: of every group but the comparison, or for deprivation of the first
  // (most deprived) group only, whose gap with the least deprived the SII puts in context.
  std::vector<GapSeries> series;
  std::optional<assess::SlopeRow> slope;  // deprivation, when slopes were asked for
};

struct InequalityRequest {
  std::string area;  // the page's area
  std::string area_name;
  std::optional<Period> period;  // the page's chosen period (else each breakdown's latest)
  // Deprivation breakdowns without figures for `area` show England's, when England has some
  // (the indicator page).
  bool england_for_deprivation = true;
  bool slopes = true;  // compute the slope index (simulated: the costly part)
};

// Every breakdown of `indicator` in catalogue order. `figures` are its breakdown figures of
// the area and, where England's may be shown, England. Each breakdown shows the figures whose
// other fields (sex, age) are those of `headline`, the breakdown the page's other figures are
// for; when it has none such, those of its most common sex and age. The period is the chosen
// one when the breakdown has figures for it, else its latest; the edition (category type) the
// one with most groups in that period.
std::vector<BreakdownView> BuildInequalityViews(const Indicator& indicator,
                                                const Breakdown& headline,
                                                std::span<const Assessment> figures,
                                                const InequalityRequest& request);

// The ids of the breakdowns' headings, "inequalities-" and the label in lower case with
// dashes, unique on the page; in catalogue order.
std::vector<std::string> InequalityAnchors(const Indicator& indicator);

}  // namespace waymark::report
