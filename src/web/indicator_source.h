// Indicator figures for the web server: one immutable snapshot of the catalogue, the areas and
// every assessment, read through PlanSource's serialised store and shared with the request
// threads. It is read on first use (callers wait for it) and again when the figures' data
// version has moved (store.h's DataTopic: a change through any node or command), or once it
// is older than the refresh interval; during a re-read the other requests keep using the
// previous snapshot. A
// read that fails is never kept: the last good snapshot stays in use, the failure is reported
// with it, and the next request reads again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "report/indicator_data.h"
#include "web/plan_source.h"
#include "web/route_kit.h"

namespace waymark::web {

struct IndicatorSnapshot {
  std::shared_ptr<const report::IndicatorData> data;  // never null: the last good read, or empty
  std::uint64_t generation = 0;                       // changes whenever the snapshot is read again
  // Why the last read failed, when it did; `data` is then the last good read. With no good
  // read yet (`readable` false), the empty `data` means "unreadable", never "no figures".
  std::optional<Error> failure;
  bool readable = false;
};

class IndicatorSource {
 public:
  explicit IndicatorSource(PlanSource& plans,
                           std::chrono::milliseconds refresh = std::chrono::minutes(5))
      : plans_(plans), refresh_(refresh) {}

  IndicatorSnapshot Get();
  // The plans' store the snapshot is read through (for pages that read more from it).
  PlanSource& Plans() const { return plans_; }
  // Marks the snapshot out of date (after the server itself changed figures or judgements):
  // the next Get() reads the store again, whatever the refresh interval.
  void Invalidate();

 private:
  PlanSource& plans_;
  std::chrono::milliseconds refresh_;
  std::mutex mu_;
  IndicatorSnapshot current_;
  std::chrono::steady_clock::time_point read_at_;
  bool read_ = false;
  bool loading_ = false;
  std::uint64_t changes_ = 0;   // Invalidate() calls so far
  std::uint64_t read_for_ = 0;  // the value of changes_ when the current snapshot was read
  std::int64_t read_version_ = -1;  // the figures' data version read just before it
  std::condition_variable loaded_;
};

// The current snapshot for a page or an API answer to `request`, or its 503 answer when the
// figures have never been read successfully (an unreadable database is not "no figures").
Answer<IndicatorSnapshot> SnapshotFor(IndicatorSource& source, const Request& request);

}  // namespace waymark::web
