// Tests of indicator catalogue files: the Barnet catalogue against its plan, the JSON round
// trip, and bad input with positions.
#include "ingest/catalogue_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/indicator_json.h"
#include "ingest/ingest_test_util.h"
#include "ingest/plan_file.h"

namespace waymark::ingest {
namespace {

using testing::CatalogueProblems;
using ::testing::HasSubstr;
using testing::kExample;
using testing::Replace;

constexpr std::string_view kOne = R"([catalogue]
plan = "barnet-2019-23"

[[indicators]]
id = "neet-16-17"
title = "16-17 year olds NEET"
value_type = "proportion"
unit = "%"
polarity = "low"
method = "wilson"
outcomes = ["education-and-learning"]

  [indicators.source]
  format = "lait"
  code = "16-17 NEET"

  [[indicators.targets]]
  area = "E09000003"
  period = "2024"
  value = 0.5
)";

TEST(CatalogueFileTest, BarnetCatalogueLinksToItsPlan) {
  const auto plan = ReadPlanFile(kExample + "plan.toml");
  ASSERT_TRUE(plan.ok());
  const auto report = ReadCatalogueFile(kExample + "indicators.toml", &*plan.plan);
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  EXPECT_GE(report.indicators->size(), 40u);
  EXPECT_EQ(report.plan, "barnet-2019-23");
  // Every outcome of the plan is served by at least one indicator.
  for (const auto& outcome : plan.plan->outcomes) {
    bool served = false;
    for (const auto& i : *report.indicators) {
      served = served || std::find(i.outcomes.begin(), i.outcomes.end(), outcome.id) != i.outcomes.end();
    }
    EXPECT_TRUE(served) << outcome.id;
  }
}

TEST(CatalogueFileTest, ReadsDefaultsAndTargets) {
  const auto report = ParseCatalogueText(kOne, "c.toml");
  ASSERT_TRUE(report.ok());
  const Indicator& i = report.indicators->at(0);
  EXPECT_DOUBLE_EQ(i.multiplier, 100);  // a proportion shown as % defaults to × 100
  EXPECT_EQ(i.polarity, Polarity::kLow);
  EXPECT_EQ(i.source.format, SourceFormat::kLait);
  ASSERT_EQ(i.targets.size(), 1u);
  EXPECT_DOUBLE_EQ(i.targets[0].value, 0.5);
  EXPECT_EQ(i.plan, "barnet-2019-23");
}

TEST(CatalogueFileTest, JsonRoundTrip) {
  const auto report = ReadCatalogueFile(kExample + "indicators.toml");
  ASSERT_TRUE(report.ok());
  for (const auto& i : *report.indicators) {
    const auto back = IndicatorFromJson(nlohmann::json::parse(IndicatorToJson(i).dump()));
    ASSERT_TRUE(back.has_value()) << i.id;
    EXPECT_EQ(*back, i) << i.id;
  }
  EXPECT_FALSE(IndicatorFromJson(nlohmann::json::object()).has_value());
}

TEST(CatalogueFileTest, LinksMustNameThePlansIds) {
  Plan plan;
  plan.id = "barnet-2019-23";
  plan.outcomes.push_back(Outcome{"safe-and-secure", "Safe", "", OutcomeKind::kOutcome, {}, {}, {}});
  EXPECT_THAT(
      CatalogueProblems(kOne, &plan),
      ::testing::ElementsAre(HasSubstr(
          "c.toml:11:13: indicator 'neet-16-17' names unknown outcome 'education-and-learning'")));
}

TEST(CatalogueFileTest, BadValues) {
  auto text = Replace(std::string(kOne), "value_type = \"proportion\"", "value_type = \"percentage\"");
  text = Replace(text, "polarity = \"low\"", "polarity = \"down\"");
  text = Replace(text, "format = \"lait\"", "format = \"xls\"");
  text = Replace(text, "period = \"2024\"", "period = \"soon\"");
  text = Replace(text, "unit = \"%\"", "unit = \"%\"\nmultiplier = -1\ncolour = \"red\"");
  EXPECT_THAT(CatalogueProblems(text, nullptr),
              ::testing::ElementsAre(
                  HasSubstr("c.toml:7:14: 'value_type' in indicator 'neet-16-17' is 'percentage'"),
                  HasSubstr("c.toml:9:14: multiplier must be positive"),
                  HasSubstr("c.toml:10:1: unknown key 'colour'"),
                  HasSubstr("c.toml:11:12: 'polarity' in indicator 'neet-16-17' is 'down'"),
                  HasSubstr("c.toml:16:12: 'format' in source of indicator 'neet-16-17' is 'xls'"),
                  HasSubstr("c.toml:21:12: period 'soon'")));
}

TEST(CatalogueFileTest, MissingSourceAndDuplicateIds) {
  std::string text = std::string(kOne) + "\n[[indicators]]\nid = \"neet-16-17\"\ntitle = \"Again\"\n"
                                         "value_type = \"count\"\npolarity = \"neutral\"\n";
  EXPECT_THAT(
      CatalogueProblems(text, nullptr),
      ::testing::ElementsAre(
          HasSubstr("c.toml:22:1: indicator 'neet-16-17' needs a [indicators.source] table"),
          HasSubstr(
              "c.toml:23:6: duplicate indicator id 'neet-16-17' (first declared at line 5)")));
}

TEST(CatalogueFileTest, LocalMeasuresNameTheirOwningPartner) {
  const std::string local =
      Replace(std::string(kOne), "outcomes = [\"education-and-learning\"]",
              "outcomes = [\"education-and-learning\"]\nlocal = true\nowner = \"schools\"");
  const auto report = ParseCatalogueText(local, "c.toml");
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  EXPECT_TRUE(report.indicators->at(0).local);
  EXPECT_EQ(report.indicators->at(0).owner, "schools");
  // Without an owner a local measure has none; a measure that is not local has none either.
  EXPECT_EQ(ParseCatalogueText(kOne, "c.toml").indicators->at(0).owner, "");

  // Checked against the plan's partners when the plan is given.
  Plan plan;
  plan.id = "barnet-2019-23";
  plan.outcomes.push_back(Outcome{"education-and-learning", "E", "", OutcomeKind::kOutcome, {}, {}, {}});
  plan.partners = {{"schools", "Schools", "education"}};
  EXPECT_TRUE(ParseCatalogueText(local, "c.toml", &plan).ok());
  plan.partners = {{"police", "Police", "police"}};
  EXPECT_THAT(CatalogueProblems(local, &plan),
              ::testing::ElementsAre(HasSubstr(
                  "c.toml:13:9: owner 'schools' in indicator 'neet-16-17' is not a partner of "
                  "plan 'barnet-2019-23'")));
}

TEST(CatalogueFileTest, OwnerOnlyForLocalMeasuresAndAsAPartnerId) {
  const std::string not_local = Replace(std::string(kOne), "outcomes = [\"education-and-learning\"]",
                                        "outcomes = []\nowner = \"schools\"");
  EXPECT_THAT(CatalogueProblems(not_local, nullptr),
              ::testing::ElementsAre(HasSubstr(
                  "c.toml:12:9: 'owner' in indicator 'neet-16-17' is only for local measures "
                  "(local = true)")));
  const std::string bad_slug = Replace(std::string(kOne), "outcomes = [\"education-and-learning\"]",
                                       "local = true\nowner = \"Schools & Co\"");
  EXPECT_THAT(CatalogueProblems(bad_slug, nullptr),
              ::testing::ElementsAre(HasSubstr(
                  "c.toml:12:9: owner 'Schools & Co' in indicator 'neet-16-17' is not a valid "
                  "partner id")));
  const std::string not_text = Replace(std::string(kOne), "outcomes = [\"education-and-learning\"]",
                                       "local = true\nowner = 7");
  EXPECT_THAT(CatalogueProblems(not_text, nullptr),
              ::testing::ElementsAre(HasSubstr("c.toml:12:9:")));
}

TEST(CatalogueFileTest, ValueOnlyReasonIsForFiguresWithoutCounts) {
  const std::string supplied = Replace(
      Replace(std::string(kOne), "method = \"wilson\"", "method = \"supplied\""),
      "outcomes = [\"education-and-learning\"]",
      "outcomes = []\nvalue_only_reason = \"LAIT gives the rate alone.\"");
  const auto good = ParseCatalogueText(supplied, "c.toml", nullptr);
  ASSERT_TRUE(good.ok()) << good.problems[0].ToString();
  EXPECT_EQ((*good.indicators)[0].value_only_reason, "LAIT gives the rate alone.");
  // With counts there is nothing to explain: the reason is refused at its position.
  const std::string wilson = Replace(std::string(kOne), "outcomes = [\"education-and-learning\"]",
                                     "outcomes = []\nvalue_only_reason = \"No counts.\"");
  EXPECT_THAT(CatalogueProblems(wilson, nullptr),
              ::testing::ElementsAre(HasSubstr(
                  "c.toml:12:21: indicator 'neet-16-17': value_only_reason is for figures "
                  "without counts (method = \"supplied\"), but its method is \"wilson\"")));
}

}  // namespace
}  // namespace waymark::ingest
