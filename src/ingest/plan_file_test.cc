// Tests of the plan file reader: the example plans, the round trip through the writer, and
// every kind of bad input with the position it is reported at.
#include "ingest/plan_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "ingest/ingest_test_util.h"
#include "ingest/plan_file_test_util.h"
#include "ingest/plan_json.h"
#include "ingest/plan_toml.h"

namespace waymark::ingest {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::Problems;
using testing::Replace;

const std::string kExamples = std::string(WAYMARK_SOURCE_DIR) + "/examples/";

constexpr std::string_view kMinimal = R"(
[plan]
id = "mini"
title = "Mini plan"
organisation = "Test Council"
start = 2024-04-01
end = 2027-03-31

[[partners]]
id = "family-services"
name = "Family Services"
kind = "council"

[[bodies]]
id = "board"
name = "Children's Partnership Board"
kind = "board"

[[outcomes]]
id = "safe"
title = "Safe and Secure"

  [[outcomes.objectives]]
  id = "protect"
  title = "Ensure the most vulnerable are protected"

    [[outcomes.objectives.measures]]
    id = "fewer-repeat-plans"
    title = "Fewer second child protection plans"
    direction = "decrease"

    [[outcomes.objectives.actions]]
    id = "early-help"
    title = "Intervene at the earliest stage"
    responsible = ["family-services"]
    monitoring = ["board"]
)";

TEST(PlanFileTest, ReadsAMinimalPlan) {
  const auto report = ParsePlanText(kMinimal, "p.toml");
  ASSERT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].ToString());
  const Plan& plan = *report.plan;
  EXPECT_EQ(plan.id, "mini");
  EXPECT_EQ(plan.start, (Date{2024, 4, 1}));
  EXPECT_EQ(plan.status, "published");
  ASSERT_EQ(plan.outcomes.size(), 1u);
  EXPECT_EQ(plan.outcomes[0].kind, OutcomeKind::kOutcome);
  const Objective& objective = plan.outcomes[0].objectives.at(0);
  EXPECT_EQ(objective.measures.at(0).direction, Direction::kDecrease);
  EXPECT_EQ(objective.actions.at(0).responsible, std::vector<std::string>{"family-services"});
  EXPECT_EQ(objective.actions.at(0).monitoring, std::vector<std::string>{"board"});
}

TEST(PlanFileTest, MalformedTomlIsReportedAtItsPosition) {
  EXPECT_THAT(Problems("[plan]\nid = \"x\nother = 1\n"),
              ::testing::ElementsAre(::testing::StartsWith("p.toml:2:")));
}

TEST(PlanFileTest, EmptyFileIsOneProblem) {
  EXPECT_THAT(Problems("  \n\n"), ::testing::ElementsAre("p.toml: the file is empty"));
}

TEST(PlanFileTest, UnreadableFileNamesTheFile) {
  const auto report = ReadPlanFile("/nonexistent/plan.toml");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].ToString(), "/nonexistent/plan.toml: cannot open file for reading");
}

TEST(PlanFileTest, MissingPlanTable) {
  EXPECT_THAT(Problems("[[outcomes]]\nid = \"a\"\ntitle = \"A\"\n"),
              ::testing::Contains(HasSubstr("must start with a [plan] table")));
}

TEST(PlanFileTest, UnknownKeyIsReportedAtTheKey) {
  const auto text =
      Replace(std::string(kMinimal), "  title = \"Ensure", "  titel = \"x\"\n  title = \"Ensure");
  EXPECT_THAT(Problems(text), ::testing::ElementsAre(::testing::AllOf(
                                  HasSubstr("p.toml:25:3:"), HasSubstr("unknown key 'titel'"))));
}

TEST(PlanFileTest, MissingTitle) {
  const auto text = Replace(std::string(kMinimal), "title = \"Safe and Secure\"\n", "");
  EXPECT_THAT(Problems(text), ::testing::ElementsAre(::testing::AllOf(
                                  HasSubstr("p.toml:19:1:"),
                                  HasSubstr("[[outcomes]] is missing required key 'title'"))));
}

TEST(PlanFileTest, WrongTypes) {
  auto text = Replace(std::string(kMinimal), "title = \"Mini plan\"", "title = 42");
  text = Replace(text, "start = 2024-04-01", "start = \"2024-04-01\"");
  text = Replace(text, "responsible = [\"family-services\"]", "responsible = \"family-services\"");
  EXPECT_THAT(Problems(text),
              ::testing::ElementsAre(HasSubstr("p.toml:4:9: 'title' in [plan] must be a string"),
                                     HasSubstr("p.toml:6:9: 'start' in [plan] must be a date"),
                                     HasSubstr("'responsible' in action 'early-help' must be an "
                                               "array of strings")));
}

