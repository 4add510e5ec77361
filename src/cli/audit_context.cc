// Builds and appends the audit entries of command-line commands (audit_context.h).
#include "cli/audit_context.h"

#include <ostream>
#include <string>

#include <fmt/format.h>

#include "core/clock.h"

namespace waymark::cli {

Result<std::string> CommandActor(const Context& ctx, store::Store& store) {
  if (ctx.as_user.empty()) return "os:" + ctx.user;
  const auto no_user = [&ctx] {
    return MakeError(ErrorCode::kNotFound, fmt::format("--as: no enabled user {}", ctx.as_user));
  };
  auto email = NormaliseEmail(ctx.as_user);
  if (!email) return no_user();
  auto stored = store.FindUser(*email);
  if (!stored && stored.error().code != ErrorCode::kNotFound) {
    return tl::unexpected(stored.error());
  }
  if (!stored || stored->user.disabled) return no_user();
  return stored->user.email;
}

Result<Principal> CommandPrincipal(const Context& ctx, store::Store& store, std::string_view why) {
  if (ctx.as_user.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--as: {} needs a named user: give --as EMAIL", why));
  }
  WAYMARK_ASSIGN_OR_RETURN(const std::string email, CommandActor(ctx, store));
  WAYMARK_ASSIGN_OR_RETURN(const StoredUser stored, store.FindUser(email));
  return PrincipalOf(stored.user);
}

Result<AuditEntry> CommandAudit(const Context& ctx, store::Store& store, std::string_view action) {
  WAYMARK_ASSIGN_OR_RETURN(std::string actor, CommandActor(ctx, store));
  AuditEntry entry;
  entry.at = FormatUtc(ctx.clock->NowUnixSeconds());
  entry.actor = std::move(actor);
  entry.via = ctx.command.empty() ? "waymark" : "waymark " + ctx.command;
  entry.action = std::string(action);
  return entry;
}

Status AuditedChange(store::Store& store, AuditEntry entry, std::string_view entity,
                     std::string_view entity_id, const std::function<AuditedAfter()>& change) {
  return store.Atomically([&]() -> Status {
    WAYMARK_ASSIGN_OR_RETURN(const std::optional<nlohmann::ordered_json> after, change());
    if (!after) return {};
    entry.entity = std::string(entity);
    entry.entity_id = std::string(entity_id);
    entry.after = after->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return store.AppendAudit(entry);
  });
}

}  // namespace waymark::cli
