// End-to-end tests of `waymark cycle open|list|close` and `waymark update list`: what each
// prints, the overdue threshold, the audit entries, and that every refused command (a bad
// date, dates out of order, an unknown plan, a second open cycle, an unknown cycle) says why
// and leaves the database as it was.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cycle_test_fixture.h"

namespace waymark::cli {
namespace {

using testing::CycleTest;
using ::testing::HasSubstr;
using testing::kOpenQ2;

// `cycle open` with one option of kOpenQ2 replaced.
std::vector<std::string> OpenWith(const std::string& option, const std::string& value) {
  std::vector<std::string> args = kOpenQ2;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == option) args[i + 1] = value;
  }
  return args;
}

class CycleCommandsTest : public CycleTest {};

TEST_F(CycleCommandsTest, OpenListAndCloseACycle) {
  AddUser("analyst@barnet.example", "analyst");
  std::vector<std::string> args = kOpenQ2;
  args.insert(args.begin(), {"--as", "Analyst@barnet.example"});
  const auto opened = Waymark(args);
  ASSERT_EQ(opened.code, 0) << opened.err;
  EXPECT_EQ(opened.out,
            "opened cycle 1 of barnet-2019-23: 2026–27 Q2, 2026-07-01 to 2026-09-30, due "
            "2026-10-31\n");
  EXPECT_EQ(opened.err, "");

  const auto text = Waymark({"cycle", "list"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_EQ(text.out,
            "id  plan            name        from        to          due         state         "
            " submitted  draft  no update\n"
            "1   barnet-2019-23  2026–27 Q2  2026-07-01  2026-09-30  2026-10-31  open, overdue "
            " 0/78       0/78   78/78\n");
  const auto csv = Waymark({"cycle", "list", "--plan", "barnet-2019-23", "--format", "csv"});
  EXPECT_EQ(csv.out,
            "id,plan,name,from,to,due,state,overdue,actions,submitted,draft,no_update,opened_at,"
            "opened_by,closed_at,closed_by\n"
            "1,barnet-2019-23,2026–27 Q2,2026-07-01,2026-09-30,2026-10-31,open,true,78,0,0,78,"
            "2026-11-22T20:15:00Z,analyst@barnet.example,,\n");
  const auto json = nlohmann::json::parse(Waymark({"cycle", "list", "--format", "json"}).out);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["id"], 1);
  EXPECT_EQ(json[0]["name"], "2026–27 Q2");
  EXPECT_EQ(json[0]["state"], "open");
  EXPECT_EQ(json[0]["overdue"], true);
  EXPECT_EQ(json[0]["actions"], 78);
  EXPECT_EQ(json[0]["no_update"], 78);

  const auto closed = Waymark({"cycle", "close", "1"});
  ASSERT_EQ(closed.code, 0) << closed.err;
  EXPECT_EQ(closed.out,
            "closed cycle 1 of barnet-2019-23 (2026–27 Q2); its updates can no longer change\n");
  const auto after = Waymark({"cycle", "list", "--format", "csv"});
  EXPECT_THAT(after.out, HasSubstr(",2026-10-31,closed,false,78,0,0,78,2026-11-22T20:15:00Z,"
                                   "analyst@barnet.example,2026-11-22T20:15:00Z,os:analyst\n"));

  const auto log = Waymark({"audit", "list", "--entity", "cycle", "--format", "csv"}).out;
  EXPECT_THAT(log, HasSubstr(",analyst@barnet.example,waymark cycle open,cycle.open,cycle,1,"));
  EXPECT_THAT(log, HasSubstr(",os:analyst,waymark cycle close,cycle.close,cycle,1,"));
}

TEST_F(CycleCommandsTest, ClosingAClosedCycleSaysSoAndChangesNothing) {
  OpenQ2();
  ASSERT_EQ(Waymark({"cycle", "close", "1"}).code, 0);
  const std::string before = ProgressState();
  const auto again = Waymark({"cycle", "close", "1"});
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out,
            "cycle 1 of barnet-2019-23 (2026–27 Q2) was closed already, at "
            "2026-11-22T20:15:00Z\n");
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(CycleCommandsTest, OverdueOnlyOnceTheDueDateHasPassed) {
  // Today is 2026-11-22: due today is not overdue; due yesterday is.
  ASSERT_EQ(Waymark({"cycle", "open", "--plan", "barnet-2019-23", "--name", "October", "--from",
                     "2026-10-01", "--to", "2026-10-31", "--due", "2026-11-22"})
                .code,
            0);
  EXPECT_THAT(Waymark({"cycle", "list", "--format", "csv"}).out,
              HasSubstr(",2026-11-22,open,false,"));
  ASSERT_EQ(Waymark({"cycle", "close", "1"}).code, 0);
  // One day long, due the day it ends: the dates may be equal.
  const auto same_day =
      Waymark({"cycle", "open", "--plan", "barnet-2019-23", "--name", "A day", "--from",
               "2026-11-21", "--to", "2026-11-21", "--due", "2026-11-21"});
  ASSERT_EQ(same_day.code, 0) << same_day.err;
  const auto list = Waymark({"cycle", "list"}).out;
  EXPECT_THAT(list, HasSubstr("2   barnet-2019-23  A day    2026-11-21  2026-11-21  2026-11-21  "
                              "open, overdue"));
  EXPECT_THAT(list, HasSubstr("1   barnet-2019-23  October  2026-10-01  2026-10-31  2026-11-22  "
                              "closed "));
}

TEST_F(CycleCommandsTest, BadFieldsAreEachNamedAndChangeNothing) {
  const std::string before = ProgressState();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::string prefix = "waymark: cycle open: ";
  const std::vector<Case> cases = {
      {OpenWith("--from", "2026-02-31"),
       prefix + "--from: Enter a real date, for example 2026-03-31\n"},
      {OpenWith("--due", "31/10/2026"),
       prefix + "--due: Enter a real date, for example 2026-03-31\n"},
      {OpenWith("--to", "2026-06-30"),
       prefix + "--to: The end date must be the same as or after the start date\n"},
      {OpenWith("--due", "2026-09-29"),
       prefix + "--due: The due date must be the same as or after the end date\n"},
      {OpenWith("--name", " "), prefix + "--name: Enter a name for the cycle\n"},
      {OpenWith("--name", std::string(81, 'q')),
       prefix + "--name: Name must be 80 characters or fewer\n"},
      {OpenWith("--plan", "nope"),
       prefix + "--plan: no plan 'nope'; the stored plans are: barnet-2019-23\n"},
  };
  for (const Case& c : cases) {
    const auto r = Waymark(c.args);
    EXPECT_EQ(r.code, 1) << c.err;
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "");
  }
  // Every problem at once, one a line.
  std::vector<std::string> all = OpenWith("--from", "2026-02-31");
  all[5] = "";
  all[3] = "nope";
  all[11] = "soon";
  const auto r = Waymark(all);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, prefix + "--name: Enter a name for the cycle\n" + prefix +
                       "--from: Enter a real date, for example 2026-03-31\n" + prefix +
                       "--due: Enter a real date, for example 2026-03-31\n" + prefix +
                       "--plan: no plan 'nope'; the stored plans are: barnet-2019-23\n");
  EXPECT_EQ(ProgressState(), before);
  // 80 characters is the most a name may have.
  EXPECT_EQ(Waymark(OpenWith("--name", std::string(80, 'q'))).code, 0);
}

