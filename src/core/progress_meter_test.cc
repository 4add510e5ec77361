// Tests of the progress line and its throttle on a hand-stepped clock: each shape of line (count
// and bytes, total known or not, steps without a rate, a stage alone), the rate and time left
// only after a second, from the start of the current leg, none left once done; the numbers'
// formats at their boundaries, zero and the largest counts; both sides of the ten-a-second
// throttle with the final line always due; ProgressPart's offsets; lines cut to the terminal.
#include "core/progress_meter.h"

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/progress.h"

namespace waymark {
namespace {

const ProgressSpec kRows{"data import", "rows", ProgressMeasure::kCount, true};
const ProgressSpec kBytes{"data import", "", ProgressMeasure::kBytes, true};
const ProgressSpec kSteps{"report plan", "steps", ProgressMeasure::kCount, false};

TEST(ProgressFormat, CountsHaveThousandsSeparators) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(std::numeric_limits<std::uint64_t>::max()), "18,446,744,073,709,551,615");
}

TEST(ProgressFormat, RatesScaleByThousands) {
  EXPECT_EQ(FormatRate(0), "0");
  EXPECT_EQ(FormatRate(-3), "0");
  EXPECT_EQ(FormatRate(2.54), "2.5");
  EXPECT_EQ(FormatRate(9.94), "9.9");
  EXPECT_EQ(FormatRate(9.96), "10");
  EXPECT_EQ(FormatRate(950), "950");
  EXPECT_EQ(FormatRate(999.4), "999");
  EXPECT_EQ(FormatRate(999.6), "1.0 k");  // not "1000"
  EXPECT_EQ(FormatRate(12500), "12.5 k");
  EXPECT_EQ(FormatRate(999940), "999.9 k");
  EXPECT_EQ(FormatRate(999960), "1.0 M");  // not "1000.0 k"
  EXPECT_EQ(FormatRate(1.9e6), "1.9 M");
  EXPECT_EQ(FormatRate(3.2e9), "3.2 G");
  EXPECT_EQ(FormatRate(5e15), "5000.0 T");  // the last scale takes all that is left
}

TEST(ProgressFormat, BytesInPowersOfAThousand) {
  EXPECT_EQ(FormatBytes(0), "0 bytes");
  EXPECT_EQ(FormatBytes(1), "1 byte");
  EXPECT_EQ(FormatBytes(999), "999 bytes");
  EXPECT_EQ(FormatBytes(1000), "1.0 kB");
  EXPECT_EQ(FormatBytes(12500), "12.5 kB");
  EXPECT_EQ(FormatBytes(412.3e6), "412.3 MB");
  EXPECT_EQ(FormatBytes(999.99e6), "1.0 GB");
  EXPECT_EQ(FormatBytes(1.2e9), "1.2 GB");
  EXPECT_EQ(FormatBytes(2.5e12), "2.5 TB");
}

TEST(ProgressFormat, TimeLeftInSecondsMinutesAndHours) {
  EXPECT_EQ(FormatTimeLeft(0), "0 s");
  EXPECT_EQ(FormatTimeLeft(45), "45 s");
  EXPECT_EQ(FormatTimeLeft(59), "59 s");
  EXPECT_EQ(FormatTimeLeft(60), "1 min");
  EXPECT_EQ(FormatTimeLeft(200), "3 min 20 s");
  EXPECT_EQ(FormatTimeLeft(3599), "59 min 59 s");
  EXPECT_EQ(FormatTimeLeft(3600), "1 h");
  EXPECT_EQ(FormatTimeLeft(3900), "1 h 5 min");
  EXPECT_EQ(FormatTimeLeft(3929), "1 h 5 min");  // to the nearest minute
  EXPECT_EQ(FormatTimeLeft(3930), "1 h 6 min");
  EXPECT_EQ(FormatTimeLeft(7170), "2 h");  // 1 h 59.5 min rounds up to the hour
  EXPECT_EQ(FormatTimeLeft(90000), "25 h");
}

