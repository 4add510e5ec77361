// /healthz, /readyz and /metrics: readiness against the schema version on both sides, the
// loopback-or-admin rule of /metrics both ways, and its counters moving with real requests.
#include "web/ops_routes.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "store/schema.h"
#include "store/sql_store.h"
#include "web/http_test_client.h"
#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using testing::SiteFixture;
using testing::TestClient;

class OpsRoutes : public SiteFixture {
 protected:
  std::string MakeToken(const std::string& email) {
    std::string token = RandomToken("wmk_");
    const auto user = Db().FindUser(email);
    ApiToken t;
    t.user_id = user->user.id;
    t.name = "monitoring";
    t.created_at = FormatUtc(testing::kTestNow);
    EXPECT_TRUE(Db().CreateApiToken(t, TokenDigest(token, kApiTokenPurpose),
                                    testing::TestAudit("token.create")));
    return token;
  }
  // Where each backend keeps its schema version: SQLite's user_version, PostgreSQL's
  // waymark_schema table (one row).
  void SetSchemaVersion(int version) {
    store::Db& db = dynamic_cast<store::SqlStore&>(Db()).db();
    const std::string sql = db.dialect() == store::Dialect::kPostgres
                                ? fmt::format("UPDATE waymark_schema SET version = {}", version)
                                : fmt::format("PRAGMA user_version = {}", version);
    ASSERT_TRUE(db.Exec(sql));
  }
  Response Metrics(const std::string& address,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    TestClient client(*site_, address);
    return client.Send("GET", "/metrics", "", std::move(headers));
  }
};

TEST_F(OpsRoutes, HealthzAndReadyzArePublicAndNeverCached) {
  TestClient outside(*site_, "203.0.113.9");
  const Response health = outside.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.Get("Cache-Control").value_or("").find("no-store"), std::string::npos);
  const Response ready = outside.Get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.Get("Cache-Control").value_or("").find("no-store"), std::string::npos);
  const auto body = nlohmann::json::parse(ready.body);
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["schema_version"], store::ProgramSchemaVersion());
}

TEST_F(OpsRoutes, ReadyzIs503WhenTheSchemaIsOlderOrNewer) {
  TestClient client(*site_);
  SetSchemaVersion(store::ProgramSchemaVersion() - 1);
  Response res = client.Get("/readyz");
  EXPECT_EQ(res.status, 503);
  EXPECT_NE(res.Get("Cache-Control").value_or("").find("no-store"), std::string::npos);
  auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["status"], "unavailable");
  EXPECT_NE(body["reason"].get<std::string>().find("older"), std::string::npos);
  EXPECT_NE(body["reason"].get<std::string>().find("waymark migrate"), std::string::npos);
  SetSchemaVersion(store::ProgramSchemaVersion() + 1);
  res = client.Get("/readyz");
  EXPECT_EQ(res.status, 503);
  body = nlohmann::json::parse(res.body);
  EXPECT_NE(body["reason"].get<std::string>().find("newer"), std::string::npos);
  SetSchemaVersion(store::ProgramSchemaVersion());
  EXPECT_EQ(client.Get("/readyz").status, 200);
}

