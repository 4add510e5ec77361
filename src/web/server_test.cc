// HTTP tests over loopback: a Server on 127.0.0.1:0 in the test process with a plan (with
// hostile text) in a temporary store, and a Beast client. No sleeps: every wait is on a socket.
#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "core/temp_dir.h"
#include "store/store.h"
#include "web/plan_source.h"
#include "web/server.h"
#include "web/site.h"
#include "web/web_test_util.h"
#include "store/test_database.h"

namespace waymark::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using testing::WriteFile;

constexpr std::string_view kHostileTitle = "<script>alert(\"x\")</script> & 'q'";

Plan HostilePlan() {
  Plan plan;
  plan.id = "hostile";
  plan.title = "Plan " + std::string(kHostileTitle);
  plan.organisation = "Council \"<b>\"";
  plan.start = {2019, 4, 1};
  plan.end = {2023, 3, 31};
  plan.status = "published";
  plan.vision = "\"><img src=x onerror=alert(1)>";
  plan.partners = {{"p1", "<i>Partner</i>", "council"}};
  plan.bodies = {{"b1", "Board \"'<>", "board"}};
  plan.principles = {{"pr1", "Principle <em>", "<img src=x>"}};
  plan.badges = {{"bd1", "Badge <em>", "<i>Partner</i>", true}};
  Action action{"a1", "Action " + std::string(kHostileTitle), {"p1"}, {"b1"}};
  action.principles = {"pr1"};
  Objective objective{"obj1", "Objective <em>", "", {}, {action}};
  Outcome outcome;
  outcome.id = "o1";
  outcome.title = "Outcome </h1><script>x()</script>";
  outcome.badge = "bd1";
  outcome.objectives = {objective};
  plan.outcomes = {outcome};
  plan.governance = {{"b1", "Role <em>"}, {"", "Role <i>Partner</i>"}};
  plan.texts = {{TextKind::kForeword, "Title <em>", "Text <script>x()</script>", "<b>", "<i>", {}},
                {TextKind::kPledge, "", "Pledge <em>", "", "", {"p1"}}};
  Strategy strategy{"s1", "Strategy <em>", "<img src=x>", "<b>", {"o1"}, {}};
  strategy.owner = "p1";
  strategy.overseen_by = "b1";
  strategy.approved_on = PartialDate{2023, 3, 0};
  strategy.objectives = {{"aim1", "Aim <em>", {"o1"}, AimKind::kAmbition}};
  plan.strategies = {strategy};
  return plan;
}

Plan SecondPlan() {
  Plan plan = HostilePlan();
  plan.id = "second";
  plan.title = "Second plan";
  plan.status = "archived";
  plan.start.reset();  // a plan that states no period
  plan.end.reset();
  plan.continues = "hostile";  // the next generation, carrying the outcome over
  plan.outcomes[0].continues = {"o1"};
  return plan;
}

