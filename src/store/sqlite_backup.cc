// The online backup of a SQLite database (see sqlite_backup.h).
#include "store/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "store/db.h"

namespace waymark::store {
namespace {

namespace fs = std::filesystem;

// Removes the partial copy (and any journal SQLite left beside it) unless released.
class PartialFile {
 public:
  explicit PartialFile(std::string path) : path_(std::move(path)) {}
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  ~PartialFile() {
    if (path_.empty()) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
  }
  const std::string& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

Status SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot open {} to sync it: {}", path,
                                                 std::strerror(errno)));
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot sync {}: {}", path, std::strerror(err)));
  }
  return {};
}

// The directory the destination goes into: it must exist and be writable.
Result<fs::path> DestinationDir(const fs::path& destination) {
  fs::path dir = destination.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("cannot write the backup: no directory {}", dir.string()));
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot write the backup in directory {}: {}",
                                                 dir.string(), std::strerror(errno)));
  }
  return dir;
}

bool Busy(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// Copies `from` into `to` in steps; the pages copied, or the failure.
Result<std::int64_t> CopyPages(Db& from, Db& to, const BackupOptions& options, int& restarts) {
  sqlite3_backup* backup = sqlite3_backup_init(to.raw(), "main", from.raw(), "main");
  if (backup == nullptr) return tl::unexpected(to.LastError("cannot start the backup"));
  int busy = 0;
  int step = options.pages_per_step > 0 ? options.pages_per_step : -1;
  int rc = SQLITE_OK;
  int last_remaining = -1;
  std::int64_t pages = 0;
  while (true) {
    rc = sqlite3_backup_step(backup, step);
    if (rc == SQLITE_DONE) {
      pages = sqlite3_backup_pagecount(backup);
      break;
    }
    if (Busy(rc)) {
      if (++busy > options.busy_retries) break;
      std::this_thread::sleep_for(options.busy_pause);
      continue;
    }
    if (rc != SQLITE_OK) break;
    const int remaining = sqlite3_backup_remaining(backup);
    if (last_remaining >= 0 && remaining > last_remaining) {
      // A writer changed the source: the copy started again.
      if (++restarts >= options.restarts_before_one_step) step = -1;
    }
    last_remaining = remaining;
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("the backup stopped: {}{}", sqlite3_errstr(rc),
                                 Busy(rc) ? " (the database stayed busy)" : ""),
                     SourcePos{from.path()});
  }
  if (sqlite3_errcode(to.raw()) != SQLITE_OK && sqlite3_errcode(to.raw()) != SQLITE_DONE) {
    return tl::unexpected(to.LastError("the backup could not be written"));
  }
  return pages;
}

// Opens the finished copy and checks it: its integrity, and the source's schema version.
Result<int> CheckCopy(const std::string& path, std::int64_t source_version) {
  WAYMARK_ASSIGN_OR_RETURN(Db copy, Db::Open(path, Db::Mode::kReadWrite));
  WAYMARK_ASSIGN_OR_RETURN(Statement check, copy.Prepare("PRAGMA integrity_check"));
  WAYMARK_ASSIGN_OR_RETURN(const bool row, check.Step());
  const std::string verdict = row ? check.Text(0) : "no answer";
  if (verdict != "ok") {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("the copy does not pass PRAGMA integrity_check: {}", verdict),
                     SourcePos{path});
  }
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t version, copy.QueryInt("PRAGMA user_version"));
  if (version != source_version) {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("the copy has schema version {}, the database {}", version,
                                 source_version),
                     SourcePos{path});
  }
  return static_cast<int>(version);
}

}  // namespace

Result<BackupResult> BackupSqlite(const std::string& source, const std::string& destination,
                                  const BackupOptions& options) {
  std::error_code ec;
  if (!fs::exists(source, ec)) {
    return MakeError(ErrorCode::kNotFound, "no database to back up", SourcePos{source});
  }
  WAYMARK_ASSIGN_OR_RETURN(const fs::path dir, DestinationDir(destination));
  if (fs::exists(destination, ec)) {
    if (fs::equivalent(source, destination, ec)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "the backup would replace the database itself", SourcePos{destination});
    }
    if (!options.overwrite) {
      return MakeError(ErrorCode::kAlreadyExists,
                       "the backup file exists already (--force replaces it)",
                       SourcePos{destination});
    }
  }
  std::string name =
      (dir / fmt::format(".{}.partial-XXXXXX", fs::path(destination).filename().string()))
          .string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot write the backup in directory {}: {}",
                                                 dir.string(), std::strerror(errno)));
  }
  ::close(fd);
  PartialFile partial(name);

  BackupResult result;
  WAYMARK_ASSIGN_OR_RETURN(Db from, Db::Open(source, Db::Mode::kReadOnly));
  {
    WAYMARK_ASSIGN_OR_RETURN(Db to, Db::Open(partial.path(), Db::Mode::kReadWrite));
    WAYMARK_ASSIGN_OR_RETURN(result.pages, CopyPages(from, to, options, result.restarts));
  }  // the copy is closed (its journal gone) before it is checked, synced and renamed
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t source_version, from.QueryInt("PRAGMA user_version"));
  WAYMARK_ASSIGN_OR_RETURN(result.schema_version, CheckCopy(partial.path(), source_version));
  WAYMARK_TRY(SyncPath(partial.path(), O_RDONLY));
  if (::rename(partial.path().c_str(), destination.c_str()) != 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot rename the backup to {}: {}",
                                                 destination, std::strerror(errno)));
  }
  partial.Release();
  WAYMARK_TRY(SyncPath(dir.string(), O_RDONLY | O_DIRECTORY));
  result.bytes = fs::file_size(destination, ec);
  return result;
}

}  // namespace waymark::store
