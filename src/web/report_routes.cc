// The board report routes: GET /reports (what the reader may see: everyone the published ones,
// those who read drafts every one), GET /reports/new and POST /reports (analysts issue one),
// GET /reports/{id} (sign-off, downloads, what changed since), GET /reports/{id}/document (the
// frozen HTML under a CSP that allows its inlined stylesheet and nothing else), GET
// /reports/{id}/download?format=pdf|xlsx|csv[&table=] and the sign-off steps POST
// /reports/{id}/review|approve|publish. A report the reader may not see is 404.
#include <algorithm>

#include "report/issued_pages.h"
#include "web/action_routes.h"
#include "web/progress_source.h"
#include "web/report_source.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

constexpr std::string_view kDocumentPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'";

// An issued report with its bodies and the plan it belongs to.
struct VisibleIssue {
  IssuedReport report;
  PlanView view;
};

// The issued report of the path's {id}, when the reader may see it and its plan (404 else).
Answer<VisibleIssue> VisibleReport(const ProgressRoutes& r, const Request& request) {
  const auto id = ParseWholeNumber(request.Param("id"));
  if (!id || *id <= 0) return Refuse(request, 404, "no such report");
  auto found = r.plans.WithStore([&](store::Store& s) { return s.FindIssuedReport(*id); });
  if (!found) {
    const bool missing = found.error().code == ErrorCode::kNotFound;
    return Refuse(request, missing ? 404 : 500,
                  missing ? "no such report" : "the report could not be read");
  }
  if (!CanSeeIssuedReport(request.principal, found->state)) {
    return Refuse(request, 404, "no such report");
  }
  auto view = NamedPlan(r.plans, request, found->plan_id);
  if (!view) return tl::unexpected(view.error());
  return VisibleIssue{std::move(*found), std::move(*view)};
}

Response ReportsPage(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto all = r.plans.WithStore(
      [&](store::Store& s) { return s.ListIssuedReports(view->plan->id); });
  if (!all) return Fail(request, 500, "the reports could not be read");
  report::ReportsPage page;
  page.links = LinksOf(*view);
  for (IssuedReport& rep : *all) {
    if (CanSeeIssuedReport(request.principal, rep.state)) page.reports.push_back(std::move(rep));
  }
  page.can_issue = Allows(request.principal.role, Permission::kEditPlans);
  return Response::Html(200, report::RenderReportsPage(page));
}

Response NewReportPage(const ProgressRoutes& r, const Request& request, int status = 200,
                       report::ReportInput input = {}, FieldErrors errors = {}) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto cycles = LoadCycles(r.plans, view->plan->id);
  if (!cycles) return Fail(request, 500, "the reporting cycles could not be read");
  report::NewReportPage page;
  page.plan = view->plan.get();
  page.links = LinksOf(*view);
  page.cycles = std::move(cycles->cycles);
  page.csrf_token = request.csrf_token;
  if (input.kind.empty()) input.kind = std::string(ReportKindName(ReportKind::kPlan));
  page.input = std::move(input);
  page.errors = std::move(errors);
  return Response::Html(status, report::RenderNewReportPage(page));
}

// The scope the form asks for, or every problem with it, named by field.
FieldErrors CheckReportInput(const Plan& plan, const std::vector<ReportingCycle>& cycles,
                             const report::ReportInput& in, ReportScope& scope) {
  FieldErrors errors;
  const auto kind = ParseReportKind(in.kind);
  if (!kind) {
    errors.push_back({"kind", "Choose the kind of report"});
  } else {
    scope.kind = *kind;
  }
  const bool outcome_known = std::any_of(plan.outcomes.begin(), plan.outcomes.end(),
                                         [&](const Outcome& o) { return o.id == in.outcome; });
  if (kind == ReportKind::kOutcome && !outcome_known) {
    errors.push_back({"outcome", "Choose the outcome the report covers"});
  } else if (kind == ReportKind::kOutcome) {
    scope.outcome_id = in.outcome;
  }
  if (!in.cycle.empty()) {
    const auto id = ParseWholeNumber(in.cycle);
    const bool known = id && std::any_of(cycles.begin(), cycles.end(),
                                         [&](const ReportingCycle& c) { return c.id == *id; });
    if (known) {
      scope.cycle_id = *id;
    } else {
      errors.push_back({"cycle", "Choose one of the plan's reporting cycles"});
    }
  }
  const bool board_known = std::any_of(plan.bodies.begin(), plan.bodies.end(),
                                       [&](const MonitoringBody& b) { return b.id == in.board; });
  if (!board_known) errors.push_back({"board", "Choose the board the report goes to"});
  return errors;
}

