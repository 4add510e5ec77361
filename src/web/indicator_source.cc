// Reading the indicator snapshots from the store; a failed read is reported, never kept.
#include "web/indicator_source.h"

#include <algorithm>
#include <exception>

#include "web/cache_policy.h"

namespace waymark::web {
namespace {

using Data = std::shared_ptr<const report::IndicatorData>;

// The parts read by `read` under the store's lock (made into a snapshot outside it). Library
// exceptions (memory, a corrupt row) are turned into an error here, at the adapter.
template <typename Read>
Result<IndicatorParts> ReadLocked(PlanSource& plans, std::string_view what, const Read& read) {
  try {
    return plans.WithStore(read);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal,
                     "reading the figures of " + std::string(what) + " failed: " + e.what());
  }
}

Result<Data> ReadData(PlanSource& plans) {
  WAYMARK_ASSIGN_OR_RETURN(IndicatorParts parts,
                           ReadLocked(plans, "every indicator", [](store::Store& store) {
                             return ReadIndicatorParts(store, "", true);
                           }));
  return std::make_shared<const report::IndicatorData>(std::move(parts).Make());
}

}  // namespace

Result<std::int64_t> IndicatorSource::Version() {
  // The figures' data version, moved by any node or command that changed them; when it cannot
  // be read, the snapshot is read again (and a failure of that is reported).
  return plans_.WithStore(
      [](store::Store& store) { return store.DataVersion(store::DataTopic::kFigures); });
}

bool IndicatorSource::Fresh(const Stamp& stamp, std::chrono::steady_clock::time_point now,
                            const Result<std::int64_t>& version) const {
  return now - stamp.at < refresh_ && stamp.changes == changes_ && version &&
         *version == stamp.version;
}

IndicatorSnapshot IndicatorSource::Get() {
  {
    std::lock_guard lock(mu_);
    if (read_ && loading_) return current_;
  }
  return GetWith(Version());
}

IndicatorSnapshot IndicatorSource::GetAt(std::int64_t figures_version) {
  return GetWith(figures_version);
}

IndicatorSnapshot IndicatorSource::GetWith(const Result<std::int64_t>& version) {
  std::unique_lock lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (read_ && (loading_ || Fresh(stamp_, now, version))) return current_;
  if (loading_) {
    loaded_.wait(lock, [this] { return !loading_; });
    return current_;
  }
  loading_ = true;
  const std::uint64_t reading_for = changes_;
  lock.unlock();
  Result<Data> data = ReadData(plans_);
  lock.lock();
  loading_ = false;
  loaded_.notify_all();
  if (!data) {
    // Not kept: read_at_ stays as it was, so the next request reads again.
    current_.failure = data.error();
    if (current_.data == nullptr) current_.data = std::make_shared<const report::IndicatorData>();
    return current_;
  }
  read_ = true;
  singles_.clear();  // the whole answers for each of them now
  stamp_ = Stamp{now, reading_for, version.value_or(-1)};
  current_.generation = ++generations_;
  current_.data = std::move(*data);
  current_.failure.reset();
  current_.readable = true;
  return current_;
}

IndicatorSnapshot IndicatorSource::Get(std::string_view indicator) {
  const auto version = Version();
  std::unique_lock lock(mu_);
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    if (read_ && Fresh(stamp_, now, version)) return current_;
    if (const auto it = singles_.find(indicator);
        it != singles_.end() && Fresh(it->second.stamp, now, version)) {
      return it->second.snapshot;
    }
    // One read of an indicator at a time: the others asking for it wait for that one.
    if (!reading_.contains(indicator)) break;
    loaded_.wait(lock);
  }
  if (singles_.size() + reading_.size() >= kCachedIndicators) {
    lock.unlock();
    return Get();
  }
  return ReadSingle(lock, indicator, version);
}

