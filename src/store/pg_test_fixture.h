// Tests against the throwaway PostgreSQL cluster that scripts/pg-test-cluster.sh starts (it sets
// WAYMARK_TEST_PG; without it these tests are skipped and say why). Each test gets a schema of
// its own, dropped afterwards, so that tests running at once never see each other's tables.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include "core/secrets.h"
#include "store/pg_db.h"

namespace waymark::store::pg {

class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* conninfo = std::getenv("WAYMARK_TEST_PG");
    if (conninfo == nullptr || *conninfo == '\0') {
      GTEST_SKIP() << "WAYMARK_TEST_PG is not set (make test starts a cluster for it)";
    }
    conninfo_ = conninfo;
    schema_ = fmt::format("test_{:016x}", RandomBits());
    auto conn = Connection::Open(conninfo_);
    ASSERT_TRUE(conn.has_value()) << conn.error().message;
    conn_.emplace(std::move(*conn));
    ASSERT_TRUE(conn_->Exec("CREATE SCHEMA " + schema_).has_value());
    ASSERT_TRUE(conn_->Exec("SET search_path TO " + schema_).has_value());
  }

  void TearDown() override {
    if (conn_) (void)conn_->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  // Another connection to the cluster, working in this test's schema.
  Connection Connect() {
    auto conn = Connection::Open(conninfo_);
    EXPECT_TRUE(conn.has_value()) << conn.error().message;
    EXPECT_TRUE(conn->Exec("SET search_path TO " + schema_).has_value());
    return std::move(*conn);
  }

  Connection& db() { return *conn_; }

  std::string conninfo_;
  std::string schema_;
  std::optional<Connection> conn_;
};

}  // namespace waymark::store::pg
