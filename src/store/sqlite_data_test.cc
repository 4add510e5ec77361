// Tests of the SQLite store's data side: areas, the catalogue and assessments (observations are
// tested in sqlite_figures_test.cc).
#include <gtest/gtest.h>

#include "store/fresh_store_fixture.h"

namespace waymark::store {
namespace {

using SqliteDataTest = FreshStoreTest;

TEST_F(SqliteDataTest, AreasAndGroupsRoundTrip) {
  const std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                                   {"E09000003", "Barnet", AreaType::kCouncil, "E92000001", "302"}};
  const std::vector<ComparatorGroup> groups = {{"sn-2025-E09000003", "SN", "E09000003", {"E92000001"}}};
  ASSERT_TRUE(store_->SaveAreas(areas, groups).has_value());
  ASSERT_TRUE(store_->SaveAreas(areas, groups).has_value());  // idempotent
  EXPECT_EQ(*store_->ListAreas(), (std::vector<Area>{areas[1], areas[0]}));
  EXPECT_EQ(*store_->ListComparatorGroups(), groups);
}

TEST_F(SqliteDataTest, IndicatorsAreUpdatedInPlace) {
  Indicator i;
  i.id = "p";
  i.title = "First";
  i.targets.push_back({"E09000003", "2024", 1.5, "2020", 3.0});
  ASSERT_TRUE(store_->SaveIndicators({i}, 0).has_value());
  i.title = "Second";
  ASSERT_TRUE(store_->SaveIndicators({i}, 1).has_value());
  const auto list = *store_->ListIndicators();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0], i);
}

TEST_F(SqliteDataTest, AssessmentsAreReplacedWhole) {
  Assessment a;
  a.indicator = "p";
  a.area = "E09000003";
  a.period = *ParsePeriod("2023/24");
  a.value = 1.5;
  a.vs_england = "Better";
  a.quintile = 2;
  a.rag = "green";
  ASSERT_TRUE(store_->SaveAssessments({a, a}).has_value());
  ASSERT_TRUE(store_->SaveAssessments({a}).has_value());
  const auto list = *store_->ListAssessments("p", "E09000003");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].period.Label(), "2023/24");
  EXPECT_EQ(list[0].vs_england, "Better");
  EXPECT_EQ(list[0].quintile, 2);
  EXPECT_TRUE(std::isnan(list[0].lower95));
  EXPECT_TRUE(store_->ListAssessments("q", "")->empty());
}

}  // namespace
}  // namespace waymark::store
