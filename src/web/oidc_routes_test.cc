// Tests of sign-in through an identity provider without a network: the site's fetcher is a
// fake provider here (discovery, key set, token and userinfo endpoints) that signs its ID
// tokens with an EC P-256 key made in the test. The start's redirect (PKCE S256, state, nonce),
// the callback's checks (state once, the browser binding, ten minutes, the provider's error),
// the code exchange (Basic client authentication, the verifier), key rotation, userinfo, the
// redirect URI's host, password sign-in switched off, and the audit of every outcome.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/jws_test_signer.h"
#include "web/site_test_fixture.h"

namespace waymark::web::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kIssuer = "https://idp.example";
const std::string kSiteKey(32, 'k');
using Pkey = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// The query of a URL as a map (the first value of each name).
std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> out;
  const auto target = ParseTarget(url.substr(url.find('/', url.find("//") + 2)));
  if (target) {
    for (const auto& [k, v] : target->query) out.emplace(k, v);
  }
  return out;
}

// An OpenID provider answering the site's fetches.
class FakeProvider {
 public:
  Pkey key{EVP_EC_gen("P-256")};
  std::string kid = "k1";         // the published key's id
  std::string signing_kid;        // the id the tokens name, when not `kid`
  json claims;                    // the ID token's claims, before the test's changes
  json changes = json::object();  // merged into the claims
  bool email_in_token = true;
  std::string nonce;      // the nonce to put in the token (the test copies it from the start)
  std::string challenge;  // the code challenge the start sent
  int key_fetches = 0;
  int token_requests = 0;
  std::string authorization;  // the last token request's Authorization header
  bool down = false;

  Result<FetchReply> operator()(const FetchRequest& r) {
    if (down) return MakeError(ErrorCode::kIo, "connecting to idp.example:443 failed");
    const std::string base(kIssuer);
    if (r.url == base + "/.well-known/openid-configuration") {
      return Json({{"issuer", base},
                   {"authorization_endpoint", base + "/authorize"},
                   {"token_endpoint", base + "/token"},
                   {"jwks_uri", base + "/jwks"},
                   {"userinfo_endpoint", base + "/userinfo"}});
    }
    if (r.url == base + "/jwks") {
      ++key_fetches;
      return FetchReply{200, "application/json",
                        waymark::testing::KeySet({waymark::testing::EcJwk(key.get(), kid)})};
    }
    if (r.url == base + "/token") return Token(r);
    if (r.url == base + "/userinfo") {
      return Json({{"sub", "u-1"}, {"email", "alice@barnet.example"}, {"email_verified", true}});
    }
    return FetchReply{404, "text/plain", "not found"};
  }

 private:
  static FetchReply Json(const json& body) { return {200, "application/json", body.dump()}; }

  Result<FetchReply> Token(const FetchRequest& r) {
    ++token_requests;
    for (const auto& [name, value] : r.headers) {
      if (name == "Authorization") authorization = value;
    }
    const auto form = ParseForm(r.body);
    const auto verifier = form->find("code_verifier");
    if (form->find("code")->second != "good-code" || verifier == form->end() ||
        PkceChallenge(verifier->second) != challenge) {
      return FetchReply{400, "application/json", R"({"error":"invalid_grant"})"};
    }
    json payload = {{"iss", kIssuer}, {"aud", "waymark"}, {"sub", "u-1"},
                    {"nonce", nonce}, {"iat", kTestNow},  {"exp", kTestNow + 300}};
    if (email_in_token) {
      payload["email"] = "Analyst@Barnet.example";
      payload["email_verified"] = true;
      payload["name"] = "Test analyst";
    }
    payload.merge_patch(changes);
    const json header = {
        {"alg", "ES256"}, {"typ", "JWT"}, {"kid", signing_kid.empty() ? kid : signing_kid}};
    return Json({{"access_token", "at-1"},
                 {"token_type", "Bearer"},
                 {"id_token", waymark::testing::Signed(key.get(), header, payload)}});
  }
};

