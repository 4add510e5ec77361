// End-to-end test of `waymark index compute|export` on the demo data files: plan, areas,
// catalogue, the LAIT extracts, assess, then the index for the London boroughs (its runs
// counted on a terminal).
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli.h"
#include "cli/cli_test_util.h"
#include "cli/commands_test_util.h"
#include "core/clock.h"
#include "core/temp_dir.h"

namespace waymark::cli {
namespace {

using ::testing::HasSubstr;

class IndexCommandsTest : public ::testing::Test {
 protected:
  CliOutput Waymark(std::vector<std::string> args) { return RunCli(db_, std::move(args), clock_); }
  void Ok(std::vector<std::string> args) {
    const auto r = Waymark(std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  }

  TempDir dir_;
  std::string db_ = dir_.File("w.db");
  FixedClock clock_{1795378500};
};

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

TEST_F(IndexCommandsTest, ComputesAndExportsTheLondonIndex) {
  Ok({"plan", "import", kRoot + "/examples/barnet-2019-23/plan.toml"});
  Ok({"areas", "import", kRoot + "/data/areas/areas.csv", "--neighbours",
      kRoot + "/data/areas/statistical_neighbours.csv"});
  Ok({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"});
  Ok({"data", "import", "--format", "lait", kRoot + "/data/lait/lait_cypp.csv"});
  Ok({"data", "import", "--format", "lait", kRoot + "/data/lait/lait_london_sn_extra.csv"});
  Ok({"assess"});

  auto r = Waymark({"index", "export", "--format", "csv"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("run 'waymark index compute'"));

  r = Waymark({"index", "compute", "--runs", "50", "--seed", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("index family-friendly-index (plan barnet-2019-23)"));
  EXPECT_THAT(r.out, HasSubstr("awaiting local data"));
  EXPECT_THAT(r.out, HasSubstr("Barnet (E09000003):"));
  EXPECT_THAT(r.out, HasSubstr("monte carlo: 50 runs (seed 3)"));

  // On a terminal the runs are counted on standard error; standard output is as before (but
  // for the timings).
  CliEnv terminal;
  terminal.stderr_is_terminal = true;
  const CliOutput shown =
      RunCli(db_, {"index", "compute", "--runs", "50", "--seed", "3"}, clock_, "", terminal);
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_THAT(shown.err, ::testing::StartsWith("\rindex compute: reading the judgements\x1b[K"));
  EXPECT_THAT(shown.err, HasSubstr("\rindex compute: building the index\x1b[K"));
  EXPECT_THAT(shown.err, HasSubstr("\rindex compute: 0 of 3,550 runs (0%) · Monte Carlo\x1b[K"));
  // 50 Monte Carlo runs, then the plan's Saltelli design: N = 500 for 5 factors, 500 × 7 runs.
  EXPECT_THAT(shown.err, HasSubstr(" of 3,550 runs ("));
  EXPECT_THAT(shown.err, HasSubstr(" · sensitivity\x1b[K"));
  EXPECT_THAT(shown.err,
              HasSubstr("\rindex compute: 3,550 of 3,550 runs (100%) · saving the results\x1b[K"));
  EXPECT_THAT(shown.err,
              ::testing::EndsWith("\rindex compute: 3,550 of 3,550 runs (100%)\x1b[K\r\x1b[K"));
  EXPECT_EQ(WithoutProgressLines(shown.err), "");
  EXPECT_EQ(shown.out.substr(0, shown.out.find("monte carlo:")),
            r.out.substr(0, r.out.find("monte carlo:")));

  r = Waymark({"index", "export", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header, line;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "area_code,year,score,rank,rank_median,rank_p05,rank_p95,strong-social-care,"
            "family-friendly-place,involved-in-decisions,send-outcomes,"
            "schools-and-educational-outcomes,low-youth-crime,good-health-outcomes,"
            "low-temporary-accommodation,benefits-and-financial-assistance");
  std::map<int, std::vector<double>> ranks;
  std::map<int, std::set<std::string>> areas;
  while (std::getline(lines, line)) {
    const auto cells = Split(line);
    ASSERT_EQ(cells.size(), 16u) << line;
    EXPECT_EQ(cells[0].substr(0, 3), "E09") << line;  // London boroughs only
    const int year = std::stoi(cells[1]);
    EXPECT_TRUE(areas[year].insert(cells[0]).second) << "repeated " << line;
    ranks[year].push_back(std::stod(cells[3]));
    EXPECT_LE(std::stod(cells[5]), std::stod(cells[4])) << line;
    EXPECT_LE(std::stod(cells[4]), std::stod(cells[6])) << line;
    EXPECT_EQ(cells[8], "") << line;  // family-friendly-place awaits local data
  }
  ASSERT_FALSE(ranks.empty());
  std::size_t most = 0;
  for (auto& [year, r] : ranks) {
    std::sort(r.begin(), r.end());
    // Ranks run from 1 to N within each year (ties share the better rank).
    EXPECT_EQ(r.front(), 1) << year;
    for (std::size_t i = 0; i < r.size(); ++i) EXPECT_LE(r[i], static_cast<double>(i + 1));
    EXPECT_TRUE(areas[year].count("E09000003")) << year;
    most = std::max(most, r.size());
  }
  EXPECT_GE(most, 32u);
}

// The current plan declares the same index as the 2019-23 plan: its index is computed from the
// 2019-23 catalogue's indicators and stored under its own id; without --plan the dated
// published plan is still the one computed.
TEST_F(IndexCommandsTest, TheCurrentPlanSharesTheIndexOfThe2019Plan) {
  Ok({"plan", "import", kRoot + "/examples/barnet-current/plan.toml"});
  Ok({"plan", "import", kRoot + "/examples/barnet-2019-23/plan.toml"});
  Ok({"areas", "import", kRoot + "/data/areas/areas.csv"});
  Ok({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"});
  Ok({"data", "import", "--format", "lait", kRoot + "/data/lait/lait_london_sn_extra.csv"});
  Ok({"assess"});

  auto r = Waymark({"index", "compute", "--runs", "20", "--sensitivity", "0"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("index family-friendly-index (plan barnet-2019-23)"));
  auto current = Waymark({"index", "export", "--plan", "barnet-cypp", "--format", "csv"});
  EXPECT_EQ(current.code, 1);
  EXPECT_THAT(current.err, HasSubstr("no index results for plan 'barnet-cypp'"));

  r = Waymark({"index", "compute", "--plan", "barnet-cypp", "--runs", "20", "--sensitivity", "0"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("index family-friendly-index (plan barnet-cypp)"));
  EXPECT_THAT(r.out, HasSubstr("Barnet (E09000003):"));
  current = Waymark({"index", "export", "--plan", "barnet-cypp", "--format", "csv"});
  ASSERT_EQ(current.code, 0) << current.err;
  const auto earlier = Waymark({"index", "export", "--plan", "barnet-2019-23", "--format", "csv"});
  ASSERT_EQ(earlier.code, 0) << earlier.err;
  // The same indicators, method and seed: the same scores and ranks for both plans.
  EXPECT_GT(std::count(current.out.begin(), current.out.end(), '\n'), 32);
  EXPECT_EQ(current.out, earlier.out);
}

}  // namespace
}  // namespace waymark::cli
