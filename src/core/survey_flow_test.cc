// Tests of the pages of the response form: routing splits a page where a question depends on
// another of the same page, pages come and go with the answers, answers to questions no longer
// shown are dropped, and a page's problems are its own questions' only.
#include "core/survey_flow.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

// Section "place": friendly (Likert, required), club (yes/no), days (1-7, shown if club is yes),
// better (free text). Section "extra": only-if-no (shown if club is no). Section "about": age.
Survey ThreeSectionSurvey() {
  Survey s;
  s.id = "young-people";
  s.code = "your-say";
  s.title = "Your say";
  s.wording = {{"8-10", "Hello.", "You can stop at any time."}};
  Question friendly{"friendly", QuestionKind::kLikert, "Barnet is family friendly."};
  friendly.scale = "agree5";
  friendly.options = *LikertScale("agree5");
  friendly.required = true;
  Question club{"club", QuestionKind::kSingleChoice, "Do you go to a club?"};
  club.options = {{"yes", "Yes"}, {"no", "No"}};
  Question days{"days", QuestionKind::kNumber, "How many days?"};
  days.min = 1;
  days.max = 7;
  days.show_if = ShowIf{"club", {"yes"}};
  Question better{"better", QuestionKind::kFreeText, "What would help?"};
  better.max_length = 100;
  Question only_if_no{"why-not", QuestionKind::kFreeText, "Why not?"};
  only_if_no.max_length = 100;
  only_if_no.show_if = ShowIf{"club", {"no"}};
  Question age{"age", QuestionKind::kSingleChoice, "How old are you?"};
  age.about_you = AboutYou::kAgeBand;
  age.options = BandOptions(AboutYou::kAgeBand, {});
  s.sections = {SurveySection{"place", "Your place", "", {friendly, club, days, better}},
                SurveySection{"extra", "More", "", {only_if_no}},
                SurveySection{"about", "About you", "", {age}}};
  return s;
}

std::vector<std::vector<std::string>> Questions(const std::vector<SurveyFormPage>& pages) {
  std::vector<std::vector<std::string>> out;
  out.reserve(pages.size());
  for (const SurveyFormPage& p : pages) out.push_back(p.questions);
  return out;
}

TEST(SurveyFormPages, AQuestionDependingOnTheSamePartStartsTheNextPage) {
  using V = std::vector<std::vector<std::string>>;
  // "days" depends on "club": its part starts a page, named "days" whether it is shown or not.
  const auto none = SurveyFormPages(ThreeSectionSurvey(), {});
  EXPECT_EQ(Questions(none), (V{{"friendly", "club"}, {"better"}, {"age"}}));
  EXPECT_TRUE(none[0].first_of_section);
  EXPECT_FALSE(none[1].first_of_section);  // the same section, continued
  EXPECT_EQ(none[1].key, "days");
  EXPECT_EQ(none[2].section, 2U);  // the "extra" section has nothing shown: no page
  EXPECT_TRUE(none[2].first_of_section);

  const auto yes = SurveyFormPages(ThreeSectionSurvey(), {{"club", {"yes"}}});
  EXPECT_EQ(Questions(yes), (V{{"friendly", "club"}, {"days", "better"}, {"age"}}));
  EXPECT_EQ(yes[1].key, "days");
  EXPECT_EQ(FindFormPage(yes, "days"), 1U);
  EXPECT_EQ(FindFormPage(yes, "better"), std::nullopt);  // not a page's name
  EXPECT_EQ(FindFormPage(yes, "friendly"), 0U);

  const auto no = SurveyFormPages(ThreeSectionSurvey(), {{"club", {"no"}}});
  EXPECT_EQ(Questions(no), (V{{"friendly", "club"}, {"better"}, {"why-not"}, {"age"}}));
  EXPECT_TRUE(no[2].first_of_section);
  EXPECT_EQ(no[2].key, "why-not");
}

TEST(ShownAnswers, DropsAnswersTheRoutingNoLongerAsksAndEmptyValues) {
  const ResponseInput changed = {{"club", {"no"}}, {"days", {"3"}}, {"better", {""}},
                                 {"friendly", {"agree"}}};
  const ResponseInput kept = ShownAnswers(ThreeSectionSurvey(), changed);
  EXPECT_EQ(kept, (ResponseInput{{"club", {"no"}}, {"friendly", {"agree"}}}));
  // Unknown questions are kept, for CheckResponse to refuse.
  EXPECT_EQ(ShownAnswers(ThreeSectionSurvey(), {{"nope", {"x"}}}).count("nope"), 1U);
  // Still asked: kept.
  EXPECT_EQ(ShownAnswers(ThreeSectionSurvey(), {{"club", {"yes"}}, {"days", {"3"}}}).count("days"),
            1U);
}

TEST(PageProblems, OnlyTheQuestionsOfThePage) {
  const Survey s = ThreeSectionSurvey();
  const auto pages = SurveyFormPages(s, {{"club", {"yes"}}});
  // The first page without its required question: one problem. Later pages' problems (a day
  // count out of range) do not stop it.
  FieldErrors e = PageProblems(s, pages[0], {{"club", {"yes"}}, {"days", {"9"}}});
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].field, "friendly");
  e = PageProblems(s, pages[0], {{"club", {"yes"}}, {"friendly", {"agree"}}, {"days", {"9"}}});
  EXPECT_TRUE(e.empty());
  e = PageProblems(s, pages[1], {{"club", {"yes"}}, {"friendly", {"agree"}}, {"days", {"9"}}});
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].field, "days");
  // Both sides of the bound.
  EXPECT_TRUE(PageProblems(s, pages[1], {{"club", {"yes"}}, {"days", {"7"}}}).empty());
  EXPECT_FALSE(PageProblems(s, pages[1], {{"club", {"yes"}}, {"days", {"0"}}}).empty());
}

TEST(FirstPageWithProblem, FindsThePageOfTheFirstNamedQuestion) {
  const auto pages = SurveyFormPages(ThreeSectionSurvey(), {{"club", {"yes"}}});
  EXPECT_EQ(FirstPageWithProblem(pages, {{"age", "x"}, {"days", "y"}}), 1U);
  EXPECT_EQ(FirstPageWithProblem(pages, {{"friendly", "x"}}), 0U);
  EXPECT_EQ(FirstPageWithProblem(pages, {{"nope", "x"}}), std::nullopt);
  EXPECT_EQ(FirstPageWithProblem(pages, {}), std::nullopt);
}

}  // namespace
}  // namespace waymark
