// Identity providers: the OpenID Connect providers whose users sign in to Waymark (a council's
// Microsoft Entra ID, an NHS trust's provider), and the rules that decide what a provider's
// answer lets a person do. Plain values and pure rules with no I/O; the flow itself is in
// web/oidc_routes, the ID token's checks in core/oidc_token.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/result.h"

namespace waymark {

struct IdentityProvider {
  std::string name;       // 1-40 of a-z, 0-9 and '-'; in the callback's path
  std::string issuer;     // the issuer URL, exactly as the discovery document says it
  std::string client_id;  // Waymark's client at the provider
  // The client secret sealed with the site's secret key (core/secrets.h SealSecret): a copy of
  // the database does not give the secret away.
  std::string sealed_secret;
  std::string organisation;                // the partner id new users get; "" for none
  std::vector<std::string> email_domains;  // whose emails it may vouch for; empty: any
  std::string scopes = "openid email profile";
  bool provision = false;  // creates a user at the first sign-in of an unknown email
  bool disabled = false;
  std::string created_at;  // ISO 8601 UTC
  bool operator==(const IdentityProvider&) const = default;
};

// A sign-in that has gone to the provider and not come back: known by the digest of its
// `state`, bound to the browser that started it by the digest of a cookie, single use.
struct OidcLogin {
  std::string state_digest;
  std::string provider;
  std::string browser_digest;
  std::string nonce;
  std::string code_verifier;
  std::string next;             // where to go once signed in (a local path)
  std::int64_t created_at = 0;  // Unix seconds
};

// How long a started sign-in may take at the provider.
inline constexpr std::int64_t kOidcLoginSeconds = 600;

// Checks of the `idp add` fields; the Status names the field.
Status CheckProviderName(std::string_view name);
// https://HOST[:PORT][/PATH], or http:// for a loopback host (127.0.0.1, [::1], localhost)
// only: tests run their provider on loopback.
Status CheckIssuerUrl(std::string_view url);
// A domain of email addresses (lower case, at least one dot, letters, digits, '-' and '.').
Result<std::string> NormaliseEmailDomain(std::string_view domain);
// Scopes separated by spaces, including "openid".
Status CheckScopes(std::string_view scopes);

// True when the host of `url` is a loopback name or address.
bool IsLoopbackUrl(std::string_view url);

// The provider's email domains separated by spaces, as stored and listed.
std::string EmailDomainsText(const IdentityProvider& provider);

// The part of `email` after its '@' (lower case), "" when there is none.
std::string EmailDomain(std::string_view email);

// What a provider's verified answer lets a person do.
enum class OidcOutcome {
  kSignIn,     // sign in as the matched user
  kProvision,  // create the user (partner of the provider's organisation), then sign in
  kRefuse,     // refuse; `reason` says why (for the audit log, never for the browser)
};

struct OidcDecision {
  OidcOutcome outcome = OidcOutcome::kRefuse;
  std::string reason;
};

// The person the provider vouched for: their email, whether the provider verified it.
struct VouchedEmail {
  std::string email;  // as the provider sent it
  bool verified = false;
};

// The rules: the email must be verified and in the provider's domains (when it has any); an
// existing user is signed in unless disabled; an unknown email is provisioned only when the
// provider may provision and has an organisation and email domains.
OidcDecision DecideOidcSignIn(const IdentityProvider& provider, const VouchedEmail& vouched,
                              const std::optional<User>& user);

// The user a provisioning sign-in creates: a partner of the provider's organisation, named
// `name` (the email's local part when the provider gave none or an unusable one).
User ProvisionedUser(const IdentityProvider& provider, std::string_view email,
                     std::string_view name);

// The settings that switch password sign-in off: for the whole site, or for one organisation's
// users (kLocalSignInSetting + ":" + organisation), with the value "off".
inline constexpr std::string_view kLocalSignInSetting = "local-sign-in";
std::string LocalSignInSettingKey(std::string_view organisation);

}  // namespace waymark
