// HTTP tests of the index page and the index API over loopback: a plan with an index (one
// measure title hostile, one local measure on goalposts, one awaiting data), stored results for
// two years with Sobol indices, a Server on 127.0.0.1:0.
#include "web/index_routes.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "store/store.h"
#include "web/http_test_client.h"
#include "web/server.h"
#include "web/site.h"
#include "web/web_test_util.h"
#include "store/test_database.h"

namespace waymark::web {
namespace {

using testing::Fetch;
using testing::kHostile;
using testing::Reply;

store::IndexAreaYear AreaYear(std::string area, int year, double score, double rank) {
  store::IndexAreaYear r;
  r.area = std::move(area);
  r.year = year;
  r.score = score;
  r.rank = rank;
  r.rank_median = rank;
  r.rank_p05 = 1;
  r.rank_p95 = 2;
  r.measures = {{"health", score, score / 2}, {"survey", kNoValue, kNoValue}};
  return r;
}

class IndexRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto store = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    Plan plan;
    plan.id = "p";
    plan.title = "Plan";
    plan.organisation = "London Borough of Barnet";
    plan.start = {2019, 4, 1};
    plan.end = {2023, 3, 31};
    plan.status = "published";
    CompositeIndex index;
    index.id = "ffi";
    index.title = "Family Friendly Index";
    index.measures = {IndexMeasure{"health", "Health " + std::string(kHostile), {}, {}, "", {}},
                      IndexMeasure{"survey", "Survey", {}, {}, "", std::make_pair(0.0, 100.0)},
                      IndexMeasure{"housing", "Housing", {}, {}, "", {}}};
    plan.index = index;
    ASSERT_TRUE((*store)->ImportPlan(plan, {"test", "test", 1795378500}).has_value());
    const std::vector<Area> areas = {{"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                                     {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                                     {"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""}};
    ASSERT_TRUE((*store)->SaveAreas(areas, {}).has_value());
    if (with_results_) {
      store::IndexResults r;
      r.plan_id = "p";
      r.computed_at = "2026-11-22T20:00:00Z";
      r.comparison = "london";
      r.runs = 100;
      r.seed = 3;
      r.measures_used = {"health", "survey"};
      r.measures_awaiting = {"housing"};
      r.measures_goalposts = {"survey"};
      r.sensitivity_runs = 50;
      r.sensitivity = {{"weights", 0.1, 0.2, 0.05, 0.15, 0.18, 0.22}};
      r.rows = {AreaYear("E09000003", 2023, 61.5, 2), AreaYear("E09000007", 2023, 70.25, 1),
                AreaYear("E09000003", 2024, 72.5, 1), AreaYear("E09000007", 2024, 65, 2)};
      ASSERT_TRUE((*store)->SaveIndexResults(r).has_value());
    }
    if (with_current_) SaveCurrentPlan(**store, plan);
    plans_ = std::make_unique<PlanSource>(std::move(*store));
    site_ = std::make_unique<Site>(*plans_,
                                   SiteOptions{dir_.File("frontend"), {}, {}, nullptr, {}, {}});
    server_ = std::make_unique<Server>(ServerOptions{}, *site_);
    ASSERT_TRUE(server_->Start().has_value());
  }

  void TearDown() override { server_.reset(); }

  // A second published plan that states no period and declares the same index, linked to its
  // own outcome, with its own stored results.
  static void SaveCurrentPlan(store::Store& store, const Plan& earlier) {
    Plan current;
    current.id = "current";
    current.title = "Current plan";
    current.organisation = earlier.organisation;
    current.status = "published";
    Outcome belonging;
    belonging.id = "belonging";
    belonging.title = "Family and belonging";
    belonging.kind = OutcomeKind::kTheme;
    current.outcomes = {belonging};
    current.index = earlier.index;
    for (IndexMeasure& m : current.index->measures) m.outcomes = {"belonging"};
    ASSERT_TRUE(store.ImportPlan(current, {"test", "test", 1795378500}).has_value());
    store::IndexResults r;
    r.plan_id = "current";
    r.computed_at = "2026-11-23T20:00:00Z";
    r.comparison = "london";
    r.runs = 100;
    r.seed = 3;
    r.measures_used = {"health", "survey"};
    r.measures_awaiting = {"housing"};
    r.rows = {AreaYear("E09000003", 2024, 80.5, 1), AreaYear("E09000007", 2024, 64.25, 2)};
    ASSERT_TRUE(store.SaveIndexResults(r).has_value());
  }

