// Tests of the survey file reader and writer: a minimal survey, Barnet's demo survey, the round
// trip through the writer, and bad input reported as FILE:LINE:COL (syntax errors, unknown
// keys, wrong types, routing to a later question, duplicate option ids, bad dates, overlapping
// waves, unknown indicators).
#include "ingest/survey_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/areas_file.h"
#include "ingest/plan_file.h"

namespace waymark::ingest {
namespace {

using ::testing::HasSubstr;

const std::string kDemo =
    std::string(WAYMARK_SOURCE_DIR) + "/data/surveys/barnet-young-people.toml";

constexpr std::string_view kMinimalSurvey = R"([survey]
id = "mini"
code = "mini-survey"
title = "Mini survey"

[[wording]]
ages = "8-10"
introduction = "We want to hear from you."
consent = "You can stop at any time."

[[waves]]
id = "first"
name = "First"
opens = 2025-11-01
closes = 2026-01-31

[[sections]]
id = "main"
title = "Main"

  [[sections.questions]]
  id = "club"
  kind = "single-choice"
  text = "Do you go to a club?"
  options = [
    { id = "yes", label = "Yes" },
    { id = "no", label = "No" },
  ]

  [[sections.questions]]
  id = "days"
  kind = "number"
  text = "How many days?"
  min = 1
  max = 7
  show_if = { question = "club", any_of = ["yes"] }
)";

// The minimal survey with `from` replaced by `to` (which must occur).
std::string With(std::string_view from, std::string_view to) {
  std::string text(kMinimalSurvey);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string ProblemLines(const SurveyFileReport& report) {
  std::string out;
  for (const Error& e : report.problems) out.append(e.ToString()).append("\n");
  return out;
}

// The only problem of `text`, as FILE:LINE:COL: message.
std::string OnlyProblem(const std::string& text, const SurveyFileContext& context = {}) {
  const SurveyFileReport report = ParseSurveyText(text, "s.toml", context);
  EXPECT_EQ(report.problems.size(), 1U) << ProblemLines(report);
  return report.problems.empty() ? std::string() : report.problems[0].ToString();
}

SurveyFileContext BarnetContext() {
  const std::vector<Area> councils = {
      Area{"E09000003", "Barnet", AreaType::kCouncil, "E12000007", "302"}};
  const AreasFileReport wards = ReadAreasFile(
      std::string(WAYMARK_SOURCE_DIR) + "/data/areas/barnet_wards_2014.csv", councils);
  EXPECT_TRUE(wards.ok());
  SurveyFileContext context;
  context.wards = WardBands(wards.areas, "E09000003");
  return context;
}

TEST(SurveyFileTest, ReadsAMinimalSurvey) {
  const SurveyFileReport report = ParseSurveyText(kMinimalSurvey, "s.toml");
  ASSERT_TRUE(report.ok()) << ProblemLines(report);
  const Survey& s = *report.survey;
  EXPECT_EQ(s.code, "mini-survey");
  EXPECT_EQ(s.threshold, kDefaultThreshold);
  ASSERT_EQ(s.sections.size(), 1U);
  ASSERT_EQ(s.sections[0].questions.size(), 2U);
  const Question& days = s.sections[0].questions[1];
  EXPECT_EQ(days.kind, QuestionKind::kNumber);
  EXPECT_EQ(days.min, 1.0);
  EXPECT_EQ(days.max, 7.0);
  EXPECT_EQ(days.show_if, (ShowIf{"club", {"yes"}}));
  EXPECT_EQ(s.waves[0].opens, (Date{2025, 11, 1}));
}

TEST(SurveyFileTest, SyntaxErrorIsReportedAtItsPosition) {
  const std::string problem = OnlyProblem(With("title = \"Mini survey\"", "title = \"Mini"));
  EXPECT_THAT(problem, HasSubstr("s.toml:4:"));
  EXPECT_EQ(ParseSurveyText("", "s.toml").problems.size(), 1U);
  EXPECT_EQ(ReadSurveyFile("/nonexistent/survey.toml").problems.at(0).code, ErrorCode::kIo);
}

TEST(SurveyFileTest, UnknownKeysAreReportedAtTheKey) {
  EXPECT_EQ(OnlyProblem(With("code = \"mini-survey\"", "code = \"mini-survey\"\ncolour = 1")),
            "s.toml:4:1: unknown key 'colour' in [survey] (allowed: id, code, title, threshold)");
  EXPECT_THAT(OnlyProblem(With("  min = 1\n", "  min = 1\n  date_of_birth = true\n")),
              HasSubstr("s.toml:35:3: unknown key 'date_of_birth' in sections[0].questions[1]"));
  EXPECT_THAT(OnlyProblem(With("any_of = [\"yes\"] }", "any_of = [\"yes\"], all = 1 }")),
              HasSubstr("s.toml:36:52: unknown key 'all' in sections[0].questions[1].show_if"));
  EXPECT_THAT(OnlyProblem(With("[survey]", "name = \"x\"\n[survey]")),
              HasSubstr("s.toml:1:1: unknown key 'name' in the top level"));
}

TEST(SurveyFileTest, RoutingToALaterQuestion) {
  std::string text = With("show_if = { question = \"club\"", "show_if = { question = \"later\"");
  text += R"(
  [[sections.questions]]
  id = "later"
  kind = "single-choice"
  text = "Later?"
  options = [{ id = "yes", label = "Yes" }, { id = "no", label = "No" }]
)";
  EXPECT_EQ(OnlyProblem(text),
            "s.toml:36:26: sections[0].questions[1].show_if.question: Routing must refer to an "
            "earlier question: 'later' comes after this one");
}

TEST(SurveyFileTest, RoutingWithNoOptions) {
  EXPECT_EQ(OnlyProblem(With("any_of = [\"yes\"]", "any_of = []")),
            "s.toml:36:43: sections[0].questions[1].show_if.any_of: Name at least one option of "
            "routing");
  EXPECT_THAT(OnlyProblem(With("any_of = [\"yes\"]", "any_of = [\"yes\", 2]")),
              HasSubstr("s.toml:36:51: 'any_of' in sections[0].questions[1].show_if must contain "
                        "only strings"));
}

TEST(SurveyFileTest, RoutingToAMissingOption) {
  EXPECT_EQ(OnlyProblem(With("any_of = [\"yes\"]", "any_of = [\"yes\", \"maybe\"]")),
            "s.toml:36:51: sections[0].questions[1].show_if.any_of[1]: Question 'club' has no "
            "option 'maybe'");
}

TEST(SurveyFileTest, DuplicateOptionId) {
  EXPECT_EQ(
      OnlyProblem(With("{ id = \"no\", label = \"No\" }", "{ id = \"yes\", label = \"No\" }")),
      "s.toml:27:12: sections[0].questions[0].options[1].id: The option id 'yes' is used "
      "twice in this question");
}

TEST(SurveyFileTest, BadDates) {
  EXPECT_EQ(OnlyProblem(With("opens = 2025-11-01", "opens = \"2025-11-01\"")),
            "s.toml:14:9: 'opens' in waves[0] must be a date written like 2019-04-01");
  EXPECT_THAT(OnlyProblem(With("opens = 2025-11-01", "opens = 2025-13-01")),
              HasSubstr("s.toml:14:"));
  EXPECT_THAT(OnlyProblem(With("opens = 2025-11-01", "opens = 2025-02-30")),
              HasSubstr("s.toml:14:"));
  EXPECT_EQ(OnlyProblem(With("closes = 2026-01-31", "closes = 2025-10-31")),
            "s.toml:15:10: waves[0].closes: The wave closes (2025-10-31) before it opens "
            "(2025-11-01)");
  EXPECT_EQ(OnlyProblem(With("closes = 2026-01-31\n", "")),
            "s.toml:11:1: waves[0].closes: Enter the date the wave closes");
}

TEST(SurveyFileTest, WavePeriod) {
  const SurveyFileReport named =
      ParseSurveyText(With("closes = 2026-01-31\n", "closes = 2026-01-31\nperiod = \"2025/26\"\n"),
                      "s.toml");
  ASSERT_TRUE(named.ok()) << ProblemLines(named);
  EXPECT_EQ(named.survey->waves[0].period, "2025/26");
  EXPECT_EQ(OnlyProblem(With("closes = 2026-01-31\n", "closes = 2026-01-31\nperiod = \"winter\"\n")),
            "s.toml:16:10: waves[0].period: 'winter' is not a period: write a year (2025), a "
            "financial or academic year (2025/26) or another period label of docs/indicators.md");
}

TEST(SurveyFileTest, OverlappingWaves) {
  const std::string text = With("[[sections]]", R"([[waves]]
id = "second"
name = "Second"
opens = 2026-01-31
closes = 2026-03-31

[[sections]])");
  EXPECT_EQ(OnlyProblem(text),
            "s.toml:20:9: waves[1].opens: The wave 'second' (2026-01-31 to 2026-03-31) overlaps "
            "the wave 'first' (2025-11-01 to 2026-01-31)");
}

TEST(SurveyFileTest, WrongTypesAreReportedOnce) {
  const SurveyFileReport report =
      ParseSurveyText(With("title = \"Mini survey\"", "title = 12"), "s.toml");
  EXPECT_EQ(ProblemLines(report), "s.toml:4:9: 'title' in survey must be a string\n");
  EXPECT_THAT(
      OnlyProblem(With("title = \"Mini survey\"", "title = \"Mini survey\"\nthreshold = 1")),
      HasSubstr("s.toml:5:13: survey.threshold: The threshold must be a whole number"));
  EXPECT_THAT(OnlyProblem(With("  max = 7\n", "  max = \"seven\"\n")),
              HasSubstr("s.toml:35:9: 'max' in sections[0].questions[1] must be a finite number"));
  EXPECT_THAT(OnlyProblem(With("kind = \"number\"", "kind = \"date\"")),
              HasSubstr("s.toml:32:10: 'kind' in sections[0].questions[1] is 'date'"));
  EXPECT_THAT(OnlyProblem(With("  kind = \"number\"\n", "")),
              HasSubstr("missing required key 'kind'"));
  EXPECT_THAT(OnlyProblem(With("show_if = {", "show_if = [] #")),
              HasSubstr("s.toml:36:13: sections[0].questions[1].show_if must be a table"));
}

TEST(SurveyFileTest, MissingKeysAreReportedAtTheirTable) {
  EXPECT_EQ(OnlyProblem(With("code = \"mini-survey\"\n", "")),
            "s.toml:1:1: survey.code: Enter the survey code (its address is /s/CODE)");
  EXPECT_THAT(OnlyProblem(With("id = \"mini\"\n", "")), HasSubstr("s.toml:1:1: survey.id: "));
  const SurveyFileReport report =
      ParseSurveyText(std::string(kMinimalSurvey).replace(0, 8, "[surveys]"), "s.toml");
  EXPECT_EQ(ProblemLines(report),
            "s.toml:1:1: the file must start with a [survey] table (id, code, title)\n"
            "s.toml:1:2: unknown key 'surveys' in the top level (allowed: survey, wording, "
            "sections, waves)\n");
}

TEST(SurveyFileTest, AboutYouBandsAndWards) {
  const std::string text = std::string(kMinimalSurvey) + R"(
  [[sections.questions]]
  id = "where"
  about_you = "ward"
)";
  EXPECT_EQ(OnlyProblem(text),
            "s.toml:40:15: sections[0].questions[2].about_you: The ward "
            "question needs the list of wards: import the areas first");
  const SurveyFileReport report = ParseSurveyText(text, "s.toml", BarnetContext());
  ASSERT_TRUE(report.ok()) << ProblemLines(report);
  const Question& where = report.survey->sections[0].questions[2];
  EXPECT_EQ(where.text, AboutYouText(AboutYou::kWard));
  EXPECT_EQ(where.options.size(), 22U);  // 21 wards and prefer-not-to-say
  EXPECT_THAT(OnlyProblem(text + "  required = true\n", BarnetContext()),
              HasSubstr("sections[0].questions[2].required: About-you questions are always"));
  EXPECT_THAT(OnlyProblem(With("id = \"club\"", "id = \"club\"\n  about_you = \"name\"")),
              HasSubstr("s.toml:23:15: 'about_you' in sections[0].questions[0] is 'name'"));
}

