// Tests of a plan's facts on its pages: the check against the catalogue (agrees, differs, no
// figure, a suppressed figure, no such indicator, a period that is not a label, the search
// when the plan states no period and its bound at the plan's start) and the list's markup.
#include "report/plan_facts.h"

#include "report/plan_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace waymark::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Assessment FactRow(std::string_view area, int year, double value, bool suppressed = false) {
  Assessment a;
  a.indicator = "fsm";
  a.area = std::string(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.value = value;
  a.suppressed = suppressed;
  return a;
}

IndicatorData FactData() {
  Indicator ind;
  ind.id = "fsm";
  ind.title = "Secondary pupils eligible for free school meals";
  ind.plan = "p";
  std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                             {"E09000003", "Barnet", AreaType::kCouncil, "E92000001", ""}};
  std::vector<Assessment> rows = {
      FactRow("E09000003", 2015, 12.0), FactRow("E92000001", 2015, 13.2),
      FactRow("E09000003", 2016, 13.1), FactRow("E92000001", 2016, 13.2),
      FactRow("E09000003", 2017, 11.5), FactRow("E92000001", 2017, 12.9),
      FactRow("E09000003", 2018, 13.1), FactRow("E92000001", 2018, 13.2, true)};
  return IndicatorData({ind}, areas, {}, rows);
}

Fact FsmFact(std::string period) {
  Fact fact{"Free school meals: secondary", "", ""};
  fact.figure = 13.1;
  fact.unit = FactUnit::kPercent;
  fact.period = std::move(period);
  fact.area = "E09000003";
  fact.comparators = {{"E92000001", 13.2}};
  fact.indicator = "fsm";
  return fact;
}

TEST(PlanFactsTest, AFactWithItsPeriodIsCheckedInThatPeriod) {
  const IndicatorData data = FactData();
  const auto agrees = CheckFact(data, FsmFact("2016"));
  ASSERT_TRUE(agrees.has_value());
  ASSERT_EQ(agrees->lines.size(), 2u);
  EXPECT_TRUE(agrees->lines[0].agrees);
  EXPECT_TRUE(agrees->lines[1].agrees);
  EXPECT_FALSE(agrees->searched);
  const auto differs = CheckFact(data, FsmFact("2017"));
  EXPECT_FALSE(differs->lines[0].agrees);
  ASSERT_NE(differs->lines[0].measured, nullptr);
  EXPECT_EQ(differs->lines[0].measured->value, 11.5);
  // England's 2018 figure is suppressed: not compared, as if there were none.
  const auto hidden = CheckFact(data, FsmFact("2018"));
  EXPECT_TRUE(hidden->lines[0].agrees);
  EXPECT_EQ(hidden->lines[1].measured, nullptr);
  EXPECT_FALSE(hidden->lines[1].agrees);
}

TEST(PlanFactsTest, AFactWithNoPeriodIsCheckedInTheLatestPeriodThatAgreesBeforeThePlan) {
  const IndicatorData data = FactData();
  const auto found = CheckFact(data, FsmFact(""));
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->searched);
  ASSERT_TRUE(found->period.has_value());
  EXPECT_EQ(found->period->Label(), "2016");  // 2018's England figure is suppressed
  const auto bounded = CheckFact(data, FsmFact(""), 2016);
  EXPECT_FALSE(bounded->period.has_value());  // only 2015 is before 2016, and it differs
  Fact other = FsmFact("");
  other.figure = 99;
  EXPECT_FALSE(CheckFact(data, other)->period.has_value());
}

TEST(PlanFactsTest, FactsThatCannotBeCheckedSaySoOrNothing) {
  const IndicatorData data = FactData();
  Fact words{"Ranking", "second highest", ""};
  EXPECT_FALSE(CheckFact(data, words).has_value());
  Fact no_area = FsmFact("2016");
  no_area.area.clear();
  EXPECT_FALSE(CheckFact(data, no_area).has_value());
  Plan plan;
  EXPECT_TRUE(RenderFactCheck(data, plan, words).IsEmpty());
  Fact unknown = FsmFact("2016");
  unknown.indicator = "gone";
  EXPECT_EQ(RenderFactCheck(data, plan, unknown).View(),
            "<p class=\"govuk-body-s waymark-fact-check\">Not checked: the catalogue has no "
            "indicator &#39;gone&#39;.</p>");
  EXPECT_THAT(RenderFactCheck(data, plan, FsmFact("January 2016 census")).View(),
              HasSubstr("Not checked against <a class=\"govuk-link\" href=\"/indicators/fsm\">"
                        "Secondary pupils eligible for free school meals</a>: &#39;January 2016 "
                        "census&#39; is not a period label the catalogue uses."));
}

