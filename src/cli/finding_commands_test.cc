// End-to-end tests of `waymark finding`: the Barnet findings imported against the 2019–23 plan
// (31 findings, audited, each at version 1), the same file imported again changing nothing, a
// changed finding replaced at its next version, a broken copy refused at FILE:LINE:COL with
// nothing stored, listings as text, CSV and JSON, and bad options named.
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/commands_test_util.h"
#include "cli/cycle_test_fixture.h"

namespace waymark::cli {
namespace {

using testing::CycleTest;
using ::testing::HasSubstr;

const std::string kFindings =
    std::string(WAYMARK_SOURCE_DIR) + "/examples/barnet-2019-23/findings.toml";

class FindingCommandsTest : public CycleTest {
 protected:
  std::string Listed() {
    const CliOutput r = Waymark({"finding", "list", "--plan", kPlan, "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }
  std::size_t AuditCount() {
    const CliOutput r = Waymark({"audit", "list", "--entity", "finding", "--format", "csv"});
    EXPECT_EQ(r.code, 0) << r.err;
    return static_cast<std::size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
  }
};

TEST_F(FindingCommandsTest, TheBarnetFindingsImportOnceAndAgainChangeNothing) {
  const CliOutput first = Waymark({"finding", "import", kFindings, "--plan", kPlan});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("31 created, 0 updated, 0 unchanged"));
  const std::string listed = Listed();
  const auto json = nlohmann::json::parse(listed);
  ASSERT_EQ(json.size(), 31u);
  for (const auto& f : json) EXPECT_GE(f["answers"].size(), 1u) << f["key"];
  const std::size_t audited = AuditCount();
  EXPECT_EQ(audited, 32u);  // a header and one entry per finding

  const CliOutput again = Waymark({"finding", "import", kFindings, "--plan", kPlan});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 created, 0 updated, 31 unchanged"));
  EXPECT_EQ(Listed(), listed);
  EXPECT_EQ(AuditCount(), audited);
  for (const auto& f : json) EXPECT_EQ(f["version"], 1) << f["key"];

  // A finding the file changes is replaced by its key and counts one more version.
  std::string text = ReadFile(kFindings);
  text.replace(text.find("said = \""), 8, "said = \"Changed: ");
  const CliOutput changed =
      Waymark({"finding", "import", WriteFile("changed.toml", text), "--plan", kPlan});
  ASSERT_EQ(changed.code, 0) << changed.err;
  EXPECT_THAT(changed.out, HasSubstr("0 created, 1 updated, 30 unchanged"));
  const auto after = nlohmann::json::parse(Listed());
  ASSERT_EQ(after.size(), 31u);
  EXPECT_EQ(after[0]["version"], 2);
  EXPECT_TRUE(after[0]["said"].get<std::string>().starts_with("Changed: "));
  EXPECT_EQ(after[1]["version"], 1);
  EXPECT_EQ(AuditCount(), audited + 1);
}

TEST_F(FindingCommandsTest, ABrokenFileIsRefusedAtItsPositionAndNothingIsStored) {
  ASSERT_EQ(Waymark({"finding", "import", kFindings, "--plan", kPlan}).code, 0);
  const std::string before = Listed();
  std::string text = ReadFile(kFindings);
  text.replace(text.find("kind = \"we-did\""), 15, "kind = \"we-did-it\"");
  text.replace(text.find("target = \"action:"), 17, "target = \"action:nowhere-");
  const std::string path = WriteFile("broken.toml", text);
  const CliOutput r = Waymark({"finding", "import", path, "--plan", kPlan});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(path + ":"));
  EXPECT_THAT(r.err, HasSubstr("'kind' in finding 1 answer 1 is 'we-did-it'"));
  EXPECT_THAT(r.err, HasSubstr("nothing was stored"));
  EXPECT_EQ(Listed(), before);

  std::string bad_rule = ReadFile(kFindings);
  bad_rule.replace(bad_rule.find("target = \"action:"), 17, "target = \"action:nowhere-");
  const std::string rule_path = WriteFile("rule.toml", bad_rule);
  const CliOutput rule = Waymark({"finding", "import", rule_path, "--plan", kPlan});
  EXPECT_EQ(rule.code, 1);
  EXPECT_THAT(rule.err, HasSubstr("answers[0].target: Choose an objective or action"));
  EXPECT_EQ(Listed(), before);
}

TEST_F(FindingCommandsTest, ListsAsTextAndCsvAndNamesBadOptions) {
  const CliOutput empty = Waymark({"finding", "list", "--plan", kPlan});
  EXPECT_EQ(empty.code, 0);
  EXPECT_THAT(empty.out, HasSubstr("has no findings"));
  ASSERT_EQ(Waymark({"finding", "import", kFindings, "--plan", kPlan}).code, 0);
  const CliOutput text = Waymark({"finding", "list", "--plan", kPlan});
  EXPECT_THAT(text.out, HasSubstr("community-spaces"));
  EXPECT_THAT(text.out, HasSubstr("we-cannot"));
  const CliOutput csv = Waymark({"finding", "list", "--plan", kPlan, "--format", "csv"});
  EXPECT_EQ(csv.code, 0);
  EXPECT_THAT(csv.out, HasSubstr("id,key,outcome,said,source,source_name,date,participants,"
                                 "target,kind,answer,answer_date,answered_by,illustrative"));
  EXPECT_THAT(csv.out, HasSubstr(",consultation,"));

  const CliOutput no_plan = Waymark({"finding", "list", "--plan", "nowhere"});
  EXPECT_EQ(no_plan.code, 1);
  EXPECT_THAT(no_plan.err, HasSubstr("--plan: no plan 'nowhere'"));
  const CliOutput no_file = Waymark({"finding", "import", dir_.File("none.toml"), "--plan", kPlan});
  EXPECT_EQ(no_file.code, 1);
  EXPECT_THAT(no_file.err, HasSubstr("nothing was stored"));
  EXPECT_NE(Waymark({"finding", "list", "--plan", kPlan, "--format", "xml"}).code, 0);
}

}  // namespace
}  // namespace waymark::cli
