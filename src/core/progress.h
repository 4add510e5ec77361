// Progress of long work, as the layers below the command line report it: a receiver they call
// now and then with how much is done, knowing nothing of terminals. The command line shows it
// (cli/progress_display.h); everywhere else the receiver is absent (nullptr) and nothing is
// done. ProgressMeter (core/progress_meter.h) turns the counts into a status line.
#pragma once

#include <cstdint>
#include <string_view>

namespace waymark {

class Progress {
 public:
  virtual ~Progress() = default;
  // `done` units of the work so far, of `total` (0: not known). Called from one thread at a
  // time, as often as the work likes (every few thousand rows, not every row): the receiver
  // decides when to show it.
  virtual void Advance(std::uint64_t done, std::uint64_t total) = 0;
  // The part of the work now under way, e.g. "rendering the PDF"; shown beside the count.
  virtual void Stage(std::string_view name) { static_cast<void>(name); }
};

// Advances `progress` when there is one.
inline void AdvanceProgress(Progress* progress, std::uint64_t done, std::uint64_t total) {
  if (progress != nullptr) progress->Advance(done, total);
}

// One part of a larger piece of work: `done` of the part counts as `offset + done` of `whole`
// units in all (e.g. the Monte Carlo runs, then the sensitivity runs after them).
class ProgressPart final : public Progress {
 public:
  ProgressPart(Progress* whole, std::uint64_t offset, std::uint64_t total)
      : whole_(whole), offset_(offset), total_(total) {}
  void Advance(std::uint64_t done, std::uint64_t /*part_total*/) override {
    AdvanceProgress(whole_, offset_ + done, total_);
  }
  void Stage(std::string_view name) override {
    if (whole_ != nullptr) whole_->Stage(name);
  }

 private:
  Progress* whole_;
  std::uint64_t offset_;
  std::uint64_t total_;
};

}  // namespace waymark