Response IssuePost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  report::ReportInput input{FormValue(*form, "kind"), FormValue(*form, "outcome"),
                            FormValue(*form, "cycle"), FormValue(*form, "board")};
  auto cycles = LoadCycles(r.plans, view->plan->id);
  if (!cycles) return Fail(request, 500, "the reporting cycles could not be read");
  ReportScope scope;
  scope.plan_id = view->plan->id;
  FieldErrors errors = CheckReportInput(*view->plan, cycles->cycles, input, scope);
  if (!errors.empty()) return NewReportPage(r, request, 400, input, std::move(errors));
  // A report is never issued without its figures: an unreadable database is refused (503).
  const auto snapshot = SnapshotFor(r.indicators, request);
  if (!snapshot) return snapshot.error();
  const AuditEntry audit = RequestAudit(request, r.clock, "report.issue");
  // The model is read holding the store; the PDF is rendered without it.
  auto model = r.plans.WithStore([&](store::Store& s) {
    return LoadBoardReport(s, scope, r.clock, snapshot->data.get());
  });
  if (!model) return Fail(request, 500, "the report could not be built");
  auto prepared = PrepareIssuedReport(*view->plan, *model, scope, input.board, {});
  if (!prepared) return Fail(request, 500, "the report could not be rendered");
  auto issued = r.plans.WithStore([&](store::Store& s) {
    return s.IssueReport(*prepared, r.clock.NowUnixSeconds(), audit);
  });
  if (!issued) return Fail(request, 500, "the report could not be issued");
  return SeeOther("/reports/" + std::to_string(issued->id));
}

std::vector<std::string> TableNames(const report::BoardReport& model) {
  std::vector<std::string> names;
  for (const report::Table& t : report::BoardReportTables(model)) names.push_back(t.name);
  return names;
}

std::optional<ReportState> NextStepFor(const Principal& who, const IssuedReport& rep) {
  const auto next = NextReportState(rep.state);
  if (!next) return std::nullopt;
  if (ReportTransitionRefusal(who, rep.state, *next, rep.reviewed_by) !=
      ReportRefusal::kNone) {
    return std::nullopt;
  }
  return next;
}

Response ReportPage(const ProgressRoutes& r, const Request& request, int status = 200,
                    std::string message = {}) {
  auto visible = VisibleReport(r, request);
  if (!visible) return visible.error();
  IssuedReport* found = &visible->report;
  const PlanView* view = &visible->view;
  report::IssuedReportPage page;
  page.links = LinksOf(*view);
  page.has_pdf = !found->pdf.empty();
  for (const MonitoringBody& b : view->plan->bodies) {
    if (b.id == found->board) page.board_name = b.name;
  }
  auto frozen = report::ParseBoardReport(found->model_json);
  if (frozen) {
    page.table_names = TableNames(*frozen);
    if (frozen->kind == ReportKind::kChildren &&
        Allows(request.principal.role, Permission::kEditPlans)) {
      page.readability = report::ChildrensWordingReadability(*frozen);
    }
    ReportScope scope{found->plan_id, found->kind, found->outcome_id, found->cycle_id};
    // What changed since issue is told only against figures that could be read.
    const auto snapshot = r.indicators.Get();
    auto now = r.plans.WithStore([&](store::Store& s) {
      return LoadBoardReport(s, scope, r.clock, snapshot.data.get());
    });
    if (now && snapshot.readable) {
      page.changes = report::DescribeChanges(*frozen, *now);
      page.changes_known = true;
    }
  }
  found->model_json.clear();
  found->html.clear();
  found->pdf.clear();
  page.report = std::move(*found);
  page.next_step = NextStepFor(request.principal, page.report);
  page.csrf_token = request.csrf_token;
  page.message = std::move(message);
  return Response::Html(status, report::RenderIssuedReportPage(page));
}