TEST_F(CycleCommandsTest, ASecondOpenCycleIsRefused) {
  OpenQ2();
  const std::string before = ProgressState();
  const auto r = Waymark(OpenWith("--name", "Another"));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "waymark: cycle open: plan barnet-2019-23 has an open cycle already: 1 (2026–27 Q2, "
            "due 2026-10-31); a plan has one open cycle at a time, so close it first with "
            "'waymark cycle close 1'\n");
  EXPECT_EQ(ProgressState(), before);
  // Once it is closed, the next may open.
  ASSERT_EQ(Waymark({"cycle", "close", "1"}).code, 0);
  const auto next = Waymark(OpenWith("--name", "Another"));
  EXPECT_EQ(next.code, 0) << next.err;
  EXPECT_THAT(next.out, HasSubstr("opened cycle 2 of barnet-2019-23: Another,"));
}

TEST_F(CycleCommandsTest, UnknownActorIsRefusedBeforeAnythingIsWritten) {
  const std::string before = ProgressState();
  std::vector<std::string> args = kOpenQ2;
  args.insert(args.begin(), {"--as", "nobody@barnet.example"});
  const auto r = Waymark(args);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "waymark: cycle open: --as: no enabled user nobody@barnet.example\n");
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(CycleCommandsTest, UnknownCyclesAndPlansAreNamed) {
  OpenQ2();
  const std::string before = ProgressState();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"cycle", "close", "9"},
       "waymark: cycle close: ID: no cycle 9 (see 'waymark cycle list')\n"},
      {{"cycle", "close", "one"},
       "waymark: cycle close: ID: 'one' is not a cycle id (see 'waymark cycle list')\n"},
      {{"cycle", "close", "-1"},
       "waymark: cycle close: ID: '-1' is not a cycle id (see 'waymark cycle list')\n"},
      {{"cycle", "list", "--plan", "nope"},
       "waymark: cycle list: --plan: no plan 'nope'; the stored plans are: barnet-2019-23\n"},
      {{"update", "list", "--cycle", "2"},
       "waymark: update list: --cycle: no cycle 2 (see 'waymark cycle list')\n"},
      {{"update", "list", "--cycle", "x"},
       "waymark: update list: --cycle: 'x' is not a cycle id (see 'waymark cycle list')\n"},
  };
  for (const Case& c : cases) {
    const auto r = Waymark(c.args);
    EXPECT_EQ(r.code, 1) << c.err;
    EXPECT_EQ(r.err, c.err);
  }
  EXPECT_EQ(ProgressState(), before);
}

TEST_F(CycleCommandsTest, EmptyListsSayHowToBegin) {
  EXPECT_EQ(Waymark({"cycle", "list"}).out,
            "no reporting cycles (open one with 'waymark cycle open --plan ID --name NAME --from "
            "DATE --to DATE --due DATE')\n");
  EXPECT_EQ(Waymark({"cycle", "list", "--format", "json"}).out, "[]\n");
  OpenQ2();
  EXPECT_EQ(Waymark({"update", "list", "--cycle", "1"}).out, "no updates in this cycle\n");
  EXPECT_EQ(Waymark({"update", "list", "--cycle", "1", "--format", "json"}).out, "[]\n");
}

}  // namespace
}  // namespace waymark::cli
