// The action pages: my actions, an action with its updates, the update form and reopening.
#include "web/action_routes.h"

#include <algorithm>
#include <limits>

#include "report/action_pages.h"
#include "report/plan_text.h"
#include "web/local_figures.h"
#include "web/progress_source.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

// `href` with one more query parameter.
std::string WithQuery(std::string href, std::string_view name, std::string_view value) {
  href += href.find('?') == std::string::npos ? '?' : '&';
  href.append(name).append("=").append(report::UrlEncode(value));
  return href;
}

// The version a form carries: a whole number a save can name (0: none read).
std::optional<int> ParseVersion(std::string_view text) {
  const auto v = ParseWholeNumber(text);
  if (!v || *v > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*v);
}

bool Responsible(const Action& action, std::string_view organisation) {
  const auto& r = action.responsible;
  return std::find(r.begin(), r.end(), organisation) != r.end();
}

// Overdue first, then no update or a draft, then submitted; plan order within each.
int AttentionRank(const report::ActionProgress* a) {
  if (a->standing.overdue) return 0;
  if (a->update == nullptr || a->update->state == UpdateState::kDraft) return 1;
  return 2;
}

Response MyActions(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  auto stored = LoadCycles(r.plans, plan.id);
  if (!stored) return Fail(request, 500, "the reporting cycles could not be read");
  const auto snapshot = r.indicators.Get();
  auto progress = LoadProgress(r.plans, plan, *stored, nullptr, request.principal, r.clock,
                               snapshot.data.get());
  if (!progress) return Fail(request, 500, "the action updates could not be read");
  report::MyActionsPage page;
  page.plan = &plan;
  page.links = LinksOf(*view);
  page.progress = &*progress;
  page.every_action = request.principal.role == Role::kAnalyst;
  page.organisation_name = report::JoinNames(report::PartnerNames(plan, {request.principal.organisation}));
  for (const report::ActionProgress& a : progress->actions) {
    if (page.every_action || Responsible(*a.action, request.principal.organisation)) {
      page.actions.push_back(&a);
    }
  }
  std::stable_sort(page.actions.begin(), page.actions.end(),
                   [](const auto* x, const auto* y) { return AttentionRank(x) < AttentionRank(y); });
  return Response::Html(200, report::RenderMyActions(page));
}

std::string NoticeOf(const Request& request) {
  const std::string saved = request.Query("saved").value_or("");
  if (saved == "submitted") return "Your update has been submitted";
  if (saved == "draft") return "Your draft has been saved";
  if (saved == "reopened") return "The update has been reopened for changes";
  return "";
}

// The action page for `request` (its errors and reason when a reopen form was refused).
Response ActionPageOf(const ProgressRoutes& r, const Request& request, FieldErrors errors = {},
                      std::string reason = {}) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  report::ActionPage page;
  page.plan = &plan;
  page.links = LinksOf(*view);
  page.place = report::FindAction(plan, request.Param("id"));
  if (page.place.action == nullptr) return Fail(request, 404, "this plan has no such action");
  auto stored = LoadCycles(r.plans, plan.id);
  if (!stored) return Fail(request, 500, "the reporting cycles could not be read");
  const auto snapshot = r.indicators.Get();
  page.data = snapshot.data.get();
  auto progress =
      LoadProgress(r.plans, plan, *stored, nullptr, request.principal, r.clock, page.data);
  if (!progress) return Fail(request, 500, "the action updates could not be read");
  const Action& action = *page.place.action;
  const report::ActionProgress* mine = progress->Find(action.id);
  page.cycle = progress->cycle;
  page.standing = mine->standing;
  page.disagrees = mine->disagrees;
  const bool open = page.cycle && page.cycle->state == CycleState::kOpen;
  const bool submitted = mine->update != nullptr && mine->update->state == UpdateState::kSubmitted;
  page.can_update = open && !submitted && CanUpdateAction(request.principal, action);
  page.can_reopen = open && submitted && Allows(request.principal.role, Permission::kRunCycles);
  store::UpdateFilter filter{plan.id, 0, action.id};
  auto all = r.plans.WithStore([&](store::Store& s) { return s.ListActionUpdates(filter); });
  if (!all) return Fail(request, 500, "the action updates could not be read");
  for (ActionUpdate& u : *all) {
    if (!CanSeeUpdate(request.principal, action, u)) continue;
    std::string name;
    for (const ReportingCycle& c : stored->cycles) {
      if (c.id == u.cycle_id) name = c.name;
    }
    page.history.push_back({std::move(u), std::move(name)});
  }
  page.csrf_token = request.csrf_token;
  page.errors = std::move(errors);
  page.reason = std::move(reason);
  page.notice = NoticeOf(request);
  return Response::Html(page.errors.empty() ? 200 : 400, report::RenderActionPage(page));
}

// The form page for an update of `place` in `cycle`.
Response FormPage(const ProgressRoutes& r, int status, const PlanView& view,
                  const report::ActionPlace& place, const ReportingCycle& cycle,
                  const Request& request, const ActionUpdateInput& input, int version,
                  FieldErrors errors, std::optional<ActionUpdate> newer) {
  report::UpdateFormPage page;
  const auto snapshot = r.indicators.Get();
  for (const report::IndicatorSeries* s :
       report::ObjectiveIndicators(*snapshot.data, *view.plan, *place.objective)) {
    if (MayEnterFigures(request.principal, s->indicator)) {
      page.local_measures.emplace_back(s->indicator.id, s->indicator.title);
    }
  }
  page.plan = view.plan.get();
  page.links = LinksOf(view);
  page.place = place;
  page.cycle = cycle;
  page.input = input;
  page.version = version;
  page.errors = std::move(errors);
  page.newer = std::move(newer);
  page.csrf_token = request.csrf_token;
  return Response::Html(status, report::RenderUpdateForm(page));
}

