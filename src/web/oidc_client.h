// The relying party's side of OpenID Connect's authorization code flow (OpenID Connect Core
// 1.0 §3.1, with PKCE, RFC 7636): the provider's discovery document and signing keys, cached
// per issuer (the keys fetched again when a token names a key not yet seen: rotation), the
// authorization request's URL, and the code's exchange for an ID token that is checked
// (core/oidc_token.h) before anything of it is used.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/identity_provider.h"
#include "core/oidc_token.h"
#include "web/http_client.h"

namespace waymark::web {

// The endpoints of a provider's discovery document (OpenID Connect Discovery 1.0 §3).
struct OidcEndpoints {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string userinfo_endpoint;  // "" when the provider has none
};

// The endpoints of a discovery document; its issuer must be `expected_issuer` exactly (§4.3)
// and every endpoint a usable URL (https, or http on loopback).
Result<OidcEndpoints> ParseDiscovery(std::string_view json, std::string_view expected_issuer);

// What the authorization request carries besides the provider's own fields.
struct AuthorizationParams {
  std::string redirect_uri;
  std::string state;
  std::string nonce;
  std::string code_verifier;  // sent as its S256 challenge
};

// What the callback brought back, with the started sign-in's secrets.
struct CodeExchange {
  std::string code;
  std::string redirect_uri;
  std::string code_verifier;
  std::string nonce;
  std::string client_secret;
};

class OidcClient {
 public:
  OidcClient(Fetcher fetch, const Clock& clock);

  // The provider's authorization endpoint with the request's parameters.
  Result<std::string> AuthorizationUrl(const IdentityProvider& provider,
                                       const AuthorizationParams& params);
  // Where a sign-in through `provider` sends the browser: the origins of its issuer and of its
  // authorization endpoint when the discovery document is cached (nothing is fetched).
  std::vector<std::string> FormOrigins(const IdentityProvider& provider);
  // Exchanges the code (client_secret_basic), checks the ID token's signature and claims, and
  // when the ID token has no email asks the userinfo endpoint (whose `sub` must match). The
  // error says which step or check failed, for the audit log.
  Result<IdTokenClaims> Exchange(const IdentityProvider& provider, const CodeExchange& exchange);

 private:
  struct Cached {
    OidcEndpoints endpoints;
    std::int64_t endpoints_at = 0;
    std::shared_ptr<const JwkSet> keys;
    std::int64_t keys_at = 0;
    std::set<std::string> missed_kids;  // asked for and not found at the last fetch
  };
  Result<OidcEndpoints> Endpoints(const IdentityProvider& provider);
  // The cached keys, fetched when there are none or they are old; or fetched again for a key
  // id not seen (`unknown_kid`, rotation) unless the last fetch looked for it already and is
  // recent, so that one unknown key id cannot make every sign-in fetch.
  Result<std::shared_ptr<const JwkSet>> Keys(const IdentityProvider& provider,
                                             const OidcEndpoints& endpoints,
                                             const std::string* unknown_kid);
  Result<std::string> FetchJson(const FetchRequest& request, std::string_view what);
  Result<IdTokenClaims> CheckIdToken(const IdentityProvider& provider,
                                     const OidcEndpoints& endpoints, std::string_view id_token,
                                     std::string_view nonce);
  Status AddUserinfo(const OidcEndpoints& endpoints, std::string_view access_token,
                     IdTokenClaims& claims);

  Fetcher fetch_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, Cached> cache_;  // by issuer
};

}  // namespace waymark::web
