// Roles and permissions: who may see and do what. Pure rules with no I/O. Every route of the
// web layer declares one Permission where it is registered and the server checks it with
// Allows(); records (plans now, reports later) are filtered with CanSeePlan() and its kin, so
// that what a principal may not see is answered as if it did not exist.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

// The roles of signed-in users (docs/access.md). The public is "no role".
enum class Role { kAdmin, kAnalyst, kPartner, kBoard };
inline constexpr std::array<Role, 4> kAllRoles = {Role::kAdmin, Role::kAnalyst, Role::kPartner,
                                                  Role::kBoard};
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view text);

// What a route needs. Each role holds a fixed set of permissions (RoleAllows).
enum class Permission {
  kPublic,          // anyone, signed in or not
  kSignedIn,        // any signed-in user
  kReadDrafts,      // draft plans and unpublished reports: admin, analyst, board
  kViewAudit,       // the audit log: admin
  kManageUsers,     // users and API tokens: admin
  kManageSettings,  // settings: admin
  kEditPlans,       // plans, catalogue, data imports, targets: analyst
  kSignOff,         // signing reports off: board
  kUpdateActions,   // action updates and local figures (partners for their own organisation's
                    // actions, core/cycle.h CanUpdateAction): partner, analyst
  kRunCycles,       // reporting cycles: open, close, reopen submitted updates: analyst
};
std::string_view PermissionName(Permission permission);

// True when a holder of `role` (nullopt: the public) has `permission`.
bool Allows(std::optional<Role> role, Permission permission);

// Who is asking: the public, a signed-in user, or a user acting through an API token.
struct Principal {
  std::int64_t user_id = 0;  // 0: the public
  std::string email;
  std::string name;
  std::string organisation;   // the partner id the user belongs to
  std::optional<Role> role;   // nullopt: the public
  std::int64_t token_id = 0;  // the API token acted through, 0 for a browser session
  bool safeguarding = false;  // the user's safeguarding grant (see CanSeeSafeguarding)

  bool SignedIn() const { return role.has_value(); }
  // How the audit log names this principal: "EMAIL", "EMAIL (token N)" or "public".
  std::string AuditName() const;
};

// Surveys of children and young people: an analyst reviews the free-text answers (and sees
// every wave's results, published or not).
bool CanReviewSurveyAnswers(const Principal& principal);
// The safeguarding permission: a per-user grant on top of the analyst role. Only a principal
// who may review survey answers and holds the grant sees the answers flagged for safeguarding
// (and the local safeguarding procedure); the grant of a user of another role has no effect.
bool CanSeeSafeguarding(const Principal& principal);
// True when `role` may hold the safeguarding grant at all (analyst).
bool MayHoldSafeguarding(Role role);

// The setting that holds the local safeguarding procedure shown with flagged answers, the
// words shown while it is unset, and its longest length in characters.
inline constexpr std::string_view kSafeguardingProcedureSetting = "safeguarding-procedure";
inline constexpr std::string_view kDefaultSafeguardingProcedure =
    "Follow the council's safeguarding procedure. If a child may be at risk of harm now, call "
    "the police on 999. Otherwise tell the council's designated safeguarding lead today, "
    "and do not try to find out who wrote the answer.";
inline constexpr std::size_t kMaxSafeguardingProcedureLength = 2000;

// The life of a plan: drafts are seen by those who may read drafts only; a published plan
// stays public when a newer one replaces it (archived), since it is public record.
enum class PlanStatus { kDraft, kPublished, kArchived };
std::string_view PlanStatusName(PlanStatus status);
std::optional<PlanStatus> ParsePlanStatus(std::string_view text);

// True when `principal` may see a plan with status `status` (a plan file's status text). An
// unknown status is treated as a draft.
bool CanSeePlan(const Principal& principal, std::string_view status);

}  // namespace waymark
