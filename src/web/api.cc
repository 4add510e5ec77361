// The JSON API: plans and outcomes, each also as CSV (one row per action) with ?format=csv.
#include "web/api.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "ingest/plan_json.h"
#include "stats/csv.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

using nlohmann::json;

json PlanSummaryJson(const PlanSummary& p) {
  return json{{"id", p.id},
              {"title", p.title},
              {"organisation", p.organisation},
              {"status", p.status},
              {"period", ingest::PeriodJson(p.start, p.end)},
              {"revision", p.revision},
              {"updated_at", p.updated_at},
              {"links", {{"self", "/api/v1/plans/" + p.id}, {"html", "/?plan=" + p.id}}}};
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "; ") + n;
  return out;
}

std::string NameOf(const auto& items, const std::string& id) {
  for (const auto& item : items) {
    if (item.id == id) return item.name;
  }
  return id;
}

const std::vector<std::string> kActionColumns = {
    "plan_id",   "outcome_id",   "outcome_title", "objective_id",     "objective_title",
    "action_id", "action_title", "responsible",   "monitoring_bodies"};

// Rows of one outcome: one per action serving each objective (those declared under it, then
// those declared elsewhere that also serve it), or one per objective that has no action.
void OutcomeRows(const Plan& plan, const Outcome& outcome, std::string& csv) {
  for (const Objective& objective : outcome.objectives) {
    std::vector<std::string> row = {plan.id, outcome.id, outcome.title, objective.id,
                                    objective.title};
    std::vector<const Action*> actions;
    for (const Action& action : objective.actions) actions.push_back(&action);
    for (const ServingAction& s : ActionsAlsoServing(plan, objective.id)) {
      actions.push_back(s.action);
    }
    if (actions.empty()) {
      csv += stats::CsvLine(row) + ",,,,\r\n";
      continue;
    }
    for (const Action* action : actions) {
      std::vector<std::string> responsible, monitoring;
      for (const auto& id : action->responsible) responsible.push_back(NameOf(plan.partners, id));
      for (const auto& id : action->monitoring) monitoring.push_back(NameOf(plan.bodies, id));
      auto full = row;
      full.insert(full.end(),
                  {action->id, action->title, Joined(responsible), Joined(monitoring)});
      csv += stats::CsvLine(full) + "\r\n";
    }
  }
}

std::string CsvHeader() { return stats::CsvLine(kActionColumns) + "\r\n"; }

Response ListPlans(PlanSource& plans, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  auto list = plans.List(request.principal);
  if (!list) return Fail(request, 500, "the database could not be read");
  if (*format == Format::kCsv) {
    std::string csv = stats::CsvLine({"id", "title", "organisation", "status", "start", "end",
                                      "revision", "updated_at"}) +
                      "\r\n";
    for (const PlanSummary& p : *list) {
      csv += stats::CsvLine({p.id, p.title, p.organisation, p.status,
                             OptionalDateText(p.start), OptionalDateText(p.end),
                             std::to_string(p.revision), p.updated_at}) +
             "\r\n";
    }
    return Response::Csv(200, std::move(csv), "plans.csv");
  }
  json out = {{"plans", json::array()}, {"default_plan", DefaultPlanId(*list)}};
  for (const PlanSummary& p : *list) out["plans"].push_back(PlanSummaryJson(p));
  return Response::Json(200, JsonText(out));
}

Response GetPlan(PlanSource& plans, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const auto view = NamedPlan(plans, request, request.Param("id"));
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  if (*format == Format::kCsv) {
    std::string csv = CsvHeader();
    for (const Outcome& outcome : plan.outcomes) OutcomeRows(plan, outcome, csv);
    return Response::Csv(200, std::move(csv), plan.id + ".csv");
  }
  return Response::Json(200, JsonText(ingest::PlanToJson(plan)));
}

Response GetOutcome(PlanSource& plans, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const auto view = PlanOf(plans, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  const std::string& id = request.Param("id");
  for (size_t i = 0; i < plan.outcomes.size(); ++i) {
    const Outcome& outcome = plan.outcomes[i];
    if (outcome.id != id) continue;
    if (*format == Format::kCsv) {
      std::string csv = CsvHeader();
      OutcomeRows(plan, outcome, csv);
      return Response::Csv(200, std::move(csv), plan.id + "-" + outcome.id + ".csv");
    }
    const json plan_json = ingest::PlanToJson(plan);
    json out = {{"plan", {{"id", plan.id}, {"title", plan.title}}},
                {"outcome", plan_json.at("outcomes").at(i)}};
    return Response::Json(200, JsonText(out));
  }
  return Fail(request, 404, "plan '" + plan.id + "' has no outcome '" + id + "'");
}

}  // namespace

bool IsAreaCode(std::string_view text) {
  return !text.empty() && text.size() <= 16 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

Response ApiError(int status, std::string_view message, std::string_view parameter) {
  json error = {{"status", status}, {"message", std::string(message)}};
  if (!parameter.empty()) error["parameter"] = std::string(parameter);
  return Response::Json(status, JsonText(json{{"error", error}}));
}

void AddApiRoutes(Router& router, PlanSource& plans) {
  router.Add("GET", "/api/v1/plans", Permission::kPublic,
             [&plans](const Request& r) { return ListPlans(plans, r); });
  router.Add("GET", "/api/v1/plans/{id}", Permission::kPublic,
             [&plans](const Request& r) { return GetPlan(plans, r); });
  router.Add("GET", "/api/v1/outcomes/{id}", Permission::kPublic,
             [&plans](const Request& r) { return GetOutcome(plans, r); });
  router.Add("GET", "/api/v1/openapi.json", Permission::kPublic, [](const Request&) {
    Response res = Response::Json(200, OpenApiDocument());
    res.Set("Cache-Control", "public, max-age=3600");
    return res;
  });
}

}  // namespace waymark::web
