// SqlStore: opening, migrations, listings, history and integrity checks.
#include "store/sql_store.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/clock.h"
#include "store/pg_schema.h"
#include "store/schema.h"

namespace waymark::store {

Status MigrateSqlite(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t version, db.QueryInt("PRAGMA user_version"));
  const auto migrations = SqliteMigrations();
  if (version > static_cast<std::int64_t>(migrations.size())) {
    return MakeError(ErrorCode::kUnsupported,
                     fmt::format("database schema version {} is newer than this program "
                                 "supports ({}); upgrade waymark",
                                 version, migrations.size()),
                     SourcePos{db.path()});
  }
  for (std::size_t i = static_cast<std::size_t>(version); i < migrations.size(); ++i) {
    WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
    WAYMARK_TRY(db.Exec(migrations[i]));
    if (i + 1 == kPackedFiguresVersion) WAYMARK_TRY(PackObservationRows(db));
    if (i + 1 == kPackedJudgementsVersion) WAYMARK_TRY(PackAssessmentRows(db));
    WAYMARK_TRY(db.Exec(fmt::format("PRAGMA user_version = {}", i + 1)));
    WAYMARK_TRY(tx.Commit());
  }
  return {};
}

namespace {

// For OpenMode::kReadWriteCurrent: the schema must be this program's, and is never migrated.
Status CheckCurrentSchema(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t version, db.QueryInt("PRAGMA user_version"));
  return CheckProgramSchema(db, version);
}

}  // namespace

Status CheckProgramSchema(const Db& db, std::int64_t version) {
  const auto program = static_cast<std::int64_t>(ProgramSchemaVersion());
  if (version == program) return {};
  if (version == 0) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("no Waymark database here; create one with 'waymark --db {} "
                                 "migrate' (or an import)",
                                 db.path()),
                     SourcePos{db.path()});
  }
  if (version < program) {
    return MakeError(ErrorCode::kUnsupported,
                     fmt::format("database schema version {} is older than this program's ({}); "
                                 "run 'waymark --db {} migrate' first",
                                 version, program, db.path()),
                     SourcePos{db.path()});
  }
  return MakeError(ErrorCode::kUnsupported,
                   fmt::format("database schema version {} is newer than this program's ({}): "
                               "this waymark is older than the database; run the newer waymark",
                               version, program),
                   SourcePos{db.path()});
}

Result<MigrationSteps> MigrateSqliteFile(const std::string& path) {
  MigrationSteps steps;
  if (std::filesystem::exists(path)) {
    WAYMARK_ASSIGN_OR_RETURN(Db db, Db::Open(path, Db::Mode::kReadWrite));
    WAYMARK_ASSIGN_OR_RETURN(const std::int64_t version, db.QueryInt("PRAGMA user_version"));
    steps.from = static_cast<int>(version);
  }
  WAYMARK_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(path, OpenMode::kCreate));
  steps.to = store->SchemaVersion();
  return steps;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode) {
  Db::Mode db_mode = Db::Mode::kCreate;
  if (mode == OpenMode::kReadOnly) db_mode = Db::Mode::kReadOnly;
  if (mode == OpenMode::kReadWrite || mode == OpenMode::kReadWriteCurrent) {
    db_mode = Db::Mode::kReadWrite;
  }
  WAYMARK_ASSIGN_OR_RETURN(Db db, Db::Open(path, db_mode));
  WAYMARK_TRY(db.Exec("PRAGMA foreign_keys = ON"));
  if (mode == OpenMode::kReadWriteCurrent) WAYMARK_TRY(CheckCurrentSchema(db));
  if (mode == OpenMode::kReadOnly) {
    WAYMARK_ASSIGN_OR_RETURN(const std::int64_t version, db.QueryInt("PRAGMA user_version"));
    if (version != static_cast<std::int64_t>(SqliteMigrations().size())) {
      return MakeError(ErrorCode::kUnsupported,
                       fmt::format("database schema version {} does not match this program's "
                                   "({}); open it once for writing to migrate it",
                                   version, SqliteMigrations().size()),
                       SourcePos{path});
    }
  } else {
    // Figures and judgements are kept in blocks of about a kilobyte a series: pages of 16 KiB
    // hold a dozen of them, where 4 KiB pages left a quarter of each page empty. Takes effect
    // on a new database only (an existing one keeps its page size).
    WAYMARK_TRY(db.Exec("PRAGMA page_size = 16384"));
    if (path != ":memory:") WAYMARK_TRY(db.Exec("PRAGMA journal_mode = WAL"));
    WAYMARK_TRY(db.Exec("PRAGMA synchronous = NORMAL"));
    if (mode != OpenMode::kReadWriteCurrent) WAYMARK_TRY(MigrateSqlite(db));
  }
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(db)));
}