TEST(PlanFileTest, DuplicateIdsNameTheFirstDeclaration) {
  const std::string text = std::string(kMinimal) + R"(
[[partners]]
id = "family-services"
name = "Family Services again"
)";
  EXPECT_THAT(Problems(text), ::testing::ElementsAre(HasSubstr(
                                  "duplicate partner id 'family-services' (first declared at "
                                  "line 10)")));
}

TEST(PlanFileTest, SameIdInDifferentKindsIsAllowed) {
  const auto text = Replace(std::string(kMinimal), "id = \"protect\"", "id = \"safe\"");
  EXPECT_TRUE(ParsePlanText(text, "p.toml").ok());
}

TEST(PlanFileTest, DanglingLinksAreReportedAtTheLink) {
  auto text = Replace(std::string(kMinimal), "responsible = [\"family-services\"]",
                      "responsible = [\"family-services\", \"police\"]");
  text = Replace(text, "monitoring = [\"board\"]", "monitoring = [\"scrutiny\"]");
  EXPECT_THAT(Problems(text),
              ::testing::ElementsAre(
                  HasSubstr("p.toml:35:39: action 'early-help' names unknown partner 'police'"),
                  HasSubstr("p.toml:36:19: action 'early-help' names unknown body 'scrutiny'")));
}

TEST(PlanFileTest, UnknownOutcomeInStrategyAndIndex) {
  const std::string text = std::string(kMinimal) + R"(
[[strategies]]
id = "early-help"
title = "Early Help Strategy"
outcomes = ["safer"]

[index]
id = "ffi"
title = "Family Friendly Index"
  [[index.measures]]
  id = "m1"
  title = "Low crime"
  outcomes = ["safe", "healthy"]
)";
  EXPECT_THAT(Problems(text), ::testing::ElementsAre(
                                  HasSubstr("strategy 'early-help' names unknown outcome 'safer'"),
                                  HasSubstr("index measure 'm1' names unknown outcome 'healthy'")));
}

constexpr std::string_view kGoverned = R"(
[[governance]]
body = "board"
role = "Keeps strategic oversight of the plan"

[[governance]]
role = "Receives regular reports on each outcome"

[[strategies]]
id = "early-help"
title = "Early Help Strategy"
period = "2023 to 2027"
outcomes = ["safe"]
owner = "family-services"
overseen_by = "board"
approved_by = "board"
approved_on = "2023-03"
aims_by = 2027

  [[strategies.objectives]]
  id = "resilience"
  title = "Resilience"
  kind = "priority"
  outcomes = ["safe"]

  [[strategies.objectives]]
  id = "deliver"
  title = "Deliver our priorities and vision"
)";

TEST(PlanFileTest, ReadsGovernanceAndAStrategysGovernance) {
  const auto report = ParsePlanText(std::string(kMinimal) + std::string(kGoverned), "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  const Plan& plan = *report.plan;
  ASSERT_EQ(plan.governance.size(), 2u);
  EXPECT_EQ(plan.governance[0], (GovernanceRole{"board", "Keeps strategic oversight of the plan"}));
  EXPECT_EQ(plan.governance[1].body, "");  // the plan names no body
  const Strategy& s = plan.strategies.at(0);
  EXPECT_EQ(s.owner, "family-services");
  EXPECT_EQ(s.overseen_by, "board");
  EXPECT_EQ(s.approved_by, "board");
  EXPECT_EQ(s.approved_on, (PartialDate{2023, 3, 0}));
  EXPECT_EQ(s.aims_by, 2027);
  EXPECT_EQ(s.objectives.at(0).kind, AimKind::kPriority);
  EXPECT_EQ(s.objectives.at(1).kind, AimKind::kObjective);  // the default
  const std::string exported = WritePlanToml(plan);
  EXPECT_THAT(exported, AllOf(HasSubstr("approved_on = \"2023-03\""), HasSubstr("aims_by = 2027"),
                              HasSubstr("kind = \"priority\"")));
  const auto again = ParsePlanText(exported, "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems.at(0).ToString();
  EXPECT_EQ(*again.plan, plan);
  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["governance"][1]["body"], nullptr);
  EXPECT_EQ(json["strategies"][0]["approved_on"], "2023-03");
  EXPECT_EQ(json["strategies"][0]["objectives"][0]["kind"], "priority");
}

// A strategy without governance keys states none: nothing is filled in.
TEST(PlanFileTest, AStrategysGovernanceIsOptional) {
  const auto report = ParsePlanText(std::string(kMinimal) + R"(
[[strategies]]
id = "early-help"
title = "Early Help Strategy"
)",
                                    "p.toml");
  ASSERT_TRUE(report.ok());
  const Strategy& s = report.plan->strategies.at(0);
  EXPECT_EQ(s.owner, "");
  EXPECT_FALSE(s.approved_on.has_value());
  EXPECT_FALSE(s.aims_by.has_value());
  EXPECT_TRUE(report.plan->governance.empty());
  EXPECT_EQ(PlanToJson(*report.plan)["strategies"][0]["owner"], nullptr);
}

