// Reading an action-update file for `waymark update import`: one CSV row per action of a
// cycle's plan, each checked with the rules of core/cycle.h (the fields, and whether its author
// may write that action's update) before anything is saved, so that a file with any problem
// changes nothing and every problem is reported as FILE:LINE:COL; then saved in one batch, so
// that a row the store refuses after the check changes nothing either.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/cycle.h"
#include "core/plan.h"
#include "core/result.h"
#include "store/store.h"

namespace waymark::cli {

// The columns of an update file, in the order `update list --format csv` writes them first.
inline constexpr std::array<std::string_view, 8> kUpdateFileColumns = {
    "action",    "author",   "state",      "status",
    "narrative", "evidence", "next_steps", "expected_completion"};

// The other columns `update list --format csv` writes: read-only, so an import ignores them and
// a list edited in a spreadsheet can be imported (into another cycle, say) as it is.
inline constexpr std::array<std::string_view, 8> kIgnoredUpdateColumns = {
    "cycle",   "plan",       "organisation", "author_name",
    "version", "updated_at", "submitted_at", "reopened_reason"};

// One row that passed every check: the update to save and the stored version it replaces (0
// when the action has no update in the cycle yet).
struct PlannedUpdate {
  ActionUpdate update;
  int expected_version = 0;
  int line = 0;  // the row's line in the file
};

struct UpdateFileCheck {
  std::vector<PlannedUpdate> updates;  // in file order; empty when there are problems
  Diagnostics problems;                // every problem, in file order
  bool ok() const { return problems.empty(); }
};

// Splits an evidence cell into links: separated by " | " or line breaks, each trimmed, empty
// ones dropped.
std::vector<std::string> SplitEvidenceCell(std::string_view cell);

// Checks every row of the update file at `path` for `cycle` (open) of `plan`, whose stored
// updates are `stored`; authors are looked up in `store`. An error only when the store fails;
// an unreadable file is a problem of the check.
Result<UpdateFileCheck> CheckUpdateFile(const std::string& path, const ReportingCycle& cycle,
                                        const Plan& plan, const std::vector<ActionUpdate>& stored,
                                        store::Store& store);

// Saves the updates of a file that passed CheckUpdateFile as one batch (Store::
// SaveActionUpdates), each audited with `audit`: all or nothing. When the store refuses one of
// them (it changed after the check: submitted, saved again, or the cycle closed meanwhile) no
// update of the file is kept, and the error is at the refused row, as FILE:LINE (`path`, the
// row's line). The saved updates, in file order.
Result<std::vector<ActionUpdate>> SaveUpdateFile(store::Store& store, const std::string& path,
                                                 const std::vector<PlannedUpdate>& updates,
                                                 std::int64_t now, const AuditEntry& audit);

}  // namespace waymark::cli
