// The golden thread: the strategies that build on a plan, with their governance and the plan
// outcomes their aims serve (/strategies, /strategies/{id}), the plan's own governance, and the
// section of an outcome page that lists the strategies building on it.
#pragma once

#include <string>
#include <vector>

#include "core/plan.h"
#include "report/html.h"
#include "report/layout.h"
#include "report/plan_pages.h"

namespace waymark::report {

// A strategy that serves an outcome: as a whole (`whole`), through some of its aims, or both.
struct StrategyServing {
  const Strategy* strategy = nullptr;
  bool whole = false;
  std::vector<const StrategyObjective*> aims;
};

// The plan's strategies that serve `outcome_id`, in the plan's order.
std::vector<StrategyServing> StrategiesServing(const Plan& plan, const std::string& outcome_id);

// The outcome page's section "Strategies that build on this outcome" (empty when none).
Html OutcomeStrategies(const Plan& plan, const Outcome& outcome, const Links& links);

// The plan's governance and its strategies, one row each; `choice` offers the other plans.
std::string RenderStrategies(const Plan& plan, const PlanChoice& choice, const Links& links);

// One strategy: its governance, period, the outcomes it serves and its aims.
std::string RenderStrategy(const Plan& plan, const Strategy& strategy, const Links& links);

}  // namespace waymark::report