TEST(PlanFileTest, BadGovernanceIsReportedAtItsPositions) {
  auto text = std::string(kMinimal) + std::string(kGoverned);
  text = Replace(text, "body = \"board\"", "body = \"trust-board\"");
  text = Replace(text, "role = \"Receives regular reports on each outcome\"", "");
  text = Replace(text, "owner = \"family-services\"", "owner = [\"family-services\"]");
  text = Replace(text, "overseen_by = \"board\"", "overseen_by = \"boards\"");
  text = Replace(text, "approved_on = \"2023-03\"", "approved_on = \"March 2023\"");
  text = Replace(text, "aims_by = 2027", "aims_by = 27");
  text = Replace(text, "kind = \"priority\"", "kind = \"wish\"");
  EXPECT_THAT(
      Problems(text),
      ::testing::ElementsAre(
          HasSubstr("p.toml:39:8: the governance role 'Keeps strategic oversight of the plan' "
                    "names unknown body 'trust-board'"),
          HasSubstr("p.toml:42:1: [[governance]] is missing required key 'role'"),
          HasSubstr("p.toml:50:9: 'owner' of strategy 'early-help' must be the id of one partner"),
          HasSubstr("p.toml:51:15: strategy 'early-help' names unknown body 'boards'"),
          HasSubstr("p.toml:53:15: 'approved_on' in strategy 'early-help' must be a date written "
                    "YYYY, YYYY-MM or YYYY-MM-DD"),
          HasSubstr("p.toml:54:11: 'aims_by' in strategy 'early-help' must be a whole number from "
                    "1900 to 2200"),
          HasSubstr("p.toml:59:10: 'kind' in objective of strategy 'early-help' is 'wish'")));
}

// Measures of an outcome as a whole, a direction not stated, and one action serving two
// objectives: read, written and read back the same.
TEST(PlanFileTest, OutcomeMeasuresUnstatedDirectionsAndActionsServingSeveralObjectives) {
  auto text = Replace(std::string(kMinimal), R"(  [[outcomes.objectives]]
  id = "protect")",
                      R"(  [[outcomes.measures]]
  id = "neglect-plans"
  title = "Children subject to a plan for neglect"
  direction = "not stated"

  [[outcomes.objectives]]
  id = "protect")");
  text = Replace(text, R"(    monitoring = ["board"])", R"(    monitoring = ["board"]
    also_serves = ["support"])");
  text += R"(
  [[outcomes.objectives]]
  id = "support"
  title = "Support families early"
)";
  const auto report = ParsePlanText(text, "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  const Plan& plan = *report.plan;
  const Outcome& safe = plan.outcomes.at(0);
  ASSERT_EQ(safe.measures.size(), 1u);
  EXPECT_EQ(safe.measures[0].direction, Direction::kNotStated);
  EXPECT_EQ(safe.objectives.at(0).actions.at(0).also_serves, std::vector<std::string>{"support"});
  const auto serving = ActionsAlsoServing(plan, "support");
  ASSERT_EQ(serving.size(), 1u);
  EXPECT_EQ(serving[0].action->id, "early-help");
  EXPECT_EQ(serving[0].declared_under->id, "protect");
  EXPECT_TRUE(ActionsAlsoServing(plan, "protect").empty());
  const std::string exported = WritePlanToml(plan);
  EXPECT_THAT(exported, AllOf(HasSubstr("[[outcomes.measures]]"),
                              HasSubstr("direction = \"not stated\""),
                              HasSubstr("also_serves = [\"support\"]")));
  const auto again = ParsePlanText(exported, "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems.at(0).ToString();
  EXPECT_EQ(*again.plan, plan);
  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["outcomes"][0]["measures"][0]["direction"], "not stated");
  EXPECT_EQ(json["outcomes"][0]["objectives"][0]["actions"][0]["also_serves"][0], "support");
}

