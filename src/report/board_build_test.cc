// Tests of board reports built from plain values: the exception rules on both sides of each,
// drafts left out, counts, the outcome report's scope, the index and what changed since the
// last issued report; the JSON round trip; the document's sections and the tables' cells.
#include "report/board_build.h"

#include <algorithm>
#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/board_formats.h"
#include "report/board_pages.h"
#include "report/board_test_fixture.h"

namespace waymark::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestData;
using testing::TestPlan;

ReportingCycle Cycle(std::int64_t id, const char* due) {
  ReportingCycle c;
  c.id = id;
  c.plan_id = "p";
  c.name = "Q" + std::to_string(id);
  c.from = *Date::Parse("2026-07-01");
  c.to = *Date::Parse("2026-09-30");
  c.due = *Date::Parse(due);
  return c;
}

ActionUpdate Update(const char* action, UpdateState state, ActionStatus status) {
  ActionUpdate u;
  u.plan_id = "p";
  u.action_id = action;
  u.state = state;
  u.fields.status = status;
  u.fields.narrative = std::string("Narrative of ") + action;
  u.author_name = "Sam";
  return u;
}

struct Fixture {
  Plan plan = TestPlan();
  IndicatorData data = TestData();
  ReportingCycle cycle = Cycle(2, "2026-10-31");
  BoardInputs Inputs(ReportKind kind = ReportKind::kPlan) {
    BoardInputs in;
    in.plan = &plan;
    in.data = &data;
    in.kind = kind;
    in.cycle = &cycle;
    in.updates = {Update("a1", UpdateState::kSubmitted, ActionStatus::kOffTrack),
                  Update("a2", UpdateState::kSubmitted, ActionStatus::kOffTrack),
                  Update("a3", UpdateState::kDraft, ActionStatus::kOffTrack),
                  Update("a5", UpdateState::kSubmitted, ActionStatus::kOnTrack)};
    in.previous_updates = {Update("a1", UpdateState::kSubmitted, ActionStatus::kOffTrack),
                           Update("a2", UpdateState::kSubmitted, ActionStatus::kAtRisk)};
    in.commentary = {{0, "p", 2, "outcome:safe", "Patrols are short of staff.", "", "", 1},
                     {0, "p", 2, "action:a1", "Recruiting.", "", "", 1},
                     {0, "p", 2, "objective:streets", "Lighting first.", "", "", 1},
                     {0, "p", 2, "indicator:similar", "Data lag of a year.", "", "", 1},
                     {0, "p", 2, "plan", "A steady quarter.", "", "", 1}};
    in.today = *Date::Parse("2026-11-01");
    in.now = "2026-11-01T09:00:00Z";
    in.data_as_of = "2026-10-15T12:00:00Z";
    return in;
  }
};

const ReportException* FindException(const BoardReport& r, std::string_view subject) {
  for (const ReportException& e : r.exceptions) {
    if (e.subject == subject) return &e;
  }
  return nullptr;
}

TEST(BoardBuild, ExceptionRulesOnBothSides) {
  Fixture f;
  const auto r = BuildBoardReport(f.Inputs());
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  // Worse than England is chosen before getting worse; similar and getting better is not.
  ASSERT_NE(FindException(*r, "indicator:worse"), nullptr);
  EXPECT_EQ(FindException(*r, "indicator:worse")->rule, ExceptionRule::kWorseThanEngland);
  EXPECT_EQ(FindException(*r, "indicator:similar"), nullptr);
  // Off track twice, off track once (at risk before), a draft is no update: overdue the day
  // after the due date; a4 has nothing: overdue; a5 on track: nothing.
  EXPECT_EQ(FindException(*r, "action:a1")->rule, ExceptionRule::kOffTrackTwice);
  EXPECT_EQ(FindException(*r, "action:a1")->commentary, "Recruiting.");
  EXPECT_EQ(FindException(*r, "action:a2")->rule, ExceptionRule::kOffTrack);
  EXPECT_EQ(FindException(*r, "action:a3")->rule, ExceptionRule::kOverdue);
  EXPECT_EQ(FindException(*r, "action:a4")->rule, ExceptionRule::kOverdue);
  EXPECT_EQ(FindException(*r, "action:a5"), nullptr);
  EXPECT_EQ(r->counts.off_track, 2);
  EXPECT_EQ(r->counts.overdue, 2);
  EXPECT_EQ(r->counts.worse, 1);
  EXPECT_EQ(r->counts.getting_worse, 1);
}