struct ReplyWithHeaders {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto store = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    for (const Plan& plan : {HostilePlan(), SecondPlan()}) {
      auto imported = (*store)->ImportPlan(plan, {"test", "test", 1795378500});
      ASSERT_TRUE(imported.has_value()) << imported.error().ToString();
    }
    frontend_ = std::filesystem::path(dir_.File("frontend"));
    WriteFile(frontend_ / "govuk-frontend.min.css", "body{}");
    WriteFile(frontend_ / "govuk-frontend.min.js", "export{}");
    WriteFile(frontend_ / "assets/images/crest.svg", "<svg/>");
    WriteFile(frontend_ / "assets/fonts/bold.woff2", "wOF2");
    WriteFile(std::filesystem::path(dir_.File("secret.txt")), "secret");
    plans_ = std::make_unique<PlanSource>(std::move(*store));
    site_ = std::make_unique<Site>(*plans_, SiteOptions{frontend_, {}, {}, nullptr, {}, {}});
    ServerOptions options;
    options.body_limit = 1024;
    options.header_limit = 4096;
    options.idle_timeout = std::chrono::milliseconds(300);
    server_ = std::make_unique<Server>(options, *site_);
    auto started = server_->Start();
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
  }

  void TearDown() override { server_.reset(); }

  tcp::socket Connect() {
    tcp::socket socket(io_);
    socket.connect({asio::ip::make_address("127.0.0.1"), server_->Port()});
    return socket;
  }

  ReplyWithHeaders Fetch(std::string_view target, http::verb method = http::verb::get,
                         std::string body = {}) {
    tcp::socket socket = Connect();
    http::request<http::string_body> req{method, std::string(target), 11};
    req.set(http::field::host, "127.0.0.1");
    req.body() = std::move(body);
    req.prepare_payload();
    http::write(socket, req);
    return ReadReply(socket);
  }

  static ReplyWithHeaders ReadReply(tcp::socket& socket) {
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    ReplyWithHeaders reply{static_cast<int>(res.result_int()), {}, res.body()};
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(f.value());
    }
    return reply;
  }

  // Sends raw bytes and returns everything the server answers until it closes.
  std::string Raw(std::string_view request) {
    tcp::socket socket = Connect();
    asio::write(socket, asio::buffer(request));
    std::string out;
    beast::error_code ec;
    std::array<char, 4096> chunk{};
    for (;;) {
      const size_t n = socket.read_some(asio::buffer(chunk), ec);
      if (ec) break;
      out.append(chunk.data(), n);
    }
    return out;
  }

  static void ExpectSecurityHeaders(const ReplyWithHeaders& r) {
    EXPECT_EQ(r.headers.count("content-security-policy"), 1u) << r.status;
    EXPECT_EQ(r.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.headers.at("referrer-policy"), "no-referrer");
    EXPECT_EQ(r.headers.at("x-frame-options"), "DENY");
  }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::filesystem::path frontend_;
  asio::io_context io_;
  std::unique_ptr<PlanSource> plans_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, HealthCheck) {
  ReplyWithHeaders r = Fetch("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
  ExpectSecurityHeaders(r);
}

TEST_F(ServerTest, PagesRenderWithTheDefaultPlan) {
  ReplyWithHeaders home = Fetch("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(home.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(home.body.find("Skip to main content"), std::string::npos);
  EXPECT_NE(home.body.find("id=\"main-content\""), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/outcomes/o1?plan=hostile\""), std::string::npos);
  EXPECT_NE(home.body.find("<select"), std::string::npos);  // two plans: a selector
  ReplyWithHeaders outcome = Fetch("/outcomes/o1?plan=hostile");
  EXPECT_EQ(outcome.status, 200);
  EXPECT_NE(outcome.body.find("govuk-table"), std::string::npos);
  EXPECT_NE(outcome.body.find("govuk-breadcrumbs"), std::string::npos);
  ReplyWithHeaders second = Fetch("/?plan=second");
  EXPECT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("Second plan"), std::string::npos);
}

// The golden thread: the overview links to the plan's governance and strategies, each strategy
// has its page, and the outcome page lists the strategies that build on it.
TEST_F(ServerTest, StrategiesPagesFollowTheGoldenThread) {
  ReplyWithHeaders home = Fetch("/?plan=hostile");
  EXPECT_NE(home.body.find("href=\"/strategies?plan=hostile\""), std::string::npos);
  EXPECT_NE(home.body.find("the 1 strategy that builds on it"), std::string::npos);
  ReplyWithHeaders list = Fetch("/strategies?plan=hostile");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("How the plan is governed"), std::string::npos);
  EXPECT_NE(list.body.find("href=\"/strategies/s1?plan=hostile\""), std::string::npos);
  ReplyWithHeaders one = Fetch("/strategies/s1?plan=hostile");
  EXPECT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("March 2023"), std::string::npos);
  EXPECT_NE(one.body.find(">Ambitions</h2>"), std::string::npos);
  ReplyWithHeaders outcome = Fetch("/outcomes/o1?plan=hostile");
  EXPECT_NE(outcome.body.find("Strategies that build on this outcome"), std::string::npos);
  EXPECT_NE(outcome.body.find("href=\"/strategies/s1?plan=hostile\""), std::string::npos);
}

