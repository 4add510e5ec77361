// Tests of imported survey aggregates: good rows of each form (percentage alone, count with
// respondents, both), and every refusal on both sides of its limit.
#include "core/survey_aggregate.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

Survey LikertAndTextSurvey() {
  Survey s;
  s.id = "young-people";
  Question likert{"friendly", QuestionKind::kLikert, "Barnet is family friendly."};
  likert.scale = "agree5";
  likert.options = *LikertScale("agree5");
  Question text{"better", QuestionKind::kFreeText, "What would help?"};
  text.max_length = 10;
  s.sections = {SurveySection{"main", "Main", "", {likert, text}}};
  return s;
}

SurveyAggregate Row() {
  return {"friendly", {"strongly-agree", "agree"}, 84.0, std::nullopt, std::nullopt,
          "Children and Young People's Plan 2019-23"};
}

bool Names(const FieldErrors& errors, std::string_view field) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

FieldErrors Check(const SurveyAggregate& row) {
  const std::vector<SurveyAggregate> rows = {row};
  return CheckSurveyAggregates(LikertAndTextSurvey(), rows);
}

TEST(CheckSurveyAggregates, AcceptsAPercentageACountOrBoth) {
  EXPECT_TRUE(Check(Row()).empty());
  SurveyAggregate counted = Row();
  counted.percent.reset();
  counted.count = 420;
  counted.respondents = 500;
  EXPECT_TRUE(Check(counted).empty());
  EXPECT_DOUBLE_EQ(*AggregatePercent(counted), 84.0);
  counted.percent = 84.4;  // within half a point of 84.0
  EXPECT_TRUE(Check(counted).empty());
  counted.percent = 84.6;
  EXPECT_TRUE(Names(Check(counted), "rows[0].percent"));
  EXPECT_DOUBLE_EQ(*AggregatePercent(Row()), 84.0);
}

TEST(CheckSurveyAggregates, RefusesQuestionsAndAnswersItCannotCount) {
  SurveyAggregate row = Row();
  row.question = "nope";
  EXPECT_TRUE(Names(Check(row), "rows[0].question"));
  row.question = "better";  // free text
  EXPECT_TRUE(Names(Check(row), "rows[0].question"));
  row = Row();
  row.answers = {};
  EXPECT_TRUE(Names(Check(row), "rows[0].answers"));
  row.answers = {"agree", "maybe"};
  EXPECT_TRUE(Names(Check(row), "rows[0].answers"));
  row.answers = {"agree", "agree"};
  EXPECT_TRUE(Names(Check(row), "rows[0].answers"));
  const std::vector<SurveyAggregate> twice = {Row(), Row()};
  EXPECT_TRUE(Names(CheckSurveyAggregates(LikertAndTextSurvey(), twice), "rows[1].answers"));
}

TEST(CheckSurveyAggregates, RefusesNumbersOutOfBounds) {
  SurveyAggregate row = Row();
  for (const double good : {0.0, 100.0}) {
    row.percent = good;
    EXPECT_TRUE(Check(row).empty()) << good;
  }
  for (const double bad : {-0.1, 100.1}) {
    row.percent = bad;
    EXPECT_TRUE(Names(Check(row), "rows[0].percent")) << bad;
  }
  row.percent.reset();
  EXPECT_TRUE(Names(Check(row), "rows[0].percent"));  // nothing given
  row.count = 3;
  EXPECT_TRUE(Names(Check(row), "rows[0].respondents"));  // a count alone
  row.count.reset();
  row.respondents = 10;
  EXPECT_TRUE(Names(Check(row), "rows[0].count"));
  row.count = 10;
  EXPECT_TRUE(Check(row).empty());  // count = respondents
  row.count = 11;
  EXPECT_TRUE(Names(Check(row), "rows[0].count"));
  row.count = -1;
  EXPECT_TRUE(Names(Check(row), "rows[0].count"));
  row.count = 0;
  row.respondents = 0;
  EXPECT_TRUE(Names(Check(row), "rows[0].respondents"));
  row.respondents = kMaxAggregateRespondents + 1;
  EXPECT_TRUE(Names(Check(row), "rows[0].respondents"));
}

TEST(CheckSurveyAggregates, RefusesASourceOnSeveralLinesOrTooLong) {
  SurveyAggregate row = Row();
  row.source = "one\ntwo";
  EXPECT_TRUE(Names(Check(row), "rows[0].source"));
  row.source = std::string(kMaxAggregateSource, 'a');
  EXPECT_TRUE(Check(row).empty());
  row.source += "a";
  EXPECT_TRUE(Names(Check(row), "rows[0].source"));
}

TEST(AggregateAnswers, JoinAndSplitRoundTrip) {
  const std::vector<std::string> two = {"strongly-agree", "agree"};
  EXPECT_EQ(JoinAggregateAnswers(two), "strongly-agree+agree");
  EXPECT_EQ(SplitAggregateAnswers("strongly-agree+agree"), two);
  EXPECT_TRUE(SplitAggregateAnswers("").empty());
  EXPECT_EQ(SplitAggregateAnswers("agree+"), (std::vector<std::string>{"agree", ""}));
}

}  // namespace
}  // namespace waymark
