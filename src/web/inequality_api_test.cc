// Tests of /api/v1/gaps and /api/v1/slopes over the site's fixture store with two indicators of
// the real catalogue that declare breakdowns (injury admissions by sex and deprivation decile,
// persistent absence by social care group): JSON and CSV, one suppressed gap, unique keys, the
// errors naming their parameter, and the OpenAPI document.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "assess/export_key_test_util.h"
#include "assess/inequality_export.h"
#include "ingest/catalogue_file.h"
#include "stats/csv.h"
#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using nlohmann::json;
using ::testing::IsEmpty;
using testing::SiteFixture;
using testing::TestClient;

const std::string kInjuries = "child-injury-admissions";
const std::string kAbsence = "social-care-persistent-absence";
const std::string kUpperTier = "Deprivation decile of upper-tier councils (IMD 2019)";
const std::string kDecileType =
    "County & UA deprivation deciles in England (IMD2019, 4/23 geography)";
constexpr std::string_view kSuppressedValueAndLimits[] = {"123456", "654321"};

template <std::size_t N>
std::vector<std::string> Strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// The catalogue's definition of `id`, with its breakdowns.
Indicator FromCatalogue(std::string_view id) {
  const auto report = ingest::ReadCatalogueFile(std::string(WAYMARK_SOURCE_DIR) +
                                                "/examples/barnet-2019-23/indicators.toml");
  EXPECT_TRUE(report.ok());
  if (!report.ok()) return {};
  for (const Indicator& ind : *report.indicators) {
    if (ind.id == id) return ind;
  }
  ADD_FAILURE() << "no " << id << " in the catalogue";
  return {};
}

// A crude rate per 10,000 from a count and population, with limits ±5%.
Assessment Injuries(std::string_view area, std::string_view period, Breakdown b, double count,
                    double population) {
  Assessment a;
  a.indicator = kInjuries;
  a.area = std::string(area);
  a.period = *ParsePeriod(period);
  a.breakdown = std::move(b);
  a.count = count;
  a.denominator = population;
  a.value = count / population * 10000;
  a.lower95 = a.value * 0.95;
  a.upper95 = a.value * 1.05;
  a.value_source = ValueSource::kSupplied;
  return a;
}

Breakdown Sex(std::string sex) { return {std::move(sex), "0-14 yrs", "", ""}; }

Assessment Absence(std::string_view group, double count, double pupils) {
  Assessment a;
  a.indicator = kAbsence;
  a.area = "E09000003";
  a.period = *ParsePeriod("2023/24");
  a.breakdown = {"Persons", "", "Social care group", std::string(group)};
  a.count = count;
  a.denominator = pupils;
  a.value = count / pupils * 100;
  a.value_source = ValueSource::kSupplied;
  return a;
}

class InequalityApiTest : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const Indicator injuries = FromCatalogue(kInjuries);
    ASSERT_EQ(injuries.breakdowns.size(), 3u);
    ASSERT_TRUE(
        Db().SaveIndicators({injuries, FromCatalogue(kAbsence)}, testing::kTestNow).has_value());
    std::vector<Assessment> rows;
    // England by sex for five years: boys' rate rises from 100 to 120 per 10,000 while girls'
    // stays at 80, so the gap widens. Barnet by sex for two years.
    const char* years[] = {"2018/19", "2019/20", "2020/21", "2021/22", "2022/23"};
    for (int i = 0; i < 5; ++i) {
      rows.push_back(Injuries("E92000001", years[i], Sex("Male"), 50000 + 2500 * i, 5000000));
      rows.push_back(Injuries("E92000001", years[i], Sex("Female"), 40000, 5000000));
    }
    for (const char* year : {"2021/22", "2022/23"}) {
      rows.push_back(Injuries("E09000003", year, Sex("Male"), 700, 70000));
      rows.push_back(Injuries("E09000003", year, Sex("Female"), 500, 68000));
    }
    // Camden's boys: too few to show.
    Assessment hidden = Injuries("E09000007", "2022/23", Sex("Male"), 3, 20000);
    hidden.value = 123456;
    hidden.lower95 = 123456.5;
    hidden.upper95 = 654321;
    hidden.suppressed = true;
    rows.push_back(hidden);
    rows.push_back(Injuries("E09000007", "2022/23", Sex("Female"), 200, 19000));
    // England by the upper-tier deciles in 2022/23: 140 down to 95 per 10,000.
    for (int i = 0; i < 10; ++i) {
      const std::string decile = injuries.breakdowns[1].categories[static_cast<size_t>(i)];
      rows.push_back(Injuries("E92000001", "2022/23", {"Persons", "0-14 yrs", kDecileType, decile},
                              7000 - 225 * i, 500000));
    }
    rows.push_back(Absence("CINO at 31 March", 100, 500));
    rows.push_back(Absence("CPPO at 31 March", 12, 60));
    rows.push_back(Absence("CLA 12 months at 31 March", 30, 100));
    ASSERT_TRUE(Db().SaveAssessments(rows).has_value());
  }

  Response Get(const std::string& target) { return TestClient(*site_).Get(target); }

  json Data(const std::string& target) {
    const Response r = Get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    EXPECT_EQ(r.Get("Content-Type").value_or(""), "application/json") << target;
    const json doc = json::parse(r.body, nullptr, false);
    return doc.is_object() && doc.contains("data") ? doc.at("data") : json::array();
  }

  static void ExpectNothingHidden(const std::string& body, const std::string& target) {
    for (std::string_view hidden : kSuppressedValueAndLimits) {
      EXPECT_EQ(body.find(hidden), std::string::npos) << target << " shows " << hidden;
    }
  }
};

