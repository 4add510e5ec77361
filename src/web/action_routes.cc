// The action pages: my actions, the child rights page (the actions serving each principle and
// badge), an action with its updates, the update form (with the figures
// of the writer's local measures, kept only with the update) and reopening.
#include "web/action_routes.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/action_pages.h"
#include "report/plan_text.h"
#include "report/rights_pages.h"
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

// The plan a page of the partnership at work shows, its cycles, and where its actions stand
// this cycle for the reader, with the indicator snapshot the disagreement flags were read from
// (progress points into the plan, which the view keeps).
struct PlanAtWork {
  PlanView view;
  StoredProgress stored;
  IndicatorSnapshot snapshot;
  report::PlanProgress progress;
};

Answer<PlanAtWork> LoadPlanAtWork(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return tl::unexpected(view.error());
  auto stored = LoadCycles(r.plans, view->plan->id);
  if (!stored) return Refuse(request, 500, "the reporting cycles could not be read");
  PlanAtWork out{std::move(*view), std::move(*stored), r.indicators.Get(), {}};
  auto progress = LoadProgress(r.plans, *out.view.plan, out.stored, nullptr, request.principal,
                               r.clock, out.snapshot.data.get());
  if (!progress) return Refuse(request, 500, "the action updates could not be read");
  out.progress = std::move(*progress);
  return out;
}

Response MyActions(const ProgressRoutes& r, const Request& request) {
  auto at_work = LoadPlanAtWork(r, request);
  if (!at_work) return at_work.error();
  const Plan& plan = *at_work->view.plan;
  report::MyActionsPage page;
  page.plan = &plan;
  page.links = LinksOf(at_work->view);
  page.progress = &at_work->progress;
  page.every_action = request.principal.role == Role::kAnalyst;
  page.organisation_name = report::JoinNames(report::PartnerNames(plan, {request.principal.organisation}));
  for (const report::ActionProgress& a : at_work->progress.actions) {
    if (page.every_action || Responsible(*a.action, request.principal.organisation)) {
      page.actions.push_back(&a);
    }
  }
  std::stable_sort(page.actions.begin(), page.actions.end(),
                   [](const auto* x, const auto* y) { return AttentionRank(x) < AttentionRank(y); });
  return Response::Html(200, report::RenderMyActions(page));
}

// ", with the figures of N local measures" after a saved update that kept some ("" for none).
std::string FiguresNotice(const Request& request) {
  const auto n = ParseWholeNumber(request.Query("figures").value_or(""));
  if (!n || *n == 0) return "";
  if (*n == 1) return ", with the figure of 1 local measure";
  return ", with the figures of " + std::to_string(*n) + " local measures";
}

std::string NoticeOf(const Request& request) {
  const std::string saved = request.Query("saved").value_or("");
  if (saved == "submitted") return "Your update has been submitted" + FiguresNotice(request);
  if (saved == "draft") return "Your draft has been saved" + FiguresNotice(request);
  if (saved == "reopened") return "The update has been reopened for changes";
  return "";
}

// Child rights: the actions serving each principle and badge, with their standing this cycle.
Response RightsPage(const ProgressRoutes& r, const Request& request) {
  auto at_work = LoadPlanAtWork(r, request);
  if (!at_work) return at_work.error();
  const Plan& plan = *at_work->view.plan;
  report::RightsPage page;
  page.plan = &plan;
  page.links = LinksOf(at_work->view);
  page.choice = report::PlanChoice{at_work->view.plans, plan.id};
  page.progress = &at_work->progress;
  page.data = at_work->snapshot.data.get();
  return Response::Html(200, report::RenderRights(page));
}