  Reply Get(std::string_view target) { return Fetch(server_->Port(), target); }

  bool with_results_ = true;
  bool with_current_ = false;
  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::unique_ptr<PlanSource> plans_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<Server> server_;
};

TEST_F(IndexRoutesTest, PageShowsTheLatestYearHomeAreaAndMethod) {
  Reply r = Get("/index");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("Barnet in 2024"), std::string::npos);
  EXPECT_NE(r.body.find("Ranking in 2024"), std::string::npos);
  EXPECT_NE(r.body.find("index-ranks-desc"), std::string::npos);
  EXPECT_NE(r.body.find("72.5"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_NE(r.body.find("Health &lt;script&gt;"), std::string::npos);
  EXPECT_NE(r.body.find("fixed goalposts 0 to 100"), std::string::npos);
  EXPECT_NE(r.body.find("Awaiting data"), std::string::npos);
  EXPECT_NE(r.body.find("Local measures exist only for Barnet"), std::string::npos);
  EXPECT_NE(r.body.find("Sobol"), std::string::npos);
  EXPECT_NE(r.body.find("0.10 (0.05 to 0.15)"), std::string::npos);
  // The overview links to it.
  EXPECT_NE(Get("/").body.find("href=\"/index\""), std::string::npos);
}

TEST_F(IndexRoutesTest, PageYearAndAreaSelection) {
  Reply r = Get("/index?year=2023&area=E09000007");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Ranking in 2023"), std::string::npos);
  EXPECT_NE(r.body.find("Camden: the measures in 2023"), std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"2023\" selected=\"selected\">"), std::string::npos);
  EXPECT_EQ(Get("/index?year=2019").status, 400);
  EXPECT_EQ(Get("/index?year=20x4").status, 400);
  EXPECT_EQ(Get("/index?area=E09999999").status, 404);
  EXPECT_EQ(Get("/index?area=%3Cb%3E").status, 400);
  EXPECT_EQ(Get("/index?plan=nope").status, 404);
  EXPECT_EQ(Get("/index?plan=Bad%20Id").status, 400);
}

TEST_F(IndexRoutesTest, ApiJsonWithFilters) {
  Reply r = Get("/api/v1/index?year=2024");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  const auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["index"]["id"], "ffi");
  EXPECT_EQ(doc["home_area"], "E09000003");
  ASSERT_EQ(doc["rows"].size(), 2u);
  EXPECT_EQ(doc["rows"][0]["area_name"], "Barnet");
  EXPECT_EQ(doc["rows"][0]["score"], 72.5);
  EXPECT_TRUE(doc["rows"][0]["measures"]["survey"]["score"].is_null());
  EXPECT_EQ(doc["method"]["measures"][1]["status"], "local");
  EXPECT_EQ(doc["method"]["measures"][1]["goalposts"][1], 100.0);
  EXPECT_EQ(doc["method"]["measures"][2]["status"], "awaiting data");
  EXPECT_EQ(doc["method"]["sensitivity"][0]["total_p95"], 0.22);
  const auto one = nlohmann::json::parse(Get("/api/v1/index?area=E09000007").body);
  EXPECT_EQ(one["rows"].size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(Get("/api/v1/index").body)["rows"].size(), 4u);
  const auto openapi = nlohmann::json::parse(Get("/api/v1/openapi.json").body);
  EXPECT_TRUE(openapi["paths"].contains("/api/v1/index"));
  EXPECT_TRUE(openapi["components"]["schemas"].contains("IndexResults"));
}