TEST(SurveyFileTest, IndicatorFeedsNameCatalogueIndicators) {
  const std::string text =
      With("options = [",
           "feeds = { indicator = \"club-members\", counted = [\"yes\"] }\n  options = [");
  EXPECT_TRUE(ParseSurveyText(text, "s.toml").ok());
  SurveyFileContext context;
  context.indicators = {"club-members"};
  EXPECT_TRUE(ParseSurveyText(text, "s.toml", context).ok());
  context.indicators = {"other"};
  EXPECT_EQ(OnlyProblem(text, context),
            "s.toml:25:25: sections[0].questions[0].feeds.indicator names 'club-members', which is "
            "not an indicator of the catalogue");
}

TEST(SurveyFileTest, EveryProblemIsReportedInFileOrder) {
  std::string text = With("code = \"mini-survey\"", "code = \"Mini Survey\"");
  text = text.replace(text.find("ages = \"8-10\""), 13, "ages = \"5-7\"");
  text = text.replace(text.find("max = 7"), 7, "max = 0");
  const SurveyFileReport report = ParseSurveyText(text, "s.toml");
  ASSERT_EQ(report.problems.size(), 3U) << ProblemLines(report);
  EXPECT_EQ(report.problems[0].pos.line, 3);
  EXPECT_EQ(report.problems[1].pos.line, 7);
  EXPECT_EQ(report.problems[2].pos.line, 35);
}

