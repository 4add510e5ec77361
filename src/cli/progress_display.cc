// The terminal's progress line: written with "\r" and erased with the ANSI "erase to the end of
// the line" sequence, which every terminal in use understands.
#include "cli/progress_display.h"

#include <utility>

namespace waymark::cli {
namespace {

constexpr std::string_view kEraseLine = "\x1b[K";

}  // namespace

ProgressDisplay::ProgressDisplay(std::ostream& out, ProgressSpec spec, const TickClock& clock,
                                 std::size_t columns)
    : out_(out), meter_(std::move(spec), clock), columns_(columns) {}

ProgressDisplay::~ProgressDisplay() { Clear(); }

void ProgressDisplay::Advance(std::uint64_t done, std::uint64_t total) {
  meter_.Update(done, total);
  if (auto line = meter_.Poll(false)) Show(*line);
}

void ProgressDisplay::Stage(std::string_view name) {
  meter_.SetStage(std::string(name));
  if (auto line = meter_.Poll(true)) Show(*line);
}

void ProgressDisplay::Step(std::uint64_t done, std::uint64_t total, std::string_view stage) {
  meter_.Update(done, total);
  Stage(stage);
}

void ProgressDisplay::Clear() {
  if (!showing_) return;
  out_ << '\r' << kEraseLine << std::flush;
  showing_ = false;
}

void ProgressDisplay::Finish() {
  meter_.SetStage("");
  if (auto line = meter_.Poll(true)) Show(*line);
  Clear();
}

void ProgressDisplay::Show(const std::string& line) {
  out_ << '\r' << FitToColumns(line, columns_) << kEraseLine << std::flush;
  showing_ = true;
}

std::unique_ptr<ProgressDisplay> StartProgress(const Context& ctx, ProgressSpec spec) {
  if (!ctx.stderr_is_terminal || ctx.quiet || ctx.err == nullptr) return nullptr;
  static const SteadyTickClock clock;
  return std::make_unique<ProgressDisplay>(*ctx.err, std::move(spec), clock, ctx.terminal_columns);
}

}  // namespace waymark::cli
