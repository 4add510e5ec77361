// Tests of the strategies pages: governance shown as given and "Not stated" otherwise, aims
// under the strategy's own word for them, and the outcome page's list of strategies.
#include "report/strategy_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/plan_text.h"

namespace waymark::report {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

Plan GovernedPlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "Our Plan";
  plan.partners = {{"family-services", "Family Services", "council"}};
  plan.bodies = {{"eh-board", "Early Help Partnership Board", "board"},
                 {"scrutiny", "Overview and Scrutiny Committee", "committee"}};
  plan.governance = {{"eh-board", "Keeps strategic oversight"},
                     {"", "Receives regular reports on each outcome"}};
  plan.outcomes = {{"safe", "Safe and Secure", "", OutcomeKind::kTheme, {}, {}, {}, {}},
                   {"healthy", "Health and Wellbeing", "", OutcomeKind::kTheme, {}, {}, {}, {}}};
  Strategy governed{"early-help", "Early Help Strategy", "", "2023 to 2027", {"safe"}, {}};
  governed.owner = "family-services";
  governed.overseen_by = "eh-board";
  governed.approved_by = "scrutiny";
  governed.approved_on = PartialDate{2023, 3, 0};
  governed.objectives = {{"resilience", "Resilience", {"healthy"}, AimKind::kPriority},
                         {"aspiration", "Aspirations", {}, AimKind::kPriority}};
  Strategy bare{"send", "SEND Strategy", "", "", {}, {}};
  bare.objectives = {{"residency", "An artist in every school", {"healthy"}, AimKind::kAmbition},
                     {"engagement", "Engagement", {}, AimKind::kTheme}};
  plan.strategies = {governed, bare};
  return plan;
}

TEST(StrategiesServing, FindsStrategiesAsAWholeAndThroughTheirAims) {
  const Plan plan = GovernedPlan();
  const auto safe = StrategiesServing(plan, "safe");
  ASSERT_EQ(safe.size(), 1u);
  EXPECT_TRUE(safe[0].whole);
  EXPECT_TRUE(safe[0].aims.empty());
  const auto healthy = StrategiesServing(plan, "healthy");
  ASSERT_EQ(healthy.size(), 2u);
  EXPECT_FALSE(healthy[0].whole);
  ASSERT_EQ(healthy[0].aims.size(), 1u);
  EXPECT_EQ(healthy[0].aims[0]->id, "resilience");
  EXPECT_EQ(healthy[1].strategy->id, "send");
  EXPECT_TRUE(StrategiesServing(plan, "nowhere").empty());
}

TEST(RenderStrategies, ShowsTheGovernanceAndEveryStrategy) {
  const Plan plan = GovernedPlan();
  const std::string page = RenderStrategies(plan, PlanChoice{}, Links("p", false));
  EXPECT_THAT(page, AllOf(HasSubstr("How the plan is governed"),
                          HasSubstr("Early Help Partnership Board"),
                          HasSubstr("Keeps strategic oversight"),
                          HasSubstr("A board the plan does not name"),
                          HasSubstr("2 strategies build on this plan"),
                          HasSubstr("href=\"/strategies/early-help\""),
                          HasSubstr("href=\"/strategies/send\""),
                          HasSubstr("href=\"/outcomes/safe\"")));
  // The SEND strategy names no period and no board: said, not guessed.
  EXPECT_THAT(page, HasSubstr("Not stated"));
  EXPECT_THAT(page, Not(HasSubstr("<select")));  // one plan: no choice offered
}

TEST(RenderStrategies, SaysWhenThePlanHasNoneAndOffersTheOtherPlans) {
  Plan plan;
  plan.id = "p";
  plan.title = "Bare plan";
  PlanChoice choice;
  choice.plans = {PlanSummary{"p", "Bare plan", "", {}, {}, "published", 1, ""},
                  PlanSummary{"q", "Current plan", "", {}, {}, "published", 1, ""}};
  choice.current = "p";
  const std::string page = RenderStrategies(plan, choice, Links("p", true));
  EXPECT_THAT(page, AllOf(HasSubstr("The plan does not say how it is governed."),
                          HasSubstr("This plan names no strategies that build on it."),
                          HasSubstr("action=\"/strategies\""),
                          HasSubstr("<option value=\"q\">Current plan (Published)</option>")));
}

TEST(RenderStrategy, ShowsItsGovernanceAndItsAimsUnderItsOwnWord) {
  const Plan plan = GovernedPlan();
  const std::string page = RenderStrategy(plan, plan.strategies[0], Links("p", true));
  EXPECT_THAT(page, AllOf(HasSubstr("Family Services"), HasSubstr("Early Help Partnership Board"),
                          HasSubstr("Overview and Scrutiny Committee"), HasSubstr("March 2023"),
                          HasSubstr(">Priorities</h2>"), HasSubstr(">Priority</th>"),
                          HasSubstr("href=\"/outcomes/healthy?plan=p\""),
                          HasSubstr("href=\"/strategies?plan=p\""), HasSubstr("None named")));
  EXPECT_THAT(page, Not(HasSubstr("Aims to be met by")));
}

TEST(RenderStrategy, AMixtureOfAimsIsShownWithEachOnesKind) {
  const Plan plan = GovernedPlan();
  const std::string page = RenderStrategy(plan, plan.strategies[1], Links("p", false));
  EXPECT_THAT(page, AllOf(HasSubstr(">Aims</h2>"), HasSubstr(">Ambition</td>"),
                          HasSubstr(">Theme</td>")));
  // Owner, board, committee, date and period all unstated.
  std::size_t count = 0;
  for (std::size_t at = page.find("Not stated"); at != std::string::npos;
       at = page.find("Not stated", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 5u);
}

TEST(OutcomeStrategies, ListsTheStrategiesAndAimsThatServeTheOutcome) {
  const Plan plan = GovernedPlan();
  const std::string healthy = OutcomeStrategies(plan, plan.outcomes[1], Links("p", false)).View();
  EXPECT_THAT(healthy, AllOf(HasSubstr("Strategies that build on this theme"),
                             HasSubstr("Priority: Resilience"),
                             HasSubstr("Ambition: An artist in every school"),
                             Not(HasSubstr("Aspirations"))));
  Plan none = plan;
  none.strategies.clear();
  EXPECT_TRUE(OutcomeStrategies(none, none.outcomes[0], Links("p", false)).IsEmpty());
}

TEST(PartialDateLabel, SaysTheDateAsPreciselyAsItIsKnown) {
  EXPECT_EQ(PartialDateLabel(PartialDate{2023, 0, 0}), "2023");
  EXPECT_EQ(PartialDateLabel(PartialDate{2023, 3, 0}), "March 2023");
  EXPECT_EQ(PartialDateLabel(PartialDate{2013, 3, 14}), "14 March 2013");
}

}  // namespace
}  // namespace waymark::report
