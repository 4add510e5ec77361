// Test fixture: a new SQLite store in a temporary directory for each test, whose integrity is
// checked when the test ends.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "store/sqlite_store.h"

namespace waymark::store {

class FreshStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(dir_.File("w.db"), OpenMode::kCreate);
    ASSERT_TRUE(s.has_value());
    store_ = std::move(*s);
  }
  void TearDown() override { EXPECT_TRUE(store_->CheckIntegrity().has_value()); }

  Db& db() { return static_cast<SqliteStore&>(*store_).db(); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace waymark::store
