// Tests of the commentary pages: the items in board-pack order (an indicator once), the
// addresses, the list with what is written, and the form with its count, errors and the newer
// text after a conflict.
#include "report/commentary_pages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/board_test_fixture.h"

namespace waymark::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Names(const std::vector<CommentarySubject>& subjects) {
  std::vector<std::string> out;
  out.reserve(subjects.size());
  for (const CommentarySubject& s : subjects) out.push_back(s.subject);
  return out;
}

TEST(CommentarySubjects, EveryItemInBoardPackOrderWithEachIndicatorOnce) {
  Plan plan = testing::TestPlan();
  const IndicatorData data = testing::TestData();
  EXPECT_THAT(Names(CommentarySubjects(plan, &data)),
              ::testing::ElementsAre("plan", "outcome:safe", "objective:streets",
                                     "indicator:worse", "indicator:similar", "action:a1",
                                     "action:a2", "action:a3", "action:a4", "outcome:healthy",
                                     "objective:fit", "indicator:small", "action:a5"));
  // Without figures, no indicators; an indicator linked twice is listed under its first.
  EXPECT_EQ(CommentarySubjects(plan, nullptr).size(), 10u);
  plan.outcomes[1].objectives[0].id = "streets";
  const auto twice = Names(CommentarySubjects(plan, &data));
  EXPECT_EQ(std::count(twice.begin(), twice.end(), "indicator:worse"), 1);
  const auto subjects = CommentarySubjects(plan, &data);
  ASSERT_NE(FindCommentarySubject(subjects, "action:a5"), nullptr);
  EXPECT_EQ(FindCommentarySubject(subjects, "action:a5")->outcome_id, "healthy");
  EXPECT_EQ(FindCommentarySubject(subjects, "action:a5")->kind, "Action");
  EXPECT_EQ(FindCommentarySubject(subjects, "action:zz"), nullptr);
}

TEST(CommentaryHref, CarriesPlanCycleAndSubjectEncoded) {
  EXPECT_EQ(CommentaryHref(Links("p", false), std::nullopt), "/reports/commentary");
  EXPECT_EQ(CommentaryHref(Links("p", true), 7, "outcome:safe", true),
            "/reports/commentary/edit?plan=p&cycle=7&subject=outcome%3Asafe");
  EXPECT_EQ(CommentaryRowId("action:a1"), "c-action-a1");
}

TEST(CommentaryPages, TheListShowsWhatIsWrittenAndWhatIsNot) {
  const Plan plan = testing::TestPlan();
  CommentaryListPage page;
  page.links = Links("p", false);
  page.subjects = CommentarySubjects(plan, nullptr);
  page.written = {{1, "p", 2, "action:a1", "Line one\nline <two>", "sam@x.example",
                   "2026-11-01T09:00:00Z", 3}};
  ReportingCycle q2;
  q2.id = 2;
  q2.name = "Q2";
  page.cycles = {q2};
  page.cycle_id = 2;
  const std::string html = RenderCommentaryListPage(page);
  EXPECT_THAT(html, HasSubstr("id=\"c-action-a1\""));
  EXPECT_THAT(html, HasSubstr("Line one\nline &lt;two&gt;"));
  EXPECT_THAT(html, HasSubstr("Last saved by sam@x.example"));
  EXPECT_THAT(html, HasSubstr(">Change<span class=\"govuk-visually-hidden\"> commentary on "
                              "Patrols</span>"));
  EXPECT_THAT(html, HasSubstr(">Add<span class=\"govuk-visually-hidden\"> commentary on "
                              "Clinics</span>"));
  EXPECT_THAT(html, HasSubstr("<option value=\"2\" selected=\"selected\">Q2</option>"));
  EXPECT_THAT(html, HasSubstr("<h2 class=\"govuk-heading-m\">Healthy</h2>"));
}

TEST(CommentaryPages, TheFormKeepsTheTypedTextAndShowsTheNewerOne) {
  CommentaryFormPage page;
  page.subject = {"outcome:safe", "Outcome", "Safe", "safe"};
  page.cycle_id = 2;
  page.cycle_name = "Q2";
  page.text = "Mine";
  page.version = 4;
  page.errors = {{"text", "Commentary must be 2,000 characters or fewer"}};
  std::string html = RenderCommentaryFormPage(page);
  EXPECT_THAT(html, HasSubstr("<title>Error: Commentary on Safe"));
  EXPECT_THAT(html, HasSubstr("href=\"#text\""));
  EXPECT_THAT(html, HasSubstr("name=\"version\" value=\"4\""));
  EXPECT_THAT(html, HasSubstr("name=\"subject\" value=\"outcome:safe\""));
  EXPECT_THAT(html, HasSubstr("It goes into every report issued for Q2."));
  EXPECT_THAT(html, Not(HasSubstr("as it now stands")));
  page.errors.clear();
  page.theirs = Commentary{1, "p", 2, "outcome:safe", "Theirs", "kim@x.example",
                           "2026-11-02T10:00:00Z", 5};
  html = RenderCommentaryFormPage(page);
  EXPECT_THAT(html, HasSubstr("The commentary as it now stands"));
  EXPECT_THAT(html, HasSubstr("Theirs"));
  EXPECT_THAT(html, HasSubstr(">Mine</textarea>"));
}

}  // namespace
}  // namespace waymark::report
