// Tests of responses to a survey: each question kind with good and bad answers (both sides of
// every limit), required questions, unknown questions, and routing that shows and hides
// questions, refusing answers to hidden ones.
#include <gtest/gtest.h>

#include "core/survey.h"

namespace waymark {
namespace {

std::optional<std::string> ErrorFor(const ResponseCheck& check, std::string_view id) {
  for (const FieldError& e : check.errors) {
    if (e.field == id) return e.message;
  }
  return std::nullopt;
}

// One section: friendly (Likert, required), club (single choice, required), hours (whole
// number 0-40, required, shown if club is yes), kinds (multiple choice of 1 to 2, shown if club
// is yes), sport-days (number 0-7, shown if kinds has sport), better (free text of at most 10
// characters) and age (the age band).
Survey OneSectionSurvey() {
  Survey s;
  s.id = "young-people";
  s.code = "your-say";
  s.title = "Your say";
  s.wording = {{"8-10", "Hello.", "You can stop at any time."}};
  SurveySection section{"main", "Main"};
  Question likert{"friendly", QuestionKind::kLikert, "Barnet is family friendly."};
  likert.scale = "agree5";
  likert.options = *LikertScale("agree5");
  likert.required = true;
  Question club{"club", QuestionKind::kSingleChoice, "Do you go to a club?"};
  club.options = {{"yes", "Yes"}, {"no", "No"}};
  club.required = true;
  Question hours{"hours", QuestionKind::kNumber, "How many hours a week?"};
  hours.min = 0;
  hours.max = 40;
  hours.required = true;
  hours.show_if = ShowIf{"club", {"yes"}};
  Question kinds{"kinds", QuestionKind::kMultipleChoice, "Which clubs?"};
  kinds.options = {{"sport", "Sport"}, {"music", "Music"}, {"art", "Art"}};
  kinds.min_choices = 1;
  kinds.max_choices = 2;
  kinds.show_if = ShowIf{"club", {"yes"}};
  Question sport_days{"sport-days", QuestionKind::kNumber, "How many days of sport?"};
  sport_days.min = 0;
  sport_days.max = 7;
  sport_days.whole = false;
  sport_days.show_if = ShowIf{"kinds", {"sport"}};
  Question better{"better", QuestionKind::kFreeText, "What would help?"};
  better.max_length = 10;
  Question age{"age", QuestionKind::kSingleChoice, std::string(AboutYouText(AboutYou::kAgeBand))};
  age.about_you = AboutYou::kAgeBand;
  age.options = BandOptions(AboutYou::kAgeBand, {});
  section.questions = {likert, club, hours, kinds, sport_days, better, age};
  s.sections = {section};
  return s;
}

ResponseInput Good() {
  return {{"friendly", {"agree"}}, {"club", {"yes"}},       {"hours", {"3"}},
          {"kinds", {"sport"}},    {"sport-days", {"2.5"}}, {"better", {"More parks"}},
          {"age", {"11-13"}}};
}

TEST(SurveySample, IsSound) { EXPECT_TRUE(CheckSurvey(OneSectionSurvey()).empty()); }

TEST(CheckResponse, GoodResponseIsTyped) {
  const ResponseCheck check = CheckResponse(OneSectionSurvey(), Good());
  ASSERT_TRUE(check.errors.empty()) << check.errors[0].field << ": " << check.errors[0].message;
  EXPECT_EQ(check.response.at("friendly").choices, std::vector<std::string>{"agree"});
  EXPECT_EQ(check.response.at("hours").number, 3.0);
  EXPECT_EQ(check.response.at("sport-days").number, 2.5);
  EXPECT_EQ(check.response.at("better").text, "More parks");
  EXPECT_EQ(check.response.at("age").choices, std::vector<std::string>{"11-13"});
}

TEST(CheckResponse, RequiredQuestions) {
  ResponseInput input = Good();
  input.erase("friendly");
  input["club"] = {""};  // an empty value is no answer
  const ResponseCheck check = CheckResponse(OneSectionSurvey(), input);
  EXPECT_EQ(ErrorFor(check, "friendly"), "Select an answer");
  EXPECT_EQ(ErrorFor(check, "club"), "Select an answer");
  // With club unanswered, the questions routed on it are hidden: their answers are refused.
  EXPECT_TRUE(ErrorFor(check, "hours"));
  input = Good();
  input.erase("better");
  input.erase("age");  // optional questions may be left out
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
}

TEST(CheckResponse, UnknownQuestionIsRefused) {
  ResponseInput input = Good();
  input["name"] = {"Sam"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "name"),
            "There is no question 'name'");
}

TEST(CheckResponse, SingleChoiceAndLikert) {
  ResponseInput input = Good();
  input["friendly"] = {"agree", "disagree"};
  input["club"] = {"perhaps"};
  const ResponseCheck check = CheckResponse(OneSectionSurvey(), input);
  EXPECT_EQ(ErrorFor(check, "friendly"), "Select one answer");
  EXPECT_EQ(ErrorFor(check, "club"), "Select one of the answers offered");
  input = Good();
  input["age"] = {"15"};  // an exact age is not a band
  EXPECT_TRUE(ErrorFor(CheckResponse(OneSectionSurvey(), input), "age"));
  input["age"] = {"prefer-not-to-say"};
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
}

TEST(CheckResponse, MultipleChoiceLimits) {
  ResponseInput input = Good();
  input["kinds"] = {"sport", "music"};  // at the upper limit
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
  input["kinds"] = {"sport", "music", "art"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "kinds"),
            "Select no more than 2 answers");
  input["kinds"] = {"sport", "sport"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "kinds"), "Select each answer once");
  input["kinds"] = {"sport", "drama"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "kinds"),
            "Select one of the answers offered");
  Survey s = OneSectionSurvey();
  s.sections[0].questions[3].min_choices = 2;
  input["kinds"] = {"sport"};
  EXPECT_EQ(ErrorFor(CheckResponse(s, input), "kinds"), "Select at least 2 answers");
  input["kinds"] = {"sport", "art"};
  EXPECT_TRUE(CheckResponse(s, input).errors.empty());
}

