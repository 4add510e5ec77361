// Tests of survey response files: the demo's illustrative responses read against the demo
// survey; each kind of answer read as CheckResponse takes it; and every bad file, header and
// cell reported at its line and column with its column's name, all problems listed (up to the
// cap), nothing returned.
#include "ingest/survey_response_file.h"

#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/ingest_test_util.h"
#include "ingest/survey_file.h"

namespace waymark::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kRoot;

Survey DemoSurvey() {
  SurveyFileContext context;
  context.wards = {{"E05000043", "Brunswick Park"}, {"E05000044", "Burnt Oak"}};
  auto report = ReadSurveyFile(kRoot + "/data/surveys/barnet-young-people.toml", context);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].ToString());
  return report.survey.value_or(Survey{});
}

// The demo survey's wave winter-2025 (2025-11-01 to 2026-01-31).
SurveyWave Winter2025() {
  return SurveyWave{"winter-2025", "Winter 2025", {2025, 11, 1}, {2026, 1, 31}};
}

// The bytes of `text`, NULs included.
template <std::size_t N>
std::string Bytes(const char (&text)[N]) {
  return std::string(text, N - 1);
}

SurveyResponseFileReport Parse(const std::string& text) {
  return ParseSurveyResponses(text, "r.csv", DemoSurvey(), Winter2025());
}

// Every problem of `text`, one a line, as FILE:LINE:COL: message.
std::vector<std::string> ResponseProblems(const std::string& text) {
  const SurveyResponseFileReport report = Parse(text);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem_count, report.problems.size());
  std::vector<std::string> out;
  for (const Error& e : report.problems) out.push_back(e.ToString());
  return out;
}

std::string FirstResponseProblem(const std::string& text) {
  const std::vector<std::string> problems = ResponseProblems(text);
  return problems.empty() ? "" : problems.front();
}

TEST(SurveyResponseFile, ReadsEachKindOfAnswer) {
  const SurveyResponseFileReport report = Parse(
      "\xEF\xBB\xBF"
      "day,family-friendly,involved-in-decisions,hear-about-things,goes-to-clubs,"
      "club-days,one-change,ward,age\n"
      "2025-11-01,agree,Strongly-Agree,school + social-media,yes,3,\"More parks, and "
      "\"\"clubs\"\"\","
      "e05000044,11-13\n"
      "2026-01-31,disagree,neither,,no,,,,\n"
      ",,,,,,,,\n");  // a row of empty cells is skipped
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  ASSERT_EQ(report.responses->size(), 2u);
  const SurveyResponseRow& first = report.responses->at(0);
  EXPECT_EQ(first.day, (Date{2025, 11, 1}));
  EXPECT_EQ(first.line, 2);
  EXPECT_THAT(first.answers.at("family-friendly").choices, ElementsAre("agree"));
  // Option ids are spelt as the question spells them.
  EXPECT_THAT(first.answers.at("involved-in-decisions").choices, ElementsAre("strongly-agree"));
  EXPECT_THAT(first.answers.at("hear-about-things").choices, ElementsAre("school", "social-media"));
  EXPECT_EQ(first.answers.at("club-days").number, 3.0);
  EXPECT_EQ(first.answers.at("one-change").text, "More parks, and \"clubs\"");
  EXPECT_THAT(first.answers.at("ward").choices, ElementsAre("E05000044"));
  EXPECT_THAT(first.answers.at("age").choices, ElementsAre("11-13"));
  const SurveyResponseRow& second = report.responses->at(1);
  EXPECT_EQ(second.day, (Date{2026, 1, 31}));
  EXPECT_EQ(second.line, 3);
  EXPECT_EQ(second.answers.size(), 3u);  // empty cells are no answer
  EXPECT_FALSE(second.answers.contains("club-days"));
}

TEST(SurveyResponseFile, ReadsTheDemosIllustrativeResponses) {
  const std::string path = kRoot + "/data/surveys/barnet-young-people-winter-2025-illustrative.csv";
  SurveyFileContext context;
  for (int code = 43; code <= 63; ++code) {
    context.wards.push_back({fmt::format("E050000{}", code), "Ward"});
  }
  auto survey = ReadSurveyFile(kRoot + "/data/surveys/barnet-young-people.toml", context);
  ASSERT_TRUE(survey.ok()) << survey.problems[0].ToString();
  const SurveyWave* wave = FindSurveyWave(*survey.survey, "winter-2025");
  ASSERT_NE(wave, nullptr);
  const SurveyResponseFileReport report = ReadSurveyResponseFile(path, *survey.survey, *wave);
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  EXPECT_GE(report.responses->size(), 300u);
  EXPECT_LE(report.responses->size(), 500u);
  for (const SurveyResponseRow& r : *report.responses) {
    EXPECT_GE(r.day, wave->opens);
    EXPECT_LE(r.day, wave->closes);
  }
}

