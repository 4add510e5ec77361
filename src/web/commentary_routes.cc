// The analyst's commentary for board reports: GET /reports/commentary[?cycle=] lists every
// item of the plan with its commentary in one reporting cycle (the current one by default),
// GET /reports/commentary/edit?cycle=&subject= is the form for one item and POST
// /reports/commentary saves it (versioned: a save that meets a newer one is 409 with both
// texts shown; an empty text removes it). Every save is audited by the store.
#include <algorithm>
#include <limits>

#include "report/commentary_pages.h"
#include "web/action_routes.h"
#include "web/progress_source.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

// The plan, its commentary items and the cycle a request names (?cycle= or the form's field;
// the current cycle when absent).
struct CommentaryScope {
  PlanView view;
  std::vector<report::CommentarySubject> subjects;
  std::vector<ReportingCycle> cycles;  // newest first
  const ReportingCycle* cycle = nullptr;
  std::optional<std::int64_t> cycle_id() const {
    return cycle == nullptr ? std::nullopt : std::optional<std::int64_t>(cycle->id);
  }
};

Answer<CommentaryScope> ScopeOf(const ProgressRoutes& r, const Request& request,
                                std::string_view cycle_text) {
  auto view = PlanOf(r.plans, request);
  if (!view) return tl::unexpected(view.error());
  auto stored = LoadCycles(r.plans, view->plan->id);
  if (!stored) return Refuse(request, 500, "the reporting cycles could not be read");
  CommentaryScope scope{std::move(*view), {}, std::move(stored->cycles), nullptr};
  if (cycle_text.empty()) {
    scope.cycle = CurrentCycle(scope.cycles);
  } else {
    const auto id = ParseWholeNumber(cycle_text);
    const auto it = std::find_if(scope.cycles.begin(), scope.cycles.end(),
                                 [&](const ReportingCycle& c) { return id && c.id == *id; });
    if (it == scope.cycles.end()) {
      return Refuse(request, 400, "cycle: not one of the plan's reporting cycles", "cycle");
    }
    scope.cycle = &*it;
  }
  const auto snapshot = r.indicators.Get();
  scope.subjects = report::CommentarySubjects(*scope.view.plan, snapshot.data.get());
  return scope;
}

Answer<std::vector<Commentary>> WrittenIn(const ProgressRoutes& r, const Request& request,
                                          const CommentaryScope& scope) {
  auto written = r.plans.WithStore([&](store::Store& s) {
    return s.ListCommentary(scope.view.plan->id, scope.cycle_id());
  });
  if (!written) return Refuse(request, 500, "the commentary could not be read");
  return std::move(*written);
}

Response ListPage(const ProgressRoutes& r, const Request& request) {
  auto scope = ScopeOf(r, request, request.Query("cycle").value_or(""));
  if (!scope) return scope.error();
  auto written = WrittenIn(r, request, *scope);
  if (!written) return written.error();
  report::CommentaryListPage page;
  page.links = LinksOf(scope->view);
  page.subjects = std::move(scope->subjects);
  page.written = std::move(*written);
  page.cycles = std::move(scope->cycles);
  page.cycle_id = scope->cycle_id();
  return Response::Html(200, report::RenderCommentaryListPage(page));
}

// The form page for `subject` of `scope`, without its text and version.
report::CommentaryFormPage FormFor(const Request& request, const CommentaryScope& scope,
                                   const report::CommentarySubject& subject) {
  report::CommentaryFormPage page;
  page.links = LinksOf(scope.view);
  page.subject = subject;
  page.cycle_id = scope.cycle_id();
  page.cycle_name = scope.cycle == nullptr ? "" : scope.cycle->name;
  page.csrf_token = request.csrf_token;
  return page;
}

Response EditPage(const ProgressRoutes& r, const Request& request) {
  auto scope = ScopeOf(r, request, request.Query("cycle").value_or(""));
  if (!scope) return scope.error();
  const auto* subject =
      report::FindCommentarySubject(scope->subjects, request.Query("subject").value_or(""));
  if (subject == nullptr) return Fail(request, 404, "no such item in the plan", "subject");
  auto written = WrittenIn(r, request, *scope);
  if (!written) return written.error();
  report::CommentaryFormPage page = FormFor(request, *scope, *subject);
  for (const Commentary& c : *written) {
    if (c.subject != subject->subject) continue;
    page.text = c.text;
    page.version = c.version;
  }
  return Response::Html(200, report::RenderCommentaryFormPage(page));
}

// What is stored now on the subject of `c` (version 0 and no text when nothing is).
Commentary StoredNow(const ProgressRoutes& r, const Commentary& c) {
  auto written = r.plans.WithStore(
      [&](store::Store& s) { return s.ListCommentary(c.plan_id, c.cycle_id); });
  Commentary now = c;
  now.text.clear();
  now.version = 0;
  if (!written) return now;
  for (const Commentary& w : *written) {
    if (w.subject == c.subject) return w;
  }
  return now;
}

Response SavePost(const ProgressRoutes& r, const Request& request) {
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  auto scope = ScopeOf(r, request, FormValue(*form, "cycle"));
  if (!scope) return scope.error();
  const auto* subject =
      report::FindCommentarySubject(scope->subjects, FormValue(*form, "subject"));
  if (subject == nullptr) return Fail(request, 400, "subject: no such item in the plan", "subject");
  const auto version = ParseWholeNumber(FormValue(*form, "version"));
  if (!version || *version > std::numeric_limits<int>::max()) {
    return Fail(request, 400, "version: not a whole number", "version");
  }
  report::CommentaryFormPage page = FormFor(request, *scope, *subject);
  page.text = CommentaryFromForm(FormValue(*form, "text"));
  page.version = static_cast<int>(*version);
  page.errors = CheckCommentary(subject->subject, page.text);
  if (!page.errors.empty()) return Response::Html(400, report::RenderCommentaryFormPage(page));
  Commentary c;
  c.plan_id = scope->view.plan->id;
  c.cycle_id = scope->cycle_id();
  c.subject = subject->subject;
  c.text = page.text;
  c.author = request.principal.email;
  const AuditEntry audit = RequestAudit(request, r.clock, "commentary.save");
  auto saved = r.plans.WithStore([&](store::Store& s) {
    return s.SaveCommentary(c, page.version, r.clock.NowUnixSeconds(), audit);
  });
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    page.theirs = StoredNow(r, c);
    page.version = page.theirs->version;
    return Response::Html(409, report::RenderCommentaryFormPage(page));
  }
  if (!saved) return Fail(request, 500, "the commentary could not be saved");
  return SeeOther(report::CommentaryHref(page.links, page.cycle_id) + "#" +
                  report::CommentaryRowId(subject->subject));
}

}  // namespace

void AddCommentaryPages(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/reports/commentary", Permission::kEditPlans,
             [routes](const Request& r) { return ListPage(routes, r); });
  router.Add("GET", "/reports/commentary/edit", Permission::kEditPlans,
             [routes](const Request& r) { return EditPage(routes, r); });
  router.Add("POST", "/reports/commentary", Permission::kEditPlans,
             [routes](const Request& r) { return SavePost(routes, r); });
}

}  // namespace waymark::web
