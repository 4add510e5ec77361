// Re-judging a few indicators from the store.
#include "assess/rejudge.h"

#include <algorithm>

#include "assess/engine.h"
#include "assess/geography.h"

namespace waymark::assess {

Result<RejudgeStats> RejudgeIndicators(store::Store& store,
                                       const std::vector<std::string>& indicator_ids,
                                       Progress* progress) {
  RejudgeStats stats;
  if (indicator_ids.empty()) return stats;
  // Read before the figures: a change committed after that keeps its mark.
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t marks_up_to, store.LastJudgeMark());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> catalogue, store.ListIndicators());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Area> areas, store.ListAreas());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<ComparatorGroup> groups, store.ListComparatorGroups());
  const Geography geography(areas, groups);
  std::vector<Assessment> judged;
  std::size_t looked_at = 0;
  for (const std::string& id : indicator_ids) {
    AdvanceProgress(progress, looked_at++, indicator_ids.size());
    const auto it = std::find_if(catalogue.begin(), catalogue.end(),
                                 [&](const Indicator& i) { return i.id == id; });
    if (it == catalogue.end()) continue;
    WAYMARK_ASSIGN_OR_RETURN(const std::vector<Observation> observations,
                             store.LoadObservations(id));
    std::vector<Assessment> rows = AssessIndicator(*it, observations, geography);
    judged.insert(judged.end(), std::make_move_iterator(rows.begin()),
                  std::make_move_iterator(rows.end()));
    ++stats.indicators;
  }
  AdvanceProgress(progress, looked_at, indicator_ids.size());
  WAYMARK_TRY(store.ReplaceAssessments(indicator_ids, judged, marks_up_to));
  stats.assessments = judged.size();
  return stats;
}

}  // namespace waymark::assess
