// Where a plan's actions stand in the current cycle (see progress.h).
#include "report/progress.h"

#include <algorithm>

#include "core/plan_lineage.h"

namespace waymark::report {

const ActionProgress* PlanProgress::Find(std::string_view action_id) const {
  for (const ActionProgress& a : actions) {
    if (a.action->id == action_id) return &a;
  }
  return nullptr;
}

const StatusCounts* PlanProgress::CountsOf(std::string_view outcome_id) const {
  const auto it = by_outcome.find(outcome_id);
  return it == by_outcome.end() ? nullptr : &it->second;
}

std::vector<const IndicatorSeries*> ObjectiveIndicators(const IndicatorData& data,
                                                        const Plan& plan,
                                                        const Objective& objective) {
  std::vector<const IndicatorSeries*> out;
  for (const IndicatorSeries& s : data.Series()) {
    if (EvidencesAim(s.indicator, plan, LineageKind::kObjective, objective.id,
                     objective.continues)) {
      out.push_back(&s);
    }
  }
  return out;
}

std::vector<RecentTrend> ObjectiveTrends(const IndicatorData& data, const Plan& plan,
                                         const Objective& objective) {
  std::vector<RecentTrend> trends;
  for (const IndicatorSeries* s : ObjectiveIndicators(data, plan, objective)) {
    const auto rows = data.ForArea(*s, kDefaultArea);
    if (!rows.empty()) trends.emplace_back(rows.back()->recent_trend);
  }
  return trends;
}

ActionPlace FindAction(const Plan& plan, std::string_view action_id) {
  for (const Outcome& outcome : plan.outcomes) {
    for (const Objective& objective : outcome.objectives) {
      for (const Action& action : objective.actions) {
        if (action.id == action_id) return {&outcome, &objective, &action};
      }
    }
  }
  return {};
}

PlanProgress BuildProgress(const Plan& plan, std::span<const ReportingCycle> cycles,
                           std::vector<ActionUpdate> current_updates, const Date& today,
                           const IndicatorData* data) {
  PlanProgress progress;
  progress.today = today;
  if (const ReportingCycle* current = CurrentCycle(cycles)) progress.cycle = *current;
  progress.updates = std::move(current_updates);
  if (!progress.cycle) progress.updates.clear();
  std::map<std::string, const ActionUpdate*, std::less<>> by_action;
  for (const ActionUpdate& u : progress.updates) {
    if (progress.cycle && u.cycle_id == progress.cycle->id) by_action[u.action_id] = &u;
  }
  for (const Outcome& outcome : plan.outcomes) {
    StatusCounts& outcome_counts = progress.by_outcome[outcome.id];
    for (const Objective& objective : outcome.objectives) {
      std::optional<std::vector<RecentTrend>> trends;
      for (const Action& action : objective.actions) {
        ActionProgress a;
        a.outcome = &outcome;
        a.objective = &objective;
        a.action = &action;
        if (progress.cycle) {
          const auto it = by_action.find(action.id);
          a.update = it == by_action.end() ? nullptr : it->second;
          a.standing = StandingOf(*progress.cycle, a.update, today);
          AddToCounts(outcome_counts, a.standing);
          AddToCounts(progress.counts, a.standing);
        }
        if (data != nullptr && a.standing.status) {
          if (!trends) trends = ObjectiveTrends(*data, plan, objective);
          a.disagrees = EvidenceDisagrees(a.standing.status, *trends);
        }
        progress.actions.push_back(a);
      }
    }
  }
  return progress;
}

std::vector<OrganisationCompletion> CompletionByOrganisation(const Plan& plan,
                                                             const PlanProgress& progress) {
  std::vector<OrganisationCompletion> rows;
  std::map<std::string, std::size_t, std::less<>> index;
  for (const Partner& p : plan.partners) {
    index[p.id] = rows.size();
    rows.push_back({p.id, p.name});
  }
  for (const ActionProgress& a : progress.actions) {
    for (const std::string& org : a.action->responsible) {
      auto it = index.find(org);
      if (it == index.end()) {
        it = index.emplace(org, rows.size()).first;
        rows.push_back({org, org});
      }
      OrganisationCompletion& row = rows[it->second];
      ++row.owed;
      if (a.update == nullptr) {
        ++row.missing;
      } else if (a.update->state == UpdateState::kSubmitted) {
        ++row.submitted;
      } else {
        ++row.drafts;
      }
    }
  }
  std::erase_if(rows, [](const OrganisationCompletion& r) { return r.owed == 0; });
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.submitted * b.owed < b.submitted * a.owed;  // least complete first
  });
  return rows;
}

}  // namespace waymark::report
