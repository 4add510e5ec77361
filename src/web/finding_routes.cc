// "You said, we did" routes. For analysts (kEditPlans): GET /findings lists the plan's findings
// by outcome, GET /findings/new and POST /findings add one, GET /findings/{id} and POST
// /findings/{id} change one, POST /findings/{id}/delete deletes it, POST /findings/{id}/answers
// saves one answer and POST /findings/{id}/answers/remove removes one. A refused form is 400
// with an error summary linked to its fields (nothing stored); a key another finding has is 409.
// Every form of a stored finding carries the version it was read at ("version"; missing or not
// a whole number: 400): when someone else has changed the finding since, the change is 409 and
// nothing is stored, the page shown again with what was typed and the finding as stored now.
// For everyone: GET /young-people shows the published plan's findings to children and young
// people (a draft is not found). Every change is audited by the store.
#include <algorithm>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "report/finding_pages.h"
#include "web/finding_routes.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

Answer<std::vector<Finding>> FindingsOf(const ProgressRoutes& r, const Request& request,
                                        const std::string& plan_id) {
  auto findings = r.plans.WithStore([&](store::Store& s) { return s.ListFindings(plan_id); });
  if (!findings) return Refuse(request, 500, "the findings could not be read");
  return std::move(*findings);
}

// The finding named in the path, of the plan the request names: 404 otherwise.
Answer<Finding> FindingOf(const ProgressRoutes& r, const Request& request, const PlanView& view) {
  const auto id = ParseWholeNumber(request.Param("id"));
  if (!id) return Refuse(request, 404, "no such finding");
  auto finding = r.plans.WithStore([&](store::Store& s) { return s.FindFinding(*id); });
  if (!finding && finding.error().code != ErrorCode::kNotFound) {
    return Refuse(request, 500, "the finding could not be read");
  }
  if (!finding || finding->plan_id != view.plan->id) {
    return Refuse(request, 404, "no such finding in the plan");
  }
  return std::move(*finding);
}

// The version a form of a stored finding carries: 400 naming "version" when it is missing or
// not a whole number.
Answer<int> VersionOf(const Request& request, const std::multimap<std::string, std::string>& form) {
  const auto version = ParseWholeNumber(FormValue(form, "version"));
  if (!version || *version > std::numeric_limits<int>::max()) {
    return Refuse(request, 400, "version: the form's version is missing or not a whole number",
                  "version");
  }
  return static_cast<int>(*version);
}

// 409: someone else changed the finding after `page` was opened. The page again, with what was
// typed (the finding's form as `typed`, else as stored now), the finding as stored now (whose
// version its forms then carry) and, first in the error summary, what happened and `then`.
Response StalePage(const ProgressRoutes& r, const Request& request, const PlanView& view,
                   report::FindingFormPage page, const std::optional<report::FindingForm>& typed,
                   std::string_view then) {
  auto current = FindingOf(r, request, view);
  if (!current) return current.error();
  page.finding = std::move(*current);
  page.form = typed.value_or(report::FormOf(page.finding));
  page.stale = true;
  page.errors.insert(page.errors.begin(),
                     {std::string(report::kStoredNowId),
                      fmt::format("Someone else changed this finding after you opened it; check "
                                  "the finding as it is stored now, then {}",
                                  then)});
  return Response::Html(409, report::RenderFindingFormPage(page));
}

bool Stale(const Finding& stored, int version) {
  return CheckFindingVersion(stored, version).has_value();
}

report::FindingFormPage FormPage(const Request& request, const PlanView& view) {
  report::FindingFormPage page;
  page.links = LinksOf(view);
  page.plan = view.plan.get();
  page.csrf_token = request.csrf_token;
  return page;
}

// The finding a form describes, on top of `base`; problems of fields that are not text
// (source, date, participants) are added to `errors`.
Finding FromForm(const std::multimap<std::string, std::string>& form, Finding base,
                 report::FindingForm& typed, FieldErrors& errors) {
  typed = {FormValue(form, "key"),         FormValue(form, "outcome"),
           FormValue(form, "said"),        FormValue(form, "source"),
           FormValue(form, "source_name"), FormValue(form, "date"),
           FormValue(form, "participants")};
  base.key = typed.key;
  base.outcome_id = typed.outcome;
  base.said = typed.said;
  base.source_name = typed.source_name;
  const auto source = ParseFindingSource(typed.source);
  if (!source) errors.push_back({"source", "Choose how it was said"});
  base.source = source.value_or(FindingSource::kSurvey);
  base.date = Date::Parse(typed.date).value_or(Date{});
  const auto participants =
      typed.participants.empty() ? std::optional<std::int64_t>(0)
                                 : ParseWholeNumber(typed.participants);
  if (!participants || *participants > kMaxFindingParticipants) {
    errors.push_back({"participants", "Enter how many took part, a whole number from 0"});
  }
  base.participants = static_cast<int>(participants.value_or(0) > kMaxFindingParticipants
                                           ? 0
                                           : participants.value_or(0));
  return base;
}

