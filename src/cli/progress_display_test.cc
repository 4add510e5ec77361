// Tests of the terminal's progress line: the display written in place, throttled, cut to the
// terminal's width and cleared (early too); shown only on a terminal without --quiet; and
// `data import` and `assess` end to end: with a terminal their progress and final lines are on
// standard error and nothing else changes, without one or with --quiet / -q there is no
// progress at all, and a refused file's problems start on a clean line.
#include "cli/progress_display.h"

#include <filesystem>
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

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const ProgressSpec kRows{"data import", "rows", ProgressMeasure::kCount, true};

TEST(ProgressDisplay, WritesTheLineInPlaceAtMostTenTimesASecond) {
  std::ostringstream out;
  ManualTickClock clock;
  {
    ProgressDisplay display(out, kRows, clock);
    display.Advance(1, 10);
    std::string want = "\rdata import: 1 of 10 rows (10%)\x1b[K";
    EXPECT_EQ(out.str(), want);
    clock.Advance(ProgressMeter::kMinIntervalMs - 1);
    display.Advance(2, 10);  // too soon
    EXPECT_EQ(out.str(), want);
    clock.Advance(1);
    display.Advance(3, 10);
    want += "\rdata import: 3 of 10 rows (30%)\x1b[K";
    EXPECT_EQ(out.str(), want);
    display.Stage("saving");  // a new stage is shown at once
    want += "\rdata import: 3 of 10 rows (30%) · saving\x1b[K";
    EXPECT_EQ(out.str(), want);
    display.Step(4, 10, "checking");  // the count and the stage, at once
    want += "\rdata import: 4 of 10 rows (40%) · checking\x1b[K";
    EXPECT_EQ(out.str(), want);
    display.Clear();
    want += "\r\x1b[K";
    EXPECT_EQ(out.str(), want);
    display.Clear();  // nothing shown: nothing to clear
    EXPECT_EQ(out.str(), want);
    display.Advance(10, 10);  // still too soon after the last line
    display.Finish();         // the final line, without the stage, then cleared
    want += "\rdata import: 10 of 10 rows (100%)\x1b[K\r\x1b[K";
    EXPECT_EQ(out.str(), want);
  }
  EXPECT_THAT(out.str(), EndsWith("(100%)\x1b[K\r\x1b[K"));  // not cleared twice
}

TEST(ProgressDisplay, ClearsItsLineWhenTheWorkStopsEarly) {
  std::ostringstream out;
  ManualTickClock clock;
  { ProgressDisplay(out, kRows, clock).Advance(5, 10); }
  EXPECT_EQ(out.str(), "\rdata import: 5 of 10 rows (50%)\x1b[K\r\x1b[K");
  std::ostringstream silent;
  { ProgressDisplay display(silent, kRows, clock); }  // nothing shown, nothing to clear
  EXPECT_EQ(silent.str(), "");
}

TEST(ProgressDisplay, CutsTheLineToTheTerminalsWidth) {
  std::ostringstream out;
  ManualTickClock clock;
  ProgressDisplay display(out, kRows, clock, 20);
  display.Advance(1, 10);
  EXPECT_EQ(out.str(), "\rdata import: 1 of …\x1b[K");  // 19 characters
}

TEST(ProgressDisplay, StartsOnlyOnATerminalWithoutQuiet) {
  std::ostringstream err;
  Context ctx;
  ctx.err = &err;
  EXPECT_EQ(StartProgress(ctx, kRows), nullptr);
  ctx.stderr_is_terminal = true;
  EXPECT_NE(StartProgress(ctx, kRows), nullptr);
  ctx.quiet = true;
  EXPECT_EQ(StartProgress(ctx, kRows), nullptr);
  EXPECT_EQ(err.str(), "");
}

