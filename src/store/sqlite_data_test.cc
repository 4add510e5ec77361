// Tests of the SQLite store's data side: areas, the catalogue, observation imports with their
// revisions and all-or-nothing transactions, and assessments.
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "store/sqlite_store.h"

namespace waymark::store {
namespace {

class SqliteDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(dir_.File("w.db"), OpenMode::kCreate);
    ASSERT_TRUE(s.has_value());
    store_ = std::move(*s);
  }
  void TearDown() override { EXPECT_TRUE(store_->CheckIntegrity().has_value()); }

  static Observation Obs(const std::string& area, const std::string& period, double value) {
    Observation o;
    o.indicator = "p";
    o.area = area;
    o.period = *ParsePeriod(period);
    o.value = value;
    o.count = 3;
    o.denominator = 10;
    return o;
  }

  Result<ObservationImportStats> ImportAll(const std::vector<Observation>& rows, std::int64_t now) {
    WAYMARK_ASSIGN_OR_RETURN(auto batch, store_->BeginObservationImport({"f.csv", "csv", "analyst", now}));
    for (const auto& o : rows) WAYMARK_TRY(batch->Add(o));
    return batch->Commit(rows.size());
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

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

TEST_F(SqliteDataTest, ReimportKeepsRevisionsAndCountsUnchanged) {
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30), Obs("E09000003", "2022", 25)}, 100));
  auto second = ImportAll({Obs("E09000003", "2023", 31), Obs("E09000003", "2022", 25),
                           Obs("E09000003", "2024", 20)}, 200);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->inserted, 1u);
  EXPECT_EQ(second->revised, 1u);
  EXPECT_EQ(second->unchanged, 1u);
  const auto all = *store_->LoadObservations("p");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].period.Label(), "2022");  // ordered by period
  EXPECT_DOUBLE_EQ(all[1].value, 31);
  auto& db = static_cast<SqliteStore&>(*store_).db();
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observation_revisions WHERE value = 30"), 1);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM imports"), 2);
}

TEST_F(SqliteDataTest, RepeatedRowsAreCountedAndConflictingOnesRefused) {
  auto batch = *store_->BeginObservationImport({"f.csv", "csv", "analyst", 0});
  ASSERT_TRUE(batch->Add(Obs("E09000003", "2023", 30)).has_value());
  ASSERT_TRUE(batch->Add(Obs("E09000003", "2023", 30)).has_value());
  auto conflict = batch->Add(Obs("E09000003", "2023", 31));
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, ErrorCode::kValidation);
  EXPECT_NE(conflict.error().message.find("conflicting duplicate row"), std::string::npos);
  auto stats = batch->Commit(3);
  EXPECT_EQ(stats->repeated, 1u);
}

TEST_F(SqliteDataTest, AnImportThatIsNotCommittedLeavesNothing) {
  {
    auto batch = *store_->BeginObservationImport({"f.csv", "csv", "analyst", 0});
    ASSERT_TRUE(batch->Add(Obs("E09000003", "2023", 30)).has_value());
  }  // dropped without Commit: rolled back
  EXPECT_EQ(*store_->CountObservations(), 0u);
  auto& db = static_cast<SqliteStore&>(*store_).db();
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM imports"), 0);
}

TEST_F(SqliteDataTest, MissingNumbersStayMissing) {
  Observation o = Obs("E09000003", "2023", kNoValue);
  o.count = kNoValue;
  o.missing_reason = "c";
  ASSERT_TRUE(ImportAll({o}, 0));
  const auto back = store_->LoadObservations("")->at(0);
  EXPECT_TRUE(std::isnan(back.value));
  EXPECT_TRUE(std::isnan(back.count));
  EXPECT_EQ(back.missing_reason, "c");
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
