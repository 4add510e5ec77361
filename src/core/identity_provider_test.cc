// Identity providers' field checks, the sign-in decision rules and the sealing of their
// client secrets.
#include "core/identity_provider.h"

#include <gtest/gtest.h>

#include "core/secrets.h"

namespace waymark {
namespace {

TEST(ProviderName, LowerCaseLettersDigitsAndHyphens) {
  EXPECT_TRUE(CheckProviderName("barnet-entra").has_value());
  EXPECT_TRUE(CheckProviderName(std::string(40, 'a')).has_value());
  for (std::string_view bad : {"", "Barnet", "barnet entra", "-barnet", "a/b", "a.b"}) {
    EXPECT_FALSE(CheckProviderName(bad).has_value()) << bad;
  }
  EXPECT_FALSE(CheckProviderName(std::string(41, 'a')).has_value());
}

TEST(IssuerUrl, HttpsOrLoopbackHttpOnly) {
  EXPECT_TRUE(CheckIssuerUrl("https://login.microsoftonline.com/tenant-id/v2.0").has_value());
  EXPECT_TRUE(CheckIssuerUrl("http://127.0.0.1:4000").has_value());
  EXPECT_TRUE(CheckIssuerUrl("http://localhost:4000/").has_value());
  EXPECT_TRUE(CheckIssuerUrl("http://[::1]:4000").has_value());
  const auto plain = CheckIssuerUrl("http://idp.barnet.gov.uk");
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().message,
            "issuer: 'http://idp.barnet.gov.uk' must use https:// (plain http:// is accepted for "
            "loopback hosts only)");
  // A loopback name in the user info or path does not make a host loopback.
  EXPECT_FALSE(CheckIssuerUrl("http://127.0.0.1@evil.example").has_value());
  EXPECT_FALSE(CheckIssuerUrl("http://evil.example/127.0.0.1").has_value());
  EXPECT_FALSE(CheckIssuerUrl("http://127.0.0.1.evil.example").has_value());
  for (std::string_view bad : {"", "ftp://x.example", "https://", "https://a b.example",
                               "https://x.example/?q=1", "https://x.example/#f"}) {
    EXPECT_FALSE(CheckIssuerUrl(bad).has_value()) << bad;
  }
}

TEST(EmailDomain, NormalisedAndChecked) {
  EXPECT_EQ(NormaliseEmailDomain("Barnet.GOV.uk").value(), "barnet.gov.uk");
  for (std::string_view bad : {"", "localhost", ".barnet.gov.uk", "barnet..gov.uk",
                               "@barnet.gov.uk", "barnet.gov.uk.", "bar net.uk"}) {
    EXPECT_FALSE(NormaliseEmailDomain(bad).has_value()) << bad;
  }
  EXPECT_EQ(EmailDomain("Alice@Barnet.gov.uk"), "barnet.gov.uk");
  IdentityProvider p;
  EXPECT_EQ(EmailDomainsText(p), "");
  p.email_domains = {"barnet.gov.uk", "barnet.nhs.uk"};
  EXPECT_EQ(EmailDomainsText(p), "barnet.gov.uk barnet.nhs.uk");
  EXPECT_EQ(EmailDomain("no-at"), "");
}

TEST(Scopes, MustIncludeOpenid) {
  EXPECT_TRUE(CheckScopes("openid email profile").has_value());
  EXPECT_TRUE(CheckScopes("openid").has_value());
  EXPECT_EQ(CheckScopes("email profile").error().message, "scopes: must include 'openid'");
  EXPECT_FALSE(CheckScopes("openid \"x\"").has_value());
  EXPECT_FALSE(CheckScopes("openid\temail").has_value());
}

IdentityProvider Entra(bool provision) {
  IdentityProvider p;
  p.name = "barnet-entra";
  p.organisation = "lbb";
  p.email_domains = {"barnet.gov.uk"};
  p.provision = provision;
  return p;
}

User Alice(bool disabled = false) {
  User u;
  u.email = "alice@barnet.gov.uk";
  u.organisation = "lbb";
  u.disabled = disabled;
  return u;
}

TEST(OidcDecision, ExistingUserSignsInWithAVerifiedEmailOfTheDomains) {
  const auto d = DecideOidcSignIn(Entra(false), {"alice@barnet.gov.uk", true}, Alice());
  EXPECT_EQ(d.outcome, OidcOutcome::kSignIn);
  EXPECT_EQ(d.reason, "");
}

TEST(OidcDecision, RefusesUnverifiedMissingOrForeignEmails) {
  auto d = DecideOidcSignIn(Entra(true), {"alice@barnet.gov.uk", false}, Alice());
  EXPECT_EQ(d.outcome, OidcOutcome::kRefuse);
  EXPECT_EQ(d.reason, "the provider has not verified alice@barnet.gov.uk");
  d = DecideOidcSignIn(Entra(true), {"", true}, std::nullopt);
  EXPECT_EQ(d.reason, "the provider gave no email");
  // A provider vouches only for its own domains, even for an existing user.
  User other = Alice();
  other.email = "someone@example.org";
  d = DecideOidcSignIn(Entra(true), {"someone@example.org", true}, other);
  EXPECT_EQ(d.outcome, OidcOutcome::kRefuse);
  EXPECT_EQ(d.reason, "someone@example.org is not in the provider's email domains");
  // A provider without domains vouches for any email of an existing user.
  IdentityProvider open = Entra(false);
  open.email_domains.clear();
  EXPECT_EQ(DecideOidcSignIn(open, {"someone@example.org", true}, other).outcome,
            OidcOutcome::kSignIn);
}

TEST(OidcDecision, DisabledUsersAreRefusedWhateverTheProviderSays) {
  const auto d = DecideOidcSignIn(Entra(true), {"alice@barnet.gov.uk", true}, Alice(true));
  EXPECT_EQ(d.outcome, OidcOutcome::kRefuse);
  EXPECT_EQ(d.reason, "the user alice@barnet.gov.uk is disabled");
}

TEST(OidcDecision, UnknownEmailIsProvisionedOnlyWhenAllowed) {
  EXPECT_EQ(DecideOidcSignIn(Entra(true), {"new@barnet.gov.uk", true}, std::nullopt).outcome,
            OidcOutcome::kProvision);
  const auto no = DecideOidcSignIn(Entra(false), {"new@barnet.gov.uk", true}, std::nullopt);
  EXPECT_EQ(no.outcome, OidcOutcome::kRefuse);
  EXPECT_EQ(no.reason,
            "no user has the email new@barnet.gov.uk and the provider may not create users");
  IdentityProvider no_org = Entra(true);
  no_org.organisation.clear();
  EXPECT_EQ(DecideOidcSignIn(no_org, {"new@barnet.gov.uk", true}, std::nullopt).outcome,
            OidcOutcome::kRefuse);
}

TEST(OidcDecision, ProvisionedUserIsAPartnerAwaitingReview) {
  const User u = ProvisionedUser(Entra(true), "new@barnet.gov.uk", "Nadia New");
  EXPECT_EQ(u.email, "new@barnet.gov.uk");
  EXPECT_EQ(u.name, "Nadia New");
  EXPECT_EQ(u.organisation, "lbb");
  EXPECT_EQ(u.role, Role::kPartner);
  EXPECT_EQ(u.awaiting_review, "barnet-entra");
  EXPECT_FALSE(u.disabled);
  // An unusable name falls back to the email's local part.
  EXPECT_EQ(ProvisionedUser(Entra(true), "new@barnet.gov.uk", "").name, "new");
  EXPECT_EQ(ProvisionedUser(Entra(true), "new@barnet.gov.uk", "a\nb").name, "new");
}

TEST(LocalSignIn, SettingKeys) {
  EXPECT_EQ(LocalSignInSettingKey(""), "local-sign-in");
  EXPECT_EQ(LocalSignInSettingKey("met-police"), "local-sign-in:met-police");
}

TEST(SealedSecret, RoundTripsAndRefusesTheWrongKeyOrAChange) {
  const std::string key = ParseSecretKey(NewSecretKeyText()).value();
  ASSERT_EQ(key.size(), 32u);
  const std::string sealed = SealSecret(key, "client-secret-value");
  EXPECT_TRUE(sealed.starts_with("sb1:"));
  EXPECT_EQ(sealed.find("client-secret-value"), std::string::npos);
  EXPECT_NE(SealSecret(key, "client-secret-value"), sealed);  // a fresh nonce each time
  EXPECT_EQ(OpenSecret(key, sealed).value(), "client-secret-value");
  const std::string other = ParseSecretKey(NewSecretKeyText()).value();
  EXPECT_EQ(OpenSecret(other, sealed).error().code, ErrorCode::kPermissionDenied);
  std::string changed = sealed;
  changed.back() = changed.back() == '0' ? '1' : '0';
  EXPECT_EQ(OpenSecret(key, changed).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(OpenSecret(key, "plain-text").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenSecret(key, "sb1:zz").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenSecret(key, "sb1:00").error().code, ErrorCode::kInvalidArgument);
}

TEST(SecretKey, SixtyFourHexDigits) {
  const std::string hex(64, 'a');
  EXPECT_EQ(ParseSecretKey(hex).value(), std::string(32, '\xaa'));
  EXPECT_EQ(ParseSecretKey("  " + hex + "\n").value().size(), 32u);
  EXPECT_FALSE(ParseSecretKey(std::string(63, 'a')).has_value());
  EXPECT_FALSE(ParseSecretKey(std::string(66, 'a')).has_value());
  EXPECT_FALSE(ParseSecretKey(std::string(63, 'a') + "g").has_value());
  EXPECT_FALSE(ParseSecretKey("").has_value());
  EXPECT_EQ(NewSecretKeyText().size(), 64u);
  EXPECT_NE(NewSecretKeyText(), NewSecretKeyText());
}

}  // namespace
}  // namespace waymark
