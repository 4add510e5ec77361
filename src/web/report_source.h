// Board reports from the store, for the web routes and the command line alike: reads the plan,
// the judged figures (or takes the server's snapshot of them), the report's cycle with its
// updates and the previous cycle's, the index, the commentary and the last issued report of the
// same kind and scope, and builds the report (report::BuildBoardReport). Issuing freezes one:
// its model, HTML and PDF are stored as they were rendered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/account.h"
#include "core/board_report.h"
#include "core/clock.h"
#include "core/result.h"
#include "report/board_formats.h"
#include "report/board_model.h"
#include "report/indicator_data.h"
#include "store/store.h"

namespace waymark::web {

// Which report: its plan, kind, outcome (outcome reports) and cycle (nullopt: the current one).
struct ReportScope {
  std::string plan_id;
  ReportKind kind = ReportKind::kPlan;
  std::string outcome_id;
  std::optional<std::int64_t> cycle_id;
};

// The figures as the dashboard has them, read from the store.
Result<report::IndicatorData> LoadIndicatorData(store::Store& store);

// The report of `scope` as of the clock's time. `data` is the server's snapshot of the figures
// (nullptr: read them from the store). kNotFound for an unknown plan, outcome or cycle;
// kInvalidArgument for a cycle of another plan.
Result<report::BoardReport> LoadBoardReport(store::Store& store, const ReportScope& scope,
                                            const Clock& clock,
                                            const report::IndicatorData* data = nullptr);

// The report to issue: `model` rendered to HTML and PDF (WeasyPrint, which takes seconds: call
// it without holding the store), for `board`, which must be a monitoring body of `plan`.
Result<IssuedReport> PrepareIssuedReport(const Plan& plan, const report::BoardReport& model,
                                         const ReportScope& scope, std::string_view board,
                                         const report::RenderOptions& options);

// Freezes `model` as a report issued to `board`: PrepareIssuedReport, then stores it with the
// model (Store::IssueReport, audited). The stored report, bodies included.
Result<IssuedReport> IssueBoardReport(store::Store& store, const report::BoardReport& model,
                                      const ReportScope& scope, std::string_view board,
                                      const report::RenderOptions& options, const Clock& clock,
                                      const AuditEntry& audit);

// The frozen report `report` in `format`: the stored HTML and PDF as they were issued, the
// workbook and CSV from its stored model. `table` names the CSV's table.
Result<std::string> RenderIssuedReport(const IssuedReport& issued, report::ReportFormat format,
                                       std::string_view table,
                                       const report::RenderOptions& options);

}  // namespace waymark::web