TEST(PlanFileTest, BadMeasuresAndAlsoServesAreReportedAtTheirPositions) {
  auto text = Replace(std::string(kMinimal), R"(    monitoring = ["board"])",
                      R"(    monitoring = ["board"]
    also_serves = ["protect", "nowhere"])");
  text = Replace(text, R"(direction = "decrease")", R"(direction = "unstated")");
  text = Replace(text, R"(  [[outcomes.objectives]]
  id = "protect")",
                 R"(  [[outcomes.measures]]
  id = "fewer-repeat-plans"
  title = "The same id as an objective's measure"
  direction = "decrease"

  [[outcomes.objectives]]
  id = "protect")");
  EXPECT_THAT(
      Problems(text),
      ::testing::ElementsAre(
          HasSubstr("p.toml:33:10: duplicate measure id 'fewer-repeat-plans' (first declared at "
                    "line 24)"),
          HasSubstr("direction 'unstated' of measure of objective 'protect' must be increase, "
                    "decrease, maintain or not stated"),
          HasSubstr("p.toml:42:19: action 'early-help' is declared under objective 'protect': "
                    "'also_serves' names the other objectives it serves"),
          HasSubstr("p.toml:42:31: action 'early-help' names unknown objective 'nowhere'")));
}

TEST(PlanFileTest, ReadsTheTextsAndThePledgesSignatories) {
  const auto report = ParsePlanText(std::string(kMinimal) + R"(
[[texts]]
kind = "foreword"
by = "Cllr A"
role = "Chair"
text = """
First paragraph.

Second paragraph."""

[[texts]]
kind = "pledge"
signatories = ["family-services"]
text = "We pledge."
)",
                                    "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  const Plan& plan = *report.plan;
  ASSERT_EQ(plan.texts.size(), 2u);
  EXPECT_EQ(plan.texts[0].kind, TextKind::kForeword);
  EXPECT_EQ(plan.texts[0].text, "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(plan.texts[0].by, "Cllr A");
  EXPECT_EQ(plan.texts[1].signatories, std::vector<std::string>{"family-services"});
  const auto again = ParsePlanText(WritePlanToml(plan), "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems.at(0).ToString();
  EXPECT_EQ(*again.plan, plan);
  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["texts"][1]["signatories"][0], "Family Services");
  EXPECT_EQ(json["texts"][1]["signatory_ids"][0], "family-services");
}

TEST(PlanFileTest, BadTextsAreReportedAtTheirPositions) {
  EXPECT_THAT(Problems(std::string(kMinimal) + R"(
[[texts]]
kind = "preface"
text = "x"

[[texts]]
kind = "welcome"
signatories = ["family-services"]
text = "x"

[[texts]]
text = "x"

[[texts]]
kind = "pledge"
signatories = ["nobody"]
text = ""
)"),
              ::testing::ElementsAre(
                  HasSubstr("p.toml:39:8: 'kind' in [[texts]] is 'preface'; expected one of: "
                            "foreword, welcome, introduction, pledge"),
                  HasSubstr("p.toml:44:15: only a pledge has signatories; this text is a welcome"),
                  HasSubstr("p.toml:47:1: [[texts]] is missing required key 'kind'"),
                  HasSubstr("p.toml:52:16: the pledge names unknown partner 'nobody'"),
                  HasSubstr("p.toml:53:8: 'text' in [[texts]] must not be empty")));
}

TEST(PlanFileTest, BadIdsDirectionsKindsAndPeriod) {
  auto text = Replace(std::string(kMinimal), "id = \"protect\"", "id = \"Protect Us\"");
  text = Replace(text, "direction = \"decrease\"", "direction = \"down\"");
  text = Replace(text, "kind = \"council\"", "kind = \"company\"");
  text = Replace(text, "end = 2027-03-31", "end = 2023-03-31");
  EXPECT_THAT(
      Problems(text),
      ::testing::ElementsAre(HasSubstr("p.toml:7:7: [plan] ends (2023-03-31) before it starts"),
                             HasSubstr("'kind' in [[partners]] is 'company'"),
                             HasSubstr("objective id 'Protect Us' is not a valid id"),
                             HasSubstr("direction 'down'")));
}

TEST(PlanFileTest, APeriodIsOptionalButWhole) {
  const auto none = ParsePlanText(
      Replace(Replace(std::string(kMinimal), "start = 2024-04-01\n", ""), "end = 2027-03-31\n",
              ""),
      "p.toml");
  ASSERT_TRUE(none.ok()) << none.problems.at(0).ToString();
  EXPECT_FALSE(none.plan->start.has_value());
  EXPECT_FALSE(none.plan->end.has_value());
  const std::string exported = WritePlanToml(*none.plan);
  EXPECT_THAT(exported, ::testing::Not(HasSubstr("start =")));
  EXPECT_THAT(exported, ::testing::Not(HasSubstr("end =")));
  const auto again = ParsePlanText(exported, "export.toml");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again.plan, *none.plan);

  EXPECT_THAT(Problems(Replace(std::string(kMinimal), "end = 2027-03-31\n", "")),
              ::testing::ElementsAre(
                  HasSubstr("p.toml:6:9: [plan] has 'start' but no 'end': give both dates")));
  EXPECT_THAT(Problems(Replace(std::string(kMinimal), "start = 2024-04-01\n", "")),
              ::testing::ElementsAre(
                  HasSubstr("p.toml:6:7: [plan] has 'end' but no 'start': give both dates")));
  // A period of one day is refused as before (it must end after it starts); a day later passes.
  EXPECT_THAT(Problems(Replace(std::string(kMinimal), "end = 2027-03-31", "end = 2024-04-01")),
              ::testing::ElementsAre(
                  HasSubstr("p.toml:7:7: [plan] ends (2024-04-01) before it starts")));
  EXPECT_TRUE(
      Problems(Replace(std::string(kMinimal), "end = 2027-03-31", "end = 2024-04-02")).empty());
  // A wrong type is still reported, and no period is kept.
  EXPECT_THAT(Problems(Replace(std::string(kMinimal), "end = 2027-03-31", "end = \"soon\"")),
              ::testing::ElementsAre(HasSubstr("p.toml:7:7: 'end' in [plan] must be a date")));
}