// The form's errors together with CheckFinding's, without answers' (a form does not change
// them), each field once.
FieldErrors FindingErrors(const Finding& f, const Plan& plan, FieldErrors errors) {
  Finding fields_only = f;
  fields_only.answers.clear();
  for (const FieldError& e : CheckFinding(fields_only, plan)) {
    const bool named = std::any_of(errors.begin(), errors.end(),
                                   [&](const FieldError& x) { return x.field == e.field; });
    if (!named) errors.push_back(e);
  }
  return errors;
}

Response ListPage(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto findings = FindingsOf(r, request, view->plan->id);
  if (!findings) return findings.error();
  report::FindingListPage page{LinksOf(*view), view->plan.get(), std::move(*findings)};
  return Response::Html(200, report::RenderFindingListPage(page));
}

Response NewPage(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const report::FindingFormPage page = FormPage(request, *view);  // participants empty: 0
  return Response::Html(200, report::RenderFindingFormPage(page));
}

Response EditPage(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto finding = FindingOf(r, request, *view);
  if (!finding) return finding.error();
  report::FindingFormPage page = FormPage(request, *view);
  page.form = report::FormOf(*finding);
  page.finding = std::move(*finding);
  return Response::Html(200, report::RenderFindingFormPage(page));
}

// Saves a new finding (path without {id}) or the one named in the path.
Response SavePost(const ProgressRoutes& r, const Request& request, bool create) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  report::FindingFormPage page = FormPage(request, *view);
  Finding base;
  if (!create) {
    auto stored = FindingOf(r, request, *view);
    if (!stored) return stored.error();
    page.finding = std::move(*stored);
    auto version = VersionOf(request, *form);
    if (!version) return version.error();
    base = page.finding;
    base.version = *version;
  }
  base.plan_id = view->plan->id;
  FieldErrors errors;
  const Finding f = FromForm(*form, base, page.form, errors);
  page.errors = FindingErrors(f, *view->plan, std::move(errors));
  constexpr std::string_view kThen = "save it again";
  if (!create && Stale(page.finding, f.version)) {
    return StalePage(r, request, *view, page, page.form, kThen);
  }
  if (!page.errors.empty()) return Response::Html(400, report::RenderFindingFormPage(page));
  const AuditEntry audit =
      RequestAudit(request, r.clock, create ? "finding.create" : "finding.update");
  auto saved = r.plans.WithStore(
      [&](store::Store& s) { return s.SaveFinding(f, r.clock.NowUnixSeconds(), audit); });
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    return StalePage(r, request, *view, page, page.form, kThen);
  }
  if (!saved && saved.error().code == ErrorCode::kAlreadyExists) {
    page.errors = {{"key", "Another finding of the plan has this key"}};
    return Response::Html(409, report::RenderFindingFormPage(page));
  }
  if (!saved) return Fail(request, 500, "the finding could not be saved");
  return SeeOther(fmt::format("{}#finding-{}", report::FindingsHref(page.links), saved->id));
}

Response DeletePost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto finding = FindingOf(r, request, *view);
  if (!finding) return finding.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  auto version = VersionOf(request, *form);
  if (!version) return version.error();
  constexpr std::string_view kThen = "delete it again if it should go";
  if (Stale(*finding, *version)) {
    return StalePage(r, request, *view, FormPage(request, *view), std::nullopt, kThen);
  }
  const AuditEntry audit = RequestAudit(request, r.clock, "finding.delete");
  auto deleted = r.plans.WithStore([&](store::Store& s) {
    return s.DeleteFinding(finding->id, *version, r.clock.NowUnixSeconds(), audit);
  });
  if (!deleted && deleted.error().code == ErrorCode::kConflict) {
    return StalePage(r, request, *view, FormPage(request, *view), std::nullopt, kThen);
  }
  if (!deleted) return Fail(request, 500, "the finding could not be deleted");
  return SeeOther(report::FindingsHref(LinksOf(*view)));
}

// The answer a form describes; a kind that is not one is added to `errors`.
FindingAnswer AnswerFromForm(const std::multimap<std::string, std::string>& form,
                             report::AnswerForm& typed, FieldErrors& errors) {
  typed = {FormValue(form, "target"),      FormValue(form, "kind"),
           FormValue(form, "text"),        FormValue(form, "answer_date"),
           FormValue(form, "answered_by"), FormValue(form, "illustrative") == "true"};
  FindingAnswer a;
  a.target = typed.target;
  const auto kind = ParseAnswerKind(typed.kind);
  if (!kind) errors.push_back({"kind", "Choose the answer: we did, we are doing or we cannot"});
  a.kind = kind.value_or(AnswerKind::kWeAreDoing);
  a.text = typed.text;
  a.date = Date::Parse(typed.date).value_or(Date{});
  a.answered_by = typed.answered_by;
  a.illustrative = typed.illustrative;
  return a;
}