TEST(BoardBuild, NothingIsOverdueOnTheDueDateAndDraftsAreNeverShown) {
  Fixture f;
  BoardInputs in = f.Inputs();
  in.today = *Date::Parse("2026-10-31");
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(FindException(*r, "action:a3"), nullptr);
  EXPECT_EQ(r->counts.overdue, 0);
  const ReportAction& a3 = r->outcomes[0].objectives[0].actions[2];
  EXPECT_EQ(a3.status_label, "No update");
  EXPECT_EQ(a3.narrative, "");  // the draft's text stays out of the report
}

TEST(BoardBuild, TheEvidenceDisagreesWithAnUpdateOnTrackWhileAnIndicatorGetsWorse) {
  Fixture f;
  BoardInputs in = f.Inputs();
  in.updates = {Update("a4", UpdateState::kSubmitted, ActionStatus::kOnTrack),
                Update("a5", UpdateState::kSubmitted, ActionStatus::kOnTrack)};
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  ASSERT_NE(FindException(*r, "action:a4"), nullptr);
  EXPECT_EQ(FindException(*r, "action:a4")->rule, ExceptionRule::kDisagree);
  // The same status in an objective whose indicators are not getting worse is no exception.
  EXPECT_EQ(FindException(*r, "action:a5"), nullptr);
}

TEST(BoardBuild, SuppressedFiguresAreWordedAndLeftOutOfNumbers) {
  Fixture f;
  const auto r = BuildBoardReport(f.Inputs());
  ASSERT_TRUE(r.has_value());
  const ReportIndicator& small = r->outcomes[1].objectives[0].indicators[0];
  EXPECT_TRUE(small.suppressed);
  EXPECT_TRUE(std::isnan(small.value));
  EXPECT_EQ(small.value_text, "suppressed: fewer than 5");
  EXPECT_TRUE(std::isnan(small.spine.value));
  EXPECT_EQ(small.vs_england, "");  // its "Better" would speak of the small number
  EXPECT_EQ(small.spine.judgement, "");
  const std::vector<Table> tables = BoardReportTables(*r);
  const Table& indicators = tables[2];
  ASSERT_EQ(indicators.name, "Indicators");
  const auto& row = indicators.rows[2];
  EXPECT_TRUE(std::holds_alternative<std::monostate>(row[6]));   // the value cell is empty
  EXPECT_TRUE(std::holds_alternative<std::monostate>(row[10]));  // and so is its comparison
  EXPECT_EQ(std::get<std::string>(row[11]), "not compared: small numbers are suppressed");
  EXPECT_EQ(std::get<std::string>(row[13]), "suppressed: fewer than 5");
  const auto csv = TableCsv(indicators);
  ASSERT_TRUE(csv.has_value());
  EXPECT_THAT(*csv, Not(HasSubstr("3.5")));
  EXPECT_THAT(*csv, HasSubstr("12.3"));  // 12.26 with one decimal
}

TEST(BoardBuild, AnOutcomeReportCoversItsOutcomeOnly) {
  Fixture f;
  BoardInputs in = f.Inputs(ReportKind::kOutcome);
  in.outcome_id = "healthy";
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->outcomes.size(), 1u);
  EXPECT_EQ(r->title, "Outcome report: Healthy – Q2");
  EXPECT_EQ(r->exceptions.size(), 0u);
  in.outcome_id = "nowhere";
  EXPECT_EQ(BuildBoardReport(in).error().code, ErrorCode::kNotFound);
  in.outcome_id = "";
  EXPECT_EQ(BuildBoardReport(in).error().code, ErrorCode::kInvalidArgument);
}

TEST(BoardBuild, JsonRoundTripKeepsEveryValueAndMissingNumbers) {
  Fixture f;
  store::IndexResults index;
  index.comparison = "London boroughs";
  index.rows = {{"E09000003", 2022, 50, 4, 4, 3, 6, {{"m1", 0.5, 10}}},
                {"E09000003", 2023, 55, 3, 3, 2, 5, {{"m1", 0.6, 14}}},
                {"E09000002", 2023, 40, 9, 9, 8, 10, {}}};
  f.plan.index = CompositeIndex{"ffi", "Family Friendly Index", "", {{"m1", "Parks", {}, {}, "", {}}}, {}};
  BoardInputs in = f.Inputs();
  in.index = &index;
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->index.has_value());
  EXPECT_EQ(r->index->year, 2023);
  EXPECT_EQ(r->index->previous_year, 2022);
  EXPECT_EQ(r->index->ranked, 2);
  ASSERT_EQ(r->index->movers.size(), 1u);
  EXPECT_EQ(r->index->movers[0].measure, "Parks");
  EXPECT_DOUBLE_EQ(r->index->movers[0].change, 4);
  const std::string json = BoardReportJson(*r);
  const auto back = ParseBoardReport(json);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(BoardReportJson(*back), json);
  EXPECT_TRUE(std::isnan(back->outcomes[1].objectives[0].indicators[0].value));
  EXPECT_EQ(back->exceptions.size(), r->exceptions.size());
  EXPECT_EQ(back->exceptions[0].rule, r->exceptions[0].rule);
  EXPECT_FALSE(ParseBoardReport("[1, 2]").has_value());
  EXPECT_FALSE(ParseBoardReport("{\"kind\": \"memo\"}").has_value());
  EXPECT_FALSE(ParseBoardReport("{\"outcomes\": 3}").has_value());
}