std::string_view TopicName(DataTopic topic) {
  switch (topic) {
    case DataTopic::kPlans:
      return "plans";
    case DataTopic::kFigures:
      return "figures";
  }
  return "figures";
}

std::string ProgressTopic(std::string_view plan_id) { return "progress:" + std::string(plan_id); }

namespace {

Status RaiseVersionOf(Db& db, std::string_view topic) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement raise,
      db.Prepare("INSERT INTO data_versions (topic, version) VALUES (?1, 1) ON CONFLICT (topic) "
                 "DO UPDATE SET version = data_versions.version + 1"));
  raise.Bind(1, topic);
  return raise.Run();
}

}  // namespace

Status RaiseDataVersion(Db& db, DataTopic topic) { return RaiseVersionOf(db, TopicName(topic)); }

Status RaiseProgressVersion(Db& db, std::string_view plan_id) {
  return RaiseVersionOf(db, ProgressTopic(plan_id));
}

Status UseBulkWriteCache(Db& db) {
  if (db.dialect() != Dialect::kSqlite) return {};
  return db.Exec("PRAGMA cache_size = -16384");  // KiB: 16 MiB
}

Result<SqlStore::KeptStatement> SqlStore::Kept(std::string_view sql) {
  auto it = kept_.find(sql);
  if (it == kept_.end()) {
    WAYMARK_ASSIGN_OR_RETURN(Statement prepared, db_.Prepare(sql));
    it = kept_.emplace(std::string(sql), std::move(prepared)).first;
  }
  return KeptStatement(it->second);
}

Result<std::int64_t> SqlStore::VersionOf(std::string_view topic) {
  WAYMARK_ASSIGN_OR_RETURN(
      const KeptStatement select,
      Kept("SELECT coalesce(max(version), 0) FROM data_versions WHERE topic = ?1"));
  select->Bind(1, topic);
  WAYMARK_ASSIGN_OR_RETURN(const bool row, select->Step());
  return row ? select->Int(0) : 0;
}

Result<std::int64_t> SqlStore::DataVersion(DataTopic topic) { return VersionOf(TopicName(topic)); }

Result<bool> SqlStore::PlanExists(std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT 1 FROM plans WHERE id = ?"));
  stmt.Bind(1, plan_id);
  return stmt.Step();
}

Result<std::vector<PlanSummary>> SqlStore::ListPlans() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT id, title, organisation, start_date, end_date, status, revision, "
                  "updated_at FROM plans ORDER BY start_date DESC, id"));
  std::vector<PlanSummary> plans;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    PlanSummary s;
    s.id = stmt.Text(0);
    s.title = stmt.Text(1);
    s.organisation = stmt.Text(2);
    s.start = Date::Parse(stmt.Text(3));  // '' (period not stated) reads as unset
    s.end = Date::Parse(stmt.Text(4));
    s.status = stmt.Text(5);
    s.revision = static_cast<int>(stmt.Int(6));
    s.updated_at = stmt.Text(7);
    plans.push_back(std::move(s));
  }
  return plans;
}

