// Tests of findings files: a small file read whole, every problem at its FILE:LINE:COL (shape
// and CheckFinding's rules), nothing returned when anything is wrong, and the Barnet example:
// one finding for each "what young people told us" item of the 2019–23 plan, each answered.
#include "ingest/findings_file.h"

#include <algorithm>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/ingest_test_util.h"
#include "ingest/plan_file.h"

namespace waymark::ingest {
namespace {

using testing::kExample;

Plan SmallPlan() {
  Plan plan;
  plan.id = "p";
  Outcome safe;
  safe.id = "safe";
  safe.title = "Safe";
  Objective streets{"streets", "Safe streets", "", {}, {}};
  streets.actions = {{"lights", "Better street lighting", {}, {}}};
  safe.objectives = {streets};
  plan.outcomes = {safe};
  return plan;
}

constexpr std::string_view kGood = R"(
[[finding]]
key = "walking-home"
outcome = "safe"
said = "We do not feel safe walking home after dark."
source = "survey"
source_name = "Young People's Perception Survey 2017"
date = 2017-06-30
participants = 1500

[[finding.answer]]
target = "action:lights"
kind = "we-did"
text = "We put in brighter lights."
date = 2018-01-31
answered_by = "Community Safety"
illustrative = true

[[finding.answer]]
target = "objective:streets"
kind = "we-cannot"
text = "We cannot close the roads because buses use them."
date = 2018-01-31
answered_by = "Highways"

[[finding]]
key = "parks"
outcome = "safe"
said = "Parks need more lights."
source = "youth-forum"
source_name = "Youth Forum, March"
date = 2018-03-01
)";

std::vector<std::string> Messages(const FindingsFileReport& report) {
  std::vector<std::string> out;
  for (const Error& e : report.problems) {
    out.push_back(fmt::format("{}:{}: {}", e.pos.line, e.pos.column, e.message));
  }
  return out;
}

bool HasAt(const FindingsFileReport& report, int line, std::string_view text) {
  for (const Error& e : report.problems) {
    if (e.pos.line == line && e.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(FindingsFileTest, ReadsEveryFieldOfEveryFinding) {
  const FindingsFileReport report = ParseFindingsText(kGood, "f.toml", SmallPlan());
  ASSERT_TRUE(report.ok()) << ::testing::PrintToString(Messages(report));
  ASSERT_EQ(report.findings.size(), 2u);
  const Finding& f = report.findings[0];
  EXPECT_EQ(f.plan_id, "p");
  EXPECT_EQ(f.key, "walking-home");
  EXPECT_EQ(f.outcome_id, "safe");
  EXPECT_EQ(f.source, FindingSource::kSurvey);
  EXPECT_EQ(f.date, (Date{2017, 6, 30}));
  EXPECT_EQ(f.participants, 1500);
  ASSERT_EQ(f.answers.size(), 2u);
  EXPECT_EQ(f.answers[0], (FindingAnswer{"action:lights", AnswerKind::kWeDid,
                                         "We put in brighter lights.", {2018, 1, 31},
                                         "Community Safety", true}));
  EXPECT_EQ(f.answers[1].kind, AnswerKind::kWeCannot);
  EXPECT_FALSE(f.answers[1].illustrative);
  EXPECT_EQ(report.findings[1].source, FindingSource::kYouthForum);
  EXPECT_EQ(report.findings[1].participants, 0);
  EXPECT_TRUE(report.findings[1].answers.empty());
}

TEST(FindingsFileTest, ShapeProblemsAreReportedWhereTheyAre) {
  std::string text(kGood);
  text.replace(text.find("source = \"survey\""), 17, "source = \"poll\"");
  text.replace(text.find("participants = 1500"), 19, "participants = -3");
  text.replace(text.find("kind = \"we-did\""), 15, "kind = \"done\"");
  text.replace(text.find("key = \"parks\""), 13, "key = \"walking-home\"\ncolour = \"red\"");
  const FindingsFileReport report = ParseFindingsText(text, "f.toml", SmallPlan());
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(report.findings.empty());
  EXPECT_TRUE(HasAt(report, 6, "'source' in finding 1 is 'poll'"))
      << ::testing::PrintToString(Messages(report));
  EXPECT_TRUE(HasAt(report, 9, "'participants' in finding 1"));
  EXPECT_TRUE(HasAt(report, 13, "'kind' in finding 1 answer 1 is 'done'"));
  EXPECT_TRUE(HasAt(report, 27, "key 'walking-home' of finding 2 is used by an earlier finding"));
  EXPECT_TRUE(HasAt(report, 28, "unknown key 'colour'"));
  for (const Error& e : report.problems) EXPECT_EQ(e.pos.file, "f.toml");
}

TEST(FindingsFileTest, TheModelsRulesAreReportedAtTheFieldTheyName) {
  std::string text(kGood);
  text.replace(text.find("outcome = \"safe\""), 16, "outcome = \"healthy\"");
  text.replace(text.find("target = \"objective:streets\""), 28, "target = \"action:none\"");
  text.replace(text.find("because buses use them"), 22, "as buses use them");
  const FindingsFileReport report = ParseFindingsText(text, "f.toml", SmallPlan());
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(report.findings.empty());
  EXPECT_TRUE(HasAt(report, 4, "outcome: Choose an outcome of the plan"))
      << ::testing::PrintToString(Messages(report));
  EXPECT_TRUE(HasAt(report, 20, "answers[1].target:"));
  EXPECT_TRUE(HasAt(report, 22, "answers[1].text:"));
}

TEST(FindingsFileTest, MissingKeysEmptyFilesAndBadTomlAreProblems) {
  const Plan plan = SmallPlan();
  const FindingsFileReport missing =
      ParseFindingsText("[[finding]]\noutcome = \"safe\"\n", "f.toml", plan);
  EXPECT_TRUE(HasAt(missing, 1, "missing required key 'key'"));
  EXPECT_TRUE(HasAt(missing, 1, "missing required key 'said'"));
  EXPECT_TRUE(HasAt(missing, 1, "missing required key 'source'"));
  EXPECT_TRUE(HasAt(missing, 1, "missing required key 'date'"));
  EXPECT_FALSE(ParseFindingsText("", "f.toml", plan).ok());
  EXPECT_FALSE(ParseFindingsText("[[finding]\n", "f.toml", plan).ok());
  EXPECT_TRUE(HasAt(ParseFindingsText("# nothing\nx = 1\n", "f.toml", plan), 2, "unknown key"));
  EXPECT_FALSE(ReadFindingsFile("/nonexistent/findings.toml", plan).ok());
}

TEST(FindingsFileTest, TheBarnetExampleAnswersEveryVoiceItemOfThePlan) {
  const PlanFileReport plan = ReadPlanFile(kExample + "plan.toml");
  ASSERT_TRUE(plan.plan.has_value());
  const FindingsFileReport report = ReadFindingsFile(kExample + "findings.toml", *plan.plan);
  ASSERT_TRUE(report.ok()) << ::testing::PrintToString(Messages(report));
  std::vector<std::pair<std::string, std::string>> voice;
  for (const Outcome& o : plan.plan->outcomes) {
    for (const std::string& v : o.voice) voice.emplace_back(o.id, v);
  }
  ASSERT_EQ(voice.size(), 31u);
  ASSERT_EQ(report.findings.size(), voice.size());
  for (std::size_t i = 0; i < voice.size(); ++i) {
    const Finding& f = report.findings[i];
    EXPECT_EQ(f.outcome_id, voice[i].first);
    EXPECT_EQ(f.said, voice[i].second);
    EXPECT_GE(f.answers.size(), 1u) << f.key;
    EXPECT_LE(f.answers.size(), 3u) << f.key;
    const Outcome& outcome = *std::find_if(
        plan.plan->outcomes.begin(), plan.plan->outcomes.end(),
        [&](const Outcome& o) { return o.id == f.outcome_id; });
    Plan only_outcome = *plan.plan;  // each answer's target is of the finding's own outcome
    only_outcome.outcomes = {outcome};
    for (const FindingAnswer& a : f.answers) {
      EXPECT_TRUE(a.illustrative) << f.key;
      EXPECT_FALSE(FindingTargetTitle(only_outcome, a.target).empty()) << f.key << " " << a.target;
    }
  }
}

}  // namespace
}  // namespace waymark::ingest
