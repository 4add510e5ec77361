// Plan generations (see plan_lineage.h).
#include "core/plan_lineage.h"

#include <algorithm>
#include <set>

#include "core/plan_lookup.h"

namespace waymark {
namespace {

bool Contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

CarriedAim Carry(LineageKind kind, const std::string& id, const std::string& title,
                 const std::vector<std::string>& continues, const Plan& earlier) {
  CarriedAim aim{kind, id, title, {}, {}};
  for (const std::string& earlier_id : continues) {
    const std::string* found = nullptr;
    if (kind == LineageKind::kOutcome) {
      if (const Outcome* o = FindOutcome(earlier, earlier_id)) found = &o->title;
    } else if (const Objective* o = FindObjective(earlier, earlier_id).objective) {
      found = &o->title;
    }
    if (found != nullptr) {
      aim.earlier.emplace_back(earlier_id, *found);
    } else {
      aim.missing.push_back(earlier_id);
    }
  }
  return aim;
}

// The ids an indicator links to, of one kind.
const std::vector<std::string>& LinksOf(const Indicator& indicator, LineageKind kind) {
  return kind == LineageKind::kOutcome ? indicator.outcomes : indicator.objectives;
}

// The later aims through which `indicator` persists: it is linked to a carried aim on the later
// side, or to an earlier aim that a later aim carries over.
std::vector<std::string> PersistsThrough(const Indicator& indicator, const GenerationStep& step) {
  std::vector<std::string> aims;
  for (const CarriedAim& aim : step.carried) {
    const auto& links = LinksOf(indicator, aim.kind);
    const bool linked =
        (indicator.plan == step.later->id && Contains(links, aim.id)) ||
        (indicator.plan == step.earlier->id &&
         std::any_of(aim.earlier.begin(), aim.earlier.end(),
                     [&](const auto& earlier) { return Contains(links, earlier.first); }));
    if (linked && !Contains(aims, aim.id)) aims.push_back(aim.id);
  }
  return aims;
}

}  // namespace

bool EvidencesAim(const Indicator& indicator, const Plan& plan, LineageKind kind,
                  std::string_view id, const std::vector<std::string>& continues) {
  const auto& links = LinksOf(indicator, kind);
  if (indicator.plan.empty() || indicator.plan == plan.id) return Contains(links, id);
  if (plan.continues.empty() || indicator.plan != plan.continues) return false;
  return std::any_of(continues.begin(), continues.end(),
                     [&](const std::string& earlier_id) { return Contains(links, earlier_id); });
}

GenerationStep StepBetween(const Plan& earlier, const Plan& later,
                           std::span<const Indicator> catalogue) {
  GenerationStep step{&earlier, &later, {}, {}, {}};
  std::set<std::pair<LineageKind, std::string>> carried_ids;
  const auto add = [&](CarriedAim aim) {
    for (const auto& [id, title] : aim.earlier) carried_ids.emplace(aim.kind, id);
    step.carried.push_back(std::move(aim));
  };
  for (const Outcome& o : later.outcomes) {
    if (!o.continues.empty())
      add(Carry(LineageKind::kOutcome, o.id, o.title, o.continues, earlier));
  }
  for (const Outcome& o : later.outcomes) {
    for (const Objective& objective : o.objectives) {
      if (objective.continues.empty()) continue;
      add(Carry(LineageKind::kObjective, objective.id, objective.title, objective.continues,
                earlier));
    }
  }
  for (const Outcome& o : earlier.outcomes) {
    if (carried_ids.count({LineageKind::kOutcome, o.id}) == 0) {
      step.not_carried.push_back({LineageKind::kOutcome, o.id, o.title, {}, {}});
    }
    for (const Objective& objective : o.objectives) {
      if (carried_ids.count({LineageKind::kObjective, objective.id}) == 0) {
        step.not_carried.push_back(
            {LineageKind::kObjective, objective.id, objective.title, {}, {}});
      }
    }
  }
  for (const Indicator& indicator : catalogue) {
    std::vector<std::string> aims = PersistsThrough(indicator, step);
    if (!aims.empty()) step.indicators.push_back({&indicator, std::move(aims)});
  }
  return step;
}

std::vector<const Plan*> Generations(const Plan& earliest, const Plan& latest,
                                     const std::function<const Plan*(std::string_view)>& find) {
  std::vector<const Plan*> chain{&latest};
  std::set<std::string, std::less<>> seen{latest.id};
  const Plan* at = &latest;
  while (at->id != earliest.id) {
    if (at->continues.empty() || seen.count(at->continues) > 0) return {};
    const Plan* before = at->continues == earliest.id ? &earliest : find(at->continues);
    if (before == nullptr) return {};
    seen.insert(before->id);
    chain.push_back(before);
    at = before;
  }
  if (chain.size() < 2) return {};
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace waymark
