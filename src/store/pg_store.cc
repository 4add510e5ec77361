// Opening the store on PostgreSQL: connecting, migrating or checking the schema as the open mode
// asks, and telling a PostgreSQL address from a file's path. The store's code itself is shared
// with SQLite (sql_store.h over db.h's Db).
#include <fmt/format.h>

#include "store/pg_schema.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

// For kReadOnly and kReadWriteCurrent: the schema must be this program's.
Status CheckPostgresSchema(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(const int version, PgSchemaVersion(*db.pg()));
  return CheckProgramSchema(db, version);
}

Status Located(Status status, const std::string& name) {
  if (status || !status.error().pos.file.empty()) return status;
  return tl::unexpected(Error{status.error().code, status.error().message, SourcePos{name}});
}

}  // namespace

bool IsPostgresAddress(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string DatabaseName(std::string_view location) {
  if (!IsPostgresAddress(location)) return std::string(location);
  const std::size_t scheme_end = location.find("://") + 3;
  const std::size_t at = location.find('@', scheme_end);
  const std::size_t slash = location.find('/', scheme_end);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(location);
  }
  const std::size_t colon = location.find(':', scheme_end);
  if (colon == std::string_view::npos || colon > at) return std::string(location);
  std::string name(location.substr(0, colon));
  name.append(location.substr(at));
  return name;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& address, OpenMode mode) {
  const std::string name = DatabaseName(address);
  WAYMARK_ASSIGN_OR_RETURN(Db db, Db::OpenPostgres(address, name));
  if (mode == OpenMode::kReadOnly || mode == OpenMode::kReadWriteCurrent) {
    WAYMARK_TRY(CheckPostgresSchema(db));
  } else {
    WAYMARK_TRY(Located(MigratePostgres(db), name));
  }
  if (mode == OpenMode::kReadOnly) {
    WAYMARK_TRY(db.Exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
  }
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(db)));
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode) {
  if (IsPostgresAddress(location)) return OpenPostgresStore(location, mode);
  return OpenSqliteStore(location, mode);
}

Result<MigrationSteps> MigrateDatabase(const std::string& location) {
  if (!IsPostgresAddress(location)) return MigrateSqliteFile(location);
  const std::string name = DatabaseName(location);
  WAYMARK_ASSIGN_OR_RETURN(Db db, Db::OpenPostgres(location, name));
  MigrationSteps steps;
  WAYMARK_ASSIGN_OR_RETURN(steps.from, PgSchemaVersion(*db.pg()));
  WAYMARK_TRY(Located(MigratePostgres(db), name));
  WAYMARK_ASSIGN_OR_RETURN(steps.to, PgSchemaVersion(*db.pg()));
  return steps;
}

Status CheckPostgresIntegrity(Db& db) { return CheckPostgresSchema(db); }

}  // namespace waymark::store
