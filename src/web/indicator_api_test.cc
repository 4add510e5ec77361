// HTTP tests of the indicator pages and API over loopback: a store with a hostile indicator
// title, areas and judgements (one suppressed), a Server on 127.0.0.1:0 and a Beast client;
// then one whose figures differ only in their category type, for the key of every row.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "assess/export_key_test_util.h"
#include "core/temp_dir.h"
#include "store/store.h"
#include "web/http_test_client.h"
#include "web/plan_source.h"
#include "web/server.h"
#include "web/site.h"
#include "web/web_test_util.h"
#include "store/test_database.h"

namespace waymark::web {
namespace {

using testing::kHostile;
using testing::Reply;

constexpr std::string_view kSuppressedFigures[] = {"123456", "987654", "999999"};

Assessment Row(std::string area, int year, double value, std::string_view vs) {
  Assessment a;
  a.indicator = "ind1";
  a.area = std::move(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.value = value;
  a.lower95 = value - 1;
  a.upper95 = value + 1;
  a.count = value * 10;
  a.denominator = 1000;
  a.value_source = ValueSource::kSupplied;
  a.vs_england = ParseComparison(vs).value();
  a.recent_trend = RecentTrend::kIncreasingGettingBetter;
  return a;
}

class IndicatorApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto store = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    Plan plan;
    plan.id = "p";
    plan.title = "Plan";
    plan.organisation = "Council";
    plan.start = {2019, 4, 1};
    plan.end = {2023, 3, 31};
    plan.status = "published";
    Outcome outcome;
    outcome.id = "o1";
    outcome.title = "Outcome";
    outcome.objectives = {{"obj1", "Objective", "", {}, {{"a1", "Spreadsheet training", {}, {}}}}};
    plan.outcomes = {outcome};
    ASSERT_TRUE((*store)->ImportPlan(plan, {"test", "test", 1795378500}).has_value());
    std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                               {"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                               {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                               {"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""}};
    ASSERT_TRUE((*store)->SaveAreas(areas, {}).has_value());
    Indicator ind;
    ind.id = "ind1";
    ind.title = "Indicator " + std::string(kHostile);
    ind.definition = "=1+1 is a formula in a spreadsheet";
    ind.disclosure_min_count = 5;
    ind.plan = "p";
    ind.outcomes = {"o1"};
    ASSERT_TRUE((*store)->SaveIndicators({ind}, 1795378500).has_value());
    std::vector<Assessment> rows;
    for (int y = 2019; y <= 2022; ++y) {
      rows.push_back(Row("E92000001", y, 50, ""));
      rows.push_back(Row("E12000007", y, 52, "Similar"));
      rows.push_back(Row("E09000003", y, 40 + y - 2019, "Worse"));
      rows.push_back(Row("E09000007", y, 60, "Better"));
    }
    Assessment hidden = Row("E09000003", 2023, 123456.5, "Worse");
    hidden.count = 987654;
    hidden.denominator = 999999;
    hidden.suppressed = true;
    rows.push_back(hidden);
    auto saved = (*store)->SaveAssessments(rows);
    ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
    plans_ = std::make_unique<PlanSource>(std::move(*store));
    site_ = std::make_unique<Site>(*plans_,
                                   SiteOptions{dir_.File("frontend"), {}, {}, nullptr, {}, {}});
    server_ = std::make_unique<Server>(ServerOptions{}, *site_);
    ASSERT_TRUE(server_->Start().has_value());
  }

  void TearDown() override { server_.reset(); }

  Reply Fetch(std::string_view target) { return testing::Fetch(server_->Port(), target); }

  static void ExpectNothingHidden(const Reply& r, std::string_view target, bool html = true) {
    for (std::string_view hidden : kSuppressedFigures) {
      const auto at = r.body.find(hidden);
      EXPECT_EQ(at, std::string::npos)
          << target << " shows " << r.body.substr(at == std::string::npos ? 0 : at - 60, 120);
    }
    if (html) {
      EXPECT_EQ(r.body.find("<script>"), std::string::npos) << target;
    }
  }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::unique_ptr<PlanSource> plans_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<Server> server_;
};