IndicatorSnapshot IndicatorSource::ReadSingle(std::unique_lock<std::mutex>& lock,
                                              std::string_view indicator,
                                              const Result<std::int64_t>& version) {
  const auto now = std::chrono::steady_clock::now();
  const std::uint64_t reading_for = changes_;
  const bool with_base = !base_ || !Fresh(base_->stamp, now, version);
  const std::string id(indicator);
  reading_.insert(id);
  lock.unlock();
  Result<IndicatorParts> read =
      ReadLocked(plans_, "indicator '" + id + "'",
                 [&](store::Store& store) { return ReadIndicatorParts(store, id, with_base); });
  std::shared_ptr<const report::AreaSet> places;
  if (read && with_base) {
    places = std::make_shared<const report::AreaSet>(std::move(read->areas),
                                                     std::move(read->groups), read->boundaries);
  }
  lock.lock();
  reading_.erase(id);
  loaded_.notify_all();
  if (!read) {
    // Not kept: the last good snapshot of it (else of everything) is answered with the failure.
    const auto it = singles_.find(id);
    IndicatorSnapshot failed = it != singles_.end() ? it->second.snapshot : current_;
    failed.failure = read.error();
    if (failed.data == nullptr) failed.data = std::make_shared<const report::IndicatorData>();
    return failed;
  }
  const Stamp stamp{now, reading_for, version.value_or(-1)};
  if (with_base) base_ = Base{std::move(places), std::move(read->indicators), stamp};
  std::vector<Indicator> mine;
  const auto known = std::find_if(base_->catalogue.begin(), base_->catalogue.end(),
                                  [&](const Indicator& i) { return i.id == id; });
  if (known != base_->catalogue.end()) mine.push_back(*known);
  IndicatorSnapshot snapshot;
  snapshot.data = std::make_shared<const report::IndicatorData>(base_->places, std::move(mine),
                                                                std::move(read->judgements));
  snapshot.generation = ++generations_;
  snapshot.readable = true;
  if (known == base_->catalogue.end()) return snapshot;  // not kept: no such indicator
  singles_[id] = Single{snapshot, stamp};
  return snapshot;
}

std::size_t IndicatorSource::CachedIndicators() {
  std::lock_guard lock(mu_);
  return singles_.size();
}

void IndicatorSource::Invalidate() {
  std::lock_guard lock(mu_);
  ++changes_;
}

Response KeptAnswer(IndicatorSource& source, const IndicatorSnapshot& snapshot,
                    const Request& request, const std::function<Response(bool& keep)>& answer) {
  const std::string key = std::to_string(snapshot.generation) + "\n" + request.target;
  return source.Answers().Answer(key, [&](bool& keep) {
    Response res = answer(keep);
    // Its ETag hashed once, with it (the account bar filled in later is folded in then).
    if (keep && res.status == 200 && !res.Get("ETag")) res.Set("ETag", BodyEtag(res.body));
    return res;
  });
}

namespace {

tl::unexpected<Response> Unreadable(const Request& request) {
  return Refuse(request, 503,
                "The figures could not be read from the database just now. Try again in a "
                "minute; if this persists, tell the site's administrator.");
}

}  // namespace

Result<IndicatorParts> ReadIndicatorParts(store::Store& store, std::string_view indicator,
                                          bool with_base) {
  IndicatorParts parts;
  if (with_base) {
    WAYMARK_ASSIGN_OR_RETURN(parts.indicators, store.ListIndicators());
    WAYMARK_ASSIGN_OR_RETURN(parts.areas, store.ListAreas());
    WAYMARK_ASSIGN_OR_RETURN(parts.groups, store.ListComparatorGroups());
    WAYMARK_ASSIGN_OR_RETURN(parts.boundaries, store.ListBoundaries());
  }
  if (!indicator.empty()) {
    WAYMARK_ASSIGN_OR_RETURN(parts.judgements[std::string(indicator)],
                             store.ListHeadlineAssessments(indicator));
    return parts;
  }
  if (!with_base) {
    WAYMARK_ASSIGN_OR_RETURN(parts.indicators, store.ListIndicators());
  }
  for (const Indicator& i : parts.indicators) {
    WAYMARK_ASSIGN_OR_RETURN(parts.judgements[i.id], store.ListHeadlineAssessments(i.id));
  }
  return parts;
}

report::IndicatorData IndicatorParts::Make() && {
  return report::IndicatorData(
      std::make_shared<const report::AreaSet>(std::move(areas), std::move(groups), boundaries),
      std::move(indicators), std::move(judgements));
}

Answer<IndicatorSnapshot> SnapshotFor(IndicatorSource& source, const Request& request) {
  IndicatorSnapshot snapshot = source.Get();
  if (snapshot.readable) return snapshot;
  return Unreadable(request);
}

Answer<IndicatorSnapshot> SnapshotFor(IndicatorSource& source, const Request& request,
                                      std::string_view indicator) {
  IndicatorSnapshot snapshot = source.Get(indicator);
  if (snapshot.readable) return snapshot;
  return Unreadable(request);
}

}  // namespace waymark::web
