// `waymark audit list` and `waymark settings ...`: reading the append-only audit log (who
// changed what, when and through which command or route) and the database's few settings,
// each of whose changes is audited.
#include <algorithm>
#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/table_text.h"
#include "core/account.h"
#include "core/plain_text.h"
#include "core/plan.h"
#include "report/account_pages.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

int Fail(Context& ctx, const Error& error) {
  *ctx.err << "waymark: " << error.ToString() << "\n";
  return 1;
}

int Fail(Context& ctx, std::string_view message) {
  *ctx.err << "waymark: " << message << "\n";
  return 1;
}

// The options of `audit list`.
struct AuditListOptions {
  std::string since;
  std::string actor;
  std::string entity;
  std::string action;
  std::string format = "text";
  std::size_t limit = 0;
};

void PrintEntryText(std::ostream& out, const AuditEntry& e) {
  out << PrintableText(fmt::format("{}  {}  {}  {}  {} {}", e.at, e.actor, e.via, e.action,
                                   e.entity, e.entity_id))
      << "\n";
  if (!e.before.empty()) out << "    before: " << PrintableText(e.before) << "\n";
  if (!e.after.empty()) out << "    after:  " << PrintableText(e.after) << "\n";
}

int ListAudit(Context& ctx, const AuditListOptions& opts) {
  if (!opts.since.empty() && !Date::Parse(opts.since)) {
    return Fail(ctx, fmt::format("--since: '{}' is not a date (YYYY-MM-DD)", opts.since));
  }
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  AuditFilter filter;
  filter.since = opts.since;
  filter.actor = opts.actor;
  filter.entity = opts.entity;
  filter.action = opts.action;
  filter.limit = opts.limit;
  auto entries = (*store)->ListAudit(filter);
  if (!entries) return Fail(ctx, entries.error());
  if (opts.format == "csv") {
    *ctx.out << report::AuditCsv(*entries);
    return 0;
  }
  if (entries->empty()) *ctx.out << "no audit entries\n";
  for (const AuditEntry& e : *entries) PrintEntryText(*ctx.out, e);
  return 0;
}

// A setting the program reads, with the values it may take.
struct SettingKey {
  std::string_view key;
  std::array<std::string_view, 2> values;  // both empty: plain text (text_limit characters)
  std::string_view unset;  // what the program assumes while it is unset
  std::string_view meaning;
  std::size_t text_limit = 0;
};

constexpr std::array<SettingKey, 2> kSettingKeys = {{
    {"demo",
     {"true", "false"},
     "false",
     "a demonstration database: every web page says so (its users and passwords are examples)"},
    {kSafeguardingProcedureSetting,
     {"", ""},
     "the default wording",
     "the local safeguarding procedure, shown with survey answers flagged for safeguarding",
     kMaxSafeguardingProcedureLength},
}};

const SettingKey* FindSettingKey(std::string_view key) {
  const auto found = std::find_if(kSettingKeys.begin(), kSettingKeys.end(),
                                  [key](const SettingKey& k) { return k.key == key; });
  return found == kSettingKeys.end() ? nullptr : &*found;
}

Status CheckSetting(std::string_view key, std::string_view value) {
  const SettingKey* known = FindSettingKey(key);
  if (known == nullptr) {
    std::vector<std::string_view> keys;
    keys.reserve(kSettingKeys.size());
    for (const SettingKey& k : kSettingKeys) keys.push_back(k.key);
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("settings: no setting '{}'; the settings are: {}", key, fmt::join(keys, ", ")));
  }
  if (known->text_limit > 0) {
    const auto problem = PlainTextProblem(value, known->text_limit, fmt::format("settings: {}", key),
                                          LineBreaks::kNewline);
    if (problem) return MakeError(ErrorCode::kInvalidArgument, *problem);
    if (value.find_first_not_of(" \n") == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("settings: {} must not be empty", key));
    }
    return {};
  }
  if (std::find(known->values.begin(), known->values.end(), value) == known->values.end()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("settings: {} must be {}", key, fmt::join(known->values, " or ")));
  }
  return {};
}

// The stored value of `key`, or nullopt when it is unset.
Result<std::optional<std::string>> StoredSetting(store::Store& store, std::string_view key) {
  auto value = store.GetSetting(key);
  if (value) return std::optional<std::string>(*value);
  if (value.error().code == ErrorCode::kNotFound) return std::optional<std::string>();
  return tl::unexpected(value.error());
}

int SetSetting(Context& ctx, const std::string& key, const std::string& value) {
  if (auto ok = CheckSetting(key, value); !ok) return Fail(ctx, ok.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto old = StoredSetting(**store, key);
  if (!old) return Fail(ctx, old.error());
  if (*old == value) {
    *ctx.out << fmt::format("{} = {} already\n", key, value);
    return 0;
  }
  auto audit = CommandAudit(ctx, **store, "setting.set");
  if (!audit) return Fail(ctx, audit.error());
  if (auto set = (*store)->SetSetting(key, value, *audit); !set) return Fail(ctx, set.error());
  *ctx.out << fmt::format("{} = {}\n", key, value);
  return 0;
}

int ListSettings(Context& ctx) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  std::vector<std::vector<std::string>> rows = {{"key", "value", "meaning"}};
  for (const SettingKey& k : kSettingKeys) {
    auto value = StoredSetting(**store, k.key);
    if (!value) return Fail(ctx, value.error());
    const std::string shown = value->has_value() ? **value : fmt::format("{} (unset)", k.unset);
    rows.push_back({std::string(k.key), shown, std::string(k.meaning)});
  }
  *ctx.out << AlignedTable(rows);
  return 0;
}

void AddAuditListCommand(CLI::App& app, Context& ctx) {
  CLI::App* audit = app.add_subcommand("audit", "The audit log: who changed what, and when");
  audit->require_subcommand(1);
  auto& opts = ctx.Keep<AuditListOptions>();
  CLI::App* list = audit->add_subcommand("list", "List audit entries, newest first");
  list->add_option("--since", opts.since, "Only entries on or after this date (YYYY-MM-DD)");
  list->add_option("--actor", opts.actor, "Only this actor (an email, or os:NAME)");
  list->add_option("--entity", opts.entity, "Only this kind of record (user, token, plan, …)");
  list->add_option("--action", opts.action, "Only this action (user.create, plan.import, …)");
  list->add_option("--format", opts.format, "text or csv")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  list->add_option("--limit", opts.limit, "At most this many entries (default: all)")
      ->check(CLI::PositiveNumber);
  list->callback([&ctx, &opts] { ctx.exit_code = ListAudit(ctx, opts); });
}

void AddSettingsCommands(CLI::App& app, Context& ctx) {
  CLI::App* settings = app.add_subcommand("settings", "The database's settings");
  settings->require_subcommand(1);
  auto& key = ctx.Keep<std::string>();
  auto& value = ctx.Keep<std::string>();
  CLI::App* set = settings->add_subcommand("set", "Set a setting (demo: true or false)");
  set->add_option("KEY", key, "The setting's name")->required();
  set->add_option("VALUE", value, "Its new value")->required();
  set->callback([&ctx, &key, &value] { ctx.exit_code = SetSetting(ctx, key, value); });
  settings->add_subcommand("list", "List the settings and their values")->callback([&ctx] {
    ctx.exit_code = ListSettings(ctx);
  });
}

}  // namespace

void AddAuditCommands(CLI::App& app, Context& ctx) {
  AddAuditListCommand(app, ctx);
  AddSettingsCommands(app, ctx);
}

}  // namespace waymark::cli