TEST(PlanFileTest, EveryProblemIsReportedNotJustTheFirst) {
  auto text = Replace(std::string(kMinimal), "title = \"Mini plan\"\n", "");
  text = Replace(text, "name = \"Family Services\"", "nom = \"Family Services\"");
  text = Replace(text, "monitoring = [\"board\"]", "monitoring = [\"nope\"]");
  EXPECT_EQ(Problems(text).size(), 4u);  // missing title, unknown key, missing name, link
}

TEST(PlanFileTest, ReadsTheChildrensWords) {
  const auto text = Replace(std::string(kMinimal), "title = \"Safe and Secure\"\n",
                            "title = \"Safe and Secure\"\n\n  [outcomes.children]\n"
                            "  promised = \"We promised to keep you safe.\"\n"
                            "  next = \"We will listen.\"\n");
  const auto report = ParsePlanText(text, "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  const ChildrensWords& words = report.plan->outcomes[0].children;
  EXPECT_EQ(words.promised, "We promised to keep you safe.");
  EXPECT_EQ(words.did, "");
  EXPECT_EQ(words.next, "We will listen.");
  EXPECT_EQ(*ParsePlanText(WritePlanToml(*report.plan), "again.toml").plan, *report.plan);
  // Without the table the words are empty: still being written.
  EXPECT_TRUE(ParsePlanText(kMinimal, "p.toml").plan->outcomes[0].children.empty());
}

TEST(PlanFileTest, BadChildrensWordsAreReportedAtTheirPositions) {
  const auto text = Replace(std::string(kMinimal), "title = \"Safe and Secure\"\n",
                            "title = \"Safe and Secure\"\n\n  [outcomes.children]\n"
                            "  promised = \"We promised.\"\n  did = 42\n  nxt = \"x\"\n");
  EXPECT_THAT(Problems(text),
              ::testing::ElementsAre(
                  HasSubstr("p.toml:25:9: 'did' in children's words of outcome 'safe' must be "
                            "a string"),
                  AllOf(HasSubstr("p.toml:26:3:"), HasSubstr("unknown key 'nxt'"))));
  const auto not_table = Replace(std::string(kMinimal), "title = \"Safe and Secure\"\n",
                                 "title = \"Safe and Secure\"\nchildren = \"Plain words\"\n");
  EXPECT_THAT(Problems(not_table),
              ::testing::ElementsAre(HasSubstr(
                  "p.toml:22:12: 'children' in outcome 'safe' must be a table")));
}

// Each example plan: its folder under examples/ and its id.
constexpr std::array<std::pair<const char*, const char*>, 4> kExamplePlans = {{
    {"barnet-2019-23", "barnet-2019-23"},
    {"barnet-2019-23-draft", "barnet-2019-23-draft"},
    {"barnet-2013-16", "barnet-2013-16"},
    {"barnet-current", "barnet-cypp"},
}};

TEST(PlanFileTest, ExamplesValidate) {
  for (const auto& [folder, id] : kExamplePlans) {
    const auto report = ReadPlanFile(kExamples + folder + "/plan.toml");
    EXPECT_TRUE(report.ok()) << folder << ": "
                             << (report.problems.empty() ? "" : report.problems[0].ToString());
    if (report.ok()) {
      EXPECT_EQ(report.plan->id, id);
    }
  }
}

// The current plan (seed 000): no period, four themes with 19 objectives in the summary's
// order, and the Family Friendly Index's nine measures linked to the themes.
TEST(PlanFileTest, CurrentPlanHasThemesObjectivesAndTheIndexButNoPeriod) {
  const auto report = ReadPlanFile(kExamples + "barnet-current/plan.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  const Plan& plan = *report.plan;
  EXPECT_FALSE(plan.start.has_value());
  EXPECT_FALSE(plan.end.has_value());
  EXPECT_THAT(plan.vision, HasSubstr("the best place in London to raise a child"));
  // The ambition and "What's different about this plan" have fields of their own now.
  EXPECT_TRUE(plan.summary.empty());
  EXPECT_THAT(plan.ambition, HasSubstr("create a family-friendly borough"));
  ASSERT_EQ(plan.texts.size(), 1u);
  EXPECT_EQ(plan.texts[0].kind, TextKind::kIntroduction);
  EXPECT_EQ(plan.texts[0].title, "What's different about this plan");
  EXPECT_THAT(plan.texts[0].text, HasSubstr("cross-cutting themes underpinning delivery"));
  std::vector<std::string> titles;
  std::vector<std::size_t> objectives;
  for (const Outcome& o : plan.outcomes) {
    titles.push_back(o.title);
    objectives.push_back(o.objectives.size());
    EXPECT_EQ(o.kind, OutcomeKind::kTheme) << o.id;
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"Family and belonging", "Safe and Secure",
                                              "Health and Wellbeing", "Education and Skills"}));
  EXPECT_EQ(objectives, (std::vector<std::size_t>{6, 4, 4, 5}));
  EXPECT_EQ(plan.outcomes[0].objectives[1].title,
            "Support children and young people with SEND to achieve well, be confident "
            "individuals, live fulfilling lives");
  ASSERT_TRUE(plan.index.has_value());
  EXPECT_EQ(plan.index->id, "family-friendly-index");
  EXPECT_EQ(plan.index->measures.size(), 9u);
}