// Child rights: the overview links to the rights page, which lists the action under its
// principle and under its outcome's badge; the action page links back to both.
TEST_F(ServerTest, TheRightsPageListsActionsByPrincipleAndBadge) {
  ReplyWithHeaders home = Fetch("/?plan=hostile");
  EXPECT_NE(home.body.find("href=\"/rights?plan=hostile\""), std::string::npos);
  ReplyWithHeaders rights = Fetch("/rights?plan=hostile");
  ASSERT_EQ(rights.status, 200);
  EXPECT_NE(rights.body.find("id=\"principle-pr1\""), std::string::npos);
  EXPECT_NE(rights.body.find("id=\"badge-bd1\""), std::string::npos);
  EXPECT_NE(rights.body.find("Foundational"), std::string::npos);
  EXPECT_NE(rights.body.find("href=\"/actions/a1?plan=hostile\""), std::string::npos);
  ReplyWithHeaders action = Fetch("/actions/a1?plan=hostile");
  ASSERT_EQ(action.status, 200);
  EXPECT_NE(action.body.find("href=\"/rights?plan=hostile#principle-pr1\""), std::string::npos);
  EXPECT_NE(action.body.find("href=\"/rights?plan=hostile#badge-bd1\""), std::string::npos);
  EXPECT_EQ(Fetch("/rights?plan=unknown").status, 404);
}

// Two plans side by side: the overview links to the comparison, which names what changed;
// an unknown or malformed plan is 404.
TEST_F(ServerTest, TwoPlansSideBySide) {
  ReplyWithHeaders home = Fetch("/?plan=hostile");
  EXPECT_NE(home.body.find("href=\"/plans/second/compare/hostile\""), std::string::npos);
  ReplyWithHeaders page = Fetch("/plans/second/compare/hostile");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"changes-plan\""), std::string::npos);
  EXPECT_NE(page.body.find("not stated"), std::string::npos);  // the second plan's period
  EXPECT_NE(Fetch("/plans/hostile/compare/hostile").body.find("The two plans are the same."),
            std::string::npos);
  EXPECT_EQ(Fetch("/plans/unknown/compare/hostile").status, 404);
  EXPECT_EQ(Fetch("/plans/hostile/compare/Not%20A%20Slug").status, 404);
  // The second plan continues the first: either way round, the outcome carried over is shown.
  for (const char* target : {"/plans/hostile/compare/second", "/plans/second/compare/hostile"}) {
    ReplyWithHeaders generations = Fetch(target);
    ASSERT_EQ(generations.status, 200) << target;
    EXPECT_NE(generations.body.find("id=\"generations\""), std::string::npos) << target;
    EXPECT_NE(generations.body.find("href=\"/outcomes/o1?plan=hostile\""), std::string::npos);
    EXPECT_NE(generations.body.find("href=\"/outcomes/o1?plan=second\""), std::string::npos);
  }
}

