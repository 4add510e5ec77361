// Reading the indicator snapshot from the store.
#include "web/indicator_source.h"

namespace waymark::web {

IndicatorSnapshot IndicatorSource::Get() {
  std::unique_lock lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  const bool fresh = now - read_at_ < refresh_ && read_for_ == changes_;
  if (read_ && (loading_ || fresh)) return current_;
  if (loading_) {
    loaded_.wait(lock, [this] { return !loading_; });
    return current_;
  }
  loading_ = true;
  const std::uint64_t reading_for = changes_;
  lock.unlock();
  struct Raw {
    std::vector<Indicator> indicators;
    std::vector<Area> areas;
    std::vector<ComparatorGroup> groups;
    std::vector<Assessment> assessments;
    std::vector<AreaBoundary> boundaries;
  };
  auto raw = plans_.WithStore([](store::Store& store) -> Result<Raw> {
    Raw r;
    WAYMARK_ASSIGN_OR_RETURN(r.indicators, store.ListIndicators());
    WAYMARK_ASSIGN_OR_RETURN(r.areas, store.ListAreas());
    WAYMARK_ASSIGN_OR_RETURN(r.groups, store.ListComparatorGroups());
    WAYMARK_ASSIGN_OR_RETURN(r.assessments, store.ListAssessments("", ""));
    WAYMARK_ASSIGN_OR_RETURN(r.boundaries, store.ListBoundaries());
    return r;
  });
  // Grouped outside the store's lock; an unreadable store gives an empty snapshot.
  auto data = raw ? std::make_shared<const report::IndicatorData>(
                        std::move(raw->indicators), std::move(raw->areas), std::move(raw->groups),
                        std::move(raw->assessments), raw->boundaries)
                  : std::make_shared<const report::IndicatorData>();
  lock.lock();
  loading_ = false;
  read_ = true;
  read_at_ = now;
  read_for_ = reading_for;
  ++current_.generation;
  current_.data = std::move(data);
  loaded_.notify_all();
  return current_;
}

void IndicatorSource::Invalidate() {
  std::lock_guard lock(mu_);
  ++changes_;
}

}  // namespace waymark::web
