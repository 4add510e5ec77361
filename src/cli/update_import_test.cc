// End-to-end tests of `waymark update import` and `waymark update list`: a file of updates
// loaded into a cycle and listed back as text, CSV and JSON; a draft replaced and a submitted
// update locked; and every refused file (a closed cycle, another organisation's action, a
// `javascript:` link, an unknown author or action, a bad date, a broken header or row)
// reported as FILE:LINE:COL with nothing changed; and a row the store refuses when the file is
// saved, which keeps none of the rows before it either.
#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cycle_test_fixture.h"
#include "cli/update_import.h"

namespace waymark::cli {
namespace {

using testing::CycleTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kHeader =
    "action,author,state,status,narrative,evidence,next_steps,expected_completion\n";

class UpdateImportTest : public CycleTest {
 protected:
  void SetUp() override {
    CycleTest::SetUp();
    AddUser("analyst@barnet.example", "analyst", "barnet-council", "Ann Analyst");
    AddUser("public-health@partners.example", "partner", "public-health", "Public Health");
    AddUser("board@barnet.example", "board", "the-partnership", "Bo Board");
    OpenQ2();
  }

  // Imports `rows` (after kHeader) into cycle 1 from a file named `name`.
  CliOutput Import(const std::string& name, const std::string& rows,
                   std::vector<std::string> global = {}) {
    const std::string path = WriteFile(name, kHeader + rows);
    std::vector<std::string> args = std::move(global);
    args.insert(args.end(), {"update", "import", "--cycle", "1", path});
    return Waymark(args);
  }
};

const std::string kGoodRows =
    "hw-healthy-child-programme,public-health@partners.example,submitted,on-track,"
    "Health visitors saw 96% of new births by 14 days.,"
    "https://www.barnet.gov.uk/health | https://www.nhs.uk/conditions/baby/,"
    "Keep the new-birth visits up,2027-03-31\n"
    "hw-immunisation-awareness,Public-Health@Partners.example,draft,,,,,\n"
    "ss-ofsted-improvement-plan,analyst@barnet.example,submitted,at-risk,\"Two steps slipped.\n"
    "Recruitment is the cause.\",\"https://www.barnet.gov.uk/a\n"
    "https://www.barnet.gov.uk/b\",,\n";

TEST_F(UpdateImportTest, ImportsAFileAndListsItBack) {
  const auto r = Import("updates.csv", kGoodRows, {"--as", "analyst@barnet.example"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, dir_.File("updates.csv") + ": imported 3 updates (2 submitted, 1 draft)\n");
  EXPECT_EQ(r.err, "");

  const auto csv = Waymark({"update", "list", "--cycle", "1", "--format", "csv"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "action,author,state,status,narrative,evidence,next_steps,expected_completion,cycle,"
            "plan,organisation,author_name,version,updated_at,submitted_at,reopened_reason\n"
            "hw-healthy-child-programme,public-health@partners.example,submitted,on-track,"
            "Health visitors saw 96% of new births by 14 days.,"
            "https://www.barnet.gov.uk/health | https://www.nhs.uk/conditions/baby/,"
            "Keep the new-birth visits up,2027-03-31,1,barnet-2019-23,public-health,"
            "Public Health,1,2026-11-22T20:15:00Z,2026-11-22T20:15:00Z,\n"
            "hw-immunisation-awareness,public-health@partners.example,draft,,,,,,1,"
            "barnet-2019-23,public-health,Public Health,1,2026-11-22T20:15:00Z,,\n"
            "ss-ofsted-improvement-plan,analyst@barnet.example,submitted,at-risk,"
            "\"Two steps slipped.\nRecruitment is the cause.\","
            "https://www.barnet.gov.uk/a | https://www.barnet.gov.uk/b,,,1,barnet-2019-23,"
            "barnet-council,Ann Analyst,1,2026-11-22T20:15:00Z,2026-11-22T20:15:00Z,\n");

  const auto text = Waymark({"update", "list", "--cycle", "1"});
  EXPECT_EQ(text.out,
            "action                      state      status    organisation    author          "
            "                version  updated\n"
            "hw-healthy-child-programme  submitted  on-track  public-health   "
            "public-health@partners.example  1        2026-11-22T20:15:00Z\n"
            "hw-immunisation-awareness   draft                public-health   "
            "public-health@partners.example  1        2026-11-22T20:15:00Z\n"
            "ss-ofsted-improvement-plan  submitted  at-risk   barnet-council  "
            "analyst@barnet.example          1        2026-11-22T20:15:00Z\n");

  const auto json =
      nlohmann::json::parse(Waymark({"update", "list", "--cycle", "1", "--format", "json"}).out);
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["status"], "on-track");
  EXPECT_EQ(json[0]["evidence"], nlohmann::json::array({"https://www.barnet.gov.uk/health",
                                                        "https://www.nhs.uk/conditions/baby/"}));
  EXPECT_EQ(json[0]["expected_completion"], "2027-03-31");
  EXPECT_EQ(json[1]["state"], "draft");
  EXPECT_EQ(json[1]["status"], "");
  EXPECT_EQ(json[2]["narrative"], "Two steps slipped.\nRecruitment is the cause.");

  EXPECT_THAT(Waymark({"cycle", "list"}).out,
              HasSubstr("open, overdue  2/78       1/78   75/78\n"));
  const auto log = Waymark({"audit", "list", "--entity", "action-update", "--format", "csv"}).out;
  EXPECT_THAT(log, HasSubstr(",analyst@barnet.example,waymark update import,"
                             "action-update.submit,action-update,"));
  EXPECT_THAT(log, HasSubstr(",analyst@barnet.example,waymark update import,"
                             "action-update.save,action-update,"));
  // One entry a saved update, after the header.
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 4);
}

TEST_F(UpdateImportTest, ADraftIsReplacedAndASubmittedUpdateIsLocked) {
  ASSERT_EQ(Import("first.csv", kGoodRows).code, 0);
  const auto second =
      Import("second.csv",
             "hw-immunisation-awareness,public-health@partners.example,submitted,off-track,"
             "The catch-up clinics were cancelled.,,,\n");
  ASSERT_EQ(second.code, 0) << second.err;
  const auto json =
      nlohmann::json::parse(Waymark({"update", "list", "--cycle", "1", "--format", "json"}).out);
  EXPECT_EQ(json[1]["action"], "hw-immunisation-awareness");
  EXPECT_EQ(json[1]["state"], "submitted");
  EXPECT_EQ(json[1]["status"], "off-track");
  EXPECT_EQ(json[1]["version"], 2);

  const std::string before = ProgressState();
  const auto locked =
      Import("locked.csv",
             "hw-healthy-child-programme,public-health@partners.example,draft,at-risk,,,,\n");
  EXPECT_EQ(locked.code, 1);
  EXPECT_EQ(locked.err,
            dir_.File("locked.csv") +
                ":2:1: action: the update of 'hw-healthy-child-programme' in this cycle is "
                "submitted, so it is locked; an analyst must reopen it before it can change\n"
                "1 problem found; nothing was imported\n");
  EXPECT_EQ(locked.out, "");
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(UpdateImportTest, AListedCycleImportsIntoTheNext) {
  ASSERT_EQ(Import("first.csv", kGoodRows).code, 0);
  const std::string listed =
      WriteFile("listed.csv", Waymark({"update", "list", "--cycle", "1", "--format", "csv"}).out);
  ASSERT_EQ(Waymark({"cycle", "close", "1"}).code, 0);
  ASSERT_EQ(Waymark({"cycle", "open", "--plan", "barnet-2019-23", "--name", "2026–27 Q3", "--from",
                     "2026-10-01", "--to", "2026-12-31", "--due", "2027-01-31"})
                .code,
            0);
  const auto r = Waymark({"update", "import", "--cycle", "2", listed});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, listed + ": imported 3 updates (2 submitted, 1 draft)\n");
  const auto first = Waymark({"update", "list", "--cycle", "1", "--format", "json"}).out;
  const auto second =
      nlohmann::json::parse(Waymark({"update", "list", "--cycle", "2", "--format", "json"}).out);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[2]["narrative"], "Two steps slipped.\nRecruitment is the cause.");
  EXPECT_EQ(second[2]["cycle"], 2);
  EXPECT_EQ(nlohmann::json::parse(first).size(), 3u);
}

TEST_F(UpdateImportTest, AClosedCycleTakesNoUpdates) {
  ASSERT_EQ(Waymark({"cycle", "close", "1"}).code, 0);
  const std::string before = ProgressState();
  const auto r = Import("updates.csv", kGoodRows);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "waymark: update import: cycle 1 of barnet-2019-23 (2026–27 Q2) is closed; its "
            "updates can no longer change; nothing was imported\n");
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(UpdateImportTest, EachBadRowIsReportedAtItsFieldAndNothingChanges) {
  ASSERT_EQ(Import("first.csv", kGoodRows).code, 0);
  const std::string before = ProgressState();
  struct Case {
    std::string row;
    std::string problem;  // after FILE:
  };
  const std::string ph = "public-health@partners.example";
  const std::vector<Case> cases = {
      // Another organisation's action: hw-thrive is Barnet CCG's.
      {"hw-thrive," + ph + ",submitted,on-track,Going well.,,,",
       "2:11: author: public-health@partners.example belongs to public-health, which is not "
       "responsible for action 'hw-thrive' (responsible: barnet-ccg)"},
      {"hw-resilient-schools,board@barnet.example,draft,,,,,",
       "2:22: author: board@barnet.example is a board user; updates are written by analysts "
       "and by the partners responsible for the action"},
      {"hw-resilient-schools," + ph + ",submitted,on-track,Fine.,javascript:alert(1),,",
       "2:78: evidence: Evidence link 1 must start with http:// or https://"},
      {"hw-resilient-schools," + ph + ",draft,,,https://ok.example | javascript:alert(1),,",
       "2:61: evidence: Evidence link 2 must start with http:// or https://"},
      {"hw-resilient-schools,nobody@barnet.example,draft,,,,,",
       "2:22: author: no user nobody@barnet.example"},
      {"hw-resilient-schools,not an email,draft,,,,,",
       "2:22: author: 'not an email' is not an email address"},
      {"no-such-action," + ph + ",draft,,,,,",
       "2:1: action: no action 'no-such-action' in plan barnet-2019-23"},
      {"," + ph + ",draft,,,,,", "2:1: action: enter the id of an action of plan barnet-2019-23"},
      {"hw-resilient-schools," + ph + ",draft,,,,,2026-02-31",
       "2:63: expected_completion: Enter a real date, for example 2026-03-31"},
      {"hw-resilient-schools," + ph + ",done,,,,,",
       "2:53: state: must be draft or submitted, not 'done'"},
      {"hw-resilient-schools," + ph + ",,,,,,", "2:53: state: enter draft or submitted"},
      {"hw-resilient-schools," + ph + ",draft,going-ok,,,,",
       "2:59: status: Select a status from the list"},
      {"hw-resilient-schools," + ph + ",draft,,,,", "2:1: the row has 7 fields; the header has 8"},
  };
  for (const Case& c : cases) {
    const auto r = Import("bad.csv", c.row + "\n");
    EXPECT_EQ(r.code, 1) << c.row;
    EXPECT_EQ(r.err,
              dir_.File("bad.csv") + ":" + c.problem + "\n1 problem found; nothing was imported\n")
        << c.row;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(UpdateImportTest, EveryProblemOfAFileIsReportedInOrder) {
  const std::string before = ProgressState();
  const std::string ph = "public-health@partners.example";
  const auto r = Import("bad.csv",
                        // A good row, which is not saved either.
                        "hw-resilient-schools," + ph + ",submitted,on-track,Fine.,,,\n" +
                            // Submitting needs a status and a narrative.
                            "hw-digital-resilience," + ph + ",submitted,,,,,\n" +
                            // One update per action.
                            "hw-resilient-schools," + ph + ",draft,,,,,\n");
  EXPECT_EQ(r.code, 1);
  const std::string file = dir_.File("bad.csv");
  EXPECT_EQ(r.err, file + ":3:64: status: Select how the action is going\n" + file +
                       ":3:65: narrative: Enter a narrative of how the action is going\n" + file +
                       ":4:1: action: 'hw-resilient-schools' has a row already on line 2; a "
                       "cycle holds one update per action\n"
                       "3 problems found; nothing was imported\n");
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(UpdateImportTest, ABrokenFileIsRefused) {
  const std::string before = ProgressState();
  struct Case {
    std::string text;
    std::string problem;  // after FILE:
  };
  const std::vector<Case> cases = {
      {"",
       "1:1: the file is empty; its first line must be the header: action,author,state,"
       "status,narrative,evidence,next_steps,expected_completion"},
      {kHeader, "1:1: no updates: the file has a header and no rows"},
      {"action,author,state,status,narrative,evidence,next steps,expected_completion\n",
       "1:47: unknown column 'next steps'; the columns are: action, author, state, status, "
       "narrative, evidence, next_steps, expected_completion\n" +
           std::string("FILE:1:1: missing column 'next_steps'")},
      {"action,author,action,state,status,narrative,evidence,next_steps,expected_completion\n",
       "1:15: column 'action' appears twice"},
      {kHeader + "hw-resilient-schools,x@y.example,draft,\"unterminated,,,,\n",
       "2:40: quoted field is not closed before the end of the file"},
  };
  for (const Case& c : cases) {
    const std::string path = WriteFile("broken.csv", c.text);
    const auto r = Waymark({"update", "import", "--cycle", "1", path});
    EXPECT_EQ(r.code, 1) << c.text;
    std::string expected = path + ":" + c.problem;
    for (std::size_t at = expected.find("FILE"); at != std::string::npos;
         at = expected.find("FILE")) {
      expected.replace(at, 4, path);
    }
    EXPECT_THAT(r.err, HasSubstr(expected)) << c.text;
    EXPECT_THAT(r.err, HasSubstr("nothing was imported\n"));
  }
  // A file the CSV reader refuses is that one problem, not also an empty file.
  const std::string utf16 = WriteFile("utf16.csv", std::string("\xFF\xFE" "a\0c\0", 6));
  const auto wide = Waymark({"update", "import", "--cycle", "1", utf16});
  EXPECT_EQ(wide.code, 1);
  EXPECT_THAT(wide.err, HasSubstr(utf16 + ":1:1: the file is UTF-16 text"));
  EXPECT_THAT(wide.err, HasSubstr("\n1 problem found; nothing was imported\n"));
  const auto missing = Waymark({"update", "import", "--cycle", "1", dir_.File("none.csv")});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("none.csv"));
  const auto no_cycle = Waymark({"update", "import", "--cycle", "7", dir_.File("none.csv")});
  EXPECT_EQ(no_cycle.err,
            "waymark: update import: --cycle: no cycle 7 (see 'waymark cycle list')\n");
  EXPECT_EQ(ProgressState(), before);
}

// A file whose third data row is bad saves none of its rows, and says where the problem is.
TEST_F(UpdateImportTest, AFileWhoseThirdRowIsBadSavesNone) {
  const std::string before = ProgressState();
  const std::string ph = "public-health@partners.example";
  const auto r =
      Import("third.csv", "hw-resilient-schools," + ph + ",submitted,on-track,Fine.,,,\n" +
                              "hw-digital-resilience," + ph + ",draft,,,,,\n" +
                              "hw-immunisation-awareness," + ph + ",draft,sideways,,,,\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, dir_.File("third.csv") +
                       ":4:64: status: Select a status from the list\n"
                       "1 problem found; nothing was imported\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(ProgressState(), before);
}

// The rows are checked against the store as it was read; when the store has changed by the
// time they are saved (another writer submitted the third row's action meanwhile), the batch
// is refused at that row and the two rows before it are not saved either.
TEST_F(UpdateImportTest, ARowRefusedWhenSavedLeavesTheEarlierRowsUnsaved) {
  const std::string ph = "public-health@partners.example";
  const std::string path = WriteFile(
      "race.csv", kHeader + "hw-resilient-schools," + ph + ",submitted,on-track,Fine.,,,\n" +
                      "hw-digital-resilience," + ph + ",draft,,,,,\n" +
                      "hw-immunisation-awareness," + ph + ",draft,,,,,\n");
  auto opened = store::OpenStore(db_, store::OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  store::Store& store = **opened;
  const ReportingCycle cycle = *store.FindCycle(1);
  const Plan plan = *store.LoadPlan(cycle.plan_id);
  const auto check = CheckUpdateFile(path, cycle, plan, {}, store);
  ASSERT_TRUE(check.has_value()) << check.error().ToString();
  ASSERT_TRUE(check->ok());
  ASSERT_EQ(check->updates.size(), 3u);

  ActionUpdate theirs = check->updates[2].update;
  theirs.state = UpdateState::kSubmitted;
  theirs.fields.status = ActionStatus::kOnTrack;
  theirs.fields.narrative = "Submitted by someone else meanwhile.";
  AuditEntry audit;
  audit.at = "2026-11-22T20:15:00Z";
  audit.actor = ph;
  audit.via = "test";
  ASSERT_TRUE(store.SaveActionUpdate(theirs, 0, clock_.NowUnixSeconds(), audit).has_value());
  const std::string before = ProgressState();

  const auto saved = SaveUpdateFile(store, path, check->updates, clock_.NowUnixSeconds(), audit);
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConflict);
  EXPECT_EQ(saved.error().ToString(),
            path +
                ":4: the update of action 'hw-immunisation-awareness' in cycle 1 cannot be "
                "saved: the update has been submitted");
  EXPECT_EQ(ProgressState(), before);
  const auto listed =
      nlohmann::json::parse(Waymark({"update", "list", "--cycle", "1", "--format", "json"}).out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["narrative"], "Submitted by someone else meanwhile.");
}

TEST_F(UpdateImportTest, EvidenceCellsSplitOnBarsAndLineBreaks) {
  EXPECT_THAT(SplitEvidenceCell("https://a.example | https://b.example"),
              ElementsAre("https://a.example", "https://b.example"));
  EXPECT_THAT(SplitEvidenceCell(" https://a.example\r\nhttps://b.example\n\n | "),
              ElementsAre("https://a.example", "https://b.example"));
  EXPECT_THAT(SplitEvidenceCell("https://a.example/x|y"), ElementsAre("https://a.example/x|y"));
  EXPECT_THAT(SplitEvidenceCell(""), ElementsAre());
  EXPECT_THAT(SplitEvidenceCell("  "), ElementsAre());
}

}  // namespace
}  // namespace waymark::cli
