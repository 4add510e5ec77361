// Board reports from the store (see report_source.h).
#include "web/report_source.h"

#include <algorithm>
#include <span>
#include <vector>

#include "assess/stored_inequalities.h"
#include "core/cycle.h"
#include "report/board_build.h"
#include "web/indicator_source.h"

namespace waymark::web {
namespace {

struct CycleChoice {
  const ReportingCycle* cycle = nullptr;
  const ReportingCycle* previous = nullptr;
};

// The cycle asked for (else the current one) and the one before it; `cycles` newest first.
Result<CycleChoice> ChooseCycle(const std::vector<ReportingCycle>& cycles,
                                const ReportScope& scope) {
  CycleChoice choice;
  if (scope.cycle_id) {
    const auto it = std::find_if(cycles.begin(), cycles.end(), [&](const ReportingCycle& c) {
      return c.id == *scope.cycle_id;
    });
    if (it == cycles.end()) {
      return MakeError(ErrorCode::kNotFound, "cycle: no cycle " + std::to_string(*scope.cycle_id) +
                                                 " in plan " + scope.plan_id);
    }
    choice.cycle = &*it;
  } else {
    choice.cycle = CurrentCycle(cycles);
  }
  if (choice.cycle == nullptr) return choice;
  const auto at = static_cast<std::size_t>(choice.cycle - cycles.data());
  if (at + 1 < cycles.size()) choice.previous = &cycles[at + 1];
  return choice;
}

Result<std::vector<ActionUpdate>> UpdatesOf(store::Store& store, const ReportingCycle* cycle) {
  if (cycle == nullptr) return std::vector<ActionUpdate>{};
  return store.ListActionUpdates({cycle->plan_id, cycle->id, ""});
}

// The last issued report of the same kind and scope, as it was frozen.
struct PreviousReport {
  std::optional<report::BoardReport> model;
  std::string issued_at;
};

Result<PreviousReport> LastIssued(store::Store& store, const ReportScope& scope) {
  WAYMARK_ASSIGN_OR_RETURN(const auto issued, store.ListIssuedReports(scope.plan_id));
  for (const IssuedReport& r : issued) {
    if (r.kind != scope.kind || r.outcome_id != scope.outcome_id) continue;
    WAYMARK_ASSIGN_OR_RETURN(const IssuedReport whole, store.FindIssuedReport(r.id));
    WAYMARK_ASSIGN_OR_RETURN(report::BoardReport model, report::ParseBoardReport(whole.model_json));
    return PreviousReport{std::move(model), whole.issued_at};
  }
  return PreviousReport{};
}

}  // namespace

Result<report::IndicatorData> LoadIndicatorData(store::Store& store) {
  WAYMARK_ASSIGN_OR_RETURN(IndicatorParts parts, ReadIndicatorParts(store, "", true));
  return std::move(parts).Make();
}

Result<report::BoardReport> LoadBoardReport(store::Store& store, const ReportScope& scope,
                                            const Clock& clock,
                                            const report::IndicatorData* data) {
  WAYMARK_ASSIGN_OR_RETURN(const Plan plan, store.LoadPlan(scope.plan_id));
  std::optional<report::IndicatorData> loaded;
  if (data == nullptr) {
    WAYMARK_ASSIGN_OR_RETURN(loaded, LoadIndicatorData(store));
    data = &*loaded;
  }
  WAYMARK_ASSIGN_OR_RETURN(const auto cycles, store.ListCycles(scope.plan_id));
  WAYMARK_ASSIGN_OR_RETURN(const CycleChoice choice, ChooseCycle(cycles, scope));
  report::BoardInputs in;
  in.plan = &plan;
  in.data = data;
  in.kind = scope.kind;
  in.outcome_id = scope.outcome_id;
  in.cycle = choice.cycle;
  WAYMARK_ASSIGN_OR_RETURN(in.updates, UpdatesOf(store, choice.cycle));
  WAYMARK_ASSIGN_OR_RETURN(in.previous_updates, UpdatesOf(store, choice.previous));
  auto index = store.LoadIndexResults(scope.plan_id);
  if (!index && index.error().code != ErrorCode::kNotFound) return tl::unexpected(index.error());
  if (index) in.index = &*index;
  std::optional<std::int64_t> cycle_id;
  if (choice.cycle != nullptr) cycle_id = choice.cycle->id;
  WAYMARK_ASSIGN_OR_RETURN(in.commentary, store.ListCommentary(scope.plan_id, cycle_id));
  WAYMARK_ASSIGN_OR_RETURN(in.findings, store.ListFindings(scope.plan_id));
  WAYMARK_ASSIGN_OR_RETURN(in.gaps, assess::AreaGaps(store, report::kDefaultArea));
  const std::int64_t now = clock.NowUnixSeconds();
  in.today = DateOfUnixSeconds(now);
  in.now = FormatUtc(now);
  WAYMARK_ASSIGN_OR_RETURN(in.data_as_of, store.LatestImportTime());
  WAYMARK_ASSIGN_OR_RETURN(const PreviousReport previous, LastIssued(store, scope));
  if (previous.model) {
    in.previous = &*previous.model;
    in.previous_issued_at = previous.issued_at;
  }
  return report::BuildBoardReport(in);
}

Result<IssuedReport> PrepareIssuedReport(const Plan& plan, const report::BoardReport& model,
                                         const ReportScope& scope, std::string_view board,
                                         const report::RenderOptions& options) {
  const bool known = std::any_of(plan.bodies.begin(), plan.bodies.end(),
                                 [&](const MonitoringBody& b) { return b.id == board; });
  if (!known) {
    return MakeError(ErrorCode::kNotFound, "board: no monitoring body '" + std::string(board) +
                                               "' in plan " + plan.id +
                                               " (see its bodies in 'waymark plan show')");
  }
  WAYMARK_ASSIGN_OR_RETURN(std::string html,
                           report::RenderBoardReport(model, report::ReportFormat::kHtml, options));
  WAYMARK_ASSIGN_OR_RETURN(std::string pdf,
                           report::RenderBoardReport(model, report::ReportFormat::kPdf, options));
  IssuedReport r;
  r.plan_id = scope.plan_id;
  r.kind = scope.kind;
  r.outcome_id = model.outcome_id;
  if (model.cycle_id != 0) r.cycle_id = model.cycle_id;
  r.board = std::string(board);
  r.title = model.title;
  r.data_as_of = model.data_as_of.empty() ? model.generated_at : model.data_as_of;
  r.model_json = report::BoardReportJson(model);
  r.html = std::move(html);
  r.pdf = std::move(pdf);
  return r;
}

Result<IssuedReport> IssueBoardReport(store::Store& store, const report::BoardReport& model,
                                      const ReportScope& scope, std::string_view board,
                                      const report::RenderOptions& options, const Clock& clock,
                                      const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(const Plan plan, store.LoadPlan(scope.plan_id));
  WAYMARK_ASSIGN_OR_RETURN(const IssuedReport prepared,
                           PrepareIssuedReport(plan, model, scope, board, options));
  return store.IssueReport(prepared, clock.NowUnixSeconds(), audit);
}

Result<std::string> RenderIssuedReport(const IssuedReport& issued, report::ReportFormat format,
                                       std::string_view table,
                                       const report::RenderOptions& options) {
  if (format == report::ReportFormat::kHtml) return issued.html;
  if (format == report::ReportFormat::kPdf) {
    if (issued.pdf.empty()) {
      return MakeError(ErrorCode::kNotFound, "report " + std::to_string(issued.id) +
                                                 " was issued without a PDF");
    }
    return issued.pdf;
  }
  WAYMARK_ASSIGN_OR_RETURN(const report::BoardReport model,
                           report::ParseBoardReport(issued.model_json));
  if (format == report::ReportFormat::kXlsx) {
    return report::RenderBoardReport(model, format, options);
  }
  const auto one = report::BoardReportTable(model, table);
  if (!one) {
    return MakeError(ErrorCode::kNotFound,
                     "table: no table '" + std::string(table) +
                         "' in this report (summary, exceptions, indicators, actions, index)");
  }
  return report::TableCsv(*one);
}

}  // namespace waymark::web