TEST(SurveyFileTest, DemoSurveyLoads) {
  SurveyFileContext context = BarnetContext();
  context.indicators = {"children-feel-barnet-family-friendly", "children-involved-in-decisions",
                        "young-people-concerns-listened-to", "young-people-kept-informed",
                        "young-people-satisfied-leisure"};
  const SurveyFileReport report = ReadSurveyFile(kDemo, context);
  ASSERT_TRUE(report.ok()) << ProblemLines(report);
  const Survey& s = *report.survey;
  EXPECT_EQ(s.title, "Your say: growing up in Barnet");
  EXPECT_EQ(s.wording.size(), AgeBands().size());
  std::set<QuestionKind> kinds;
  std::set<AboutYou> bands;
  int feeds = 0;
  int routed = 0;
  for (const SurveySection& section : s.sections) {
    for (const Question& q : section.questions) {
      kinds.insert(q.kind);
      if (q.about_you) bands.insert(*q.about_you);
      feeds += q.feeds ? 1 : 0;
      routed += q.show_if ? 1 : 0;
    }
  }
  EXPECT_EQ(kinds.size(), 5U);
  EXPECT_EQ(bands.size(), kAllAboutYou.size());
  EXPECT_EQ(feeds, 5);
  EXPECT_EQ(routed, 1);
  EXPECT_EQ(WaveOn(s, {2026, 12, 1})->id, "winter-2026");
  EXPECT_EQ(PreviousWave(s, "winter-2026")->id, "winter-2025");
  EXPECT_EQ(PreviousWave(s, "winter-2025")->id, "2017");
}

