// End-to-end tests of `waymark init` and `waymark plan ...` through the command-line entry point,
// with string streams and a fixed clock.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/cli_test_util.h"
#include "core/clock.h"
#include "core/temp_dir.h"
#include "ingest/plan_file.h"
#include "store/schema.h"

namespace waymark::cli {
namespace {

using ::testing::HasSubstr;

const std::string kExamples = std::string(WAYMARK_SOURCE_DIR) + "/examples/";
const std::string kBarnet = kExamples + "barnet-2019-23/plan.toml";
const std::string kCurrent = kExamples + "barnet-current/plan.toml";  // plan barnet-cypp

class PlanCommandsTest : public ::testing::Test {
 protected:
  CliOutput Waymark(std::vector<std::string> args) { return RunCli(db_, std::move(args), clock_); }

  TempDir dir_;
  std::string db_ = dir_.File("waymark.db");
  FixedClock clock_{1795378500};
};

TEST_F(PlanCommandsTest, InitCreatesTheDatabase) {
  const auto r = Waymark({"init"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("schema version " +
                              std::to_string(store::SqliteMigrations().size()) + ")"));
  EXPECT_TRUE(std::filesystem::exists(db_));
}

TEST_F(PlanCommandsTest, ValidateAcceptsTheExamples) {
  for (const char* name :
       {"barnet-2019-23", "barnet-2019-23-draft", "barnet-2013-16", "barnet-current"}) {
    const auto r = Waymark({"plan", "validate", kExamples + name + "/plan.toml"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("is valid"));
  }
  EXPECT_FALSE(std::filesystem::exists(db_)) << "validate must not touch the database";
}

TEST_F(PlanCommandsTest, ValidateListsEveryProblemWithPositions) {
  const std::string bad = dir_.Write("bad.toml", R"([plan]
id = "Bad Id"
title = "T"
organisation = "O"
start = 2024-04-01
end = 2027-03-31
colour = "blue"
)");
  const auto r = Waymark({"plan", "validate", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(bad + ":2:6: plan id 'Bad Id' is not a valid id"));
  EXPECT_THAT(r.err, HasSubstr(bad + ":7:1: unknown key 'colour' in [plan]"));
  EXPECT_THAT(r.err, HasSubstr("2 problems found"));
}

TEST_F(PlanCommandsTest, ShowJsonHasEveryActionWithPartnersAndBodies) {
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  const auto r = Waymark({"plan", "show", "barnet-2019-23", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  const Plan plan = *ingest::ReadPlanFile(kBarnet).plan;
  std::map<std::string, std::string> partner_names;
  std::map<std::string, std::string> body_names;
  for (const auto& p : plan.partners) partner_names[p.id] = p.name;
  for (const auto& b : plan.bodies) body_names[b.id] = b.name;

  EXPECT_EQ(json["id"], "barnet-2019-23");
  EXPECT_EQ(json["period"]["start"], "2019-04-01");
  EXPECT_EQ(json["period"]["end"], "2023-03-31");
  EXPECT_EQ(json["outcomes"].size(), 7u);
  EXPECT_EQ(json["principles"].size(), 7u);
  EXPECT_EQ(json["badges"].size(), 6u);
  std::size_t actions = 0;
  for (std::size_t i = 0; i < plan.outcomes.size(); ++i) {
    const auto& outcome = json["outcomes"][i];
    for (std::size_t j = 0; j < plan.outcomes[i].objectives.size(); ++j) {
      const auto& objective = plan.outcomes[i].objectives[j];
      const auto& jobjective = outcome["objectives"][j];
      ASSERT_EQ(jobjective["actions"].size(), objective.actions.size());
      for (std::size_t k = 0; k < objective.actions.size(); ++k) {
        const auto& action = objective.actions[k];
        const auto& jaction = jobjective["actions"][k];
        EXPECT_EQ(jaction["title"], action.title);
        ASSERT_EQ(jaction["responsible"].size(), action.responsible.size());
        for (std::size_t p = 0; p < action.responsible.size(); ++p) {
          EXPECT_EQ(jaction["responsible"][p], partner_names.at(action.responsible[p]));
        }
        ASSERT_EQ(jaction["monitoring"].size(), action.monitoring.size());
        for (std::size_t b = 0; b < action.monitoring.size(); ++b) {
          EXPECT_EQ(jaction["monitoring"][b], body_names.at(action.monitoring[b]));
        }
        ++actions;
      }
    }
  }
  EXPECT_EQ(actions, 78u);
}

TEST_F(PlanCommandsTest, ShowTextNumbersOutcomesObjectivesAndActions) {
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  const auto r = Waymark({"plan", "show"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Outcome 1. Family and Belonging [family-and-belonging]"));
  EXPECT_THAT(r.out, HasSubstr("responsible: Family Services"));
  EXPECT_THAT(r.out, HasSubstr("Family Friendly Index"));
  EXPECT_THAT(r.out, HasSubstr("Child Friendly Cities outcomes\n  - Family and Belonging\n"));
  EXPECT_THAT(r.out, HasSubstr("  - Communication (foundational)\n"));
}

TEST_F(PlanCommandsTest, ShowWithoutIdNeedsOneWhenSeveralPlansAreStored) {
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  ASSERT_EQ(Waymark({"plan", "import", kExamples + "barnet-2013-16/plan.toml"}).code, 0);
  const auto r = Waymark({"plan", "show"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("name one of: barnet-2019-23, barnet-2013-16"));
  const auto list = Waymark({"plan", "list"});
  EXPECT_THAT(list.out, HasSubstr("barnet-2013-16"));
  EXPECT_EQ(Waymark({"plan", "show", "nope"}).code, 1);
}

// The current plan states no period: show, list and JSON say so, and export writes no dates.
TEST_F(PlanCommandsTest, CurrentPlanWithoutAPeriodShowsListsAndRoundTrips) {
  const auto imported = Waymark({"plan", "import", kCurrent});
  ASSERT_EQ(imported.code, 0) << imported.err;
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  const auto text = Waymark({"plan", "show", "barnet-cypp"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("London Borough of Barnet · period not stated · published"));
  EXPECT_THAT(text.out, HasSubstr("theme 1. Family and belonging [family-and-belonging]"));
  EXPECT_THAT(text.out, HasSubstr("theme 4. Education and Skills [education-and-skills]"));
  const auto json = nlohmann::json::parse(
      Waymark({"plan", "show", "barnet-cypp", "--format", "json"}).out);
  EXPECT_TRUE(json["period"]["start"].is_null());
  EXPECT_TRUE(json["period"]["end"].is_null());
  std::size_t objectives = 0;
  for (const auto& o : json["outcomes"]) objectives += o["objectives"].size();
  EXPECT_EQ(objectives, 19u);
  // The dated plan is listed first; the undated one after it, saying so.
  const auto list = Waymark({"plan", "list"});
  const auto dated = list.out.find("barnet-2019-23           2019-04-01 to 2023-03-31");
  const auto undated = list.out.find("barnet-cypp              period not stated");
  ASSERT_NE(dated, std::string::npos) << list.out;
  ASSERT_NE(undated, std::string::npos) << list.out;
  EXPECT_LT(dated, undated);

  const std::string exported = dir_.File("current.toml");
  ASSERT_EQ(Waymark({"plan", "export", "barnet-cypp", "-o", exported}).code, 0);
  EXPECT_THAT(*ingest::ReadTextFile(exported), ::testing::Not(HasSubstr("\nstart =")));
  const auto again = Waymark({"plan", "import", exported});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("plan 'barnet-cypp' unchanged (revision 1)"));
  EXPECT_EQ(*ingest::ReadPlanFile(exported).plan, *ingest::ReadPlanFile(kCurrent).plan);
}

// The aims a plan carries over are checked against the plan it continues when the database
// holds it: an id that plan lacks is refused at its position and nothing is imported; before
// that plan is imported, a note says the check waits for it.
TEST_F(PlanCommandsTest, ImportChecksTheAimsCarriedOverAgainstThePlanContinued) {
  const auto early = Waymark({"plan", "import", kCurrent});
  ASSERT_EQ(early.code, 0) << early.err;
  EXPECT_THAT(early.out, HasSubstr("note: plan 'barnet-2019-23', which this plan continues, is "
                                   "not in the database"));
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  std::string text = *ingest::ReadTextFile(kCurrent);
  const std::string from = "continues = [\"fb-build-resilience\"]";
  ASSERT_NE(text.find(from), std::string::npos);
  const auto line = 1 + std::count(text.data(), text.data() + text.find(from), '\n');
  text.replace(text.find(from), from.size(), "continues = [\"fb-no-such-aim\"]");
  const std::string changed = dir_.Write("current.toml", text);
  const auto refused = Waymark({"plan", "import", changed});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err,
              HasSubstr("current.toml:" + std::to_string(line) +
                        ":16: objective 'fb-resilience' continues objective "
                        "'fb-no-such-aim', which plan 'barnet-2019-23' does not have"));
  EXPECT_THAT(refused.err, HasSubstr("nothing was imported"));
  EXPECT_EQ(Waymark({"plan", "history", "barnet-cypp"}).out.find("revision 2"), std::string::npos);
  const auto again = Waymark({"plan", "import", kCurrent});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_THAT(again.out, ::testing::Not(HasSubstr("note:")));
}

// Stating a period later, and taking it away again, are changes in the plan's history.
TEST_F(PlanCommandsTest, APeriodStatedLaterIsAChangeInTheHistory) {
  ASSERT_EQ(Waymark({"plan", "import", kCurrent}).code, 0);
  std::string text = *ingest::ReadTextFile(kCurrent);
  const std::string from = "organisation = \"London Borough of Barnet\"\n";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), from + "start = 2024-04-01\nend = 2028-03-31\n");
  const std::string dated = dir_.Write("dated.toml", text);
  clock_.Advance(60);
  const auto r = Waymark({"plan", "import", dated});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("updated plan 'barnet-cypp' to revision 2: 2 changes"));
  EXPECT_THAT(Waymark({"plan", "show", "barnet-cypp"}).out,
              HasSubstr("2024-04-01 to 2028-03-31"));
  clock_.Advance(60);
  const auto back = Waymark({"plan", "import", kCurrent});
  EXPECT_THAT(back.out, HasSubstr("updated plan 'barnet-cypp' to revision 3: 2 changes"));
  const auto h = Waymark({"plan", "history", "barnet-cypp", "--changes"});
  EXPECT_THAT(h.out, HasSubstr("changed plan 'barnet-cypp' start"));
  EXPECT_THAT(h.out, HasSubstr("changed plan 'barnet-cypp' end"));
  const auto r1 = Waymark({"plan", "export", "barnet-cypp", "--revision", "1"});
  EXPECT_EQ(*ingest::ParsePlanText(r1.out, "r1").plan, *ingest::ReadPlanFile(kCurrent).plan);
}

TEST_F(PlanCommandsTest, ExportImportsBackUnchanged) {
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  const std::string exported = dir_.File("export.toml");
  ASSERT_EQ(Waymark({"plan", "export", "barnet-2019-23", "-o", exported}).code, 0);
  const auto r = Waymark({"plan", "import", exported});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("plan 'barnet-2019-23' unchanged (revision 1)"));
  EXPECT_EQ(*ingest::ReadPlanFile(exported).plan, *ingest::ReadPlanFile(kBarnet).plan);
}

TEST_F(PlanCommandsTest, ReimportRecordsWhoWhenAndWhat) {
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  std::string text = *ingest::ReadTextFile(kBarnet);
  const std::string from = "title = \"Barnet Children and Young People's Plan 2019";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "title = \"Revised Barnet Children and Young People's Plan 2019");
  const std::string revised = dir_.Write("revised.toml", text);
  clock_.Advance(3600);
  const auto r = Waymark({"plan", "import", revised});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("updated plan 'barnet-2019-23' to revision 2: 1 change"));
  const auto h = Waymark({"plan", "history", "barnet-2019-23", "--changes"});
  EXPECT_THAT(h.out, HasSubstr("revision 2  2026-11-22T21:15:00Z  by analyst  from " + revised));
  EXPECT_THAT(h.out, HasSubstr("changed plan 'barnet-2019-23' title"));
  const auto old = Waymark({"plan", "export", "barnet-2019-23", "--revision", "1"});
  EXPECT_EQ(*ingest::ParsePlanText(old.out, "r1").plan, *ingest::ReadPlanFile(kBarnet).plan);
}

TEST_F(PlanCommandsTest, BadImportChangesNothing) {
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  const auto before = Waymark({"plan", "export", "barnet-2019-23"}).out;
  std::string text = *ingest::ReadTextFile(kBarnet);
  text += "\n[[partners]]\nid = \"family-services\"\nname = \"Duplicate\"\n";
  const auto r = Waymark({"plan", "import", dir_.Write("dup.toml", text)});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("duplicate partner id 'family-services'"));
  EXPECT_THAT(r.err, HasSubstr("nothing was imported"));
  EXPECT_EQ(Waymark({"plan", "export", "barnet-2019-23"}).out, before);
}

TEST_F(PlanCommandsTest, BadImportIntoNoDatabaseCreatesNone) {
  const auto r = Waymark({"plan", "import", dir_.Write("empty.toml", "")});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("empty.toml: the file is empty"));
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(PlanCommandsTest, DatabaseThatIsNotSqliteIsRefused) {
  const std::string junk = "not a database at all\n";
  db_ = dir_.Write("junk.db", junk);
  const auto r = Waymark({"plan", "import", kBarnet});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("junk.db: database error: file is not a Waymark (SQLite) database"));
  EXPECT_EQ(*ingest::ReadTextFile(db_), junk);
}

TEST_F(PlanCommandsTest, ReadOnlyDatabaseFileIsRefused) {
  if (::geteuid() == 0) GTEST_SKIP() << "file permissions do not bind root";
  ASSERT_EQ(Waymark({"plan", "import", kBarnet}).code, 0);
  ::chmod(db_.c_str(), 0444);
  std::string text = *ingest::ReadTextFile(kBarnet);
  text.replace(text.find("status = \"published\""), 20, "status = \"archived\"");
  const auto r = Waymark({"plan", "import", dir_.Write("v2.toml", text)});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("read-only"));
}

TEST_F(PlanCommandsTest, ShowOnMissingDatabaseSaysHowToCreateOne) {
  const auto r = Waymark({"plan", "show"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("database does not exist"));
  EXPECT_FALSE(std::filesystem::exists(db_));
}

}  // namespace
}  // namespace waymark::cli
