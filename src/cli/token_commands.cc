// `waymark token ...`: API tokens, named secrets that act as their user on /api/v1. A token is
// shown once, when it is created; the database keeps only its digest.
#include <algorithm>
#include <charconv>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/table_text.h"
#include "core/account.h"
#include "core/clock.h"
#include "core/plan.h"
#include "core/secrets.h"
#include "stats/csv.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

// The purpose the web layer digests bearer tokens with (web/auth.cc); they must agree.
constexpr std::string_view kTokenPrefix = "wmk_";

int Fail(Context& ctx, const Error& error) {
  *ctx.err << "waymark: " << error.ToString() << "\n";
  return 1;
}

int Fail(Context& ctx, std::string_view message) {
  *ctx.err << "waymark: " << message << "\n";
  return 1;
}

// The options of `token create`.
struct NewTokenOptions {
  std::string email;
  std::string name;
  std::string expires;
};

// Today's date (UTC) by the context's clock, as YYYY-MM-DD.
std::string Today(const Context& ctx) {
  return FormatUtc(ctx.clock->NowUnixSeconds()).substr(0, 10);
}

// The --expires date checked: a calendar date, today or later; "" stays "" (never expires).
Result<std::string> ExpiryDate(const Context& ctx, const std::string& text) {
  if (text.empty()) return text;
  const std::optional<Date> date = Date::Parse(text);
  if (!date) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--expires: '{}' is not a date (YYYY-MM-DD)", text));
  }
  const std::string day = date->ToString();
  if (day < Today(ctx)) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("--expires: {} is in the past", day));
  }
  return day;
}

// The enabled user with `email_text`; kNotFound or kInvalidArgument otherwise.
Result<User> EnabledUser(store::Store& store, const std::string& email_text) {
  const std::string email = NormaliseEmail(email_text).value_or(email_text);
  auto stored = store.FindUser(email);
  if (!stored && stored.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no user {}", email_text));
  }
  if (!stored) return tl::unexpected(stored.error());
  if (stored->user.disabled) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("user {} is disabled; enable them first", email));
  }
  return stored->user;
}

int CreateToken(Context& ctx, const NewTokenOptions& opts) {
  if (auto name = CheckDisplayName(opts.name, "--name"); !name) return Fail(ctx, name.error());
  auto expires = ExpiryDate(ctx, opts.expires);
  if (!expires) return Fail(ctx, expires.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto user = EnabledUser(**store, opts.email);
  if (!user) return Fail(ctx, user.error());
  auto audit = CommandAudit(ctx, **store, "token.create");
  if (!audit) return Fail(ctx, audit.error());
  ApiToken token;
  token.user_id = user->id;
  token.name = opts.name;
  token.expires_on = *expires;
  const std::string secret = RandomToken(kTokenPrefix);
  auto created = (*store)->CreateApiToken(token, TokenDigest(secret, kApiTokenPurpose), *audit);
  if (!created) return Fail(ctx, created.error());
  *ctx.out << secret << "\n";
  *ctx.out << fmt::format(
      "token {} '{}' acts as {} ({}) on /api/v1 {}; it is shown only once: keep it now\n",
      created->id, created->name, user->email, RoleName(user->role),
      created->expires_on.empty() ? "until it is revoked"
                                  : "until the end of " + created->expires_on);
  return 0;
}

std::string_view TokenStatus(const ApiToken& token, const std::string& today) {
  if (!token.revoked_at.empty()) return "revoked";
  if (!token.expires_on.empty() && today > token.expires_on) return "expired";
  return "active";
}

std::string OrNever(const std::string& text) { return text.empty() ? "never" : text; }

int ListTokens(Context& ctx, const std::string& email_text, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  std::string email;
  if (!email_text.empty()) {
    email = NormaliseEmail(email_text).value_or(email_text);
    if (!(*store)->FindUser(email)) return Fail(ctx, fmt::format("no user {}", email_text));
  }
  auto tokens = (*store)->ListApiTokens(email);
  if (!tokens) return Fail(ctx, tokens.error());
  const bool csv = format == "csv";
  const std::string today = Today(ctx);
  std::vector<std::vector<std::string>> rows;
  rows.push_back(csv ? std::vector<std::string>{"id", "user", "name", "created_at", "expires_on",
                                                "last_used_at", "status"}
                     : std::vector<std::string>{"id", "user", "name", "created", "expires",
                                                "last used", "status"});
  for (const ApiToken& t : *tokens) {
    rows.push_back({std::to_string(t.id), t.user_email, t.name, t.created_at,
                    csv ? t.expires_on : OrNever(t.expires_on),
                    csv ? t.last_used_at : OrNever(t.last_used_at),
                    std::string(TokenStatus(t, today))});
  }
  if (csv) {
    for (const auto& row : rows) *ctx.out << stats::CsvLine(row) << "\n";
  } else if (tokens->empty()) {
    *ctx.out << "no API tokens (create one with 'waymark token create EMAIL --name NAME')\n";
  } else {
    *ctx.out << AlignedTable(rows);
  }
  return 0;
}

std::optional<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
  return id;
}

