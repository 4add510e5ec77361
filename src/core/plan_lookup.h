// Finding a plan's records by id: an outcome, and an objective with the outcome it sits under.
// Pointers are into the plan, which must outlive them; nullptr when the plan has no such record.
#pragma once

#include <string_view>

#include "core/plan.h"

namespace waymark {

const Outcome* FindOutcome(const Plan& plan, std::string_view outcome_id);

struct ObjectivePlace {
  const Outcome* outcome = nullptr;
  const Objective* objective = nullptr;
};
ObjectivePlace FindObjective(const Plan& plan, std::string_view objective_id);

}  // namespace waymark