Response DocumentPage(const ProgressRoutes& r, const Request& request) {
  auto visible = VisibleReport(r, request);
  if (!visible) return visible.error();
  Response response = Response::Html(200, std::move(visible->report.html));
  response.Set("Content-Security-Policy", std::string(kDocumentPolicy));
  return response;
}

Response Download(const ProgressRoutes& r, const Request& request) {
  auto visible = VisibleReport(r, request);
  if (!visible) return visible.error();
  const IssuedReport* found = &visible->report;
  const auto format = report::ParseReportFormat(request.Query("format").value_or(""));
  if (!format || *format == report::ReportFormat::kHtml) {
    return Fail(request, 400, "format: choose pdf, xlsx or csv", "format");
  }
  const std::string table = request.Query("table").value_or("");
  report::RenderOptions options;
  auto bytes = RenderIssuedReport(*found, *format, table, options);
  if (!bytes) {
    const bool missing = bytes.error().code == ErrorCode::kNotFound;
    return Fail(request, missing ? 404 : 500, bytes.error().message, missing ? "table" : "");
  }
  std::string name = "report-" + std::to_string(found->id);
  if (*format == report::ReportFormat::kCsv) name.append("-").append(table);
  name.append(".").append(report::ReportFormatName(*format));
  Response response{200, {}, std::move(*bytes)};
  response.Set("Content-Type", std::string(report::ReportFormatMediaType(*format)));
  response.Set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return response;
}

Response StepPost(const ProgressRoutes& r, const Request& request, ReportState to) {
  auto visible = VisibleReport(r, request);
  if (!visible) return visible.error();
  const IssuedReport* found = &visible->report;
  static constexpr std::string_view kActions[] = {"", "report.review", "report.approve",
                                                  "report.publish"};
  const AuditEntry audit =
      RequestAudit(request, r.clock, kActions[static_cast<std::size_t>(to)]);
  auto moved = r.plans.WithStore([&](store::Store& s) {
    return s.TransitionReport(found->id, to, request.principal, r.clock.NowUnixSeconds(), audit);
  });
  if (!moved) {
    const ErrorCode code = moved.error().code;
    if (code == ErrorCode::kConflict) return ReportPage(r, request, 409, moved.error().message);
    if (code == ErrorCode::kValidation) return ReportPage(r, request, 403, moved.error().message);
    return Fail(request, 500, "the report could not be signed off");
  }
  return SeeOther("/reports/" + std::to_string(found->id));
}

}  // namespace

void AddReportPages(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/reports", Permission::kPublic,
             [routes](const Request& r) { return ReportsPage(routes, r); });
  router.Add("GET", "/reports/new", Permission::kEditPlans,
             [routes](const Request& r) { return NewReportPage(routes, r); });
  router.Add("POST", "/reports", Permission::kEditPlans,
             [routes](const Request& r) { return IssuePost(routes, r); });
  router.Add("GET", "/reports/{id}", Permission::kPublic,
             [routes](const Request& r) { return ReportPage(routes, r); });
  router.Add("GET", "/reports/{id}/document", Permission::kPublic,
             [routes](const Request& r) { return DocumentPage(routes, r); });
  router.Add("GET", "/reports/{id}/download", Permission::kPublic,
             [routes](const Request& r) { return Download(routes, r); });
  router.Add("POST", "/reports/{id}/review", Permission::kEditPlans,
             [routes](const Request& r) { return StepPost(routes, r, ReportState::kReviewed); });
  router.Add("POST", "/reports/{id}/approve", Permission::kSignOff,
             [routes](const Request& r) { return StepPost(routes, r, ReportState::kApproved); });
  router.Add("POST", "/reports/{id}/publish", Permission::kEditPlans,
             [routes](const Request& r) { return StepPost(routes, r, ReportState::kPublished); });
}

}  // namespace waymark::web
