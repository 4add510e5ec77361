// Test fixture: a new store for each test (SQLite, or PostgreSQL for the "pg." copies: see
// test_database.h), whose integrity is checked when the test ends.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/sql_store.h"
#include "store/test_database.h"

namespace waymark::store {

class FreshStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    auto s = OpenStore(database_.location(), OpenMode::kCreate);
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    if (store_) {
      EXPECT_TRUE(store_->CheckIntegrity().has_value());
    }
  }

  Db& db() { return static_cast<SqlStore&>(*store_).db(); }
  bool postgres() const { return database_.postgres(); }

  // How many of the tables, indexes and triggers named `names` (quoted, comma-separated) the
  // database has, read from its own catalogue.
  std::int64_t SchemaObjects(std::string_view names) {
    const std::string sql =
        postgres() ? fmt::format(
                         "SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = "
                         "current_schema()::regnamespace AND relname IN ({0})) + "
                         "(SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = "
                         "t.tgrelid WHERE c.relnamespace = current_schema()::regnamespace "
                         "AND t.tgname IN ({0}))",
                         names)
                   : fmt::format("SELECT count(*) FROM sqlite_master WHERE name IN ({})", names);
    auto count = db().QueryInt(sql);
    EXPECT_TRUE(count.has_value()) << count.error().ToString();
    return count.value_or(-1);
  }
  // The names of the columns of `table`, in order.
  std::vector<std::string> Columns(std::string_view table) {
    auto info = db().Prepare(
        postgres() ? fmt::format("SELECT ordinal_position, column_name FROM "
                                 "information_schema.columns WHERE table_schema = current_schema() "
                                 "AND table_name = '{}' ORDER BY ordinal_position",
                                 table)
                   : fmt::format("PRAGMA table_info({})", table));
    EXPECT_TRUE(info.has_value());
    std::vector<std::string> out;
    while (info && info->Step().value_or(false)) out.push_back(info->Text(1));
    return out;
  }

  TestDatabase database_;
  std::unique_ptr<Store> store_;
};

}  // namespace waymark::store