TEST_F(IndicatorApiTest, PagesRenderEscapedWithoutSuppressedFigures) {
  for (const char* target : {"/indicators", "/indicators?q=indicator", "/indicators/ind1",
                             "/indicators/ind1?area=E09000007", "/compare", "/compare/ind1",
                             "/areas/E09000003", "/", "/outcomes/o1"}) {
    Reply r = Fetch(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << target;
    ExpectNothingHidden(r, target);
  }
  Reply page = Fetch("/indicators/ind1");
  EXPECT_NE(page.body.find("suppressed: fewer than 5"), std::string::npos);
  EXPECT_NE(page.body.find("Indicator &lt;script&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("role=\"img\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/indicators/ind1.csv?area=E09000003\""), std::string::npos);
  EXPECT_NE(Fetch("/").body.find("worse than England"), std::string::npos);
  EXPECT_NE(Fetch("/outcomes/o1").body.find("spine-1-desc"), std::string::npos);
}

TEST_F(IndicatorApiTest, PageErrors) {
  EXPECT_EQ(Fetch("/indicators/nope").status, 404);
  EXPECT_EQ(Fetch("/compare/nope").status, 404);
  EXPECT_EQ(Fetch("/areas/E09999999").status, 404);
  EXPECT_EQ(Fetch("/indicators/ind1?area=E09999999").status, 400);
  EXPECT_EQ(Fetch("/indicators/ind1?area=%3Cb%3E").status, 400);
}

TEST_F(IndicatorApiTest, CsvDownloadOfThePage) {
  Reply r = Fetch("/indicators/ind1.csv?area=E09000003");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("indicator,area_code,period", 0), 0u);
  EXPECT_NE(r.body.find("E09000007"), std::string::npos);  // the London comparison
  ExpectNothingHidden(r, "csv", false);
}

TEST_F(IndicatorApiTest, ApiJsonShapes) {
  const auto list = nlohmann::json::parse(Fetch("/api/v1/indicators").body);
  ASSERT_EQ(list.at("indicators").size(), 1u);
  EXPECT_EQ(list.at("indicators").at(0).at("id"), "ind1");
  EXPECT_EQ(list.at("indicators").at(0).at("title"), "Indicator " + std::string(kHostile));
  Reply data = Fetch("/api/v1/indicators/ind1/data?area=E09000003");
  EXPECT_EQ(data.status, 200);
  EXPECT_EQ(data.content_type, "application/json");
  ExpectNothingHidden(data, "data", false);
  const auto doc = nlohmann::json::parse(data.body);
  ASSERT_EQ(doc.at("data").size(), 5u);
  EXPECT_TRUE(doc.at("data").at(4).at("suppressed").get<bool>());
  EXPECT_TRUE(doc.at("data").at(4).at("value").is_null());
  const auto period = nlohmann::json::parse(Fetch("/api/v1/indicators/ind1/data?period=2020").body);
  EXPECT_EQ(period.at("data").size(), 4u);
  const auto areas = nlohmann::json::parse(Fetch("/api/v1/areas").body);
  EXPECT_EQ(areas.at("areas").size(), 4u);
  const auto assessments = nlohmann::json::parse(Fetch("/api/v1/assessments?area=E09000007").body);
  EXPECT_EQ(assessments.at("data").size(), 4u);
  ExpectNothingHidden(Fetch("/api/v1/assessments?indicator=ind1"), "assessments", false);
}

TEST_F(IndicatorApiTest, ApiCsv) {
  for (const char* target :
       {"/api/v1/indicators?format=csv", "/api/v1/indicators/ind1/data?area=E09000003&format=csv",
        "/api/v1/areas?format=csv", "/api/v1/assessments?indicator=ind1&format=csv"}) {
    Reply r = Fetch(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.content_type, "text/csv; charset=utf-8") << target;
    ExpectNothingHidden(r, target, false);
  }
  EXPECT_NE(Fetch("/api/v1/areas?format=csv").body.find("E09000003,Barnet,"), std::string::npos);
  // Formula-injection guard: text gets a leading quote, numbers do not.
  EXPECT_NE(Fetch("/api/v1/indicators?format=csv").body.find(",'=1+1 is a formula"),
            std::string::npos);
  EXPECT_NE(Fetch("/indicators/ind1.csv?area=E09000003").body.find(",40,39,41,"),
            std::string::npos);
}