Result<std::vector<PlanRevision>> SqlStore::PlanHistory(std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(bool exists, PlanExists(plan_id));
  if (!exists) return MakeError(ErrorCode::kNotFound, fmt::format("no plan '{}'", plan_id));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT r.revision, r.imported_at, r.imported_by, r.source, "
                  "(SELECT count(*) FROM plan_changes c WHERE c.plan_id = r.plan_id AND "
                  "c.revision = r.revision) FROM plan_revisions r WHERE r.plan_id = ? "
                  "ORDER BY r.revision"));
  stmt.Bind(1, plan_id);
  std::vector<PlanRevision> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(PlanRevision{static_cast<int>(stmt.Int(0)), stmt.Text(1), stmt.Text(2),
                               stmt.Text(3), static_cast<int>(stmt.Int(4))});
  }
  return out;
}

Result<std::vector<Change>> SqlStore::PlanChanges(std::string_view plan_id, int revision) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT kind, entity, entity_id, field, old_value, new_value FROM "
                  "plan_changes WHERE plan_id = ? AND revision = ? ORDER BY seq"));
  stmt.Bind(1, plan_id).Bind(2, revision);
  std::vector<Change> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const std::string kind = stmt.Text(0);
    Change c;
    c.kind = kind == "added" ? ChangeKind::kAdded
                             : (kind == "removed" ? ChangeKind::kRemoved : ChangeKind::kChanged);
    const std::optional<PlanRecordKind> entity = ParsePlanRecordKind(stmt.Text(1));
    if (!entity) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("plan '{}' revision {}: a change names an unknown kind of "
                                   "record '{}'",
                                   plan_id, revision, stmt.Text(1)));
    }
    c.entity = *entity;
    c.entity_id = stmt.Text(2);
    c.field = stmt.Text(3);
    c.old_value = stmt.Text(4);
    c.new_value = stmt.Text(5);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::string> SqlStore::PlanDocument(std::string_view plan_id, int revision) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT document FROM plan_revisions WHERE plan_id = ? AND revision = ?"));
  stmt.Bind(1, plan_id).Bind(2, revision);
  WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("plan '{}' has no revision {}", plan_id, revision));
  }
  return stmt.Text(0);
}

Status SqlStore::CheckIntegrity() {
  if (db_.dialect() == Dialect::kPostgres) return CheckPostgresIntegrity(db_);
  WAYMARK_ASSIGN_OR_RETURN(Statement check, db_.Prepare("PRAGMA integrity_check"));
  WAYMARK_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.Text(0) != "ok") {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("integrity check failed: {}", row ? check.Text(0) : "no answer"),
                     SourcePos{db_.path()});
  }
  WAYMARK_ASSIGN_OR_RETURN(Statement fk, db_.Prepare("PRAGMA foreign_key_check"));
  WAYMARK_ASSIGN_OR_RETURN(bool violation, fk.Step());
  if (violation) {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("foreign key violation in table {}", fk.Text(0)),
                     SourcePos{db_.path()});
  }
  return {};
}

int SqlStore::SchemaVersion() {
  if (db_.dialect() == Dialect::kPostgres) {
    auto version = PgSchemaVersion(*db_.pg());
    return version ? *version : -1;
  }
  auto version = db_.QueryInt("PRAGMA user_version");
  return version ? static_cast<int>(*version) : -1;
}

AuditEntry AuditedAction(const AuditEntry& audit, std::string_view action, std::int64_t now) {
  AuditEntry entry = audit;
  entry.action = std::string(action);
  if (entry.at.empty()) entry.at = FormatUtc(now);
  return entry;
}

Status FieldErrorsStatus(const FieldErrors& errors, ErrorCode code) {
  if (errors.empty()) return {};
  std::string message;
  for (const FieldError& e : errors) {
    if (!message.empty()) message.append("; ");
    message.append(fmt::format("{}: {}", e.field, e.message));
  }
  return MakeError(code, std::move(message));
}

}  // namespace waymark::store
