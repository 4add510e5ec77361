// Child rights in a plan: which actions put each of the plan's principles into practice and
// which serve each Child Friendly Cities outcome (badge). Pure rules over the plan model; the
// rights page (/rights) reads them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/plan.h"

namespace waymark {

// How an action comes to serve a principle or a badge.
enum class RightsLink {
  kTagged,  // the action names it (Action::principles, Action::badges)
  // Its outcome, or the outcome of an objective it also serves, works towards the badge
  // (Outcome::badge).
  kThroughOutcome,
};

// An action of the plan with where it is declared and how it serves. Pointers are into the
// plan, which must outlive the result.
struct RightsAction {
  const Outcome* outcome = nullptr;      // the outcome it is declared under
  const Objective* objective = nullptr;  // the objective it is declared under
  const Action* action = nullptr;
  RightsLink link = RightsLink::kTagged;
};

// The actions that name `principle_id`, in plan order.
std::vector<RightsAction> ActionsForPrinciple(const Plan& plan, std::string_view principle_id);

// The actions that serve `badge_id`: those that name it, and those whose outcome (or the outcome
// of an objective they also serve) works towards it. Each action once, in plan order; an action
// that both names the badge and serves it through an outcome counts as tagged.
std::vector<RightsAction> ActionsForBadge(const Plan& plan, std::string_view badge_id);

// How `action`, declared under `outcome` of `plan`, serves `badge_id`; nullopt when it does not.
std::optional<RightsLink> ServesBadge(const Plan& plan, const Outcome& outcome,
                                      const Action& action, std::string_view badge_id);

// The plan's outcomes that work towards `badge_id`, in plan order.
std::vector<const Outcome*> OutcomesForBadge(const Plan& plan, std::string_view badge_id);

}  // namespace waymark