// CheckFinding's problems of the answer at `index`, named by the answer form's fields.
FieldErrors AnswerErrors(const Finding& f, const Plan& plan, std::size_t index,
                         FieldErrors errors) {
  const std::string prefix = fmt::format("answers[{}].", index);
  for (const FieldError& e : CheckFinding(f, plan)) {
    if (!e.field.starts_with(prefix)) continue;
    std::string field = e.field.substr(prefix.size());
    if (field == "date") field = "answer_date";
    errors.push_back({std::move(field), e.message});
  }
  return errors;
}

Response AnswerPost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto stored = FindingOf(r, request, *view);
  if (!stored) return stored.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  auto version = VersionOf(request, *form);
  if (!version) return version.error();
  report::FindingFormPage page = FormPage(request, *view);
  page.form = report::FormOf(*stored);
  page.finding = *stored;
  FieldErrors errors;
  const FindingAnswer answer = AnswerFromForm(*form, page.answer, errors);
  Finding with = *stored;
  const auto it = std::find_if(with.answers.begin(), with.answers.end(),
                               [&](const FindingAnswer& a) { return a.target == answer.target; });
  const std::size_t index = static_cast<std::size_t>(it - with.answers.begin());
  if (it == with.answers.end()) {
    with.answers.push_back(answer);
  } else {
    *it = answer;
  }
  page.answer_errors = AnswerErrors(with, *view->plan, index, std::move(errors));
  constexpr std::string_view kThen = "save the answer again";
  if (Stale(*stored, *version)) return StalePage(r, request, *view, page, std::nullopt, kThen);
  if (!page.answer_errors.empty()) {
    return Response::Html(400, report::RenderFindingFormPage(page));
  }
  const AuditEntry audit = RequestAudit(request, r.clock, "finding.answer");
  auto saved = r.plans.WithStore([&](store::Store& s) {
    return s.SaveFindingAnswer(stored->id, answer, *version, r.clock.NowUnixSeconds(), audit);
  });
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    return StalePage(r, request, *view, page, std::nullopt, kThen);
  }
  if (!saved) return Fail(request, 500, "the answer could not be saved");
  return SeeOther(report::FindingHref(page.links, stored->id));
}

Response RemoveAnswerPost(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  auto stored = FindingOf(r, request, *view);
  if (!stored) return stored.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  auto version = VersionOf(request, *form);
  if (!version) return version.error();
  constexpr std::string_view kThen = "remove the answer again if it should go";
  if (Stale(*stored, *version)) {
    return StalePage(r, request, *view, FormPage(request, *view), std::nullopt, kThen);
  }
  const std::string target = FormValue(*form, "target");
  const AuditEntry audit = RequestAudit(request, r.clock, "finding.unanswer");
  auto removed = r.plans.WithStore([&](store::Store& s) {
    return s.RemoveFindingAnswer(stored->id, target, *version, r.clock.NowUnixSeconds(), audit);
  });
  if (!removed && removed.error().code == ErrorCode::kConflict) {
    return StalePage(r, request, *view, FormPage(request, *view), std::nullopt, kThen);
  }
  if (!removed && removed.error().code == ErrorCode::kNotFound) {
    return Fail(request, 400, "target: the finding has no answer for it", "target");
  }
  if (!removed) return Fail(request, 500, "the answer could not be removed");
  return SeeOther(report::FindingHref(LinksOf(*view), stored->id));
}

Response YoungPeoplePage(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  if (view->plan->status != "published") return Fail(request, 404, "no such published plan");
  auto findings = FindingsOf(r, request, view->plan->id);
  if (!findings) return findings.error();
  report::YoungPeoplePage page{LinksOf(*view), view->plan.get(), std::move(*findings)};
  return Response::Html(200, report::RenderYoungPeoplePage(page));
}

}  // namespace

void AddFindingRoutes(Router& router, const ProgressRoutes& routes) {
  // Literal paths before the {id} captures: the first match wins.
  router.Add("GET", "/findings", Permission::kEditPlans,
             [routes](const Request& r) { return ListPage(routes, r); });
  router.Add("GET", "/findings/new", Permission::kEditPlans,
             [routes](const Request& r) { return NewPage(routes, r); });
  router.Add("POST", "/findings", Permission::kEditPlans,
             [routes](const Request& r) { return SavePost(routes, r, true); });
  router.Add("GET", "/findings/{id}", Permission::kEditPlans,
             [routes](const Request& r) { return EditPage(routes, r); });
  router.Add("POST", "/findings/{id}", Permission::kEditPlans,
             [routes](const Request& r) { return SavePost(routes, r, false); });
  router.Add("POST", "/findings/{id}/delete", Permission::kEditPlans,
             [routes](const Request& r) { return DeletePost(routes, r); });
  router.Add("POST", "/findings/{id}/answers", Permission::kEditPlans,
             [routes](const Request& r) { return AnswerPost(routes, r); });
  router.Add("POST", "/findings/{id}/answers/remove", Permission::kEditPlans,
             [routes](const Request& r) { return RemoveAnswerPost(routes, r); });
  router.Add("GET", "/young-people", Permission::kPublic,
             [routes](const Request& r) { return YoungPeoplePage(routes, r); });
}

}  // namespace waymark::web
