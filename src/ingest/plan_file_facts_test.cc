// Tests of facts as data in the plan file: a number with its unit, period, area, comparators,
// source and catalogue indicator (read, written back, in JSON), every rule at its position,
// cross-cutting priorities (`across`) and the plan's ambition; and the example plans' facts.
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
using ::testing::HasSubstr;
using testing::Problems;

const std::string kFactsExamples = std::string(WAYMARK_SOURCE_DIR) + "/examples/";

constexpr std::string_view kFactsPlan = R"([plan]
id = "facts-plan"
title = "Plan"
organisation = "Test Council"
ambition = "The best place to raise a child"

[[facts]]
label = "Secondary pupils eligible for free school meals"
value = 13.1
unit = "percent"
period = "2016"
area = "E09000003"
comparators = [{ area = "E92000001", value = 13.2 }, { area = "E12000007", value = 12 }]
source = "School census"
indicator = "fsm-eligible-secondary"
detail = "Children's households comparison"

[[facts]]
label = "Ranking for progress"
value = 2
unit = "rank"

[[facts]]
label = "Ranking in words"
value = "second highest"

[[facts]]
label = "A figure the source does not pair with its label"
area = "E09000003"

[[outcomes]]
id = "safe"
title = "Safe"

[[outcomes]]
id = "healthy"
title = "Healthy"

[[outcomes]]
id = "early-help"
title = "Early help"
kind = "priority"
across = ["safe", "healthy"]
)";

// `text` with `from` replaced by `to` (which must be there).
std::string With(std::string_view from, std::string_view to) {
  std::string text(kFactsPlan);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(PlanFileFactsTest, AFactIsReadAsData) {
  const auto report = ParsePlanText(kFactsPlan, "p.toml");
  ASSERT_TRUE(report.ok()) << report.problems.at(0).ToString();
  const Plan& plan = *report.plan;
  EXPECT_EQ(plan.ambition, "The best place to raise a child");
  ASSERT_EQ(plan.facts.size(), 4u);
  const Fact& fsm = plan.facts[0];
  EXPECT_EQ(fsm.figure, 13.1);
  EXPECT_EQ(fsm.unit, FactUnit::kPercent);
  EXPECT_EQ(fsm.value, "");
  EXPECT_EQ(fsm.period, "2016");
  EXPECT_EQ(fsm.area, "E09000003");
  EXPECT_THAT(fsm.comparators, ElementsAre(FactComparator{"E92000001", 13.2},
                                           FactComparator{"E12000007", 12}));
  EXPECT_EQ(fsm.source, "School census");
  EXPECT_EQ(fsm.indicator, "fsm-eligible-secondary");
  EXPECT_EQ(FactValueText(fsm), "13.1%");
  EXPECT_EQ(FactValueText(plan.facts[1]), "2nd");
  EXPECT_EQ(FactValueText(plan.facts[2]), "second highest");
  EXPECT_FALSE(plan.facts[3].figure.has_value());
  EXPECT_EQ(FactValueText(plan.facts[3]), "not stated");
  EXPECT_THAT(plan.outcomes[2].across, ElementsAre("safe", "healthy"));
  EXPECT_TRUE(plan.outcomes[0].across.empty());
}

TEST(PlanFileFactsTest, FactsAmbitionAndAcrossRoundTripThroughTheFileAndShowInJson) {
  const Plan plan = *ParsePlanText(kFactsPlan, "p.toml").plan;
  const std::string exported = WritePlanToml(plan);
  EXPECT_THAT(exported, HasSubstr("comparators = [{ area = \"E92000001\", value = 13.2 }, "
                                  "{ area = \"E12000007\", value = 12 }]"));
  const auto again = ParsePlanText(exported, "export.toml");
  ASSERT_TRUE(again.ok()) << again.problems.at(0).ToString();
  EXPECT_EQ(*again.plan, plan);
  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["ambition"], "The best place to raise a child");
  EXPECT_EQ(json["facts"][0]["value"], "13.1%");
  EXPECT_EQ(json["facts"][0]["figure"], 13.1);
  EXPECT_EQ(json["facts"][0]["unit"], "percent");
  EXPECT_EQ(json["facts"][0]["comparators"][0]["area"], "E92000001");
  EXPECT_EQ(json["facts"][0]["comparators"][0]["figure"], 13.2);
  EXPECT_EQ(json["facts"][0]["indicator"], "fsm-eligible-secondary");
  EXPECT_EQ(json["facts"][2]["figure"], nullptr);
  EXPECT_EQ(json["facts"][3]["stated"], false);
  EXPECT_EQ(json["facts"][3]["value"], "not stated");
  EXPECT_EQ(json["outcomes"][2]["across"], nlohmann::json({"safe", "healthy"}));
}

