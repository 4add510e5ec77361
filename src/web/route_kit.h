// The one way through the web layer: every route answers errors with the same helper (an HTML
// page, or JSON under /api/), reads ?format= the same way, and resolves the plan a request
// names with what its principal may see, so that a draft is "not found" for the public on
// every page and API route alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>
#include <tl/expected.hpp>

#include "core/account.h"
#include "core/clock.h"
#include "report/layout.h"
#include "web/http.h"
#include "web/plan_source.h"

namespace waymark::web {

// A value, or the response that explains why there is none.
template <typename T>
using Answer = tl::expected<T, Response>;

// True for requests to the JSON API (/api/...).
bool IsApi(const Request& request);

// An error answer for `request`: the GOV.UK error page (with `message` as its detail) or, under
// /api/, {"error":{"status":S,"message":M[,"parameter":P]}}.
Response Fail(const Request& request, int status, std::string_view message,
              std::string_view parameter = {});
inline tl::unexpected<Response> Refuse(const Request& request, int status, std::string_view message,
                                       std::string_view parameter = {}) {
  return tl::unexpected<Response>(Fail(request, status, message, parameter));
}

// JSON as the API writes it: indented, invalid UTF-8 replaced, a final newline.
std::string JsonText(const nlohmann::json& value);

enum class Format { kJson, kCsv };
// ?format= (json when absent), or a 400 naming the parameter.
Answer<Format> FormatOf(const Request& request);

// The plan named by ?plan= (or the default plan) as the request's principal may see it: 400
// for a malformed id, 404 for an unknown or hidden plan, 500 when the store fails.
Answer<PlanView> PlanOf(PlanSource& plans, const Request& request);
// The same for a plan named in the path (404 also for a malformed id).
Answer<PlanView> NamedPlan(PlanSource& plans, const Request& request, std::string_view plan_id);

// An audit entry for a change `request` makes: at the clock's now, by `actor` (default: the
// request's principal), via "METHOD PATH from ADDRESS".
AuditEntry RequestAudit(const Request& request, const Clock& clock, std::string_view action,
                        std::optional<std::string_view> actor = std::nullopt);

// The links of the pages of the plan `view` shows (carrying ?plan= when there are several).
report::Links LinksOf(const PlanView& view);

// A whole number written in decimal digits only (an id or a version), if `text` is one.
std::optional<std::int64_t> ParseWholeNumber(std::string_view text);

// "303 See Other" to a local path.
Response SeeOther(const std::string& location);

// The first value of a form field, or "".
std::string FormValue(const std::multimap<std::string, std::string>& form, std::string_view name);

}  // namespace waymark::web
