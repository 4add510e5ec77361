// Signing in and out, sessions, CSRF, brute-force limits, bearer tokens and the account bar,
// through Site::Handle with an injected clock (no sockets, no sleeps).
#include <gtest/gtest.h>

#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using testing::kTestNow;
using testing::kTestPassword;
using testing::SiteFixture;
using testing::TestAudit;
using testing::TestClient;

class AuthTest : public SiteFixture {
 protected:
  std::size_t AuditCount(const std::string& action) {
    AuditFilter f;
    f.action = action;
    return Db().ListAudit(f)->size();
  }
  std::string MakeToken(const std::string& email, std::string expires_on = "") {
    const std::string token = RandomToken("wmk_");
    const auto user = Db().FindUser(email);
    ApiToken t;
    t.user_id = user->user.id;
    t.name = "test";
    t.created_at = FormatUtc(kTestNow);
    t.expires_on = std::move(expires_on);
    EXPECT_TRUE(Db().CreateApiToken(t, TokenDigest(token, "api-token"), TestAudit("token.create")));
    return token;
  }
};

TEST_F(AuthTest, SignInSetsAHardenedSessionCookieAndReturnsToTheLocalPage) {
  TestClient c(*site_);
  ASSERT_EQ(c.Get("/sign-in?next=/compare").status, 200);
  ASSERT_TRUE(c.Cookies().contains("waymark_presession"));
  const Response res = c.Post(
      "/sign-in", "email=ANALYST%40barnet.example&password=correct+horse+battery&next=%2Fcompare");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.Get("Location"), "/compare");
  std::string cookie;
  for (const auto& [k, v] : res.headers) {
    if (k == "Set-Cookie" && v.starts_with("waymark_session=")) cookie = v;
  }
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  const std::string token = c.Cookies()["waymark_session"];
  EXPECT_GE(token.size(), 43u);
  // Only the digest is stored.
  EXPECT_FALSE(Db().FindSession(token).has_value());
  EXPECT_TRUE(Db().FindSession(TokenDigest(token, "session")).has_value());
  const Response page = c.Get("/");
  EXPECT_NE(page.body.find("Signed in as"), std::string::npos);
  EXPECT_NE(page.body.find("(analyst)"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/sign-out\""), std::string::npos);
}

TEST_F(AuthTest, WrongPasswordAndUnknownEmailLookTheSame) {
  TestClient a(*site_, "10.0.0.1"), b(*site_, "10.0.0.2");
  a.Get("/sign-in");
  b.Get("/sign-in");
  Response wrong = a.Post("/sign-in", "email=x%40barnet.example&password=wrong-password-1");
  Response unknown = b.Post("/sign-in", "email=x%40barnet.example&password=wrong-password-1");
  ASSERT_EQ(wrong.status, 200);
  EXPECT_NE(wrong.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(wrong.body.find("Enter a correct email address and password"), std::string::npos);
  a.Get("/sign-in");
  wrong = a.Post("/sign-in", "email=analyst%40barnet.example&password=wrong-password-1");
  b.Get("/sign-in");
  unknown = b.Post("/sign-in", "email=analyst%40barnet.exampl&password=wrong-password-1");
  auto strip = [](std::string body) {
    return std::regex_replace(body, std::regex("value=\"[^\"]*\""), "value=\"\"");
  };
  EXPECT_EQ(strip(wrong.body), strip(unknown.body));
  EXPECT_EQ(wrong.body.find("wrong-password-1"), std::string::npos);
  EXPECT_EQ(AuditCount("sign-in.refused"), 4u);
  EXPECT_EQ(AuditCount("session.create"), 0u);
}

TEST_F(AuthTest, EachSignInGetsANewSessionAndSignOutEndsIt) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("board@barnet.example"));
  const std::string first = c.Cookies()["waymark_session"];
  ASSERT_TRUE(c.SignIn("board@barnet.example"));
  const std::string second = c.Cookies()["waymark_session"];
  EXPECT_NE(first, second);
  EXPECT_FALSE(Db().FindSession(TokenDigest(first, "session")).has_value());
  const std::string csrf = c.Csrf();
  EXPECT_EQ(c.Post("/sign-out", "").status, 303);
  EXPECT_FALSE(c.Cookies().contains("waymark_session"));
  EXPECT_FALSE(Db().FindSession(TokenDigest(second, "session")).has_value());
  // The old cookie and its CSRF token replayed: the public, and the form is refused.
  c.Cookies()["waymark_session"] = second;
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 404);
  EXPECT_EQ(c.Post("/sign-out", "", csrf).status, 403);
  EXPECT_EQ(AuditCount("session.end"), 2u);
}

