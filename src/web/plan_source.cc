// Serialised, cached plan loading.
#include "web/plan_source.h"

namespace waymark::web {

std::string DefaultPlanId(const std::vector<PlanSummary>& plans) {
  const PlanSummary* best = nullptr;
  for (const PlanSummary& p : plans) {
    if (p.status != "published") continue;
    if (best == nullptr || p.start > best->start) best = &p;
  }
  if (best != nullptr) return best->id;
  return plans.empty() ? std::string() : plans.front().id;
}

Result<std::vector<PlanSummary>> PlanSource::List() {
  std::lock_guard lock(mu_);
  return store_->ListPlans();
}

Result<std::shared_ptr<const Plan>> PlanSource::LoadLocked(const PlanSummary& summary) {
  const auto it = cache_.find(summary.id);
  if (it != cache_.end() && it->second.revision == summary.revision &&
      it->second.updated_at == summary.updated_at) {
    return it->second.plan;
  }
  WAYMARK_ASSIGN_OR_RETURN(Plan plan, store_->LoadPlan(summary.id));
  auto shared = std::make_shared<const Plan>(std::move(plan));
  cache_[summary.id] = Cached{summary.revision, summary.updated_at, shared};
  return shared;
}

Result<PlanView> PlanSource::Resolve(const std::optional<std::string>& plan_id) {
  std::lock_guard lock(mu_);
  WAYMARK_ASSIGN_OR_RETURN(std::vector<PlanSummary> plans, store_->ListPlans());
  const std::string wanted = plan_id ? *plan_id : DefaultPlanId(plans);
  for (const PlanSummary& p : plans) {
    if (p.id != wanted) continue;
    WAYMARK_ASSIGN_OR_RETURN(auto plan, LoadLocked(p));
    return PlanView{std::move(plans), std::move(plan)};
  }
  if (wanted.empty()) return MakeError(ErrorCode::kNotFound, "the database holds no plan");
  return MakeError(ErrorCode::kNotFound, "no plan '" + wanted + "'");
}

}  // namespace waymark::web