const std::string kGaps = "/api/v1/gaps?indicator=" + kInjuries;
const std::string kSlopes = "/api/v1/slopes?indicator=" + kInjuries;

TEST_F(InequalityApiTest, GapsOfOneIndicatorAndArea) {
  const json barnet = Data(kGaps + "&area=E09000003");
  ASSERT_EQ(barnet.size(), 2u);  // boys against girls, two years
  const json& latest = barnet.at(1);
  EXPECT_EQ(latest.at("indicator"), kInjuries);
  EXPECT_EQ(latest.at("dimension"), "Sex");
  EXPECT_EQ(latest.at("dimension_kind"), "sex");
  EXPECT_EQ(latest.at("period"), "2022/23");
  EXPECT_EQ(latest.at("sex"), "Male");
  EXPECT_EQ(latest.at("age"), "0-14 yrs");
  EXPECT_EQ(latest.at("group"), "Male");
  EXPECT_EQ(latest.at("comparison"), "Female");
  EXPECT_DOUBLE_EQ(latest.at("gap").get<double>(), 100 - 500.0 / 68000 * 10000);
  EXPECT_LT(latest.at("gap_lower_99_8").get<double>(), latest.at("gap_lower_95").get<double>());
  EXPECT_EQ(latest.at("gap_method"), "SE of difference");
  EXPECT_EQ(latest.at("ratio_method"), "Log rate ratio");
  EXPECT_EQ(latest.at("trend"), "Cannot be calculated");  // two years only
  EXPECT_EQ(latest.at("suppressed"), false);

  const json england = Data(kGaps + "&area=E92000001");
  EXPECT_EQ(england.size(), 5u + 9u);  // five years by sex, nine deciles against the least
  EXPECT_EQ(england.at(4).at("period"), "2022/23");
  EXPECT_EQ(england.at(4).at("trend"), "Gap widening");
  EXPECT_EQ(england.at(5).at("dimension"), kUpperTier);
  EXPECT_EQ(england.at(5).at("category_type"), kDecileType);
  EXPECT_EQ(england.at(5).at("comparison"), "Least deprived decile (IMD2019)");
  EXPECT_EQ(Data(kGaps + "&area=E92000001&dimension=" +
                 "Deprivation%20decile%20of%20upper-tier%20councils%20(IMD%202019)")
                .size(),
            9u);
  EXPECT_EQ(Data(kGaps + "&area=E92000001&dimension=Sex").size(), 5u);
}

