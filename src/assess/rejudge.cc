// Judging from the store, one indicator at a time (Store::JudgeAndSave): every indicator, or
// only those whose figures changed.
#include "assess/rejudge.h"

#include <map>

#include "assess/engine.h"
#include "assess/geography.h"

namespace waymark::assess {
namespace {

// Judges `indicator_ids` (every stored judgement replaced when `everything`) with the stored
// catalogue, areas and comparator groups.
Result<RejudgeStats> Judge(store::Store& store, const std::vector<std::string>& indicator_ids,
                           bool everything, Progress* progress) {
  RejudgeStats stats;
  // Read before the figures: a change committed after that keeps its mark.
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t marks_up_to, store.LastJudgeMark());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> catalogue, store.ListIndicators());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Area> areas, store.ListAreas());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<ComparatorGroup> groups, store.ListComparatorGroups());
  const Geography geography(areas, groups);
  std::map<std::string_view, const Indicator*> by_id;
  for (const Indicator& i : catalogue) by_id.emplace(i.id, &i);
  const auto judge = [&](std::string_view id,
                         const std::vector<Observation>& read) -> Result<std::vector<Assessment>> {
    const auto it = by_id.find(id);
    if (it == by_id.end()) return std::vector<Assessment>{};  // not catalogued: none
    std::vector<Assessment> rows = AssessIndicator(*it->second, read, geography);
    ++stats.indicators;
    stats.assessments += rows.size();
    return rows;
  };
  WAYMARK_TRY(store.JudgeAndSave(indicator_ids, everything, judge, progress, marks_up_to));
  return stats;
}

}  // namespace

Result<RejudgeStats> RejudgeIndicators(store::Store& store,
                                       const std::vector<std::string>& indicator_ids,
                                       Progress* progress) {
  if (indicator_ids.empty()) return RejudgeStats{};
  return Judge(store, indicator_ids, false, progress);
}

Result<RejudgeStats> JudgeEverything(store::Store& store, Progress* progress) {
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> catalogue, store.ListIndicators());
  std::vector<std::string> ids;
  ids.reserve(catalogue.size());
  for (const Indicator& i : catalogue) ids.push_back(i.id);
  return Judge(store, ids, true, progress);
}

}  // namespace waymark::assess
