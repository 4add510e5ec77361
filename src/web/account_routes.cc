// Sign-in and sign-out handlers and the audit log page.
#include "web/account_routes.h"

#include "report/account_pages.h"
#include "report/layout.h"
#include "web/oidc_routes.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

constexpr std::size_t kAuditPageRows = 500;

// What the sign-in routes use.
struct SignIn {
  Auth& auth;
  PlanSource& plans;
  OidcClient& oidc;
};

// The sign-in page: the password form and a button per identity provider, whose forms may
// lead on to the providers (the page's form-action allows their origins).
Response SignInPage(SignIn& in, report::SignInForm& form) {
  const auto origins = FillSignInChoices(in.plans, in.auth, in.oidc, form);
  Response res = Response::Html(200, report::RenderSignInPage(form));
  res.Set("Content-Security-Policy", ContentSecurityPolicy(origins));
  return res;
}

Response SignInForm(SignIn& in, const Request& request) {
  report::SignInForm form;
  form.csrf_token = request.csrf_token;
  form.next = LocalPath(request.Query("next").value_or("/"));
  return SignInPage(in, form);
}

Response SignInPost(SignIn& in, const Request& request) {
  Auth& auth = in.auth;
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  const std::string email = FormValue(*form, "email");
  const std::string next = LocalPath(FormValue(*form, "next"));
  const SignInResult result = auth.SignIn(email, FormValue(*form, "password"), request);
  if (result.status == SignInStatus::kThrottled) {
    Response res = Response::Html(429, report::RenderThrottledPage(result.retry_after));
    res.Set("Retry-After", std::to_string(result.retry_after));
    return res;
  }
  if (result.status == SignInStatus::kRefused) {
    report::SignInForm page;
    page.email = email.substr(0, kMaxEmailLength);
    page.failed = true;
    page.csrf_token = request.csrf_token;
    page.next = next;
    return SignInPage(in, page);
  }
  Response res = SeeOther(next);
  res.Add("Set-Cookie", auth.SessionCookie(result.session_token));
  return res;
}

Response SignOutPost(Auth& auth, const Request& request) {
  auth.SignOut(request);
  Response res = SeeOther("/");
  res.Add("Set-Cookie", auth.ClearedSessionCookie());
  return res;
}

// A date (YYYY-MM-DD) or empty.
bool IsDateFilter(const std::string& text) { return text.empty() || Date::Parse(text).has_value(); }

Response AuditLog(PlanSource& plans, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  report::AuditPage page;
  page.filter.since = request.Query("since").value_or("");
  page.filter.actor = request.Query("actor").value_or("").substr(0, kMaxEmailLength + 40);
  page.filter.entity = request.Query("entity").value_or("").substr(0, 40);
  if (!IsDateFilter(page.filter.since)) {
    if (*format == Format::kCsv)
      return Fail(request, 400, "since must be a date such as 2026-12-01", "since");
    page.error = "Enter the date as YYYY-MM-DD, for example 2026-12-01";
    page.filter.since.clear();
  }
  AuditFilter filter = page.filter;
  if (*format == Format::kJson) filter.limit = kAuditPageRows + 1;
  auto entries = plans.WithStore([&](store::Store& s) { return s.ListAudit(filter); });
  if (!entries) return Fail(request, 500, "the audit log could not be read");
  if (*format == Format::kCsv) {
    return Response::Csv(200, report::AuditCsv(*entries), "audit.csv");
  }
  page.truncated = entries->size() > kAuditPageRows;
  if (page.truncated) entries->resize(kAuditPageRows);
  page.entries = std::move(*entries);
  page.csv_href = "/admin/audit?format=csv&since=" + report::UrlEncode(page.filter.since) +
                  "&actor=" + report::UrlEncode(page.filter.actor) +
                  "&entity=" + report::UrlEncode(page.filter.entity);
  return Response::Html(page.error.empty() ? 200 : 400, report::RenderAuditPage(page));
}

}  // namespace

void AddAccountRoutes(Router& router, Auth& auth, PlanSource& plans, OidcClient& oidc) {
  auto in = std::make_shared<SignIn>(SignIn{auth, plans, oidc});
  router.Add("GET", "/sign-in", Permission::kPublic,
             [in](const Request& r) { return SignInForm(*in, r); });
  router.Add("POST", "/sign-in", Permission::kPublic,
             [in](const Request& r) { return SignInPost(*in, r); });
  router.Add("POST", "/sign-out", Permission::kPublic,
             [&auth](const Request& r) { return SignOutPost(auth, r); });
  router.Add("GET", "/admin/audit", Permission::kViewAudit,
             [&plans](const Request& r) { return AuditLog(plans, r); });
}

}  // namespace waymark::web
