// Tests of the child rights page and an action's rows naming what it serves: each principle and
// badge with its actions, their standing this cycle and the indicators of their objectives.
#include "report/rights_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/board_test_fixture.h"

namespace waymark::report {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestIndicator;

Plan RightsPlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "Our Plan";
  plan.principles = {{"participation", "Participation", "children share their views"},
                     {"dignity", "Dignity", ""}};
  plan.badges = {{"safe-and-secure", "Safe and Secure", "Children are safe", false},
                 {"communication", "Communication", "", true},
                 {"culture", "Culture", "", true}};
  Outcome safe{"safe", "Safe", "", OutcomeKind::kOutcome, {}, {}, {}};
  safe.badge = "safe-and-secure";
  Objective streets{"streets", "Safe streets", "", {}, {}};
  Action patrols{"a1", "Patrols", {}, {}};
  patrols.principles = {"participation"};
  streets.actions = {patrols};
  safe.objectives = {streets};
  Outcome healthy{"healthy", "Healthy", "", OutcomeKind::kOutcome, {}, {}, {}};
  Objective fit{"fit", "Fit", "", {}, {}};
  Action forum{"a2", "Youth forum", {}, {}};
  forum.principles = {"participation"};
  forum.badges = {"communication"};
  forum.also_serves = {"streets"};
  fit.actions = {forum, {"a3", "Swimming", {}, {}}};
  healthy.objectives = {fit};
  plan.outcomes = {safe, healthy};
  return plan;
}

ActionUpdate Submitted(const char* action, ActionStatus status) {
  ActionUpdate u;
  u.cycle_id = 7;
  u.plan_id = "p";
  u.action_id = action;
  u.state = UpdateState::kSubmitted;
  u.fields.status = status;
  u.version = 1;
  return u;
}

ReportingCycle Quarter() {
  ReportingCycle c;
  c.id = 7;
  c.plan_id = "p";
  c.name = "Q2";
  c.from = *Date::Parse("2026-07-01");
  c.to = *Date::Parse("2026-09-30");
  c.due = *Date::Parse("2026-10-31");
  return c;
}

// The text between the heading with `id` and the next h3 (or the end).
std::string Section(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const auto next = html.find("<h3", at);
  return html.substr(at, next == std::string::npos ? std::string::npos : next - at);
}

TEST(RightsPage, EachPrincipleAndBadgeListsItsActionsStandingAndEvidence) {
  const Plan plan = RightsPlan();
  const std::vector<ReportingCycle> cycles = {Quarter()};
  const PlanProgress progress =
      BuildProgress(plan, cycles, {Submitted("a1", ActionStatus::kOffTrack)},
                    *Date::Parse("2026-10-01"), nullptr);
  const IndicatorData data({TestIndicator("crime", "streets", "safe"),
                            TestIndicator("fitness", "fit", "healthy")},
                           {}, {}, {});
  RightsPage page{&plan, Links("p", false), PlanChoice{}, &progress, &data};
  const std::string html = RenderRights(page);
  const std::string participation = Section(html, "principle-participation");
  EXPECT_THAT(participation,
              AllOf(HasSubstr("children share their views"), HasSubstr("2 actions putting it"),
                    HasSubstr("href=\"/actions/a1\""), HasSubstr("href=\"/actions/a2\""),
                    HasSubstr("Off track"), HasSubstr("No update"),
                    HasSubstr("href=\"/indicators/crime\""),
                    HasSubstr("href=\"/indicators/fitness\"")));
  EXPECT_THAT(Section(html, "principle-dignity"),
              HasSubstr("No action of the plan names this principle yet."));
  const std::string safe = Section(html, "badge-safe-and-secure");
  // a1 through its outcome; a2 because it also serves the safe outcome's objective.
  EXPECT_THAT(safe, AllOf(HasSubstr("Children are safe"), HasSubstr("href=\"/outcomes/safe\""),
                          HasSubstr("2 actions serving it"), HasSubstr("Through its outcome"),
                          Not(HasSubstr("Named by the action")),
                          Not(HasSubstr("/actions/a3")), Not(HasSubstr("Foundational"))));
  const std::string communication = Section(html, "badge-communication");
  EXPECT_THAT(communication, AllOf(HasSubstr("Foundational"), HasSubstr("1 action serving it"),
                                   HasSubstr("Named by the action"),
                                   HasSubstr("href=\"/indicators/fitness\""),
                                   Not(HasSubstr("/indicators/crime"))));
  EXPECT_THAT(Section(html, "badge-culture"), HasSubstr("No action of the plan serves it yet."));
}

TEST(RightsPage, WithoutACycleActionsSayNoCycleAndAPlanWithoutRightsSaysSo) {
  const Plan plan = RightsPlan();
  const PlanProgress progress = BuildProgress(plan, {}, {}, *Date::Parse("2026-10-01"), nullptr);
  RightsPage page{&plan, Links("p", true), PlanChoice{}, &progress, nullptr};
  const std::string html = RenderRights(page);
  EXPECT_THAT(html, AllOf(HasSubstr("No cycle yet"), Not(HasSubstr("/indicators/")),
                          HasSubstr("href=\"/actions/a1?plan=p\"")));
  Plan bare;
  bare.id = "b";
  bare.title = "Bare";
  page.plan = &bare;
  EXPECT_THAT(RenderRights(page), AllOf(HasSubstr("This plan names no principles."),
                                        HasSubstr("This plan names no Child Friendly Cities "
                                                  "outcomes.")));
}

TEST(ActionServesRows, NameTheOtherObjectivesThePrinciplesAndEveryBadgeServed) {
  const Plan plan = RightsPlan();
  const Outcome& healthy = plan.outcomes[1];
  Html h;
  ActionServesRows(h, plan, healthy.objectives[0].actions[0], healthy, Links("p", false));
  EXPECT_THAT(h.View(),
              AllOf(HasSubstr("Also serves"), HasSubstr("href=\"/outcomes/safe#objective-streets\""),
                    HasSubstr("Child-rights principles"),
                    HasSubstr("href=\"/rights#principle-participation\""),
                    HasSubstr("href=\"/rights#badge-safe-and-secure\""),
                    HasSubstr("href=\"/rights#badge-communication\""),
                    Not(HasSubstr("badge-culture"))));
  Html none;
  ActionServesRows(none, plan, healthy.objectives[0].actions[1], healthy, Links("p", false));
  EXPECT_EQ(none.View(), "");
}

}  // namespace
}  // namespace waymark::report