int RevokeToken(Context& ctx, const std::string& id_text) {
  const std::optional<std::int64_t> id = ParseId(id_text);
  if (!id)
    return Fail(ctx, fmt::format("ID: '{}' is not a token id (see 'waymark token list')", id_text));
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto tokens = (*store)->ListApiTokens("");
  if (!tokens) return Fail(ctx, tokens.error());
  const auto found =
      std::find_if(tokens->begin(), tokens->end(), [&](const ApiToken& t) { return t.id == *id; });
  if (found == tokens->end()) return Fail(ctx, fmt::format("no API token {}", *id));
  if (!found->revoked_at.empty()) {
    *ctx.out << fmt::format("token {} was revoked already, at {}\n", *id, found->revoked_at);
    return 0;
  }
  auto audit = CommandAudit(ctx, **store, "token.revoke");
  if (!audit) return Fail(ctx, audit.error());
  if (auto revoked = (*store)->RevokeApiToken(*id, *audit); !revoked) {
    return Fail(ctx, revoked.error());
  }
  *ctx.out << fmt::format("revoked token {} '{}' of {}\n", *id, found->name, found->user_email);
  return 0;
}

}  // namespace

void AddTokenCommands(CLI::App& app, Context& ctx) {
  CLI::App* token = app.add_subcommand("token", "API tokens: create, list, revoke");
  token->require_subcommand(1);

  auto& opts = ctx.Keep<NewTokenOptions>();
  CLI::App* create =
      token->add_subcommand("create", "Create a token acting as a user on /api/v1; prints it once");
  create->add_option("EMAIL", opts.email, "The user the token acts as")->required();
  create->add_option("--name", opts.name, "What the token is for, e.g. 'Power BI refresh'")
      ->required();
  create->add_option("--expires", opts.expires,
                     "The last day it works (YYYY-MM-DD); default: until revoked");
  create->callback([&ctx, &opts] { ctx.exit_code = CreateToken(ctx, opts); });

  auto& user = ctx.Keep<std::string>();
  auto& format = ctx.Keep<std::string>("text");
  CLI::App* list = token->add_subcommand("list", "List the tokens (never the secrets)");
  list->add_option("--user", user, "Only this user's tokens");
  list->add_option("--format", format, "text or csv")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  list->callback([&ctx, &user, &format] { ctx.exit_code = ListTokens(ctx, user, format); });

  auto& id = ctx.Keep<std::string>();
  CLI::App* revoke = token->add_subcommand("revoke", "Revoke a token: it stops working at once");
  revoke->add_option("ID", id, "The token's id (see 'waymark token list')")->required();
  revoke->callback([&ctx, &id] { ctx.exit_code = RevokeToken(ctx, id); });
}

}  // namespace waymark::cli
