// `waymark migrate`, `waymark backup`, and `waymark serve` refusing a database whose schema is
// not its own (older, newer, or no Waymark database at all) without migrating it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "cli/cli_test_util.h"
#include "core/temp_dir.h"
#include "store/db.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

namespace fs = std::filesystem;

class DatabaseCommands : public ::testing::Test {
 protected:
  // A database made by an older program: schema version 3.
  void MakeOldDatabase() {
    auto db = store::SqliteAtVersion(db_, 3);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
  }
  std::int64_t Version() {
    auto db = store::Db::Open(db_, store::Db::Mode::kReadOnly);
    return db ? *db->QueryInt("PRAGMA user_version") : -1;
  }
  CliOutput Run(std::vector<std::string> args) { return RunCli(db_, std::move(args), clock_); }

  TempDir dir_;
  std::string db_ = dir_.File("w.db");
  FixedClock clock_{1795378500};
  const int program_ = store::ProgramSchemaVersion();
};

TEST_F(DatabaseCommands, MigrateCreatesUpgradesAndThenHasNothingToDo) {
  auto made = Run({"migrate"});
  ASSERT_EQ(made.code, 0) << made.err;
  EXPECT_EQ(made.out, fmt::format("{}: migrated schema version 0 to {}\n", db_, program_));
  auto again = Run({"migrate"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out,
            fmt::format("{}: schema version {}, this program's; nothing to migrate\n", db_,
                        program_));
  fs::remove(db_);
  MakeOldDatabase();
  auto upgraded = Run({"migrate"});
  ASSERT_EQ(upgraded.code, 0) << upgraded.err;
  EXPECT_EQ(upgraded.out, fmt::format("{}: migrated schema version 3 to {}\n", db_, program_));
  EXPECT_EQ(Version(), program_);
  auto audit = Run({"audit", "list", "--action", "database.migrate", "--format", "csv"});
  ASSERT_EQ(audit.code, 0) << audit.err;
  EXPECT_NE(audit.out.find("database.migrate"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("schema_version"), std::string::npos) << audit.out;
}

TEST_F(DatabaseCommands, MigrateRefusesANewerDatabase) {
  ASSERT_EQ(Run({"migrate"}).code, 0);
  {
    auto db = store::Db::Open(db_, store::Db::Mode::kReadWrite);
    ASSERT_TRUE(db->Exec(fmt::format("PRAGMA user_version = {}", program_ + 1)).has_value());
  }
  auto refused = Run({"migrate"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("newer than this program supports"), std::string::npos)
      << refused.err;
  EXPECT_EQ(Version(), program_ + 1);
}

TEST_F(DatabaseCommands, ServeRefusesAnOlderSchemaAndSaysToMigrateLeavingItUnchanged) {
  MakeOldDatabase();
  auto refused = Run({"serve", "--port", "0"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find(fmt::format("database schema version 3 is older than this "
                                         "program's ({}); run 'waymark --db {} migrate' first",
                                         program_, db_)),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(refused.out, "");  // never started
  EXPECT_EQ(Version(), 3);
}

TEST_F(DatabaseCommands, ServeRefusesANewerSchemaSayingTheProgramIsOlder) {
  ASSERT_EQ(Run({"migrate"}).code, 0);
  {
    auto db = store::Db::Open(db_, store::Db::Mode::kReadWrite);
    ASSERT_TRUE(db->Exec(fmt::format("PRAGMA user_version = {}", program_ + 2)).has_value());
  }
  auto refused = Run({"serve", "--port", "0"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("this waymark is older than the database"), std::string::npos)
      << refused.err;
  EXPECT_EQ(Version(), program_ + 2);
}

TEST_F(DatabaseCommands, ServeRefusesAnEmptyFileAndAMissingOne) {
  dir_.Write("w.db", "");
  auto empty = Run({"serve", "--port", "0"});
  EXPECT_EQ(empty.code, 1);
  EXPECT_NE(empty.err.find("no Waymark database here"), std::string::npos) << empty.err;
  EXPECT_EQ(fs::file_size(db_), 0u) << "nothing was written to it";
  fs::remove(db_);
  auto missing = Run({"serve", "--port", "0"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(DatabaseCommands, ServeRefusesAnAccessLogItCannotOpen) {
  ASSERT_EQ(Run({"migrate"}).code, 0);
  const std::string bad = dir_.File("no-such-dir/access.log");
  auto refused = Run({"serve", "--port", "0", "--log-file", bad});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("--log-file: cannot open the access log " + bad), std::string::npos)
      << refused.err;
}

TEST_F(DatabaseCommands, BackupCopiesRefusesToOverwriteWithoutForceAndIsAudited) {
  ASSERT_EQ(Run({"init"}).code, 0);
  const std::string copy = dir_.File("copy.db");
  auto done = Run({"backup", "--to", copy});
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_TRUE(done.out.starts_with(fmt::format("backed up {} to {}: ", db_, copy))) << done.out;
  EXPECT_NE(done.out.find(fmt::format("(schema version {}, integrity ok)", program_)),
            std::string::npos)
      << done.out;
  EXPECT_TRUE(store::OpenSqliteStore(copy, store::OpenMode::kReadOnly).has_value());

  auto again = Run({"backup", "--to", copy});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("exists already (--force replaces it)"), std::string::npos)
      << again.err;
  EXPECT_EQ(Run({"backup", "--to", copy, "--force"}).code, 0);

  auto bad = Run({"backup", "--to", dir_.File("missing/copy.db")});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("no directory " + dir_.File("missing")), std::string::npos) << bad.err;

  auto audit = Run({"audit", "list", "--action", "database.backup", "--format", "csv"});
  ASSERT_EQ(audit.code, 0) << audit.err;
  EXPECT_EQ(std::count(audit.out.begin(), audit.out.end(), '\n'), 3) << audit.out;  // + header
}

TEST_F(DatabaseCommands, BackupOfAnOlderDatabaseWorksWithoutMigratingIt) {
  MakeOldDatabase();
  const std::string copy = dir_.File("old-copy.db");
  auto done = Run({"backup", "--to", copy});
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_NE(done.out.find("(schema version 3, integrity ok)"), std::string::npos) << done.out;
  EXPECT_NE(done.err.find("not audited"), std::string::npos);
  EXPECT_EQ(Version(), 3);
}

}  // namespace
}  // namespace waymark::cli
