// Tests of the children and young people's version: every outcome with its three headings, the
// plan's wording or "still being written", generated sentences with at most one number each,
// the pictures (role="img", a title, the same in words), escaping, the dispatch from
// RenderBoardReport and the tables, the readability lines, and the Barnet plan's own wording.
#include "report/children_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/plan_file.h"
#include "report/board_build.h"
#include "report/board_formats.h"
#include "report/report_test_util.h"

namespace waymark::report {
namespace {

using testing::Count;
using ::testing::HasSubstr;
using ::testing::Not;

ReportAction ActionWith(std::string id, std::string status) {
  ReportAction a;
  a.id = std::move(id);
  a.title = "Action " + a.id;
  a.status = std::move(status);
  return a;
}

ReportOutcome Worded() {
  ReportOutcome o;
  o.id = "safe";
  o.title = "Safe and Secure";
  o.children_promised = "We promised to keep you safe.";
  o.children_did = "We trained the police.";
  o.children_next = "We will listen more.";
  ReportObjective obj;
  obj.id = "streets";
  obj.actions = {ActionWith("a1", "on-track"), ActionWith("a2", "on-track"),
                 ActionWith("a3", "off-track"), ActionWith("a4", "")};
  ReportIndicator better;
  better.id = "i1";
  better.vs_england = "Better";
  better.recent_trend = "Increasing and getting better";
  ReportIndicator worse;
  worse.id = "i2";
  worse.vs_england = "Worse";
  obj.indicators = {better, worse};
  o.objectives = {obj};
  o.counts.actions = 4;
  o.counts.on_track = 2;
  o.counts.off_track = 1;
  o.counts.no_update = 1;
  o.counts.indicators = 2;
  o.counts.better = 1;
  o.counts.worse = 1;
  return o;
}

BoardReport TwoOutcomes() {
  BoardReport r;
  r.kind = ReportKind::kChildren;
  r.title = "Children and young people's version: 2026–27 Q2";
  r.plan_title = "Our plan";
  r.organisation = "A council";
  r.data_as_of = "2026-10-01T09:00:00Z";
  ReportOutcome unworded;
  unworded.id = "healthy";
  unworded.title = "Healthy";
  r.outcomes = {Worded(), unworded};
  return r;
}

TEST(ChildrensSentencesTest, EachHasAtMostOneNumber) {
  ReportCounts c;
  c.actions = 12;
  c.complete = 1;
  c.on_track = 7;
  c.at_risk = 2;
  c.off_track = 1;
  c.no_update = 1;
  c.indicators = 14;
  c.better = 5;
  c.worse = 3;
  c.getting_worse = 2;
  const auto sentences = ChildrensSentences(c, 4);
  ASSERT_EQ(sentences.size(), 10u);
  for (const std::string& s : sentences) {
    for (const ReadabilityProblem& p : PlainWordsProblems(s)) {
      ADD_FAILURE() << s << ": " << p.message;
    }
  }
  EXPECT_EQ(sentences[0], "We promised to do 12 things.");
  EXPECT_EQ(sentences[1], "1 thing is finished.");
  EXPECT_EQ(sentences[2], "7 things we promised are going well.");
  EXPECT_EQ(sentences[3], "3 things need more work.");
  EXPECT_EQ(sentences[4], "We are still waiting for news about 1 thing.");
  EXPECT_EQ(sentences[8], "Some signs are getting better.");
  EXPECT_EQ(sentences[9], "Some signs are getting worse.");
  // The checker itself flags two numbers in one sentence, so the loop above can fail.
  EXPECT_EQ(PlainWordsProblems("7 of 12 things are going well.").size(), 1u);
}

TEST(ChildrensSentencesTest, ZeroCountsSayNothingAndAnEmptyOutcomeSaysSoPlainly) {
  ReportCounts c;
  c.actions = 1;
  c.on_track = 1;
  const auto one = ChildrensSentences(c, 0);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0], "We promised to do 1 thing.");
  EXPECT_EQ(one[1], "1 thing we promised is going well.");
  const auto none = ChildrensSentences(ReportCounts{}, 0);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0], "We have nothing to count for this part yet.");
}

