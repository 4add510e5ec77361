// Tests of waymark copy's core: every table is copied or deliberately left behind, in an order
// that puts each after what it refers to; a database copied SQLite → PostgreSQL → SQLite holds
// the same rows, value for value; a target that is not empty is refused, unchanged.
#include "store/database_copy.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/plan_file.h"
#include "store/sql_store.h"
#include "store/test_database.h"

namespace waymark::store {
namespace {

Db& DbOfStore(Store& store) { return static_cast<SqlStore&>(store).db(); }

std::unique_ptr<Store> OpenCreated(const TestDatabase& database) {
  auto store = OpenStore(database.location(), OpenMode::kCreate);
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  return store ? std::move(*store) : nullptr;
}

// Every row of every copied table as text, each table's rows sorted (the backends order NULLs
// differently), with the copy's own audit entry left out.
std::map<std::string, std::vector<std::string>> Dump(Store& store) {
  std::map<std::string, std::vector<std::string>> out;
  for (std::string_view table : CopiedTables()) {
    auto select = DbOfStore(store).Prepare(fmt::format("SELECT * FROM {}", table));
    EXPECT_TRUE(select.has_value()) << table;
    std::vector<std::string>& rows = out[std::string(table)];
    while (select && select->Step().value_or(false)) {
      std::string row;
      for (int c = 0; c < select->ColumnCount(); ++c) {
        row.append(select->ColumnName(c)).append("=");
        switch (select->Kind(c)) {
          case ColumnKind::kNull: row.append("NULL"); break;
          case ColumnKind::kInteger: row.append(std::to_string(select->Int(c))); break;
          case ColumnKind::kReal: row.append(fmt::format("{}", select->Double(c))); break;
          case ColumnKind::kText: row.append("'" + select->Text(c) + "'"); break;
          case ColumnKind::kBlob:
            for (unsigned char b : select->BlobView(c)) row.append(fmt::format("{:02x}", b));
            break;
        }
        row.append(";");
      }
      if (row.find("action='database.copy'") == std::string::npos) rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

AuditEntry CopyAudit() {
  AuditEntry entry;
  entry.at = "2026-12-05T10:00:00Z";
  entry.actor = "os:operator";
  entry.via = "waymark copy";
  return entry;
}

// A database with something in most tables: a plan with its history, figures and their
// revisions, judgements, a user with a token and a session, a cycle with an update, and audit.
void Fill(Store& store) {
  auto plan = ingest::ReadPlanFile(std::string(WAYMARK_SOURCE_DIR) +
                                   "/examples/barnet-2019-23/plan.toml");
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(store.ImportPlan(*plan.plan, {"analyst", "plan.toml", 1795378500}).has_value());
  ASSERT_TRUE(store
                  .SaveAreas({{"E92000001", "England", AreaType::kCountry, "", ""},
                              {"E09000003", "Barnet", AreaType::kCouncil, "E92000001", "302"}},
                             {})
                  .has_value());
  Indicator indicator;
  indicator.id = "p";
  indicator.title = "A proportion";
  ASSERT_TRUE(store.SaveIndicators({indicator}, 100).has_value());
  for (const double value : {30.0, 31.5}) {  // the second import revises the figure
    auto batch = store.BeginObservationImport({"f.csv", "csv", "analyst", 200, kImportFlushBytes});
    ASSERT_TRUE(batch.has_value());
    Observation o;
    o.indicator = "p";
    o.area = "E09000003";
    o.period = *ParsePeriod("2023");
    o.value = value;
    o.count = 3;
    o.denominator = 10;
    o.source_row = 2;
    ASSERT_TRUE((*batch)->Add(o).has_value());
    ASSERT_TRUE((*batch)->Commit(1).has_value());
  }
  Assessment a;
  a.indicator = "p";
  a.area = "E09000003";
  a.period = *ParsePeriod("2023");
  a.value = 31.5;
  ASSERT_TRUE(store.SaveAssessments({a}).has_value());
  AuditEntry audit = CopyAudit();
  audit.via = "test";
  User user;
  user.email = "lead@example.org";
  user.name = "Lead";
  user.role = Role::kAdmin;
  auto created = store.CreateUser(user, "$argon2id$hash", audit);
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  ApiToken token;
  token.user_id = created->id;
  token.name = "ci";
  ASSERT_TRUE(store.CreateApiToken(token, "digest-of-token", audit).has_value());
  ASSERT_TRUE(store.CreateSession({"digest-of-session", created->id, 10, 10}, audit).has_value());
  ReportingCycle cycle;
  cycle.plan_id = plan.plan->id;
  cycle.name = "Spring";
  cycle.from = {2026, 1, 1};
  cycle.to = {2026, 3, 31};
  cycle.due = {2026, 4, 15};
  ASSERT_TRUE(store.OpenCycle(cycle, 300, audit).has_value());
}

TEST(CopyTablesTest, EveryTableIsCopiedOrLeftBehindAndComesAfterWhatItRefersTo) {
  TestDatabase database(Dialect::kSqlite);
  auto store = OpenCreated(database);
  ASSERT_NE(store, nullptr);
  Db& db = DbOfStore(*store);
  std::set<std::string> tables;
  auto names = db.Prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  ASSERT_TRUE(names.has_value());
  while (names->Step().value_or(false)) tables.insert(names->Text(0));
  std::set<std::string> listed(CopiedTables().begin(), CopiedTables().end());
  listed.insert(UncopiedTables().begin(), UncopiedTables().end());
  EXPECT_EQ(tables, listed);
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < CopiedTables().size(); ++i) {
    position[std::string(CopiedTables()[i])] = i;
  }
  for (const auto& [table, at] : position) {
    auto refs = db.Prepare(fmt::format("SELECT \"table\" FROM pragma_foreign_key_list('{}')", table));
    ASSERT_TRUE(refs.has_value());
    while (refs->Step().value_or(false)) {
      const std::string referent = refs->Text(0);
      ASSERT_TRUE(position.contains(referent)) << table << " refers to " << referent;
      EXPECT_LT(position[referent], at) << table << " comes before " << referent;
    }
  }
}

TEST(DatabaseCopyTest, SqliteToPostgresAndBackHoldsTheSameRows) {
  TestDatabase postgres(Dialect::kPostgres);
  if (!postgres.problem().empty()) GTEST_SKIP() << postgres.problem();
  TestDatabase first(Dialect::kSqlite);
  TestDatabase last(Dialect::kSqlite);
  {
    auto store = OpenCreated(first);
    ASSERT_NE(store, nullptr);
    Fill(*store);
  }
  auto there = CopyDatabase(first.location(), postgres.location(), CopyAudit());
  ASSERT_TRUE(there.has_value()) << there.error().ToString();
  auto back = CopyDatabase(postgres.location(), last.location(), CopyAudit());
  ASSERT_TRUE(back.has_value()) << back.error().ToString();

  auto a = OpenStore(first.location(), OpenMode::kReadOnly);
  auto b = OpenStore(postgres.location(), OpenMode::kReadWrite);
  auto c = OpenStore(last.location(), OpenMode::kReadWrite);
  ASSERT_TRUE(a && b && c);
  const auto original = Dump(**a);
  EXPECT_EQ(Dump(**b), original);
  EXPECT_EQ(Dump(**c), original);
  EXPECT_EQ(original.at("series_figures").size(), 1U);
  EXPECT_EQ(original.at("observation_revisions").size(), 1U);
  EXPECT_EQ(original.at("plan_revisions").size(), 1U);
  // Sessions stay behind; the copy is audited in each target.
  EXPECT_TRUE((*c)->FindSession("digest-of-session").error().code == ErrorCode::kNotFound);
  EXPECT_TRUE((*c)->FindApiToken("digest-of-token").has_value());
  AuditFilter copies;
  copies.action = "database.copy";
  auto log = (*b)->ListAudit(copies);
  ASSERT_TRUE(log.has_value());
  ASSERT_EQ(log->size(), 1U);
  EXPECT_EQ((*log)[0].actor, "os:operator");
  // New rows get new ids on each backend: the identity sequences moved past the copied ids.
  User another;
  another.email = "second@example.org";
  another.name = "Second";
  for (Store* store : {b->get(), c->get()}) {
    auto added = store->CreateUser(another, "$argon2id$hash", CopyAudit());
    ASSERT_TRUE(added.has_value()) << added.error().ToString();
    EXPECT_EQ(added->id, 2);
  }
}

TEST(DatabaseCopyTest, ATargetThatIsNotEmptyIsRefusedAndLeftAsItWas) {
  TestDatabase from(Dialect::kSqlite);
  TestDatabase to(Dialect::kSqlite);
  {
    auto store = OpenCreated(from);
    ASSERT_NE(store, nullptr);
    Fill(*store);
  }
  ASSERT_TRUE(CopyDatabase(from.location(), to.location(), CopyAudit()).has_value());
  auto again = CopyDatabase(from.location(), to.location(), CopyAudit());
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("table plans has 1 rows"), std::string::npos)
      << again.error().message;
  auto store = OpenStore(to.location(), OpenMode::kReadOnly);
  ASSERT_TRUE(store.has_value());
  AuditFilter copies;
  copies.action = "database.copy";
  EXPECT_EQ((*store)->ListAudit(copies)->size(), 1U);
  EXPECT_EQ(CopyDatabase(from.location(), from.location(), CopyAudit()).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace waymark::store
