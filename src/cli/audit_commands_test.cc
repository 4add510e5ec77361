// End-to-end tests of `waymark audit list` and `waymark settings ...`, and of the audit
// entries the import and compute commands write.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/account_test_fixture.h"
#include "cli/commands_test_util.h"
#include "stats/csv.h"

namespace waymark::cli {
namespace {

using testing::AccountTest;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using testing::kBarnetPlan;
using ::testing::Not;

class AuditCommandsTest : public AccountTest {};

TEST_F(AuditCommandsTest, PlanImportWritesAnEntry) {
  const auto r = Waymark({"audit", "list", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto table = stats::ParseCsv(r.out);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->header, (std::vector<std::string>{"id", "at", "actor", "via", "action", "entity",
                                                     "entity_id", "before", "after"}));
  ASSERT_EQ(table->rows.size(), 1u);
  const auto& f = table->rows[0].fields;
  EXPECT_EQ(f[1], "2026-11-22T20:15:00Z");
  EXPECT_EQ(f[2], "os:analyst");
  EXPECT_EQ(f[3], "waymark plan import");
  EXPECT_EQ(f[4], "plan.import");
  EXPECT_EQ(f[5], "plan");
  EXPECT_EQ(f[6], "barnet-2019-23");
  EXPECT_EQ(f[7], "");
  const auto after = nlohmann::json::parse(f[8]);
  EXPECT_EQ(after["revision"], 1);
  EXPECT_EQ(after["changes"], 0);
  EXPECT_EQ(after["source"], kBarnetPlan);
}

TEST_F(AuditCommandsTest, ImportsAndComputationsAreAudited) {
  ASSERT_EQ(Waymark({"areas", "import", kRoot + "/data/areas/areas.csv", "--neighbours",
                     kRoot + "/data/areas/statistical_neighbours.csv"})
                .code,
            0);
  ASSERT_EQ(
      Waymark({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"}).code,
      0);
  const std::string data = dir_.Write("d.csv",
                                      "indicator,area_code,period,count,denominator\n"
                                      "care-leavers-eet-17-18,E09000003,2024,50,70\n");
  const auto imported = Waymark({"data", "import", "--format", "csv", data});
  ASSERT_EQ(imported.code, 0) << imported.err;
  ASSERT_EQ(Waymark({"assess"}).code, 0);
  const auto log = Waymark({"audit", "list"}).out;
  EXPECT_THAT(log, HasSubstr("os:analyst  waymark areas import  areas.import  areas \n"));
  EXPECT_THAT(log, HasSubstr("waymark indicators import  catalogue.import  catalogue "
                             "barnet-2019-23\n"));
  EXPECT_THAT(log, HasSubstr("waymark data import  data.import  data " + data +
                             "\n    after:  "
                             "{\"format\":\"csv\",\"rows\":1,\"inserted\":1,\"revised\":0}\n"));
  EXPECT_THAT(log, HasSubstr("waymark assess  assessments.compute  assessments \n"));
}

TEST_F(AuditCommandsTest, FiltersByActorEntityActionSinceAndLimit) {
  AddUser("admin@barnet.example", "admin");
  clock_.Advance(2 * kDay);
  ASSERT_EQ(Waymark({"--as", "admin@barnet.example", "settings", "set", "demo", "true"}).code, 0);
  ASSERT_EQ(
      Waymark({"--as", "admin@barnet.example", "user", "disable", "admin@barnet.example"}).code, 1);

  auto r = Waymark({"audit", "list", "--actor", "admin@barnet.example"});
  EXPECT_EQ(r.out,
            "2026-11-24T20:15:00Z  admin@barnet.example  waymark settings set  setting.set  "
            "setting demo\n"
            "    after:  {\"key\":\"demo\",\"value\":\"true\"}\n");
  r = Waymark({"audit", "list", "--entity", "user", "--format", "csv"});
  EXPECT_THAT(r.out, HasSubstr("user.create"));
  EXPECT_THAT(r.out, Not(HasSubstr("plan.import")));
  r = Waymark({"audit", "list", "--since", "2026-11-23"});
  EXPECT_THAT(r.out, HasSubstr("setting.set"));
  EXPECT_THAT(r.out, Not(HasSubstr("user.create")));
  r = Waymark({"audit", "list", "--since", "2026-11-25"});
  EXPECT_EQ(r.out, "no audit entries\n");
  r = Waymark({"audit", "list", "--limit", "1", "--format", "csv"});
  EXPECT_EQ(stats::ParseCsv(r.out)->rows.size(), 1u);
  EXPECT_THAT(r.out, HasSubstr("setting.set"));
  r = Waymark({"audit", "list", "--action", "plan.import", "--format", "csv"});
  EXPECT_EQ(stats::ParseCsv(r.out)->rows.size(), 1u);
}

TEST_F(AuditCommandsTest, ThePlanHistoryNamesTheAsUserToo) {
  AddUser("admin@barnet.example", "admin");
  const std::string draft = kRoot + "/examples/barnet-2019-23-draft/plan.toml";
  ASSERT_EQ(Waymark({"--as", "admin@barnet.example", "plan", "import", draft}).code, 0);
  const auto history = Waymark({"plan", "history", "barnet-2019-23-draft"});
  EXPECT_THAT(history.out, HasSubstr("admin@barnet.example"));
}

TEST_F(AuditCommandsTest, ImportAsAnUnknownUserImportsNothing) {
  const std::string before = State() + Waymark({"plan", "list"}).out;
  const auto r = Waymark({"--as", "nobody@barnet.example", "plan", "import",
                          kRoot + "/examples/barnet-2013-16/plan.toml"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "waymark: --as: no enabled user nobody@barnet.example\n");
  EXPECT_EQ(State() + Waymark({"plan", "list"}).out, before);
}

TEST_F(AuditCommandsTest, BadSinceIsRefusedNamingTheOption) {
  for (const std::string since : {"yesterday", "2026-13-01", "2026-11-22T10:00:00Z"}) {
    const auto r = Waymark({"audit", "list", "--since", since});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "waymark: --since: '" + since + "' is not a date (YYYY-MM-DD)\n");
  }
}

TEST_F(AuditCommandsTest, HostileNamesAreDefusedInCsv) {
  AddUser("x@barnet.example", "analyst", "barnet-council", "=HYPERLINK(\"x\")");
  const auto users = Waymark({"user", "list", "--format", "csv"});
  EXPECT_THAT(users.out, HasSubstr("x@barnet.example,\"'=HYPERLINK(\"\"x\"\")\",barnet-council"));
  const auto log = Waymark({"audit", "list", "--entity", "user", "--format", "csv"});
  const auto table = stats::ParseCsv(log.out);
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(table->rows[0].fields[8])["name"], "=HYPERLINK(\"x\")");
}

TEST_F(AuditCommandsTest, ControlCharactersAreNotPrintedToTheTerminal) {
  {
    auto store = store::OpenStore(db_, store::OpenMode::kReadWrite);
    ASSERT_TRUE(store.has_value());
    AuditEntry entry{
        0, "2026-11-22T20:15:00Z", "public", "POST /sign-in\x1b[2J", "x", "e", "id\r", "", "{}"};
    ASSERT_TRUE((*store)->AppendAudit(entry).has_value());
  }
  const auto log = Waymark({"audit", "list", "--action", "x"}).out;
  EXPECT_EQ(log, "2026-11-22T20:15:00Z  public  POST /sign-in?[2J  x  e id?\n    after:  {}\n");
}

TEST_F(AuditCommandsTest, SettingsSetAndList) {
  auto r = Waymark({"settings", "list"});
  EXPECT_THAT(r.out, ContainsRegex("demo +false \\(unset\\) +a demonstration database"));
  r = Waymark({"settings", "set", "demo", "true"});
  EXPECT_EQ(r.out, "demo = true\n");
  r = Waymark({"settings", "set", "demo", "true"});
  EXPECT_EQ(r.out, "demo = true already\n");
  EXPECT_THAT(Waymark({"settings", "list"}).out, ContainsRegex("demo +true +a demonstration"));
  r = Waymark({"audit", "list", "--action", "setting.set"});
  EXPECT_EQ(r.out,
            "2026-11-22T20:15:00Z  os:analyst  waymark settings set  setting.set  setting demo\n"
            "    after:  {\"key\":\"demo\",\"value\":\"true\"}\n");
}

TEST_F(AuditCommandsTest, TheSafeguardingProcedureIsPlainText) {
  auto r = Waymark({"settings", "list"});
  EXPECT_THAT(r.out, ContainsRegex("safeguarding-procedure +the default wording \\(unset\\)"));
  const std::string before = State();
  for (const std::string& bad : {std::string(""), std::string(" \n "), std::string("ring\x07"),
                                 std::string(kMaxSafeguardingProcedureLength + 1, 'a')}) {
    r = Waymark({"settings", "set", "safeguarding-procedure", bad});
    EXPECT_EQ(r.code, 1) << bad;
    EXPECT_THAT(r.err, HasSubstr("settings: safeguarding-procedure")) << bad;
  }
  EXPECT_EQ(State(), before);
  r = Waymark({"settings", "set", "safeguarding-procedure", "Ring the MASH at once.\nThen email."});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(*OpenStore()->GetSetting(kSafeguardingProcedureSetting),
            "Ring the MASH at once.\nThen email.");
  r = Waymark({"settings", "set", "safeguarding-procedure",
               std::string(kMaxSafeguardingProcedureLength, 'a')});
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(AuditCommandsTest, BadSettingsChangeNothing) {
  const std::string before = State();
  auto r = Waymark({"settings", "set", "colour", "blue"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "waymark: settings: no setting 'colour'; the settings are: demo, "
            "safeguarding-procedure\n");
  r = Waymark({"settings", "set", "demo", "yes"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "waymark: settings: demo must be true or false\n");
  r = Waymark({"--as", "nobody@barnet.example", "settings", "set", "demo", "true"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "waymark: --as: no enabled user nobody@barnet.example\n");
  EXPECT_EQ(State(), before);
}

}  // namespace
}  // namespace waymark::cli
