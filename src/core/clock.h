// Clock: the one source of "now" for the program, injected so that tests are deterministic.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace waymark {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual std::int64_t NowUnixSeconds() const = 0;
  // Milliseconds since the Unix epoch; clocks that know only seconds give whole seconds.
  virtual std::int64_t NowUnixMillis() const { return NowUnixSeconds() * 1000; }
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowUnixSeconds() const override;
  std::int64_t NowUnixMillis() const override;
};

// A clock that stands still until told to move; for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t now) : now_(now) {}
  std::int64_t NowUnixSeconds() const override { return now_; }
  void Advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::int64_t now_;
};

// ISO 8601 UTC timestamp, e.g. "2026-11-22T20:15:00Z".
std::string FormatUtc(std::int64_t unix_seconds);

}  // namespace waymark
