// Discovery, keys, the authorization URL and the code exchange of OidcClient.
#include "web/oidc_client.h"

#include <sodium.h>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/layout.h"

namespace waymark::web {
namespace {

constexpr std::int64_t kEndpointsSeconds = std::int64_t{60} * 60;  // discovery kept an hour
constexpr std::int64_t kKeysSeconds = std::int64_t{60} * 60;       // keys kept an hour
constexpr std::int64_t kKeysRefetchGapSeconds = 30;                // see Keys()

tl::unexpected<Error> Refused(std::string message) {
  return MakeError(ErrorCode::kPermissionDenied, std::move(message));
}

// A string member of a JSON object, "" when absent or not a string.
std::string StringOf(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

FetchRequest GetOf(std::string url) {
  FetchRequest request;
  request.url = std::move(url);
  return request;
}

// True for a member that is JSON true, or the text "true" or "1" (some providers send those).
bool IsTrue(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  return it->is_string() && (*it == "true" || *it == "1");
}

Result<nlohmann::json> ParseObject(std::string_view text, std::string_view what) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return MakeError(ErrorCode::kParse, fmt::format("the {} is not a JSON object", what));
  }
  return json;
}

// Standard base64 (RFC 4648 §4), for the Basic authorization header.
std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded, then base64.
std::string BasicAuthorization(std::string_view client_id, std::string_view secret) {
  return "Basic " + Base64(report::UrlEncode(client_id) + ":" + report::UrlEncode(secret));
}

std::string FormBody(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += std::string(name) + "=" + report::UrlEncode(value);
  }
  return body;
}

}  // namespace

Result<OidcEndpoints> ParseDiscovery(std::string_view json, std::string_view expected_issuer) {
  WAYMARK_ASSIGN_OR_RETURN(nlohmann::json doc, ParseObject(json, "discovery document"));
  OidcEndpoints e{StringOf(doc, "issuer"), StringOf(doc, "authorization_endpoint"),
                  StringOf(doc, "token_endpoint"), StringOf(doc, "jwks_uri"),
                  StringOf(doc, "userinfo_endpoint")};
  if (e.issuer != expected_issuer) {
    return Refused(fmt::format("the discovery document names the issuer '{}', not '{}'", e.issuer,
                               expected_issuer));
  }
  for (const auto& [name, url] :
       {std::pair{"authorization_endpoint", e.authorization_endpoint},
        std::pair{"token_endpoint", e.token_endpoint}, std::pair{"jwks_uri", e.jwks_uri}}) {
    if (url.empty()) {
      return MakeError(ErrorCode::kParse, fmt::format("the discovery document has no {}", name));
    }
    if (auto ok = ParseHttpUrl(url); !ok) {
      return MakeError(ErrorCode::kParse,
                       fmt::format("the discovery document's {}: {}", name, ok.error().message));
    }
  }
  if (!e.userinfo_endpoint.empty() && !ParseHttpUrl(e.userinfo_endpoint))
    e.userinfo_endpoint.clear();
  return e;
}

OidcClient::OidcClient(Fetcher fetch, const Clock& clock)
    : fetch_(std::move(fetch)), clock_(clock) {}

Result<std::string> OidcClient::FetchJson(const FetchRequest& request, std::string_view what) {
  WAYMARK_ASSIGN_OR_RETURN(FetchReply reply, fetch_(request));
  if (reply.status != 200) {
    std::string detail;
    if (auto body = ParseObject(reply.body, what)) {
      detail = StringOf(*body, "error");
      const std::string description = StringOf(*body, "error_description");
      if (!description.empty()) detail += ": " + description;
    }
    return MakeError(ErrorCode::kIo, fmt::format("the {} answered HTTP {}{}{}", what, reply.status,
                                                 detail.empty() ? "" : " ", detail));
  }
  return std::move(reply.body);
}

Result<OidcEndpoints> OidcClient::Endpoints(const IdentityProvider& provider) {
  const std::int64_t now = clock_.NowUnixSeconds();
  {
    std::lock_guard lock(mu_);
    const auto it = cache_.find(provider.issuer);
    if (it != cache_.end() && now - it->second.endpoints_at < kEndpointsSeconds)
      return it->second.endpoints;
  }
  std::string url = provider.issuer;
  if (!url.ends_with('/')) url += '/';
  url += ".well-known/openid-configuration";
  WAYMARK_ASSIGN_OR_RETURN(std::string body, FetchJson(GetOf(url), "discovery document"));
  WAYMARK_ASSIGN_OR_RETURN(OidcEndpoints endpoints, ParseDiscovery(body, provider.issuer));
  std::lock_guard lock(mu_);
  Cached& cached = cache_[provider.issuer];
  cached.endpoints = endpoints;
  cached.endpoints_at = now;
  return endpoints;
}

Result<std::shared_ptr<const JwkSet>> OidcClient::Keys(const IdentityProvider& provider,
                                                       const OidcEndpoints& endpoints,
                                                       const std::string* unknown_kid) {
  const std::int64_t now = clock_.NowUnixSeconds();
  {
    std::lock_guard lock(mu_);
    const Cached& cached = cache_[provider.issuer];
    const bool fresh = cached.keys && now - cached.keys_at < kKeysSeconds;
    const bool may_refetch = now - cached.keys_at >= kKeysRefetchGapSeconds ||
                             (unknown_kid != nullptr && !cached.missed_kids.contains(*unknown_kid));
    if (fresh && (unknown_kid == nullptr || !may_refetch)) return cached.keys;
  }
  WAYMARK_ASSIGN_OR_RETURN(std::string body, FetchJson(GetOf(endpoints.jwks_uri), "key set"));
  WAYMARK_ASSIGN_OR_RETURN(JwkSet parsed, JwkSet::Parse(body));
  auto keys = std::make_shared<const JwkSet>(std::move(parsed));
  std::lock_guard lock(mu_);
  Cached& cached = cache_[provider.issuer];
  cached.keys = keys;
  cached.keys_at = now;
  cached.missed_kids.clear();
  if (unknown_kid != nullptr && !keys->HasKey(*unknown_kid))
    cached.missed_kids.insert(*unknown_kid);
  return keys;
}

