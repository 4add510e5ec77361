// Tests of the results of a wave published elsewhere: a percentage alone shown as published
// with no interval, counts with their Wilson interval, and suppression on both sides of the
// threshold for the count, its remainder and the respondents.
#include <gtest/gtest.h>

#include "assess/survey_results.h"

namespace waymark::assess {
namespace {

Survey PublishedSurvey() {
  Survey s;
  s.id = "young-people";
  s.title = "Your say";
  s.threshold = 10;
  Question likert{"friendly", QuestionKind::kLikert, "Barnet is family friendly."};
  likert.scale = "agree5";
  likert.options = *LikertScale("agree5");
  s.sections = {SurveySection{"main", "Main", "", {likert}}};
  s.waves = {{"2017", "Survey 2017", {2017, 1, 1}, {2017, 12, 31}}};
  return s;
}

SurveyPublishedFigure One(std::optional<double> percent, std::optional<std::int64_t> count,
                          std::optional<std::int64_t> respondents) {
  const std::vector<SurveyAggregate> rows = {
      {"friendly", {"strongly-agree", "agree"}, percent, count, respondents, "A report"}};
  auto results = PublishedWaveResults(PublishedSurvey(), "2017", rows);
  EXPECT_TRUE(results.has_value()) << results.error().ToString();
  EXPECT_TRUE(results->questions.empty());
  return results->published.at(0);
}

TEST(PublishedWaveResults, APercentageAloneIsShownAsPublished) {
  const SurveyPublishedFigure f = One(84, std::nullopt, std::nullopt);
  EXPECT_FALSE(f.counted);
  EXPECT_EQ(f.answers, "Strongly agree or Agree");
  EXPECT_EQ(f.question_text, "Barnet is family friendly.");
  ASSERT_TRUE(f.cell.share.has_value());
  EXPECT_DOUBLE_EQ(f.cell.share->percent, 84);
  EXPECT_FALSE(f.cell.count.has_value());
}

TEST(PublishedWaveResults, CountsHaveTheirWilsonInterval) {
  const SurveyPublishedFigure f = One(std::nullopt, 420, 500);
  ASSERT_TRUE(f.cell.share.has_value());
  EXPECT_EQ(f.cell.count, 420);
  EXPECT_EQ(f.respondents, 500);
  EXPECT_DOUBLE_EQ(f.cell.share->percent, 84);
  // Wilson 95% for 420/500: 80.53% to 86.95% (z = 1.959964).
  EXPECT_NEAR(f.cell.share->lower, 80.5292, 0.001);
  EXPECT_NEAR(f.cell.share->upper, 86.9524, 0.001);
}

TEST(PublishedWaveResults, SmallNumbersAreSuppressedOnBothSidesOfTheThreshold) {
  EXPECT_TRUE(One(std::nullopt, 10, 30).cell.count.has_value());   // 10 and 20: shown
  EXPECT_FALSE(One(std::nullopt, 9, 30).cell.count.has_value());   // 9
  EXPECT_FALSE(One(std::nullopt, 9, 30).cell.share.has_value());
  EXPECT_TRUE(One(std::nullopt, 0, 30).cell.count.has_value());    // 0 is not disclosive
  EXPECT_FALSE(One(std::nullopt, 21, 30).cell.count.has_value());  // 9 gave other answers
  EXPECT_TRUE(One(std::nullopt, 20, 30).cell.count.has_value());
  EXPECT_FALSE(One(88.9, 8, 9).respondents.has_value());           // 9 respondents
  EXPECT_FALSE(One(88.9, 8, 9).cell.share.has_value());            // not even as published
  EXPECT_EQ(One(std::nullopt, 10, 10).respondents, 10);
}

TEST(PublishedWaveResults, RefusesAnUnknownWaveAndBadRows) {
  const std::vector<SurveyAggregate> rows = {{"friendly", {"agree"}, 50.0, {}, {}, ""}};
  EXPECT_FALSE(PublishedWaveResults(PublishedSurvey(), "2018", rows).has_value());
  const std::vector<SurveyAggregate> bad = {{"friendly", {"maybe"}, 50.0, {}, {}, ""}};
  const auto r = PublishedWaveResults(PublishedSurvey(), "2017", bad);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("rows[0].answers"), std::string::npos);
}

}  // namespace
}  // namespace waymark::assess
