// Loading progress and saving action updates for the web layer (progress_source.h).
#include "web/progress_source.h"

#include "web/route_kit.h"

namespace waymark::web {
namespace {

// The stored update of one action in one cycle, if any.
Result<std::optional<ActionUpdate>> StoredUpdate(PlanSource& plans, const Plan& plan,
                                                 std::int64_t cycle_id,
                                                 std::string_view action_id) {
  store::UpdateFilter filter{plan.id, cycle_id, std::string(action_id)};
  auto found = plans.WithStore([&](store::Store& s) { return s.ListActionUpdates(filter); });
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<ActionUpdate>();
  return std::optional<ActionUpdate>(found->front());
}

SaveResult Refused(SaveOutcome outcome, std::string message) {
  SaveResult r;
  r.outcome = outcome;
  r.message = std::move(message);
  return r;
}

SaveResult RefusedWith(SaveOutcome outcome, std::string message, const ActionUpdate& current) {
  SaveResult r = Refused(outcome, std::move(message));
  r.update = current;
  r.has_update = true;
  return r;
}

// The refusal CheckSave gives, with the update as it stands.
SaveResult RefusalOf(SaveRefusal refusal, const ActionUpdate* stored) {
  ActionUpdate current = stored != nullptr ? *stored : ActionUpdate{};
  switch (refusal) {
    case SaveRefusal::kCycleClosed:
      return RefusedWith(SaveOutcome::kLocked, "the reporting cycle is closed", current);
    case SaveRefusal::kLocked:
      return RefusedWith(SaveOutcome::kLocked,
                         "this update has been submitted and is locked; ask an analyst to "
                         "reopen it",
                         current);
    case SaveRefusal::kStale:
      return RefusedWith(SaveOutcome::kStale,
                         "someone saved this update after you read it (it is now at version " +
                             std::to_string(current.version) + ")",
                         current);
    case SaveRefusal::kNone:
      break;
  }
  return Refused(SaveOutcome::kFailed, "the update could not be saved");
}

}  // namespace

Result<StoredProgress> LoadCycles(PlanSource& plans, std::string_view plan_id) {
  auto cycles = plans.WithStore([&](store::Store& s) { return s.ListCycles(plan_id); });
  if (!cycles) return tl::unexpected(cycles.error());
  return StoredProgress{std::move(*cycles)};
}

Result<report::PlanProgress> LoadProgress(PlanSource& plans, const Plan& plan,
                                          const StoredProgress& stored,
                                          const ReportingCycle* cycle, const Principal& principal,
                                          const Clock& clock, const report::IndicatorData* data) {
  if (cycle == nullptr) cycle = stored.Current();
  std::vector<ActionUpdate> updates;
  if (cycle != nullptr) {
    store::UpdateFilter filter{plan.id, cycle->id, ""};
    auto found = plans.WithStore([&](store::Store& s) { return s.ListActionUpdates(filter); });
    if (!found) return tl::unexpected(found.error());
    for (ActionUpdate& u : *found) {
      const report::ActionPlace place = report::FindAction(plan, u.action_id);
      if (place.action != nullptr && CanSeeUpdate(principal, *place.action, u)) {
        updates.push_back(std::move(u));
      }
    }
  }
  const std::span<const ReportingCycle> one =
      cycle != nullptr ? std::span<const ReportingCycle>(cycle, 1) : std::span<const ReportingCycle>();
  return report::BuildProgress(plan, one, std::move(updates),
                               DateOfUnixSeconds(clock.NowUnixSeconds()), data);
}

SaveResult SaveUpdate(PlanSource& plans, const Plan& plan, const Request& request,
                      const UpdateAttempt& attempt, const Clock& clock) {
  const report::ActionPlace place = report::FindAction(plan, attempt.action_id);
  if (place.action == nullptr) return Refused(SaveOutcome::kNotFound, "this plan has no such action");
  const Principal& who = request.principal;
  if (!CanUpdateAction(who, *place.action)) {
    return Refused(SaveOutcome::kForbidden,
                   "your organisation is not responsible for this action, so you cannot update it");
  }
  auto cycles = LoadCycles(plans, plan.id);
  if (!cycles) return Refused(SaveOutcome::kFailed, "the reporting cycles could not be read");
  const ReportingCycle* cycle = cycles->Current();
  if (cycle == nullptr || cycle->state != CycleState::kOpen) {
    return Refused(SaveOutcome::kNoCycle, "there is no open reporting cycle for this plan");
  }
  auto stored = StoredUpdate(plans, plan, cycle->id, attempt.action_id);
  if (!stored) return Refused(SaveOutcome::kFailed, "the update could not be read");
  const ActionUpdate* current = *stored ? &**stored : nullptr;
  if (auto refusal = CheckSave(*cycle, current, attempt.version); refusal != SaveRefusal::kNone) {
    SaveResult r = RefusalOf(refusal, current);
    r.cycle = *cycle;
    return r;
  }
  ActionUpdateCheck check = CheckActionUpdate(attempt.input, attempt.submit);
  check.errors.insert(check.errors.end(), attempt.companion_errors.begin(),
                      attempt.companion_errors.end());
  if (!check.errors.empty()) {
    SaveResult r = Refused(SaveOutcome::kInvalid, "the update has problems");
    r.errors = std::move(check.errors);
    r.cycle = *cycle;
    return r;
  }
  ActionUpdate update;
  update.cycle_id = cycle->id;
  update.plan_id = plan.id;
  update.action_id = attempt.action_id;
  update.fields = std::move(check.fields);
  update.state = attempt.submit ? UpdateState::kSubmitted : UpdateState::kDraft;
  update.organisation = who.organisation;
  update.author = who.email;
  update.author_name = who.name;
  const AuditEntry audit = RequestAudit(
      request, clock, attempt.submit ? "action-update.submit" : "action-update.save");
  auto saved = plans.WithStore([&](store::Store& s) {
    return s.SaveActionUpdate(update, attempt.version, clock.NowUnixSeconds(), audit);
  });
  if (!saved) {
    if (saved.error().code != ErrorCode::kConflict) {
      return Refused(SaveOutcome::kFailed, "the update could not be saved");
    }
    // Another save won the race between the check above and this write.
    auto now_stored = StoredUpdate(plans, plan, cycle->id, attempt.action_id);
    if (now_stored && *now_stored) {
      SaveResult r = RefusalOf(CheckSave(*cycle, &**now_stored, attempt.version), &**now_stored);
      r.cycle = *cycle;
      return r;
    }
    return Refused(SaveOutcome::kStale, saved.error().message);
  }
  SaveResult r;
  r.outcome = SaveOutcome::kSaved;
  r.update = std::move(*saved);
  r.has_update = true;
  r.cycle = *cycle;
  return r;
}

int StatusOf(SaveOutcome outcome) {
  switch (outcome) {
    case SaveOutcome::kSaved:
      return 200;
    case SaveOutcome::kNotFound:
      return 404;
    case SaveOutcome::kForbidden:
      return 403;
    case SaveOutcome::kNoCycle:
    case SaveOutcome::kLocked:
    case SaveOutcome::kStale:
      return 409;
    case SaveOutcome::kInvalid:
      return 400;
    case SaveOutcome::kFailed:
      return 500;
  }
  return 500;
}

}  // namespace waymark::web