TEST_F(InequalityApiTest, WithoutAnIndicatorEveryIndicatorWithBreakdowns) {
  const json all = Data("/api/v1/gaps");
  EXPECT_EQ(all.size(), 2u + 14u + 1u + 2u);  // Barnet, England, Camden; absence in Barnet
  std::set<std::string> indicators;
  for (const json& row : all) indicators.insert(row.at("indicator").get<std::string>());
  EXPECT_EQ(indicators, (std::set<std::string>{kInjuries, kAbsence}));
  const json care = Data("/api/v1/gaps?dimension=Social%20care%20group");
  ASSERT_EQ(care.size(), 2u);
  EXPECT_EQ(care.at(0).at("group"), "CPPO at 31 March");  // declared order is not the key's
  EXPECT_EQ(care.at(0).at("indicator"), kAbsence);
  EXPECT_EQ(care.at(0).at("gap_method"), "Newcombe");
  EXPECT_DOUBLE_EQ(care.at(1).at("gap").get<double>(), 10);       // looked after: 30% against 20%
  EXPECT_EQ(Data("/api/v1/gaps?indicator=").size(), all.size());  // empty: every one
  // An indicator without breakdowns has no rows.
  EXPECT_TRUE(Data("/api/v1/gaps?indicator=excess-weight-year-6").empty());
  EXPECT_TRUE(Data("/api/v1/slopes?indicator=excess-weight-year-6").empty());
}

TEST_F(InequalityApiTest, ASuppressedGapHasNoNumbers) {
  const std::string target = kGaps + "&area=E09000007";
  const json camden = Data(target);
  ASSERT_EQ(camden.size(), 1u);
  EXPECT_EQ(camden.at(0).at("suppressed"), true);
  for (const char* field : {"group_value", "comparison_value", "gap", "gap_lower_95",
                            "gap_upper_99_8", "ratio", "ratio_upper_95"}) {
    EXPECT_TRUE(camden.at(0).at(field).is_null()) << field;
  }
  const Response csv = Get(target + "&format=csv");
  const auto table = stats::ParseCsv(csv.body);
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].fields[*table->Column("gap")], "");
  EXPECT_EQ(table->rows[0].fields[*table->Column("group_value")], "");
  EXPECT_EQ(table->rows[0].fields[*table->Column("suppressed")], "true");
  for (const std::string& t : {std::string("/api/v1/gaps"), std::string("/api/v1/gaps?format=csv"),
                               kSlopes, kSlopes + "&format=csv"}) {
    ExpectNothingHidden(Get(t).body, t);
  }
}

TEST_F(InequalityApiTest, CsvHasTheJsonRowsEachWithItsOwnKey) {
  const std::vector<std::string> targets = {"/api/v1/gaps", kGaps, kGaps + "&area=E92000001",
                                            "/api/v1/gaps?dimension=Sex"};
  for (const std::string& target : targets) {
    const Response r =
        Get(target + (target.find('?') == std::string::npos ? "?" : "&") + "format=csv");
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.Get("Content-Type").value_or(""), "text/csv; charset=utf-8") << target;
    EXPECT_EQ(r.body.rfind("indicator,dimension,dimension_kind,area_code,period,sex,age,"
                           "category_type,category,group,comparison,",
                           0),
              0u)
        << target;
    EXPECT_THAT(assess::RepeatedKeys(r.body, Strings(assess::kGapKey)), IsEmpty()) << target;
    const auto table = stats::ParseCsv(r.body);
    ASSERT_TRUE(table.has_value()) << target;
    EXPECT_EQ(table->rows.size(), Data(target).size()) << target;
  }
  const Response named = Get(kGaps + "&format=csv");
  EXPECT_NE(named.Get("Content-Disposition").value_or("").find(kInjuries + "-gaps.csv"),
            std::string::npos);
}

TEST_F(InequalityApiTest, SlopesAcrossTheDeciles) {
  const json slopes = Data(kSlopes);
  ASSERT_EQ(slopes.size(), 1u);  // England in 2022/23, upper-tier deciles only
  const json& row = slopes.at(0);
  EXPECT_EQ(row.at("area_code"), "E92000001");
  EXPECT_EQ(row.at("dimension"), kUpperTier);
  EXPECT_EQ(row.at("category_type"), kDecileType);
  EXPECT_EQ(row.at("groups"), 10);
  // Rates fall by 4.5 per 10,000 a decile over equal populations: SII = −45 across the scale.
  EXPECT_NEAR(row.at("sii").get<double>(), -45, 1e-6);
  EXPECT_LT(row.at("sii_lower_95").get<double>(), -45);
  EXPECT_GT(row.at("sii_upper_95").get<double>(), -45);
  EXPECT_LT(row.at("rii").get<double>(), 1);
  EXPECT_EQ(row.at("note"), "");
  EXPECT_TRUE(Data(kSlopes + "&area=E09000003").empty());
  EXPECT_TRUE(Data("/api/v1/slopes?indicator=" + kAbsence).empty());
  EXPECT_TRUE(Data(kSlopes + "&dimension=Sex").empty());  // not an ordered breakdown
  const Response csv = Get("/api/v1/slopes?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("indicator,dimension,area_code,period,sex,age,category_type,groups,"
                           "sii,sii_lower_95,sii_upper_95,intercept,rii,rii_lower_95,rii_upper_95,"
                           "note\n",
                           0),
            0u);
  EXPECT_THAT(assess::RepeatedKeys(csv.body, Strings(assess::kSlopeKey)), IsEmpty());
  EXPECT_EQ(stats::ParseCsv(csv.body)->rows.size(), 1u);
}