TEST(PlanFactsTest, TheCheckReadsAsASentence) {
  const IndicatorData data = FactData();
  Plan plan;
  plan.start = Date{2019, 4, 1};
  EXPECT_THAT(RenderFactCheck(data, plan, FsmFact("2016")).View(),
              HasSubstr("Checked against <a class=\"govuk-link\" href=\"/indicators/fsm\">Secondary "
                        "pupils eligible for free school meals</a> for 2016: Barnet 13.1% agrees; "
                        "England 13.2% agrees."));
  EXPECT_THAT(RenderFactCheck(data, plan, FsmFact("2017")).View(),
              HasSubstr("for 2017: Barnet differs: the plan gives 13.1%, the catalogue 11.5%; "
                        "England differs: the plan gives 13.2%, the catalogue 12.9%."));
  EXPECT_THAT(RenderFactCheck(data, plan, FsmFact("2018")).View(),
              HasSubstr("England has no figure in the catalogue."));
  EXPECT_THAT(RenderFactCheck(data, plan, FsmFact("")).View(),
              HasSubstr("the plan states no period; the catalogue&#39;s figures agree for 2016: "));
  plan.start = Date{2016, 4, 1};
  EXPECT_THAT(RenderFactCheck(data, plan, FsmFact("")).View(),
              HasSubstr("Checked against <a class=\"govuk-link\" href=\"/indicators/fsm\">"
                        "Secondary pupils eligible for free school meals</a>: the plan states no "
                        "period, and in no period of the catalogue before the plan do these "
                        "figures agree."));
}

TEST(PlanFactsTest, TheListShowsEachFieldAndNotStated) {
  Fact unstated{"Low income families", "", "Not paired in the source text."};
  unstated.area = "E09000003";
  Fact sourced = FsmFact("2016");
  sourced.source = "School census";
  Html h;
  const AreaNamer name = [](std::string_view code) {
    return code == "E09000003" ? std::string("Barnet") : std::string("England");
  };
  FactList(h, {sourced, unstated}, name, {});
  const std::string& html = h.View();
  EXPECT_THAT(html, HasSubstr(">13.1%</p>"));
  EXPECT_THAT(html, HasSubstr(">Barnet, 2016</p>"));
  EXPECT_THAT(html, HasSubstr(">Compared with England 13.2%</p>"));
  EXPECT_THAT(html, HasSubstr(">Source: School census</p>"));
  EXPECT_THAT(html, HasSubstr("waymark-muted govuk-!-margin-bottom-1\">Not stated</p>"));
  EXPECT_THAT(html, HasSubstr(">Not paired in the source text.</p>"));
  EXPECT_THAT(html, Not(HasSubstr("Checked against")));
  Html checked;
  FactList(checked, {sourced}, name, [](const Fact&) {
    Html c;
    c.Element("p", {}, "checked");
    return c;
  });
  EXPECT_THAT(checked.View(), HasSubstr("<p>checked</p>"));
}

// The overview shows the ambition and the key facts (folded, each checked through the slot);
// a priority's page names the outcomes it runs across and theirs name it.
TEST(PlanFactsTest, PagesShowAmbitionKeyFactsAndCrossCuttingPriorities) {
  Plan plan;
  plan.id = "p";
  plan.title = "Plan";
  plan.organisation = "Council";
  plan.ambition = "The best place in London to raise a child";
  plan.facts = {FsmFact("2016")};
  plan.outcomes = {Outcome{"safe", "Safe", "", OutcomeKind::kOutcome, {FsmFact("2016")}, {}, {}},
                   Outcome{"help", "Early help", "", OutcomeKind::kPriority, {}, {}, {}}};
  plan.outcomes[1].across = {"safe"};
  PageSlots slots;
  slots.fact_check = [](const Plan& p, const Fact& f) {
    Html h;
    h.Element("p", {}, "check of " + f.label + " in " + p.id);
    return h;
  };
  const Links links("p", false);
  const std::string overview = RenderOverview(plan, {}, links, slots);
  EXPECT_THAT(overview, HasSubstr("<h2 class=\"govuk-heading-l\">Ambition</h2>"));
  EXPECT_THAT(overview, HasSubstr("The best place in London to raise a child"));
  EXPECT_THAT(overview, HasSubstr("id=\"key-facts\">Key facts</h2>"));
  EXPECT_THAT(overview, HasSubstr("The fact the plan gives"));
  EXPECT_THAT(overview, HasSubstr("<p>check of Free school meals: secondary in p</p>"));
  const std::string safe = RenderOutcome(plan, plan.outcomes[0], links, slots);
  EXPECT_THAT(safe, HasSubstr(">Cross-cutting priorities</h2>"));
  EXPECT_THAT(safe, HasSubstr("href=\"/outcomes/help\">Early help</a>"));
  EXPECT_THAT(safe, HasSubstr(">What we know</h2>"));
  EXPECT_THAT(safe, HasSubstr("<p>check of Free school meals: secondary in p</p>"));
  const std::string help = RenderOutcome(plan, plan.outcomes[1], links, slots);
  EXPECT_THAT(help, HasSubstr(">Runs across</h2>"));
  EXPECT_THAT(help, HasSubstr("href=\"/outcomes/safe\">Safe</a>"));
  EXPECT_THAT(help, Not(HasSubstr("What we know")));
  plan.facts.clear();
  plan.ambition.clear();
  const std::string bare = RenderOverview(plan, {}, links, {});
  EXPECT_THAT(bare, Not(HasSubstr("Key facts")));
  EXPECT_THAT(bare, Not(HasSubstr(">Ambition<")));
}

}  // namespace
}  // namespace waymark::report