TEST_F(AuthTest, CsrfTokenMustBeThisSessionsOwn) {
  TestClient a(*site_), b(*site_);
  ASSERT_TRUE(a.SignIn("analyst@barnet.example"));
  ASSERT_TRUE(b.SignIn("board@barnet.example"));
  EXPECT_EQ(a.Post("/sign-out", "", "").status, 403);
  EXPECT_EQ(a.Post("/sign-out", "", std::string(64, '0')).status, 403);
  EXPECT_EQ(a.Post("/sign-out", "", b.Csrf()).status, 403);  // another session's token
  EXPECT_TRUE(a.Cookies().contains("waymark_session"));
  EXPECT_EQ(a.Send("POST", "/sign-out", "", {{"X-CSRF-Token", a.Csrf()}}).status, 303);
}

TEST_F(AuthTest, SignInFormNeedsItsPresession) {
  TestClient c(*site_);
  // No GET first: no presession cookie, so no valid token exists.
  EXPECT_EQ(c.Post("/sign-in", "email=analyst%40barnet.example&password=correct+horse+battery",
                   std::string(64, 'a'))
                .status,
            403);
  c.Get("/sign-in");
  TestClient other(*site_);
  other.Get("/sign-in");
  EXPECT_EQ(c.Post("/sign-in", "email=analyst%40barnet.example&password=correct+horse+battery",
                   other.Csrf())
                .status,
            403);
  EXPECT_EQ(AuditCount("session.create"), 0u);
}

TEST_F(AuthTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  TestClient c(*site_, "10.0.0.5");
  c.Get("/sign-in");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(c.Post("/sign-in", "email=analyst%40barnet.example&password=wrong-password-1").status,
              200);
  }
  // The right password is refused now, from any address.
  TestClient d(*site_, "10.0.0.6");
  d.Get("/sign-in");
  Response res =
      d.Post("/sign-in", "email=analyst%40barnet.example&password=correct+horse+battery");
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(res.Get("Retry-After"), "900");
  EXPECT_NE(res.body.find("Too many attempts"), std::string::npos);
  clock_.Advance(899);
  EXPECT_EQ(
      d.Post("/sign-in", "email=analyst%40barnet.example&password=correct+horse+battery").status,
      429);
  clock_.Advance(1);
  EXPECT_EQ(
      d.Post("/sign-in", "email=analyst%40barnet.example&password=correct+horse+battery").status,
      303);
}

TEST_F(AuthTest, TwentyFailuresLockTheAddressAndASuccessElsewhereDoesNotReset) {
  TestClient attacker(*site_, "10.0.0.9");
  attacker.Get("/sign-in");
  for (int i = 0; i < 20; ++i) {
    const std::string email = "user" + std::to_string(i) + "%40barnet.example";
    EXPECT_EQ(attacker.Post("/sign-in", "email=" + email + "&password=wrong-password-1").status,
              200);
  }
  TestClient user(*site_, "10.0.0.10");
  ASSERT_TRUE(user.SignIn("board@barnet.example"));
  EXPECT_EQ(attacker.Post("/sign-in", "email=board%40barnet.example&password=correct+horse+battery")
                .status,
            429);
}

TEST_F(AuthTest, ATenThousandPostFloodIsRefusedCleanly) {
  TestClient c(*site_, "10.0.1.1");
  c.Get("/sign-in");
  int refused = 0, throttled = 0;
  for (int i = 0; i < 10'000; ++i) {
    const int status =
        c.Post("/sign-in", "email=analyst%40barnet.example&password=guess" + std::to_string(i))
            .status;
    refused += status == 200;
    throttled += status == 429;
  }
  EXPECT_EQ(refused, 5);
  EXPECT_EQ(throttled, 9'995);
  EXPECT_EQ(AuditCount("sign-in.refused"), 5u);
  EXPECT_EQ(AuditCount("session.create"), 0u);
}

TEST_F(AuthTest, SessionsEndAfterEightHoursIdleOrSevenDays) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("board@barnet.example"));
  clock_.Advance(8 * 3600 - 1);
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 200);  // and seen again now
  clock_.Advance(8 * 3600 - 1);
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 200);
  clock_.Advance(8 * 3600);
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 404);
  ASSERT_TRUE(c.SignIn("board@barnet.example"));
  for (int hour = 1; hour < 7 * 24; ++hour) {
    clock_.Advance(3600);
    ASSERT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 200) << hour;
  }
  clock_.Advance(3600);
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 404);
}