// The two plans declare one index: the same id, measure ids and titles, and method, each
// linked to its own plan's outcomes (docs/family-friendly-index.md §6).
TEST(PlanFileTest, CurrentAnd2019PlansDeclareTheSameIndex) {
  const auto current = ReadPlanFile(kExamples + "barnet-current/plan.toml");
  const auto earlier = ReadPlanFile(kExamples + "barnet-2019-23/plan.toml");
  ASSERT_TRUE(current.ok() && earlier.ok());
  const CompositeIndex& a = *current.plan->index;
  const CompositeIndex& b = *earlier.plan->index;
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.method, b.method);
  ASSERT_EQ(a.measures.size(), b.measures.size());
  for (std::size_t i = 0; i < a.measures.size(); ++i) {
    EXPECT_EQ(a.measures[i].id, b.measures[i].id);
    EXPECT_EQ(a.measures[i].title, b.measures[i].title);
    EXPECT_EQ(a.measures[i].goalposts, b.measures[i].goalposts);
  }
}

TEST(PlanFileTest, ExportedTomlReadsBackToTheSamePlan) {
  for (const auto& [folder, name] : kExamplePlans) {
    const auto report = ReadPlanFile(kExamples + folder + "/plan.toml");
    ASSERT_TRUE(report.ok()) << name;
    const std::string exported = WritePlanToml(*report.plan);
    const auto again = ParsePlanText(exported, "export.toml");
    ASSERT_TRUE(again.ok()) << name << ": " << again.problems[0].ToString();
    EXPECT_EQ(*again.plan, *report.plan) << name;
    EXPECT_EQ(WritePlanToml(*again.plan), exported) << name;
  }
}

