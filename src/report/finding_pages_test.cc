// Tests of the "you said, we did" pages and of findings in board reports: the analysts' list
// groups findings by outcome, the form names every refused field, the children's page marks
// example answers, every form of a stored finding carries its version (a new one's none), the
// page after someone else's change shows the finding as stored now, and the children's version
// of a board report takes "What you told us" from stored findings when the plan has them and
// from the plan's lists otherwise.
#include "report/finding_pages.h"

#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/board_build.h"
#include "report/board_test_fixture.h"
#include "report/children_pages.h"
#include "report/report_test_util.h"

namespace waymark::report {
namespace {

using testing::Count;
using ::testing::HasSubstr;
using ::testing::Not;

Finding Sample(std::int64_t id, std::string outcome, bool illustrative) {
  Finding f;
  f.id = id;
  f.plan_id = "p";
  f.outcome_id = std::move(outcome);
  f.said = "Parks are too dark.";
  f.source = FindingSource::kYouthForum;
  f.source_name = "Youth Forum";
  f.date = {2019, 4, 1};
  f.participants = 1500;
  f.answers = {{"action:a3", AnswerKind::kWeCannot, "We cannot light every park because of cost.",
                {2020, 1, 1}, "Parks team", illustrative}};
  return f;
}

TEST(FindingPagesTest, TheListGroupsFindingsByOutcomeWithTheirAnswers) {
  const Plan plan = testing::TestPlan();
  FindingListPage page{Links("p", true), &plan, {Sample(7, "safe", false)}};
  const std::string html = RenderFindingListPage(page);
  EXPECT_THAT(html, HasSubstr("id=\"finding-7\""));
  EXPECT_THAT(html, HasSubstr("Parks are too dark."));
  EXPECT_THAT(html, HasSubstr("Youth forum: Youth Forum, 2019-04-01 (1,500 took part)"));
  EXPECT_THAT(html, HasSubstr("We cannot (Lighting): We cannot light every park"));
  EXPECT_THAT(html, HasSubstr("href=\"/findings/7?plan=p\""));
  EXPECT_THAT(html, HasSubstr("No findings yet."));  // the outcome "Healthy" has none
}

TEST(FindingPagesTest, TheFormLinksEveryErrorToItsFieldAndOffersTheOutcomesTargets) {
  const Plan plan = testing::TestPlan();
  FindingFormPage page;
  page.links = Links("p", false);
  page.plan = &plan;
  page.finding = Sample(7, "safe", true);
  page.form = FormOf(page.finding);
  page.errors = {{"said", "Enter what children and young people said"}};
  page.answer_errors = {{"answer_date", "Enter the date of the answer"}};
  page.csrf_token = "t0k";
  const std::string html = RenderFindingFormPage(page);
  EXPECT_THAT(html, HasSubstr("<title>Error: Change a finding"));
  EXPECT_THAT(html, HasSubstr("href=\"#said\""));
  EXPECT_THAT(html, HasSubstr("href=\"#answer_date\""));
  EXPECT_THAT(html, HasSubstr("value=\"t0k\""));
  EXPECT_THAT(html, HasSubstr("action=\"/findings/7/answers\""));
  EXPECT_THAT(html, HasSubstr("action=\"/findings/7/answers/remove\""));
  EXPECT_THAT(html, HasSubstr("value=\"action:a3\""));
  EXPECT_THAT(html, Not(HasSubstr("value=\"action:a5\"")));  // of another outcome

  page.finding = Finding{};
  page.errors.clear();
  page.answer_errors.clear();
  const std::string fresh = RenderFindingFormPage(page);
  EXPECT_THAT(fresh, HasSubstr("Add a finding"));
  EXPECT_THAT(fresh, Not(HasSubstr("Save answer")));
  EXPECT_THAT(fresh, Not(HasSubstr("There is a problem")));
}

TEST(FindingPagesTest, EveryFormOfAStoredFindingCarriesItsVersion) {
  const Plan plan = testing::TestPlan();
  FindingFormPage page;
  page.links = Links("p", false);
  page.plan = &plan;
  page.finding = Sample(7, "safe", true);
  page.finding.version = 5;
  page.form = FormOf(page.finding);
  std::string html = RenderFindingFormPage(page);
  // The finding's form, the answer's remove form, the answer form and the delete form.
  EXPECT_EQ(Count(html, "<input type=\"hidden\" name=\"version\" value=\"5\">"), 4u);
  EXPECT_EQ(Count(html, "name=\"version\""), 4u);
  EXPECT_THAT(html, Not(HasSubstr("id=\"stored-now\"")));

  page.finding = Finding{};
  html = RenderFindingFormPage(page);
  EXPECT_THAT(html, Not(HasSubstr("name=\"version\"")));
}

TEST(FindingPagesTest, AfterSomeoneElsesChangeTheStoredFindingIsShownBesideWhatWasTyped) {
  const Plan plan = testing::TestPlan();
  FindingFormPage page;
  page.links = Links("p", false);
  page.plan = &plan;
  page.finding = Sample(7, "safe", false);
  page.finding.version = 3;
  page.finding.key = "dark-parks";
  page.form = FormOf(page.finding);
  page.form.said = "What I typed.";
  page.stale = true;
  page.errors = {{std::string(kStoredNowId), "Someone else changed this finding"}};
  const std::string html = RenderFindingFormPage(page);
  EXPECT_THAT(html, HasSubstr("href=\"#stored-now\""));
  EXPECT_THAT(html, HasSubstr("id=\"stored-now\""));
  EXPECT_THAT(html, HasSubstr("The finding as it is stored now"));
  EXPECT_THAT(html, HasSubstr("Parks are too dark."));
  EXPECT_THAT(html, HasSubstr("What I typed."));
  EXPECT_THAT(html, HasSubstr("Youth forum: Youth Forum, 2019-04-01 (1,500 took part)"));
  EXPECT_THAT(html, HasSubstr("dark-parks"));
  EXPECT_THAT(html, HasSubstr("We cannot (Lighting): We cannot light every park"));
  EXPECT_EQ(Count(html, "<input type=\"hidden\" name=\"version\" value=\"3\">"), 4u);
  EXPECT_LT(html.find("id=\"stored-now\""), html.find("Save finding"));
}

TEST(FindingPagesTest, TheChildrensPageMarksExamplesAndSaysWhatHappensNext) {
  Plan plan = testing::TestPlan();
  plan.outcomes[0].children.next = "We will light more paths.";
  YoungPeoplePage page{Links("p", false), &plan, {Sample(1, "safe", true)}};
  std::string html = RenderYoungPeoplePage(page);
  EXPECT_THAT(html, HasSubstr("What you told us"));
  EXPECT_THAT(html, HasSubstr("You said: Parks are too dark."));
  EXPECT_THAT(html, HasSubstr("<strong class=\"govuk-tag govuk-tag--grey\">Example</strong> "
                              "<strong>We cannot:</strong>"));
  EXPECT_THAT(html, HasSubstr("What happens next"));
  EXPECT_THAT(html, HasSubstr("We will light more paths."));
  EXPECT_THAT(html, Not(HasSubstr("id=\"outcome-healthy\"")));  // no findings: not shown

  page.findings = {Sample(1, "safe", false)};
  html = RenderYoungPeoplePage(page);
  EXPECT_THAT(html, Not(HasSubstr("Example</strong> <strong>We cannot")));
  page.findings.clear();
  EXPECT_THAT(RenderYoungPeoplePage(page), HasSubstr("We have not written anything here yet."));
}

TEST(FindingPagesTest, YouSaidWeDidJoinsEveryAnswer) {
  Finding f = Sample(1, "safe", true);
  EXPECT_EQ(YouSaidWeDid(f), "You said: Parks are too dark. We cannot: We cannot light every "
                             "park because of cost. (an example)");
  f.answers.clear();
  EXPECT_EQ(YouSaidWeDid(f), "You said: Parks are too dark.");
}

TEST(FindingPagesTest, BoardReportsTakeWhatYoungPeopleToldUsFromStoredFindings) {
  const Plan plan = testing::TestPlan();
  const IndicatorData data = testing::TestData();
  BoardInputs in;
  in.plan = &plan;
  in.data = &data;
  in.today = {2026, 11, 1};
  in.now = "2026-11-01T09:00:00Z";
  auto report = BuildBoardReport(in);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->outcomes[0].voice, std::vector<std::string>{"We want safe parks."});
  EXPECT_THAT(ChildrensReportBody(*report).View(), HasSubstr("We want safe parks."));

  in.findings = {Sample(1, "safe", false)};
  report = BuildBoardReport(in);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->outcomes[0].voice.size(), 1u);
  EXPECT_EQ(report->outcomes[0].voice[0], YouSaidWeDid(in.findings[0]));
  EXPECT_TRUE(report->outcomes[1].voice.empty());
  const std::string body = ChildrensReportBody(*report).View();
  EXPECT_THAT(body, HasSubstr("<h3>What you told us</h3>"));
  EXPECT_THAT(body, HasSubstr("You said: Parks are too dark. We cannot:"));
  EXPECT_THAT(body, Not(HasSubstr("We want safe parks.")));
}

}  // namespace
}  // namespace waymark::report