TEST_F(IndexRoutesTest, ApiCsvIsTheExportFormat) {
  Reply r = Get("/api/v1/index?format=csv&year=2023");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(r.body,
            "area_code,year,score,rank,rank_median,rank_p05,rank_p95,health,survey,housing\n"
            "E09000003,2023,61.5,2,2,1,2,61.5,,\n"
            "E09000007,2023,70.25,1,1,1,2,70.25,,\n");
}

TEST_F(IndexRoutesTest, ApiErrorsNameTheParameter) {
  const auto error = [&](std::string_view target) {
    Reply r = Get(target);
    const auto doc = nlohmann::json::parse(r.body);
    return std::make_pair(r.status, doc["error"].value("parameter", std::string()));
  };
  EXPECT_EQ(error("/api/v1/index?year=1900"), std::make_pair(400, std::string("year")));
  EXPECT_EQ(error("/api/v1/index?area=E0900000%3C"), std::make_pair(400, std::string("area")));
  EXPECT_EQ(error("/api/v1/index?format=xml"), std::make_pair(400, std::string("format")));
  EXPECT_EQ(error("/api/v1/index?plan=BAD"), std::make_pair(400, std::string("plan")));
  EXPECT_EQ(error("/api/v1/index?area=E09999999").first, 404);
  EXPECT_EQ(error("/api/v1/index?plan=other").first, 404);
}

class IndexNotComputedTest : public IndexRoutesTest {
 protected:
  void SetUp() override {
    with_results_ = false;
    IndexRoutesTest::SetUp();
  }
};

class SharedIndexTest : public IndexRoutesTest {
 protected:
  void SetUp() override {
    with_current_ = true;
    IndexRoutesTest::SetUp();
  }
};

// Two plans declare the same index: each plan's index page and API show that plan's stored
// results, and the default plan (the dated one) keeps its page.
TEST_F(SharedIndexTest, EachPlanHasItsOwnIndexPage) {
  Reply earlier = Get("/index");
  ASSERT_EQ(earlier.status, 200) << earlier.body;
  EXPECT_NE(earlier.body.find("72.5"), std::string::npos);
  EXPECT_EQ(earlier.body.find("80.5"), std::string::npos);
  Reply current = Get("/index?plan=current");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_NE(current.body.find("80.5"), std::string::npos);
  EXPECT_EQ(current.body.find("72.5"), std::string::npos);
  EXPECT_NE(current.body.find("Current plan"), std::string::npos);
  EXPECT_NE(Get("/index?plan=p").body.find("72.5"), std::string::npos);
  const auto doc = nlohmann::json::parse(Get("/api/v1/index?plan=current").body);
  EXPECT_EQ(doc["plan"], "current");
  EXPECT_EQ(doc["index"]["id"], "ffi");
  ASSERT_EQ(doc["rows"].size(), 2u);
  EXPECT_EQ(doc["rows"][0]["score"], 80.5);
  // The current plan's overview says its period is not stated and links to its index page.
  Reply overview = Get("/?plan=current");
  ASSERT_EQ(overview.status, 200);
  EXPECT_NE(overview.body.find("London Borough of Barnet, period not stated"), std::string::npos);
  EXPECT_NE(overview.body.find("href=\"/index?plan=current\""), std::string::npos);
  EXPECT_NE(Get("/").body.find("London Borough of Barnet, 1 April 2019 to 31 March 2023"),
            std::string::npos);
}

TEST_F(IndexNotComputedTest, PageSaysHowToComputeAndApiIs404) {
  Reply page = Get("/index");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("has not been computed yet"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/index").status, 404);
}

}  // namespace
}  // namespace waymark::web