TEST_F(IndicatorApiTest, SearchFindsIndicatorsAndActionsInGroups) {
  Reply both = Fetch("/search?q=SPREADSHEET");
  EXPECT_EQ(both.status, 200);
  EXPECT_NE(both.body.find("2 results for"), std::string::npos);
  EXPECT_NE(both.body.find("Indicators (1)"), std::string::npos);
  EXPECT_NE(both.body.find("href=\"/indicators/ind1\""), std::string::npos);
  EXPECT_NE(both.body.find("Actions and objectives (1)"), std::string::npos);
  EXPECT_NE(both.body.find("#action-a1"), std::string::npos);
  ExpectNothingHidden(both, "search");
  Reply by_id = Fetch("/search?q=ind1%09formula");
  EXPECT_NE(by_id.body.find("1 result for"), std::string::npos);
  EXPECT_NE(by_id.body.find("Indicators (1)"), std::string::npos);
  EXPECT_NE(by_id.body.find("Actions and objectives (0)"), std::string::npos);
  EXPECT_NE(Fetch("/search?q=indicator%20%3Cscript%3E").body.find("Indicator &lt;script&gt;"),
            std::string::npos);
  Reply none = Fetch("/search?q=zzzz");
  EXPECT_NE(none.body.find("0 results for"), std::string::npos);
  EXPECT_EQ(none.body.find("Indicators ("), std::string::npos);
  Reply blank = Fetch("/search?q=%20%20");
  EXPECT_EQ(blank.status, 200);
  EXPECT_EQ(blank.body.find("results for"), std::string::npos);
  EXPECT_EQ(blank.body.find("/indicators/ind1\""), std::string::npos);
  Reply long_query = Fetch("/search?q=" + std::string(201, 'a'));
  EXPECT_EQ(long_query.status, 400);
  EXPECT_NE(long_query.body.find("too long"), std::string::npos);
  EXPECT_EQ(Fetch("/search?q=" + std::string(200, 'a')).status, 200);
}

TEST_F(IndicatorApiTest, PeriodSelectorChoosesTheComparedPeriod) {
  Reply latest = Fetch("/indicators/ind1");
  EXPECT_NE(latest.body.find("London boroughs in 2022"), std::string::npos);
  EXPECT_NE(latest.body.find("<select class=\"govuk-select waymark-select\" id=\"period\" "
                             "name=\"period\">"),
            std::string::npos);
  EXPECT_NE(latest.body.find("<option value=\"2022\" selected=\"selected\">2022</option>"),
            std::string::npos);
  EXPECT_LT(latest.body.find("<option value=\"2023\""), latest.body.find("<option value=\"2019\""))
      << "newest first";
  Reply older = Fetch("/indicators/ind1?area=E09000007&period=2020");
  EXPECT_EQ(older.status, 200);
  EXPECT_NE(older.body.find("London boroughs in 2020"), std::string::npos);
  EXPECT_NE(older.body.find("<option value=\"2020\" selected=\"selected\">"), std::string::npos);
  EXPECT_NE(older.body.find("name=\"area\" value=\"E09000007\""), std::string::npos);
  EXPECT_NE(older.body.find("ind1.csv?area=E09000007&amp;period=2020"), std::string::npos);
  const std::string csv = Fetch("/indicators/ind1.csv?area=E09000003&period=2020").body;
  EXPECT_NE(csv.find("ind1,E09000007,2020,"), std::string::npos);
  EXPECT_EQ(csv.find("ind1,E09000007,2022,"), std::string::npos);
  EXPECT_NE(Fetch("/compare/ind1?period=2019").body.find("London boroughs in 2019"),
            std::string::npos);
  Reply rug = Fetch("/compare?period=2021");
  EXPECT_EQ(rug.status, 200);
  EXPECT_NE(rug.body.find("Indicators by London borough in 2021"), std::string::npos);
  EXPECT_NE(rug.body.find("<option value=\"\">Latest for each indicator</option>"),
            std::string::npos);
  EXPECT_NE(Fetch("/compare?period=")
                .body.find("<option value=\"\" selected=\"selected\">Latest for each indicator"),
            std::string::npos);
  EXPECT_NE(Fetch("/areas/E09000003?period=2020").body.find("Key facts in 2020"),
            std::string::npos);
  ExpectNothingHidden(Fetch("/areas/E09000003?period=2023"), "area 2023");
}

