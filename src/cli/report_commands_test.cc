// End-to-end tests of `waymark report`: the Barnet plan with judged figures for one indicator
// and a cycle of updates, rendered in every format (the PDF read back with poppler-utils),
// issued and frozen against later imports, signed off step by step, and bad input refused.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands_test_util.h"
#include "cli/cycle_test_fixture.h"
#include "report/charts.h"
#include "report/pdf_render.h"

namespace waymark::cli {
namespace {

using ::testing::HasSubstr;
using testing::CycleTest;

constexpr char kIndicator[] = "care-leavers-eet-17-18";

// The standard output of `command` (poppler-utils in tests only).
std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  for (size_t n = 0; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

class ReportCommandsTest : public CycleTest {
 protected:
  void SetUp() override {
    CycleTest::SetUp();
    ASSERT_EQ(Waymark({"areas", "import", kRoot + "/data/areas/areas.csv"}).code, 0);
    ASSERT_EQ(Waymark({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"})
                  .code,
              0);
    ImportFigures(50);
    OpenQ2();
    AddUser("housing@partners.example", "partner", "housing");
    AddUser("analyst@barnet.example", "analyst");
    AddUser("board@barnet.example", "board");
    const std::string updates = WriteFile(
        "u.csv",
        "action,author,state,status,narrative,evidence,next_steps,expected_completion\n"
        "ss-housing-allocation-policy,housing@partners.example,submitted,off-track,"
        "The policy review slipped to next quarter.,,Consult tenants.,\n");
    const CliOutput r = Waymark({"update", "import", "--cycle", "1", updates});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // Barnet's care leavers in education, employment or training: `barnet` of 70 in each year.
  void ImportFigures(int barnet) {
    std::string csv = "indicator,area_code,period,count,denominator\n";
    for (const char* year : {"2021", "2022", "2023", "2024"}) {
      csv += std::string(kIndicator) + ",E09000003," + year + "," + std::to_string(barnet) +
             ",70\n";
      csv += std::string(kIndicator) + ",E92000001," + year + ",6000,10000\n";
      csv += std::string(kIndicator) + ",E09000002," + year + ",40,70\n";
    }
    const std::string path = WriteFile("figures.csv", csv);
    ASSERT_EQ(Waymark({"data", "import", "--format", "csv", path}).code, 0);
    ASSERT_EQ(Waymark({"assess"}).code, 0);
  }

  // The engine's figure for Barnet in 2024, as reports show it (one decimal place).
  std::string EngineValue() {
    auto store = OpenStore();
    const auto rows = *store->ListAssessments(kIndicator, "E09000003");
    for (const Assessment& a : rows) {
      if (a.period.Label() == "2024" && a.breakdown.sex == "Persons") {
        return report::OneDecimal(a.value);
      }
    }
    ADD_FAILURE() << "no 2024 figure";
    return "";
  }

  std::string Out(const std::string& name) { return dir_.File(name); }
};

TEST_F(ReportCommandsTest, RendersHtmlXlsxAndCsvFromTheJudgedFigures) {
  const std::string value = EngineValue();
  EXPECT_EQ(value, "71.4");  // 50 of 70
  CliOutput r = Waymark({"report", "plan", "--plan", "barnet-2019-23", "--format", "html",
                         "--output", Out("plan.html")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = ReadFile(Out("plan.html"));
  EXPECT_THAT(html, HasSubstr("<title>Board pack: 2026–27 Q2 – "));
  EXPECT_THAT(html, HasSubstr(">" + value + "<"));
  EXPECT_THAT(html, HasSubstr("The policy review slipped to next quarter."));
  EXPECT_THAT(html, HasSubstr("Off track in this cycle"));
  EXPECT_THAT(html, HasSubstr("id=\"outcome-communication\""));

  r = Waymark({"report", "exceptions", "--plan", "barnet-2019-23", "--format", "csv", "--output",
               Out("csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("exceptions.csv"));
  EXPECT_THAT(ReadFile(Out("csv/exceptions.csv")),
              HasSubstr("action:ss-housing-allocation-policy"));
  r = Waymark({"report", "outcome", "--plan", "barnet-2019-23", "--outcome", "safe-and-secure",
               "--format", "csv", "--table", "indicators", "--output", Out("ind.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(ReadFile(Out("ind.csv")), HasSubstr(",2024," + value + ","));

  r = Waymark({"report", "plan", "--plan", "barnet-2019-23", "--format", "xlsx", "--output",
               Out("plan.xlsx")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(Out("plan.xlsx")).substr(0, 2), "PK");
}

TEST_F(ReportCommandsTest, ThePdfIsTaggedHasABookmarkPerOutcomeAndTheEnginesNumbers) {
  if (!report::PdfRendererAvailable() || Shell("command -v pdftotext").empty()) {
    GTEST_SKIP() << "weasyprint or poppler-utils is not installed";
  }
  const CliOutput r = Waymark({"report", "plan", "--plan", "barnet-2019-23", "--format", "pdf",
                               "--output", Out("plan.pdf")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string info = Shell("pdfinfo '" + Out("plan.pdf") + "'");
  EXPECT_THAT(info, HasSubstr("Tagged:          yes"));
  EXPECT_THAT(info, HasSubstr("Title:           Board pack: 2026–27 Q2"));
  const std::string text = Shell("pdftotext -layout '" + Out("plan.pdf") + "' -");
  EXPECT_THAT(text, HasSubstr(EngineValue()));
  EXPECT_THAT(text, HasSubstr("Data as of"));
  const std::string bytes = ReadFile(Out("plan.pdf"));
  for (const char* outcome : {"Family and Belonging", "Safe and Secure", "Health and Wellbeing",
                              "Education and Learning", "Culture", "Cooperation and Leadership",
                              "Communication"}) {
    EXPECT_THAT(bytes, HasSubstr(std::string("/Title (") + outcome + ")")) << outcome;
  }
}

TEST_F(ReportCommandsTest, AnIssuedReportStaysAsItWasAfterNewFiguresAreJudged) {
  if (!report::PdfRendererAvailable()) GTEST_SKIP() << "weasyprint is not installed";
  CliOutput r = Waymark({"report", "issue", "--plan", "barnet-2019-23", "--kind", "outcome",
                         "--outcome", "safe-and-secure", "--board",
                         "family-services-improvement-board"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("issued report 1: Outcome report: Safe and Secure – 2026–27 Q2"));
  ASSERT_EQ(Waymark({"report", "show", "1", "--format", "pdf", "--output", Out("a.pdf")}).code, 0);
  ASSERT_EQ(Waymark({"report", "show", "1", "--format", "html", "--output", Out("a.html")}).code,
            0);
  ImportFigures(20);  // 20 of 70: 28.6
  ASSERT_EQ(Waymark({"report", "show", "1", "--format", "pdf", "--output", Out("b.pdf")}).code, 0);
  ASSERT_EQ(Waymark({"report", "show", "1", "--format", "html", "--output", Out("b.html")}).code,
            0);
  EXPECT_EQ(ReadFile(Out("a.pdf")), ReadFile(Out("b.pdf")));
  EXPECT_EQ(ReadFile(Out("a.html")), ReadFile(Out("b.html")));
  EXPECT_THAT(ReadFile(Out("b.html")), HasSubstr(">71.4<"));
  ASSERT_EQ(Waymark({"report", "show", "1", "--format", "csv", "--table", "indicators",
                     "--output", Out("frozen.csv")})
                .code,
            0);
  EXPECT_THAT(ReadFile(Out("frozen.csv")), HasSubstr(",2024,71.4,"));
  // A report rendered now shows the new figure and what changed since the issued one.
  r = Waymark({"report", "outcome", "--plan", "barnet-2019-23", "--outcome", "safe-and-secure",
               "--format", "html", "--output", Out("now.html")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string now = ReadFile(Out("now.html"));
  EXPECT_THAT(now, HasSubstr(">28.6<"));
  EXPECT_THAT(now, HasSubstr("71.4 (2024) is now 28.6 (2024)"));
  r = Waymark({"report", "list"});
  EXPECT_THAT(r.out, HasSubstr("1   barnet-2019-23  outcome  draft"));
}

TEST_F(ReportCommandsTest, SignOffGoesStepByStepWithTheRightPeople) {
  if (!report::PdfRendererAvailable()) GTEST_SKIP() << "weasyprint is not installed";
  ASSERT_EQ(Waymark({"report", "issue", "--plan", "barnet-2019-23", "--kind", "exceptions",
                     "--board", "family-services-improvement-board"})
                .code,
            0);
  CliOutput r = Waymark({"report", "approve", "1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--as: marking a report approved needs a named user"));
  r = Waymark({"--as", "board@barnet.example", "report", "approve", "1"});
  EXPECT_EQ(r.code, 1);  // a draft is reviewed first
  r = Waymark({"--as", "board@barnet.example", "report", "review", "1"});
  EXPECT_EQ(r.code, 1);  // reviewing is an analyst's step
  r = Waymark({"--as", "analyst@barnet.example", "report", "review", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("is now reviewed"));
  r = Waymark({"--as", "analyst@barnet.example", "report", "approve", "1"});
  EXPECT_EQ(r.code, 1);  // approving is a board member's
  r = Waymark({"--as", "board@barnet.example", "report", "approve", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  r = Waymark({"--as", "analyst@barnet.example", "report", "publish", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(Waymark({"report", "list", "--format", "json"}).out,
              HasSubstr("\"state\": \"published\""));
  EXPECT_THAT(Waymark({"audit", "list"}).out, HasSubstr("report.approve"));
}

TEST_F(ReportCommandsTest, TheChildrensVersionHasThePlansWordingAndPrintsItsReadability) {
  CliOutput r = Waymark({"report", "children", "--plan", "barnet-2019-23", "--format", "html",
                         "--output", Out("children.html")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = ReadFile(Out("children.html"));
  EXPECT_THAT(html, HasSubstr("<title>Children and young people&#39;s version: 2026–27 Q2"));
  EXPECT_THAT(html, HasSubstr("<body class=\"report children\">"));
  EXPECT_THAT(html, HasSubstr("We helped 16 schools to care for their pupils&#39; mental health."));
  EXPECT_THAT(html, HasSubstr("id=\"outcome-communication\""));
  EXPECT_THAT(html, HasSubstr("1 thing needs more work."));  // the off-track housing update
  EXPECT_THAT(html, ::testing::Not(HasSubstr("still being written")));
  EXPECT_THAT(r.err, HasSubstr("outcome health-and-wellbeing: reading ease "));
  EXPECT_THAT(r.err, HasSubstr("outcome communication: reading ease "));
  EXPECT_THAT(r.err, HasSubstr("; 0 problems"));
  EXPECT_THAT(r.out, HasSubstr("wrote " + Out("children.html")));
  // The tables: the summary and the actions.
  r = Waymark({"report", "children", "--plan", "barnet-2019-23", "--format", "csv", "--output",
               Out("children")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("summary.csv"));
  EXPECT_THAT(r.out, HasSubstr("actions.csv"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("exceptions.csv")));
  // Other kinds print no readability.
  r = Waymark({"report", "plan", "--plan", "barnet-2019-23", "--format", "html", "--output",
               Out("plan.html")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("reading ease")));
}

TEST_F(ReportCommandsTest, OnATerminalRenderingCountsItsStepsAndClearsTheLineForReadability) {
  const std::vector<std::string> args = {"report",   "children", "--plan", "barnet-2019-23",
                                         "--format", "html",     "--output", Out("c.html")};
  const CliOutput plain = Waymark(args);
  ASSERT_EQ(plain.code, 0) << plain.err;
  CliEnv terminal;
  terminal.stderr_is_terminal = true;
  const CliOutput shown = RunCli(db_, args, clock_, "", terminal);
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_EQ(shown.out, plain.out);
  EXPECT_THAT(shown.err, ::testing::StartsWith(
                             "\rreport children: 0 of 3 steps (0%) · reading the data\x1b[K"));
  // The readability lines start on a clean line.
  EXPECT_THAT(shown.err, HasSubstr("\x1b[K\r\x1b[Koutcome "));
  EXPECT_THAT(shown.err,
              HasSubstr("\rreport children: 1 of 3 steps (33%) · writing the HTML\x1b[K"));
  EXPECT_THAT(shown.err,
              HasSubstr("\rreport children: 2 of 3 steps (66%) · writing the file\x1b[K"));
  EXPECT_THAT(shown.err, ::testing::EndsWith(
                             "\rreport children: 3 of 3 steps (100%)\x1b[K\r\x1b[K"));
  EXPECT_EQ(WithoutProgressLines(shown.err), plain.err);
  // --quiet: none of it.
  std::vector<std::string> quiet = args;
  quiet.insert(quiet.begin(), "--quiet");
  const CliOutput silent = RunCli(db_, quiet, clock_, "", terminal);
  EXPECT_EQ(silent.err, plain.err);
  EXPECT_EQ(silent.out, plain.out);
}

TEST_F(ReportCommandsTest, TheChildrensVersionIsIssuedLikeTheOthers) {
  if (!report::PdfRendererAvailable()) GTEST_SKIP() << "weasyprint is not installed";
  const CliOutput r = Waymark({"report", "issue", "--plan", "barnet-2019-23", "--kind",
                               "children", "--board", "family-services-improvement-board"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("issued report 1: Children and young people's version: 2026–27 Q2"));
  EXPECT_THAT(r.err, HasSubstr("outcome culture: reading ease "));
  EXPECT_THAT(Waymark({"report", "list"}).out, HasSubstr("children"));
}

TEST_F(ReportCommandsTest, BadInputIsNamedAndChangesNothing) {
  const std::string before = ProgressState();
  auto refused = [this](std::vector<std::string> args, const std::string& message) {
    const CliOutput r = Waymark(std::move(args));
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr(message));
  };
  refused({"report", "outcome", "--plan", "barnet-2019-23", "--output", Out("x.html")},
          "--outcome: an outcome report needs one");
  refused({"report", "plan", "--plan", "barnet-2019-23", "--outcome", "culture", "--output",
           Out("x.html")},
          "--outcome: only an outcome report covers one outcome");
  refused({"report", "outcome", "--plan", "barnet-2019-23", "--outcome", "nowhere", "--output",
           Out("x.html")},
          "no outcome 'nowhere'");
  refused({"report", "plan", "--plan", "barnet-2019-23", "--cycle", "abc", "--output",
           Out("x.html")},
          "--cycle: 'abc' is not a cycle id");
  refused({"report", "plan", "--plan", "barnet-2019-23", "--cycle", "9", "--output",
           Out("x.html")},
          "no cycle 9");
  refused({"report", "plan", "--plan", "nope", "--output", Out("x.html")}, "nope");
  refused({"report", "plan", "--plan", "barnet-2019-23", "--format", "csv", "--table", "bogus",
           "--output", Out("x.csv")},
          "--table: no table 'bogus'; this report has: Summary, Exceptions, Indicators");
  refused({"report", "issue", "--plan", "barnet-2019-23", "--kind", "memo", "--board", "x"},
          "--kind: 'memo' is not outcome, plan, exceptions or children");
  refused({"report", "issue", "--plan", "barnet-2019-23", "--kind", "plan", "--board",
           "no-such-board"},
          "board");
  refused({"report", "show", "7", "--output", Out("x.html")}, "ID: no report 7");
  refused({"report", "show", "x", "--output", Out("x.html")}, "ID: 'x' is not a report id");
  EXPECT_EQ(ProgressState(), before);
  EXPECT_THAT(Waymark({"report", "list"}).out, HasSubstr("no reports have been issued"));
}

}  // namespace
}  // namespace waymark::cli
