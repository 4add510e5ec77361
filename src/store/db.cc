// Database adapter: opening SQLite with the right flags or connecting to PostgreSQL, statement
// life cycle (each call passed to the connection's own kind) and error translation.
#include "store/db.h"

#include <cmath>
#include <filesystem>
#include <limits>
#include <utility>

#include <fmt/format.h>
#include <sqlite3.h>

namespace waymark::store {

Result<Db> Db::Open(const std::string& path, Mode mode) {
  if (mode != Mode::kCreate && path != ":memory:" && !std::filesystem::exists(path)) {
    return MakeError(ErrorCode::kNotFound,
                     "database does not exist (create it with 'waymark init' or an import)",
                     SourcePos{path});
  }
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw, path);
  if (rc != SQLITE_OK) {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("cannot open database: {}",
                                 raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                     SourcePos{path});
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  // Touch the schema so that a file that is not a database fails here, not later.
  WAYMARK_TRY(db.Exec("SELECT count(*) FROM sqlite_schema"));
  return db;
}

Result<Db> Db::OpenPostgres(const std::string& conninfo, std::string name) {
  auto conn = pg::Connection::Open(conninfo);
  if (!conn) return tl::unexpected(Error{conn.error().code, conn.error().message, SourcePos{name}});
  return Db(std::make_unique<pg::Connection>(std::move(*conn)), std::move(name));
}

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      pg_(std::move(other.pg_)),
      path_(std::move(other.path_)),
      open_transactions_(std::exchange(other.open_transactions_, 0)),
      pg_changes_(other.pg_changes_) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    pg_ = std::move(other.pg_);
    path_ = std::move(other.path_);
    open_transactions_ = std::exchange(other.open_transactions_, 0);
    pg_changes_ = other.pg_changes_;
  }
  return *this;
}

Db::~Db() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Error Db::LastError(std::string_view context) const {
  if (pg_) {
    Error error = pg_->LastError(context);
    error.pos = SourcePos{path_};
    return error;
  }
  const int code = sqlite3_extended_errcode(db_);
  std::string message = sqlite3_errmsg(db_);
  if ((code & 0xff) == SQLITE_NOTADB) message = "file is not a Waymark (SQLite) database";
  if ((code & 0xff) == SQLITE_READONLY) {
    message = "database is read-only (check the file's permissions)";
  }
  return Error{ErrorCode::kDatabase, fmt::format("{}: {}", context, message), SourcePos{path_}};
}

int Db::Changes() const { return pg_ ? pg_changes_ : sqlite3_changes(db_); }

Result<std::int64_t> Db::LastInsertRowid() {
  if (pg_) return pg_->QueryInt("SELECT lastval()");
  return sqlite3_last_insert_rowid(db_);
}

Status Db::Exec(std::string_view sql) {
  if (pg_) return pg_->Exec(sql);
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return tl::unexpected(LastError("database error"));
  }
  return {};
}

Result<Statement> Db::Prepare(std::string_view sql) {
  if (pg_) {
    WAYMARK_ASSIGN_OR_RETURN(pg::Statement stmt, pg_->Prepare(sql));
    return Statement(std::make_unique<pg::Statement>(std::move(stmt)), this);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return tl::unexpected(LastError(fmt::format("cannot prepare '{}'", sql.substr(0, 60))));
  }
  return Statement(stmt, this);
}