TEST_F(IndicatorApiTest, UnknownPeriodIs400NamingTheParameter) {
  for (const char* target :
       {"/indicators/ind1?period=nonsense", "/indicators/ind1?period=2031",
        "/indicators/ind1.csv?period=2031", "/compare/ind1?period=2019/20", "/compare?period=x",
        "/compare?period=1999", "/areas/E09000003?period=2040", "/areas/E09000007?period=2023"}) {
    Reply r = Fetch(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("period must be"), std::string::npos) << target;
  }
  EXPECT_NE(Fetch("/compare?period=%3Cb%3E").body.find("period must be a period label"),
            std::string::npos);
}

TEST_F(IndicatorApiTest, AreaMapMustNameAWardLevelIndicator) {
  EXPECT_EQ(Fetch("/areas/E09000003?map=").status, 200);
  for (const char* target : {"/areas/E09000003?map=ind1", "/areas/E09000003?map=nope"}) {
    Reply r = Fetch(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("map must be the id of an indicator with figures for this area"),
              std::string::npos);
  }
}

TEST_F(IndicatorApiTest, ApiErrorsNameTheParameter) {
  const std::pair<const char*, const char*> bad[] = {
      {"/api/v1/indicators?format=xml", "format"},
      {"/api/v1/indicators/ind1/data?area=NOPE", "area"},
      {"/api/v1/indicators/ind1/data?period=soon", "period"},
      {"/api/v1/assessments", "indicator"},
      {"/api/v1/assessments?indicator=nope", "indicator"},
      {"/api/v1/assessments?indicator=ind1&area=%3Cx%3E", "area"},
      {"/api/v1/areas?format=pdf", "format"}};
  for (const auto& [target, parameter] : bad) {
    Reply r = Fetch(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(nlohmann::json::parse(r.body).at("error").at("parameter"), parameter) << target;
  }
  Reply missing = Fetch("/api/v1/indicators/nope/data");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/json");
}

TEST_F(IndicatorApiTest, OpenApiListsTheIndicatorEndpoints) {
  const auto doc = nlohmann::json::parse(Fetch("/api/v1/openapi.json").body);
  for (const char* path : {"/api/v1/indicators", "/api/v1/indicators/{id}/data", "/api/v1/areas",
                           "/api/v1/assessments"}) {
    EXPECT_TRUE(doc.at("paths").contains(path)) << path;
  }
}

// Fingertips' deprivation deciles come in two sets whose categories have the same names. The
// store's only indicator has just those two breakdowns, the district set with more figures, so
// that it is the headline breakdown the pages and the API serve.
constexpr std::string_view kCounties = "County & UA deprivation deciles in England (IMD2019)";
constexpr std::string_view kDistricts = "District & UA deprivation deciles in England (IMD2019)";
constexpr std::string_view kDecile = "Most deprived decile (IMD2019)";

class IndicatorKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto store = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    Plan plan;
    plan.id = "p";
    plan.title = "Plan";
    plan.organisation = "Council";
    plan.start = {2019, 4, 1};
    plan.end = {2023, 3, 31};
    plan.status = "published";
    Outcome outcome;
    outcome.id = "o1";
    outcome.title = "Outcome";
    outcome.objectives = {{"obj1", "Objective", "", {}, {{"a1", "Action", {}, {}}}}};
    plan.outcomes = {outcome};
    ASSERT_TRUE((*store)->ImportPlan(plan, {"test", "test", 1795378500}).has_value());
    std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                               {"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                               {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                               {"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""}};
    ASSERT_TRUE((*store)->SaveAreas(areas, {}).has_value());
    Indicator ind;
    ind.id = "injuries";
    ind.title = "Injuries";
    ind.plan = "p";
    ind.outcomes = {"o1"};
    ASSERT_TRUE((*store)->SaveIndicators({ind}, 1795378500).has_value());
    std::vector<Assessment> rows;
    for (const char* area : {"E92000001", "E09000003", "E09000007"}) {
      for (int year = 2020; year <= 2022; ++year) {
        if (year > 2020) rows.push_back(Decile(area, year, kCounties, 100 + year - 2020));
        rows.push_back(Decile(area, year, kDistricts, 200 + year - 2020));
      }
    }
    auto saved = (*store)->SaveAssessments(rows);
    ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
    plans_ = std::make_unique<PlanSource>(std::move(*store));
    site_ = std::make_unique<Site>(*plans_,
                                   SiteOptions{dir_.File("frontend"), {}, {}, nullptr, {}, {}});
    server_ = std::make_unique<Server>(ServerOptions{}, *site_);
    ASSERT_TRUE(server_->Start().has_value());
  }

  void TearDown() override { server_.reset(); }

  static Assessment Decile(std::string area, int year, std::string_view type, double value) {
    Assessment a;
    a.indicator = "injuries";
    a.area = std::move(area);
    a.period = *ParsePeriod(std::to_string(year));
    a.breakdown = {"Persons", "<15 yrs", std::string(type), std::string(kDecile)};
    a.value = value;
    a.value_source = ValueSource::kSupplied;
    return a;
  }

  Reply Fetch(std::string_view target) { return testing::Fetch(server_->Port(), target); }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::unique_ptr<PlanSource> plans_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<Server> server_;
};