class OidcRoutesTest : public SiteFixture {
 protected:
  void Configure(SiteOptions& options) override {
    options.oidc.secret_key = kSiteKey;
    options.oidc.public_url = "https://waymark.example/";
    options.oidc.fetch = [this](const FetchRequest& r) { return (*provider_)(r); };
  }
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    IdentityProvider p;
    p.name = "entra";
    p.issuer = std::string(kIssuer);
    p.client_id = "waymark";
    p.sealed_secret = SealSecret(kSiteKey, "s3cret:1");
    p.email_domains = {"barnet.example"};
    ASSERT_TRUE(Db().AddIdentityProvider(p, TestAudit("idp.add")));
  }

  // Starts a sign-in through "entra" in `client`; returns the provider URL it is sent to.
  std::string Start(TestClient& client, const std::string& next = "/") {
    client.Get("/sign-in");
    const Response res = client.Post("/sign-in/oidc/entra", "next=" + next);
    EXPECT_EQ(res.status, 303);
    const std::string location = res.Get("Location").value_or("");
    const auto query = QueryOf(location);
    provider_->nonce = query.contains("nonce") ? query.at("nonce") : "";
    provider_->challenge = query.contains("code_challenge") ? query.at("code_challenge") : "";
    return location;
  }
  std::string StateOf(const std::string& location) { return QueryOf(location).at("state"); }
  Response Callback(TestClient& client, const std::string& state,
                    const std::string& code = "good-code") {
    return client.Get("/sign-in/oidc/entra/callback?code=" + code + "&state=" + state);
  }
  AuditEntry LastAudit(const std::string& action) {
    AuditFilter filter;
    filter.action = action;
    filter.limit = 1;
    auto entries = Db().ListAudit(filter);
    return entries && !entries->empty() ? entries->front() : AuditEntry{};
  }
  // The reason of the newest refusal.
  std::string RefusalReason() {
    const AuditEntry e = LastAudit("sign-in.refused");
    return e.after.empty() ? "" : json::parse(e.after).value("reason", "");
  }
  void ExpectRefused(const Response& res, const std::string& reason) {
    EXPECT_EQ(res.status, 403);
    EXPECT_NE(res.body.find("You could not be signed in"), std::string::npos);
    EXPECT_NE(RefusalReason().find(reason), std::string::npos) << RefusalReason();
    EXPECT_EQ(res.body.find(RefusalReason()), std::string::npos) << "the page must not say why";
  }

  std::unique_ptr<FakeProvider> provider_ = std::make_unique<FakeProvider>();
};

TEST_F(OidcRoutesTest, TheSignInPageOffersTheProviderBesideThePasswordForm) {
  TestClient client(*site_);
  const Response page = client.Get("/sign-in");
  EXPECT_NE(page.body.find("action=\"/sign-in/oidc/entra\""), std::string::npos);
  EXPECT_NE(page.body.find("Sign in with entra"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"password\""), std::string::npos);
  // The browser is sent on to the provider: the page's forms may lead there.
  EXPECT_NE(page.Get("Content-Security-Policy")
                .value_or("")
                .find("form-action 'self' https://idp.example"),
            std::string::npos);
}

TEST_F(OidcRoutesTest, StartSendsTheBrowserToTheProviderWithStateNonceAndPkce) {
  TestClient client(*site_);
  const std::string location = Start(client, "/cycles");
  EXPECT_TRUE(location.starts_with("https://idp.example/authorize?")) << location;
  const auto q = QueryOf(location);
  EXPECT_EQ(q.at("response_type"), "code");
  EXPECT_EQ(q.at("client_id"), "waymark");
  EXPECT_EQ(q.at("redirect_uri"), "https://waymark.example/sign-in/oidc/entra/callback");
  EXPECT_EQ(q.at("scope"), "openid email profile");
  EXPECT_EQ(q.at("code_challenge_method"), "S256");
  EXPECT_EQ(q.at("code_challenge").size(), 43u);
  EXPECT_GE(q.at("state").size(), 43u);
  EXPECT_GE(q.at("nonce").size(), 43u);
  EXPECT_NE(q.at("state"), q.at("nonce"));
  EXPECT_TRUE(client.Cookies().contains("waymark_oidc"));
}

TEST_F(OidcRoutesTest, StartNeedsTheFormsCsrfTokenAndAnEnabledProvider) {
  TestClient client(*site_);
  client.Get("/sign-in");
  EXPECT_EQ(client.Post("/sign-in/oidc/entra", "next=/", "wrong").status, 403);
  EXPECT_EQ(client.Post("/sign-in/oidc/nhs", "next=/").status, 404);
  ASSERT_TRUE(Db().SetIdentityProviderDisabled("entra", true, TestAudit("idp.disable")));
  EXPECT_EQ(client.Post("/sign-in/oidc/entra", "next=/").status, 404);
  EXPECT_EQ(client.Get("/sign-in").body.find("Sign in with entra"), std::string::npos);
}

