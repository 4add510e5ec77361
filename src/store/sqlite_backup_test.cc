// The online backup: consistent while another connection writes, checked, never over an
// existing file unless asked, and clear about a destination it cannot write.
#include "store/sqlite_backup.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/temp_dir.h"
#include "store/db.h"
#include "store/schema.h"
#include "store/store.h"

namespace waymark::store {
namespace {

namespace fs = std::filesystem;

class SqliteBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = dir_.File("live.db");
    auto st = OpenSqliteStore(source_, OpenMode::kCreate);
    ASSERT_TRUE(st.has_value()) << st.error().ToString();
    auto db = Db::Open(source_, Db::Mode::kReadWrite);
    ASSERT_TRUE(db.has_value());
    // Pairs of rows, each pair written in one transaction: a consistent copy has whole pairs.
    ASSERT_TRUE(db->Exec("CREATE TABLE pairs (n INTEGER, filler TEXT)").has_value());
    ASSERT_TRUE(db->Exec("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k "
                         "WHERE i < 2001) INSERT INTO pairs SELECT i / 2, hex(randomblob(200)) "
                         "FROM k WHERE i >= 2")
                    .has_value());
  }

  std::size_t Entries() const {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir_.File("")), fs::directory_iterator{}));
  }

  TempDir dir_;
  std::string source_;
};

TEST_F(SqliteBackup, CopyTakenWhileAnotherConnectionWritesIsConsistentAndOpens) {
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    auto db = Db::Open(source_, Db::Mode::kReadWrite);
    ASSERT_TRUE(db.has_value());
    for (int n = 100000; !stop; ++n) {
      const std::string pair = std::to_string(n);
      if (db->Exec(fmt::format("BEGIN IMMEDIATE; INSERT INTO pairs VALUES ({0}, "
                               "hex(randomblob(300))); INSERT INTO pairs VALUES ({0}, "
                               "hex(randomblob(300))); COMMIT",
                               pair))) {
        ++written;
      }
    }
  });
  while (written < 20) std::this_thread::yield();
  BackupOptions options;
  options.pages_per_step = 4;  // many steps, so that the writer gets between them
  const std::string copy = dir_.File("copy.db");
  auto result = BackupSqlite(source_, copy, options);
  stop = true;
  writer.join();
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_GT(result->pages, 100);
  EXPECT_EQ(result->bytes, fs::file_size(copy));
  EXPECT_EQ(result->schema_version, ProgramSchemaVersion());
  EXPECT_GT(written.load(), 20);

  auto opened = OpenSqliteStore(copy, OpenMode::kReadOnly);  // refuses any other schema
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  EXPECT_TRUE((*opened)->CheckIntegrity().has_value());
  auto db = Db::Open(copy, Db::Mode::kReadOnly);
  ASSERT_TRUE(db.has_value());
  const auto rows = db->QueryInt("SELECT count(*) FROM pairs");
  const auto odd = db->QueryInt(
      "SELECT count(*) FROM (SELECT n FROM pairs GROUP BY n HAVING count(*) <> 2)");
  ASSERT_TRUE(rows.has_value() && odd.has_value());
  EXPECT_GE(*rows, 2000 + 40);  // the rows before, and what was written before it began
  EXPECT_EQ(*rows % 2, 0);
  EXPECT_EQ(*odd, 0);
  for (const auto& entry : fs::directory_iterator(dir_.File(""))) {
    EXPECT_EQ(entry.path().filename().string().find("partial"), std::string::npos)
        << "a partial copy was left: " << entry.path();
  }
}

TEST_F(SqliteBackup, AnExistingFileIsReplacedOnlyWhenAsked) {
  const std::string copy = dir_.Write("copy.db", "precious");
  auto refused = BackupSqlite(source_, copy);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(fs::file_size(copy), 8u);
  BackupOptions options;
  options.overwrite = true;
  auto replaced = BackupSqlite(source_, copy, options);
  ASSERT_TRUE(replaced.has_value()) << replaced.error().ToString();
  EXPECT_GT(fs::file_size(copy), 8u);
  EXPECT_TRUE(OpenSqliteStore(copy, OpenMode::kReadOnly).has_value());
}

TEST_F(SqliteBackup, AMissingDirectoryIsNamedAndNothingIsWritten) {
  const std::size_t before = Entries();
  auto result = BackupSqlite(source_, dir_.File("no-such-dir/copy.db"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kIo);
  EXPECT_NE(result.error().message.find(dir_.File("no-such-dir")), std::string::npos)
      << result.error().message;
  EXPECT_EQ(Entries(), before);
}

TEST_F(SqliteBackup, TheDatabaseItselfAndAMissingSourceAreRefused) {
  BackupOptions options;
  options.overwrite = true;
  auto itself = BackupSqlite(source_, source_, options);
  ASSERT_FALSE(itself.has_value());
  EXPECT_EQ(itself.error().code, ErrorCode::kInvalidArgument);
  auto missing = BackupSqlite(dir_.File("absent.db"), dir_.File("copy.db"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir_.File("copy.db")));
}

TEST_F(SqliteBackup, AFileThatIsNotADatabaseIsRefusedAndLeavesNothing) {
  const std::string junk = dir_.Write("junk.db", std::string(8192, 'x'));
  const std::size_t before = Entries();
  auto result = BackupSqlite(junk, dir_.File("copy.db"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(Entries(), before);
}

}  // namespace
}  // namespace waymark::store
