// Tests of HTML escaping, the page frame and plan search.
#include <gtest/gtest.h>

#include "report/html.h"
#include "report/layout.h"
#include "report/plan_pages.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

TEST(EscapeHtml, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain – text"), "plain – text");
}

TEST(Html, EscapesTextAndAttributeValues) {
  Html h;
  h.Open("p", {{"title", "\"><script>"}}).Text("<b>").Close("p");
  EXPECT_EQ(h.View(), "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;</p>");
  Html link;
  link.Link("/search?q=a&b", "x");
  EXPECT_EQ(link.View(), "<a class=\"govuk-link\" href=\"/search?q=a&amp;b\">x</a>");
}

TEST(Links, CarryThePlanOnlyWhenAsked) {
  Links one("p1", false);
  EXPECT_EQ(one.Home(), "/");
  EXPECT_EQ(one.Outcome("o 1"), "/outcomes/o%201");
  EXPECT_EQ(one.Search("a&b"), "/search?q=a%26b");
  Links many("p1", true);
  EXPECT_EQ(many.Home(), "/?plan=p1");
  EXPECT_EQ(many.Search("x"), "/search?q=x&plan=p1");
}

TEST(RenderPage, HasTheGovukFrameAndNoInlineScriptOrStyle) {
  Html main;
  main.Element("h1", {{"class", "govuk-heading-xl"}}, "Title");
  const std::string page =
      RenderPage({"Title", {{"Home", "/"}, {"Here", ""}}, NavItem::kNone, {}}, main);
  EXPECT_TRUE(page.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(page.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(page.find("govuk-skip-link"), std::string::npos);
  EXPECT_NE(page.find("govuk-phase-banner"), std::string::npos);
  EXPECT_NE(page.find("govuk-breadcrumbs"), std::string::npos);
  EXPECT_NE(page.find("<main class=\"govuk-main-wrapper\" id=\"main-content\""), std::string::npos);
  EXPECT_NE(page.find("govuk-footer"), std::string::npos);
  EXPECT_EQ(page.find("<style"), std::string::npos);
  EXPECT_EQ(page.find(" style="), std::string::npos);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find(" on"), std::string::npos);
}

Plan SmallPlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "Plan";
  plan.partners = {{"ph", "Public Health", "health"}};
  Objective objective{"healthy", "Healthy lives", "Eat well", {}, {}};
  objective.actions = {{"a1", "Run a school food programme", {"ph"}, {}},
                       {"a2", "Open a youth zone", {}, {}}};
  Outcome outcome;
  outcome.id = "health";
  outcome.title = "Health";
  outcome.objectives = {objective};
  plan.outcomes = {outcome};
  return plan;
}

TEST(SearchPlan, MatchesEveryWordCaseInsensitively) {
  const Plan plan = SmallPlan();
  EXPECT_TRUE(SearchPlan(plan, "").empty());
  EXPECT_TRUE(SearchPlan(plan, "   ").empty());
  auto hits = SearchPlan(plan, "PUBLIC school");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "a1");
  EXPECT_EQ(hits[0].kind, HitKind::kAction);
  EXPECT_EQ(hits[0].objective_title, "Healthy lives");
  hits = SearchPlan(plan, "eat");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, HitKind::kObjective);
  EXPECT_TRUE(SearchPlan(plan, "zone school").empty());
}

// A plan that states no period says so; it never shows invented dates (0000-00-00).
TEST(PlanPeriod, SaysWhenThePeriodIsNotStated) {
  Plan plan = SmallPlan();
  plan.organisation = "Barnet";
  EXPECT_EQ(PlanPeriod(plan), "period not stated");
  const std::string page = RenderOverview(plan, {}, {}, {});
  EXPECT_NE(page.find("Barnet, period not stated"), std::string::npos);
  EXPECT_EQ(page.find("0000"), std::string::npos);
  plan.start = Date{2019, 4, 1};
  plan.end = Date{2023, 3, 31};
  EXPECT_EQ(PlanPeriod(plan), "1 April 2019 to 31 March 2023");
  EXPECT_NE(RenderOverview(plan, {}, {}, {}).find("Barnet, 1 April 2019 to 31 March 2023"),
            std::string::npos);
}

// An action that also serves another objective is listed under it too, linking to where it is
// declared; measures of the outcome as a whole and unstated directions are shown as such.
TEST(RenderOutcome, ListsActionsServingSeveralObjectivesAndOutcomeMeasures) {
  Plan plan = SmallPlan();
  plan.outcomes[0].objectives[0].actions[0].also_serves = {"active"};
  plan.outcomes[0].objectives.push_back(Objective{"active", "Active lives", "", {}, {}});
  plan.outcomes[0].measures = {{"m1", "Fewer obese children", Direction::kNotStated, "", ""}};
  const std::string page = RenderOutcome(plan, plan.outcomes[0], Links("p", false), {});
  EXPECT_NE(page.find("Measures of success of the outcome as a whole"), std::string::npos);
  EXPECT_NE(page.find(">Not stated</td>"), std::string::npos);
  // Declared once (one anchor), listed twice.
  const auto first = page.find("Run a school food programme");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(page.find("Run a school food programme", first + 1), std::string::npos);
  EXPECT_NE(page.find("id=\"action-a1\""), std::string::npos);
  EXPECT_EQ(page.find("id=\"action-a1\"", page.find("id=\"action-a1\"") + 1),
            std::string::npos);
  EXPECT_NE(page.find("Also serves this objective; listed under <a class=\"govuk-link\" "
                      "href=\"/outcomes/health#action-a1\">Healthy lives</a>"),
            std::string::npos);
}

// The welcome and forewords are folded into details; the pledge is shown with its signatories.
TEST(RenderOverview, ShowsThePlansTextsAndThePledgesSignatories) {
  Plan plan = SmallPlan();
  plan.texts = {{TextKind::kWelcome, "", "We are young.\n\nWe are heard.", "", "", {}},
                {TextKind::kForeword, "", "My duty.", "Cllr A", "Chair", {}},
                {TextKind::kPledge, "", "We pledge.", "", "", {"ph"}}};
  const std::string page = RenderOverview(plan, {}, {}, {});
  EXPECT_NE(page.find("<span class=\"govuk-details__summary-text\">Welcome</span>"),
            std::string::npos);
  EXPECT_NE(page.find("<p class=\"govuk-body\">We are young.</p><p class=\"govuk-body\">We are "
                      "heard.</p>"),
            std::string::npos);
  EXPECT_NE(page.find("Foreword by Cllr A"), std::string::npos);
  EXPECT_NE(page.find(">Our pledge</h2>"), std::string::npos);
  EXPECT_NE(page.find("Signed on behalf of:"), std::string::npos);
  EXPECT_NE(page.find("<li>Public Health</li>"), std::string::npos);
  EXPECT_EQ(RenderOverview(SmallPlan(), {}, {}, {}).find("govuk-details"), std::string::npos);
}

TEST(PageSlots, AreFilledOnlyWhenGiven) {
  const Plan plan = SmallPlan();
  PageSlots slots;
  EXPECT_EQ(RenderOverview(plan, {}, {}, slots).find("waymark-slot"), std::string::npos);
  slots.overview_outcome = [](const Plan&, const Outcome& o) {
    Html h;
    h.Element("p", {}, "indicators of " + o.id);
    return h;
  };
  EXPECT_NE(RenderOverview(plan, {}, {}, slots).find("indicators of health"), std::string::npos);
}

}  // namespace
}  // namespace waymark::report