TEST_F(ServerTest, HostileTextIsEscapedEverywhere) {
  for (const char* target : {"/", "/outcomes/o1", "/search?q=action", "/search?q=%3Cscript%3E",
                             "/strategies", "/strategies/s1", "/rights", "/actions/a1",
                             "/plans/second/compare/hostile"}) {
    ReplyWithHeaders r = Fetch(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body.find("<script>"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("<img"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("<i>Partner"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("<em>"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("\"<b>"), std::string::npos) << target;
    ExpectSecurityHeaders(r);
  }
  ReplyWithHeaders home = Fetch("/");
  EXPECT_NE(home.body.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"),
            std::string::npos);
  ReplyWithHeaders search = Fetch("/search?q=%22%3E%3Cscript%3E");
  EXPECT_NE(search.body.find("value=\"&quot;&gt;&lt;script&gt;\""), std::string::npos);
}

TEST_F(ServerTest, SearchFindsActionsByPartnerName) {
  ReplyWithHeaders r = Fetch("/search?q=partner");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("1 result for"), std::string::npos);
  EXPECT_NE(r.body.find("/outcomes/o1?plan=hostile#action-a1"), std::string::npos);
}

TEST_F(ServerTest, ErrorPages) {
  ReplyWithHeaders missing = Fetch("/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("Page not found"), std::string::npos);
  ExpectSecurityHeaders(missing);
  EXPECT_EQ(Fetch("/outcomes/none").status, 404);
  EXPECT_EQ(Fetch("/strategies/none").status, 404);
  EXPECT_EQ(Fetch("/strategies/s1?plan=unknown").status, 404);
  EXPECT_EQ(Fetch("/?plan=unknown").status, 404);
  ReplyWithHeaders bad = Fetch("/?plan=Not%20A%20Slug");
  EXPECT_EQ(bad.status, 400);
  ExpectSecurityHeaders(bad);
  ReplyWithHeaders method = Fetch("/", http::verb::delete_);
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.headers.at("allow"), "GET, HEAD");
  ExpectSecurityHeaders(method);
}

TEST_F(ServerTest, MalformedRequestsGet400) {
  const std::string reply = Raw("GET /a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply.substr(0, 40);
  EXPECT_NE(reply.find("X-Frame-Options: DENY"), std::string::npos);
  const std::string garbage = Raw("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_TRUE(garbage.starts_with("HTTP/1.1 400")) << garbage.substr(0, 40);
}

TEST_F(ServerTest, OversizeBodyGets413) {
  const std::string reply =
      Raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'a'));
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply.substr(0, 40);
  EXPECT_NE(reply.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(reply.find("govuk-heading-xl"), std::string::npos);
}

TEST_F(ServerTest, OversizeHeadersGet431) {
  const std::string reply =
      Raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'b') + "\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 431")) << reply.substr(0, 40);
}

TEST_F(ServerTest, StaticFilesAndTraversal) {
  ReplyWithHeaders css = Fetch("/static/govuk-frontend.min.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers.at("content-type"), "text/css; charset=utf-8");
  // A plain name is revalidated; pages name the fingerprinted one, kept for a year.
  EXPECT_EQ(css.headers.at("cache-control"), "public, no-cache");
  EXPECT_EQ(css.headers.count("etag"), 1u);
  ExpectSecurityHeaders(css);
  ReplyWithHeaders font = Fetch("/assets/fonts/bold.woff2");
  EXPECT_EQ(font.status, 200);
  EXPECT_EQ(font.headers.at("content-type"), "font/woff2");
  EXPECT_EQ(Fetch("/assets/images/crest.svg").headers.at("content-type"), "image/svg+xml");
  EXPECT_EQ(Fetch("/static/waymark.css").status, 200);
  EXPECT_EQ(Fetch("/static/waymark.mjs").headers.at("content-type"),
            "text/javascript; charset=utf-8");
  for (const char* target :
       {"/assets/../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
        "/assets/images/../../../secret.txt", "/static/..%2fsecret.txt", "/assets/%2fetc/passwd",
        "/assets/.hidden"}) {
    const std::string raw =
        Raw("GET " + std::string(target) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 404")) << target << ": " << raw.substr(0, 40);
    EXPECT_EQ(raw.find("secret\r\n"), std::string::npos);
    EXPECT_EQ(raw.find("\r\n\r\nsecret"), std::string::npos);
  }
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  const std::string reply = Raw("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  EXPECT_NE(reply.find("Content-Length: 3"), std::string::npos);
  EXPECT_TRUE(reply.ends_with("\r\n\r\n"));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  tcp::socket socket = Connect();
  for (int i = 0; i < 3; ++i) {
    http::request<http::string_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "x");
    http::write(socket, req);
    ReplyWithHeaders r = ReadReply(socket);
    EXPECT_EQ(r.status, 200);
  }
}

TEST_F(ServerTest, IdleConnectionIsClosedAfterTheTimeout) {
  tcp::socket socket = Connect();
  std::array<char, 16> buf{};
  beast::error_code ec;
  socket.read_some(asio::buffer(buf), ec);  // returns when the server closes
  EXPECT_EQ(ec, asio::error::eof);
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndReturns) {
  tcp::socket socket = Connect();
  EXPECT_EQ(Fetch("/healthz").status, 200);
  server_->Stop();
  server_->Wait();
  std::array<char, 16> buf{};
  beast::error_code ec;
  socket.read_some(asio::buffer(buf), ec);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
}

TEST_F(ServerTest, ApiPlans) {
  ReplyWithHeaders r = Fetch("/api/v1/plans");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  ExpectSecurityHeaders(r);
  const auto doc = nlohmann::json::parse(r.body);
  ASSERT_EQ(doc.at("plans").size(), 2u);
  EXPECT_EQ(doc.at("default_plan"), "hostile");
  const auto& first = doc.at("plans").at(0);
  for (const char* key : {"id", "title", "organisation", "status", "period", "revision"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first.at("period").at("start"), "2019-04-01");
  const auto& second = doc.at("plans").at(1);
  ASSERT_EQ(second.at("id"), "second");
  EXPECT_TRUE(second.at("period").at("start").is_null());
  EXPECT_TRUE(second.at("period").at("end").is_null());
  ReplyWithHeaders csv = Fetch("/api/v1/plans?format=csv");
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  ExpectSecurityHeaders(csv);
  EXPECT_TRUE(csv.body.starts_with("id,title,organisation,status,start,end,revision"));
  EXPECT_NE(csv.body.find("\"Plan <script>alert(\"\"x\"\")</script> & 'q'\""), std::string::npos);
  EXPECT_NE(csv.body.find(",archived,,,1,"), std::string::npos) << csv.body;
  const ReplyWithHeaders page = Fetch("/?plan=second");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("period not stated"), std::string::npos);
}

TEST_F(ServerTest, ApiPlanAndOutcome) {
  const auto plan = nlohmann::json::parse(Fetch("/api/v1/plans/hostile").body);
  EXPECT_EQ(plan.at("id"), "hostile");
  EXPECT_EQ(plan.at("title"), "Plan " + std::string(kHostileTitle));
  EXPECT_EQ(plan.at("outcomes").at(0).at("objectives").at(0).at("actions").at(0).at("responsible"),
            nlohmann::json::array({"<i>Partner</i>"}));
  ReplyWithHeaders outcome = Fetch("/api/v1/outcomes/o1?plan=second");
  EXPECT_EQ(outcome.status, 200);
  const auto doc = nlohmann::json::parse(outcome.body);
  EXPECT_EQ(doc.at("plan").at("id"), "second");
  EXPECT_EQ(doc.at("outcome").at("id"), "o1");
  ReplyWithHeaders csv = Fetch("/api/v1/outcomes/o1?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.body.starts_with("plan_id,outcome_id,outcome_title,objective_id"));
  EXPECT_NE(csv.body.find("hostile,o1,"), std::string::npos);
  EXPECT_NE(csv.body.find(",a1,"), std::string::npos);
  EXPECT_NE(csv.body.find("\"Board \"\"'<>\""), std::string::npos);
}

TEST_F(ServerTest, ApiErrorsNameTheParameter) {
  ReplyWithHeaders format = Fetch("/api/v1/plans?format=xml");
  EXPECT_EQ(format.status, 400);
  EXPECT_EQ(nlohmann::json::parse(format.body).at("error").at("parameter"), "format");
  ExpectSecurityHeaders(format);
  ReplyWithHeaders plan = Fetch("/api/v1/outcomes/o1?plan=BAD!");
  EXPECT_EQ(plan.status, 400);
  EXPECT_EQ(nlohmann::json::parse(plan.body).at("error").at("parameter"), "plan");
  for (const char* target : {"/api/v1/plans/nope", "/api/v1/outcomes/nope",
                             "/api/v1/outcomes/o1?plan=nope", "/api/v1/nothing"}) {
    ReplyWithHeaders r = Fetch(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.headers.at("content-type"), "application/json") << target;
    EXPECT_TRUE(nlohmann::json::parse(r.body).at("error").contains("message")) << target;
  }
  ReplyWithHeaders method = Fetch("/api/v1/plans", http::verb::post, "{}");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.headers.at("content-type"), "application/json");
}

TEST_F(ServerTest, OpenApiDocumentDescribesEveryEndpoint) {
  ReplyWithHeaders r = Fetch("/api/v1/openapi.json");
  EXPECT_EQ(r.status, 200);
  const auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc.at("openapi"), "3.0.3");
  for (const char* path :
       {"/api/v1/plans", "/api/v1/plans/{id}", "/api/v1/outcomes/{id}", "/api/v1/openapi.json"}) {
    EXPECT_TRUE(doc.at("paths").contains(path)) << path;
  }
  // Every $ref points at a schema that exists.
  const std::string text = doc.dump();
  size_t at = 0;
  while ((at = text.find("#/components/schemas/", at)) != std::string::npos) {
    at += 21;
    const std::string name = text.substr(at, text.find('"', at) - at);
    EXPECT_TRUE(doc.at("components").at("schemas").contains(name)) << name;
  }
}

// An application whose handler fails: the server answers 500 and goes on serving.
class ThrowingApp final : public HttpApp {
 public:
  Response Handle(Request request) override {
    if (request.path == "/fail") throw std::runtime_error("broken");
    Response res = Response::Text(200, "fine");
    if (request.path == "/cookies") {
      res.Add("Set-Cookie", "a=1; Path=/");
      res.Add("Set-Cookie", "b=2; Path=/b");
    }
    return res;
  }
  Response Error(int status, std::string_view) override {
    return Response::Text(status, "error page");
  }
};

TEST(ServerErrors, HandlerExceptionsBecome500) {
  ThrowingApp app;
  Server server(ServerOptions{}, app);
  ASSERT_TRUE(server.Start().has_value());
  asio::io_context io;
  for (const auto& [target, status] : {std::pair{"/fail", 500}, std::pair{"/ok", 200}}) {
    tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), server.Port()});
    http::request<http::empty_body> req{http::verb::get, target, 11};
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    EXPECT_EQ(res.result_int(), static_cast<unsigned>(status)) << target;
    EXPECT_EQ(res[http::field::x_frame_options], "DENY");
  }
}

// A header added twice goes out twice (a session cookie and a cleared one in one answer).
TEST(ServerErrors, RepeatedHeadersAreAllSent) {
  ThrowingApp app;
  Server server(ServerOptions{}, app);
  ASSERT_TRUE(server.Start().has_value());
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), server.Port()});
  http::request<http::empty_body> req{http::verb::get, "/cookies", 11};
  http::write(socket, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  std::vector<std::string> cookies;
  for (const auto& field : res) {
    if (field.name() == http::field::set_cookie) cookies.emplace_back(field.value());
  }
  EXPECT_EQ(cookies, (std::vector<std::string>{"a=1; Path=/", "b=2; Path=/b"}));
}

TEST(ServerErrors, BadBindAddressIsAnError) {
  ThrowingApp app;
  ServerOptions options;
  options.bind = "not-an-address";
  Server server(options, app);
  auto started = server.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace waymark::web