TEST(BoardBuild, WhatChangedSinceTheLastIssuedReport) {
  Fixture f;
  const auto before = BuildBoardReport(f.Inputs());
  ASSERT_TRUE(before.has_value());
  BoardInputs in = f.Inputs();
  in.updates[0].fields.status = ActionStatus::kOnTrack;
  in.previous = &*before;
  in.previous_issued_at = "2026-10-01T09:00:00Z";
  const auto same = BuildBoardReport(f.Inputs());
  EXPECT_TRUE(DescribeChanges(*before, *same).empty());
  const auto after = BuildBoardReport(in);
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->changes.size(), 1u);
  EXPECT_EQ(after->changes[0], "Patrols: Off track is now On track");
  EXPECT_EQ(after->previous_title, before->title);
}

TEST(BoardPages, TheDocumentHasEverySectionAndEscapesText) {
  Fixture f;
  f.plan.outcomes[0].title = "Safe <script>";
  const auto r = BuildBoardReport(f.Inputs());
  ASSERT_TRUE(r.has_value());
  const std::string doc = BoardReportDocument(*r, {"body{}", "https://site.example"});
  EXPECT_THAT(doc, HasSubstr("<html lang=\"en-GB\">"));
  EXPECT_THAT(doc, HasSubstr("<title>Board pack: Q2 – A plan</title>"));
  EXPECT_THAT(doc, HasSubstr("id=\"summary\""));
  EXPECT_THAT(doc, HasSubstr("id=\"outcome-safe\""));
  EXPECT_THAT(doc, HasSubstr("id=\"outcome-healthy\""));
  EXPECT_THAT(doc, HasSubstr("What young people told us"));
  EXPECT_THAT(doc, HasSubstr("We want safe parks."));
  EXPECT_THAT(doc, HasSubstr("Patrols are short of staff."));
  EXPECT_THAT(doc, HasSubstr("https://site.example/methods#compared-with-england"));
  EXPECT_THAT(doc, HasSubstr("Safe &lt;script&gt;"));
  EXPECT_THAT(doc, Not(HasSubstr("<script>")));
  EXPECT_THAT(doc, HasSubstr("Health &lt;NHS&gt;"));
  // The exception report has the summary and no outcome sections.
  const auto ex = BuildBoardReport(f.Inputs(ReportKind::kExceptions));
  const std::string ex_doc = BoardReportDocument(*ex, {"", ""});
  EXPECT_THAT(ex_doc, HasSubstr("Off track for two cycles in a row"));
  EXPECT_THAT(ex_doc, Not(HasSubstr("id=\"outcome-safe\"")));
  EXPECT_EQ(BoardReportTables(*ex).size(), 2u);
}

TEST(BoardPages, CommentaryOnEveryKindOfItemIsInTheDocumentAndTheTables) {
  Fixture f;
  const auto r = BuildBoardReport(f.Inputs());
  ASSERT_TRUE(r.has_value());
  const std::string doc = BoardReportDocument(*r, {"", ""});
  for (const char* text : {"A steady quarter.", "Patrols are short of staff.", "Lighting first.",
                           "Commentary: Data lag of a year.", "Commentary: Recruiting."}) {
    EXPECT_THAT(doc, HasSubstr(text));
  }
  const auto tables = BoardReportTables(*r);
  const auto commentary = std::find_if(tables.begin(), tables.end(),
                                       [](const Table& t) { return t.name == "Commentary"; });
  ASSERT_NE(commentary, tables.end());
  const std::string csv = *TableCsv(*commentary);
  EXPECT_THAT(csv, HasSubstr("plan,Whole plan,A steady quarter."));
  EXPECT_THAT(csv, HasSubstr("outcome:safe,"));
  EXPECT_THAT(csv, HasSubstr("objective:streets,Safe streets,Lighting first."));
  EXPECT_THAT(csv, Not(HasSubstr("objective:fit")));  // nothing written on it
  const auto indicators = std::find_if(tables.begin(), tables.end(),
                                       [](const Table& t) { return t.name == "Indicators"; });
  ASSERT_NE(indicators, tables.end());
  EXPECT_THAT(*TableCsv(*indicators), HasSubstr("Data lag of a year."));
}

}  // namespace
}  // namespace waymark::report

