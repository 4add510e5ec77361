// Who is asking, and signing in and out. A browser session is a random 256-bit token in the
// `waymark_session` cookie, stored only as its digest, ending after 8 hours idle or 7 days; an
// API client sends `Authorization: Bearer TOKEN` on /api/. Every state-changing request must
// carry the CSRF token of its session (derived from the session's token, so it changes at each
// sign-in and cannot be computed without the cookie); anonymous forms use the same scheme
// over a random `waymark_presession` cookie. Failed sign-ins are throttled per account and
// per address (core/sign_in_throttle.h).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/access.h"
#include "core/clock.h"
#include "core/secrets.h"
#include "core/sign_in_throttle.h"
#include "web/http.h"
#include "web/plan_source.h"

namespace waymark::web {

inline constexpr std::string_view kSessionCookie = "waymark_session";
inline constexpr std::string_view kPresessionCookie = "waymark_presession";
inline constexpr std::string_view kCsrfField = "csrf_token";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct AuthOptions {
  bool secure_cookies = true;  // false only for plain-HTTP loopback use (the demo)
  std::int64_t idle_seconds = std::int64_t{8} * 60 * 60;
  std::int64_t absolute_seconds = std::int64_t{7} * 24 * 60 * 60;
  PasswordCost password_cost = PasswordCost::kInteractive;
  ThrottleLimits throttle;
};

// What Identify found.
struct Identity {
  Principal principal;
  std::string csrf_token;      // what this request's forms carry; "" for bearer requests
  std::string session_digest;  // the signed-in session's digest, "" otherwise
  std::string new_presession;  // a presession token to set as a cookie ("" when one is set)
  bool bearer = false;         // authenticated by an API token (no cookies, no CSRF)
  std::string bearer_problem;  // why a bearer token was refused ("" when none or accepted)
};

enum class SignInStatus { kSignedIn, kRefused, kThrottled };

struct SignInResult {
  SignInStatus status = SignInStatus::kRefused;
  std::int64_t retry_after = 0;  // seconds, for kThrottled
  std::string session_token;     // for kSignedIn: the new cookie's value
  Principal principal;
};

class Auth {
 public:
  Auth(PlanSource& store, const Clock& clock, AuthOptions options);

  // Who sent `request`: a bearer token on /api/, else the session cookie, else the public.
  // Expired sessions, sessions of disabled users and unknown cookies count as the public.
  Identity Identify(const Request& request);
  // True when the request carries the CSRF token `identity` expects (form field csrf_token or
  // header X-CSRF-Token); bearer requests need none.
  bool CsrfValid(const Request& request, const Identity& identity) const;

  // Checks the password and starts a new session, ending the request's session (if any).
  SignInResult SignIn(std::string_view email, std::string_view password, const Request& request);
  // Starts a new session for `user` (signed in by a password or an identity provider), ending
  // the request's session (if any); audited "session.create" with the user as actor. Returns
  // the new cookie's token.
  Result<std::string> StartSession(const User& user, const Request& request);
  // True when password sign-in is switched off for `organisation`'s users or for everyone
  // (core/identity_provider.h kLocalSignInSetting).
  bool LocalSignInOff(std::string_view organisation);
  // Ends the request's session (nothing when not signed in).
  void SignOut(const Request& request);

  // Set-Cookie values.
  std::string SessionCookie(std::string_view token) const;
  std::string ClearedSessionCookie() const;
  std::string PresessionCookie(std::string_view token) const;
  // A cookie for `path` only that ends after `max_age` seconds (0: clears it), HttpOnly,
  // SameSite=Lax and Secure as the session cookie.
  std::string PathCookie(std::string_view name, std::string_view value, std::string_view path,
                         std::int64_t max_age) const;

  const Clock& clock() const { return clock_; }

 private:
  Identity FromBearer(std::string_view token);
  Identity FromSession(std::string_view token);
  AuditEntry Audit(const Request& request, std::string_view actor, std::string_view action) const;
  // Seconds until `account` may try again from `address`: the throttle's rule over the failures
  // every node has kept in the database in the window before `now`.
  std::int64_t RetryAfter(std::string_view account, std::string_view address, std::int64_t now);

  PlanSource& store_;
  const Clock& clock_;
  AuthOptions options_;
};

// The CSRF token belonging to a session or presession token.
std::string CsrfTokenFor(std::string_view token);

// `next` when it is a path on this site ("/..." without a scheme, host, backslash or control
// character), else "/". Guards redirects against header injection and open redirects.
std::string LocalPath(std::string_view next);

}  // namespace waymark::web
