// Child rights (/rights): for each of the plan's principles of a child rights-based approach and
// each UNICEF Child Friendly Cities outcome (badge) it works towards, the actions serving it with
// their standing in the current cycle and the indicators that evidence them; and the rows of an
// action page that name the objectives, principles and badges it serves.
#pragma once

#include <string>

#include "core/plan.h"
#include "report/html.h"
#include "report/indicator_data.h"
#include "report/layout.h"
#include "report/plan_pages.h"
#include "report/progress.h"

namespace waymark::report {

struct RightsPage {
  const Plan* plan = nullptr;
  Links links;
  PlanChoice choice;
  const PlanProgress* progress = nullptr;  // the actions' standing in the current cycle
  const IndicatorData* data = nullptr;     // the indicators (nullptr: none shown)
};
std::string RenderRights(const RightsPage& page);

// Summary list rows of an action page: the other objectives it serves (linked to their
// outcomes), the principles it names, and the badges it serves (its own and its outcomes'),
// each linked to its place on the rights page. Rows with nothing to say are left out.
void ActionServesRows(Html& h, const Plan& plan, const Action& action, const Outcome& outcome,
                      const Links& links);

}  // namespace waymark::report
