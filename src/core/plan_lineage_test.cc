// Tests of plan generations: the aims carried over from one plan to the next (and those not,
// and ids the earlier plan lacks), the indicators that persist on either side, and the chain of
// plans between two generations.
#include "core/plan_lineage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace waymark {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Outcome NamedOutcome(std::string id, std::string title) {
  Outcome o;
  o.id = std::move(id);
  o.title = std::move(title);
  return o;
}

Objective NamedObjective(std::string id, std::string title) {
  Objective o;
  o.id = std::move(id);
  o.title = std::move(title);
  return o;
}

Plan EarlierPlan() {
  Plan p;
  p.id = "p2019";
  p.title = "Plan 2019";
  Outcome safe = NamedOutcome("safe", "Safe and Secure");
  safe.objectives.push_back(NamedObjective("protect", "Protect the most vulnerable"));
  safe.objectives.push_back(NamedObjective("streets", "Safe streets"));
  p.outcomes.push_back(safe);
  p.outcomes.push_back(NamedOutcome("culture", "Culture"));
  return p;
}

Plan LaterPlan() {
  Plan p;
  p.id = "p2023";
  p.title = "Plan 2023";
  p.continues = "p2019";
  Outcome safe = NamedOutcome("safe-secure", "Safe and Secure");
  safe.continues = {"safe", "gone"};
  Objective protect = NamedObjective("vulnerable", "Protect the most vulnerable");
  protect.continues = {"protect"};
  safe.objectives.push_back(protect);
  safe.objectives.push_back(NamedObjective("new", "A new aim"));
  p.outcomes.push_back(safe);
  return p;
}

Indicator LinkedIndicator(std::string id, std::string plan, std::vector<std::string> outcomes,
                          std::vector<std::string> objectives) {
  Indicator i;
  i.id = std::move(id);
  i.plan = std::move(plan);
  i.outcomes = std::move(outcomes);
  i.objectives = std::move(objectives);
  return i;
}

TEST(PlanLineageTest, CarriedAimsAndThoseNot) {
  const Plan earlier = EarlierPlan(), later = LaterPlan();
  const GenerationStep step = StepBetween(earlier, later, {});
  ASSERT_EQ(step.carried.size(), 2u);
  EXPECT_EQ(step.carried[0].kind, LineageKind::kOutcome);
  EXPECT_EQ(step.carried[0].id, "safe-secure");
  ASSERT_EQ(step.carried[0].earlier.size(), 1u);
  EXPECT_EQ(step.carried[0].earlier[0].second, "Safe and Secure");
  EXPECT_THAT(step.carried[0].missing, ElementsAre("gone"));
  EXPECT_EQ(step.carried[1].kind, LineageKind::kObjective);
  EXPECT_EQ(step.carried[1].id, "vulnerable");
  EXPECT_EQ(step.carried[1].earlier[0].first, "protect");
  // An outcome id named by an objective is not an objective carried over, and vice versa.
  std::vector<std::string> not_carried;
  for (const CarriedAim& a : step.not_carried) not_carried.push_back(a.id);
  EXPECT_THAT(not_carried, ElementsAre("streets", "culture"));
}

TEST(PlanLineageTest, IndicatorsPersistThroughACarriedAimOnEitherSide) {
  const Plan earlier = EarlierPlan(), later = LaterPlan();
  const std::vector<Indicator> catalogue = {
      LinkedIndicator("earlier-outcome", "p2019", {"safe"}, {}),          // persists
      LinkedIndicator("earlier-objective", "p2019", {}, {"protect"}),     // persists
      LinkedIndicator("later-objective", "p2023", {}, {"vulnerable"}),    // persists
      LinkedIndicator("not-carried", "p2019", {"culture"}, {"streets"}),  // does not
      LinkedIndicator("other-plan", "p2000", {"safe"}, {"protect"}),      // a third plan's links
      LinkedIndicator("later-new", "p2023", {}, {"new"}),                 // a new aim only
  };
  const GenerationStep step = StepBetween(earlier, later, catalogue);
  std::map<std::string, std::vector<std::string>> found;
  for (const PersistingIndicator& p : step.indicators) found[p.indicator->id] = p.aims;
  EXPECT_EQ(found.size(), 3u);
  EXPECT_THAT(found["earlier-outcome"], ElementsAre("safe-secure"));
  EXPECT_THAT(found["earlier-objective"], ElementsAre("vulnerable"));
  EXPECT_THAT(found["later-objective"], ElementsAre("vulnerable"));
}

