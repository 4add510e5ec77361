// End-to-end tests of `waymark report comment` and `report commentary`: commentary written,
// replaced and removed in the current cycle (audited, with the --as user as author), a save
// against a newer version refused, and bad subjects, cycles and texts refused with nothing
// changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands_test_util.h"
#include "cli/cycle_test_fixture.h"

namespace waymark::cli {
namespace {

using ::testing::HasSubstr;
using testing::CycleTest;

class CommentaryCommandsTest : public CycleTest {
 protected:
  void SetUp() override {
    CycleTest::SetUp();
    OpenQ2();
    AddUser("analyst@barnet.example", "analyst");
  }
  // `report comment --plan barnet-2019-23 MORE`, as the user `as` when not empty.
  CliOutput Comment(const std::vector<std::string>& more, const std::string& as = "") {
    std::vector<std::string> args;
    if (!as.empty()) args = {"--as", as};
    args.insert(args.end(), {"report", "comment", "--plan", kPlan});
    args.insert(args.end(), more.begin(), more.end());
    return Waymark(args);
  }
  std::string Listed() {
    return Waymark({"report", "commentary", "--plan", kPlan, "--format", "json"}).out;
  }
};

TEST_F(CommentaryCommandsTest, WritesReplacesAndRemovesCommentaryOfTheCurrentCycle) {
  CliOutput r = Comment({"--subject", "outcome:family-and-belonging", "--text",
                         "Good progress\r\non schools.  "},
              "analyst@barnet.example");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "saved the commentary on outcome:family-and-belonging (version 1)\n");
  std::string listed = Listed();
  EXPECT_THAT(listed, HasSubstr("\"cycle\": 1"));
  EXPECT_THAT(listed, HasSubstr("\"author\": \"analyst@barnet.example\""));
  EXPECT_THAT(listed, HasSubstr("\"text\": \"Good progress\\non schools.\""));
  const std::string file = WriteFile("c.txt", "From a file.\n");
  r = Comment({"--subject", "outcome:family-and-belonging", "--file", file});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(version 2)"));
  EXPECT_THAT(Listed(), HasSubstr("\"text\": \"From a file.\""));
  EXPECT_THAT(Waymark({"report", "commentary", "--plan", kPlan}).out,
              HasSubstr("outcome:family-and-belonging  2"));
  r = Comment({"--subject", "outcome:family-and-belonging", "--text", ""});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "removed the commentary on outcome:family-and-belonging\n");
  EXPECT_EQ(Waymark({"report", "commentary", "--plan", kPlan}).out,
            "no commentary in this cycle (see 'waymark report comment')\n");
  const CliOutput audit = Waymark({"audit", "list", "--format", "csv"});
  EXPECT_THAT(audit.out, HasSubstr("commentary.save"));
  EXPECT_THAT(audit.out, HasSubstr("commentary.delete"));
}

TEST_F(CommentaryCommandsTest, ASaveAgainstAnOlderVersionIsRefused) {
  ASSERT_EQ(Comment({"--subject", "plan", "--text", "First."}).code, 0);
  ASSERT_EQ(Comment({"--subject", "plan", "--text", "Second.", "--version", "1"}).code, 0);
  const CliOutput r = Comment({"--subject", "plan", "--text", "Stale.", "--version", "1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("waymark: report comment: "));
  EXPECT_THAT(Listed(), HasSubstr("\"text\": \"Second.\""));
}

TEST_F(CommentaryCommandsTest, BadInputIsRefusedByOptionAndChangesNothing) {
  const std::string before = Listed() + ProgressState();
  const std::string prefix = "waymark: report comment: ";
  CliOutput r = Comment({"--subject", "action:nowhere", "--text", "x"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(prefix + "--subject: no item 'action:nowhere' in plan"));
  r = Comment({"--subject", "plan", "--cycle", "9", "--text", "x"});
  EXPECT_THAT(r.err, HasSubstr(prefix + "--cycle: no cycle '9' in plan barnet-2019-23"));
  r = Comment({"--subject", "plan", "--text", std::string(2001, 'a')});
  EXPECT_THAT(r.err, HasSubstr("text"));
  EXPECT_EQ(r.code, 1);
  r = Comment({"--subject", "plan"});
  EXPECT_THAT(r.err, HasSubstr("give the text with --text or --file (one)"));
  r = Comment({"--subject", "plan", "--file", "/nonexistent/c.txt"});
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/c.txt: cannot read the file"));
  r = Comment({"--subject", "plan", "--text", "x"}, "nobody@barnet.example");
  EXPECT_THAT(r.err, HasSubstr("--as: no enabled user nobody@barnet.example"));
  EXPECT_EQ(Listed() + ProgressState(), before);
}

}  // namespace
}  // namespace waymark::cli
