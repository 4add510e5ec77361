// Sessions, API tokens, CSRF tokens and signing in, over the store's accounts.
#include "web/auth.h"

#include <algorithm>
#include <cctype>

#include "core/identity_provider.h"
#include "web/multipart.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

constexpr std::int64_t kTouchSeconds = 60;  // how stale last_seen_at may get before a write

bool IsTokenText(std::string_view text) {
  return text.size() >= 43 && text.size() <= 64 &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
         });
}

std::optional<std::string> CsrfSent(const Request& request) {
  if (auto header = request.Header(kCsrfHeader)) return header;
  const auto type = request.Header("Content-Type").value_or("");
  // A form with a file carries its token in a field before the file (web/multipart.h).
  if (MultipartBoundary(type)) return LeadingMultipartField(request, kCsrfField);
  if (!type.starts_with("application/x-www-form-urlencoded")) return std::nullopt;
  const auto form = ParseForm(request.body);
  if (!form) return std::nullopt;
  const auto it = form->find(std::string(kCsrfField));
  if (it == form->end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::string CsrfTokenFor(std::string_view token) { return TokenDigest(token, kCsrfPurpose); }

std::string LocalPath(std::string_view next) {
  if (next.empty() || next.size() > 2000 || next.front() != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  const bool bad = std::any_of(next.begin(), next.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F || c == '\\';
  });
  return bad ? "/" : std::string(next);
}

Auth::Auth(PlanSource& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {}

std::int64_t Auth::RetryAfter(std::string_view account, std::string_view address,
                              std::int64_t now) {
  const std::int64_t since = now - options_.throttle.window_seconds;
  auto failures = store_.WithStore(
      [&](store::Store& s) { return s.RecentSignInFailures(account, address, since); });
  // A database that cannot say cannot find the account either: the attempt is refused then.
  if (!failures) return 0;
  SignInThrottle throttle(options_.throttle);
  for (const SignInFailure& f : *failures) throttle.RecordFailure(f.account, f.address, f.at);
  return throttle.RetryAfter(account, address, now);
}

AuditEntry Auth::Audit(const Request& request, std::string_view actor,
                       std::string_view action) const {
  return RequestAudit(request, clock_, action, actor);
}

Identity Auth::FromBearer(std::string_view token) {
  Identity id;
  id.bearer = true;
  const std::string digest = TokenDigest(token, kApiTokenPurpose);
  auto found = store_.WithStore([&](store::Store& s) { return s.FindApiToken(digest); });
  if (!found) {
    id.bearer_problem = found.error().code == ErrorCode::kNotFound
                            ? "the bearer token is not valid"
                            : "the bearer token could not be checked";
    return id;
  }
  const std::string now = FormatUtc(clock_.NowUnixSeconds());
  const ApiToken& t = found->token;
  if (!t.revoked_at.empty()) {
    id.bearer_problem = "the bearer token has been revoked";
  } else if (!t.expires_on.empty() && now.substr(0, 10) > t.expires_on) {
    id.bearer_problem = "the bearer token has expired";
  } else if (found->user.disabled) {
    id.bearer_problem = "the bearer token's user is disabled";
  }
  if (!id.bearer_problem.empty()) return id;
  if (t.last_used_at.substr(0, 16) != now.substr(0, 16)) {
    // Last use is kept to the minute; a failure to record it does not refuse the request.
    (void)store_.WithStore([&](store::Store& s) { return s.TouchApiToken(t.id, now); });
  }
  id.principal = PrincipalOf(found->user);
  id.principal.token_id = t.id;
  return id;
}

Identity Auth::FromSession(std::string_view token) {
  Identity id;
  if (!IsTokenText(token)) return id;
  const std::string digest = TokenDigest(token, kSessionPurpose);
  auto found = store_.WithStore([&](store::Store& s) { return s.FindSession(digest); });
  if (!found || found->user.disabled) return id;
  const std::int64_t now = clock_.NowUnixSeconds();
  const Session& session = found->session;
  if (now - session.last_seen_at >= options_.idle_seconds ||
      now - session.created_at >= options_.absolute_seconds) {
    (void)store_.WithStore([&](store::Store& s) {
      return s.PruneSessions(now - options_.idle_seconds, now - options_.absolute_seconds);
    });
    return id;
  }
  if (now - session.last_seen_at >= kTouchSeconds) {
    (void)store_.WithStore([&](store::Store& s) { return s.TouchSession(digest, now); });
  }
  id.principal = PrincipalOf(found->user);
  id.csrf_token = CsrfTokenFor(token);
  id.session_digest = digest;
  return id;
}

Identity Auth::Identify(const Request& request) {
  // API clients, and monitoring that scrapes /metrics with an admin's token.
  if (request.path.starts_with("/api/") || request.path == "/metrics") {
    if (const auto header = request.Header("Authorization")) {
      std::string_view value = *header;
      if (value.size() > 7 &&
          std::equal(value.begin(), value.begin() + 7, "bearer ", [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
          })) {
        return FromBearer(value.substr(7));
      }
      Identity id;
      id.bearer = true;
      id.bearer_problem = "the Authorization header must be 'Bearer TOKEN'";
      return id;
    }
  }
  const auto cookies = request.Header("Cookie");
  if (cookies) {
    if (const auto token = CookieValue(*cookies, kSessionCookie)) {
      Identity id = FromSession(*token);
      if (id.principal.SignedIn()) return id;
    }
  }
  Identity id;
  const auto presession = cookies ? CookieValue(*cookies, kPresessionCookie) : std::nullopt;
  if (presession && IsTokenText(*presession)) {
    id.csrf_token = CsrfTokenFor(*presession);
  } else {
    id.new_presession = RandomToken();
    id.csrf_token = CsrfTokenFor(id.new_presession);
  }
  return id;
}

bool Auth::CsrfValid(const Request& request, const Identity& identity) const {
  if (identity.bearer) return true;
  if (identity.csrf_token.empty() || !identity.new_presession.empty()) return false;
  const auto sent = CsrfSent(request);
  return sent && ConstantTimeEqual(*sent, identity.csrf_token);
}

SignInResult Auth::SignIn(std::string_view email, std::string_view password,
                          const Request& request) {
  SignInResult result;
  const auto normalised = NormaliseEmail(email);
  const std::string account =
      normalised ? *normalised : std::string(email.substr(0, kMaxEmailLength));
  const std::int64_t now = clock_.NowUnixSeconds();
  result.retry_after = RetryAfter(account, request.client_address, now);
  if (result.retry_after > 0) {
    result.status = SignInStatus::kThrottled;
    return result;
  }
  std::optional<StoredUser> stored;
  if (normalised) {
    auto found = store_.WithStore([&](store::Store& s) { return s.FindUser(*normalised); });
    if (found) stored = std::move(*found);
  }
  bool ok = false;
  if (password.size() <= kMaxPasswordLength) {
    if (stored) {
      ok = VerifyPassword(stored->password_hash, password) && !stored->user.disabled &&
           !LocalSignInOff(stored->user.organisation);
    } else {
      VerifyAgainstDummy(password, options_.password_cost);
    }
  }
  if (!ok) {
    const SignInFailure failure{account, request.client_address, now};
    const std::int64_t forget_before = now - options_.throttle.window_seconds;
    (void)store_.WithStore(  // not kept: the refusal below is audited all the same
        [&](store::Store& s) { return s.RecordSignInFailure(failure, forget_before); });
    AuditEntry entry = Audit(request, "public", "sign-in.refused");
    entry.entity = "user";
    entry.entity_id = account;
    (void)store_.WithStore([&](store::Store& s) { return s.AppendAudit(entry); });
    return result;
  }
  (void)store_.WithStore([&](store::Store& s) {  // kept failures only slow this account down
    return s.ForgetSignInFailures(account, request.client_address);
  });
  auto token = StartSession(stored->user, request);
  if (!token) return result;
  result.status = SignInStatus::kSignedIn;
  result.session_token = std::move(*token);
  result.principal = PrincipalOf(stored->user);
  return result;
}

Result<std::string> Auth::StartSession(const User& user, const Request& request) {
  const std::int64_t now = clock_.NowUnixSeconds();
  std::string token = RandomToken();
  const Session session{TokenDigest(token, kSessionPurpose), user.id, now, now};
  WAYMARK_TRY(store_.WithStore([&](store::Store& s) -> Status {
    if (!request.session_digest.empty()) {
      WAYMARK_TRY(s.EndSession(request.session_digest,
                               Audit(request, request.principal.AuditName(), "session.end")));
    }
    return s.CreateSession(session, Audit(request, user.email, "session.create"));
  }));
  return token;
}

bool Auth::LocalSignInOff(std::string_view organisation) {
  const auto off = [&](const std::string& key) {
    auto value = store_.WithStore([&](store::Store& s) { return s.GetSetting(key); });
    return value && *value == "off";
  };
  return off(LocalSignInSettingKey("")) ||
         (!organisation.empty() && off(LocalSignInSettingKey(organisation)));
}

void Auth::SignOut(const Request& request) {
  if (request.session_digest.empty()) return;
  (void)store_.WithStore([&](store::Store& s) {
    return s.EndSession(request.session_digest,
                        Audit(request, request.principal.AuditName(), "session.end"));
  });
}

std::string Auth::SessionCookie(std::string_view token) const {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                       "; Path=/; Max-Age=" + std::to_string(options_.absolute_seconds) +
                       "; HttpOnly; SameSite=Lax";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::string Auth::ClearedSessionCookie() const {
  std::string cookie = std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::string Auth::PresessionCookie(std::string_view token) const {
  std::string cookie = std::string(kPresessionCookie) + "=" + std::string(token) +
                       "; Path=/; HttpOnly; SameSite=Lax";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::string Auth::PathCookie(std::string_view name, std::string_view value, std::string_view path,
                             std::int64_t max_age) const {
  std::string cookie = std::string(name) + "=" + std::string(value) +
                       "; Path=" + std::string(path) + "; Max-Age=" + std::to_string(max_age) +
                       "; HttpOnly; SameSite=Lax";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace waymark::web