TEST_F(OidcRoutesTest, AFullSignInLandsSignedInAndIsAudited) {
  TestClient client(*site_);
  const std::string location = Start(client, "/cycles");
  const Response res = Callback(client, StateOf(location));
  ASSERT_EQ(res.status, 303) << RefusalReason();
  EXPECT_EQ(res.Get("Location").value_or(""), "/cycles");
  EXPECT_TRUE(client.Cookies().contains("waymark_session"));
  EXPECT_FALSE(client.Cookies().contains("waymark_oidc"));
  // client_secret_basic: base64 of "waymark:s3cret%3A1" (the parts form-encoded first).
  EXPECT_EQ(provider_->authorization, "Basic d2F5bWFyazpzM2NyZXQlM0Ex");
  EXPECT_NE(client.Get("/").body.find("Test analyst"), std::string::npos);
  const AuditEntry entry = LastAudit("session.create");
  EXPECT_EQ(entry.actor, "analyst@barnet.example");
  EXPECT_NE(entry.via.find("/sign-in/oidc/entra/callback"), std::string::npos);
}

TEST_F(OidcRoutesTest, AReplayedCallbackIsRefused) {
  TestClient client(*site_);
  const std::string state = StateOf(Start(client));
  ASSERT_EQ(Callback(client, state).status, 303);
  TestClient other(*site_);
  ExpectRefused(Callback(other, state), "the state is unknown, used already or expired");
  EXPECT_EQ(provider_->token_requests, 1);
}

TEST_F(OidcRoutesTest, TheStateMustComeBackToTheBrowserThatStartedIt) {
  TestClient client(*site_);
  const std::string state = StateOf(Start(client));
  TestClient attacker(*site_);
  ExpectRefused(Callback(attacker, state), "not the one that started the sign-in");
  // The state was used up by the attempt: the real browser is refused too, and starts again.
  ExpectRefused(Callback(client, state), "the state is unknown");
  EXPECT_EQ(provider_->token_requests, 0);
}

TEST_F(OidcRoutesTest, MissingWrongOrOldStatesAreRefused) {
  TestClient client(*site_);
  ExpectRefused(client.Get("/sign-in/oidc/entra/callback?code=good-code"),
                "came back without a state");
  const std::string state = StateOf(Start(client));
  ExpectRefused(Callback(client, state + "x"), "the state is unknown");
  clock_.Advance(kOidcLoginSeconds + 1);
  ExpectRefused(Callback(client, state), "longer than ten minutes");
}

TEST_F(OidcRoutesTest, TheProvidersErrorAndABadCodeAreRefused) {
  TestClient client(*site_);
  std::string state = StateOf(Start(client));
  ExpectRefused(client.Get("/sign-in/oidc/entra/callback?error=access_denied&state=" + state),
                "the provider answered access_denied");
  state = StateOf(Start(client));
  ExpectRefused(Callback(client, state, "bad-code"), "answered HTTP 400 invalid_grant");
}

TEST_F(OidcRoutesTest, TheIdTokensClaimsAreChecked) {
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"exp", kTestNow - 200}}, "the ID token expired at"},
      {{{"aud", "someone-else"}}, "does not include client id"},
      {{{"iss", "https://other.example"}}, "is not the expected"},
      {{{"nonce", "another"}}, "nonce does not match"},
      {{{"email_verified", false}}, "has not verified analyst@barnet.example"},
      {{{"email", "someone@elsewhere.example"}}, "not in the provider's email domains"},
  };
  for (const auto& [changes, reason] : cases) {
    provider_->changes = changes;
    TestClient client(*site_);
    const std::string state = StateOf(Start(client));
    ExpectRefused(Callback(client, state), reason);
  }
}

TEST_F(OidcRoutesTest, ANewKeyIdIsFetchedOnceAndAKeyNotPublishedIsRefused) {
  TestClient client(*site_);
  ASSERT_EQ(Callback(client, StateOf(Start(client))).status, 303);
  EXPECT_EQ(provider_->key_fetches, 1);
  provider_->key.reset(EVP_EC_gen("P-256"));  // rotation: a new key under a new kid
  provider_->kid = "k2";
  TestClient second(*site_);
  ASSERT_EQ(Callback(second, StateOf(Start(second))).status, 303) << RefusalReason();
  EXPECT_EQ(provider_->key_fetches, 2);
  // A kid the provider does not publish: fetched once more, then not again for a while.
  provider_->signing_kid = "never-published";
  for (int i = 0; i < 2; ++i) {
    TestClient third(*site_);
    const std::string state = StateOf(Start(third));
    ExpectRefused(Callback(third, state), "never-published");
  }
  EXPECT_EQ(provider_->key_fetches, 3);
}