TEST(ProgressFormat, LinesFitTheTerminalWithoutWrapping) {
  EXPECT_EQ(FitToColumns("abcdef", 0), "abcdef");  // width not known
  EXPECT_EQ(FitToColumns("abcdef", 7), "abcdef");  // six characters fit in 7 − 1
  EXPECT_EQ(FitToColumns("abcdef", 6), "abcd…");
  EXPECT_EQ(FitToColumns("a·b·c", 6), "a·b·c");  // "·" is two bytes but one column
  EXPECT_EQ(FitToColumns("a·b·c", 4), "a·…");
  EXPECT_EQ(FitToColumns("ab", 2), "…");
  EXPECT_EQ(FitToColumns("ab", 1), "");
  EXPECT_EQ(FitToColumns("", 1), "");
}

TEST(ProgressLine, KnownTotalWithRateAndTimeLeft) {
  // 1,234,567 rows in 650 ms would be too soon for a rate; in 2 s it is 617,283.5 rows/s and
  // the 3,765,433 rows left take 6.1 s, shown as 7 s (rounded up).
  EXPECT_EQ(ProgressLine(kRows, 1234567, 5000000, "", 650),
            "data import: 1,234,567 of 5,000,000 rows (24%)");
  EXPECT_EQ(ProgressLine(kRows, 1234567, 5000000, "", 2000),
            "data import: 1,234,567 of 5,000,000 rows (24%) · 617.3 k rows/s · 7 s left");
  EXPECT_EQ(ProgressLine(kRows, 1900000, 5000000, "", 1000),
            "data import: 1,900,000 of 5,000,000 rows (38%) · 1.9 M rows/s · 2 s left");
  // 1 row a second with 200 left: 3 min 20 s.
  EXPECT_EQ(ProgressLine(kRows, 10, 210, "", 10000),
            "data import: 10 of 210 rows (4%) · 1.0 rows/s · 3 min 20 s left");
}

TEST(ProgressLine, RateOnlyFromOneSecond) {
  EXPECT_EQ(ProgressLine(kRows, 500, 1000, "", ProgressMeter::kRateAfterMs - 1),
            "data import: 500 of 1,000 rows (50%)");
  EXPECT_EQ(ProgressLine(kRows, 500, 1000, "", ProgressMeter::kRateAfterMs),
            "data import: 500 of 1,000 rows (50%) · 500 rows/s · 1 s left");
}

TEST(ProgressLine, UnknownTotalShowsDoneAndRateOnly) {
  EXPECT_EQ(ProgressLine(kRows, 42, 0, "", 10), "data import: 42 rows");
  EXPECT_EQ(ProgressLine(kRows, 3000000, 0, "", 2000),
            "data import: 3,000,000 rows · 1.5 M rows/s");
}

TEST(ProgressLine, NothingDoneYetHasNoRate) {
  EXPECT_EQ(ProgressLine(kRows, 0, 1000, "", 60000), "data import: 0 of 1,000 rows (0%)");
  EXPECT_EQ(ProgressLine(kRows, 0, 0, "", 60000), "data import: 0 rows");
}

TEST(ProgressLine, FinishedHasNoTimeLeft) {
  EXPECT_EQ(ProgressLine(kRows, 1000, 1000, "", 2000),
            "data import: 1,000 of 1,000 rows (100%) · 500 rows/s");
  // What comes after the counted work (saving) is a stage.
  EXPECT_EQ(ProgressLine(kRows, 1000, 1000, "saving", 2000),
            "data import: 1,000 of 1,000 rows (100%) · 500 rows/s · saving");
  // More than the total (an estimate fell short) reads as done, never above 100%.
  EXPECT_EQ(ProgressLine(kRows, 1500, 1000, "", 10), "data import: 1,000 of 1,000 rows (100%)");
}

