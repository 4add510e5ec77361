// Tests of where a plan's actions stand: counts, overdue, the disagreement flag, completion by
// organisation, the CSV and the progress markup.
#include "report/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/action_pages.h"
#include "report/cycle_pages.h"

namespace waymark::report {
namespace {

using ::testing::HasSubstr;

Plan TwoOutcomePlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "A plan";
  plan.partners = {{"health", "Health", "health"}, {"police", "Police", "police"}};
  Outcome a{"safe", "Safe", "", OutcomeKind::kOutcome, {}, {}, {}};
  Objective o1{"safe-streets", "Safe streets", "", {}, {}};
  o1.actions = {{"a1", "Patrols", {"police"}, {}}, {"a2", "Clinics", {"health", "police"}, {}}};
  a.objectives = {o1};
  Outcome b{"healthy", "Healthy", "", OutcomeKind::kOutcome, {}, {}, {}};
  Objective o2{"fit", "Fit", "", {}, {}};
  o2.actions = {{"a3", "Swimming", {"health"}, {}}};
  b.objectives = {o2};
  plan.outcomes = {a, b};
  return plan;
}

ReportingCycle Cycle(const char* due) {
  ReportingCycle c;
  c.id = 7;
  c.plan_id = "p";
  c.name = "Q2";
  c.from = *Date::Parse("2026-07-01");
  c.to = *Date::Parse("2026-09-30");
  c.due = *Date::Parse(due);
  return c;
}

// An update of the Q2 cycle (id 7) at version 1.
ActionUpdate Q2Update(const char* action, UpdateState state, ActionStatus status) {
  ActionUpdate u;
  u.cycle_id = 7;
  u.plan_id = "p";
  u.action_id = action;
  u.state = state;
  u.fields.status = status;
  u.version = 1;
  return u;
}

TEST(Progress, CountsSubmittedUpdatesAndTheRestAsNoUpdateOverdueAfterTheDueDate) {
  const Plan plan = TwoOutcomePlan();
  const std::vector<ReportingCycle> cycles = {Cycle("2026-10-31")};
  std::vector<ActionUpdate> updates = {
      Q2Update("a1", UpdateState::kSubmitted, ActionStatus::kOffTrack),
      Q2Update("a2", UpdateState::kDraft, ActionStatus::kOnTrack)};
  // On the due date nothing is overdue yet; the day after, the two without a submitted update.
  PlanProgress on_due = BuildProgress(plan, cycles, updates, *Date::Parse("2026-10-31"), nullptr);
  EXPECT_EQ(on_due.counts.total, 3);
  EXPECT_EQ(on_due.counts.Of(ActionStatus::kOffTrack), 1);
  EXPECT_EQ(on_due.counts.no_update, 2);
  EXPECT_EQ(on_due.counts.overdue, 0);
  PlanProgress after = BuildProgress(plan, cycles, updates, *Date::Parse("2026-11-01"), nullptr);
  EXPECT_EQ(after.counts.overdue, 2);
  EXPECT_EQ(after.CountsOf("safe")->overdue, 1);
  EXPECT_EQ(after.CountsOf("healthy")->overdue, 1);
  EXPECT_EQ(after.Find("a2")->update->state, UpdateState::kDraft);
  EXPECT_FALSE(after.Find("a2")->standing.status.has_value());
}

TEST(Progress, NoCycleMeansNoStandingAndNoSummary) {
  const Plan plan = TwoOutcomePlan();
  const PlanProgress p =
      BuildProgress(plan, {}, {Q2Update("a1", UpdateState::kSubmitted, ActionStatus::kOnTrack)},
                    *Date::Parse("2026-11-01"), nullptr);
  EXPECT_FALSE(p.cycle.has_value());
  EXPECT_EQ(p.counts.total, 0);
  EXPECT_EQ(p.actions.size(), 3u);
  EXPECT_TRUE(ProgressSummary(p, Links{}).IsEmpty());
}

TEST(Progress, CompletionCountsAnUpdateForEveryResponsibleOrganisation) {
  const Plan plan = TwoOutcomePlan();
  const std::vector<ReportingCycle> cycles = {Cycle("2026-12-31")};
  const PlanProgress p =
      BuildProgress(plan, cycles,
                    {Q2Update("a2", UpdateState::kSubmitted, ActionStatus::kOnTrack),
                     Q2Update("a3", UpdateState::kDraft, ActionStatus::kAtRisk)},
                    *Date::Parse("2026-11-01"), nullptr);
  const auto rows = CompletionByOrganisation(plan, p);
  ASSERT_EQ(rows.size(), 2u);
  // Least complete first: health 1 of 2 (50%), police 1 of 2 (50%): plan order kept.
  EXPECT_EQ(rows[0].organisation, "health");
  EXPECT_EQ(rows[0].owed, 2);
  EXPECT_EQ(rows[0].submitted, 1);
  EXPECT_EQ(rows[0].drafts, 1);
  EXPECT_EQ(rows[1].organisation, "police");
  EXPECT_EQ(rows[1].missing, 1);
  const std::string csv = CycleCsv(plan, p);
  EXPECT_THAT(csv, HasSubstr("Q2,Safe,Safe streets,a2,Clinics,Health; Police,on-track,submitted"));
  EXPECT_THAT(csv, HasSubstr("Q2,Healthy,Fit,a3,Swimming,Health,no-update,draft"));
}

TEST(Progress, TheSummaryListsWhatNeedsAttention) {
  const Plan plan = TwoOutcomePlan();
  const std::vector<ReportingCycle> cycles = {Cycle("2026-10-31")};
  const PlanProgress p = BuildProgress(
      plan, cycles, {Q2Update("a1", UpdateState::kSubmitted, ActionStatus::kOffTrack)},
      *Date::Parse("2026-11-05"), nullptr);
  const std::string html = ProgressSummary(p, Links("p", false)).View();
  EXPECT_THAT(html, HasSubstr("1 of 3 actions have a submitted update."));
  EXPECT_THAT(html, HasSubstr("<a class=\"govuk-link\" href=\"/actions/a1\">Patrols</a> (Off track)"));
  EXPECT_THAT(html, HasSubstr("Clinics</a> (update overdue)"));
  const std::string outcome = OutcomeProgress(p, plan.outcomes[1], Links("p", true), true).View();
  EXPECT_THAT(outcome, HasSubstr("/actions/a3?plan=p"));
  EXPECT_THAT(outcome, ::testing::Not(HasSubstr("Patrols")));
}

// The overview lists the eight most urgent actions and counts the rest; an outcome page lists
// all of its own.
TEST(Progress, TheOverviewListsTheFirstEightNeedingAttention) {
  Plan plan = TwoOutcomePlan();
  for (int i = 0; i < 10; ++i) {
    plan.outcomes[0].objectives[0].actions.push_back(
        {"x" + std::to_string(i), "Extra " + std::to_string(i), {"police"}, {}});
  }
  const std::vector<ReportingCycle> cycles = {Cycle("2026-10-31")};
  const PlanProgress p = BuildProgress(
      plan, cycles, {Q2Update("x9", UpdateState::kSubmitted, ActionStatus::kOffTrack)},
      *Date::Parse("2026-11-05"), nullptr);
  const std::string html = ProgressSummary(p, Links{}).View();
  EXPECT_THAT(html, HasSubstr("Extra 9</a> (Off track)"));  // the most urgent comes first
  EXPECT_THAT(html, HasSubstr("and 5 more actions needing attention"));
  EXPECT_EQ(OutcomeProgress(p, plan.outcomes[0], Links{}, false).View().find("Needing"),
            std::string::npos);
  const std::string page = OutcomeProgress(p, plan.outcomes[0], Links{}, true).View();
  EXPECT_THAT(page, HasSubstr("Extra 8</a> (update overdue)"));
  EXPECT_EQ(page.find("more actions"), std::string::npos);
}

// An indicator of the objective getting worse while the update says "on track" is flagged;
// "at risk" or an indicator getting better is not.
TEST(Progress, TheEvidenceAndTheUpdateDisagree) {
  const Plan plan = TwoOutcomePlan();
  Indicator ind;
  ind.id = "crime";
  ind.title = "Crime";
  ind.plan = "p";
  ind.objectives = {"safe-streets"};
  auto row = [&](const char* period, const char* trend) {
    Assessment a;
    a.indicator = "crime";
    a.area = std::string(kDefaultArea);
    a.period = *ParsePeriod(period);
    a.value = 10;
    a.recent_trend = ParseRecentTrend(trend).value();
    return a;
  };
  const std::vector<Area> areas = {{std::string(kDefaultArea), "Barnet", AreaType::kCouncil, "", ""}};
  const IndicatorData worse({ind}, areas, {},
                            {row("2021/22", "No significant change"),
                             row("2022/23", "Increasing and getting worse")});
  const IndicatorData better({ind}, areas, {}, {row("2022/23", "Decreasing and getting better")});
  const std::vector<ReportingCycle> cycles = {Cycle("2026-12-31")};
  const std::vector<ActionUpdate> updates = {
      Q2Update("a1", UpdateState::kSubmitted, ActionStatus::kOnTrack),
      Q2Update("a2", UpdateState::kSubmitted, ActionStatus::kAtRisk),
      Q2Update("a3", UpdateState::kSubmitted, ActionStatus::kOnTrack)};
  const Date today = *Date::Parse("2026-11-01");
  const PlanProgress flagged = BuildProgress(plan, cycles, updates, today, &worse);
  EXPECT_TRUE(flagged.Find("a1")->disagrees);
  EXPECT_FALSE(flagged.Find("a2")->disagrees);  // at risk: the update agrees
  EXPECT_FALSE(flagged.Find("a3")->disagrees);  // another objective
  EXPECT_THAT(ProgressSummary(flagged, Links{}).View(),
              HasSubstr("Patrols</a> (the evidence and the update disagree)"));
  EXPECT_FALSE(BuildProgress(plan, cycles, updates, today, &better).Find("a1")->disagrees);
}

}  // namespace
}  // namespace waymark::report
