// Tests of plan differences: added, removed and changed records, field by field.
#include "store/plan_diff.h"

#include <algorithm>

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace waymark::store {
namespace {

Plan SamplePlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "Plan";
  plan.organisation = "Council";
  plan.start = {2024, 4, 1};
  plan.end = {2027, 3, 31};
  plan.status = "published";
  plan.partners = {{"fs", "Family Services", "council"}, {"ph", "Public Health", "health"}};
  plan.bodies = {{"board", "Board", "board"}};
  Objective objective{"obj", "Objective", "", {{"m", "Measure", Direction::kIncrease, "", ""}},
                      {{"a1", "Action one", {"fs"}, {"board"}}, {"a2", "Action two", {}, {}}}};
  plan.outcomes = {Outcome{"o", "Outcome", "", OutcomeKind::kOutcome, {}, {}, {objective}}};
  return plan;
}

TEST(PlanDiffTest, EqualPlansHaveNoChanges) {
  EXPECT_TRUE(DiffPlans(SamplePlan(), SamplePlan()).empty());
}

TEST(PlanDiffTest, ReportsAddedRemovedAndChangedRecords) {
  const Plan before = SamplePlan();
  Plan after = SamplePlan();
  after.title = "Plan v2";
  auto& actions = after.outcomes[0].objectives[0].actions;
  actions[0].responsible = {"fs", "ph"};
  actions.erase(actions.begin() + 1);
  actions.push_back({"a3", "Action three", {"ph"}, {}});
  after.outcomes[0].objectives[0].measures[0].direction = Direction::kDecrease;

  const auto changes = DiffPlans(before, after);
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[0], (Change{ChangeKind::kChanged, PlanRecordKind::kPlan, "p", "title", "Plan", "Plan v2"}));
  EXPECT_EQ(changes[1],
            (Change{ChangeKind::kChanged, PlanRecordKind::kMeasure, "m", "direction", "increase", "decrease"}));
  EXPECT_EQ(changes[2],
            (Change{ChangeKind::kChanged, PlanRecordKind::kAction, "a1", "responsible", "fs", "fs, ph"}));
  EXPECT_EQ(changes[3], (Change{ChangeKind::kAdded, PlanRecordKind::kAction, "a3", "", "", "Action three"}));
  EXPECT_EQ(changes[4], (Change{ChangeKind::kRemoved, PlanRecordKind::kAction, "a2", "", "Action two", ""}));
  EXPECT_EQ(DescribeChange(changes[2]), "changed action 'a1' responsible: 'fs' -> 'fs, ph'");
  EXPECT_EQ(DescribeChange(changes[3]), "added action 'a3': Action three");
  EXPECT_EQ(DescribeChange(changes[4]), "removed action 'a2': Action two");
}

TEST(PlanDiffTest, BadgesAndChildRightsTagsAreRecorded) {
  const Plan before = SamplePlan();
  Plan after = SamplePlan();
  after.badges = {{"communication", "Communication", "", true}};
  after.outcomes[0].badge = "communication";
  after.outcomes[0].objectives[0].actions[0].principles = {"participation"};
  after.outcomes[0].objectives[0].actions[1].badges = {"communication"};
  const auto changes = DiffPlans(before, after);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0],
            (Change{ChangeKind::kAdded, PlanRecordKind::kBadge, "communication", "", "", "Communication"}));
  EXPECT_EQ(changes[1], (Change{ChangeKind::kChanged, PlanRecordKind::kOutcome, "o", "badge", "", "communication"}));
  EXPECT_EQ(changes[2],
            (Change{ChangeKind::kChanged, PlanRecordKind::kAction, "a1", "principles", "", "participation"}));
  EXPECT_EQ(changes[3],
            (Change{ChangeKind::kChanged, PlanRecordKind::kAction, "a2", "badges", "", "communication"}));
  Plan local = after;
  local.badges[0].foundational = false;
  EXPECT_EQ(DiffPlans(after, local).at(0),
            (Change{ChangeKind::kChanged, PlanRecordKind::kBadge, "communication", "foundational", "yes", "no"}));
}

TEST(PlanDiffTest, RecordTitlesNameEveryRecordByKindAndId) {
  const auto titles = RecordTitles(SamplePlan());
  EXPECT_EQ(titles.at({PlanRecordKind::kPlan, "p"}), "Plan");
  EXPECT_EQ(titles.at({PlanRecordKind::kAction, "a2"}), "Action two");
  EXPECT_EQ(titles.at({PlanRecordKind::kMeasure, "m"}), "Measure");
  EXPECT_EQ(titles.at({PlanRecordKind::kPartner, "ph"}), "Public Health");
  EXPECT_EQ(titles.count({PlanRecordKind::kAction, "m"}), 0u);
}