Response UpdateForm(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  const report::ActionPlace place = report::FindAction(plan, request.Param("id"));
  if (place.action == nullptr) return Fail(request, 404, "this plan has no such action");
  if (!CanUpdateAction(request.principal, *place.action)) {
    return Fail(request, 403,
                "your organisation is not responsible for this action, so you cannot update it");
  }
  auto stored = LoadCycles(r.plans, plan.id);
  if (!stored) return Fail(request, 500, "the reporting cycles could not be read");
  const ReportingCycle* cycle = stored->Current();
  if (cycle == nullptr || cycle->state != CycleState::kOpen) {
    return Fail(request, 409, "there is no open reporting cycle for this plan");
  }
  store::UpdateFilter filter{plan.id, cycle->id, place.action->id};
  auto found = r.plans.WithStore([&](store::Store& s) { return s.ListActionUpdates(filter); });
  if (!found) return Fail(request, 500, "the action update could not be read");
  const ActionUpdate* current = found->empty() ? nullptr : &found->front();
  if (current != nullptr && current->state == UpdateState::kSubmitted) {
    return Fail(request, 409,
                "this update has been submitted and is locked; ask an analyst to reopen it");
  }
  return FormPage(r, 200, *view, place, *cycle, request, report::InputOf(current),
                  current == nullptr ? 0 : current->version, {}, std::nullopt);
}

Response UpdatePost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  UpdateAttempt attempt;
  attempt.action_id = request.Param("id");
  attempt.input = {FormValue(*form, "status"), FormValue(*form, "narrative"),
                   FormValue(*form, "evidence"), FormValue(*form, "next_steps"),
                   FormValue(*form, "expected_completion")};
  const auto version = ParseVersion(FormValue(*form, "version"));
  if (!version) return Fail(request, 400, "the form's version is missing or not a number");
  attempt.version = *version;
  attempt.submit = form->count("submit") > 0;
  SaveResult result = SaveUpdate(r.plans, *view->plan, request, attempt, r.clock);
  const report::ActionPlace place = report::FindAction(*view->plan, attempt.action_id);
  switch (result.outcome) {
    case SaveOutcome::kSaved:
      return SeeOther(WithQuery(LinksOf(*view).Action(attempt.action_id), "saved",
                                attempt.submit ? "submitted" : "draft"));
    case SaveOutcome::kInvalid:
      return FormPage(r, 400, *view, place, *result.cycle, request, attempt.input, attempt.version,
                      std::move(result.errors), std::nullopt);
    case SaveOutcome::kStale:
      if (result.has_update && result.cycle) {
        FieldErrors errors{{"narrative", "Someone saved this update after you opened the form; "
                                         "check their version, then save again"}};
        return FormPage(r, 409, *view, place, *result.cycle, request, attempt.input,
                        result.update.version, std::move(errors), result.update);
      }
      break;
    default:
      break;
  }
  return Fail(request, StatusOf(result.outcome), result.message);
}

Response ReopenPost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  const report::ActionPlace place = report::FindAction(plan, request.Param("id"));
  if (place.action == nullptr) return Fail(request, 404, "this plan has no such action");
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  const std::string reason = FormValue(*form, "reason");
  if (auto problem = CheckReopenReason(reason)) {
    return ActionPageOf(r, request, {*problem}, reason);
  }
  auto stored = LoadCycles(r.plans, plan.id);
  if (!stored) return Fail(request, 500, "the reporting cycles could not be read");
  const ReportingCycle* cycle = stored->Current();
  if (cycle == nullptr || cycle->state != CycleState::kOpen) {
    return Fail(request, 409, "there is no open reporting cycle for this plan");
  }
  const AuditEntry audit = RequestAudit(request, r.clock, "action-update.reopen");
  auto reopened = r.plans.WithStore([&](store::Store& s) {
    return s.ReopenActionUpdate(cycle->id, place.action->id, reason, r.clock.NowUnixSeconds(),
                                audit);
  });
  if (!reopened) {
    const ErrorCode code = reopened.error().code;
    if (code == ErrorCode::kNotFound) return Fail(request, 409, "this action has no update to reopen");
    if (code == ErrorCode::kConflict) return Fail(request, 409, reopened.error().message);
    return Fail(request, 500, "the update could not be reopened");
  }
  return SeeOther(WithQuery(LinksOf(*view).Action(place.action->id), "saved", "reopened"));
}

}  // namespace

void AddActionPages(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/my-actions", Permission::kUpdateActions,
             [routes](const Request& r) { return MyActions(routes, r); });
  router.Add("GET", "/actions/{id}", Permission::kPublic,
             [routes](const Request& r) { return ActionPageOf(routes, r); });
  router.Add("GET", "/actions/{id}/update", Permission::kUpdateActions,
             [routes](const Request& r) { return UpdateForm(routes, r); });
  router.Add("POST", "/actions/{id}/update", Permission::kUpdateActions,
             [routes](const Request& r) { return UpdatePost(routes, r); });
  router.Add("POST", "/actions/{id}/reopen", Permission::kRunCycles,
             [routes](const Request& r) { return ReopenPost(routes, r); });
}

}  // namespace waymark::web
