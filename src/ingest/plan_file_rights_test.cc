// Tests of the plan file's child rights: badges, an outcome's badge, the principles and badges
// an action names (read, written back, in JSON), bad links at their positions, and the format
// document's complete example.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/child_rights.h"
#include "ingest/ingest_test_util.h"
#include "ingest/plan_file.h"
#include "ingest/plan_file_test_util.h"
#include "ingest/plan_json.h"
#include "ingest/plan_toml.h"

namespace waymark::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Problems;
using testing::Replace;

constexpr std::string_view kRights = R"([plan]
id = "mini"
title = "Mini plan"
organisation = "Test Council"

[[principles]]
id = "participation"
title = "Participation"

[[principles]]
id = "dignity"
title = "Dignity"

[[badges]]
id = "safe-and-secure"
title = "Safe and Secure"
description = "Children and young people are safe and protected from harm"

[[badges]]
id = "communication"
title = "Communication"
foundational = true

[[outcomes]]
id = "safe"
title = "Safe and Secure"
badge = "safe-and-secure"

  [[outcomes.objectives]]
  id = "protect"
  title = "Ensure the most vulnerable are protected"

    [[outcomes.objectives.actions]]
    id = "early-help"
    title = "Intervene at the earliest stage"
    principles = ["participation", "dignity"]
    badges = ["communication"]
)";

TEST(PlanFileRightsTest, BadgesAndTagsAreReadWrittenBackAndGivenInJson) {
  const auto report = ParsePlanText(kRights, "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  const Plan& plan = *report.plan;
  ASSERT_EQ(plan.badges.size(), 2u);
  EXPECT_EQ(plan.badges[0],
            (Badge{"safe-and-secure", "Safe and Secure",
                   "Children and young people are safe and protected from harm", false}));
  EXPECT_TRUE(plan.badges[1].foundational);
  EXPECT_EQ(plan.outcomes.at(0).badge, "safe-and-secure");
  const Action& action = plan.outcomes[0].objectives.at(0).actions.at(0);
  EXPECT_EQ(action.principles, (std::vector<std::string>{"participation", "dignity"}));
  EXPECT_EQ(action.badges, std::vector<std::string>{"communication"});
  EXPECT_EQ(ActionsForBadge(plan, "communication").size(), 1u);

  const std::string exported = WritePlanToml(plan);
  EXPECT_THAT(exported, HasSubstr("foundational = true"));
  EXPECT_THAT(exported, HasSubstr("badge = \"safe-and-secure\""));
  const auto again = ParsePlanText(exported, "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems.at(0).ToString();
  EXPECT_EQ(*again.plan, plan);

  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["badges"][1]["foundational"], true);
  EXPECT_EQ(json["outcomes"][0]["badge"], "safe-and-secure");
  EXPECT_EQ(json["outcomes"][0]["objectives"][0]["actions"][0]["principles"][1], "dignity");
  EXPECT_EQ(json["outcomes"][0]["objectives"][0]["actions"][0]["badges"][0], "communication");
}

TEST(PlanFileRightsTest, AnOutcomeWithoutABadgeIsNullInJsonAndHasNoKeyInTheFile) {
  const std::string text = Replace(std::string(kRights), "badge = \"safe-and-secure\"\n", "");
  const auto report = ParsePlanText(text, "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  EXPECT_EQ(report.plan->outcomes.at(0).badge, "");
  EXPECT_TRUE(PlanToJson(*report.plan)["outcomes"][0]["badge"].is_null());
  EXPECT_THAT(WritePlanToml(*report.plan), ::testing::Not(HasSubstr("\nbadge =")));
}

TEST(PlanFileRightsTest, BadBadgesAndTagsAreReportedAtTheirPositions) {
  std::string text = Replace(std::string(kRights), "foundational = true", "foundational = \"yes\"");
  text = Replace(text, "badge = \"safe-and-secure\"", "badge = \"safe\"");
  text = Replace(text, "principles = [\"participation\", \"dignity\"]",
                 "principles = [\"participation\", \"voice\"]");
  text = Replace(text, "badges = [\"communication\"]", "badges = [\"dignity\"]");
  text += R"(
[[badges]]
id = "communication"
title = "Communication again"
colour = "blue"
)";
  EXPECT_THAT(
      Problems(text),
      ElementsAre(
          HasSubstr("p.toml:22:16: 'foundational' in [[badges]] must be true or false"),
          HasSubstr("p.toml:27:9: outcome 'safe' names unknown badge 'safe'"),
          HasSubstr("p.toml:36:36: action 'early-help' names unknown principle 'voice'"),
          HasSubstr("p.toml:37:15: action 'early-help' names unknown badge 'dignity'"),
          HasSubstr("p.toml:40:6: duplicate badge id 'communication' (first declared at line "
                    "20)"),
          HasSubstr("p.toml:42:1: unknown key 'colour' in [[badges]]")));
}

// The complete example of docs/plan-format.md is a plan file that reads without problems.
TEST(PlanFileRightsTest, TheFormatDocumentsCompleteExampleReads) {
  std::ifstream in(std::string(WAYMARK_SOURCE_DIR) + "/docs/plan-format.md");
  ASSERT_TRUE(in.good());
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = doc.str();
  const auto heading = text.find("## A complete example");
  ASSERT_NE(heading, std::string::npos);
  const auto start = text.find("```toml\n", heading);
  ASSERT_NE(start, std::string::npos);
  const auto end = text.find("```", start + 8);
  ASSERT_NE(end, std::string::npos);
  const auto report = ParsePlanText(text.substr(start + 8, end - start - 8), "plan-format.md");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  EXPECT_EQ(report.plan->badges.size(), 2u);
  EXPECT_EQ(ActionsForBadge(*report.plan, "health").size(), 1u);
  EXPECT_EQ(ActionsForPrinciple(*report.plan, "participation").size(), 1u);
}

}  // namespace
}  // namespace waymark::ingest
