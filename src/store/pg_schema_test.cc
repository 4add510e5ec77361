// The PostgreSQL schema against the SQLite one: the same tables with the same columns in the same
// order, types mapped as pg_schema.cc says, the same nullability, indexes and triggers; and the
// migration runner's versions, its refusal of a newer database and its lock.
#include "store/pg_schema.h"

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/db.h"
#include "store/pg_test_fixture.h"
#include "store/schema.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

struct Column {
  std::string name;
  std::string type;  // in PostgreSQL's words
  bool not_null = false;
  bool operator==(const Column&) const = default;
};
using Tables = std::map<std::string, std::vector<Column>>;

std::ostream& operator<<(std::ostream& os, const Column& c) {
  return os << c.name << ' ' << c.type << (c.not_null ? " NOT NULL" : "");
}

std::string PgTypeOf(const std::string& sqlite_type) {
  if (sqlite_type == "INTEGER") return "bigint";
  if (sqlite_type == "REAL" || sqlite_type == "DOUBLE PRECISION") return "double precision";
  if (sqlite_type == "BLOB") return "bytea";
  if (sqlite_type == "TEXT") return "text";
  return "unmapped " + sqlite_type;
}

std::vector<std::string> Names(Db& db, const std::string& sql) {
  std::vector<std::string> names;
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt.has_value());
  while (stmt && *stmt->Step()) names.push_back(stmt->Text(0));
  return names;
}

std::vector<std::string> Names(pg::Connection& conn, const std::string& sql) {
  std::vector<std::string> names;
  auto stmt = conn.Prepare(sql);
  EXPECT_TRUE(stmt.has_value()) << stmt.error().message;
  while (stmt && *stmt->Step()) names.push_back(stmt->Text(0));
  return names;
}

Tables SqliteTables(Db& db) {
  Tables tables;
  for (const std::string& table : Names(
           db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    auto stmt = db.Prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)");
    stmt->Bind(1, table);
    while (*stmt->Step()) {
      // A primary key column cannot be NULL in PostgreSQL (SQLite allows it, a known quirk).
      tables[table].push_back(
          Column{stmt->Text(0), PgTypeOf(stmt->Text(1)), stmt->Int(2) != 0 || stmt->Int(3) != 0});
    }
  }
  return tables;
}

Tables PgTables(pg::Connection& conn) {
  Tables tables;
  auto stmt = conn.Prepare(
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND table_name <> 'waymark_schema' "
      "ORDER BY table_name, ordinal_position");
  EXPECT_TRUE(stmt.has_value());
  while (stmt && *stmt->Step()) {
    tables[stmt->Text(0)].push_back(Column{stmt->Text(1), stmt->Text(2), stmt->Text(3) == "NO"});
  }
  return tables;
}

std::set<std::string> AsSet(std::vector<std::string> names) { return {names.begin(), names.end()}; }

class PgSchemaTest : public pg::PgTest {
 protected:
  // The store's own handle on this test's schema, as the migrations need it.
  Db Pg() {
    auto db = Db::OpenPostgres(conninfo_, "test");
    EXPECT_TRUE(db.has_value());
    EXPECT_TRUE(db->Exec("SET search_path TO " + schema_).has_value());
    return std::move(*db);
  }
  Status Migrate() {
    Db pg = Pg();
    return MigratePostgres(pg);
  }
  // A database made by a program whose schema was the baseline, with judgements as the rows
  // `values` of the table before migration 26 (a series of indicator 'obesity').
  Status AtTheBaseline(const std::string& values) {
    WAYMARK_TRY(db().Exec(PgBaseline()));
    WAYMARK_TRY(db().Exec("CREATE TABLE waymark_schema (version BIGINT NOT NULL)"));
    WAYMARK_TRY(
        db().Exec(fmt::format("INSERT INTO waymark_schema VALUES ({})", kPgBaselineVersion)));
    return db().Exec(
        "INSERT INTO assessments (indicator_id, area_code, period, period_key, sex, age, "
        "category_type, category, value, suppressed, value_source, vs_england, vs_england_998, "
        "vs_england_2level, vs_region, vs_region_998, vs_region_2level, recent_trend, quintile, "
        "rank_london, rank_neighbours, neighbours_ranked, rag, rag_rule) VALUES " +
        values);
  }
  Db Sqlite() {
    auto db = Db::Open(":memory:", Db::Mode::kCreate);
    EXPECT_TRUE(db.has_value());
    EXPECT_TRUE(MigrateSqlite(*db).has_value());
    return std::move(*db);
  }
};

TEST_F(PgSchemaTest, TheBaselineIsTheLatestSchema) {
  EXPECT_EQ(PgProgramSchemaVersion(), static_cast<int>(SqliteMigrations().size()))
      << "a SQLite migration needs its PostgreSQL twin in PgMigrationsAfterBaseline()";
}

TEST_F(PgSchemaTest, MatchesTheSqliteSchemaTableByTable) {
  ASSERT_TRUE(Migrate().has_value());
  Db sqlite = Sqlite();
  const Tables want = SqliteTables(sqlite);
  const Tables got = PgTables(db());
  ASSERT_GT(want.size(), 40u);
  for (const auto& [table, columns] : want) {
    auto it = got.find(table);
    ASSERT_NE(it, got.end()) << "no table " << table << " in PostgreSQL";
    EXPECT_EQ(it->second, columns) << "table " << table;
  }
  EXPECT_EQ(got.size(), want.size());
}