// Three databases with the plan, areas and catalogue: one for a terminal, one for a pipe or
// file, one for a terminal with --quiet, so that each run of a command meets the same data.
class ProgressCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& db : {tty_, plain_, quiet_}) {
      for (const std::vector<std::string>& args :
           {std::vector<std::string>{"plan", "import",
                                     kRoot + "/examples/barnet-2019-23/plan.toml"},
            {"areas", "import", kRoot + "/data/areas/areas.csv"},
            {"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"}}) {
        const CliOutput r = RunCli(db, args, clock_);
        ASSERT_EQ(r.code, 0) << r.err;
      }
    }
  }

  struct Runs {
    CliOutput tty, plain, quiet;
  };
  // `args` on a terminal, on no terminal, and on a terminal with `quiet_flag` first.
  Runs RunAll(const std::vector<std::string>& args, const std::string& quiet_flag = "--quiet") {
    std::vector<std::string> quiet_args = args;
    quiet_args.insert(quiet_args.begin(), quiet_flag);
    return {RunCli(tty_, args, clock_, "", kTerminal), RunCli(plain_, args, clock_),
            RunCli(quiet_, quiet_args, clock_, "", kTerminal)};
  }

  static CliEnv Terminal() {
    CliEnv env;
    env.stderr_is_terminal = true;
    return env;
  }
  const CliEnv kTerminal = Terminal();
  TempDir dir_;
  std::string tty_ = dir_.File("tty.db");
  std::string plain_ = dir_.File("plain.db");
  std::string quiet_ = dir_.File("quiet.db");
  FixedClock clock_{1795378500};
};

TEST_F(ProgressCommandsTest, DataImportShowsTheBytesReadOnATerminalOnly) {
  const std::string file =
      kRoot + "/data/ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv";
  const Runs r = RunAll({"data", "import", "--format", "ees", file});
  ASSERT_EQ(r.tty.code, 0) << r.tty.err;
  ASSERT_EQ(r.plain.code, 0) << r.plain.err;
  ASSERT_EQ(r.quiet.code, 0) << r.quiet.err;
  EXPECT_THAT(r.plain.out, HasSubstr("611 new"));
  EXPECT_EQ(r.tty.out, r.plain.out);
  EXPECT_EQ(r.quiet.out, r.plain.out);
  EXPECT_EQ(r.plain.err, "");
  EXPECT_EQ(r.quiet.err, "");
  const std::string size = FormatBytes(static_cast<double>(std::filesystem::file_size(file)));
  EXPECT_THAT(r.tty.err, StartsWith("\rdata import: 0 bytes of " + size + " (0%)\x1b[K"));
  EXPECT_THAT(r.tty.err, HasSubstr("\rdata import: " + size + " of " + size +
                                   " (100%) · saving the figures\x1b[K"));
  EXPECT_THAT(r.tty.err,
              EndsWith("\rdata import: " + size + " of " + size + " (100%)\x1b[K\r\x1b[K"));
  EXPECT_EQ(WithoutProgressLines(r.tty.err), "");
}

TEST_F(ProgressCommandsTest, AssessCountsTheIndicatorsJudged) {
  const std::string file =
      kRoot + "/data/ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv";
  RunAll({"data", "import", "--format", "ees", file});
  const Runs r = RunAll({"assess"}, "-q");
  ASSERT_EQ(r.tty.code, 0) << r.tty.err;
  EXPECT_THAT(r.plain.out, HasSubstr("assessed "));
  EXPECT_EQ(r.tty.out, r.plain.out);
  EXPECT_EQ(r.quiet.out, r.plain.out);
  EXPECT_EQ(r.plain.err, "");
  EXPECT_EQ(r.quiet.err, "");
  // From 0 of the catalogue's indicators, each judged and written before the next is read.
  EXPECT_THAT(r.tty.err, StartsWith("\rassess: 0 of "));
  EXPECT_THAT(r.tty.err, HasSubstr(" indicators (0%)\x1b[K"));
  EXPECT_THAT(r.tty.err, EndsWith(" indicators (100%)\x1b[K\r\x1b[K"));
  EXPECT_EQ(WithoutProgressLines(r.tty.err), "");
}

TEST_F(ProgressCommandsTest, ARefusedFilesProblemsStartOnACleanLine) {
  const std::string bad = dir_.Write("bad.csv",
                                     "indicator,area_code,period,count,denominator\n"
                                     "care-leavers-eet-17-18,E09000003,2023,80,70\n");
  const Runs r = RunAll({"data", "import", "--format", "csv", bad});
  EXPECT_EQ(r.tty.code, 1);
  EXPECT_EQ(r.plain.code, 1);
  EXPECT_THAT(r.plain.err, StartsWith(bad + ":2:"));
  EXPECT_EQ(r.quiet.err, r.plain.err);
  EXPECT_EQ(r.tty.out, r.plain.out);
  EXPECT_THAT(r.tty.err, StartsWith("\rdata import: 0 bytes of "));
  EXPECT_THAT(r.tty.err, HasSubstr("\x1b[K\r\x1b[K" + bad + ":2:"));  // cleared first
  EXPECT_EQ(WithoutProgressLines(r.tty.err), r.plain.err);
}

}  // namespace
}  // namespace waymark::cli
