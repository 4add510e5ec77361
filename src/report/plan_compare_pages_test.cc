// Tests of two plans side by side: records added, removed and changed, named by their titles
// and linked to the right plan's pages; the same plan twice; and every kind of record the diff
// names has its section.
#include "report/plan_compare_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "ingest/plan_file.h"
#include "report/board_test_fixture.h"
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
  plan.outcomes = {Outcome{"safe", "Safe", "", OutcomeKind::kOutcome, {}, {}, {objective}}};
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

// A changed link names the records it links, by their titles in each plan; an id that plan does
// not have stays as written.
TEST(PlanComparison, AChangedLinkNamesTheRecordsItLinks) {
  const Plan draft = Draft();
  Plan published = Published();
  published.partners.push_back({"nhs", "NHS Barnet", "health"});
  published.outcomes[0].objectives[0].actions[0].responsible = {"fs", "nhs", "gone"};
  const std::string html = RenderPlanComparison({&draft, &published, {}});
  EXPECT_THAT(html, AllOf(HasSubstr(">responsible</td>"), HasSubstr(">Family Services</td>"),
                          HasSubstr(">Family Services; NHS Barnet; gone</td>"),
                          Not(HasSubstr(">fs, nhs, gone</td>"))));
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
    for (const store::Change& c : store::DiffPlans(empty, *report.plan)) {
      kinds.insert(std::string(PlanRecordKindName(c.entity)));
    }
    const std::string page = RenderPlanComparison({&empty, &*report.plan, {}});
    for (std::string kind : kinds) {
      for (char& ch : kind) {
        if (ch == ' ') ch = '-';
      }
      EXPECT_THAT(page, HasSubstr("id=\"changes-" + kind + "\"")) << name;
    }
  }
}

// Across generations: the aims carried over and not, and the indicators that persist with
// Barnet's first figure since the earliest plan's start, the latest and the recent trend.
TEST(PlanComparison, ShowsTheAimsAndIndicatorsCarriedAcrossGenerations) {
  Plan earlier = testing::TestPlan();  // "p": outcomes safe and healthy; figures in TestData
  earlier.start = Date{2022, 4, 1};
  earlier.end = Date{2025, 3, 31};
  Plan later;
  later.id = "next";
  later.title = "The next plan";
  later.continues = "p";
  Outcome kept{"safe-and-secure", "Safe and secure", "", OutcomeKind::kOutcome, {}, {}, {}};
  kept.continues = {"safe", "lost"};
  later.outcomes = {kept};
  const IndicatorData data = testing::TestData();
  std::vector<Indicator> catalogue;
  for (const IndicatorSeries& s : data.Series()) catalogue.push_back(s.indicator);
  PlanComparison page{&earlier, &later, {}};
  page.generations = {StepBetween(earlier, later, catalogue)};
  page.data = &data;
  const std::string html = RenderPlanComparison(page);
  EXPECT_THAT(
      html,
      AllOf(HasSubstr("id=\"generations\""), HasSubstr("From A plan to The next plan"),
            HasSubstr("the start of A plan (2022)"),
            HasSubstr("href=\"/outcomes/safe-and-secure?plan=next\">Safe and secure</a>"),
            HasSubstr("href=\"/outcomes/safe?plan=p\">Safe</a>"), HasSubstr("lost (not in A plan)"),
            HasSubstr("Aims of A plan not carried over (3)"),
            HasSubstr("href=\"/outcomes/healthy?plan=p#objective-fit\">Fit</a>"),
            // Persisting: "similar" from 2022 (10.0) to 2023 (12.3); "worse" has 2023 only.
            HasSubstr(">Indicator similar</a>"), HasSubstr(">10.0 (2022)</td>"),
            HasSubstr(">12.3 (2023)</td>"), HasSubstr("Increasing and getting better"),
            HasSubstr(">Indicator worse</a>"), HasSubstr(">40.0 (2023)</td>"),
            Not(HasSubstr(">Indicator small</a>"))));
  // From 2023 on, the 2022 figure is outside the span.
  earlier.start = Date{2023, 1, 1};
  EXPECT_THAT(RenderPlanComparison(page), Not(HasSubstr(">10.0 (2022)</td>")));
  // Plans with no generation between them have no such section.
  EXPECT_THAT(RenderPlanComparison({&earlier, &later, {}}), Not(HasSubstr("id=\"generations\"")));
}

}  // namespace
}  // namespace waymark::report
