// `waymark user ...`: the accounts that sign in to the web pages. Add, list, change the role,
// disable, enable and reset the password. Passwords come from standard input, never from an
// argument, and are kept only as Argon2id hashes; every change is audited by the store.
#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/password_input.h"
#include "cli/table_text.h"
#include "core/account.h"
#include "core/secrets.h"
#include "stats/csv.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

int Fail(Context& ctx, const Error& error) {
  *ctx.err << "waymark: " << error.ToString() << "\n";
  return 1;
}

Error Invalid(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), {}};
}

// The options of `user add`.
struct NewUserOptions {
  std::string email;
  std::string name;
  std::string organisation;
  std::string role;
};

Result<Role> ParseRoleText(std::string_view text, std::string_view field) {
  if (const std::optional<Role> role = ParseRole(text)) return *role;
  std::vector<std::string_view> names;
  names.reserve(kAllRoles.size());
  for (const Role r : kAllRoles) names.push_back(RoleName(r));
  return tl::unexpected(
      Invalid(fmt::format("{}: must be one of {}", field, fmt::join(names, ", "))));
}

// kNotFound naming the stored organisations when `id` is not one of them.
Status CheckOrganisation(store::Store& store, std::string_view id) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Partner> organisations, store.ListOrganisations());
  const auto known = [id](const Partner& p) { return p.id == id; };
  if (std::any_of(organisations.begin(), organisations.end(), known)) return {};
  if (organisations.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("--org: no organisation '{}'; organisations are the partners of "
                                 "the stored plans, and no plan is stored yet",
                                 id));
  }
  std::vector<std::string> ids;
  ids.reserve(organisations.size());
  for (const Partner& p : organisations) ids.push_back(p.id);
  return MakeError(ErrorCode::kNotFound,
                   fmt::format("--org: no organisation '{}'; organisations are the partners of "
                               "the stored plans: {}",
                               id, fmt::join(ids, ", ")));
}

// The hash of a new password for `email`, read from standard input and checked for strength.
Result<std::string> NewPasswordHash(Context& ctx, std::string_view email) {
  WAYMARK_ASSIGN_OR_RETURN(std::string password,
                           ReadNewPassword(ctx, fmt::format("new password for {}: ", email)));
  WAYMARK_TRY(CheckPasswordStrength(password, email));
  return HashPassword(password, ctx.password_cost);
}

int AddUser(Context& ctx, const NewUserOptions& opts) {
  auto email = NormaliseEmail(opts.email);
  if (!email) return Fail(ctx, email.error());
  if (auto name = CheckDisplayName(opts.name, "--name"); !name) return Fail(ctx, name.error());
  auto role = ParseRoleText(opts.role, "--role");
  if (!role) return Fail(ctx, role.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  if (auto org = CheckOrganisation(**store, opts.organisation); !org) {
    return Fail(ctx, org.error());
  }
  auto audit = CommandAudit(ctx, **store, "user.create");
  if (!audit) return Fail(ctx, audit.error());
  auto hash = NewPasswordHash(ctx, *email);
  if (!hash) return Fail(ctx, hash.error());
  User user;
  user.email = *email;
  user.name = opts.name;
  user.organisation = opts.organisation;
  user.role = *role;
  auto created = (*store)->CreateUser(user, *hash, *audit);
  if (!created) return Fail(ctx, created.error());
  *ctx.out << fmt::format("added user {} ({}, {})\n", created->email, RoleName(created->role),
                          created->organisation);
  return 0;
}

std::string_view StatusName(const User& user) { return user.disabled ? "disabled" : "enabled"; }

// The status as `user list` shows it: "enabled" or "disabled", and "awaiting review (NAME)" for
// a user an identity provider created until an administrator reviews them.
std::string StatusText(const User& user) {
  std::string text(StatusName(user));
  if (!user.awaiting_review.empty()) text += ", awaiting review (" + user.awaiting_review + ")";
  return text;
}

int ListUsers(Context& ctx, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto users = (*store)->ListUsers();
  if (!users) return Fail(ctx, users.error());
  std::vector<std::vector<std::string>> rows;
  const bool csv = format == "csv";
  rows.push_back(
      {"email", "name", "organisation", "role", "status", csv ? "created_at" : "created"});
  if (csv) rows.front().push_back("awaiting_review");
  for (const User& u : *users) {
    rows.push_back({u.email, u.name, u.organisation, std::string(RoleName(u.role)),
                    csv ? std::string(StatusName(u)) : StatusText(u), u.created_at});
    if (csv) rows.back().push_back(u.awaiting_review);
  }
  if (format == "csv") {
    for (const auto& row : rows) *ctx.out << stats::CsvLine(row) << "\n";
    return 0;
  }
  if (users->empty()) {
    *ctx.out << "no users (add one with 'waymark user add EMAIL --name NAME --org ORG --role "
                "ROLE', the password on standard input)\n";
    return 0;
  }
  *ctx.out << AlignedTable(rows);
  return 0;
}

// True when `update` would leave the partnership with no enabled admin to manage accounts.
bool RemovesLastAdmin(const std::vector<User>& users, const User& user, const UserUpdate& update) {
  if (user.role != Role::kAdmin || user.disabled) return false;
  const bool demoted = update.role && *update.role != Role::kAdmin;
  const bool disabled = update.disabled.value_or(false);
  if (!demoted && !disabled) return false;
  const auto enabled_admins = std::count_if(users.begin(), users.end(), [](const User& u) {
    return u.role == Role::kAdmin && !u.disabled;
  });
  return enabled_admins <= 1;
}

// A user as they were before a change and as they are after it.
struct ChangedUser {
  User before;
  User after;
};

// Builds the update once the user is found and the actor known (so that a new password is
// asked for only then).
using UpdateMaker = std::function<Result<UserUpdate>(const User&)>;

Result<ChangedUser> ChangeUser(Context& ctx, std::string_view email_text, std::string_view action,
                               const UpdateMaker& make_update) {
  const std::string email = NormaliseEmail(email_text).value_or(std::string(email_text));
  WAYMARK_ASSIGN_OR_RETURN(auto store, store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite));
  WAYMARK_ASSIGN_OR_RETURN(std::vector<User> users, store->ListUsers());
  const auto found =
      std::find_if(users.begin(), users.end(), [&](const User& u) { return u.email == email; });
  if (found == users.end()) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no user {}", email_text));
  }
  WAYMARK_ASSIGN_OR_RETURN(AuditEntry audit, CommandAudit(ctx, *store, action));
  WAYMARK_ASSIGN_OR_RETURN(UserUpdate update, make_update(*found));
  if (RemovesLastAdmin(users, *found, update)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("{} is the last enabled admin; make another user an admin first", email));
  }
  WAYMARK_ASSIGN_OR_RETURN(User after, store->UpdateUser(email, update, audit));
  return ChangedUser{*found, std::move(after)};
}

