// The reporting cycle pages: the list with the form to open a cycle, one cycle's completion by
// organisation (HTML or CSV) and closing it.
#include "report/cycle_pages.h"
#include "web/action_routes.h"
#include "web/progress_source.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

std::optional<std::int64_t> CycleIdOf(const Request& request) {
  const auto id = ParseWholeNumber(request.Param("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

// The cycles page answering with `status` (400 or 409 when the open form was refused).
Response CyclesPage(const ProgressRoutes& r, const Request& request, int status = 200,
                    CycleInput input = {}, FieldErrors errors = {}) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto stored = LoadCycles(r.plans, view->plan->id);
  if (!stored) return Fail(request, 500, "the reporting cycles could not be read");
  report::CyclesPage page;
  page.plan = view->plan.get();
  page.links = LinksOf(*view);
  page.cycles = std::move(stored->cycles);
  page.can_run = Allows(request.principal.role, Permission::kRunCycles);
  page.csrf_token = request.csrf_token;
  page.input = std::move(input);
  page.errors = std::move(errors);
  return Response::Html(status, report::RenderCyclesPage(page));
}

Response OpenCyclePost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  CycleInput input{FormValue(*form, "name"), FormValue(*form, "from"), FormValue(*form, "to"),
                   FormValue(*form, "due")};
  CycleCheck check = CheckCycleInput(view->plan->id, input);
  if (!check.errors.empty()) return CyclesPage(r, request, 400, input, std::move(check.errors));
  const AuditEntry audit = RequestAudit(request, r.clock, "cycle.open");
  auto opened = r.plans.WithStore([&](store::Store& s) {
    return s.OpenCycle(check.cycle, r.clock.NowUnixSeconds(), audit);
  });
  if (!opened) {
    if (opened.error().code == ErrorCode::kAlreadyExists) {
      return CyclesPage(r, request, 409, input,
                        {{"name", "This plan already has an open cycle; close it before opening "
                                  "another"}});
    }
    return Fail(request, 500, "the cycle could not be opened");
  }
  std::string href = "/cycles/" + std::to_string(opened->id);
  if (LinksOf(*view).CarriesPlan()) href += "?plan=" + report::UrlEncode(view->plan->id);
  return SeeOther(href);
}

Response CyclePage(const ProgressRoutes& r, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const auto id = CycleIdOf(request);
  if (!id) return Fail(request, 404, "no such reporting cycle");
  auto cycle = r.plans.WithStore([&](store::Store& s) { return s.FindCycle(*id); });
  if (!cycle) {
    return Fail(request, cycle.error().code == ErrorCode::kNotFound ? 404 : 500,
                "no such reporting cycle");
  }
  auto view = NamedPlan(r.plans, request, cycle->plan_id);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  const auto snapshot = r.indicators.Get();
  auto progress = LoadProgress(r.plans, plan, StoredProgress{}, &*cycle, request.principal,
                               r.clock, snapshot.data.get());
  if (!progress) return Fail(request, 500, "the action updates could not be read");
  if (*format == Format::kCsv) {
    return Response::Csv(200, report::CycleCsv(plan, *progress),
                         "cycle-" + std::to_string(cycle->id) + ".csv");
  }
  report::CyclePage page;
  page.plan = &plan;
  page.links = LinksOf(*view);
  page.cycle = *cycle;
  page.progress = &*progress;
  page.completion = report::CompletionByOrganisation(plan, *progress);
  page.can_run = Allows(request.principal.role, Permission::kRunCycles);
  page.csrf_token = request.csrf_token;
  page.csv_href = "/cycles/" + std::to_string(cycle->id) + "?format=csv";
  return Response::Html(200, report::RenderCyclePage(page));
}

Response CloseCyclePost(const ProgressRoutes& r, const Request& request) {
  const auto id = CycleIdOf(request);
  if (!id) return Fail(request, 404, "no such reporting cycle");
  auto cycle = r.plans.WithStore([&](store::Store& s) { return s.FindCycle(*id); });
  if (!cycle) return Fail(request, 404, "no such reporting cycle");
  auto view = NamedPlan(r.plans, request, cycle->plan_id);
  if (!view) return view.error();
  const AuditEntry audit = RequestAudit(request, r.clock, "cycle.close");
  auto closed = r.plans.WithStore(
      [&](store::Store& s) { return s.CloseCycle(*id, r.clock.NowUnixSeconds(), audit); });
  if (!closed) return Fail(request, 500, "the cycle could not be closed");
  std::string href = "/cycles/" + std::to_string(*id);
  if (LinksOf(*view).CarriesPlan()) href += "?plan=" + report::UrlEncode(view->plan->id);
  return SeeOther(href);
}

}  // namespace

void AddCyclePages(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/cycles", Permission::kReadDrafts,
             [routes](const Request& r) { return CyclesPage(routes, r); });
  router.Add("POST", "/cycles", Permission::kRunCycles,
             [routes](const Request& r) { return OpenCyclePost(routes, r); });
  router.Add("GET", "/cycles/{id}", Permission::kReadDrafts,
             [routes](const Request& r) { return CyclePage(routes, r); });
  router.Add("POST", "/cycles/{id}/close", Permission::kRunCycles,
             [routes](const Request& r) { return CloseCyclePost(routes, r); });
}

}  // namespace waymark::web
