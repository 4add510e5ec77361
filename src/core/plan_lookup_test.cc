// Tests of finding a plan's outcomes and objectives by id.
#include "core/plan_lookup.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

Plan SafeAndHealthy() {
  Plan plan;
  Outcome safe;
  safe.id = "safe";
  safe.objectives = {{"streets", "Safe streets", "", {}, {}}};
  Outcome healthy;
  healthy.id = "healthy";
  healthy.objectives = {{"fit", "Fit", "", {}, {}}, {"fed", "Fed", "", {}, {}}};
  plan.outcomes = {safe, healthy};
  return plan;
}

TEST(PlanLookupTest, FindsAnOutcomeAndAnObjectiveWithItsOutcome) {
  const Plan plan = SafeAndHealthy();
  EXPECT_EQ(FindOutcome(plan, "healthy"), &plan.outcomes[1]);
  const ObjectivePlace fed = FindObjective(plan, "fed");
  EXPECT_EQ(fed.outcome, &plan.outcomes[1]);
  EXPECT_EQ(fed.objective, &plan.outcomes[1].objectives[1]);
}

TEST(PlanLookupTest, AnUnknownIdFindsNothing) {
  const Plan plan = SafeAndHealthy();
  EXPECT_EQ(FindOutcome(plan, "streets"), nullptr);  // an objective's id, not an outcome's
  const ObjectivePlace none = FindObjective(plan, "safe");
  EXPECT_EQ(none.outcome, nullptr);
  EXPECT_EQ(none.objective, nullptr);
}

}  // namespace
}  // namespace waymark
