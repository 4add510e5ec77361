// The plan's inequality gaps page (/gaps): for each of the plan's indicators that is published
// by group, the outcomes and objectives it is linked to and one row per breakdown and group
// with the latest gap against the comparison group for the plan's area, its interval and
// trend, each linking to the breakdown on the indicator page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/plan.h"
#include "report/inequality_view.h"
#include "report/layout.h"

namespace waymark::report {

struct GapsEntry {
  Indicator indicator;
  std::vector<BreakdownView> views;  // for the plan's area, without slopes
};

// The indicators whose gaps the plan's page shows: those that declare breakdowns and belong to
// `plan` (or to no plan), in the order given.
std::vector<Indicator> GapsIndicators(const Plan& plan, const std::vector<Indicator>& indicators);

// The plan overview's paragraph on inequalities: how many of the plan's gaps in `area_name`
// are widening or narrowing, the widening ones named, and a link to /gaps. Empty when the plan
// has no indicator published by group.
Html GapsSummary(const Links& links, std::string_view area_name,
                 const std::vector<GapsEntry>& entries);

// `area` is the plan's area (its code and name); the indicator pages are linked with it.
std::string RenderGapsPage(const Plan& plan, const Links& links, std::string_view area,
                           std::string_view area_name, const std::vector<GapsEntry>& entries);

}  // namespace waymark::report