TEST_F(AuthTest, DisablingAUserEndsTheirSessionAtOnce) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("board@barnet.example"));
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 200);
  UserUpdate off;
  off.disabled = true;
  ASSERT_TRUE(Db().UpdateUser("board@barnet.example", off, TestAudit("user.disable")));
  EXPECT_EQ(c.Get("/?plan=barnet-2019-23-draft").status, 404);
  EXPECT_FALSE(c.SignIn("board@barnet.example"));
}

TEST_F(AuthTest, RedirectsGoOnlyToLocalPaths) {
  for (const std::string next : {"%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example",
                                 "%2F%5Cevil.example", "%2Fa%0D%0ASet-Cookie%3A+x%3D1", "evil"}) {
    TestClient c(*site_);
    c.Get("/sign-in");
    const Response res = c.Post(
        "/sign-in", "email=analyst%40barnet.example&password=correct+horse+battery&next=" + next);
    ASSERT_EQ(res.status, 303) << next;
    EXPECT_EQ(res.Get("Location"), "/") << next;
  }
  EXPECT_EQ(LocalPath("/indicators?q=a"), "/indicators?q=a");
}

TEST_F(AuthTest, PagesNeedingARoleSendThePublicToSignInAndRefuseOthers) {
  TestClient c(*site_);
  Response res = c.Get("/admin/audit?since=2026-01-01");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(res.Get("Location"), "/sign-in?next=%2Fadmin%2Faudit%3Fsince%3D2026-01-01");
  ASSERT_TRUE(c.SignIn("analyst@barnet.example"));
  EXPECT_EQ(c.Get("/admin/audit").status, 403);
}

TEST_F(AuthTest, OverLongAndHostileFieldsAreRefusedCleanly) {
  TestClient c(*site_);
  c.Get("/sign-in");
  const std::string long_email(10'000, 'a');
  Response res = c.Post("/sign-in", "email=" + long_email + "&password=x");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body.find(long_email), std::string::npos);
  res = c.Post("/sign-in",
               "email=%3Cscript%3Ealert(1)%3C%2Fscript%3E&password=" + std::string(5000, 'p'));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(res.body.find("&lt;script&gt;alert(1)"), std::string::npos);
  res = c.Send("POST", "/sign-in", "csrf_token=" + c.Csrf() + "&email=%zz");
  EXPECT_EQ(res.status, 403);  // the token cannot be read from a broken form
}

TEST_F(AuthTest, NamesAreEscapedInTheAccountBar) {
  User u;
  u.email = "hostile@barnet.example";
  u.name = "<script>alert(1)</script>";
  u.organisation = "public-health";
  u.role = Role::kPartner;
  ASSERT_TRUE(Db().CreateUser(u, *HashPassword(kTestPassword, PasswordCost::kTestMinimum),
                              TestAudit("user.create")));
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn(u.email));
  const Response page = c.Get("/");
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("Public Health"), std::string::npos);
}

TEST_F(AuthTest, BearerTokensActAsTheirUserOnTheApiOnly) {
  const std::string analyst = MakeToken("analyst@barnet.example");
  const std::string partner = MakeToken("public-health@partners.example");
  TestClient c(*site_);
  auto api = [&](const std::string& target, const std::string& token) {
    return c.Send("GET", target, "", {{"Authorization", "Bearer " + token}});
  };
  EXPECT_EQ(api("/api/v1/plans/barnet-2019-23-draft", analyst).status, 200);
  EXPECT_EQ(api("/api/v1/plans/barnet-2019-23-draft", partner).status, 404);
  const Response list = api("/api/v1/plans", partner);
  EXPECT_EQ(list.body.find("barnet-2019-23-draft"), std::string::npos);
  EXPECT_NE(api("/api/v1/plans", analyst).body.find("barnet-2019-23-draft"), std::string::npos);
  Response bad = api("/api/v1/plans", "wmk_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.Get("WWW-Authenticate"), "Bearer error=\"invalid_token\"");
  EXPECT_EQ(c.Send("GET", "/api/v1/plans", "", {{"Authorization", "Basic abc"}}).status, 401);
  // Revoked and expired tokens.
  const auto found = Db().FindApiToken(TokenDigest(analyst, "api-token"));
  ASSERT_TRUE(Db().RevokeApiToken(found->token.id, TestAudit("token.revoke")));
  EXPECT_EQ(api("/api/v1/plans", analyst).status, 401);
  const std::string dated = MakeToken("board@barnet.example", FormatUtc(kTestNow).substr(0, 10));
  EXPECT_EQ(api("/api/v1/plans/barnet-2019-23-draft", dated).status, 200);
  clock_.Advance(24 * 3600);
  EXPECT_EQ(api("/api/v1/plans", dated).status, 401);
  // A page ignores the header: the public.
  EXPECT_EQ(api("/?plan=barnet-2019-23-draft", partner).status, 404);
}

