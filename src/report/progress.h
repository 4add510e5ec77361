// Where a plan's actions stand: each action with its update of the current reporting cycle, its
// standing (status, no update, overdue), whether the evidence and the update disagree, and the
// counts per outcome and for the plan. Plain values built from what the store holds; the pages
// of actions, cycles and the overview read them.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/cycle.h"
#include "core/plan.h"
#include "report/indicator_data.h"

namespace waymark::report {

// One action of the plan and where it stands in the current cycle.
struct ActionProgress {
  const Outcome* outcome = nullptr;
  const Objective* objective = nullptr;
  const Action* action = nullptr;
  const ActionUpdate* update = nullptr;  // this cycle's update (a draft too), nullptr when none
  ActionStanding standing;
  bool disagrees = false;  // "the evidence and the update disagree"
};

struct PlanProgress {
  std::optional<ReportingCycle> cycle;  // the current cycle; nullopt when there has been none
  std::vector<ActionUpdate> updates;    // the current cycle's updates
  std::vector<ActionProgress> actions;  // every action, in plan order
  StatusCounts counts;
  std::map<std::string, StatusCounts, std::less<>> by_outcome;
  Date today;

  const ActionProgress* Find(std::string_view action_id) const;
  const StatusCounts* CountsOf(std::string_view outcome_id) const;
};

// The recent-trend labels, for the plan's council (kDefaultArea), of the indicators linked to
// `objective` in the latest period each has there.
std::vector<RecentTrend> ObjectiveTrends(const IndicatorData& data, const Plan& plan,
                                         const Objective& objective);

// The indicators linked to `objective` of `plan` (catalogue `plan` and `objectives`).
std::vector<const IndicatorSeries*> ObjectiveIndicators(const IndicatorData& data,
                                                        const Plan& plan,
                                                        const Objective& objective);

// Builds the progress of `plan` (which `progress.actions` points into: it must outlive the
// result) from its cycles and the current cycle's updates, on `today`. `data` gives the
// indicator trends for the disagreement flag (nullptr: no flags).
PlanProgress BuildProgress(const Plan& plan, std::span<const ReportingCycle> cycles,
                           std::vector<ActionUpdate> current_updates, const Date& today,
                           const IndicatorData* data);

// The action `action_id` of `plan` with its outcome and objective; all nullptr when none.
struct ActionPlace {
  const Outcome* outcome = nullptr;
  const Objective* objective = nullptr;
  const Action* action = nullptr;
};
ActionPlace FindAction(const Plan& plan, std::string_view action_id);

// How many actions each organisation owes in a cycle and how many of those have a submitted
// update, a draft, or nothing (an update written by any responsible organisation counts for
// all of them).
struct OrganisationCompletion {
  std::string organisation;  // partner id
  std::string name;
  int owed = 0;
  int submitted = 0;
  int drafts = 0;
  int missing = 0;
};
std::vector<OrganisationCompletion> CompletionByOrganisation(const Plan& plan,
                                                             const PlanProgress& progress);

}  // namespace waymark::report
