// The progress of long work on a terminal: one status line on standard error (a ProgressMeter's,
// core/progress_meter.h), rewritten in place ("\r", the line cut to the terminal's width, then
// erase to the end of the line) at most ten times a second, and cleared when the work ends, so
// that what the command prints next starts on a clean line. StartProgress gives one only when
// standard error is a terminal and --quiet was not given; otherwise nothing is written at all.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/cli.h"
#include "core/progress.h"
#include "core/progress_meter.h"

namespace waymark::cli {

class ProgressDisplay final : public Progress {
 public:
  // Writes to `out`, lines of at most `columns` − 1 characters (0: any length), timed by `clock`
  // (which must outlive the display).
  ProgressDisplay(std::ostream& out, ProgressSpec spec, const TickClock& clock,
                  std::size_t columns = 0);
  // Clears the line if it is shown (when the work stopped early, before its error is printed).
  ~ProgressDisplay() override;
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  void Advance(std::uint64_t done, std::uint64_t total) override;
  // A new stage is shown at once.
  void Stage(std::string_view name) override;
  // The count and the stage together (the next of a few steps), shown at once.
  void Step(std::uint64_t done, std::uint64_t total, std::string_view stage);
  // Clears the line, for something else to be written to the terminal; the next line shows it
  // again.
  void Clear();
  // Shows the final line (the count as it stands, without a stage), then clears it.
  void Finish();

 private:
  void Show(const std::string& line);

  std::ostream& out_;
  ProgressMeter meter_;
  std::size_t columns_;
  bool showing_ = false;
};

// A display of `spec` on ctx.err, or nullptr (no progress) when standard error is not a terminal
// or with --quiet.
std::unique_ptr<ProgressDisplay> StartProgress(const Context& ctx, ProgressSpec spec);

}  // namespace waymark::cli
