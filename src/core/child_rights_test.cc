// Tests of the child-rights rules: tagged actions, badges through outcomes and also-served
// objectives, each action once.
#include "core/child_rights.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

Action MakeAction(std::string id, std::vector<std::string> principles = {},
                  std::vector<std::string> badges = {}, std::vector<std::string> also = {}) {
  Action a;
  a.id = std::move(id);
  a.title = "Action " + a.id;
  a.principles = std::move(principles);
  a.badges = std::move(badges);
  a.also_serves = std::move(also);
  return a;
}

// Two outcomes: "safe" works towards the safe-and-secure badge, "health" towards none.
Plan TwoOutcomes() {
  Plan plan;
  plan.principles = {{"participation", "Participation", ""}, {"dignity", "Dignity", ""}};
  plan.badges = {{"safe-and-secure", "Safe and secure", "", false},
                 {"communication", "Communication", "", true}};
  Outcome safe;
  safe.id = "safe";
  safe.badge = "safe-and-secure";
  Objective s1;
  s1.id = "s1";
  s1.actions = {MakeAction("a1", {"participation"}), MakeAction("a2", {}, {"safe-and-secure"})};
  safe.objectives = {s1};
  Outcome health;
  health.id = "health";
  Objective h1;
  h1.id = "h1";
  h1.actions = {MakeAction("b1", {"dignity", "participation"}, {"communication"}),
                MakeAction("b2", {}, {}, {"s1"}), MakeAction("b3")};
  health.objectives = {h1};
  plan.outcomes = {safe, health};
  return plan;
}

std::vector<std::string> Ids(const std::vector<RightsAction>& actions) {
  std::vector<std::string> ids;
  for (const RightsAction& a : actions) ids.push_back(a.action->id);
  return ids;
}

TEST(ChildRightsTest, APrincipleListsTheActionsThatNameItInPlanOrder) {
  const Plan plan = TwoOutcomes();
  const auto participation = ActionsForPrinciple(plan, "participation");
  EXPECT_EQ(Ids(participation), (std::vector<std::string>{"a1", "b1"}));
  EXPECT_EQ(participation[1].outcome->id, "health");
  EXPECT_EQ(participation[1].objective->id, "h1");
  EXPECT_EQ(participation[1].link, RightsLink::kTagged);
  EXPECT_EQ(Ids(ActionsForPrinciple(plan, "dignity")), (std::vector<std::string>{"b1"}));
  EXPECT_TRUE(ActionsForPrinciple(plan, "best-interests").empty());
}

TEST(ChildRightsTest, ABadgeListsTaggedActionsAndThoseOfItsOutcomesOnce) {
  const Plan plan = TwoOutcomes();
  const auto safe = ActionsForBadge(plan, "safe-and-secure");
  // a1 through its outcome; a2 names the badge as well (tagged wins, listed once); b2 also
  // serves objective s1 of the safe outcome; b1 and b3 do not serve it.
  ASSERT_EQ(Ids(safe), (std::vector<std::string>{"a1", "a2", "b2"}));
  EXPECT_EQ(safe[0].link, RightsLink::kThroughOutcome);
  EXPECT_EQ(safe[1].link, RightsLink::kTagged);
  EXPECT_EQ(safe[2].link, RightsLink::kThroughOutcome);
  EXPECT_EQ(safe[2].outcome->id, "health");  // where it is declared
  const auto communication = ActionsForBadge(plan, "communication");
  ASSERT_EQ(Ids(communication), (std::vector<std::string>{"b1"}));
  EXPECT_EQ(communication[0].link, RightsLink::kTagged);
}

TEST(ChildRightsTest, OutcomesOfABadgeAndTheEmptyBadge) {
  const Plan plan = TwoOutcomes();
  const auto outcomes = OutcomesForBadge(plan, "safe-and-secure");
  ASSERT_EQ(outcomes.size(), 1U);
  EXPECT_EQ(outcomes[0]->id, "safe");
  EXPECT_TRUE(OutcomesForBadge(plan, "communication").empty());
  // An outcome with no badge ("") never matches the empty id.
  EXPECT_TRUE(OutcomesForBadge(plan, "").empty());
  EXPECT_TRUE(ActionsForBadge(plan, "").empty());
  const Outcome& health = plan.outcomes[1];
  const Objective& h1 = health.objectives[0];
  EXPECT_EQ(ServesBadge(plan, health, h1.actions[0], "communication"), RightsLink::kTagged);
  EXPECT_EQ(ServesBadge(plan, health, h1.actions[1], "safe-and-secure"),
            RightsLink::kThroughOutcome);
  EXPECT_EQ(ServesBadge(plan, health, h1.actions[2], "safe-and-secure"), std::nullopt);
}

}  // namespace
}  // namespace waymark