TEST(PlanFileTest, HostileTextRoundTrips) {
  auto parsed = ParsePlanText(kMinimal, "p.toml");
  ASSERT_TRUE(parsed.ok());
  Plan plan = *parsed.plan;
  plan.title = "Quotes \" and \\ backslashes \\\" and \"\"\" triples";
  plan.vision = "Line one\nLine \"two\"\n\ttabbed \\n not a newline \x01 control";
  plan.summary = "<script>alert('x')</script> & caf\xc3\xa9 \xf0\x9f\x98\x80";
  plan.outcomes[0].voice = {"ends with a quote\"", "\"\"\"", "multi\nline\"\"\""};
  const auto again = ParsePlanText(WritePlanToml(plan), "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems[0].ToString();
  EXPECT_EQ(*again.plan, plan);
}

constexpr std::string_view kIndexWithMethod = R"(
[index]
id = "ffi"
title = "Family Friendly Index"

[index.method]
normalisation = "zscore"
aggregation = "geometric"
min_coverage = 0.5
carry_forward_max_gap = 3
imputation = "mean"
outliers = "none"
comparison = "neighbours"
first_year = 2015
last_year = 2023
runs = 500
seed = 42
weight_share = 0.2
sensitivity_runs = 300

  [[index.measures]]
  id = "m1"
  title = "Low crime"
  outcomes = ["safe"]
  weight = 2
  polarity = "low"

  [[index.measures]]
  id = "m2"
  title = "Good health"
  weight = 0.5
  goalposts = [0, 100.5]
)";

