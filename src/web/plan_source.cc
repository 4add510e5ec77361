// Serialised, cached plan loading.
#include "web/plan_source.h"

namespace waymark::web {

std::string DefaultPlanId(const std::vector<PlanSummary>& plans) {
  // A plan that states no period cannot be placed in time: a published plan with a period
  // comes first (the latest start), then the first published plan without one.
  const PlanSummary* best = nullptr;
  for (const PlanSummary& p : plans) {
    if (ParsePlanStatus(p.status) != PlanStatus::kPublished) continue;
    const bool later = p.start && (best == nullptr || !best->start || *p.start > *best->start);
    if (best == nullptr || later) best = &p;
  }
  if (best != nullptr) return best->id;
  return plans.empty() ? std::string() : plans.front().id;
}

Status PlanSource::RefreshLocked(std::optional<std::int64_t> known) {
  const auto now = std::chrono::steady_clock::now();
  if (!known) {
    WAYMARK_ASSIGN_OR_RETURN(known, store_->DataVersion(store::DataTopic::kPlans));
  }
  const std::int64_t version = *known;
  if (listed_ && version == listed_version_ && now - listed_at_ < refresh_) return {};
  WAYMARK_ASSIGN_OR_RETURN(plans_, store_->ListPlans());
  listed_ = true;
  listed_at_ = now;
  listed_version_ = version;
  version_.clear();
  for (const PlanSummary& p : plans_) {
    version_ += p.id + ":" + std::to_string(p.revision) + ":" + p.updated_at + ";";
  }
  return {};
}

std::vector<PlanSummary> PlanSource::VisibleLocked(const Principal& principal) const {
  std::vector<PlanSummary> out;
  out.reserve(plans_.size());
  for (const PlanSummary& p : plans_) {
    if (CanSeePlan(principal, p.status)) out.push_back(p);
  }
  return out;
}

Result<std::vector<PlanSummary>> PlanSource::List(const Principal& principal) {
  std::lock_guard lock(mu_);
  WAYMARK_TRY(RefreshLocked());
  return VisibleLocked(principal);
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

Result<PlanView> PlanSource::Resolve(const std::optional<std::string>& plan_id,
                                     const Principal& principal) {
  std::lock_guard lock(mu_);
  // One read for the versions of the plans and the figures and the plan's progress: the plan
  // named, or the default of the list as it stands (read again below if the list moves it).
  const std::string guess =
      plan_id ? *plan_id : (listed_ ? DefaultPlanId(VisibleLocked(principal)) : std::string());
  WAYMARK_ASSIGN_OR_RETURN(store::PageVersions versions, store_->ReadPageVersions(guess));
  WAYMARK_TRY(RefreshLocked(versions.plans));
  std::vector<PlanSummary> visible = VisibleLocked(principal);
  const std::string wanted = plan_id ? *plan_id : DefaultPlanId(visible);
  for (const PlanSummary& p : visible) {
    if (p.id != wanted) continue;
    WAYMARK_ASSIGN_OR_RETURN(auto plan, LoadLocked(p));
    if (wanted != guess) {
      WAYMARK_ASSIGN_OR_RETURN(versions.progress, store_->ProgressVersion(wanted));
    }
    const bool drafts = Allows(principal.role, Permission::kReadDrafts);
    return PlanView{std::move(visible), std::move(plan), version_ + (drafts ? "+drafts" : ""),
                    versions.figures, std::move(versions.progress)};
  }
  if (wanted.empty()) return MakeError(ErrorCode::kNotFound, "the database holds no plan");
  return MakeError(ErrorCode::kNotFound, "no plan '" + wanted + "'");
}

}  // namespace waymark::web
