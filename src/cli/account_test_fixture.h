// Test fixture for the account, token, audit and settings commands: a database holding the
// Barnet 2019-23 plan (whose partners are the organisations users belong to), a fixed clock,
// and helpers that add users and read the database back through the command line.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/cli_test_util.h"
#include "core/clock.h"
#include "core/temp_dir.h"
#include "store/store.h"
#include "store/test_database.h"

namespace waymark::cli::testing {

inline const std::string kPassword = "correct horse battery";
inline const std::string kBarnetPlan =
    std::string(WAYMARK_SOURCE_DIR) + "/examples/barnet-2019-23/plan.toml";

// The database is a SQLite file, or a schema of the throwaway PostgreSQL cluster for the "pg."
// copies of the suites that src/cli/CMakeLists.txt lists (waymark_pg_suites): every suite
// on this fixture must be listed there, so that each runs on both backends.
class AccountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    const CliOutput r = Waymark({"plan", "import", kBarnetPlan});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  CliOutput Waymark(std::vector<std::string> args, const std::string& input = "") {
    return RunCli(db_, std::move(args), clock_, input);
  }

  // Adds a user with kPassword; fails the test when that does not succeed.
  void AddUser(const std::string& email, const std::string& role,
               const std::string& organisation = "barnet-council",
               const std::string& name = "A Person") {
    const CliOutput r =
        Waymark({"user", "add", email, "--name", name, "--org", organisation, "--role", role},
                kPassword + "\n");
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // What `user list`, `token list` and `audit list` print: the state a failed command must
  // leave as it was.
  std::string State() {
    std::string state;
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"user", "list", "--format", "csv"},
                                               {"token", "list", "--format", "csv"},
                                               {"audit", "list", "--format", "csv"},
                                               {"settings", "list"}}) {
      const CliOutput r = Waymark(args);
      EXPECT_EQ(r.code, 0) << r.err;
      state += r.out;
    }
    return state;
  }

  std::unique_ptr<store::Store> OpenStore() {
    auto store = store::OpenStore(db_, store::OpenMode::kReadOnly);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::string db_ = database_.location();
  FixedClock clock_{1795378500};  // 2026-11-22T20:15:00Z
};

}  // namespace waymark::cli::testing