TEST(SurveyFileTest, WrittenSurveyReadsBackTheSame) {
  const SurveyFileContext context = BarnetContext();
  const SurveyFileReport demo = ReadSurveyFile(kDemo, context);
  ASSERT_TRUE(demo.ok()) << ProblemLines(demo);
  const std::string written = WriteSurveyToml(*demo.survey);
  const SurveyFileReport again = ParseSurveyText(written, "export.toml", context);
  ASSERT_TRUE(again.ok()) << ProblemLines(again) << written;
  EXPECT_EQ(*again.survey, *demo.survey);

  Survey hostile = *ParseSurveyText(kMinimalSurvey, "s.toml").survey;
  hostile.title = "Quotes \" and \\ backslashes";
  hostile.sections[0].questions[0].options[0].label = "Ünïcode — “quoted” label";
  hostile.sections[0].questions[1].whole = false;
  hostile.sections[0].questions[1].max = 7.25;
  hostile.threshold = 25;
  hostile.waves[0].period = "2025/26";
  const SurveyFileReport back = ParseSurveyText(WriteSurveyToml(hostile), "h.toml");
  ASSERT_TRUE(back.ok()) << ProblemLines(back);
  EXPECT_EQ(*back.survey, hostile);
}

TEST(SurveyFileTest, DocumentedExampleLoads) {
  const auto doc = ReadTextFile(std::string(WAYMARK_SOURCE_DIR) + "/docs/survey-format.md");
  ASSERT_TRUE(doc.has_value());
  const std::string marker = "## A complete small example\n\n```toml\n";
  const std::size_t begin = doc->find(marker);
  ASSERT_NE(begin, std::string::npos);
  const std::size_t from = begin + marker.size();
  const std::string example = doc->substr(from, doc->find("```", from) - from);
  const SurveyFileReport report = ParseSurveyText(example, "survey-format.md");
  ASSERT_TRUE(report.ok()) << ProblemLines(report);
  EXPECT_EQ(report.survey->sections[0].questions.size(), 5U);
}

}  // namespace
}  // namespace waymark::ingest