std::vector<std::string> OidcClient::FormOrigins(const IdentityProvider& provider) {
  std::vector<std::string> origins;
  const auto add = [&origins](const std::string& url) {
    std::string origin = UrlOrigin(url);
    if (!origin.empty() && std::find(origins.begin(), origins.end(), origin) == origins.end())
      origins.push_back(std::move(origin));
  };
  add(provider.issuer);
  std::lock_guard lock(mu_);
  const auto it = cache_.find(provider.issuer);
  if (it != cache_.end()) add(it->second.endpoints.authorization_endpoint);
  return origins;
}

Result<std::string> OidcClient::AuthorizationUrl(const IdentityProvider& provider,
                                                 const AuthorizationParams& params) {
  WAYMARK_ASSIGN_OR_RETURN(OidcEndpoints endpoints, Endpoints(provider));
  const std::string_view sep =
      endpoints.authorization_endpoint.find('?') == std::string::npos ? "?" : "&";
  return endpoints.authorization_endpoint + std::string(sep) +
         FormBody({{"response_type", "code"},
                   {"client_id", provider.client_id},
                   {"redirect_uri", params.redirect_uri},
                   {"scope", provider.scopes},
                   {"state", params.state},
                   {"nonce", params.nonce},
                   {"code_challenge", PkceChallenge(params.code_verifier)},
                   {"code_challenge_method", "S256"}});
}

Result<IdTokenClaims> OidcClient::CheckIdToken(const IdentityProvider& provider,
                                               const OidcEndpoints& endpoints,
                                               std::string_view id_token, std::string_view nonce) {
  WAYMARK_ASSIGN_OR_RETURN(Jws jws, Jws::Parse(id_token));
  WAYMARK_ASSIGN_OR_RETURN(auto keys, Keys(provider, endpoints, nullptr));
  Status verified = VerifyJwsSignature(jws, *keys);
  if (!verified && verified.error().code == ErrorCode::kNotFound) {
    // A key not seen yet: the provider may have rotated its keys.
    WAYMARK_ASSIGN_OR_RETURN(keys, Keys(provider, endpoints, &jws.kid));
    verified = VerifyJwsSignature(jws, *keys);
  }
  WAYMARK_TRY(verified);
  IdTokenExpectations expect;
  expect.issuer = provider.issuer;
  expect.client_id = provider.client_id;
  expect.nonce = std::string(nonce);
  expect.now = clock_.NowUnixSeconds();
  WAYMARK_ASSIGN_OR_RETURN(IdTokenClaims claims, CheckIdTokenClaims(jws.payload, expect));
  // Microsoft Entra ID sends no email_verified; its optional claim xms_edov says that the
  // tenant owns the email's domain (docs/security.md).
  if (!claims.email_verified && IsTrue(jws.payload, "xms_edov")) claims.email_verified = true;
  return claims;
}

Status OidcClient::AddUserinfo(const OidcEndpoints& endpoints, std::string_view access_token,
                               IdTokenClaims& claims) {
  if (endpoints.userinfo_endpoint.empty() || access_token.empty()) return {};
  FetchRequest request = GetOf(endpoints.userinfo_endpoint);
  request.headers.emplace_back("Authorization", "Bearer " + std::string(access_token));
  WAYMARK_ASSIGN_OR_RETURN(std::string body, FetchJson(request, "userinfo endpoint"));
  WAYMARK_ASSIGN_OR_RETURN(nlohmann::json info, ParseObject(body, "userinfo answer"));
  // OpenID Connect Core §5.3.2: the answer is about the ID token's subject or is not used.
  if (StringOf(info, "sub") != claims.subject) {
    return Refused("the userinfo answer is about another subject than the ID token");
  }
  claims.email = StringOf(info, "email");
  claims.email_verified = IsTrue(info, "email_verified") || IsTrue(info, "xms_edov");
  if (claims.name.empty()) claims.name = StringOf(info, "name");
  return {};
}

Result<IdTokenClaims> OidcClient::Exchange(const IdentityProvider& provider,
                                           const CodeExchange& exchange) {
  WAYMARK_ASSIGN_OR_RETURN(OidcEndpoints endpoints, Endpoints(provider));
  FetchRequest request = GetOf(endpoints.token_endpoint);
  request.method = "POST";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("Authorization",
                               BasicAuthorization(provider.client_id, exchange.client_secret));
  request.body = FormBody({{"grant_type", "authorization_code"},
                           {"code", exchange.code},
                           {"redirect_uri", exchange.redirect_uri},
                           {"code_verifier", exchange.code_verifier}});
  WAYMARK_ASSIGN_OR_RETURN(std::string body, FetchJson(request, "token endpoint"));
  WAYMARK_ASSIGN_OR_RETURN(nlohmann::json tokens, ParseObject(body, "token answer"));
  const std::string id_token = StringOf(tokens, "id_token");
  if (id_token.empty()) return Refused("the token answer has no ID token");
  WAYMARK_ASSIGN_OR_RETURN(IdTokenClaims claims,
                           CheckIdToken(provider, endpoints, id_token, exchange.nonce));
  if (claims.email.empty()) {
    WAYMARK_TRY(AddUserinfo(endpoints, StringOf(tokens, "access_token"), claims));
  }
  return claims;
}

}  // namespace waymark::web