TEST(ChildrensReportDocumentTest, EveryOutcomeWithItsHeadingsWordingAndPictures) {
  const std::string html = ChildrensReportDocument(TwoOutcomes(), "body{}");
  EXPECT_THAT(html, HasSubstr("<html lang=\"en-GB\">"));
  EXPECT_THAT(html, HasSubstr("<title>Children and young people&#39;s version: 2026–27 Q2"));
  EXPECT_THAT(html, HasSubstr("<body class=\"report children\">"));
  EXPECT_THAT(html, HasSubstr("<style>body{}</style>"));
  EXPECT_THAT(html, HasSubstr("<h2>Safe and Secure</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2>Healthy</h2>"));
  EXPECT_EQ(Count(html, "<h3>What we promised</h3>"), 2);
  EXPECT_EQ(Count(html, "<h3>What we did</h3>"), 2);
  EXPECT_EQ(Count(html, "<h3>What is next</h3>"), 2);
  EXPECT_THAT(html, HasSubstr("<p>We promised to keep you safe.</p>"));
  EXPECT_THAT(html, HasSubstr("<p>We trained the police.</p>"));
  // The outcome without wording says so under each heading, and nothing is made up.
  EXPECT_EQ(Count(html, std::string(kWordsStillBeingWritten)), 3);
  EXPECT_THAT(html, HasSubstr("<li>2 things we promised are going well.</li>"));
  EXPECT_THAT(html, HasSubstr("<li>1 thing needs more work.</li>"));
  EXPECT_THAT(html, HasSubstr("<li>Some signs are getting better.</li>"));
  // Pictures: one circle per action, one square per sign, each SVG labelled in words.
  EXPECT_EQ(Count(html, "role=\"img\""), 2);
  EXPECT_EQ(Count(html, "<circle"), 4);
  EXPECT_EQ(Count(html, "<rect"), 2);
  EXPECT_THAT(html, HasSubstr("<title id=\"children-safe-actions-title\">The things we "
                              "promised</title>"));
  // One number a sentence, in the description and the caption alike.
  EXPECT_THAT(html, HasSubstr(">Going well: 2. Needs more work: 1. Waiting for news: 1.</desc>"));
  EXPECT_THAT(html, HasSubstr("<li>Better than England: 1.</li><li>Worse than England: 1.</li>"));
  EXPECT_THAT(html, HasSubstr("<h3>Circles: the things we promised</h3><ul class=\"children-key__list\"><li>F: finished</li><li>G: going well</li>"));
  // The adult action titles are not in the children's version.
  EXPECT_THAT(html, Not(HasSubstr("Action a1")));
}

TEST(ChildrensReportDocumentTest, HostileTextIsEscaped) {
  BoardReport r = TwoOutcomes();
  r.outcomes[0].title = "<script>alert(1)</script>";
  r.outcomes[0].children_did = "We <b>did</b> & \"said\"";
  r.outcomes[0].id = "x\" onload=\"y";
  const std::string html = ChildrensReportDocument(r, "");
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<b>did")));
  EXPECT_THAT(html, Not(HasSubstr("\" onload=\"")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("We &lt;b&gt;did&lt;/b&gt; &amp; &quot;said&quot;"));
}

TEST(ChildrensReportDocumentTest, RenderBoardReportDispatchesAndTablesAreSummaryAndActions) {
  const BoardReport r = TwoOutcomes();
  const auto html = RenderBoardReport(r, ReportFormat::kHtml, {});
  ASSERT_TRUE(html.has_value());
  EXPECT_THAT(*html, HasSubstr("<body class=\"report children\">"));
  EXPECT_THAT(*html, HasSubstr(".children h1"));  // the compiled-in stylesheet
  const auto tables = BoardReportTables(r);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].name, "Summary");
  EXPECT_EQ(tables[1].name, "Actions");
  BoardReport pack = r;
  pack.kind = ReportKind::kPlan;
  const auto board = RenderBoardReport(pack, ReportFormat::kHtml, {});
  ASSERT_TRUE(board.has_value());
  EXPECT_THAT(*board, Not(HasSubstr("<body class=\"report children\">")));
}

