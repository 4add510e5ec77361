// The database a store test runs against: a new SQLite file in a temporary directory, or, when
// WAYMARK_STORE_BACKEND=postgres (ctest's "pg." copies of the Store* tests), a new schema of the
// throwaway cluster at WAYMARK_TEST_PG (scripts/pg-test-cluster.sh), dropped afterwards. So one
// set of tests proves both backends.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/secrets.h"
#include "core/temp_dir.h"
#include "store/db.h"
#include "store/pg_db.h"

namespace waymark::store {

// Whether the running test's suite is one of `suites` (colon-separated: WAYMARK_PG_SUITES, the
// list a layer's CMakeLists.txt gives waymark_pg_suites). A fixture over a TestDatabase asserts
// it, so that no suite on the fixture is left to run on one backend only.
inline ::testing::AssertionResult ListedForBothBackends(std::string_view suites) {
  const std::string suite = ::testing::UnitTest::GetInstance()->current_test_suite()->name();
  if (fmt::format(":{}:", suites).find(fmt::format(":{}:", suite)) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << suite << " runs over a TestDatabase: add it to its layer's waymark_pg_suites list";
}

class TestDatabase {
 public:
  // The backend the environment asks for: PostgreSQL when WAYMARK_STORE_BACKEND=postgres.
  static Dialect FromEnvironment() {
    const char* backend = std::getenv("WAYMARK_STORE_BACKEND");
    return backend != nullptr && std::string_view(backend) == "postgres" ? Dialect::kPostgres
                                                                         : Dialect::kSqlite;
  }

  explicit TestDatabase(Dialect dialect = FromEnvironment()) {
    if (dialect == Dialect::kSqlite) {
      location_ = dir_.File("w.db");
      return;
    }
    const char* cluster = std::getenv("WAYMARK_TEST_PG");
    if (cluster == nullptr || *cluster == '\0') {
      problem_ = "WAYMARK_TEST_PG is not set (make test starts a cluster for it)";
      return;
    }
    auto admin = pg::Connection::Open(cluster);
    if (!admin) {
      problem_ = admin.error().message;
      return;
    }
    schema_ = fmt::format("test_{:016x}", RandomBits());
    if (auto made = admin->Exec("CREATE SCHEMA " + schema_); !made) {
      problem_ = made.error().message;
      return;
    }
    admin_.emplace(std::move(*admin));
    const std::string_view address(cluster);
    location_ = fmt::format("{}{}options=-csearch_path%3D{}", address,
                            address.find('?') == std::string_view::npos ? '?' : '&', schema_);
  }
  ~TestDatabase() {
    if (admin_) (void)admin_->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What OpenStore opens: a file's path or a PostgreSQL address naming the test's schema.
  const std::string& location() const { return location_; }
  bool postgres() const { return admin_.has_value(); }
  // Why there is no database ("" when there is one): the test skips, saying so.
  const std::string& problem() const { return problem_; }
  // A file beside the database, for tests that write one.
  std::string File(std::string_view name) const { return dir_.File(name); }

 private:
  TempDir dir_;
  std::string location_;
  std::string schema_;
  std::string problem_;
  std::optional<pg::Connection> admin_;
};

}  // namespace waymark::store