namespace waymark::report {
namespace {

assess::GapRow Gap(const char* indicator, const char* period, double gap, stats::GapTrend trend) {
  assess::GapRow g;
  g.indicator = indicator;
  g.dimension = "Social care group";
  g.area = std::string(kDefaultArea);
  g.period = *ParsePeriod(period);
  g.breakdown.category_type = "Social care group";
  g.breakdown.category = "CLA";
  g.group = "CLA";
  g.comparison = "CINO";
  g.absolute.value = gap;
  g.absolute.intervals = {{gap - 2, gap + 2}, {gap - 3, gap + 3}};
  g.trend = trend;
  return g;
}

// A widening gap makes an indicator the board's business, unless a stronger rule already does;
// only the latest period of each group counts, and only the plan's council.
TEST(BoardBuild, AWideningGapIsAnException) {
  Fixture f;
  BoardInputs in = f.Inputs();
  assess::GapRow elsewhere = Gap("similar", "2025", 9, stats::GapTrend::kWidening);
  elsewhere.area = "E09000001";
  in.gaps = {Gap("similar", "2024", 4, stats::GapTrend::kNarrowing),
             Gap("similar", "2025", 5.26, stats::GapTrend::kWidening), elsewhere,
             Gap("worse", "2025", 3, stats::GapTrend::kWidening)};
  auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  const ReportException* e = FindException(*r, "indicator:similar");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->rule, ExceptionRule::kGapWidening);
  EXPECT_THAT(e->detail, HasSubstr("the gap between CLA and CINO is +5.3 in 2025 (95% interval "
                                   "3.3 to 7.3), and widening"));
  EXPECT_EQ(FindException(*r, "indicator:worse")->rule, ExceptionRule::kWorseThanEngland);
  const ReportIndicator* similar = nullptr;
  for (const auto& o : r->outcomes) {
    for (const auto& obj : o.objectives) {
      for (const auto& i : obj.indicators) {
        if (i.id == "similar") similar = &i;
      }
    }
  }
  ASSERT_NE(similar, nullptr);
  ASSERT_EQ(similar->gaps.size(), 1u);  // the latest of the group, of the plan's council
  EXPECT_EQ(similar->gaps[0].trend, "Gap widening");
  EXPECT_EQ(similar->gaps[0].period, "2025");

  // Narrowing, or no significant change: no exception.
  in.gaps[1].trend = stats::GapTrend::kNoSignificantChange;
  r = BuildBoardReport(in);
  EXPECT_EQ(FindException(*r, "indicator:similar"), nullptr);

  // A suppressed gap is worded, with no number, and cannot be widening.
  in.gaps[1].suppressed = true;
  in.gaps[1].trend = stats::GapTrend::kCannotBeCalculated;
  r = BuildBoardReport(in);
  const ReportGap& hidden = r->outcomes[0].objectives[0].indicators[1].gaps.at(0);
  EXPECT_EQ(hidden.gap_text, "suppressed (small numbers)");
  EXPECT_EQ(hidden.interval_text, "");
  const std::string html = BoardReportDocument(*r, {"", ""});
  EXPECT_THAT(html, HasSubstr("Gaps between groups in the indicators of"));
  EXPECT_THAT(html, HasSubstr("suppressed (small numbers)"));
  EXPECT_THAT(html, Not(HasSubstr("+5.3")));
}

TEST(BoardBuild, GapsSurviveTheJsonRoundTrip) {
  Fixture f;
  BoardInputs in = f.Inputs();
  in.gaps = {Gap("similar", "2025", 5.26, stats::GapTrend::kWidening)};
  const auto r = BuildBoardReport(in);
  ASSERT_TRUE(r.has_value());
  const auto back = ParseBoardReport(BoardReportJson(*r));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(BoardReportJson(*back), BoardReportJson(*r));
  EXPECT_EQ(FindException(*back, "indicator:similar")->rule, ExceptionRule::kGapWidening);
  EXPECT_EQ(ParseExceptionRule("gap-widening"), ExceptionRule::kGapWidening);
  EXPECT_THAT(std::string(ExceptionRuleText(ExceptionRule::kGapWidening)),
              HasSubstr("gap between groups is widening"));
}

}  // namespace
}  // namespace waymark::report