TEST_F(PgSchemaTest, HasTheSameIndexesAndTriggers) {
  ASSERT_TRUE(Migrate().has_value());
  Db sqlite = Sqlite();
  EXPECT_EQ(AsSet(Names(db(),
                        // Not the indexes behind PRIMARY KEY and UNIQUE constraints.
                        "SELECT i.indexname FROM pg_indexes i WHERE i.schemaname = "
                        "current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE "
                        "c.conname = i.indexname AND c.connamespace = "
                        "current_schema()::regnamespace)")),
            AsSet(Names(sqlite, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS "
                                "NOT NULL")));
  EXPECT_EQ(AsSet(Names(db(), "SELECT trigger_name FROM information_schema.triggers WHERE "
                              "trigger_schema = current_schema()")),
            AsSet(Names(sqlite, "SELECT name FROM sqlite_schema WHERE type = 'trigger'")));
}

TEST_F(PgSchemaTest, TheAuditLogIsAppendOnly) {
  ASSERT_TRUE(Migrate().has_value());
  ASSERT_TRUE(db().Exec("INSERT INTO audit_log (at, actor, via, action, entity, entity_id) "
                        "VALUES ('2026-12-05T02:00:00Z', 'a', 'cli', 'create', 'user', '1')"));
  auto update = db().Exec("UPDATE audit_log SET actor = 'b'");
  ASSERT_FALSE(update.has_value());
  EXPECT_NE(update.error().message.find("append-only"), std::string::npos);
  EXPECT_FALSE(db().Exec("DELETE FROM audit_log").has_value());
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM audit_log WHERE actor = 'a'"), 1);
}

TEST_F(PgSchemaTest, MigratingAgainChangesNothingAndANewerDatabaseIsRefused) {
  EXPECT_EQ(*PgSchemaVersion(db()), 0);
  ASSERT_TRUE(Migrate().has_value());
  EXPECT_EQ(*PgSchemaVersion(db()), PgProgramSchemaVersion());
  ASSERT_TRUE(Migrate().has_value());
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM waymark_schema"), 1);
  ASSERT_TRUE(db().Exec("UPDATE waymark_schema SET version = version + 1"));
  auto newer = Migrate();
  ASSERT_FALSE(newer.has_value());
  EXPECT_EQ(newer.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(newer.error().message.find("newer than this program"), std::string::npos);
}

TEST_F(PgSchemaTest, ADatabaseAtTheBaselineIsMigratedForward) {
  // A database created by a program whose schema was the baseline, holding an indicator and two
  // judgements of one series.
  ASSERT_TRUE(AtTheBaseline(
      "('obesity', 'E09000003', '2021', 0, 'Persons', '', '', '', 21.5, 0, 'computed', 'Better', "
      "'', '', '', '', '', '', 1, 0, 0, 0, '', ''), ('obesity', 'E09000003', '2020', 0, "
      "'Persons', '', '', '', 20.25, 0, 'computed', 'Worse', '', '', '', '', '', '', 5, 0, 0, 0, "
      "'', '')"));
  ASSERT_TRUE(
      db().Exec("INSERT INTO indicators (id, title, position, document, updated_at) "
                "VALUES ('obesity', 'Obesity', 1, '{}', '2026-12-05')"));
  ASSERT_TRUE(Migrate().has_value());
  EXPECT_EQ(*PgSchemaVersion(db()), PgProgramSchemaVersion());
  // Migration 19 marks every indicator to be judged.
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM indicators_to_judge"), 1);
  // Migration 26 packs the judgements into one block of their series and drops the table.
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                           "'assessments' AND table_schema = current_schema()"),
            0);
  Db pg = Pg();
  SqlStore store(std::move(pg));
  const auto rows = store.ListAssessments("obesity", "");
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].period.Label(), "2020");
  EXPECT_EQ(Words((*rows)[0].vs_england), "Worse");
  EXPECT_EQ((*rows)[1].value, 21.5);
  EXPECT_EQ((*rows)[1].quintile, 1);
}

TEST_F(PgSchemaTest, AJudgementOfUnknownWordsStopsMigrationTwentySix) {
  ASSERT_TRUE(AtTheBaseline(
      "('obesity', 'E09000003', '2021', 0, 'Persons', '', '', '', 21.5, 0, 'computed', 'Better', "
      "'', '', '', '', '', 'Getting better', 1, 0, 0, 0, '', '')"));
  const auto migrated = Migrate();
  ASSERT_FALSE(migrated.has_value());
  EXPECT_NE(migrated.error().message.find("recent_trend 'Getting better' is not a judgement label"),
            std::string::npos)
      << migrated.error().ToString();
  // The migration's transaction is undone: the rows and the version stay as they were.
  EXPECT_EQ(*PgSchemaVersion(db()), kPgBaselineVersion);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM assessments"), 1);
}

TEST_F(PgSchemaTest, NodesMigratingAtOnceTakeTurns) {
  std::vector<Db> conns;
  conns.reserve(4);
  for (int i = 0; i < 4; ++i) conns.push_back(Pg());
  std::vector<Status> results(conns.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < conns.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = MigratePostgres(conns[i]); });
  }
  for (std::thread& t : threads) t.join();
  for (const Status& s : results) EXPECT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(*PgSchemaVersion(db()), PgProgramSchemaVersion());
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM waymark_schema"), 1);
}

}  // namespace
}  // namespace waymark::store