// An update that is the same whoever the user is.
UpdateMaker Fixed(UserUpdate update) {
  return [update = std::move(update)](const User&) -> Result<UserUpdate> { return update; };
}

int SetRole(Context& ctx, const std::string& email, const std::string& role_text) {
  auto role = ParseRoleText(role_text, "ROLE");
  if (!role) return Fail(ctx, role.error());
  UserUpdate update;
  update.role = *role;
  auto changed = ChangeUser(ctx, email, "user.set-role", Fixed(update));
  if (!changed) return Fail(ctx, changed.error());
  const User& u = changed->after;
  if (changed->before.role == u.role) {
    *ctx.out << fmt::format("user {} is {} already\n", u.email, RoleName(u.role));
    return 0;
  }
  *ctx.out << fmt::format("user {} is now {} (was {}); their sessions were ended\n", u.email,
                          RoleName(u.role), RoleName(changed->before.role));
  return 0;
}

int SetDisabled(Context& ctx, const std::string& email, bool disabled) {
  UserUpdate update;
  update.disabled = disabled;
  auto changed = ChangeUser(ctx, email, disabled ? "user.disable" : "user.enable", Fixed(update));
  if (!changed) return Fail(ctx, changed.error());
  const User& u = changed->after;
  if (changed->before.disabled == disabled) {
    *ctx.out << fmt::format("user {} is {} already\n", u.email, StatusName(u));
    return 0;
  }
  if (disabled) {
    *ctx.out << fmt::format("disabled user {}; their sessions were ended\n", u.email);
  } else {
    *ctx.out << fmt::format("enabled user {}\n", u.email);
  }
  return 0;
}

// Grants (`on`) or withdraws the safeguarding permission (core/access.h CanSeeSafeguarding):
// only analysts may hold it. Audited "user.safeguarding"; their sessions end when it changes.
int SetSafeguarding(Context& ctx, const std::string& email, const std::string& setting) {
  const bool on = setting == "on";
  const auto make_update = [on](const User& user) -> Result<UserUpdate> {
    if (on && !MayHoldSafeguarding(user.role)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("{} is {}; only analysts may hold the safeguarding "
                                   "permission (docs/access.md)",
                                   user.email, RoleName(user.role)));
    }
    UserUpdate update;
    update.safeguarding = on;
    return update;
  };
  auto changed = ChangeUser(ctx, email, "user.safeguarding", make_update);
  if (!changed) return Fail(ctx, changed.error());
  const User& u = changed->after;
  if (changed->before.safeguarding == on) {
    *ctx.out << fmt::format("user {} {} the safeguarding permission already\n", u.email,
                            on ? "holds" : "does not hold");
    return 0;
  }
  *ctx.out << fmt::format("user {} {} the safeguarding permission; their sessions were ended\n",
                          u.email, on ? "now holds" : "no longer holds");
  return 0;
}