TEST_F(OpsRoutes, MetricsFromLoopbackForAnyoneElsewhereOnlyForAnAdmin) {
  const Response local = Metrics("127.0.0.1");
  EXPECT_EQ(local.status, 200);
  EXPECT_EQ(local.Get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(local.Get("Cache-Control").value_or("").find("no-store"), std::string::npos);
  EXPECT_NE(local.body.find("# TYPE waymark_http_requests_total counter"), std::string::npos);
  EXPECT_NE(local.body.find("waymark_database_up 1\n"), std::string::npos);
  EXPECT_EQ(Metrics("::1").status, 200);

  const std::string outside = "198.51.100.7";
  EXPECT_EQ(Metrics(outside).status, 404);
  const std::string admin = MakeToken("admin@barnet.example");
  const std::string analyst = MakeToken("analyst@barnet.example");
  EXPECT_EQ(Metrics(outside, {{"Authorization", "Bearer " + admin}}).status, 200);
  EXPECT_EQ(Metrics(outside, {{"Authorization", "Bearer " + analyst}}).status, 404);
  EXPECT_EQ(Metrics(outside, {{"Authorization", "Bearer wmk_not-a-token"}}).status, 404);
  EXPECT_EQ(Metrics(outside, {{"Authorization", "Basic eDp5"}}).status, 404);
  // Through a proxy on this machine the request is not local.
  EXPECT_EQ(Metrics("127.0.0.1", {{"X-Forwarded-For", "198.51.100.7"}}).status, 404);
  EXPECT_EQ(Metrics("127.0.0.1", {{"Forwarded", "for=198.51.100.7"}}).status, 404);
  EXPECT_EQ(Metrics("::ffff:10.0.0.1").status, 404);
  EXPECT_TRUE(IsLoopback("127.8.9.10"));
  EXPECT_TRUE(IsLoopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopback("128.0.0.1"));
  EXPECT_FALSE(IsLoopback(""));
}

TEST_F(OpsRoutes, AnAdminSignedInFromElsewhereMaySeeMetricsOthersMayNot) {
  TestClient admin(*site_, "198.51.100.7");
  ASSERT_TRUE(admin.SignIn("admin@barnet.example"));
  EXPECT_EQ(admin.Get("/metrics").status, 200);
  TestClient board(*site_, "198.51.100.8");
  ASSERT_TRUE(board.SignIn("board@barnet.example"));
  EXPECT_EQ(board.Get("/metrics").status, 404);
}

TEST_F(OpsRoutes, CountersMoveWithRequestsThroughTheServer) {
  ServerOptions options;
  options.observers = {&site_->RequestMetrics()};
  Server server(options, *site_);
  ASSERT_TRUE(server.Start().has_value());
  const std::string healthz =
      "waymark_http_requests_total{route=\"/healthz\",method=\"GET\",code=\"200\",class=\"2xx\"} ";
  auto count = [&](const std::string& text) -> long {
    const std::size_t at = text.find(healthz);
    if (at == std::string::npos) return 0;
    return std::stol(text.substr(at + healthz.size()));
  };
  const auto before = testing::Fetch(server.Port(), "/metrics");
  ASSERT_EQ(before.status, 200);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(testing::Fetch(server.Port(), "/healthz").status, 200);
  ASSERT_EQ(testing::Fetch(server.Port(), "/nothing-here").status, 404);
  // A request is counted once its answer is sent, which the client may see a moment before.
  auto after = testing::Fetch(server.Port(), "/metrics");
  for (int i = 0; i < 200 && (count(after.body) < 3 || after.body.find("code=\"404\"") ==
                                                          std::string::npos);
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    after = testing::Fetch(server.Port(), "/metrics");
  }
  EXPECT_EQ(count(before.body), 0);
  EXPECT_EQ(count(after.body), 3);
  EXPECT_NE(after.body.find("route=\"(none)\",method=\"GET\",code=\"404\",class=\"4xx\"} 1\n"),
            std::string::npos);
  EXPECT_NE(after.body.find("waymark_http_request_duration_seconds_count{route=\"/healthz\"} 3\n"),
            std::string::npos);
  const std::string in_flight = "\nwaymark_http_requests_in_flight ";
  const std::size_t at = after.body.find(in_flight);
  ASSERT_NE(at, std::string::npos);
  EXPECT_GE(std::stol(after.body.substr(at + in_flight.size())), 1) << "the scrape itself";
  EXPECT_NE(after.body.find("route=\"/metrics\",method=\"GET\",code=\"200\",class=\"2xx\"}"),
            std::string::npos);
}

// The value of the sample `name` (with no labels) in a metrics text; -1 when it is not there.
double Sample(const std::string& text, const std::string& name) {
  const std::size_t at = text.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + name.size() + 2));
}

TEST_F(OpsRoutes, MetricsCountTheImportsFiguresAndJudgementsInTheDatabase) {
  const std::string before = Metrics("127.0.0.1").body;
  ASSERT_GE(Sample(before, "waymark_database_imports"), 0) << before;
  // Another process's import: read from the database, not counted in this one's memory.
  auto batch =
      Db().BeginObservationImport({"more.csv", "csv", "analyst", testing::kTestNow, 1 << 20});
  ASSERT_TRUE(batch.has_value());
  for (int year = 1990; year < 1993; ++year) {
    Observation o;
    o.indicator = "excess-weight-year-6";
    o.area = "E09000003";
    o.period = *ParsePeriod(std::to_string(year));
    o.value = 20;
    o.source_row = year - 1988;
    ASSERT_TRUE((*batch)->Add(o).has_value());
  }
  ASSERT_TRUE((*batch)->Commit(3).has_value());
  const std::string after = Metrics("127.0.0.1").body;
  EXPECT_EQ(Sample(after, "waymark_database_imports"),
            Sample(before, "waymark_database_imports") + 1);
  EXPECT_EQ(Sample(after, "waymark_database_import_rows_read"),
            Sample(before, "waymark_database_import_rows_read") + 3);
  EXPECT_EQ(Sample(after, "waymark_database_figures_inserted"),
            Sample(before, "waymark_database_figures_inserted") + 3);
  EXPECT_EQ(Sample(after, "waymark_database_figures"), Sample(before, "waymark_database_figures") + 3);
  EXPECT_EQ(Sample(after, "waymark_database_indicators_to_judge"),
            Sample(before, "waymark_database_indicators_to_judge") + 1);
  EXPECT_EQ(Sample(after, "waymark_database_judgements"),
            Sample(before, "waymark_database_judgements"));
  EXPECT_NE(after.find("# TYPE waymark_database_judgements gauge"), std::string::npos);
}

}  // namespace
}  // namespace waymark::web