TEST(ProgressLine, NeverOneHundredPercentBeforeTheEnd) {
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(ProgressLine(kRows, 999, 1000, "", 10), "data import: 999 of 1,000 rows (99%)");
  EXPECT_EQ(ProgressLine(kRows, max - 1, max, "", 10),
            "data import: 18,446,744,073,709,551,614 of 18,446,744,073,709,551,615 rows (99%)");
  EXPECT_EQ(ProgressLine(kRows, max, max, "", 10),
            "data import: 18,446,744,073,709,551,615 of 18,446,744,073,709,551,615 rows (100%)");
}

TEST(ProgressLine, HugeTimeLeftStaysInRange) {
  // One row in an hour, with nearly all of 2^64 rows to go: capped at 3.2e10 s.
  const std::string line =
      ProgressLine(kRows, 1, std::numeric_limits<std::uint64_t>::max(), "", 3600000);
  EXPECT_NE(line.find("(0%) · 0.0 rows/s · 8888888 h 53 min left"), std::string::npos) << line;
}

TEST(ProgressLine, BytesAsSizes) {
  EXPECT_EQ(ProgressLine(kBytes, 412300000, 1200000000, "", 500),
            "data import: 412.3 MB of 1.2 GB (34%)");
  EXPECT_EQ(ProgressLine(kBytes, 412300000, 1200000000, "", 4123),
            "data import: 412.3 MB of 1.2 GB (34%) · 100.0 MB/s · 8 s left");
  EXPECT_EQ(ProgressLine(kBytes, 0, 0, "", 0), "data import: 0 bytes");
}

TEST(ProgressLine, StepsWithoutRateShowTheStage) {
  EXPECT_EQ(ProgressLine(kSteps, 2, 4, "rendering the PDF", 30000),
            "report plan: 2 of 4 steps (50%) · rendering the PDF");
  EXPECT_EQ(ProgressLine(kSteps, 4, 4, "", 30000), "report plan: 4 of 4 steps (100%)");
}

TEST(ProgressLine, AStageAloneBeforeAnythingIsCounted) {
  EXPECT_EQ(ProgressLine(kRows, 0, 0, "reading the figures", 5000),
            "data import: reading the figures");
  EXPECT_EQ(ProgressLine(kRows, 0, 10, "reading", 5000),
            "data import: 0 of 10 rows (0%) · reading");
}

TEST(ProgressLine, TheRateCountsFromWhereTheLegBegan) {
  // 600 of 1,000 rows, 400 of them in the last 2 s: 200 rows/s and 2 s for the last 400.
  EXPECT_EQ(ProgressLine(kRows, 600, 1000, "", 2000, 200),
            "data import: 600 of 1,000 rows (60%) · 200 rows/s · 2 s left");
  // Nothing counted in this leg yet: no rate, no time left.
  EXPECT_EQ(ProgressLine(kRows, 600, 1000, "saving", 5000, 600),
            "data import: 600 of 1,000 rows (60%) · saving");
}

TEST(ProgressLine, NoUnitNoSpace) {
  const ProgressSpec bare{"work", "", ProgressMeasure::kCount, true};
  EXPECT_EQ(ProgressLine(bare, 5, 10, "", 1000), "work: 5 of 10 (50%) · 5.0/s · 1 s left");
}

TEST(ProgressMeter, TimesFromItsStartOnTheInjectedClock) {
  ManualTickClock clock(50000);
  ProgressMeter meter(kRows, clock);
  meter.Update(250, 1000);
  EXPECT_EQ(meter.Line(), "data import: 250 of 1,000 rows (25%)");
  clock.Advance(1000);
  EXPECT_EQ(meter.Line(), "data import: 250 of 1,000 rows (25%) · 250 rows/s · 3 s left");
  meter.SetStage("checking");  // a new leg: its rate comes when it has counted some
  EXPECT_EQ(meter.Line(), "data import: 250 of 1,000 rows (25%) · checking");
  clock.Advance(1000);
  meter.Update(500, 1000);
  EXPECT_EQ(meter.Line(),
            "data import: 500 of 1,000 rows (50%) · 250 rows/s · 2 s left · checking");
  EXPECT_EQ(meter.done(), 500u);
  EXPECT_EQ(meter.total(), 1000u);
}