TEST_F(AuthTest, ThePublicNeverSeesTheDraft) {
  TestClient c(*site_);
  for (const std::string target :
       {"/?plan=barnet-2019-23-draft", "/outcomes/culture?plan=barnet-2019-23-draft",
        "/search?q=a&plan=barnet-2019-23-draft", "/index?plan=barnet-2019-23-draft",
        "/api/v1/plans/barnet-2019-23-draft", "/api/v1/plans/barnet-2019-23-draft?format=csv",
        "/api/v1/outcomes/culture?plan=barnet-2019-23-draft&format=csv",
        "/api/v1/index?plan=barnet-2019-23-draft"}) {
    const Response res = c.Get(target);
    EXPECT_EQ(res.status, 404) << target;
    EXPECT_EQ(res.body.find("Draft of Barnet"), std::string::npos) << target;
  }
  for (const std::string target :
       {"/", "/api/v1/plans", "/api/v1/plans?format=csv", "/search?q=draft"}) {
    EXPECT_EQ(c.Get(target).body.find("barnet-2019-23-draft"), std::string::npos) << target;
  }
}

TEST_F(AuthTest, TheAuditLogPageListsFiltersAndDownloads) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("admin@barnet.example"));
  Response page = c.Get("/admin/audit");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("session.create"), std::string::npos);
  EXPECT_NE(page.body.find("POST /sign-in from 127.0.0.1"), std::string::npos);
  page = c.Get("/admin/audit?entity=session");
  EXPECT_EQ(page.body.find("user.create"), std::string::npos);
  EXPECT_EQ(c.Get("/admin/audit?since=yesterday").status, 400);
  const Response csv = c.Get("/admin/audit?format=csv&entity=user");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Get("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("id,at,actor,via,action,entity,entity_id,before,after\r\n"));
  EXPECT_NE(csv.body.find("user.create"), std::string::npos);
  EXPECT_EQ(csv.body.find("argon2"), std::string::npos);
}

TEST_F(AuthTest, TheDemoSaysSo) {
  TestClient c(*site_);
  EXPECT_EQ(c.Get("/").body.find("demonstration database"), std::string::npos);
  ASSERT_TRUE(Db().SetSetting("demo", "true", TestAudit("setting.set")));
  clock_.Advance(61);
  EXPECT_NE(c.Get("/").body.find("demonstration database"), std::string::npos);
}

TEST_F(AuthTest, OnlyATrustedProxyNamesTheClient) {
  SiteOptions options;
  options.frontend_dir = dir_.File("no-frontend");
  options.auth.password_cost = PasswordCost::kTestMinimum;
  options.clock = &clock_;
  options.trusted_proxies = {"127.0.0.1"};
  Site proxied(*plans_, std::move(options));
  TestClient via_proxy(proxied, "127.0.0.1");
  via_proxy.Get("/sign-in");
  via_proxy.Send(
      "POST", "/sign-in",
      "csrf_token=" + via_proxy.Csrf() + "&email=a%40b.example&password=wrong-password-1",
      {{"X-Forwarded-For", "203.0.113.9, 198.51.100.7"}});
  TestClient direct(proxied, "10.1.1.1");
  direct.Get("/sign-in");
  direct.Send("POST", "/sign-in",
              "csrf_token=" + direct.Csrf() + "&email=a%40b.example&password=wrong-password-1",
              {{"X-Forwarded-For", "198.51.100.99"}});
  AuditFilter f;
  f.action = "sign-in.refused";
  const auto entries = *Db().ListAudit(f);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].via, "POST /sign-in from 10.1.1.1");  // not trusted: header ignored
  EXPECT_EQ(entries[1].via, "POST /sign-in from 198.51.100.7");
}

}  // namespace
}  // namespace waymark::web