TEST_F(IndicatorKeysTest, EveryCsvRowHasItsCategoryTypeAndItsOwnKey) {
  const std::pair<const char*, std::size_t> targets[] = {
      {"/api/v1/assessments?indicator=injuries&format=csv", 9},
      {"/api/v1/assessments?area=E09000003&format=csv", 3},
      {"/api/v1/indicators/injuries/data?format=csv", 9},
      {"/api/v1/indicators/injuries/data?area=E09000007&format=csv", 3},
      {"/indicators/injuries.csv?area=E09000003", 4}};  // and Camden's latest
  for (const auto& [target, rows] : targets) {
    Reply r = Fetch(target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body.rfind("indicator,area_code,period,sex,age,category_type,category,", 0), 0u)
        << target;
    EXPECT_THAT(assess::RepeatedKeys(r.body, assess::kAssessmentKey), ::testing::IsEmpty())
        << target;
    const auto table = stats::ParseCsv(r.body);
    ASSERT_TRUE(table.has_value()) << target;
    EXPECT_EQ(table->rows.size(), rows) << target;
    const std::size_t type = *table->Column("category_type");
    for (const stats::CsvRow& row : table->rows) {
      EXPECT_EQ(row.fields[type], kDistricts) << target << " line " << row.line;  // the headline
    }
  }
}

TEST_F(IndicatorKeysTest, EveryJsonRowHasItsCategoryTypeAndItsOwnKey) {
  for (const char* target : {"/api/v1/assessments?indicator=injuries",
                             "/api/v1/indicators/injuries/data"}) {
    const auto doc = nlohmann::json::parse(Fetch(target).body);
    const auto& data = doc.at("data");
    EXPECT_EQ(data.size(), 9u) << target;
    std::set<std::vector<std::string>> keys;
    for (const auto& row : data) {
      std::vector<std::string> key;
      key.reserve(assess::kAssessmentKey.size());
      for (const std::string& field : assess::kAssessmentKey) {
        key.push_back(row.at(field).get<std::string>());
      }
      EXPECT_EQ(row.at("category_type").get<std::string>(), kDistricts) << target;
      EXPECT_TRUE(keys.insert(key).second) << target << ": " << row.dump();
    }
  }
  const auto doc = nlohmann::json::parse(Fetch("/api/v1/indicators/injuries/data").body);
  EXPECT_EQ(doc.at("breakdown").at("category_type").get<std::string>(), kDistricts);
  EXPECT_EQ(doc.at("breakdown").at("category").get<std::string>(), kDecile);
}

TEST_F(IndicatorKeysTest, TheOpenApiSchemaNamesEveryKeyField) {
  const auto doc = nlohmann::json::parse(Fetch("/api/v1/openapi.json").body);
  const auto& schema = doc.at("components").at("schemas").at("Assessment");
  for (const std::string& field : assess::kAssessmentKey) {
    EXPECT_TRUE(schema.at("properties").contains(field)) << field;
    EXPECT_NE(std::find(schema.at("required").begin(), schema.at("required").end(), field),
              schema.at("required").end())
        << field;
  }
}

}  // namespace
}  // namespace waymark::web
