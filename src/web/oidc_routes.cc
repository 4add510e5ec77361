// The start and the callback of a sign-in through an identity provider.
#include "web/oidc_routes.h"

#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/identity_provider.h"
#include "core/secrets.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

constexpr std::string_view kBindingCookie = "waymark_oidc";
constexpr std::string_view kBindingPath = "/sign-in/oidc/";
constexpr std::string_view kStatePurpose = "oidc-state";
constexpr std::string_view kBrowserPurpose = "oidc-browser";
constexpr std::string_view kProviderEntity = "identity-provider";

struct OidcRoutes {
  Auth& auth;
  PlanSource& plans;
  OidcClient& client;
  const OidcOptions& options;

  Response Start(const Request& request);
  Response Callback(const Request& request);

 private:
  Result<IdentityProvider> EnabledProvider(const std::string& name);
  Result<std::string> RedirectUri(const Request& request, const std::string& name) const;
  // The refusal page, with the reason audited; the binding cookie is cleared once the
  // started sign-in is used up (`ended`), not for a callback that matched none.
  Response Refuse(const Request& request, std::string_view reason, std::string_view email = {},
                  bool ended = true);
  // Signs in (or first creates) the person the provider vouched for.
  Response Finish(const Request& request, const IdentityProvider& provider,
                  const IdTokenClaims& claims, const OidcLogin& login);
};

Result<IdentityProvider> OidcRoutes::EnabledProvider(const std::string& name) {
  auto provider = plans.WithStore([&](store::Store& s) { return s.FindIdentityProvider(name); });
  if (provider && provider->disabled) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("the identity provider {} is disabled", name));
  }
  return provider;
}

// The host of a loopback Host header ("127.0.0.1:8080", "localhost", "[::1]:80"), if it is one.
bool IsLoopbackHost(std::string_view host) {
  return IsLoopbackUrl("http://" + std::string(host) + "/") &&
         host.find_first_of("/@ \t") == std::string_view::npos;
}

Result<std::string> OidcRoutes::RedirectUri(const Request& request, const std::string& name) const {
  const std::string path = fmt::format("/sign-in/oidc/{}/callback", name);
  if (!options.public_url.empty()) {
    std::string base = options.public_url;
    while (base.ends_with('/')) base.pop_back();
    return base + path;
  }
  const std::string host = request.Header("Host").value_or("");
  if (!IsLoopbackHost(host)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the site's public URL is not set ('waymark serve --public-url URL'), so "
                     "a redirect URI can be made only for a loopback address");
  }
  return "http://" + host + path;
}

Response OidcRoutes::Refuse(const Request& request, std::string_view reason, std::string_view email,
                            bool ended) {
  AuditEntry entry = RequestAudit(request, auth.clock(), "sign-in.refused", "public");
  entry.entity = std::string(kProviderEntity);
  entry.entity_id = request.Param("provider");
  nlohmann::ordered_json after;
  after["reason"] = reason;
  if (!email.empty()) after["email"] = email;
  entry.after = after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  (void)plans.WithStore([&](store::Store& s) { return s.AppendAudit(entry); });
  Response res = Response::Html(403, report::RenderProviderRefusedPage());
  if (ended) res.Add("Set-Cookie", auth.PathCookie(kBindingCookie, "", kBindingPath, 0));
  return res;
}

Response OidcRoutes::Start(const Request& request) {
  const std::string& name = request.Param("provider");
  auto provider = EnabledProvider(name);
  if (!provider) return Fail(request, 404, "there is no such way to sign in");
  const auto form = ParseForm(request.body);
  const std::string next = LocalPath(form ? FormValue(*form, "next") : "/");
  auto redirect_uri = RedirectUri(request, name);
  if (!redirect_uri) return Refuse(request, redirect_uri.error().message);
  const AuthorizationParams params{*redirect_uri, RandomToken(), RandomToken(), RandomToken()};
  auto url = client.AuthorizationUrl(*provider, params);
  if (!url) return Refuse(request, url.error().message);
  const std::string binding = RandomToken();
  const std::int64_t now = auth.clock().NowUnixSeconds();
  const OidcLogin login{TokenDigest(params.state, kStatePurpose),
                        name,
                        TokenDigest(binding, kBrowserPurpose),
                        params.nonce,
                        params.code_verifier,
                        next,
                        now};
  auto kept = plans.WithStore(
      [&](store::Store& s) { return s.BeginOidcLogin(login, now - kOidcLoginSeconds); });
  if (!kept) return Fail(request, 500, "the sign-in could not be started");
  Response res = SeeOther(*url);
  res.Add("Set-Cookie", auth.PathCookie(kBindingCookie, binding, kBindingPath, kOidcLoginSeconds));
  return res;
}

