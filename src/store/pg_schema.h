// The PostgreSQL schema and its migrations. PostgreSQL support begins at schema version
// kPgBaselineVersion: a new database gets the baseline in one step, and every migration after it
// is written for both dialects, so that both backends share the same version numbers.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "store/db.h"
#include "store/pg_db.h"

namespace waymark::store {

inline constexpr int kPgBaselineVersion = 18;

// The baseline: the tables, indexes and triggers of SQLite schema version kPgBaselineVersion.
std::string_view PgBaseline();

// Entry i takes the schema from version kPgBaselineVersion + i to the next.
std::span<const std::string_view> PgMigrationsAfterBaseline();

// The version this program's PostgreSQL migrations lead to (equal to SQLite's).
int PgProgramSchemaVersion();

// The database's schema version; 0 for a database Waymark has not set up.
Result<int> PgSchemaVersion(pg::Connection& conn);

// Brings the database to PgProgramSchemaVersion() in one transaction, holding an advisory lock
// so that nodes starting together take turns. A database newer than the program is refused.
// `db` is a PostgreSQL Db: the steps in code (PackAssessmentRows after 26) run through it.
Status MigratePostgres(Db& db);

}  // namespace waymark::store
