// Inequalities on the dashboard: the section of an indicator page (its breakdown figures read
// from the store, the gaps and slope index worked out outside the store's lock) and the plan's
// gaps page, /gaps (public, like the plan's other pages: a hidden draft is not found).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "report/gaps_page.h"
#include "report/html.h"
#include "report/indicator_data.h"
#include "web/indicator_source.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

// The inequalities section of the page of `s` for `area` (with England's figures for the
// deprivation breakdowns): empty when the indicator declares no breakdowns; nullopt when its
// figures cannot be read (the page then shows report::InequalitySectionUnavailable()).
std::optional<report::Html> IndicatorInequalities(PlanSource& plans,
                                                  const report::IndicatorData& data,
                                                  const report::IndicatorSeries& s,
                                                  std::string_view area,
                                                  const std::optional<Period>& period);

// The plan's gaps for its council (report::kDefaultArea), latest period of each breakdown, no
// slope indices: what /gaps lists and the overview sums up.
Result<std::vector<report::GapsEntry>> PlanGapEntries(PlanSource& plans,
                                                      const report::IndicatorData& data,
                                                      const Plan& plan);

void AddInequalityPages(Router& router, PlanSource& plans, IndicatorSource& indicators);

}  // namespace waymark::web
