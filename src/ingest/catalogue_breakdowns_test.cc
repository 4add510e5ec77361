// Tests of the breakdowns a catalogue declares ([[indicators.breakdowns]]): reading, the JSON
// round trip, and every refusal with its position.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/catalogue_file.h"
#include "ingest/indicator_json.h"
#include "ingest/ingest_test_util.h"

namespace waymark::ingest {
namespace {

using testing::CatalogueProblems;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Replace;

// An EES indicator read by social care group, and a Fingertips one by sex and by decile.
constexpr std::string_view kCatalogue = R"toml([[indicators]]
id = "pa-social-care"
title = "Persistent absence by social care group"
value_type = "proportion"
unit = "%"
polarity = "low"
method = "wilson"

  [indicators.source]
  format = "ees"
  code = "absence_la"
  value_column = "pt_pupils_pa_10_exact"
  filters = { phase_type_grouping = "Total" }

  [[indicators.breakdowns]]
  kind = "social-care-group"
  category_types = ["Social care group"]
  categories = ["CINO at 31 March", "CPPO at 31 March", "CLA 12 months at 31 March"]
  comparison = "CINO at 31 March"
  column = "social_care_group"

[[indicators]]
id = "injuries"
title = "Injury admissions"
value_type = "rate"
polarity = "low"

  [indicators.source]
  format = "fingertips"
  code = "90284"

  [[indicators.breakdowns]]
  kind = "sex"
  comparison = "Female"

