// Pages of the signed-in side: the sign-in form, the "too many attempts" page, the account bar
// under the header, and the audit log for administrators. Rendered as GOV.UK Frontend markup;
// every form carries the CSRF token it is given and works without JavaScript.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/account.h"

namespace waymark::report {

// Where the web layer puts the account bar in every page (after caching, since it differs by
// user). Plan text is escaped, so the marker can only come from the layout itself.
inline constexpr std::string_view kAccountBarMarker = "<!--waymark:account-->";

struct SignInForm {
  std::string email;    // echoed back after a failure (never the password)
  bool failed = false;  // show the error summary
  std::string csrf_token;
  std::string next;  // the local path to return to
  // The enabled identity providers' names: a "Sign in with NAME" button each.
  std::vector<std::string> providers;
  bool local = true;  // the email and password form (false when password sign-in is off)
};
std::string RenderSignInPage(const SignInForm& form);
// 403: a sign-in through an identity provider was refused. The page does not say which check
// failed (the audit log does).
std::string RenderProviderRefusedPage();
// 429: sign-in refused for `retry_after` more seconds.
std::string RenderThrottledPage(long long retry_after);

struct AccountBar {
  const Principal* principal = nullptr;  // nullptr or not signed in: the public
  std::string organisation_name;
  std::string csrf_token;
  std::string here;  // the current page's local path, for "sign in" to come back to
  bool demo = false;
};
// The bar: a demonstration notice when `demo`; "Signed in as NAME, ORG (role)" with a sign-out
// button; or a "Sign in" link for the public (not on the sign-in page itself).
std::string RenderAccountBar(const AccountBar& bar);

struct AuditPage {
  std::vector<AuditEntry> entries;
  AuditFilter filter;
  std::string csv_href;    // the same selection as CSV
  std::string error;       // a filter problem to show in the error summary
  bool truncated = false;  // more entries than shown
};
std::string RenderAuditPage(const AuditPage& page);
// The entries as CSV (formula-safe cells, RFC 4180).
std::string AuditCsv(const std::vector<AuditEntry>& entries);

}  // namespace waymark::report
