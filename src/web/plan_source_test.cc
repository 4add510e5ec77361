// Tests of the default plan: the published plan that starts last, a plan whose period is not
// stated only when no published plan states one, else the first plan.
#include "web/plan_source.h"

#include <gtest/gtest.h>

namespace waymark::web {
namespace {

PlanSummary Summary(std::string id, std::string status, std::optional<Date> start) {
  PlanSummary s;
  s.id = std::move(id);
  s.status = std::move(status);
  s.start = start;
  if (start) s.end = Date{start->year + 4, 3, 31};
  return s;
}

TEST(DefaultPlanId, IsThePublishedPlanThatStartsLast) {
  EXPECT_EQ(DefaultPlanId({Summary("old", "published", Date{2013, 4, 1}),
                           Summary("new", "published", Date{2019, 4, 1}),
                           Summary("draft", "draft", Date{2024, 4, 1})}),
            "new");
}

TEST(DefaultPlanId, PrefersADatedPlanToOneWithoutAPeriodInAnyOrder) {
  const PlanSummary undated = Summary("current", "published", std::nullopt);
  const PlanSummary dated = Summary("dated", "published", Date{2019, 4, 1});
  EXPECT_EQ(DefaultPlanId({undated, dated}), "dated");
  EXPECT_EQ(DefaultPlanId({dated, undated}), "dated");
}

TEST(DefaultPlanId, TakesTheFirstUndatedPublishedPlanWhenNoneStatesAPeriod) {
  EXPECT_EQ(DefaultPlanId({Summary("archived", "archived", Date{2013, 4, 1}),
                           Summary("first", "published", std::nullopt),
                           Summary("second", "published", std::nullopt)}),
            "first");
}

TEST(DefaultPlanId, FallsBackToTheFirstPlanThenToNone) {
  EXPECT_EQ(DefaultPlanId({Summary("a", "draft", std::nullopt),
                           Summary("b", "archived", Date{2013, 4, 1})}),
            "a");
  EXPECT_EQ(DefaultPlanId({}), "");
}

}  // namespace
}  // namespace waymark::web
