// Indicator figures for the web server: immutable snapshots of the catalogue, the areas and the
// headline judgements, read through PlanSource's serialised store and shared with the request
// threads. The whole snapshot (every indicator, for pages that list or compare them) is read on
// first use (callers wait for it); a page about one indicator asks for that one alone, which is
// read by itself (with the areas, read once) unless the whole snapshot is up to date, so that a
// server starts answering at once however many indicators the store holds. Up to
// kCachedIndicators are kept; a page about one more reads the whole snapshot instead, which
// then answers for every indicator (a server asked about many indicators holds them all once,
// not a cache that misses at each turn). Each is read again when the figures' data version has
// moved (store.h's DataTopic: a change through any node or command), or once it is older than the
// refresh interval; during a re-read of the whole the other requests keep using the previous
// one. A read that fails is never kept: the last good snapshot stays in use, the failure is
// reported with it, and the next request reads again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "report/indicator_data.h"
#include "store/store.h"
#include "web/page_cache.h"
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

// What indicator snapshots are made of, as read from the store.
struct IndicatorParts {
  std::vector<Indicator> indicators;  // the whole catalogue
  std::vector<Area> areas;
  std::vector<ComparatorGroup> groups;
  std::vector<AreaBoundary> boundaries;
  // The headline judgements (Store::ListHeadlineAssessments) of each indicator read.
  report::JudgementsByIndicator judgements;

  // Every part in one snapshot (outlines parsed, judgements grouped by indicator).
  report::IndicatorData Make() &&;
};

// The headline judgements of `indicator` (of every catalogued one when "", read an indicator at
// a time), with the catalogue, the areas, their comparator groups and outlines when `with_base`
// (always with "").
Result<IndicatorParts> ReadIndicatorParts(store::Store& store, std::string_view indicator,
                                          bool with_base);

// How many single indicators' snapshots are kept before the whole snapshot is read instead.
inline constexpr std::size_t kCachedIndicators = 64;

class IndicatorSource {
 public:
  explicit IndicatorSource(PlanSource& plans,
                           std::chrono::milliseconds refresh = std::chrono::minutes(5))
      : plans_(plans), refresh_(refresh) {}

  // Every indicator's series.
  IndicatorSnapshot Get();
  // The same, checked against the figures' data version the caller has just read (a PlanView's)
  // instead of reading it again.
  IndicatorSnapshot GetAt(std::int64_t figures_version);
  // A snapshot holding `indicator`'s series (and perhaps others'): the whole snapshot when it is
  // up to date or kCachedIndicators others are kept, else that indicator's alone; with no
  // series when the catalogue has no such indicator.
  IndicatorSnapshot Get(std::string_view indicator);
  // How many single indicators' snapshots are kept now (at most kCachedIndicators).
  std::size_t CachedIndicators();
  // Answers rendered from the snapshots, kept by the routes (indicator_routes.cc).
  PageCache& Answers() { return answers_; }
  // The plans' store the snapshot is read through (for pages that read more from it).
  PlanSource& Plans() const { return plans_; }
  // Marks the snapshot out of date (after the server itself changed figures or judgements):
  // the next Get() reads the store again, whatever the refresh interval.
  void Invalidate();

 private:
  // When a snapshot was read, and against what.
  struct Stamp {
    std::chrono::steady_clock::time_point at;
    std::uint64_t changes = 0;  // the value of changes_ when it was read
    std::int64_t version = -1;  // the figures' data version read just before it
  };
  struct Single {
    IndicatorSnapshot snapshot;
    Stamp stamp;
  };
  // The areas and the catalogue, read with the first single indicator and shared by the rest.
  struct Base {
    std::shared_ptr<const report::AreaSet> places;
    std::vector<Indicator> catalogue;
    Stamp stamp;
  };

  Result<std::int64_t> Version();
  // Get() against `version` (the figures' data version read just before, or its failure).
  IndicatorSnapshot GetWith(const Result<std::int64_t>& version);
  // Whether what was read at `stamp` is still current (under mu_).
  bool Fresh(const Stamp& stamp, std::chrono::steady_clock::time_point now,
             const Result<std::int64_t>& version) const;
  // Reads `indicator` alone and keeps it (called with `lock` held; releases it while reading).
  IndicatorSnapshot ReadSingle(std::unique_lock<std::mutex>& lock, std::string_view indicator,
                               const Result<std::int64_t>& version);

  PlanSource& plans_;
  std::chrono::milliseconds refresh_;
  std::mutex mu_;
  IndicatorSnapshot current_;
  Stamp stamp_;
  bool read_ = false;
  bool loading_ = false;
  std::uint64_t changes_ = 0;      // Invalidate() calls so far
  std::uint64_t generations_ = 0;  // snapshots read so far
  std::condition_variable loaded_;
  std::map<std::string, Single, std::less<>> singles_;
  std::set<std::string, std::less<>> reading_;  // single indicators being read
  std::optional<Base> base_;
  PageCache answers_{128};
};

// The current snapshot for a page or an API answer to `request`, or its 503 answer when the
// figures have never been read successfully (an unreadable database is not "no figures").
Answer<IndicatorSnapshot> SnapshotFor(IndicatorSource& source, const Request& request);
// The same for a page or answer about `indicator` alone (IndicatorSource::Get(indicator)).
Answer<IndicatorSnapshot> SnapshotFor(IndicatorSource& source, const Request& request,
                                      std::string_view indicator);

// `answer(keep)` to `request`, kept with the snapshot it was made from (source.Answers(), by
// the snapshot's generation and the address) and given again while that snapshot is the one in
// use: the same address over the same figures gives the same answer, rendered once, with an
// ETag hashed from its body once. Only a 200 whose `keep` stayed set (nothing in it failed to
// be read) is kept.
Response KeptAnswer(IndicatorSource& source, const IndicatorSnapshot& snapshot,
                    const Request& request, const std::function<Response(bool& keep)>& answer);

}  // namespace waymark::web