// The ids a linking field holds name records of the kind LinkedKind gives, in the plan the
// value comes from; other fields link nothing.
TEST(PlanDiffTest, LinkedFieldsNameRecordsOfTheirKind) {
  Plan before = SamplePlan();
  before.outcomes.push_back(
      Outcome{"o2", "Second", "", OutcomeKind::kOutcome, {}, {}, {Objective{"obj2", "Two", "", {}, {}}}});
  Plan after = before;
  Objective& obj = after.outcomes[0].objectives[0];
  obj.actions[0].responsible = {"fs", "ph"};
  obj.actions[0].also_serves = {"obj2"};
  after.outcomes[1].objectives[0].measures = obj.measures;  // the measure moves to obj2
  obj.measures.clear();
  const auto before_titles = RecordTitles(before);
  const auto after_titles = RecordTitles(after);
  const auto all_named = [](const std::string& value, PlanRecordKind kind, const auto& titles) {
    std::size_t start = 0;
    while (start < value.size()) {
      const std::size_t comma = std::min(value.find(", ", start), value.size());
      if (titles.count({kind, value.substr(start, comma - start)}) == 0) return false;
      start = comma + 2;
    }
    return true;
  };
  std::vector<std::string> linked;
  for (const Change& c : DiffPlans(before, after)) {
    const std::optional<PlanRecordKind> kind = LinkedKind(c.entity, c.field);
    if (!kind) continue;
    linked.push_back(fmt::format("{} {} -> {}", PlanRecordKindName(c.entity), c.field,
                                 PlanRecordKindName(*kind)));
    EXPECT_TRUE(all_named(c.old_value, *kind, before_titles)) << c.old_value;
    EXPECT_TRUE(all_named(c.new_value, *kind, after_titles)) << c.new_value;
  }
  std::sort(linked.begin(), linked.end());
  EXPECT_EQ(linked, (std::vector<std::string>{"action also serves -> objective",
                                              "action responsible -> partner",
                                              "measure objective -> objective"}));
  EXPECT_EQ(LinkedKind(PlanRecordKind::kAction, "title"), std::nullopt);
  EXPECT_EQ(LinkedKind(PlanRecordKind::kPlan, "continues"), std::nullopt);
  EXPECT_EQ(LinkedKind(PlanRecordKind::kStrategy, "owner"), PlanRecordKind::kPartner);
  EXPECT_EQ(LinkedKind(PlanRecordKind::kOutcome, "across"), PlanRecordKind::kOutcome);
}

TEST(PlanDiffTest, APeriodStatedOrRemovedIsAChangeOfEachDate) {
  Plan undated = SamplePlan();
  undated.start.reset();
  undated.end.reset();
  EXPECT_TRUE(DiffPlans(undated, undated).empty());
  const auto stated = DiffPlans(undated, SamplePlan());
  ASSERT_EQ(stated.size(), 2u);
  EXPECT_EQ(stated[0],
            (Change{ChangeKind::kChanged, PlanRecordKind::kPlan, "p", "start", "not stated", "2024-04-01"}));
  EXPECT_EQ(stated[1],
            (Change{ChangeKind::kChanged, PlanRecordKind::kPlan, "p", "end", "not stated", "2027-03-31"}));
  const auto removed = DiffPlans(SamplePlan(), undated);
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(DescribeChange(removed[0]), "changed plan 'p' start: '2024-04-01' -> 'not stated'");
}

TEST(PlanDiffTest, ChildrensWordsAreChangesOfTheOutcome) {
  const Plan before = SamplePlan();
  Plan after = SamplePlan();
  after.outcomes[0].children.did = "We trained the police.";
  const auto changes = DiffPlans(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0], (Change{ChangeKind::kChanged, PlanRecordKind::kOutcome, "o", "children did", "",
                                "We trained the police."}));
  Plan again = after;
  again.outcomes[0].children.did = "We trained the police and the nurses.";
  again.outcomes[0].children.next = "We will listen.";
  const auto more = DiffPlans(after, again);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].field, "children did");
  EXPECT_EQ(more[1].field, "children next");
  EXPECT_TRUE(DiffPlans(again, again).empty());
}

TEST(PlanDiffTest, MovingAnActionToAnotherObjectiveIsAChangeNotARemoval) {
  const Plan before = SamplePlan();
  Plan after = SamplePlan();
  after.outcomes[0].objectives.push_back(Objective{"obj2", "Second", "", {}, {}});
  auto& first = after.outcomes[0].objectives[0].actions;
  after.outcomes[0].objectives[1].actions.push_back(first[1]);
  first.pop_back();
  const auto changes = DiffPlans(before, after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kAdded);
  EXPECT_EQ(changes[1], (Change{ChangeKind::kChanged, PlanRecordKind::kAction, "a2", "objective", "obj", "obj2"}));
}

}  // namespace
}  // namespace waymark::store
