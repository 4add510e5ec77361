// Two plans side by side (/plans/{from}/compare/{to}): what changed from one plan to the other,
// record by record and field by field, from the same diff the plan history keeps
// (store::DiffPlans): e.g. the draft and the published plan's actions added, removed and
// reworded, and its partners and boards changed. Records are matched by id.
#pragma once

#include <string>
#include <vector>

#include "core/plan.h"
#include "core/plan_lineage.h"
#include "report/indicator_data.h"

namespace waymark::report {

struct PlanComparison {
  const Plan* from = nullptr;
  const Plan* to = nullptr;
  std::vector<PlanSummary> plans;  // the plans the reader may see, for the other comparisons
  // When one plan descends from the other through `continues`: each generation's step, oldest
  // first, and the figures of the indicators that persist (null: none loaded).
  std::vector<GenerationStep> generations = {};
  const IndicatorData* data = nullptr;
};
std::string RenderPlanComparison(const PlanComparison& page);

// The address of the comparison of plan `from` with plan `to`.
std::string PlanComparisonHref(std::string_view from, std::string_view to);

}  // namespace waymark::report