TEST(ChildrensWordingReadabilityTest, ScoresEachOutcomeAndNamesProblems) {
  BoardReport r = TwoOutcomes();
  r.outcomes[0].children_next = "We will see the CAMHS team 3 times in 2027.";
  const auto rows = ChildrensWordingReadability(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].has_words);
  EXPECT_GT(rows[0].reading_ease, 70);
  EXPECT_EQ(rows[0].problems.size(), 2u);  // two numbers; an abbreviation not spelt out
  EXPECT_FALSE(rows[1].has_words);
  EXPECT_THAT(ReadabilityLine(rows[0]), HasSubstr("outcome safe: reading ease "));
  EXPECT_THAT(ReadabilityLine(rows[0]), HasSubstr("; 2 problems; "));
  EXPECT_EQ(ReadabilityLine(rows[1]), "outcome healthy: no words for children yet");
  r.outcomes[0].children_next = "We will listen more.";
  EXPECT_THAT(ReadabilityLine(ChildrensWordingReadability(r)[0]),
              ::testing::EndsWith("0 problems"));
}

TEST(ChildrensWordingReadabilityTest, BuildCarriesThePlansWordingForEveryOutcome) {
  Plan plan;
  plan.id = "p";
  plan.title = "Plan";
  plan.organisation = "Council";
  Outcome a{"a", "A", "", OutcomeKind::kOutcome, {}, {}, {}};
  a.children = {"We promised.", "We did.", "Next we will."};
  Outcome b{"b", "B", "", OutcomeKind::kOutcome, {}, {}, {}};
  plan.outcomes = {a, b};
  BoardInputs in;
  in.plan = &plan;
  in.kind = ReportKind::kChildren;
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->title, "Children and young people's version");
  ASSERT_EQ(r->outcomes.size(), 2u);
  EXPECT_EQ(r->outcomes[0].children_promised, "We promised.");
  EXPECT_EQ(r->outcomes[0].children_did, "We did.");
  EXPECT_EQ(r->outcomes[0].children_next, "Next we will.");
  EXPECT_EQ(r->outcomes[1].children_promised, "");
  // The wording survives the frozen JSON.
  const auto back = ParseBoardReport(BoardReportJson(*r));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->outcomes[0].children_did, "We did.");
  EXPECT_EQ(BoardReportTitle(ReportKind::kChildren, "", "2026–27 Q2"),
            "Children and young people's version: 2026–27 Q2");
}

// The Barnet example's wording is plain: easy to read and with no plain-words problems.
TEST(ChildrensWordingReadabilityTest, BarnetWordingIsEasyToRead) {
  const auto file =
      ingest::ReadPlanFile(std::string(WAYMARK_SOURCE_DIR) + "/examples/barnet-2019-23/plan.toml");
  ASSERT_TRUE(file.plan.has_value());
  BoardInputs in;
  in.plan = &*file.plan;
  in.kind = ReportKind::kChildren;
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  const auto rows = ChildrensWordingReadability(*r);
  ASSERT_EQ(rows.size(), 7u);
  for (const WordingReadability& row : rows) {
    EXPECT_TRUE(row.has_words) << row.outcome_id;
    EXPECT_GE(row.reading_ease, 70) << ReadabilityLine(row);
    EXPECT_TRUE(row.problems.empty()) << ReadabilityLine(row);
  }
  for (const ReportOutcome& o : r->outcomes) {
    EXPECT_FALSE(o.children_promised.empty()) << o.id;
    EXPECT_FALSE(o.children_did.empty()) << o.id;
    EXPECT_FALSE(o.children_next.empty()) << o.id;
  }
}

}  // namespace
}  // namespace waymark::report
