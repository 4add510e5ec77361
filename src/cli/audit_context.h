// The audit entry of a command-line command: when, who (the --as user or the operating-system
// user), through which command and what kind of change. Every changing command builds its
// entry here before it writes, so that a bad --as stops it with nothing written.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/account.h"
#include "core/result.h"
#include "store/store.h"

namespace waymark::cli {

// The actor of the running command: the --as user's email when --as was given (the user must
// exist and be enabled, else kNotFound "--as: no enabled user EMAIL"), else "os:" + ctx.user.
Result<std::string> CommandActor(const Context& ctx, store::Store& store);

// The --as user as a principal with its role, for steps that need one (signing a report off):
// kInvalidArgument when --as was not given ("--as: <why> needs a named user").
Result<Principal> CommandPrincipal(const Context& ctx, store::Store& store, std::string_view why);

// An entry {at = now, actor, via = "waymark " + the command's words, action}; the store (or
// AuditedChange) completes it with the entity, its id and the states before and after.
Result<AuditEntry> CommandAudit(const Context& ctx, store::Store& store, std::string_view action);

// What a change made through AuditedChange leaves, as JSON for its audit entry's "after";
// nullopt when it changed nothing (then no entry is written).
using AuditedAfter = Result<std::optional<nlohmann::ordered_json>>;

// Makes a change the store does not audit itself (an import or a computation) and appends
// `entry`, completed with the entity, its id and the state after, in one transaction
// (Store::Atomically): the change is kept with its entry or not at all, also when the process
// dies between them.
Status AuditedChange(store::Store& store, AuditEntry entry, std::string_view entity,
                     std::string_view entity_id, const std::function<AuditedAfter()>& change);

}  // namespace waymark::cli
