// A consistent copy of a SQLite database taken while others may be using it, through SQLite's
// online backup API: copied in steps into a new file beside the destination, opened again and
// checked (PRAGMA integrity_check, schema version), synced to disk and renamed into place.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/result.h"

namespace waymark::store {

struct BackupOptions {
  bool overwrite = false;          // replace an existing destination file
  int pages_per_step = 1024;       // pages copied per step (4 MB with SQLite's default pages)
  std::chrono::milliseconds busy_pause{20};  // wait before retrying a step the source refused
  int busy_retries = 1500;         // steps refused (busy, locked) before giving up (~30 s)
  // A writer that changes the source between steps makes the copy start again; after this
  // many restarts the rest is copied in one step (a reader does not block writers in WAL mode).
  int restarts_before_one_step = 3;
};

struct BackupResult {
  std::int64_t pages = 0;      // pages copied
  std::uintmax_t bytes = 0;    // the copy's size
  int schema_version = 0;      // the copy's schema version
  int restarts = 0;            // times a writer made the copy start again
};

// Copies the database `source` to the new file `destination`. kNotFound when `source` does not
// exist; kAlreadyExists when `destination` does and `overwrite` is off; kInvalidArgument when
// they are the same file; kIo naming the directory when the destination's directory is
// missing or cannot be written; kDatabase when the copy fails or does not check out. Nothing
// is left at `destination` (nor beside it) unless the whole copy checked out.
Result<BackupResult> BackupSqlite(const std::string& source, const std::string& destination,
                                  const BackupOptions& options = {});

}  // namespace waymark::store
