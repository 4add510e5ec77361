// Finding a plan's outcomes and objectives by id, in plan order.
#include "core/plan_lookup.h"

namespace waymark {

const Outcome* FindOutcome(const Plan& plan, std::string_view outcome_id) {
  for (const Outcome& o : plan.outcomes) {
    if (o.id == outcome_id) return &o;
  }
  return nullptr;
}

ObjectivePlace FindObjective(const Plan& plan, std::string_view objective_id) {
  for (const Outcome& o : plan.outcomes) {
    for (const Objective& objective : o.objectives) {
      if (objective.id == objective_id) return {&o, &objective};
    }
  }
  return {};
}

}  // namespace waymark