// The action page for `request` (its errors and reason when a reopen form was refused).
Response ActionPageOf(const ProgressRoutes& r, const Request& request, FieldErrors errors = {},
                      std::string reason = {}) {
  auto at_work = LoadPlanAtWork(r, request);
  if (!at_work) return at_work.error();
  const Plan& plan = *at_work->view.plan;
  report::ActionPage page;
  page.plan = &plan;
  page.links = LinksOf(at_work->view);
  page.place = report::FindAction(plan, request.Param("id"));
  if (page.place.action == nullptr) return Fail(request, 404, "this plan has no such action");
  page.data = at_work->snapshot.data.get();
  const Action& action = *page.place.action;
  const report::ActionProgress* mine = at_work->progress.Find(action.id);
  page.cycle = at_work->progress.cycle;
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
    for (const ReportingCycle& c : at_work->stored.cycles) {
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

// The local measures of an action's objective as its update form shows them: those whose
// figures the writer may enter with the update (with the areas and the cycle's period of the
// figure) and the others. Read from the indicator snapshot, which it keeps.
struct FormFigures {
  IndicatorSnapshot snapshot;
  std::vector<const Indicator*> enterable;
  std::vector<const Indicator*> others;
  std::vector<std::pair<std::string, std::string>> areas;
  std::optional<Period> period;
};

FormFigures FiguresOf(const ProgressRoutes& r, const Plan& plan, const report::ActionPlace& place,
                      const Principal& principal, const ReportingCycle& cycle) {
  FormFigures f;
  f.snapshot = r.indicators.Get();
  for (const report::IndicatorSeries* s :
       report::ObjectiveIndicators(*f.snapshot.data, plan, *place.objective)) {
    if (!s->indicator.local) continue;
    (MayEnterFigures(principal, s->indicator) ? f.enterable : f.others).push_back(&s->indicator);
  }
  f.areas = FigureAreas(f.snapshot.data->Areas());
  f.period = CyclePeriod(cycle);
  return f;
}

// The figures the form sent for `figures`' enterable measures (fields of any other measure are
// not read), and every measure's fields as typed (blank ones too) to show again.
struct SentFigures {
  std::vector<LocalFigureEntry> entries;  // the measures whose fields were not left blank
  std::map<std::string, ingest::LocalFigureInput, std::less<>> typed;
};

SentFigures SentFiguresOf(const std::multimap<std::string, std::string>& form,
                          const FormFigures& figures) {
  SentFigures sent;
  for (const Indicator* ind : figures.enterable) {
    const std::string prefix = FigurePrefix(ind->id);
    auto input = FigureInputOf(form, prefix, figures.period);
    if (!input) {
      ingest::LocalFigureInput blank;
      blank.area = FormValue(form, prefix + "area");
      sent.typed.emplace(ind->id, std::move(blank));
      continue;
    }
    sent.typed.emplace(ind->id, *input);
    sent.entries.push_back({ind->id, std::move(*input), prefix, ind->title});
  }
  return sent;
}

// The form page for an update of `place` in `cycle`; `typed` holds the figures as typed (none:
// each measure's fields empty, for the plan's council).
Response FormPage(const ProgressRoutes& r, int status, const PlanView& view,
                  const report::ActionPlace& place, const ReportingCycle& cycle,
                  const Request& request, const ActionUpdateInput& input, int version,
                  FieldErrors errors, std::optional<ActionUpdate> newer,
                  const SentFigures* typed = nullptr) {
  report::UpdateFormPage page;
  const FormFigures figures = FiguresOf(r, *view.plan, place, request.principal, cycle);
  for (const Indicator* ind : figures.enterable) {
    report::FigureFieldset set{*ind, FigurePrefix(ind->id), {}};
    set.input.area = std::string(report::kDefaultArea);
    if (typed != nullptr) {
      if (const auto it = typed->typed.find(ind->id); it != typed->typed.end()) {
        set.input = it->second;
      }
    }
    page.figures.push_back(std::move(set));
  }
  for (const Indicator* ind : figures.others) page.other_measures.emplace_back(ind->id, ind->title);
  page.figure_areas = figures.areas;
  if (figures.period) page.figure_period = figures.period->Label();
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

// The figures `form` sends with an update of `place`, when the writer may update it in the
// plan's open cycle (otherwise SaveUpdate refuses the update and no figure is read).
Answer<SentFigures> FiguresSent(const ProgressRoutes& r, const Plan& plan,
                                const report::ActionPlace& place, const Request& request,
                                const std::multimap<std::string, std::string>& form) {
  if (place.action == nullptr || !CanUpdateAction(request.principal, *place.action)) {
    return SentFigures{};
  }
  auto stored = LoadCycles(r.plans, plan.id);
  if (!stored) return Refuse(request, 500, "the reporting cycles could not be read");
  const ReportingCycle* cycle = stored->Current();
  if (cycle == nullptr || cycle->state != CycleState::kOpen) return SentFigures{};
  return SentFiguresOf(form, FiguresOf(r, plan, place, request.principal, *cycle));
}

// Where a saved update sends its writer: the action, with what was saved.
std::string SavedLocation(const PlanView& view, const UpdateAttempt& attempt, std::size_t figures) {
  std::string location = WithQuery(LinksOf(view).Action(attempt.action_id), "saved",
                                   attempt.submit ? "submitted" : "draft");
  if (figures > 0) location = WithQuery(location, "figures", std::to_string(figures));
  return location;
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
  const report::ActionPlace place = report::FindAction(*view->plan, attempt.action_id);
  auto sent = FiguresSent(r, *view->plan, place, request, *form);
  if (!sent) return sent.error();
  auto figures = CheckLocalFigures(r.plans, request, sent->entries);
  if (!figures) return figures.error();
  attempt.companion_errors = figures->errors;
  SaveResult result = SaveUpdate(r.plans, *view->plan, request, attempt, r.clock);
  switch (result.outcome) {
    case SaveOutcome::kSaved: {
      auto kept = KeepLocalFigures(r.plans, r.indicators, r.clock, request, *figures);
      if (!kept) return Fail(request, 500, "your update was saved, but " + kept.error().message);
      if (!kept->ok()) {
        return Fail(request, 500,
                    "your update was saved, but the figures were not kept: " +
                        kept->errors.front().message);
      }
      return SeeOther(SavedLocation(*view, attempt, figures->checks.size()));
    }
    case SaveOutcome::kInvalid:
      return FormPage(r, 400, *view, place, *result.cycle, request, attempt.input, attempt.version,
                      std::move(result.errors), std::nullopt, &*sent);
    case SaveOutcome::kStale:
      if (result.has_update && result.cycle) {
        FieldErrors errors{{"narrative", "Someone saved this update after you opened the form; "
                                         "check their version, then save again"}};
        errors.insert(errors.end(), figures->errors.begin(), figures->errors.end());
        return FormPage(r, 409, *view, place, *result.cycle, request, attempt.input,
                        result.update.version, std::move(errors), result.update, &*sent);
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
  router.Add("GET", "/rights", Permission::kPublic,
             [routes](const Request& r) { return RightsPage(routes, r); });
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
