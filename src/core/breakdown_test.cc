// Tests of the breakdown dimensions: names, and which group a figure belongs to.
#include "core/breakdown.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

TEST(DimensionKindTest, NamesRoundTrip) {
  for (DimensionKind kind :
       {DimensionKind::kSex, DimensionKind::kAge, DimensionKind::kDeprivation,
        DimensionKind::kSocialCareGroup, DimensionKind::kDisadvantage, DimensionKind::kSend,
        DimensionKind::kEthnicity, DimensionKind::kWard}) {
    EXPECT_EQ(ParseDimensionKind(DimensionKindName(kind)), kind);
    EXPECT_FALSE(DimensionKindLabel(kind).empty());
  }
  EXPECT_EQ(ParseDimensionKind("social-care-group"), DimensionKind::kSocialCareGroup);
  EXPECT_EQ(ParseDimensionKind("Social care group"), std::nullopt);
  EXPECT_EQ(ParseDimensionKind(""), std::nullopt);
  EXPECT_FALSE(UsesCategoryType(DimensionKind::kSex));
  EXPECT_FALSE(UsesCategoryType(DimensionKind::kAge));
  EXPECT_TRUE(UsesCategoryType(DimensionKind::kDeprivation));
}

BreakdownDimension Deciles() {
  BreakdownDimension d;
  d.kind = DimensionKind::kDeprivation;
  d.category_types = {"County & UA deciles (4/21)", "County & UA deciles (4/23)"};
  d.categories = {"Most deprived decile", "Second most deprived decile", "Least deprived decile"};
  d.comparison = "Least deprived decile";
  return d;
}

Breakdown Category(std::string type, std::string category) {
  Breakdown b;
  b.category_type = std::move(type);
  b.category = std::move(category);
  return b;
}

TEST(GroupOfTest, CategoryTypesOfEveryEditionCount) {
  const BreakdownDimension d = Deciles();
  EXPECT_EQ(GroupOf(d, Category("County & UA deciles (4/21)", "Most deprived decile")),
            "Most deprived decile");
  EXPECT_EQ(GroupOf(d, Category("County & UA deciles (4/23)", "Least deprived decile")),
            "Least deprived decile");
  // Another classification with the same category names is another dimension.
  EXPECT_EQ(GroupOf(d, Category("District & UA deciles (4/23)", "Most deprived decile")),
            std::nullopt);
  // A group the dimension does not list is not one of its groups.
  EXPECT_EQ(GroupOf(d, Category("County & UA deciles (4/23)", "Fifth less deprived decile")),
            std::nullopt);
  EXPECT_EQ(GroupOf(d, Breakdown{}), std::nullopt);
}

TEST(GroupOfTest, WithoutListedGroupsAnyCategoryOfTheTypeCounts) {
  BreakdownDimension d;
  d.kind = DimensionKind::kSocialCareGroup;
  d.category_types = {"Social care group"};
  EXPECT_EQ(GroupOf(d, Category("Social care group", "CLA 12 months at 31 March")),
            "CLA 12 months at 31 March");
  EXPECT_EQ(GroupOf(d, Category("Social care group", "")), std::nullopt);
}

TEST(GroupOfTest, SexIsAFieldOfEveryFigure) {
  BreakdownDimension d;
  d.kind = DimensionKind::kSex;
  d.comparison = "Female";
  Breakdown male;
  male.sex = "Male";
  EXPECT_EQ(GroupOf(d, male), "Male");
  EXPECT_EQ(GroupOf(d, Breakdown{}), std::nullopt);  // persons: the whole population
  Breakdown male_in_decile = Category("County & UA deciles (4/23)", "Most deprived decile");
  male_in_decile.sex = "Male";
  EXPECT_EQ(GroupOf(d, male_in_decile), std::nullopt);  // a decile's figure, not a sex group
}

TEST(GroupOfTest, AgeBandsForPersonsOnly) {
  BreakdownDimension d;
  d.kind = DimensionKind::kAge;
  d.categories = {"0-4 yrs", "5-9 yrs"};
  Breakdown young;
  young.age = "0-4 yrs";
  EXPECT_EQ(GroupOf(d, young), "0-4 yrs");
  young.sex = "Female";
  EXPECT_EQ(GroupOf(d, young), std::nullopt);
  Breakdown all;
  all.age = "<15 yrs";  // the indicator's own age band, not one of the listed groups
  EXPECT_EQ(GroupOf(d, all), std::nullopt);
}

TEST(GroupRankTest, PositionInTheListedOrder) {
  const BreakdownDimension d = Deciles();
  EXPECT_EQ(GroupRank(d, "Most deprived decile"), 0);
  EXPECT_EQ(GroupRank(d, "Least deprived decile"), 2);
  EXPECT_EQ(GroupRank(d, "Fifth less deprived decile"), std::nullopt);
}

}  // namespace
}  // namespace waymark