TEST(PlanFileFactsTest, EachBadFactIsReportedAtItsPosition) {
  EXPECT_THAT(Problems(With("value = 2\nunit = \"rank\"", "value = 2")),
              ElementsAre("p.toml:20:9: the value of [[facts]] is a number, so it needs a "
                          "'unit' (percent, number or rank)"));
  EXPECT_THAT(Problems(With("value = \"second highest\"", "value = \"second\"\nunit = \"rank\"")),
              ElementsAre("p.toml:26:8: [[facts]] has a 'unit' but its 'value' is not a number: "
                          "give the figure, or drop the unit"));
  EXPECT_THAT(Problems(With("unit = \"rank\"", "unit = \"place\"")),
              ElementsAre("p.toml:21:8: 'unit' in [[facts]] is 'place'; expected one of: "
                          "percent, number, rank"));
  EXPECT_THAT(Problems(With("area = \"E09000003\"\ncomparators", "area = \"Barnet\"\ncomparators")),
              ElementsAre("p.toml:12:8: 'area' in [[facts]] must be an area code such as "
                          "E09000003 (a capital letter and eight digits); 'Barnet' is not",
                          "p.toml:15:13: [[facts]] names indicator 'fsm-eligible-secondary' to "
                          "be checked against, so it needs a number 'value' with its 'unit' and "
                          "the 'area' it is for"));
  EXPECT_THAT(Problems(With("{ area = \"E12000007\", value = 12 }",
                            "{ area = \"E92000001\", value = 12 }")),
              ElementsAre("p.toml:13:63: [[facts]] compares with area E92000001 twice"));
  EXPECT_THAT(Problems(With("{ area = \"E12000007\", value = 12 }",
                            "{ area = \"E09000003\", value = 12 }")),
              ElementsAre("p.toml:13:63: [[facts]] compares area E09000003 with itself"));
  EXPECT_THAT(Problems(With("value = 12 }", "figure = 12 }")),
              ElementsAre("p.toml:13:54: comparator of [[facts]] is missing required key "
                          "'value'",
                          "p.toml:13:76: unknown key 'figure' in comparator of [[facts]] "
                          "(allowed: area, value)"));
  EXPECT_THAT(Problems(With("indicator = \"fsm-eligible-secondary\"", "indicator = \"FSM!\"")),
              ElementsAre("p.toml:15:13: 'indicator' in [[facts]] must be the id of an "
                          "indicator of the catalogue; 'FSM!' is not a valid id"));
}

TEST(PlanFileFactsTest, AFactWithComparatorsOrAnIndicatorNeedsAFigure) {
  const std::string words = With("value = 13.1\nunit = \"percent\"", "value = \"about 13%\"");
  EXPECT_THAT(Problems(words),
              ElementsAre("p.toml:12:15: [[facts]] has comparators, so its 'value' must be a "
                          "number with a 'unit'",
                          "p.toml:14:13: [[facts]] names indicator 'fsm-eligible-secondary' to "
                          "be checked against, so it needs a number 'value' with its 'unit' and "
                          "the 'area' it is for"));
}

TEST(PlanFileFactsTest, OnlyAPriorityRunsAcrossOtherOutcomes) {
  EXPECT_THAT(Problems(With("title = \"Healthy\"\n", "title = \"Healthy\"\nacross = [\"safe\"]\n")),
              ElementsAre("p.toml:38:10: outcome 'healthy' names the outcomes it runs 'across', "
                          "which only a cross-cutting priority (kind = \"priority\") does"));
  EXPECT_THAT(Problems(With("across = [\"safe\", \"healthy\"]", "across = [\"safe\", \"early-help\"]")),
              ElementsAre("p.toml:43:19: priority 'early-help' cannot run across itself"));
  EXPECT_THAT(Problems(With("across = [\"safe\", \"healthy\"]", "across = [\"safe\", \"gone\"]")),
              ElementsAre("p.toml:43:19: outcome 'early-help' names unknown outcome 'gone'"));
  const std::string two = std::string(kFactsPlan) +
                          "\n[[outcomes]]\nid = \"voice\"\ntitle = \"Voice\"\nkind = \"priority\"\n"
                          "across = [\"early-help\"]\n";
  EXPECT_THAT(Problems(two), ElementsAre("p.toml:49:11: priority 'voice' runs across "
                                         "'early-help', another priority: name the outcomes both "
                                         "run across"));
}

// Every example plan's facts survive the file round trip; the 2019-23 plan's households
// comparison keeps the two measures paired on evidence and the five it cannot pair.
TEST(PlanFileFactsTest, ExamplePlansKeepTheirFactsAsData) {
  for (const char* folder : {"barnet-2019-23", "barnet-2019-23-draft", "barnet-2013-16",
                             "barnet-current"}) {
    const auto report = ReadPlanFile(kFactsExamples + folder + "/plan.toml");
    ASSERT_TRUE(report.ok()) << folder;
    const auto again = ParsePlanText(WritePlanToml(*report.plan), "again.toml");
    ASSERT_TRUE(again.ok()) << folder << ": " << again.problems.at(0).ToString();
    EXPECT_EQ(*again.plan, *report.plan) << folder;
  }
  const Plan plan = *ReadPlanFile(kFactsExamples + "barnet-2019-23/plan.toml").plan;
  const auto find = [&](std::string_view label) -> const Fact* {
    for (const Fact& f : plan.facts) {
      if (f.label == label) return &f;
    }
    return nullptr;
  };
  const Fact* fsm = find("Free school meals: secondary");
  ASSERT_NE(fsm, nullptr);
  EXPECT_EQ(fsm->figure, 13.1);
  EXPECT_THAT(fsm->comparators, ElementsAre(FactComparator{"E92000001", 13.2}));
  EXPECT_EQ(fsm->indicator, "fsm-eligible-secondary");
  EXPECT_EQ(fsm->period, "");  // the plan states none
  const Fact* breastfeeding = find("Mothers initiating breastfeeding");
  ASSERT_NE(breastfeeding, nullptr);
  EXPECT_EQ(breastfeeding->figure, 90.9);
  EXPECT_THAT(breastfeeding->comparators, ElementsAre(FactComparator{"E92000001", 74.5}));
  int not_stated = 0;
  for (const Fact& f : plan.facts) not_stated += FactValueText(f) == "not stated" ? 1 : 0;
  EXPECT_EQ(not_stated, 5);
  const Fact& bme = *find("Children and young people from Black and Minority Ethnic groups");
  EXPECT_EQ(bme.figure, 52);
  EXPECT_THAT(bme.comparators, ElementsAre(FactComparator{"E92000001", 30}));
}

}  // namespace
}  // namespace waymark::ingest