Result<std::int64_t> Db::QueryInt(std::string_view sql) {
  WAYMARK_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return MakeError(ErrorCode::kDatabase, "query returned no row", SourcePos{path_});
  return stmt.Int(0);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), pg_(std::move(other.pg_)), db_(other.db_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    pg_ = std::move(other.pg_);
    db_ = other.db_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (pg_) {
    pg_->Bind(index, text);
    return *this;
  }
  // An empty view may have no data pointer, which SQLite would bind as NULL.
  sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "",
                    static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindUncopied(int index, std::string_view text) {
  if (pg_) return Bind(index, text);
  sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "",
                    static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindBlobUncopied(int index, std::string_view bytes) {
  if (pg_) {
    pg_->BindBlob(index, bytes);
    return *this;
  }
  sqlite3_bind_blob(stmt_, index, bytes.data() != nullptr ? bytes.data() : "",
                    static_cast<int>(bytes.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  if (pg_) {
    pg_->Bind(index, value);
    return *this;
  }
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (pg_) {
    pg_->Bind(index, value);
    return *this;
  }
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (pg_) {
    pg_->BindNull(index);
    return *this;
  }
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindOptional(int index, double value) {
  return std::isnan(value) ? BindNull(index) : Bind(index, value);
}

Result<bool> Statement::Step() {
  if (pg_) {
    auto row = pg_->Step();
    if (row) db_->pg_changes_ = pg_->Changes();
    return row;
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(db_->LastError("database error"));
}

Status Statement::Run() {
  auto stepped = Step();
  Reset();
  if (!stepped) return tl::unexpected(stepped.error());
  return {};
}

void Statement::Reset() {
  if (pg_) {
    pg_->Reset();  // keeps the bindings, which every caller binds again before the next run
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int column) const {
  if (pg_) return pg_->Text(column);
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::TextView(int column) const {
  if (pg_) return pg_->TextView(column);
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::BlobView(int column) const {
  if (pg_) return pg_->BlobView(column);
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) return {};
  return {static_cast<const char*>(bytes),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::int64_t Statement::Int(int column) const {
  return pg_ ? pg_->Int(column) : sqlite3_column_int64(stmt_, column);
}
double Statement::Double(int column) const {
  return pg_ ? pg_->Double(column) : sqlite3_column_double(stmt_, column);
}
double Statement::OptionalDouble(int column) const {
  return IsNull(column) ? std::numeric_limits<double>::quiet_NaN() : Double(column);
}

int Statement::ColumnCount() const {
  return pg_ ? pg_->ColumnCount() : sqlite3_column_count(stmt_);
}

std::string Statement::ColumnName(int column) const {
  if (pg_) return pg_->ColumnName(column);
  const char* name = sqlite3_column_name(stmt_, column);
  return name != nullptr ? name : "";
}

ColumnKind Statement::Kind(int column) const {
  if (pg_) return pg_->Kind(column);
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL:
      return ColumnKind::kNull;
    case SQLITE_INTEGER:
      return ColumnKind::kInteger;
    case SQLITE_FLOAT:
      return ColumnKind::kReal;
    case SQLITE_BLOB:
      return ColumnKind::kBlob;
    default:
      return ColumnKind::kText;
  }
}

bool Statement::IsNull(int column) const {
  if (pg_) return pg_->IsNull(column);
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<Transaction> Transaction::Begin(Db& db) {
  Transaction transaction(&db, db.open_transactions_);
  if (db.pg_) {
    WAYMARK_ASSIGN_OR_RETURN(pg::Transaction pg, pg::Transaction::Begin(*db.pg_));
    transaction.pg_.emplace(std::move(pg));
    ++db.open_transactions_;  // from here the destructor ends it
    if (transaction.depth_ == 0) {
      WAYMARK_TRY(db.Exec(fmt::format("SELECT pg_advisory_xact_lock({})", kWriterLock)));
    }
    return transaction;
  }
  Status begun = db.Exec(transaction.depth_ == 0 ? std::string("BEGIN IMMEDIATE")
                                                 : "SAVEPOINT " + transaction.Savepoint());
  if (!begun) {
    transaction.db_ = nullptr;  // nothing begun, so nothing to end
    return tl::unexpected(begun.error());
  }
  ++db.open_transactions_;
  return transaction;
}

std::string Transaction::Savepoint() const { return "waymark_" + std::to_string(depth_); }

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  --db_->open_transactions_;
  if (pg_) return;  // pg_'s own destructor rolls back
  if (depth_ == 0) {
    (void)db_->Exec("ROLLBACK");
  } else {
    (void)db_->Exec("ROLLBACK TO " + Savepoint() + "; RELEASE " + Savepoint());
  }
}

Status Transaction::Commit() {
  if (pg_) {
    Status committed = pg_->Commit();
    pg_.reset();
    --db_->open_transactions_;
    db_ = nullptr;
    return committed;
  }
  WAYMARK_TRY(db_->Exec(depth_ == 0 ? std::string("COMMIT") : "RELEASE " + Savepoint()));
  --db_->open_transactions_;
  db_ = nullptr;
  return {};
}

}  // namespace waymark::store
