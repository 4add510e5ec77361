// Reading the indicator snapshot from the store; a failed read is reported, never kept.
#include "web/indicator_source.h"

#include <exception>

namespace waymark::web {
namespace {

using Data = std::shared_ptr<const report::IndicatorData>;

// Everything the snapshot holds, read under the store's lock and grouped outside it. Library
// exceptions (memory, a corrupt row) are turned into an error here, at the adapter.
Result<Data> ReadData(PlanSource& plans) {
  struct Raw {
    std::vector<Indicator> indicators;
    std::vector<Area> areas;
    std::vector<ComparatorGroup> groups;
    std::vector<Assessment> assessments;
    std::vector<AreaBoundary> boundaries;
  };
  try {
    auto raw = plans.WithStore([](store::Store& store) -> Result<Raw> {
      Raw r;
      WAYMARK_ASSIGN_OR_RETURN(r.indicators, store.ListIndicators());
      WAYMARK_ASSIGN_OR_RETURN(r.areas, store.ListAreas());
      WAYMARK_ASSIGN_OR_RETURN(r.groups, store.ListComparatorGroups());
      WAYMARK_ASSIGN_OR_RETURN(r.assessments, store.ListHeadlineAssessments());
      WAYMARK_ASSIGN_OR_RETURN(r.boundaries, store.ListBoundaries());
      return r;
    });
    if (!raw) return tl::unexpected(raw.error());
    return std::make_shared<const report::IndicatorData>(
        std::move(raw->indicators), std::move(raw->areas), std::move(raw->groups),
        std::move(raw->assessments), raw->boundaries);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal,
                     std::string("reading the indicator figures failed: ") + e.what());
  }
}

}  // namespace

IndicatorSnapshot IndicatorSource::Get() {
  std::unique_lock lock(mu_);
  if (read_ && loading_) return current_;
  lock.unlock();
  // The figures' data version, moved by any node or command that changed them; when it cannot
  // be read, the snapshot is read again (and a failure of that is reported).
  const auto version = plans_.WithStore(
      [](store::Store& store) { return store.DataVersion(store::DataTopic::kFigures); });
  lock.lock();
  const auto now = std::chrono::steady_clock::now();
  const bool fresh =
      now - read_at_ < refresh_ && read_for_ == changes_ && version && *version == read_version_;
  if (read_ && (loading_ || fresh)) return current_;
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
  read_at_ = now;
  read_for_ = reading_for;
  read_version_ = version.value_or(-1);
  ++current_.generation;
  current_.data = std::move(*data);
  current_.failure.reset();
  current_.readable = true;
  return current_;
}

void IndicatorSource::Invalidate() {
  std::lock_guard lock(mu_);
  ++changes_;
}

Answer<IndicatorSnapshot> SnapshotFor(IndicatorSource& source, const Request& request) {
  IndicatorSnapshot snapshot = source.Get();
  if (snapshot.readable) return snapshot;
  return Refuse(request, 503,
                "The figures could not be read from the database just now. Try again in a "
                "minute; if this persists, tell the site's administrator.");
}

}  // namespace waymark::web