TEST_F(OidcRoutesTest, WithoutEmailInTheTokenUserinfoIsAsked) {
  provider_->email_in_token = false;
  provider_->changes = {{"sub", "u-1"}};
  TestClient client(*site_);
  // userinfo answers alice@barnet.example, who has no account and may not be created.
  ExpectRefused(Callback(client, StateOf(Start(client))),
                "no user has the email alice@barnet.example");
  provider_->changes = {{"sub", "u-2"}};
  ExpectRefused(Callback(client, StateOf(Start(client))), "about another subject");
}

TEST_F(OidcRoutesTest, ADisabledUserIsRefused) {
  UserUpdate update;
  update.disabled = true;
  ASSERT_TRUE(Db().UpdateUser("analyst@barnet.example", update, TestAudit("user.disable")));
  TestClient client(*site_);
  ExpectRefused(Callback(client, StateOf(Start(client))), "analyst@barnet.example is disabled");
}

TEST_F(OidcRoutesTest, AnUnreachableProviderIsRefusedAtTheStart) {
  provider_->down = true;
  TestClient client(*site_);
  client.Get("/sign-in");
  ExpectRefused(client.Post("/sign-in/oidc/entra", "next=/"), "idp.example:443 failed");
}

TEST_F(OidcRoutesTest, ASecretSealedWithAnotherKeyIsRefused) {
  IdentityProvider p = Db().FindIdentityProvider("entra").value();
  p.name = "other";
  p.sealed_secret = SealSecret(std::string(32, 'x'), "s3cret");
  ASSERT_TRUE(Db().AddIdentityProvider(p, TestAudit("idp.add")));
  TestClient client(*site_);
  client.Get("/sign-in");
  const Response start = client.Post("/sign-in/oidc/other", "next=/");
  ASSERT_EQ(start.status, 303);
  const auto q = QueryOf(start.Get("Location").value_or(""));
  ExpectRefused(client.Get("/sign-in/oidc/other/callback?code=good-code&state=" + q.at("state")),
                "cannot be opened with this secret key");
}

TEST_F(OidcRoutesTest, PasswordSignInSwitchedOffForAnOrganisationOrEveryone) {
  ASSERT_TRUE(Db().SetSetting("local-sign-in:barnet-council", "off", TestAudit("setting.set")));
  TestClient analyst(*site_);
  EXPECT_FALSE(analyst.SignIn("analyst@barnet.example"));
  TestClient partner(*site_);
  EXPECT_TRUE(partner.SignIn("public-health@partners.example"));
  ASSERT_TRUE(Db().SetSetting("local-sign-in", "off", TestAudit("setting.set")));
  TestClient anyone(*site_);
  const Response page = anyone.Get("/sign-in");
  EXPECT_EQ(page.body.find("name=\"password\""), std::string::npos);
  EXPECT_NE(page.body.find("Sign in with entra"), std::string::npos);
  EXPECT_FALSE(anyone.SignIn("public-health@partners.example"));
}

class OidcLoopbackTest : public OidcRoutesTest {
 protected:
  void Configure(SiteOptions& options) override {
    OidcRoutesTest::Configure(options);
    options.oidc.public_url.clear();
  }
};

TEST_F(OidcLoopbackTest, WithoutAPublicUrlOnlyALoopbackHostMakesTheRedirectUri) {
  TestClient client(*site_);
  client.Get("/sign-in");
  const std::string body = "csrf_token=" + client.Csrf() + "&next=/";
  const Response loopback =
      client.Send("POST", "/sign-in/oidc/entra", body, {{"Host", "127.0.0.1:8080"}});
  ASSERT_EQ(loopback.status, 303);
  EXPECT_EQ(QueryOf(loopback.Get("Location").value_or("")).at("redirect_uri"),
            "http://127.0.0.1:8080/sign-in/oidc/entra/callback");
  ExpectRefused(client.Send("POST", "/sign-in/oidc/entra", body, {{"Host", "evil.example"}}),
                "the site's public URL is not set");
}

}  // namespace
}  // namespace waymark::web::testing
