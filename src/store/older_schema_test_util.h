// Tests of migrations: a SQLite database as a program of an older schema left it.
#pragma once

#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "core/result.h"
#include "store/db.h"
#include "store/schema.h"
#include "store/sql_store.h"

namespace waymark::store {

// A new SQLite file at `path` migrated up to schema `version` only, with the data steps of
// those migrations, and marked with that version.
inline Result<Db> SqliteAtVersion(const std::string& path, std::size_t version) {
  WAYMARK_ASSIGN_OR_RETURN(Db db, Db::Open(path, Db::Mode::kCreate));
  for (std::size_t i = 0; i < version; ++i) {
    WAYMARK_TRY(db.Exec(std::string(SqliteMigrations()[i])));
    if (i + 1 == kPackedFiguresVersion) WAYMARK_TRY(PackObservationRows(db));
  }
  WAYMARK_TRY(db.Exec(fmt::format("PRAGMA user_version = {}", version)));
  return db;
}

}  // namespace waymark::store