TEST_F(InequalityApiTest, ErrorsNameTheParameter) {
  struct Bad {
    std::string target;
    int status;
    const char* parameter;
  };
  const std::vector<Bad> bad = {
      {"/api/v1/gaps?indicator=nope", 404, "indicator"},
      {"/api/v1/slopes?indicator=nope&format=csv", 404, "indicator"},
      {kGaps + "&area=E09999999", 400, "area"},
      {"/api/v1/slopes?area=%3Cx%3E", 400, "area"},
      {kGaps + "&dimension=Social%20care%20group", 400, "dimension"},
      {"/api/v1/gaps?dimension=sex", 400, "dimension"},  // labels are exact
      {"/api/v1/gaps?indicator=excess-weight-year-6&dimension=Sex", 400, "dimension"},
      {"/api/v1/gaps?dimension=" + std::string(201, 'x'), 400, "dimension"},
      {kSlopes + "&format=xml", 400, "format"}};
  for (const Bad& b : bad) {
    const Response r = Get(b.target);
    EXPECT_EQ(r.status, b.status) << b.target;
    EXPECT_EQ(r.Get("Content-Type").value_or(""), "application/json") << b.target;
    const json doc = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(doc.is_object()) << b.target;
    EXPECT_EQ(doc.at("error").at("parameter"), b.parameter) << b.target;
  }
  EXPECT_NE(Get("/api/v1/gaps?dimension=sex").body.find("Sex; Social care group"),
            std::string::npos);
  EXPECT_NE(Get("/api/v1/gaps?dimension=" + std::string(201, 'x')).body.find("at most 200"),
            std::string::npos);
  const Response unknown = Get("/api/v1/gaps?dimension=" + std::string(200, 'x'));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.body.find("at most 200"), std::string::npos);
  EXPECT_EQ(Get(kGaps + "&area=E09000007").status, 200);
}

TEST_F(InequalityApiTest, OpenApiDescribesBothRoutesAndTheirKeys) {
  const json doc = json::parse(Get("/api/v1/openapi.json").body);
  for (const char* path : {"/api/v1/gaps", "/api/v1/slopes"}) {
    ASSERT_TRUE(doc.at("paths").contains(path)) << path;
    std::set<std::string> params;
    for (const json& p : doc.at("paths").at(path).at("get").at("parameters")) {
      params.insert(p.at("name").get<std::string>());
    }
    EXPECT_EQ(params, (std::set<std::string>{"indicator", "area", "dimension", "format"}));
    EXPECT_TRUE(doc.at("paths").at(path).at("get").at("responses").contains("404"));
  }
  const auto check = [&](const char* name, const auto& columns, const auto& key) {
    const json& schema = doc.at("components").at("schemas").at(name);
    std::set<std::string> properties;
    for (const auto& p : schema.at("properties").items()) properties.insert(p.key());
    const std::vector<std::string> names = Strings(columns);
    EXPECT_EQ(properties, std::set<std::string>(names.begin(), names.end())) << name;
    EXPECT_EQ(schema.at("required"), json(Strings(key))) << name;
  };
  check("Gap", assess::kGapColumns, assess::kGapKey);
  check("Slope", assess::kSlopeColumns, assess::kSlopeKey);
  EXPECT_EQ(doc.at("components")
                .at("schemas")
                .at("GapList")
                .at("properties")
                .at("data")
                .at("items")
                .at("$ref"),
            "#/components/schemas/Gap");
}

}  // namespace
}  // namespace waymark::web
