// Child rights in a plan: the actions serving each principle and each Child Friendly Cities
// outcome, from the tags on actions and the badges of outcomes.
#include "core/child_rights.h"

#include <algorithm>
#include <string>

#include "core/plan_lookup.h"

namespace waymark {
namespace {

bool Names(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// True when an objective the action also serves sits under an outcome working towards the badge.
bool ServesThroughOtherOutcome(const Plan& plan, const Action& action, std::string_view badge_id) {
  return std::any_of(action.also_serves.begin(), action.also_serves.end(),
                     [&](const std::string& objective_id) {
                       const Outcome* o = FindObjective(plan, objective_id).outcome;
                       return o != nullptr && o->badge == badge_id;
                     });
}

}  // namespace

std::vector<RightsAction> ActionsForPrinciple(const Plan& plan, std::string_view principle_id) {
  std::vector<RightsAction> out;
  for (const Outcome& o : plan.outcomes) {
    for (const Objective& objective : o.objectives) {
      for (const Action& action : objective.actions) {
        if (Names(action.principles, principle_id)) {
          out.push_back({&o, &objective, &action, RightsLink::kTagged});
        }
      }
    }
  }
  return out;
}

std::optional<RightsLink> ServesBadge(const Plan& plan, const Outcome& outcome,
                                      const Action& action, std::string_view badge_id) {
  if (badge_id.empty()) return std::nullopt;
  if (Names(action.badges, badge_id)) return RightsLink::kTagged;
  if (outcome.badge == badge_id || ServesThroughOtherOutcome(plan, action, badge_id)) {
    return RightsLink::kThroughOutcome;
  }
  return std::nullopt;
}

std::vector<RightsAction> ActionsForBadge(const Plan& plan, std::string_view badge_id) {
  std::vector<RightsAction> out;
  for (const Outcome& o : plan.outcomes) {
    for (const Objective& objective : o.objectives) {
      for (const Action& action : objective.actions) {
        if (const auto link = ServesBadge(plan, o, action, badge_id)) {
          out.push_back({&o, &objective, &action, *link});
        }
      }
    }
  }
  return out;
}

std::vector<const Outcome*> OutcomesForBadge(const Plan& plan, std::string_view badge_id) {
  std::vector<const Outcome*> out;
  if (badge_id.empty()) return out;
  for (const Outcome& o : plan.outcomes) {
    if (o.badge == badge_id) out.push_back(&o);
  }
  return out;
}

}  // namespace waymark
