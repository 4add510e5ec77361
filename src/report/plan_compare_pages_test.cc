// Tests of two plans side by side: records added, removed and changed, named by their titles
// and linked to the right plan's pages; the same plan twice; and every kind of record the diff
// names has its section.
#include "report/plan_compare_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "ingest/plan_file.h"
#include "store/plan_diff.h"

namespace waymark::report {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

Plan Draft() {
  Plan plan;
  plan.id = "draft";
  plan.title = "Draft plan";
  plan.status = "draft";
  plan.partners = {{"fs", "Family Services", "council"}, {"old", "Old Partner", "other"}};
  Objective objective{"obj", "Objective", "", {}, {}};
  objective.actions = {{"a1", "Run clubs", {"fs"}, {}}, {"a2", "Dropped action", {}, {}}};
  plan.outcomes = {Outcome{"safe", "Safe", "", "outcome", {}, {}, {objective}}};
  return plan;
}

Plan Published() {
  Plan plan = Draft();
  plan.id = "published";
  plan.title = "Published plan";
  plan.status = "published";
  plan.partners.pop_back();
  auto& actions = plan.outcomes[0].objectives[0].actions;
  actions[0].title = "Run youth clubs";
  actions.pop_back();
  actions.push_back({"a3", "New action", {"fs"}, {}});
  return plan;
}

TEST(PlanComparison, NamesWhatWasAddedRemovedAndReworded) {
  const Plan draft = Draft();
  const Plan published = Published();
  const std::string html = RenderPlanComparison({&draft, &published, {}});
  EXPECT_THAT(
      html,
      AllOf(HasSubstr("href=\"/?plan=draft\""), HasSubstr("href=\"/?plan=published\""),
            HasSubstr("href=\"#changes-action\""), HasSubstr("id=\"changes-partner\""),
            // The plan record is compared whatever the ids: title and status changed.
            HasSubstr(">Draft plan</td>"), HasSubstr(">Published plan</td>"),
            // Added: linked in the newer plan; removed: in the older one.
            HasSubstr("href=\"/actions/a3?plan=published\">New action</a>"),
            HasSubstr("href=\"/actions/a2?plan=draft\">Dropped action</a>"),
            HasSubstr(">Run clubs</td>"), HasSubstr(">Run youth clubs</td>"),
            HasSubstr(">Old Partner</li>"), HasSubstr("href=\"/plans/published/compare/draft\"")));
  EXPECT_THAT(html, Not(HasSubstr("The two plans are the same.")));
}

TEST(PlanComparison, TheSamePlanTwiceHasNoChanges) {
  const Plan draft = Draft();
  const std::string html = RenderPlanComparison({&draft, &draft, {}});
  EXPECT_THAT(html, AllOf(HasSubstr("The two plans are the same."),
                          Not(HasSubstr("Changes by kind of record"))));
}

// Every change the diff finds between the example plans appears on the page: each kind of
// record it names has a section (a kind the page did not know would be left out).
TEST(PlanComparison, EveryKindOfRecordTheDiffNamesHasASection) {
  const std::string examples = std::string(WAYMARK_SOURCE_DIR) + "/examples/";
  const Plan empty;
  for (const char* name : {"barnet-2013-16", "barnet-2019-23", "barnet-current"}) {
    const auto report = ingest::ReadPlanFile(examples + name + "/plan.toml");
    ASSERT_TRUE(report.ok()) << name;
    std::set<std::string> kinds;
    for (const store::Change& c : store::DiffPlans(empty, *report.plan)) kinds.insert(c.entity);
    const std::string page = RenderPlanComparison({&empty, &*report.plan, {}});
    for (std::string kind : kinds) {
      for (char& ch : kind) {
        if (ch == ' ') ch = '-';
      }
      EXPECT_THAT(page, HasSubstr("id=\"changes-" + kind + "\"")) << name;
    }
  }
}

}  // namespace
}  // namespace waymark::report