Response OidcRoutes::Callback(const Request& request) {
  const std::string& name = request.Param("provider");
  const auto state = request.Query("state");
  if (!state || state->empty()) {
    return Refuse(request, "the provider came back without a state", {}, false);
  }
  auto login = plans.WithStore(
      [&](store::Store& s) { return s.TakeOidcLogin(TokenDigest(*state, kStatePurpose)); });
  if (!login) return Refuse(request, "the state is unknown, used already or expired", {}, false);
  if (login->provider != name) {
    return Refuse(request,
                  fmt::format("the state belongs to a sign-in through {}", login->provider));
  }
  const auto cookies = request.Header("Cookie");
  const auto binding = cookies ? CookieValue(*cookies, kBindingCookie) : std::nullopt;
  if (!binding ||
      !ConstantTimeEqual(TokenDigest(*binding, kBrowserPurpose), login->browser_digest)) {
    return Refuse(request, "the browser that came back is not the one that started the sign-in");
  }
  if (auth.clock().NowUnixSeconds() - login->created_at > kOidcLoginSeconds) {
    return Refuse(request, "the sign-in took longer than ten minutes at the provider");
  }
  if (const auto error = request.Query("error")) {
    return Refuse(request,
                  fmt::format("the provider answered {}: {}", error->substr(0, 100),
                              request.Query("error_description").value_or("").substr(0, 300)));
  }
  const auto code = request.Query("code");
  if (!code || code->empty()) return Refuse(request, "the provider came back without a code");
  auto provider = EnabledProvider(name);
  if (!provider) return Refuse(request, provider.error().message);
  if (options.secret_key.empty()) {
    return Refuse(request,
                  "no site secret key is configured (WAYMARK_SECRET_KEY), so the "
                  "client secret cannot be opened");
  }
  auto secret = OpenSecret(options.secret_key, provider->sealed_secret);
  if (!secret) return Refuse(request, secret.error().message);
  auto redirect_uri = RedirectUri(request, name);
  if (!redirect_uri) return Refuse(request, redirect_uri.error().message);
  auto claims = client.Exchange(
      *provider, {*code, *redirect_uri, login->code_verifier, login->nonce, *secret});
  if (!claims) return Refuse(request, claims.error().message);
  return Finish(request, *provider, *claims, *login);
}

Response OidcRoutes::Finish(const Request& request, const IdentityProvider& provider,
                            const IdTokenClaims& claims, const OidcLogin& login) {
  auto email = NormaliseEmail(claims.email);
  if (!claims.email.empty() && !email) {
    return Refuse(request,
                  fmt::format("the provider's email '{}' is not usable: {}",
                              claims.email.substr(0, kMaxEmailLength), email.error().message));
  }
  const std::string address = email ? *email : "";
  std::optional<User> user;
  if (!address.empty()) {
    auto found = plans.WithStore([&](store::Store& s) { return s.FindUser(address); });
    if (found) {
      user = found->user;
    } else if (found.error().code != ErrorCode::kNotFound) {
      return Fail(request, 500, "the account could not be read");
    }
  }
  const OidcDecision decision = DecideOidcSignIn(provider, {address, claims.email_verified}, user);
  if (decision.outcome == OidcOutcome::kRefuse) return Refuse(request, decision.reason, address);
  if (decision.outcome == OidcOutcome::kProvision) {
    const AuditEntry audit =
        RequestAudit(request, auth.clock(), "user.provision", "idp:" + provider.name);
    auto created = plans.WithStore([&](store::Store& s) {
      return s.CreateUser(ProvisionedUser(provider, address, claims.name), "", audit);
    });
    if (!created) return Refuse(request, created.error().message, address);
    user = *created;
  }
  auto token = auth.StartSession(*user, request);
  if (!token) return Fail(request, 500, "the session could not be started");
  Response res = SeeOther(login.next);
  res.Add("Set-Cookie", auth.SessionCookie(*token));
  res.Add("Set-Cookie", auth.PathCookie(kBindingCookie, "", kBindingPath, 0));
  return res;
}

}  // namespace

std::vector<std::string> FillSignInChoices(PlanSource& plans, Auth& auth, OidcClient& client,
                                           report::SignInForm& form) {
  std::vector<std::string> origins;
  auto providers = plans.WithStore([](store::Store& s) { return s.ListIdentityProviders(); });
  if (providers) {
    for (const IdentityProvider& p : *providers) {
      if (p.disabled) continue;
      form.providers.push_back(p.name);
      for (std::string& origin : client.FormOrigins(p)) origins.push_back(std::move(origin));
    }
  }
  form.local = !auth.LocalSignInOff("");
  return origins;
}

void AddOidcRoutes(Router& router, Auth& auth, PlanSource& plans, OidcClient& client,
                   const OidcOptions& options) {
  auto routes = std::make_shared<OidcRoutes>(OidcRoutes{auth, plans, client, options});
  router.Add("POST", "/sign-in/oidc/{provider}", Permission::kPublic,
             [routes](const Request& r) { return routes->Start(r); });
  router.Add("GET", "/sign-in/oidc/{provider}/callback", Permission::kPublic,
             [routes](const Request& r) { return routes->Callback(r); });
}

}  // namespace waymark::web
