// The role → permission table, the visibility rule for plans and the safeguarding grant
// (docs/access.md).
#include "core/access.h"

namespace waymark {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kAnalyst:
      return "analyst";
    case Role::kPartner:
      return "partner";
    case Role::kBoard:
      return "board";
  }
  return "partner";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == text) return role;
  }
  return std::nullopt;
}

std::string_view PermissionName(Permission permission) {
  switch (permission) {
    case Permission::kPublic:
      return "public";
    case Permission::kSignedIn:
      return "signed-in";
    case Permission::kReadDrafts:
      return "read-drafts";
    case Permission::kViewAudit:
      return "view-audit";
    case Permission::kManageUsers:
      return "manage-users";
    case Permission::kManageSettings:
      return "manage-settings";
    case Permission::kEditPlans:
      return "edit-plans";
    case Permission::kSignOff:
      return "sign-off";
    case Permission::kUpdateActions:
      return "update-actions";
    case Permission::kRunCycles:
      return "run-cycles";
  }
  return "public";
}

bool Allows(std::optional<Role> role, Permission permission) {
  if (permission == Permission::kPublic) return true;
  if (!role) return false;
  switch (permission) {
    case Permission::kPublic:
    case Permission::kSignedIn:
      return true;
    case Permission::kReadDrafts:
      return *role == Role::kAdmin || *role == Role::kAnalyst || *role == Role::kBoard;
    case Permission::kViewAudit:
    case Permission::kManageUsers:
    case Permission::kManageSettings:
      return *role == Role::kAdmin;
    case Permission::kEditPlans:
    case Permission::kRunCycles:
      return *role == Role::kAnalyst;
    case Permission::kSignOff:
      return *role == Role::kBoard;
    case Permission::kUpdateActions:
      return *role == Role::kPartner || *role == Role::kAnalyst;
  }
  return false;
}

std::string Principal::AuditName() const {
  if (!SignedIn()) return "public";
  if (token_id != 0) return email + " (token " + std::to_string(token_id) + ")";
  return email;
}

bool CanReviewSurveyAnswers(const Principal& principal) {
  return principal.role && MayHoldSafeguarding(*principal.role);
}

bool CanSeeSafeguarding(const Principal& principal) {
  return principal.safeguarding && CanReviewSurveyAnswers(principal);
}

bool MayHoldSafeguarding(Role role) { return role == Role::kAnalyst; }

std::string_view PlanStatusName(PlanStatus status) {
  switch (status) {
    case PlanStatus::kDraft:
      return "draft";
    case PlanStatus::kPublished:
      return "published";
    case PlanStatus::kArchived:
      return "archived";
  }
  return "draft";
}

std::optional<PlanStatus> ParsePlanStatus(std::string_view text) {
  for (PlanStatus s : {PlanStatus::kDraft, PlanStatus::kPublished, PlanStatus::kArchived}) {
    if (PlanStatusName(s) == text) return s;
  }
  return std::nullopt;
}

bool CanSeePlan(const Principal& principal, std::string_view status) {
  const auto parsed = ParsePlanStatus(status).value_or(PlanStatus::kDraft);
  if (parsed != PlanStatus::kDraft) return true;
  return Allows(principal.role, Permission::kReadDrafts);
}

}  // namespace waymark
