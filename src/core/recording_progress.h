// A Progress receiver for tests: keeps every report in order, and whether each came on the
// thread that made it.
#pragma once

#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

#include "core/progress.h"

namespace waymark {

class RecordingProgress final : public Progress {
 public:
  void Advance(std::uint64_t done, std::uint64_t total) override {
    calls.emplace_back(done, total);
    same_thread = same_thread && std::this_thread::get_id() == caller;
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;  // (done, total), in order
  std::thread::id caller = std::this_thread::get_id();         // the thread that made it
  bool same_thread = true;  // every report came on `caller`
};

}  // namespace waymark