// Marks a user an identity provider created as reviewed by an administrator (who keeps them,
// changes their role or disables them). Audited "user.review"; sessions go on.
int ReviewUser(Context& ctx, const std::string& email) {
  UserUpdate update;
  update.reviewed = true;
  auto changed = ChangeUser(ctx, email, "user.review", Fixed(update));
  if (!changed) return Fail(ctx, changed.error());
  const User& before = changed->before;
  if (before.awaiting_review.empty()) {
    *ctx.out << fmt::format("user {} is not awaiting review\n", before.email);
    return 0;
  }
  *ctx.out << fmt::format("reviewed user {} ({}, {}), created at a sign-in through {}\n",
                          before.email, RoleName(before.role), before.organisation,
                          before.awaiting_review);
  return 0;
}

int ResetPassword(Context& ctx, const std::string& email) {
  const auto make_update = [&ctx](const User& user) -> Result<UserUpdate> {
    UserUpdate update;
    WAYMARK_ASSIGN_OR_RETURN(update.password_hash, NewPasswordHash(ctx, user.email));
    return update;
  };
  auto changed = ChangeUser(ctx, email, "user.reset-password", make_update);
  if (!changed) return Fail(ctx, changed.error());
  *ctx.out << fmt::format("reset the password of {}; their sessions were ended\n",
                          changed->after.email);
  return 0;
}

void AddNewUserCommand(CLI::App& user, Context& ctx) {
  auto& opts = ctx.Keep<NewUserOptions>();
  CLI::App* add = user.add_subcommand(
      "add", "Add a user; the password is read from the first line of standard input");
  add->add_option("EMAIL", opts.email, "Email address, used to sign in")->required();
  add->add_option("--name", opts.name, "The person's name")->required();
  add->add_option("--org", opts.organisation,
                  "Organisation: a partner id of a stored plan (see 'waymark plan show')")
      ->required();
  add->add_option("--role", opts.role, "admin, analyst, partner or board")->required();
  add->callback([&ctx, &opts] { ctx.exit_code = AddUser(ctx, opts); });
}

}  // namespace

void AddUserCommands(CLI::App& app, Context& ctx) {
  CLI::App* user =
      app.add_subcommand("user", "Accounts that sign in to the web pages: add, list, change");
  user->require_subcommand(1);
  AddNewUserCommand(*user, ctx);

  auto& format = ctx.Keep<std::string>("text");
  CLI::App* list = user->add_subcommand("list", "List the users (never their passwords)");
  list->add_option("--format", format, "text or csv")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  list->callback([&ctx, &format] { ctx.exit_code = ListUsers(ctx, format); });

  auto& email = ctx.Keep<std::string>();
  auto& role = ctx.Keep<std::string>();
  CLI::App* set_role = user->add_subcommand("set-role", "Change a user's role");
  set_role->add_option("EMAIL", email, "The user's email")->required();
  set_role->add_option("ROLE", role, "admin, analyst, partner or board")->required();
  set_role->callback([&ctx, &email, &role] { ctx.exit_code = SetRole(ctx, email, role); });

  CLI::App* disable =
      user->add_subcommand("disable", "Stop a user signing in; ends their sessions");
  disable->add_option("EMAIL", email, "The user's email")->required();
  disable->callback([&ctx, &email] { ctx.exit_code = SetDisabled(ctx, email, true); });

  CLI::App* enable = user->add_subcommand("enable", "Let a disabled user sign in again");
  enable->add_option("EMAIL", email, "The user's email")->required();
  enable->callback([&ctx, &email] { ctx.exit_code = SetDisabled(ctx, email, false); });

  auto& setting = ctx.Keep<std::string>();
  CLI::App* safeguarding = user->add_subcommand(
      "safeguarding",
      "Grant (on) or withdraw (off) the safeguarding permission: seeing survey answers flagged "
      "for safeguarding (analysts only)");
  safeguarding->add_option("EMAIL", email, "The user's email")->required();
  safeguarding->add_option("SETTING", setting, "on or off")
      ->required()
      ->check(CLI::IsMember({"on", "off"}));
  safeguarding->callback(
      [&ctx, &email, &setting] { ctx.exit_code = SetSafeguarding(ctx, email, setting); });

  CLI::App* review = user->add_subcommand(
      "review", "Mark a user an identity provider created at their first sign-in as reviewed");
  review->add_option("EMAIL", email, "The user's email")->required();
  review->callback([&ctx, &email] { ctx.exit_code = ReviewUser(ctx, email); });

  CLI::App* reset = user->add_subcommand(
      "reset-password", "Set a new password, read from the first line of standard input");
  reset->add_option("EMAIL", email, "The user's email")->required();
  reset->callback([&ctx, &email] { ctx.exit_code = ResetPassword(ctx, email); });
}

}  // namespace waymark::cli
