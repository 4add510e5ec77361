// The identity providers' field checks and the sign-in decision rules.
#include "core/identity_provider.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

namespace waymark {
namespace {

constexpr std::size_t kMaxProviderName = 40;
constexpr std::size_t kMaxUrlLength = 2000;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

Status Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

// The host of an http(s) URL ("" when it has none); `rest` is set to what follows the scheme.
std::string UrlHost(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.find('@') != std::string_view::npos) return "";  // no user info
  if (rest.starts_with("[")) {
    const auto close = rest.find(']');
    return close == std::string_view::npos ? "" : std::string(rest.substr(0, close + 1));
  }
  return std::string(rest.substr(0, rest.find(':')));
}

}  // namespace

Status CheckProviderName(std::string_view name) {
  if (name.empty() || name.size() > kMaxProviderName ||
      !std::all_of(name.begin(), name.end(), [](char c) { return IsLowerAlnum(c) || c == '-'; }) ||
      name.front() == '-') {
    return Invalid(
        fmt::format("name: '{}' must be 1-40 of a-z, 0-9 and '-', not starting with '-'", name));
  }
  return {};
}

bool IsLoopbackUrl(std::string_view url) {
  const std::string host = UrlHost(url);
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

Status CheckIssuerUrl(std::string_view url) {
  if (url.empty() || url.size() > kMaxUrlLength) return Invalid("issuer: give the issuer's URL");
  const bool bad_char = std::any_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u >= 0x7F || c == '#' || c == '?';
  });
  if (bad_char) {
    return Invalid(
        fmt::format("issuer: '{}' must be a URL without spaces, query or fragment", url));
  }
  const bool https = url.starts_with("https://");
  if (!https && !url.starts_with("http://")) {
    return Invalid(fmt::format("issuer: '{}' must start with https://", url));
  }
  if (UrlHost(url).empty()) return Invalid(fmt::format("issuer: '{}' has no host", url));
  if (!https && !IsLoopbackUrl(url)) {
    return Invalid(fmt::format(
        "issuer: '{}' must use https:// (plain http:// is accepted for loopback hosts only)", url));
  }
  return {};
}

Result<std::string> NormaliseEmailDomain(std::string_view domain) {
  std::string out(domain);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool chars_ok = std::all_of(out.begin(), out.end(),
                                    [](char c) { return IsLowerAlnum(c) || c == '-' || c == '.'; });
  if (out.empty() || out.size() > 253 || !chars_ok || out.find('.') == std::string::npos ||
      out.front() == '.' || out.back() == '.' || out.find("..") != std::string::npos) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("email-domain: '{}' is not a domain such as barnet.gov.uk", domain));
  }
  return out;
}

Status CheckScopes(std::string_view scopes) {
  bool has_openid = false;
  std::size_t start = 0;
  while (start <= scopes.size()) {
    const auto end = std::min(scopes.find(' ', start), scopes.size());
    const std::string_view scope = scopes.substr(start, end - start);
    if (scope == "openid") has_openid = true;
    const bool ok = std::all_of(scope.begin(), scope.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u > 0x20 && u < 0x7F && c != '"' && c != '\\';
    });
    if (!ok) return Invalid(fmt::format("scopes: '{}' is not a valid scope", scope));
    start = end + 1;
  }
  if (!has_openid) return Invalid("scopes: must include 'openid'");
  return {};
}

std::string EmailDomainsText(const IdentityProvider& provider) {
  std::string out;
  for (const auto& d : provider.email_domains) {
    if (!out.empty()) out += ' ';
    out += d;
  }
  return out;
}

std::string EmailDomain(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return "";
  std::string domain(email.substr(at + 1));
  std::transform(domain.begin(), domain.end(), domain.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return domain;
}

OidcDecision DecideOidcSignIn(const IdentityProvider& provider, const VouchedEmail& vouched,
                              const std::optional<User>& user) {
  if (vouched.email.empty()) return {OidcOutcome::kRefuse, "the provider gave no email"};
  if (!vouched.verified) {
    return {OidcOutcome::kRefuse, fmt::format("the provider has not verified {}", vouched.email)};
  }
  const std::string domain = EmailDomain(vouched.email);
  const auto& domains = provider.email_domains;
  if (!domains.empty() && std::find(domains.begin(), domains.end(), domain) == domains.end()) {
    return {OidcOutcome::kRefuse,
            fmt::format("{} is not in the provider's email domains", vouched.email)};
  }
  if (user) {
    if (user->disabled) {
      return {OidcOutcome::kRefuse, fmt::format("the user {} is disabled", user->email)};
    }
    return {OidcOutcome::kSignIn, ""};
  }
  if (!provider.provision || provider.organisation.empty() || domains.empty()) {
    return {OidcOutcome::kRefuse,
            fmt::format("no user has the email {} and the provider may not create users",
                        vouched.email)};
  }
  return {OidcOutcome::kProvision, ""};
}

User ProvisionedUser(const IdentityProvider& provider, std::string_view email,
                     std::string_view name) {
  User user;
  user.email = std::string(email);
  user.name = CheckDisplayName(name, "name") ? std::string(name)
                                             : std::string(email.substr(0, email.find('@')));
  user.organisation = provider.organisation;
  user.role = Role::kPartner;
  user.awaiting_review = provider.name;
  return user;
}

std::string LocalSignInSettingKey(std::string_view organisation) {
  if (organisation.empty()) return std::string(kLocalSignInSetting);
  return fmt::format("{}:{}", kLocalSignInSetting, organisation);
}

}  // namespace waymark
