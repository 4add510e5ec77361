// Reading the indicator snapshot from the store.
#include "web/indicator_source.h"

namespace waymark::web {

IndicatorSnapshot IndicatorSource::Get() {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (read_ && now - read_at_ < refresh_) return current_;
  auto data = plans_.WithStore([](store::Store& store) -> Result<report::IndicatorData> {
    WAYMARK_ASSIGN_OR_RETURN(auto indicators, store.ListIndicators());
    WAYMARK_ASSIGN_OR_RETURN(auto areas, store.ListAreas());
    WAYMARK_ASSIGN_OR_RETURN(auto groups, store.ListComparatorGroups());
    WAYMARK_ASSIGN_OR_RETURN(auto assessments, store.ListAssessments("", ""));
    return report::IndicatorData(std::move(indicators), std::move(areas), std::move(groups),
                                 std::move(assessments));
  });
  read_ = true;
  read_at_ = now;
  ++current_.generation;
  current_.data = std::make_shared<const report::IndicatorData>(data ? std::move(*data)
                                                                     : report::IndicatorData());
  return current_;
}

}  // namespace waymark::web
