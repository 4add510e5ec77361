// Tests of the SQLite store's data side: areas, the catalogue, observation imports with their
// revisions and all-or-nothing transactions, and assessments.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "store/schema.h"
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

TEST_F(SqliteDataTest, ReimportComparesMissingFiguresAndTheirReasons) {
  Observation suppressed = Obs("E09000003", "2023", kNoValue);
  suppressed.missing_reason = "c";
  ASSERT_TRUE(ImportAll({suppressed, Obs("E09000003", "2022", 25)}, 100));
  auto same = ImportAll({suppressed, Obs("E09000003", "2022", 25)}, 200);
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->unchanged, 2u);
  EXPECT_EQ(same->revised, 0u);
  suppressed.missing_reason = "x";
  Observation counted = Obs("E09000003", "2022", 25);
  counted.count = 4;
  auto other = ImportAll({suppressed, counted}, 300);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->unchanged, 0u);
  EXPECT_EQ(other->revised, 2u);
  auto& db = static_cast<SqliteStore&>(*store_).db();
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observation_revisions WHERE missing_reason = 'c' "
                         "AND value IS NULL AND replaced_by_import = 3"), 1);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observations WHERE import_id = 3"), 2);
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

TEST_F(SqliteDataTest, RepeatsAndConflictsInASeriesThatAlreadyHadFigures) {
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2022", 25)}, 100));
  auto batch = *store_->BeginObservationImport({"g.csv", "csv", "analyst", 200});
  ASSERT_TRUE(batch->Add(Obs("E09000003", "2023", 30)).has_value());
  ASSERT_TRUE(batch->Add(Obs("E09000003", "2023", 30)).has_value());
  auto conflict = batch->Add(Obs("E09000003", "2023", 29));
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, ErrorCode::kValidation);
  auto stats = batch->Commit(3);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->inserted, 1u);
  EXPECT_EQ(stats->repeated, 1u);
}

// Imports turn foreign key checks off for their own transaction only.
TEST_F(SqliteDataTest, ForeignKeyChecksAreBackOnAfterAnImport) {
  auto& db = static_cast<SqliteStore&>(*store_).db();
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30)}, 100));
  EXPECT_EQ(*db.QueryInt("PRAGMA foreign_keys"), 1);
  {
    auto batch = *store_->BeginObservationImport({"f.csv", "csv", "analyst", 0});
    EXPECT_EQ(*db.QueryInt("PRAGMA foreign_keys"), 0);
  }  // rolled back
  EXPECT_EQ(*db.QueryInt("PRAGMA foreign_keys"), 1);
  EXPECT_FALSE(db.Exec("INSERT INTO observation_revisions (series_id, period_key, import_id, "
                       "source_row, replaced_by_import, missing_reason) VALUES (99, 1, 1, 1, 1, "
                       "'')").has_value());
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

// A database written by schema version 3, 4 or 5 (observations with their own ids, revisions
// pointing at those ids) opens, is migrated, keeps every figure, provenance and revision, and
// takes further imports.
class SqliteDataMigrationTest : public ::testing::TestWithParam<int> {};

TEST_P(SqliteDataMigrationTest, AnOlderDatabaseUpgrades) {
  const int from = GetParam();
  TempDir dir;
  const std::string path = dir.File("old.db");
  {
    auto db = Db::Open(path, Db::Mode::kCreate);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON").has_value());
    for (int i = 0; i < from; ++i) ASSERT_TRUE(db->Exec(SqliteMigrations()[i]).has_value());
    ASSERT_TRUE(db->Exec(fmt::format("PRAGMA user_version = {}", from)).has_value());
    ASSERT_TRUE(db->Exec(R"sql(
      INSERT INTO imports (id, file, format, imported_at, imported_by)
        VALUES (1, 'a.csv', 'csv', '2024-01-01T00:00:00Z', 'analyst'),
               (2, 'b.csv', 'csv', '2024-02-01T00:00:00Z', 'analyst');
      INSERT INTO series VALUES (5, 'p', 'E09000003', '', '', '', '');
      INSERT INTO observations (id, series_id, period_key, period, value, count, denominator,
        missing_reason, note, published_trend, published_vs_england, published_vs_region,
        import_id, source_row)
        VALUES (40, 5, 24288012, '2023', 31, 3, 10, '', 'revised', '', '', '', 2, 7),
               (41, 5, 24276012, '2022', NULL, NULL, NULL, 'c', '', '', '', '', 1, 3);
      INSERT INTO observation_revisions (observation_id, import_id, source_row,
        replaced_by_import, value, count, denominator, missing_reason)
        VALUES (40, 1, 2, 2, 30, 3, 10, '');
    )sql").has_value());
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  auto& db = static_cast<SqliteStore&>(store).db();
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observation_revisions WHERE series_id = 5 AND "
                         "period_key = 24288012 AND value = 30 AND replaced_by_import = 2"), 1);
  auto all = *store.LoadObservations("p");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].missing_reason, "c");
  EXPECT_EQ(all[0].source_row, 3);
  EXPECT_DOUBLE_EQ(all[1].value, 31);
  EXPECT_EQ(all[1].note, "revised");
  EXPECT_EQ(all[1].source_row, 7);

  Observation o = all[1];
  o.value = 32;
  auto batch = store.BeginObservationImport({"c.csv", "csv", "analyst", 0});
  ASSERT_TRUE(batch.has_value());
  ASSERT_TRUE((*batch)->Add(o).has_value());
  auto stats = (*batch)->Commit(1);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->revised, 1u);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observation_revisions"), 2);
  EXPECT_EQ(*db.QueryInt("SELECT value FROM observation_revisions WHERE replaced_by_import = 3"),
            31);
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

INSTANTIATE_TEST_SUITE_P(FromVersions, SqliteDataMigrationTest, ::testing::Values(3, 4, 5));

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
