// Test fixture for the reporting-cycle and action-update commands: the account fixture's
// database (the Barnet 2019-23 plan, a fixed clock on 2026-11-22) with helpers that open a
// cycle, write update files and read back everything a refused command must leave as it was.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/account_test_fixture.h"

namespace waymark::cli::testing {

inline const std::vector<std::string> kOpenQ2 = {"cycle",  "open",       "--plan", "barnet-2019-23",
                                                 "--name", "2026–27 Q2", "--from", "2026-07-01",
                                                 "--to",   "2026-09-30", "--due",  "2026-10-31"};

class CycleTest : public AccountTest {
 protected:
  // Opens the 2026–27 Q2 cycle (id 1 in a fresh database); fails the test otherwise.
  void OpenQ2() {
    const CliOutput r = Waymark(kOpenQ2);
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // Writes `text` to a file of the test's directory; returns its path.
  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
  }

  // The account state, the cycles and the updates of cycles 1 and 2: what a refused command
  // must leave as it was.
  std::string ProgressState() {
    std::string state = State();
    const CliOutput cycles = Waymark({"cycle", "list", "--format", "csv"});
    EXPECT_EQ(cycles.code, 0) << cycles.err;
    state += cycles.out;
    for (const std::string id : {"1", "2"}) {
      state += Waymark({"update", "list", "--cycle", id, "--format", "csv"}).out;
    }
    return state;
  }
};

}  // namespace waymark::cli::testing