TEST(SurveyResponseFile, HeaderProblemsNameTheColumn) {
  EXPECT_EQ(FirstResponseProblem(""), "r.csv:1:1: The file is empty: it needs a header row");
  EXPECT_THAT(
      ResponseProblems("day,family-friendly,involved-in-decisions,colour,family-friendly\n"),
      ElementsAre("r.csv:1:43: Unknown column 'colour': survey 'barnet-young-people' has "
                  "no question 'colour' (a column is a question id or 'day')",
                  "r.csv:1:50: Column 'family-friendly' is given twice"));
  EXPECT_THAT(ResponseProblems("family-friendly,involved-in-decisions\n"),
              ElementsAre("r.csv:1:1: Column 'day' is missing: the day each response was given, "
                          "as YYYY-MM-DD"));
  EXPECT_THAT(ResponseProblems("day,family-friendly\n"),
              ElementsAre("r.csv:1:1: Column 'involved-in-decisions' is missing: every response "
                          "must answer that question"));
  EXPECT_EQ(FirstResponseProblem("day,family-friendly,involved-in-decisions\n"),
            "r.csv:1:1: The file has a header but no responses");
  EXPECT_EQ(FirstResponseProblem("day,family-friendly,involved-in-decisions\n,,\n"),
            "r.csv:1:1: The file has a header but no responses");
}

TEST(SurveyResponseFile, EncodingsAndBinaryFilesAreRefusedAsOtherFilesAre) {
  EXPECT_EQ(FirstResponseProblem(Bytes("\xFF\xFE"
                                       "d\0a\0y\0")),
            "r.csv:1:1: the file is UTF-16 text: save the file as 'CSV UTF-8'");
  EXPECT_THAT(FirstResponseProblem(Bytes("day,family-friendly\n2025-11-01,a\0ree\n")),
              HasSubstr("r.csv:2:13: this is not a CSV text file"));
  // Windows-1252 text (a spreadsheet's "CSV" on some systems), refused at its first such byte.
  EXPECT_THAT(FirstResponseProblem("day,family-friendly,involved-in-decisions,one-change\n"
                                   "2025-11-01,agree,agree,caf\xE9\n"),
              HasSubstr("r.csv:2:27: the text is not UTF-8: byte 0xE9"));
}

// Every problem of a row is listed at the column of its question, with the column's name; a
// day outside the wave is refused with its dates.
TEST(SurveyResponseFile, EveryProblemIsAtItsRowAndColumn) {
  const std::string header =
      "day,family-friendly,involved-in-decisions,goes-to-clubs,club-days,hear-about-things,"
      "one-change\n";
  EXPECT_THAT(
      ResponseProblems(header + "2025-10-31,maybe,agree,no,3,,\n"
                                "2026-02-01,agree,,yes,2.5,school+website+family+other,\n"
                                "01/12/2025,agree,agree,yes+no,8,school++family,\n"
                                ",agree,agree,,,school,\n"
                                "2025-12-01,agree,agree,yse,4,,\n"),
      ElementsAre(
          "r.csv:2:1: day: 2025-10-31 is outside wave 'winter-2025' (2025-11-01 to 2026-01-31)",
          "r.csv:2:12: family-friendly: 'maybe' is not an option of this question; its options "
          "are strongly-agree, agree, neither, disagree, strongly-disagree",
          "r.csv:2:27: club-days: answered, but the question is not asked after that answer to "
          "'goes-to-clubs'",
          "r.csv:3:1: day: 2026-02-01 is outside wave 'winter-2025' (2025-11-01 to 2026-01-31)",
          "r.csv:3:18: involved-in-decisions: no answer, but the question must be answered "
          "whenever it is asked",
          "r.csv:3:23: club-days: Enter a whole number between 1 and 7, not '2.5'",
          "r.csv:3:27: hear-about-things: Select no more than 3 answers, not "
          "'school+website+family+other'",
          "r.csv:4:1: day: '01/12/2025' is not a date as YYYY-MM-DD",
          "r.csv:4:24: goes-to-clubs: Select one answer, not 'yes+no'",
          "r.csv:4:33: hear-about-things: 'school++family' has an empty option id (join option "
          "ids with '+')",
          "r.csv:5:1: day: give the day the response was given, as YYYY-MM-DD",
          // A cell refused already is not judged again through the routing that depends on it.
          "r.csv:6:24: goes-to-clubs: 'yse' is not an option of this question; its options are "
          "yes, no"));
  const std::string long_text(501, 'x');
  EXPECT_THAT(FirstResponseProblem(header + "2025-12-01,agree,agree,,,," + long_text + "\n"),
              HasSubstr("r.csv:2:27: one-change: Your answer must be 500 characters or fewer"));
  EXPECT_EQ(FirstResponseProblem(header + "2025-12-01,agree,agree\n"),
            "r.csv:2:1: The row has 3 fields; the header has 7");
  EXPECT_EQ(FirstResponseProblem("day,family-friendly,involved-in-decisions\n2025-12-01,,\n"),
            "r.csv:2:1: The row has no answers");
  EXPECT_THAT(FirstResponseProblem(header + "2025-12-01,\"agree,agree,,,,\n"),
              HasSubstr("r.csv:2:"));
}

TEST(SurveyResponseFile, ProblemsAreCappedButCounted) {
  std::string text = "day,family-friendly,involved-in-decisions\n";
  for (int i = 0; i < 250; ++i) text += "2025-12-01,maybe,agree\n";
  const SurveyResponseFileReport report = Parse(text);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.size(), kMaxSurveyResponseProblems);
  EXPECT_EQ(report.problem_count, 250u);
  EXPECT_EQ(report.problems.back().pos.line, 201);
}

TEST(SurveyResponseFile, AnUnreadableFileIsOneProblem) {
  const SurveyResponseFileReport report =
      ReadSurveyResponseFile(kRoot + "/no/such/file.csv", DemoSurvey(), Winter2025());
  ASSERT_FALSE(report.ok());
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_THAT(report.problems[0].ToString(), HasSubstr("cannot open the file"));
}

}  // namespace
}  // namespace waymark::ingest