  [[indicators.breakdowns]]
  kind = "deprivation"
  label = "Deprivation decile (County & UA)"
  category_types = ["County deciles (4/21)", "County deciles (4/23)"]
  categories = ["Most deprived", "Middle", "Least deprived"]
  comparison = "Least deprived"
  geography = "County & UA"
)toml";

TEST(CatalogueBreakdownsTest, ReadsEachDimension) {
  const auto report = ParseCatalogueText(kCatalogue, "c.toml", nullptr);
  ASSERT_TRUE(report.ok()) << report.problems[0].ToString();
  const Indicator& pa = report.indicators->at(0);
  ASSERT_EQ(pa.breakdowns.size(), 1u);
  EXPECT_EQ(pa.breakdowns[0].kind, DimensionKind::kSocialCareGroup);
  EXPECT_EQ(pa.breakdowns[0].label, "Social care group");  // the kind's own name
  EXPECT_EQ(pa.breakdowns[0].column, "social_care_group");
  EXPECT_EQ(pa.breakdowns[0].comparison, "CINO at 31 March");
  const Indicator& injuries = report.indicators->at(1);
  ASSERT_EQ(injuries.breakdowns.size(), 2u);
  EXPECT_EQ(injuries.breakdowns[0].kind, DimensionKind::kSex);
  EXPECT_EQ(injuries.breakdowns[0].label, "Sex");
  EXPECT_TRUE(injuries.breakdowns[0].category_types.empty());
  const BreakdownDimension& deciles = injuries.breakdowns[1];
  EXPECT_EQ(deciles.label, "Deprivation decile (County & UA)");
  EXPECT_THAT(deciles.category_types, ElementsAre("County deciles (4/21)", "County deciles (4/23)"));
  EXPECT_THAT(deciles.categories, ElementsAre("Most deprived", "Middle", "Least deprived"));
  EXPECT_EQ(deciles.geography, "County & UA");
}

TEST(CatalogueBreakdownsTest, JsonRoundTrip) {
  const auto report = ParseCatalogueText(kCatalogue, "c.toml", nullptr);
  ASSERT_TRUE(report.ok());
  for (const Indicator& ind : *report.indicators) {
    const auto back = IndicatorFromJson(nlohmann::json::parse(IndicatorToJson(ind).dump()));
    ASSERT_TRUE(back.has_value()) << back.error().ToString();
    EXPECT_EQ(*back, ind);
  }
  // An indicator stored before breakdowns were declared reads as having none.
  nlohmann::json old = IndicatorToJson(report.indicators->at(1));
  old.erase("breakdowns");
  const auto back = IndicatorFromJson(old);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(back->breakdowns.empty());
  // A damaged entry is an error, not a guess.
  nlohmann::json damaged = IndicatorToJson(report.indicators->at(1));
  damaged["breakdowns"][0]["kind"] = "shoe-size";
  EXPECT_FALSE(IndicatorFromJson(damaged).has_value());
}

TEST(CatalogueBreakdownsTest, RefusesBadKindsAndMissingFields) {
  EXPECT_THAT(
      CatalogueProblems(Replace(std::string(kCatalogue), R"(kind = "sex")", R"(kind = "gender")")),
      ElementsAre(HasSubstr("c.toml:33:10: 'kind' in breakdown of indicator 'injuries' "
                            "is 'gender'; expected one of: sex, age, deprivation")));
  EXPECT_THAT(CatalogueProblems(Replace(std::string(kCatalogue), R"(comparison = "Female")", "")),
              ElementsAre(HasSubstr("'comparison'")));
  // Sex is a field of every figure, not a category type.
  EXPECT_THAT(CatalogueProblems(Replace(std::string(kCatalogue), R"(comparison = "Female")",
                                        R"(comparison = "Female"
  category_types = ["Sex"])")),
              ElementsAre(HasSubstr("'category_types' in breakdown of indicator 'injuries' is "
                                    "not for kind 'sex'")));
  // Other kinds need the category types they cover.
  EXPECT_THAT(CatalogueProblems(Replace(std::string(kCatalogue),
                                        R"(category_types = ["Social care group"])", "")),
              ElementsAre(HasSubstr("needs 'category_types' for kind 'social-care-group'"),
                          HasSubstr("'column' in breakdown of indicator 'pa-social-care' needs "
                                    "exactly one of 'category_types'")));
}

TEST(CatalogueBreakdownsTest, RefusesInconsistentGroups) {
  const std::string text(kCatalogue);
  EXPECT_THAT(CatalogueProblems(Replace(text, R"(comparison = "Least deprived")",
                                        R"(comparison = "Least deprived decile")")),
              ElementsAre(HasSubstr("c.toml:41:16: comparison 'Least deprived decile' in "
                                    "breakdown of indicator 'injuries' is not one of its "
                                    "categories")));
  EXPECT_THAT(CatalogueProblems(
                  Replace(text, R"(categories = ["Most deprived", "Middle", "Least deprived"])",
                          R"(categories = ["Least deprived"])")),
              ElementsAre(HasSubstr("needs 'categories', its groups in order (at least two)")));
  EXPECT_THAT(
      CatalogueProblems(Replace(text, R"("Most deprived", "Middle")", R"("Middle", "Middle")")),
      ElementsAre(HasSubstr("'categories' in breakdown of indicator 'injuries' names "
                            "'Middle' twice")));
  EXPECT_THAT(CatalogueProblems(Replace(text, R"(kind = "social-care-group")",
                                        R"(kind = "social-care-group"
  geography = "LA")")),
              ElementsAre(HasSubstr("'geography' in breakdown of indicator 'pa-social-care' is "
                                    "only for kind 'deprivation'")));
  // Two breakdowns with one label cannot be told apart on the pages.
  EXPECT_THAT(CatalogueProblems(Replace(text, R"x(label = "Deprivation decile (County & UA)")x",
                                        R"(label = "Sex")")),
              ElementsAre(HasSubstr("has two breakdowns labelled 'Sex'")));
}

TEST(CatalogueBreakdownsTest, ColumnsAreForEesSourcesOnly) {
  const std::string text(kCatalogue);
  EXPECT_THAT(CatalogueProblems(Replace(text, R"(geography = "County & UA")",
                                        R"(geography = "County & UA"
  column = "decile")")),
              ElementsAre(HasSubstr("'column' in breakdown of indicator 'injuries' is only for "
                                    "EES sources")));
  EXPECT_THAT(CatalogueProblems(Replace(text, R"(filters = { phase_type_grouping = "Total" })",
                                        R"(filters = { social_care_group = "CINO at 31 March" })")),
              ElementsAre(HasSubstr("column 'social_care_group' in breakdown of indicator "
                                    "'pa-social-care' is also a filter of the source")));
  EXPECT_THAT(CatalogueProblems(Replace(text, R"(column = "social_care_group")",
                                        R"(column = "social_care_group"

  [[indicators.breakdowns]]
  kind = "send"
  category_types = ["SEN provision"]
  comparison = "No identified SEN"
  column = "sen_provision")")),
              ElementsAre(HasSubstr("reads a second 'column'")));
}

}  // namespace
}  // namespace waymark::ingest
