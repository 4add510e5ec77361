// `waymark backup` (a consistent copy of the database while a server may be using it),
// `waymark migrate` (the schema's pending migrations, applied explicitly: `waymark serve`
// never migrates) and `waymark copy` (a whole database into a new one, SQLite or PostgreSQL).
// Each is audited in the database it makes or acts on.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "store/database_copy.h"
#include "store/schema.h"
#include "store/sqlite_backup.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

struct BackupCommandOptions {
  std::string to;
  bool force = false;
};

struct CopyCommandOptions {
  std::string from;
  std::string to;
};

// "12.3 MB", "512 KB", "900 bytes".
std::string Size(std::uintmax_t bytes) {
  if (bytes >= 1'000'000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  if (bytes >= 1'000) return fmt::format("{:.0f} KB", static_cast<double>(bytes) / 1e3);
  return fmt::format("{} bytes", bytes);
}

int Backup(Context& ctx, const BackupCommandOptions& opts) {
  // The entry is made first (a bad --as stops the command with nothing done) when the schema
  // is this program's; a database at another version is backed up without one, since
  // opening it here must not migrate it under a running server.
  if (store::IsPostgresAddress(ctx.db_path)) {
    *ctx.err << "waymark: backup: a PostgreSQL database is backed up with pg_dump "
                "(docs/deploy.md, \"Backups and restores\")\n";
    return 2;
  }
  std::unique_ptr<store::Store> store;
  std::optional<AuditEntry> audit;
  auto opened = store::OpenStore(ctx.db_path, store::OpenMode::kReadWriteCurrent);
  if (opened) {
    store = std::move(*opened);
    auto entry = CommandAudit(ctx, *store, "database.backup");
    if (!entry) return Fail(ctx, entry.error());
    audit = std::move(*entry);
  } else if (opened.error().code != ErrorCode::kUnsupported) {
    return Fail(ctx, opened.error());
  }
  store::BackupOptions options;
  options.overwrite = opts.force;
  auto done = store::BackupSqlite(ctx.db_path, opts.to, options);
  if (!done) return Fail(ctx, done.error());
  if (audit) {
    audit->entity = "database";
    audit->entity_id = opts.to;
    audit->after = nlohmann::ordered_json{{"to", opts.to},
                                          {"pages", done->pages},
                                          {"bytes", done->bytes},
                                          {"schema_version", done->schema_version}}
                       .dump();
    if (auto kept = store->AppendAudit(*audit); !kept) return Fail(ctx, kept.error());
  } else {
    *ctx.err << "waymark: backup: not audited: the database's schema is not this program's\n";
  }
  *ctx.out << fmt::format(
      "backed up {} to {}: {} pages, {} (schema version {}, integrity ok{})\n", ctx.db_path,
      opts.to, done->pages, Size(done->bytes), done->schema_version,
      done->restarts > 0 ? fmt::format(", restarted {} times by writes", done->restarts) : "");
  return 0;
}

int Migrate(Context& ctx) {
  auto steps = store::MigrateDatabase(ctx.db_path);
  if (!steps) return Fail(ctx, steps.error());
  if (steps->from == steps->to) {
    *ctx.out << fmt::format("{}: schema version {}, this program's; nothing to migrate\n",
                            store::DatabaseName(ctx.db_path), steps->to);
    return 0;
  }
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWriteCurrent);
  if (!store) return Fail(ctx, store.error());
  auto audit = CommandAudit(ctx, **store, "database.migrate");
  if (audit) {
    audit->entity = "database";
    audit->entity_id = "schema";
    audit->before = nlohmann::ordered_json{{"schema_version", steps->from}}.dump();
    audit->after = nlohmann::ordered_json{{"schema_version", steps->to}}.dump();
    if (auto kept = (*store)->AppendAudit(*audit); !kept) return Fail(ctx, kept.error());
  } else {
    // A new database has no users for --as to name: the migration stands all the same.
    *ctx.err << "waymark: migrate: not audited: " << audit.error().message << "\n";
  }
  *ctx.out << fmt::format("{}: migrated schema version {} to {}\n",
                          store::DatabaseName(ctx.db_path), steps->from, steps->to);
  return 0;
}

int Copy(Context& ctx, const CopyCommandOptions& opts) {
  // The actor (--as) is checked against the source's users, before anything is made.
  auto source = store::OpenStore(opts.from, store::OpenMode::kReadOnly);
  if (!source) return Fail(ctx, source.error());
  auto audit = CommandAudit(ctx, **source, "database.copy");
  if (!audit) return Fail(ctx, audit.error());
  source->reset();
  auto copied = store::CopyDatabase(opts.from, opts.to, *audit);
  if (!copied) return Fail(ctx, copied.error());
  std::int64_t rows = 0;
  for (const store::CopiedTable& table : copied->tables) rows += table.rows;
  *ctx.out << fmt::format(
      "copied {} to {}: {} tables, {} rows (schema version {}; sessions are not copied: users "
      "sign in again)\n",
      store::DatabaseName(opts.from), store::DatabaseName(opts.to), copied->tables.size(), rows,
      copied->schema_version);
  return 0;
}

}  // namespace

void AddDatabaseCommands(CLI::App& app, Context& ctx) {
  auto& backup_opts = ctx.Keep<BackupCommandOptions>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy the database to a new file, also while a server is using it");
  backup->add_option("--to", backup_opts.to, "The backup file (must not exist)")->required();
  backup->add_flag("--force", backup_opts.force, "Replace the backup file if it exists");
  backup->callback([&ctx, &backup_opts] { ctx.exit_code = Backup(ctx, backup_opts); });

  CLI::App* migrate = app.add_subcommand(
      "migrate", "Apply the database's pending schema migrations (creating it when missing)");
  migrate->callback([&ctx] { ctx.exit_code = Migrate(ctx); });

  auto& copy_opts = ctx.Keep<CopyCommandOptions>();
  CLI::App* copy = app.add_subcommand(
      "copy", "Copy a whole database into a new one: SQLite to PostgreSQL or back");
  copy->add_option("--from", copy_opts.from, "The database to copy (a file or postgresql://…)")
      ->required();
  copy->add_option("--to", copy_opts.to,
                   "The new database (a file, created; or an empty PostgreSQL database)")
      ->required();
  copy->callback([&ctx, &copy_opts] { ctx.exit_code = Copy(ctx, copy_opts); });
}

}  // namespace waymark::cli