TEST(ProgressMeter, ANewStageOrACountStartingAgainBeginsANewLeg) {
  ManualTickClock clock;
  ProgressMeter meter(kRows, clock);
  meter.Update(1000, 1000);
  clock.Advance(1000);
  EXPECT_EQ(meter.Line(), "data import: 1,000 of 1,000 rows (100%) · 1.0 k rows/s");
  meter.SetStage("saving");
  clock.Advance(5000);  // no rate for a leg that has counted nothing
  EXPECT_EQ(meter.Line(), "data import: 1,000 of 1,000 rows (100%) · saving");
  meter.SetStage("saving");  // the same stage again goes on with the leg
  meter.Update(100, 1000);   // counted again from the start
  clock.Advance(1000);
  meter.Update(300, 1000);
  EXPECT_EQ(meter.Line(), "data import: 300 of 1,000 rows (30%) · 200 rows/s · 4 s left · saving");
}

TEST(ProgressMeter, ThrottlesToTenLinesASecondButAlwaysShowsTheFinalLine) {
  ManualTickClock clock;
  ProgressMeter meter(kRows, clock);
  meter.Update(1, 100);
  ASSERT_TRUE(meter.Due(false));  // the first line is due at once
  EXPECT_EQ(meter.Poll(false), "data import: 1 of 100 rows (1%)");
  meter.Update(2, 100);
  EXPECT_FALSE(meter.Due(false));
  EXPECT_FALSE(meter.Poll(false));
  clock.Advance(ProgressMeter::kMinIntervalMs - 1);
  EXPECT_FALSE(meter.Poll(false));
  EXPECT_TRUE(meter.Due(true));  // the final line is never held back
  clock.Advance(1);
  EXPECT_EQ(meter.Poll(false), "data import: 2 of 100 rows (2%)");
  meter.Update(100, 100);
  EXPECT_FALSE(meter.Poll(false));  // just shown
  EXPECT_EQ(meter.Poll(true), "data import: 100 of 100 rows (100%)");
}

TEST(ProgressMeter, AtMostTenLinesInASecondOfCalls) {
  ManualTickClock clock;
  ProgressMeter meter(kRows, clock);
  int shown = 0;
  for (int ms = 0; ms < 1000; ++ms) {
    meter.Update(static_cast<std::uint64_t>(ms), 1000);
    if (meter.Poll(false)) ++shown;
    clock.Advance(1);
  }
  EXPECT_EQ(shown, 10);
}

// Records every call, for ProgressPart.
class Recorder final : public Progress {
 public:
  void Advance(std::uint64_t done, std::uint64_t total) override {
    calls.emplace_back(done, total);
  }
  void Stage(std::string_view name) override { stages.emplace_back(name); }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
  std::vector<std::string> stages;
};

TEST(ProgressPart, CountsAfterItsOffsetOfTheWhole) {
  Recorder whole;
  ProgressPart first(&whole, 0, 130);
  ProgressPart second(&whole, 100, 130);
  first.Advance(100, 100);
  second.Advance(7, 30);
  second.Stage("sensitivity");
  EXPECT_EQ(whole.calls,
            (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{100, 130}, {107, 130}}));
  EXPECT_EQ(whole.stages, std::vector<std::string>{"sensitivity"});
  ProgressPart orphan(nullptr, 5, 10);
  orphan.Advance(1, 2);  // no whole: nothing happens, nothing fails
  orphan.Stage("x");
  AdvanceProgress(nullptr, 1, 2);
  AdvanceProgress(&whole, 3, 4);
  EXPECT_EQ(whole.calls.back(), (std::pair<std::uint64_t, std::uint64_t>{3, 4}));
}

}  // namespace
}  // namespace waymark