// A catalogue written for the earlier plan evidences the later plan's aims through the aims
// they carry over; one naming no plan links every plan's aims of the same id.
TEST(PlanLineageTest, AnIndicatorEvidencesTheAimsThatCarryItsAimsOver) {
  const Plan later = LaterPlan();
  const Outcome& safe = later.outcomes[0];
  const Objective& vulnerable = safe.objectives[0];
  const Objective& fresh = safe.objectives[1];
  const Indicator earlier_outcome = LinkedIndicator("a", "p2019", {"safe"}, {});
  const Indicator earlier_objective = LinkedIndicator("b", "p2019", {}, {"protect"});
  const Indicator later_objective = LinkedIndicator("c", "p2023", {}, {"new"});
  const Indicator any_plan = LinkedIndicator("d", "", {"safe-secure"}, {});
  const Indicator third_plan = LinkedIndicator("e", "p2000", {"safe"}, {"protect"});
  const auto outcome = [&](const Indicator& i) {
    return EvidencesAim(i, later, LineageKind::kOutcome, safe.id, safe.continues);
  };
  const auto objective = [&](const Indicator& i, const Objective& o) {
    return EvidencesAim(i, later, LineageKind::kObjective, o.id, o.continues);
  };
  EXPECT_TRUE(outcome(earlier_outcome));
  EXPECT_FALSE(objective(earlier_outcome, vulnerable));
  EXPECT_TRUE(objective(earlier_objective, vulnerable));
  EXPECT_FALSE(objective(earlier_objective, fresh));  // carries nothing over
  EXPECT_FALSE(outcome(earlier_objective));           // an objective link is not an outcome's
  EXPECT_TRUE(objective(later_objective, fresh));
  EXPECT_FALSE(objective(later_objective, vulnerable));
  EXPECT_TRUE(outcome(any_plan));
  EXPECT_FALSE(outcome(third_plan));
  EXPECT_FALSE(objective(third_plan, vulnerable));
  // Without [plan] continues, the earlier plan's links count for nothing.
  Plan alone = later;
  alone.continues.clear();
  EXPECT_FALSE(
      EvidencesAim(earlier_outcome, alone, LineageKind::kOutcome, safe.id, safe.continues));
}

TEST(PlanLineageTest, GenerationsFollowTheChainOldestFirst) {
  Plan first;
  first.id = "p2013";
  Plan earlier = EarlierPlan();
  earlier.continues = "p2013";
  const Plan later = LaterPlan();
  const auto find = [&](std::string_view id) -> const Plan* {
    if (id == "p2019") return &earlier;
    if (id == "p2013") return &first;
    return nullptr;
  };
  const auto chain = Generations(first, later, find);
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0]->id, "p2013");
  EXPECT_EQ(chain[1]->id, "p2019");
  EXPECT_EQ(chain[2]->id, "p2023");
  EXPECT_EQ(Generations(earlier, later, find).size(), 2u);
  // The other way round, the same plan, a plan not at hand and a loop give no chain.
  EXPECT_THAT(Generations(later, first, find), IsEmpty());
  EXPECT_THAT(Generations(later, later, find), IsEmpty());
  EXPECT_THAT(Generations(first, later, [](std::string_view) { return nullptr; }), IsEmpty());
  Plan a, b;
  a.id = "a";
  a.continues = "b";
  b.id = "b";
  b.continues = "a";
  Plan c;
  c.id = "c";
  const auto loop = [&](std::string_view id) -> const Plan* {
    return id == "a" ? &a : id == "b" ? &b : nullptr;
  };
  EXPECT_THAT(Generations(c, a, loop), IsEmpty());
}

}  // namespace
}  // namespace waymark
