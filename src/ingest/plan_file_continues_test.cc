// Tests of plan generations in the plan file: `continues` on [plan], outcomes and objectives
// (read, written back, in JSON), its rules at their positions, and the check of the ids against
// the plan continued (CheckContinued).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ingest/ingest_test_util.h"
#include "ingest/plan_file.h"
#include "ingest/plan_file_test_util.h"
#include "ingest/plan_json.h"
#include "ingest/plan_toml.h"

namespace waymark::ingest {
namespace {

using ::testing::ElementsAre;
using testing::Problems;
using testing::Replace;

constexpr std::string_view kEarlierPlan = R"([plan]
id = "plan-2019"
title = "Plan 2019"
organisation = "Test Council"

[[outcomes]]
id = "safe"
title = "Safe and Secure"

  [[outcomes.objectives]]
  id = "protect"
  title = "Ensure the most vulnerable are protected"
)";

constexpr std::string_view kLaterPlan = R"([plan]
id = "plan-2023"
title = "Plan 2023"
organisation = "Test Council"
continues = "plan-2019"

[[outcomes]]
id = "safe-and-secure"
title = "Safe and Secure"
continues = ["safe"]

  [[outcomes.objectives]]
  id = "most-vulnerable"
  title = "Ensure the most vulnerable are protected"
  continues = ["protect"]

  [[outcomes.objectives]]
  id = "new-aim"
  title = "A new aim"
)";

Plan ParseGeneration(std::string_view text) {
  const auto report = ParsePlanText(text, "p.toml");
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].ToString());
  return report.ok() ? *report.plan : Plan{};
}

TEST(PlanFileContinuesTest, ReadsWritesBackAndShowsInJson) {
  const Plan plan = ParseGeneration(kLaterPlan);
  EXPECT_EQ(plan.continues, "plan-2019");
  EXPECT_THAT(plan.outcomes[0].continues, ElementsAre("safe"));
  EXPECT_THAT(plan.outcomes[0].objectives[0].continues, ElementsAre("protect"));
  EXPECT_TRUE(plan.outcomes[0].objectives[1].continues.empty());
  EXPECT_EQ(ParseGeneration(WritePlanToml(plan)), plan);
  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["continues"], "plan-2019");
  EXPECT_EQ(json["outcomes"][0]["continues"], nlohmann::json::array({"safe"}));
  EXPECT_EQ(json["outcomes"][0]["objectives"][0]["continues"], nlohmann::json::array({"protect"}));
  EXPECT_TRUE(PlanToJson(ParseGeneration(kEarlierPlan))["continues"].is_null());
}

TEST(PlanFileContinuesTest, RefusesBadContinuesAtTheirPositions) {
  EXPECT_THAT(Problems(Replace(std::string(kLaterPlan), "continues = \"plan-2019\"",
                               "continues = \"plan-2023\"")),
              ElementsAre("p.toml:5:13: a plan cannot continue itself"));
  EXPECT_THAT(Problems(Replace(std::string(kLaterPlan), "continues = \"plan-2019\"",
                               "continues = \"Plan!\"")),
              ElementsAre("p.toml:5:13: 'continues' in [plan] must be the id of the plan this one "
                          "follows; 'Plan!' is not a valid id"));
  // A record's continues needs the plan's.
  EXPECT_THAT(Problems(Replace(std::string(kLaterPlan), "continues = \"plan-2019\"\n", "")),
              ElementsAre("p.toml:9:13: outcome 'safe-and-secure' names the outcomes it "
                          "continues, but [plan] names no plan it continues (continues = "
                          "\"PLAN-ID\")",
                          "p.toml:14:15: objective 'most-vulnerable' names the objectives it "
                          "continues, but [plan] names no plan it continues (continues = "
                          "\"PLAN-ID\")"));
  EXPECT_THAT(Problems(Replace(std::string(kLaterPlan), "continues = [\"safe\"]",
                               "continues = [\"safe\", \"safe\", \"Bad Id\"]")),
              ElementsAre("p.toml:10:22: outcome 'safe-and-secure' continues outcome 'safe' twice",
                          "p.toml:10:30: outcome 'safe-and-secure' continues 'Bad Id', which is "
                          "not a valid id"));
  EXPECT_THAT(Problems(Replace(std::string(kLaterPlan), "continues = [\"protect\"]",
                               "continues = \"protect\"")),
              ElementsAre("p.toml:15:15: 'continues' in objective 'most-vulnerable' must be an "
                          "array of strings"));
}

TEST(PlanFileContinuesTest, ChecksTheIdsAgainstThePlanContinued) {
  const Plan earlier = ParseGeneration(kEarlierPlan);
  const auto good = ParsePlanText(kLaterPlan, "p.toml");
  ASSERT_TRUE(good.ok());
  ASSERT_EQ(good.continued.size(), 2u);
  EXPECT_TRUE(CheckContinued(good, earlier).empty());
  // An objective id named where an outcome is meant, and an id the earlier plan lacks.
  const auto bad =
      ParsePlanText(Replace(Replace(std::string(kLaterPlan), "  continues = [\"protect\"]",
                                    "  continues = [\"gone\"]"),
                            "continues = [\"safe\"]", "continues = [\"protect\"]"),
                    "p.toml");
  ASSERT_TRUE(bad.ok());
  std::vector<std::string> problems;
  for (const Error& e : CheckContinued(bad, earlier)) problems.push_back(e.ToString());
  EXPECT_THAT(problems,
              ElementsAre("p.toml:10:14: outcome 'safe-and-secure' continues outcome 'protect', "
                          "which plan 'plan-2019' does not have",
                          "p.toml:15:16: objective 'most-vulnerable' continues objective 'gone', "
                          "which plan 'plan-2019' does not have"));
}

}  // namespace
}  // namespace waymark::ingest