TEST(PlanFileTest, ReadsTheIndexMethod) {
  const auto report =
      ParsePlanText(std::string(kMinimal) + std::string(kIndexWithMethod), "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  const CompositeIndex& index = *report.plan->index;
  const IndexMethod& m = index.method;
  EXPECT_EQ(m.normalisation, "zscore");
  EXPECT_EQ(m.aggregation, "geometric");
  EXPECT_EQ(m.min_coverage, 0.5);
  EXPECT_EQ(m.carry_forward_max_gap, 3);
  EXPECT_EQ(m.imputation, "mean");
  EXPECT_EQ(m.outliers, "none");
  EXPECT_EQ(m.comparison, "neighbours");
  EXPECT_EQ(m.first_year, 2015);
  EXPECT_EQ(m.last_year, 2023);
  EXPECT_EQ(m.runs, 500);
  EXPECT_EQ(m.seed, 42);
  EXPECT_EQ(m.weight_share, 0.2);
  EXPECT_EQ(m.sensitivity_runs, 300);
  ASSERT_EQ(index.measures.size(), 2u);
  EXPECT_FALSE(index.measures[0].goalposts.has_value());
  EXPECT_EQ(index.measures[1].goalposts, std::make_pair(0.0, 100.5));
  EXPECT_EQ(index.measures[0].weight, 2.0);
  EXPECT_EQ(index.measures[0].polarity, "low");
  EXPECT_EQ(index.measures[1].weight, 0.5);
  EXPECT_EQ(index.measures[1].polarity, "");

  const auto again = ParsePlanText(WritePlanToml(*report.plan), "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems[0].ToString();
  EXPECT_EQ(*again.plan, *report.plan);
  const auto method = IndexMethodFromJson(IndexMethodToJson(m).dump());
  ASSERT_TRUE(method.has_value());
  EXPECT_EQ(*method, m);
}

TEST(PlanFileTest, IndexMethodIsOptional) {
  const std::string text =
      Replace(std::string(kIndexWithMethod), "[index.method]", "[index.unused]");
  const auto report =
      ParsePlanText(std::string(kMinimal) + "\n[index]\nid = \"ffi\"\ntitle = \"FFI\"\n", "p.toml");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.plan->index->method, IndexMethod{});
  EXPECT_THAT(Problems(std::string(kMinimal) + text),
              ::testing::Contains(HasSubstr("unknown key 'unused'")));
}

TEST(PlanFileTest, BadIndexMethodValuesAreReportedAtTheirPositions) {
  std::string text = std::string(kMinimal) + std::string(kIndexWithMethod);
  text = Replace(text, "normalisation = \"zscore\"", "normalisation = \"goalposts\"");
  text = Replace(text, "min_coverage = 0.5", "min_coverage = 1.5");
  text = Replace(text, "carry_forward_max_gap = 3", "carry_forward_max_gap = -1");
  text = Replace(text, "comparison = \"neighbours\"", "comparison = \"europe\"");
  text = Replace(text, "last_year = 2023", "last_year = 2010");
  text = Replace(text, "runs = 500", "runs = 0\nrunz = 5");
  text = Replace(text, "weight = 2", "weight = -2");
  text = Replace(text, "polarity = \"low\"", "polarity = \"up\"");
  EXPECT_THAT(
      Problems(text),
      ::testing::ElementsAre(
          AllOf(HasSubstr("p.toml:43:17:"), HasSubstr("'normalisation' in [index.method] is "
                                                      "'goalposts'; expected one of: minmax")),
          AllOf(HasSubstr("p.toml:45:16:"), HasSubstr("'min_coverage' in [index.method] must be "
                                                      "between 0 and 1")),
          AllOf(HasSubstr("p.toml:46:25:"), HasSubstr("'carry_forward_max_gap'")),
          AllOf(HasSubstr("p.toml:49:14:"), HasSubstr("'europe'")),
          AllOf(HasSubstr("p.toml:51:13:"), HasSubstr("last_year (2010) in [index.method] is "
                                                      "before first_year (2015)")),
          AllOf(HasSubstr("p.toml:52:8:"), HasSubstr("'runs' in [index.method] must be a whole "
                                                     "number from 1 to 1000000")),
          AllOf(HasSubstr("p.toml:53:1:"), HasSubstr("unknown key 'runz'")),
          AllOf(HasSubstr("p.toml:62:12:"), HasSubstr("'weight' in [[index.measures]] must be "
                                                      "≥ 0")),
          AllOf(HasSubstr("p.toml:63:14:"), HasSubstr("'up'"))));
}

TEST(PlanFileTest, BadGoalpostsAreReportedAtTheirPositions) {
  const std::string good = std::string(kMinimal) + std::string(kIndexWithMethod);
  const auto problem = [&](std::string_view posts) {
    const auto problems =
        Problems(Replace(good, "goalposts = [0, 100.5]", "goalposts = " + std::string(posts)));
    return problems.size() == 1 ? problems[0] : "problems: " + std::to_string(problems.size());
  };
  EXPECT_THAT(problem("[100, 0]"),
              AllOf(HasSubstr("p.toml:68:15:"), HasSubstr("need low < high (got [100, 0])")));
  EXPECT_THAT(problem("[5, 5]"), HasSubstr("need low < high"));
  EXPECT_THAT(problem("[0]"), HasSubstr("must be two numbers [low, high]"));
  EXPECT_THAT(problem("[0, 1, 2]"), HasSubstr("must be two numbers"));
  EXPECT_THAT(problem("[\"0\", 100]"), HasSubstr("must be two numbers"));
  EXPECT_THAT(problem("100"), HasSubstr("must be two numbers"));
  EXPECT_THAT(problem("[-10, -2.5]"), HasSubstr("problems: 0"));
}

TEST(PlanFileTest, IndexMethodMustBeATable) {
  const std::string text =
      std::string(kMinimal) + "\n[index]\nid = \"ffi\"\ntitle = \"FFI\"\nmethod = \"fast\"\n";
  EXPECT_THAT(Problems(text),
              ::testing::ElementsAre(AllOf(HasSubstr("p.toml:41:10:"),
                                           HasSubstr("'method' in [index] must be a table"))));
}

TEST(PlanJsonTest, ResolvesPartnerAndBodyNames) {
  const auto report = ParsePlanText(kMinimal, "p.toml");
  ASSERT_TRUE(report.ok());
  const auto json = PlanToJson(*report.plan);
  EXPECT_EQ(json["period"]["start"], "2024-04-01");
  Plan undated = *report.plan;
  undated.start.reset();
  undated.end.reset();
  const auto none = PlanToJson(undated);
  EXPECT_TRUE(none["period"]["start"].is_null());
  EXPECT_TRUE(none["period"]["end"].is_null());
  const auto& action = json["outcomes"][0]["objectives"][0]["actions"][0];
  EXPECT_EQ(action["responsible"][0], "Family Services");
  EXPECT_EQ(action["monitoring"][0], "Children's Partnership Board");
  EXPECT_EQ(action["responsible_ids"][0], "family-services");
  EXPECT_EQ(json["outcomes"][0]["objectives"][0]["measures"][0]["direction"], "decrease");
}

}  // namespace
}  // namespace waymark::ingest
