// The status line of long work and when to show it, with no I/O: a ProgressMeter keeps how much
// of a named piece of work is done (and of how much, when that is known), the time it started on
// an injected TickClock, and makes the line a terminal shows, e.g.
//   data import: 412.3 MB of 1.2 GB (34%) · 95.1 MB/s · 8 s left
//   assess: 1,234,567 of 5,000,000 observations (24%) · 1.9 M observations/s · 3 s left
//   report plan: 2 of 4 steps (50%) · rendering the PDF
// The rate and the time left appear once kRateAfterMs has passed; they count from the start of
// the current leg of the work, which a new stage or a count that starts again begins. A new
// line is due at most every kMinIntervalMs, the final one always. Numbers have thousands
// separators; times left read `45 s`, `3 min 20 s`, `1 h 5 min`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

// Milliseconds on a clock that only moves forwards, from an arbitrary start: for timing work.
// (Clock, in whole seconds since the epoch, is for stamping records.) Injected so tests can step
// it.
class TickClock {
 public:
  virtual ~TickClock() = default;
  virtual std::int64_t NowMilliseconds() const = 0;
};

// std::chrono::steady_clock.
class SteadyTickClock final : public TickClock {
 public:
  std::int64_t NowMilliseconds() const override;
};

// Stands still until told to move; for tests.
class ManualTickClock final : public TickClock {
 public:
  explicit ManualTickClock(std::int64_t now = 0) : now_(now) {}
  std::int64_t NowMilliseconds() const override { return now_; }
  void Advance(std::int64_t milliseconds) { now_ += milliseconds; }

 private:
  std::int64_t now_;
};

// How the work is counted: in units of its own (rows, observations, runs, steps), or in bytes
// (shown as kB, MB, GB).
enum class ProgressMeasure { kCount, kBytes };

struct ProgressSpec {
  std::string name;  // the work, e.g. "data import"
  std::string unit;  // the plural unit, e.g. "rows" (kCount only)
  ProgressMeasure measure = ProgressMeasure::kCount;
  bool show_rate = true;  // false for steps of unequal length, whose rate means nothing
};

// The line for `done` of `total` (0: not known), with the stage under way ("" for none), the
// rate being what was done above `counted_from` in `elapsed_ms`. With nothing counted yet
// (done and total 0) and a stage, the line is the stage alone.
std::string ProgressLine(const ProgressSpec& spec, std::uint64_t done, std::uint64_t total,
                         const std::string& stage, std::int64_t elapsed_ms,
                         std::uint64_t counted_from = 0);

// `line` cut to fit a terminal `columns` wide without wrapping: at most columns − 1 characters
// (code points; the lines are of one-column characters), the last of them "…" when cut. Whole
// when `columns` is 0 (not known).
std::string FitToColumns(std::string_view line, std::size_t columns);

// 1,234,567.
std::string FormatCount(std::uint64_t n);
// A rate per second with k, M or G for thousands, millions, billions: "950", "12.5 k", "1.9 M";
// one decimal below 10 ("2.5").
std::string FormatRate(double per_second);
// A size in bytes: "512 bytes", "12.5 kB", "412.3 MB", "1.2 GB" (powers of 1,000).
std::string FormatBytes(double bytes);
// A time left in whole seconds: "45 s", "3 min 20 s", "3 min", "1 h 5 min", "2 h".
std::string FormatTimeLeft(std::uint64_t seconds);

class ProgressMeter {
 public:
  static constexpr std::int64_t kMinIntervalMs = 100;  // at most ten lines a second
  static constexpr std::int64_t kRateAfterMs = 1000;   // before this the rate means little

  // Starts the work (its first leg) now, by `clock` (which must outlive the meter).
  ProgressMeter(ProgressSpec spec, const TickClock& clock);

  // A count below the last one starts a new leg (the next part of the work, counted afresh).
  void Update(std::uint64_t done, std::uint64_t total);
  // A stage other than the current one starts a new leg.
  void SetStage(std::string stage);

  // Whether a new line is due: the first, then one at least kMinIntervalMs after the last shown;
  // the final line (`final`) always.
  bool Due(bool final) const;
  // The line as of now.
  std::string Line() const;
  // The line when one is due, noted as shown; nullopt when not due.
  std::optional<std::string> Poll(bool final);

  std::uint64_t done() const { return done_; }
  std::uint64_t total() const { return total_; }

 private:
  ProgressSpec spec_;
  const TickClock& clock_;
  std::int64_t leg_ms_;                   // when the current leg began
  std::uint64_t leg_done_ = 0;            // and the count then
  std::optional<std::int64_t> shown_ms_;  // when the last line was shown
  std::uint64_t done_ = 0;
  std::uint64_t total_ = 0;
  std::string stage_;
};

}  // namespace waymark
