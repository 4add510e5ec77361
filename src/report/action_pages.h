// The pages of the partnership at work: an action with its evidence and every update, the
// update form (with the figures of the writer's local measures), "my actions" (what a partner
// owes this cycle), and the progress summaries the overview and outcome pages show. GOV.UK
// Frontend markup; forms work without JavaScript and carry the CSRF token they are given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cycle.h"
#include "core/plan.h"
#include "ingest/local_figure.h"
#include "report/html.h"
#include "report/indicator_data.h"
#include "report/layout.h"
#include "report/progress.h"

namespace waymark::report {

// A GOV.UK tag for an action's standing: its status, "Draft", "No update" or "Overdue".
void StandingTag(Html& h, const ActionStanding& standing);
// The warning that an action's indicators are getting worse while its update says otherwise.
void DisagreementWarning(Html& h);

// For the overview: the current cycle, counts by status and the first actions that need
// attention (the evidence disagrees, off track, overdue, at risk), each linking to its action.
// Empty when the plan has had no cycle.
Html ProgressSummary(const PlanProgress& progress, const Links& links);
// The same for one outcome: its counts (on its overview card) and, when `list_attention`, the
// actions needing attention (on its page).
Html OutcomeProgress(const PlanProgress& progress, const Outcome& outcome, const Links& links,
                     bool list_attention);

// One cycle's update of the action as shown in its history.
struct UpdateEntry {
  ActionUpdate update;
  std::string cycle_name;
};

struct ActionPage {
  const Plan* plan = nullptr;
  Links links;
  ActionPlace place;
  const IndicatorData* data = nullptr;  // the linked indicators' figures (nullptr: none shown)
  std::optional<ReportingCycle> cycle;  // the current cycle
  ActionStanding standing;
  bool disagrees = false;
  std::vector<UpdateEntry> history;  // the updates the reader may see, newest cycle first
  bool can_update = false;  // the reader may write this action's update (cycle open, unlocked)
  bool can_reopen = false;  // the reader may reopen the current cycle's submitted update
  std::string csrf_token;
  FieldErrors errors;  // problems with the reopen form
  std::string reason;  // the reopen reason as typed
  std::string notice;  // a success banner ("Your update has been submitted")
};
std::string RenderActionPage(const ActionPage& page);

// A local measure whose figure the update form takes: the measure, the text before its
// fields' ids and names, and the fields as typed.
struct FigureFieldset {
  Indicator indicator;
  std::string prefix;
  ingest::LocalFigureInput input;
};

struct UpdateFormPage {
  const Plan* plan = nullptr;
  Links links;
  ActionPlace place;
  ReportingCycle cycle;
  ActionUpdateInput input;
  int version = 0;
  FieldErrors errors;
  // A save against an older version: the update as it now stands, shown beside what was typed
  // (which stays in the form, so nothing is lost).
  std::optional<ActionUpdate> newer;
  std::string csrf_token;
  // The local measures of the action's objective whose figures the writer may enter with the
  // update, each a set of fields (LocalFigureFields) in the form.
  std::vector<FigureFieldset> figures;
  std::vector<std::pair<std::string, std::string>> figure_areas;  // code, name
  std::string figure_period;  // the cycle's period; "" when each set must ask for it
  // The other local measures of the objective (id, title): their figures come from the
  // organisations that keep them; linked to their pages.
  std::vector<std::pair<std::string, std::string>> other_measures;
};
std::string RenderUpdateForm(const UpdateFormPage& page);
// The form's fields for an existing update (or empty ones).
ActionUpdateInput InputOf(const ActionUpdate* update);

struct MyActionsPage {
  const Plan* plan = nullptr;
  Links links;
  const PlanProgress* progress = nullptr;
  std::vector<const ActionProgress*> actions;  // the reader's, overdue first
  std::string organisation_name;
  bool every_action = false;  // an analyst: every action of the plan
};
std::string RenderMyActions(const MyActionsPage& page);

}  // namespace waymark::report
