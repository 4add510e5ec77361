// Test fixture for the whole site without sockets: a store holding Barnet's three example plans
// (published, draft, archived), a few areas, one indicator with judgements, index results and a
// user of each role; and a small cookie-keeping client that calls Site::Handle directly.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/secrets.h"
#include "core/temp_dir.h"
#include "ingest/plan_file.h"
#include "store/store.h"
#include "store/test_database.h"
#include "web/plan_source.h"
#include "web/site.h"

namespace waymark::web::testing {

inline constexpr std::string_view kTestPassword = "correct horse battery";
inline constexpr std::int64_t kTestNow = 1795378500;  // 2026-11-22T...

// The demo's users, one per role (partner: Public Health).
struct TestUser {
  std::string email;
  Role role;
  std::string organisation;
};
inline const std::vector<TestUser>& TestUsers() {
  static const std::vector<TestUser> kUsers = {
      {"admin@barnet.example", Role::kAdmin, "barnet-council"},
      {"analyst@barnet.example", Role::kAnalyst, "barnet-council"},
      {"board@barnet.example", Role::kBoard, "the-partnership"},
      {"public-health@partners.example", Role::kPartner, "public-health"}};
  return kUsers;
}

inline AuditEntry TestAudit(std::string action) {
  return AuditEntry{0, FormatUtc(kTestNow), "os:test", "test", std::move(action), "", "", "", ""};
}

inline void FillStore(store::Store& st) {
  for (const char* id : {"barnet-2019-23", "barnet-2019-23-draft", "barnet-2013-16"}) {
    auto report =
        ingest::ReadPlanFile(std::string(WAYMARK_SOURCE_DIR) + "/examples/" + id + "/plan.toml");
    ASSERT_TRUE(report.ok()) << id;
    ASSERT_TRUE(st.ImportPlan(*report.plan, {"test", id, kTestNow}).has_value());
  }
  const std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                                   {"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                                   {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                                   {"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""}};
  ASSERT_TRUE(st.SaveAreas(areas, {}).has_value());
  Indicator ind;
  ind.id = "excess-weight-year-6";
  ind.title = "Year 6: prevalence of overweight (including obesity)";
  ind.polarity = Polarity::kLow;
  ind.plan = "barnet-2019-23";
  ind.outcomes = {"health-and-wellbeing"};
  ASSERT_TRUE(st.SaveIndicators({ind}, kTestNow).has_value());
  std::vector<Assessment> rows;
  for (const char* area : {"E92000001", "E12000007", "E09000003", "E09000007"}) {
    Assessment a;
    a.indicator = ind.id;
    a.area = area;
    a.period = *ParsePeriod("2022/23");
    a.value = 35;
    a.lower95 = 34;
    a.upper95 = 36;
    a.value_source = ValueSource::kSupplied;
    rows.push_back(a);
  }
  ASSERT_TRUE(st.SaveAssessments(rows).has_value());
  store::IndexResults r;
  r.plan_id = "barnet-2019-23";
  r.computed_at = FormatUtc(kTestNow);
  r.comparison = "london";
  r.rows.push_back({"E09000003", 2021, 55, 1, 1, 1, 2, {}});
  r.rows.push_back({"E09000007", 2021, 45, 2, 2, 1, 2, {}});
  ASSERT_TRUE(st.SaveIndexResults(r).has_value());
  const std::string hash = *HashPassword(kTestPassword, PasswordCost::kTestMinimum);
  for (const TestUser& u : TestUsers()) {
    User user;
    user.email = u.email;
    user.name = "Test " + std::string(RoleName(u.role));
    user.organisation = u.organisation;
    user.role = u.role;
    ASSERT_TRUE(st.CreateUser(user, hash, TestAudit("user.create")).has_value()) << u.email;
  }
}

// A site over a fresh copy of the fixture store, with a clock that tests move. The store is a
// SQLite file, or a schema of the throwaway PostgreSQL cluster for the "pg." copies of the
// suites that src/web/CMakeLists.txt lists (waymark_pg_suites): every suite on this fixture
// must be listed there, so that each runs on both backends.
class SiteFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto st = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(st.has_value()) << st.error().ToString();
    FillStore(**st);
    plans_ = std::make_unique<PlanSource>(std::move(*st));
    SiteOptions options;
    options.frontend_dir = dir_.File("no-frontend");
    options.auth.password_cost = PasswordCost::kTestMinimum;
    options.clock = &clock_;
    Configure(options);
    site_ = std::make_unique<Site>(*plans_, std::move(options));
  }
  // Lets a test's fixture change the site's options before the site is made.
  virtual void Configure(SiteOptions& /*options*/) {}

  store::Store& Db() {
    return plans_->WithStore([](store::Store& s) -> store::Store& { return s; });
  }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  FixedClock clock_{kTestNow};
  std::unique_ptr<PlanSource> plans_;
  std::unique_ptr<Site> site_;
};

// A browser without a network: keeps cookies, finds CSRF tokens in forms.
class TestClient {
 public:
  explicit TestClient(Site& site, std::string address = "127.0.0.1")
      : site_(site), address_(std::move(address)) {}

  Response Send(std::string method, const std::string& target, std::string body = {},
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = std::move(method);
    r.target = target;
    auto parsed = ParseTarget(target);
    if (parsed) {
      r.path = parsed->path;
      r.query = parsed->query;
    }
    r.headers = std::move(headers);
    std::string cookie;
    for (const auto& [k, v] : cookies_) {
      if (!cookie.empty()) cookie += "; ";
      cookie.append(k).append("=").append(v);
    }
    if (!cookie.empty()) r.headers.emplace_back("Cookie", cookie);
    if (!body.empty()) {
      r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
    r.body = std::move(body);
    r.client_address = address_;
    Response res = site_.Handle(std::move(r));
    Remember(res);
    return res;
  }
  Response Get(const std::string& target) { return Send("GET", target); }
  // A form post carrying the CSRF token last seen in a page (unless `csrf` is given).
  Response Post(const std::string& target, const std::string& fields,
                const std::optional<std::string>& csrf = std::nullopt) {
    const std::string token = csrf.value_or(csrf_);
    std::string body = "csrf_token=" + token;
    if (!fields.empty()) body += "&" + fields;
    return Send("POST", target, body);
  }
  // Signs in through the form; true on the 303 that sets the session cookie.
  bool SignIn(const std::string& email, std::string_view password = kTestPassword) {
    Get("/sign-in");
    const Response res =
        Post("/sign-in", "email=" + email + "&password=" +
                             std::regex_replace(std::string(password), std::regex(" "), "+") +
                             "&next=/");
    if (res.status != 303 || !cookies_.contains("waymark_session")) return false;
    Get("/");  // picks up the session's CSRF token
    return true;
  }
  const std::string& Csrf() const { return csrf_; }
  std::map<std::string, std::string>& Cookies() { return cookies_; }

 private:
  void Remember(const Response& res) {
    for (const auto& [name, value] : res.headers) {
      if (name != "Set-Cookie") continue;
      const size_t eq = value.find('=');
      const size_t semi = value.find(';');
      const std::string key = value.substr(0, eq);
      const std::string val = value.substr(eq + 1, semi - eq - 1);
      if (val.empty() || value.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(key);
      } else {
        cookies_[key] = val;
      }
    }
    static const std::regex kCsrf("name=\"csrf_token\" value=\"([0-9a-f]{64})\"");
    std::smatch m;
    if (std::regex_search(res.body, m, kCsrf)) csrf_ = m[1];
  }

  Site& site_;
  std::string address_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

}  // namespace waymark::web::testing
