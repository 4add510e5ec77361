// The JSON API of actions and their updates: GET /api/v1/actions (where each action stands in a
// cycle, with filters), GET /api/v1/actions/{id}/updates (every update the caller may see) and
// POST /api/v1/actions/{id}/updates (save or submit, with the form's validation and locking).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "web/action_routes.h"
#include "web/progress_source.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

using nlohmann::json;

json OrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json CycleJson(const ReportingCycle& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"from", c.from.ToString()},
          {"to", c.to.ToString()},
          {"due", c.due.ToString()},
          {"state", std::string(CycleStateName(c.state))}};
}

// An update as the API shows it; the author's email only to signed-in callers.
json UpdateJson(const ActionUpdate& u, const Principal& reader) {
  const ActionUpdateFields& f = u.fields;
  json out = {
      {"cycle", u.cycle_id},
      {"plan", u.plan_id},
      {"action", u.action_id},
      {"state", std::string(UpdateStateName(u.state))},
      {"version", u.version},
      {"status", f.status ? json(std::string(ActionStatusName(*f.status))) : json(nullptr)},
      {"narrative", f.narrative},
      {"evidence", f.evidence},
      {"next_steps", f.next_steps},
      {"expected_completion",
       f.expected_completion ? json(f.expected_completion->ToString()) : json(nullptr)},
      {"organisation", u.organisation},
      {"author_name", u.author_name},
      {"updated_at", u.updated_at},
      {"submitted_at", OrNull(u.submitted_at)},
      {"reopened_reason", OrNull(u.reopened_reason)}};
  if (reader.SignedIn()) out["author"] = u.author;
  return out;
}

std::string StandingName(const ActionStanding& s) {
  if (s.status) return std::string(ActionStatusName(*s.status));
  return "no-update";
}

Answer<std::optional<std::int64_t>> CycleParameter(const Request& request) {
  const auto text = request.Query("cycle");
  if (!text) return std::optional<std::int64_t>();
  const auto id = ParseWholeNumber(*text);
  if (!id || *id <= 0) {
    return Refuse(request, 400, "cycle must be a cycle id (a whole number)", "cycle");
  }
  return id;
}

// True when `standing` matches ?status= ("no-update", "overdue" or a status name).
bool StatusMatches(const ActionStanding& standing, std::string_view wanted) {
  if (wanted.empty()) return true;
  if (wanted == "overdue") return standing.overdue;
  if (wanted == "no-update") return !standing.status;
  return standing.status && ActionStatusName(*standing.status) == wanted;
}

json ActionJson(const report::ActionProgress& a) {
  json out = {{"id", a.action->id},
              {"title", a.action->title},
              {"outcome", a.outcome->id},
              {"objective", a.objective->id},
              {"responsible", a.action->responsible},
              {"monitoring", a.action->monitoring},
              {"standing", StandingName(a.standing)},
              {"overdue", a.standing.overdue},
              {"update_state", a.update == nullptr
                                   ? json(nullptr)
                                   : json(std::string(UpdateStateName(a.update->state)))},
              {"update_version", a.update == nullptr ? 0 : a.update->version},
              {"evidence_disagrees", a.disagrees}};
  return out;
}

Response ListActions(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  const std::string status = request.Query("status").value_or("");
  if (!status.empty() && status != "no-update" && status != "overdue" &&
      !ParseActionStatus(status)) {
    return Fail(request, 400,
                "status must be one of not-started, on-track, at-risk, off-track, complete, "
                "dropped, no-update, overdue",
                "status");
  }
  const auto cycle_id = CycleParameter(request);
  if (!cycle_id) return cycle_id.error();
  auto stored = LoadCycles(r.plans, plan.id);
  if (!stored) return Fail(request, 500, "the reporting cycles could not be read");
  const ReportingCycle* cycle = stored->Current();
  if (*cycle_id) {
    cycle = nullptr;
    for (const ReportingCycle& c : stored->cycles) {
      if (c.id == **cycle_id) cycle = &c;
    }
    if (cycle == nullptr) return Fail(request, 404, "this plan has no such cycle", "cycle");
  }
  const auto snapshot = r.indicators.Get();
  auto progress = LoadProgress(r.plans, plan, *stored, cycle, request.principal, r.clock,
                               snapshot.data.get());
  if (!progress) return Fail(request, 500, "the action updates could not be read");
  const std::string outcome = request.Query("outcome").value_or("");
  const std::string org = request.Query("org").value_or("");
  json actions = json::array();
  for (const report::ActionProgress& a : progress->actions) {
    if (!outcome.empty() && a.outcome->id != outcome) continue;
    const auto& resp = a.action->responsible;
    if (!org.empty() && std::find(resp.begin(), resp.end(), org) == resp.end()) continue;
    if (!StatusMatches(a.standing, status)) continue;
    actions.push_back(ActionJson(a));
  }
  json out = {{"plan", plan.id},
              {"cycle", progress->cycle ? CycleJson(*progress->cycle) : json(nullptr)},
              {"actions", std::move(actions)}};
  return Response::Json(200, JsonText(out));
}