TEST(CheckResponse, NumbersWithinBounds) {
  ResponseInput input = Good();
  for (const char* ok : {"0", "40", " 12 "}) {
    input["hours"] = {ok};
    EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty()) << ok;
  }
  for (const char* bad : {"-1", "41", "2.5", "ten", "1e1", "inf", "nan", "3 hours", "+3"}) {
    input["hours"] = {bad};
    EXPECT_TRUE(ErrorFor(CheckResponse(OneSectionSurvey(), input), "hours")) << bad;
  }
  input["hours"] = {"41"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "hours"),
            "Enter a number between 0 and 40");
  input["hours"] = {"2.5"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "hours"),
            "Enter a whole number between 0 and 40");
  input["hours"] = {"2", "3"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "hours"), "Give one answer");
  input = Good();
  input["sport-days"] = {"7"};
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
  input["sport-days"] = {"7.01"};
  EXPECT_TRUE(ErrorFor(CheckResponse(OneSectionSurvey(), input), "sport-days"));
}

TEST(CheckResponse, FreeTextLengthAndUtf8) {
  ResponseInput input = Good();
  input["better"] = {"0123456789"};  // 10 characters: the limit
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
  input["better"] = {"éééééééééé"};  // 10 code points, 20 bytes
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
  input["better"] = {"01234567890"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "better"),
            "Your answer must be 10 characters or fewer");
  input["better"] = {"bad \xC3\x28"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "better"),
            "Your answer must be plain text (UTF-8)");
  input["better"] = {
      "a\x07"
      "b"};
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "better"),
            "Your answer must not contain control characters");
  input["better"] = {"two\nlines"};
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
  input["better"] = {"   "};  // blanks are no answer
  const ResponseCheck check = CheckResponse(OneSectionSurvey(), input);
  EXPECT_TRUE(check.errors.empty());
  EXPECT_EQ(check.response.count("better"), 0U);
}

TEST(Routing, VisibleQuestionsFollowEarlierAnswers) {
  const Survey s = OneSectionSurvey();
  const std::vector<std::string> base = {"friendly", "club", "better", "age"};
  EXPECT_EQ(VisibleQuestions(s, {}), base);
  Response r;
  r["club"] = Answer{{"no"}};
  EXPECT_EQ(VisibleQuestions(s, r), base);
  r["club"] = Answer{{"yes"}};
  EXPECT_EQ(VisibleQuestions(s, r),
            (std::vector<std::string>{"friendly", "club", "hours", "kinds", "better", "age"}));
  r["kinds"] = Answer{{"music", "sport"}};
  EXPECT_EQ(VisibleQuestions(s, r).size(), 7U);
  r["club"] = Answer{{"no"}};  // kinds is hidden, so what hangs on it is hidden too
  EXPECT_EQ(VisibleQuestions(s, r), base);
}

TEST(Routing, HiddenQuestionAnsweredIsRefused) {
  ResponseInput input = Good();
  input["club"] = {"no"};
  const ResponseCheck check = CheckResponse(OneSectionSurvey(), input);
  EXPECT_EQ(ErrorFor(check, "hours"),
            "Leave this question out: it is not asked after your earlier answers");
  EXPECT_TRUE(ErrorFor(check, "kinds"));
  EXPECT_TRUE(ErrorFor(check, "sport-days"));
  input.erase("hours");
  input.erase("kinds");
  input.erase("sport-days");
  const ResponseCheck ok = CheckResponse(OneSectionSurvey(), input);
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.response.count("hours"), 0U);
}

TEST(Routing, ShownRequiredQuestionMustBeAnswered) {
  ResponseInput input = Good();
  input.erase("hours");  // shown (club is yes) and required
  EXPECT_EQ(ErrorFor(CheckResponse(OneSectionSurvey(), input), "hours"), "Enter a number");
  input = Good();
  input["kinds"] = {"music"};  // sport-days is hidden now
  EXPECT_TRUE(ErrorFor(CheckResponse(OneSectionSurvey(), input), "sport-days"));
  input.erase("sport-days");
  EXPECT_TRUE(CheckResponse(OneSectionSurvey(), input).errors.empty());
}

}  // namespace
}  // namespace waymark
