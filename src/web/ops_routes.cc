// /readyz, /metrics and the rule of internal routes (see ops_routes.h).
#include "web/ops_routes.h"

#include <nlohmann/json.hpp>

#include "store/schema.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

Response NoCache(Response res) {
  res.Set("Cache-Control", "no-store");
  return res;
}

Response Ready(PlanSource& plans) {
  const int program = store::ProgramSchemaVersion();
  const int stored = plans.WithStore([](store::Store& s) { return s.SchemaVersion(); });
  nlohmann::ordered_json body;
  const bool ready = stored == program;
  if (stored < 0) {
    body["status"] = "unavailable";
    body["reason"] = "the database does not answer";
  } else if (stored != program) {
    body["status"] = "unavailable";
    body["reason"] = stored < program ? "the database's schema is older than this program's; "
                                        "run waymark migrate"
                                      : "the database's schema is newer than this program's";
    body["schema_version"] = stored;
    body["program_schema_version"] = program;
  } else {
    body["status"] = "ready";
    body["schema_version"] = stored;
  }
  return NoCache(Response::Json(ready ? 200 : 503, body.dump() + "\n"));
}

// What the database holds of imports, figures and judgements: read from it, so every node
// reports the same, whichever node or command imported or judged.
void AddDataGauges(const store::DataCounts& c, std::vector<Gauge>& out) {
  const auto add = [&out](std::string name, std::string help, std::int64_t value) {
    out.push_back({std::move(name), std::move(help), static_cast<double>(value)});
  };
  add("waymark_database_imports", "Figure imports committed.", c.imports);
  add("waymark_database_import_rows_read", "Rows read by the figure imports.", c.rows_read);
  add("waymark_database_figures_inserted", "Figures inserted by the imports.", c.figures_inserted);
  add("waymark_database_figures_revised", "Figures revised by the imports.", c.figures_revised);
  add("waymark_database_figures", "Figures stored.", c.figures);
  add("waymark_database_judgements", "Judgements stored.", c.judgements);
  add("waymark_database_indicators_to_judge",
      "Indicators whose judgements are out of date (waymark assess judges them).",
      c.indicators_to_judge);
}

Response MetricsText(PlanSource& plans, const Metrics& metrics) {
  const int stored = plans.WithStore([](store::Store& s) { return s.SchemaVersion(); });
  const auto counts = plans.WithStore([](store::Store& s) { return s.CountData(); });
  std::vector<Gauge> extra(3);
  extra[0].name = "waymark_database_up";
  extra[0].help = "1 when the database answers, else 0.";
  extra[0].value = stored < 0 ? 0 : 1;
  extra[1].name = "waymark_database_schema_version";
  extra[1].help = "The database's schema version (-1: no answer).";
  extra[1].value = stored;
  extra[2].name = "waymark_program_schema_version";
  extra[2].help = "The schema version this program expects.";
  extra[2].value = store::ProgramSchemaVersion();
  if (counts) AddDataGauges(*counts, extra);  // left out, not zero, when unreadable
  Response res{200, {}, metrics.Render(extra)};
  res.Set("Content-Type", std::string(kMetricsContentType));
  return NoCache(std::move(res));
}

}  // namespace

bool IsLoopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

bool IsLocalRequest(const Request& request) {
  if (!IsLoopback(request.client_address)) return false;
  for (std::string_view header : {"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
    if (request.Header(header)) return false;
  }
  return true;
}

std::optional<Response> InternalRefusal(const Request& request, Permission permission) {
  if (IsLocalRequest(request) || Allows(request.principal.role, permission)) return std::nullopt;
  return Fail(request, 404, "");
}

void AddOpsRoutes(Router& router, PlanSource& plans, const Metrics& metrics) {
  router.Add("GET", "/readyz", Permission::kPublic,
             [&plans](const Request&) { return Ready(plans); });
  router.AddInternal("GET", "/metrics", Permission::kViewAudit,
                     [&plans, &metrics](const Request&) { return MetricsText(plans, metrics); });
}

}  // namespace waymark::web