Response ListUpdates(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  const report::ActionPlace place = report::FindAction(*view->plan, request.Param("id"));
  if (place.action == nullptr) return Fail(request, 404, "this plan has no such action");
  store::UpdateFilter filter{view->plan->id, 0, place.action->id};
  auto all = r.plans.WithStore([&](store::Store& s) { return s.ListActionUpdates(filter); });
  if (!all) return Fail(request, 500, "the action updates could not be read");
  json updates = json::array();
  for (const ActionUpdate& u : *all) {
    if (CanSeeUpdate(request.principal, *place.action, u)) {
      updates.push_back(UpdateJson(u, request.principal));
    }
  }
  return Response::Json(200, JsonText(json{{"plan", view->plan->id},
                                           {"action", place.action->id},
                                           {"updates", std::move(updates)}}));
}

Response FieldProblems(int status, std::string_view message, const FieldErrors& errors) {
  json fields = json::array();
  for (const FieldError& e : errors) fields.push_back({{"field", e.field}, {"message", e.message}});
  json error = {{"status", status}, {"message", std::string(message)}, {"fields", fields}};
  return Response::Json(status, JsonText(json{{"error", error}}));
}

// Reads a text member ("" when absent or null); a field error when it is another type.
std::string TextMember(const json& body, const char* name, FieldErrors& errors) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  errors.push_back({name, std::string(name) + " must be a string"});
  return "";
}

// The evidence member: an array of links, or one text with a link a line.
std::string EvidenceMember(const json& body, FieldErrors& errors) {
  const auto it = body.find("evidence");
  if (it == body.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_array()) {
    errors.push_back({"evidence", "evidence must be an array of links"});
    return "";
  }
  std::string lines;
  for (const json& link : *it) {
    if (!link.is_string()) {
      errors.push_back({"evidence", "evidence must be an array of links"});
      return "";
    }
    lines += link.get<std::string>();
    lines += '\n';
  }
  return lines;
}

// The attempt a JSON body describes, or its problems.
std::optional<UpdateAttempt> AttemptOf(const json& body, FieldErrors& errors) {
  UpdateAttempt attempt;
  attempt.input.status = TextMember(body, "status", errors);
  attempt.input.narrative = TextMember(body, "narrative", errors);
  attempt.input.evidence = EvidenceMember(body, errors);
  attempt.input.next_steps = TextMember(body, "next_steps", errors);
  attempt.input.expected_completion = TextMember(body, "expected_completion", errors);
  const auto version = body.find("version");
  if (version == body.end() || !version->is_number_integer() || version->get<std::int64_t>() < 0 ||
      version->get<std::int64_t>() > 1'000'000'000) {
    errors.push_back({"version", "version must be the version you read (0 for a new update)"});
  } else {
    attempt.version = version->get<int>();
  }
  const auto submit = body.find("submit");
  if (submit != body.end() && !submit->is_boolean()) {
    errors.push_back({"submit", "submit must be true or false"});
  } else if (submit != body.end()) {
    attempt.submit = submit->get<bool>();
  }
  if (!errors.empty()) return std::nullopt;
  return attempt;
}

Response PostUpdate(const ProgressRoutes& r, const Request& request) {
  auto view = PlanOf(r.plans, request);
  if (!view) return view.error();
  json body;
  try {
    body = json::parse(request.body);
  } catch (const json::parse_error& e) {
    return Fail(request, 400, std::string("the body is not JSON: ") + e.what());
  }
  if (!body.is_object()) return Fail(request, 400, "the body must be a JSON object");
  FieldErrors errors;
  auto attempt = AttemptOf(body, errors);
  if (!attempt) return FieldProblems(400, "the update has problems", errors);
  attempt->action_id = request.Param("id");
  SaveResult result = SaveUpdate(r.plans, *view->plan, request, *attempt, r.clock);
  if (result.outcome == SaveOutcome::kSaved) {
    return Response::Json(result.update.version == 1 ? 201 : 200,
                          JsonText(UpdateJson(result.update, request.principal)));
  }
  if (result.outcome == SaveOutcome::kInvalid) {
    return FieldProblems(400, result.message, result.errors);
  }
  if (result.has_update && (result.outcome == SaveOutcome::kStale ||
                            result.outcome == SaveOutcome::kLocked)) {
    json error = {{"status", 409},
                  {"message", result.message},
                  {"current", UpdateJson(result.update, request.principal)}};
    return Response::Json(409, JsonText(json{{"error", error}}));
  }
  return Fail(request, StatusOf(result.outcome), result.message);
}

}  // namespace

void AddActionApi(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/api/v1/actions", Permission::kPublic,
             [routes](const Request& r) { return ListActions(routes, r); });
  router.Add("GET", "/api/v1/actions/{id}/updates", Permission::kPublic,
             [routes](const Request& r) { return ListUpdates(routes, r); });
  router.Add("POST", "/api/v1/actions/{id}/updates", Permission::kUpdateActions,
             [routes](const Request& r) { return PostUpdate(routes, r); });
}

}  // namespace waymark::web
