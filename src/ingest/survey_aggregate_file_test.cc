// Tests of survey aggregate files: the demo's 2017 file against the demo survey, and bad files
// reported at their line and column with nothing returned.
#include "ingest/survey_aggregate_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/survey_file.h"

namespace waymark::ingest {
namespace {

using ::testing::HasSubstr;

Survey DemoSurveyWithOneWard() {
  SurveyFileContext context;
  context.wards = {{"E05000043", "Brunswick Park"}};
  auto report = ReadSurveyFile(std::string(WAYMARK_SOURCE_DIR) +
                                   "/data/surveys/barnet-young-people.toml",
                               context);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].ToString());
  return report.survey.value_or(Survey{});
}

std::string FirstAggregateProblem(const std::string& text) {
  const auto report = ParseSurveyAggregates(text, "f.csv", DemoSurveyWithOneWard());
  EXPECT_FALSE(report.ok());
  return report.problems.empty() ? "" : report.problems[0].ToString();
}

TEST(SurveyAggregateFile, ReadsTheDemos2017Figures) {
  const auto report = ReadSurveyAggregateFile(
      std::string(WAYMARK_SOURCE_DIR) + "/data/surveys/barnet-young-people-2017.csv",
      DemoSurveyWithOneWard());
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  ASSERT_EQ(report.rows->size(), 5U);
  const SurveyAggregate& first = report.rows->at(0);
  EXPECT_EQ(first.question, "family-friendly");
  EXPECT_EQ(first.answers, (std::vector<std::string>{"strongly-agree", "agree"}));
  EXPECT_EQ(first.percent, 84.0);
  EXPECT_FALSE(first.count.has_value());
}

TEST(SurveyAggregateFile, ReadsCountsAndAByteOrderMark) {
  const auto report = ParseSurveyAggregates(
      "\xEF\xBB\xBFquestion,answers,count,respondents\nfamily-friendly,agree,40,50\n", "f.csv",
      DemoSurveyWithOneWard());
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  EXPECT_EQ(report.rows->at(0).count, 40);
  EXPECT_EQ(report.rows->at(0).respondents, 50);
}

TEST(SurveyAggregateFile, ProblemsAreReportedAtTheirPosition) {
  EXPECT_EQ(FirstAggregateProblem(""), "f.csv:1:1: The file is empty: it needs a header row");
  EXPECT_THAT(FirstAggregateProblem("question,answers,colour\n"),
              HasSubstr("f.csv:1:18: Unknown column"));
  EXPECT_THAT(FirstAggregateProblem("question,percent\n"),
              HasSubstr("Column 'answers' is missing"));
  EXPECT_THAT(FirstAggregateProblem("question,answers,percent\n"),
              HasSubstr("has a header but no rows"));
  EXPECT_EQ(FirstAggregateProblem("question,answers,percent\nfamily-friendly,agree,lots\n"),
            "f.csv:2:23: percent 'lots' is not a number");
  EXPECT_EQ(FirstAggregateProblem("question,answers,percent\nfamily-friendly,agree,1e999\n"),
            "f.csv:2:23: percent '1e999' is not a number");
  EXPECT_EQ(FirstAggregateProblem("question,answers,percent\nfamily-friendly,agree+maybe,50\n"),
            "f.csv:2:17: answers: Question 'family-friendly' has no option 'maybe'");
  EXPECT_EQ(FirstAggregateProblem("question,answers,percent\nnope,agree,50\n"),
            "f.csv:2:1: question: Survey 'barnet-young-people' has no question 'nope'");
  EXPECT_EQ(
      FirstAggregateProblem("question,answers,count,respondents\nfamily-friendly,agree,60,50\n"),
      "f.csv:2:23: count: A count is from 0 to the number of respondents");
  EXPECT_THAT(FirstAggregateProblem("question,answers,percent\nfamily-friendly,agree\n"),
              HasSubstr("f.csv:2:1: The row has 2 fields; the header has 3"));
  EXPECT_THAT(FirstAggregateProblem("question,answers,percent\n\"family-friendly,agree,50\n"),
              HasSubstr("f.csv:2:"));
}

}  // namespace
}  // namespace waymark::ingest
