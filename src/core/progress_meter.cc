// The status line of long work: the numbers, the rate, the time left and the throttle.
#include "core/progress_meter.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/plain_text.h"

namespace waymark {
namespace {

struct Scale {
  double divisor;
  const char* suffix;
};

// `value` divided by the first scale that keeps it below 1,000 once rounded to one decimal (the
// last scale otherwise), with that scale's suffix.
std::string Scaled(double value, const std::array<Scale, 4>& scales) {
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const double scaled = value / scales[i].divisor;
    if (scaled < 999.95 || i + 1 == scales.size()) {
      return fmt::format("{:.1f}{}", scaled, scales[i].suffix);
    }
  }
  return {};
}

unsigned Percent(std::uint64_t done, std::uint64_t total) {
  if (done >= total) return 100;
  // Never 100% before the end, however close (doubles round 99.9999…% up).
  const double share = 100.0 * static_cast<double>(done) / static_cast<double>(total);
  return std::min(99U, static_cast<unsigned>(share));
}

std::string Amount(const ProgressSpec& spec, std::uint64_t n) {
  if (spec.measure == ProgressMeasure::kBytes) return FormatBytes(static_cast<double>(n));
  return FormatCount(n);
}

std::string RateText(const ProgressSpec& spec, double per_second) {
  if (spec.measure == ProgressMeasure::kBytes) return FormatBytes(per_second) + "/s";
  if (spec.unit.empty()) return FormatRate(per_second) + "/s";
  return FormatRate(per_second) + " " + spec.unit + "/s";
}

}  // namespace

std::int64_t SteadyTickClock::NowMilliseconds() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  using std::chrono::steady_clock;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string FitToColumns(std::string_view line, std::size_t columns) {
  if (columns == 0) return std::string(line);
  const std::size_t room = columns - 1;
  std::size_t characters = 0;
  std::size_t cut = line.size();  // where the room's last character but one ends
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (characters + 1 == room) cut = i;
    if (++characters > room) break;
  }
  if (characters <= room) return std::string(line);
  if (room == 0) return {};
  return std::string(line.substr(0, cut)) + "…";
}

std::string FormatCount(std::uint64_t n) { return Thousands(n); }

std::string FormatRate(double per_second) {
  if (!(per_second > 0)) return "0";
  if (per_second < 9.95) return fmt::format("{:.1f}", per_second);
  if (per_second < 999.5) return fmt::format("{:.0f}", per_second);
  return Scaled(per_second, {{{1e3, " k"}, {1e6, " M"}, {1e9, " G"}, {1e12, " T"}}});
}

std::string FormatBytes(double bytes) {
  if (!(bytes > 0)) return "0 bytes";
  if (bytes < 999.5) {
    const double whole = std::round(bytes);
    return fmt::format("{:.0f} {}", whole, whole == 1 ? "byte" : "bytes");
  }
  return Scaled(bytes, {{{1e3, " kB"}, {1e6, " MB"}, {1e9, " GB"}, {1e12, " TB"}}});
}

std::string FormatTimeLeft(std::uint64_t seconds) {
  if (seconds < 60) return fmt::format("{} s", seconds);
  if (seconds < 3600) {
    const std::uint64_t rest = seconds % 60;
    if (rest == 0) return fmt::format("{} min", seconds / 60);
    return fmt::format("{} min {} s", seconds / 60, rest);
  }
  // To the nearest minute: past an hour the seconds are noise.
  std::uint64_t hours = seconds / 3600;
  std::uint64_t minutes = (seconds % 3600 + 30) / 60;
  if (minutes == 60) {
    ++hours;
    minutes = 0;
  }
  if (minutes == 0) return fmt::format("{} h", hours);
  return fmt::format("{} h {} min", hours, minutes);
}

std::string ProgressLine(const ProgressSpec& spec, std::uint64_t done, std::uint64_t total,
                         const std::string& stage, std::int64_t elapsed_ms,
                         std::uint64_t counted_from) {
  if (done == 0 && total == 0 && !stage.empty()) return spec.name + ": " + stage;
  const bool known = total > 0;
  if (known) done = std::min(done, total);
  const bool finished = known && done == total;
  std::string line = spec.name + ": " + Amount(spec, done);
  if (known) line += " of " + Amount(spec, total);
  if (spec.measure == ProgressMeasure::kCount && !spec.unit.empty()) line += " " + spec.unit;
  if (known) line += fmt::format(" ({}%)", Percent(done, total));
  if (spec.show_rate && done > counted_from && elapsed_ms >= ProgressMeter::kRateAfterMs) {
    const double rate =
        static_cast<double>(done - counted_from) * 1000.0 / static_cast<double>(elapsed_ms);
    line += " · " + RateText(spec, rate);
    if (known && !finished) {
      // A thousand years is as good as forever, and keeps the cast in range.
      const double left = std::min(std::ceil(static_cast<double>(total - done) / rate), 3.2e10);
      line += " · " + FormatTimeLeft(static_cast<std::uint64_t>(left)) + " left";
    }
  }
  if (!stage.empty()) line += " · " + stage;
  return line;
}

ProgressMeter::ProgressMeter(ProgressSpec spec, const TickClock& clock)
    : spec_(std::move(spec)), clock_(clock), leg_ms_(clock.NowMilliseconds()) {}

void ProgressMeter::Update(std::uint64_t done, std::uint64_t total) {
  if (done < done_) {
    leg_ms_ = clock_.NowMilliseconds();
    leg_done_ = done;
  }
  done_ = done;
  total_ = total;
}

void ProgressMeter::SetStage(std::string stage) {
  if (stage == stage_) return;
  stage_ = std::move(stage);
  leg_ms_ = clock_.NowMilliseconds();
  leg_done_ = done_;
}

bool ProgressMeter::Due(bool final) const {
  if (final || !shown_ms_) return true;
  return clock_.NowMilliseconds() - *shown_ms_ >= kMinIntervalMs;
}

std::string ProgressMeter::Line() const {
  return ProgressLine(spec_, done_, total_, stage_, clock_.NowMilliseconds() - leg_ms_, leg_done_);
}

std::optional<std::string> ProgressMeter::Poll(bool final) {
  if (!Due(final)) return std::nullopt;
  shown_ms_ = clock_.NowMilliseconds();
  return Line();
}

}  // namespace waymark
