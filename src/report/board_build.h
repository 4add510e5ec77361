// Building a board report from what the store holds: the plan, the judged figures, a reporting
// cycle's submitted updates (and the previous cycle's, for "off track for two cycles"), the
// composite index, the analyst's commentary and what young people told us (stored findings).
// Pure: the caller reads the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assess/inequalities.h"
#include "core/board_report.h"
#include "core/cycle.h"
#include "core/finding.h"
#include "core/plan.h"
#include "core/result.h"
#include "report/board_model.h"
#include "report/indicator_data.h"
#include "store/store.h"

namespace waymark::report {

struct BoardInputs {
  const Plan* plan = nullptr;
  const IndicatorData* data = nullptr;
  ReportKind kind = ReportKind::kPlan;
  std::string outcome_id;  // required for an outcome report, else ignored
  // The report's cycle (nullptr: the plan has had none) and its updates; drafts are left out.
  const ReportingCycle* cycle = nullptr;
  std::vector<ActionUpdate> updates;
  std::vector<ActionUpdate> previous_updates;  // of the cycle before it
  const store::IndexResults* index = nullptr;  // nullptr: not computed
  std::vector<Commentary> commentary;          // of the report's cycle
  // The plan's stored findings: when there are any, each outcome's "what young people told
  // us" is its findings, "You said ... We did ..." (report/finding_pages.h), in place of the
  // plan's own lists.
  std::vector<Finding> findings;
  Date today;
  std::string now;         // ISO 8601 UTC
  std::string data_as_of;  // ISO 8601 UTC
  // The last issued report of the same kind and scope, for "what changed since".
  const BoardReport* previous = nullptr;
  std::string previous_issued_at;
  // The gaps between groups of the indicators with breakdowns, for the plan's council
  // (assess::ComputeInequalities); each indicator shows its latest gap of each group.
  std::vector<assess::GapRow> gaps;
};

// The report. kInvalidArgument when an outcome report names no outcome, kNotFound when the
// outcome is not the plan's.
Result<BoardReport> BuildBoardReport(const BoardInputs& in);

// The exceptions among `outcomes` (in plan order, indicators before actions): each item that
// meets a rule, with the strongest rule it meets (off track for two cycles before off track).
std::vector<ReportException> SelectExceptions(const std::vector<ReportOutcome>& outcomes);

// The title of a report: "Board pack: 2026–27 Q2", "Outcome report: Be healthy – 2026–27 Q2"…
std::string BoardReportTitle(ReportKind kind, std::string_view outcome_title,
                             std::string_view cycle_name);

}  // namespace waymark::report
