// Reading and writing the partnership's progress for the web layer: a plan's cycles and the
// updates of one cycle, turned into report::PlanProgress, and the one flow through which the
// update form and the API save an action update (the same checks, locking and audit for both).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/cycle.h"
#include "report/progress.h"
#include "web/http.h"
#include "web/plan_source.h"

namespace waymark::web {

struct StoredProgress {
  std::vector<ReportingCycle> cycles;  // every cycle of the plan, newest first
  const ReportingCycle* Current() const { return CurrentCycle(cycles); }
};

// The plan's cycles.
Result<StoredProgress> LoadCycles(PlanSource& plans, std::string_view plan_id);

// The progress of `plan` in `cycle` (the current one when nullptr) on the clock's date: the
// cycle's updates the principal may see (drafts only for those who may write or read them).
Result<report::PlanProgress> LoadProgress(PlanSource& plans, const Plan& plan,
                                          const StoredProgress& stored,
                                          const ReportingCycle* cycle, const Principal& principal,
                                          const Clock& clock, const report::IndicatorData* data);

// What a save of an action update asks for (from the form or the API).
struct UpdateAttempt {
  std::string action_id;
  ActionUpdateInput input;
  int version = 0;  // the version the writer read (0: none existed)
  bool submit = false;
  // Problems with what was sent with the update and is kept only with it (the form's figures of
  // local measures, checked first): when there are any the update is refused with them, listed
  // after its own, and nothing is saved.
  FieldErrors companion_errors;
};

enum class SaveOutcome {
  kSaved,
  kNotFound,   // no such action in the plan
  kForbidden,  // the writer's organisation is not responsible for the action
  kNoCycle,    // the plan has no open cycle
  kInvalid,    // field errors
  kLocked,     // the update is submitted (or the cycle closed)
  kStale,      // someone saved a newer version
  kFailed,     // the store failed
};

struct SaveResult {
  SaveOutcome outcome = SaveOutcome::kFailed;
  ActionUpdate update;  // kSaved: as saved; kLocked/kStale: as it now stands
  bool has_update = false;
  FieldErrors errors;
  std::string message;  // for refusals: what happened, in words
  std::optional<ReportingCycle> cycle;
};

// Saves `attempt` for `request.principal` in the plan's open cycle, audited under `request`.
// kInvalid (nothing saved) when its fields or `attempt.companion_errors` have problems.
SaveResult SaveUpdate(PlanSource& plans, const Plan& plan, const Request& request,
                      const UpdateAttempt& attempt, const Clock& clock);

// The HTTP status of a refusal (404, 403, 409, 400, 500; 200 for kSaved).
int StatusOf(SaveOutcome outcome);

}  // namespace waymark::web
