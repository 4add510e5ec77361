// Error answers, format selection and plan resolution shared by every route.
#include "web/route_kit.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "report/plan_pages.h"
#include "web/api.h"

namespace waymark::web {
namespace {

// A message as a page's sentence: with a full stop. The first word may name a parameter, so
// its case is kept.
std::string Sentence(std::string_view message) {
  std::string out(message);
  if (!out.empty() && out.back() != '.') out += '.';
  return out;
}

Answer<PlanView> Resolve(PlanSource& plans, const Request& request,
                         const std::optional<std::string>& plan_id) {
  auto view = plans.Resolve(plan_id, request.principal);
  if (view) return std::move(*view);
  if (view.error().code != ErrorCode::kNotFound) {
    return Refuse(request, 500, "the database could not be read");
  }
  return Refuse(request, 404, view.error().message);
}

}  // namespace

bool IsApi(const Request& request) { return request.path.starts_with("/api/"); }

Response Fail(const Request& request, int status, std::string_view message,
              std::string_view parameter) {
  if (!IsApi(request)) {
    return Response::Html(status,
                          report::RenderErrorPage(status, Sentence(message), report::Links{}));
  }
  return ApiError(status, message, parameter);
}

std::string JsonText(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Answer<Format> FormatOf(const Request& request) {
  const auto format = request.Query("format");
  if (!format || *format == "json") return Format::kJson;
  if (*format == "csv") return Format::kCsv;
  return Refuse(request, 400, "format must be 'json' or 'csv'", "format");
}

Answer<PlanView> PlanOf(PlanSource& plans, const Request& request) {
  const auto plan_id = request.Query("plan");
  if (plan_id && !IsValidSlug(*plan_id)) {
    return Refuse(request, 400, "plan must be a plan id (lower-case letters, digits and '-')",
                  "plan");
  }
  return Resolve(plans, request, plan_id);
}

Answer<PlanView> NamedPlan(PlanSource& plans, const Request& request, std::string_view plan_id) {
  if (!IsValidSlug(plan_id)) return Refuse(request, 404, "no plan '" + std::string(plan_id) + "'");
  return Resolve(plans, request, std::string(plan_id));
}

AuditEntry RequestAudit(const Request& request, const Clock& clock, std::string_view action,
                        std::optional<std::string_view> actor) {
  AuditEntry entry;
  entry.at = FormatUtc(clock.NowUnixSeconds());
  entry.actor = actor ? std::string(*actor) : request.principal.AuditName();
  entry.via = request.method + " " + request.path;
  if (!request.client_address.empty()) entry.via += " from " + request.client_address;
  entry.action = std::string(action);
  return entry;
}

report::Links LinksOf(const PlanView& view) {
  return report::Links(view.plan->id, view.plans.size() > 1);
}

std::optional<std::int64_t> ParseWholeNumber(std::string_view text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Response SeeOther(const std::string& location) {
  Response res = Response::Html(303, "");
  res.Set("Location", location);
  return res;
}

std::string FormValue(const std::multimap<std::string, std::string>& form, std::string_view name) {
  const auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

}  // namespace waymark::web
