// A thin RAII adapter over the database: a connection, prepared statements and transactions
// whose failures come back as Result values carrying the database's own message. A Db is an
// embedded SQLite file or a PostgreSQL server (through pg_db.h); store code is written once,
// in SQL both understand (SQLite's `?` placeholders, which pg_db numbers for the server), and
// asks dialect() only where the two must differ (pragmas, integrity checks, schema versions).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/pg_db.h"

struct sqlite3;
struct sqlite3_stmt;

namespace waymark::store {

enum class Dialect { kSqlite, kPostgres };

class Statement;

class Db {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };

  // Opens `path`; kReadOnly and kReadWrite require the file to exist.
  static Result<Db> Open(const std::string& path, Mode mode);
  // Connects to PostgreSQL with a libpq URI or connection string; `name` is how errors name
  // the database (the URI without its password).
  static Result<Db> OpenPostgres(const std::string& conninfo, std::string name);

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // The first column of the first row of `sql`, as an integer.
  Result<std::int64_t> QueryInt(std::string_view sql);

  Error LastError(std::string_view context) const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;
  // The id of the last row inserted on this connection (SQLite's rowid; on PostgreSQL the
  // value last taken from an identity column's sequence, lastval()).
  Result<std::int64_t> LastInsertRowid();
  // The file's path, or the PostgreSQL database's name.
  const std::string& path() const { return path_; }
  Dialect dialect() const { return pg_ ? Dialect::kPostgres : Dialect::kSqlite; }
  // The SQLite connection (nullptr on PostgreSQL).
  sqlite3* raw() const { return db_; }
  // The PostgreSQL connection (nullptr on SQLite).
  pg::Connection* pg() const { return pg_.get(); }

 private:
  friend class Transaction;
  friend class Statement;
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Db(std::unique_ptr<pg::Connection> pg, std::string name)
      : pg_(std::move(pg)), path_(std::move(name)) {}
  sqlite3* db_ = nullptr;
  std::unique_ptr<pg::Connection> pg_;
  std::string path_;
  int open_transactions_ = 0;  // Transactions begun and not yet ended, outermost first
  int pg_changes_ = 0;         // rows changed by the last PostgreSQL statement run
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds parameters by 1-based index; chainable.
  Statement& Bind(int index, std::string_view text);
  // Binds `text` without copying it: it must stay valid until the statement is next reset
  // (Run() resets) or the parameter is bound again.
  Statement& BindUncopied(int index, std::string_view text);
  // Binds `bytes` as a BLOB without copying it (the same lifetime rule as BindUncopied).
  Statement& BindBlobUncopied(int index, std::string_view bytes);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);
  // Binds a number, or NULL for a missing one (NaN).
  Statement& BindOptional(int index, double value);

  // Advances; true when a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Status Run();
  void Reset();

  std::string Text(int column) const;
  // The column's text, valid until the statement steps, resets or is destroyed.
  std::string_view TextView(int column) const;
  // The column's bytes as a BLOB, valid until the statement steps, resets or is destroyed.
  std::string_view BlobView(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;
  // The column as a number, NaN when NULL.
  double OptionalDouble(int column) const;
  // The result's columns: how many, their names, and what the current row's value is.
  int ColumnCount() const;
  std::string ColumnName(int column) const;
  ColumnKind Kind(int column) const;

 private:
  friend class Db;
  Statement(sqlite3_stmt* stmt, Db* db) : stmt_(stmt), db_(db) {}
  Statement(std::unique_ptr<pg::Statement> pg, Db* db) : pg_(std::move(pg)), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  std::unique_ptr<pg::Statement> pg_;  // instead of stmt_ on PostgreSQL
  Db* db_ = nullptr;
};

// Rolls back on destruction unless committed: every write path is all-or-nothing. The
// outermost transaction of a connection is BEGIN IMMEDIATE ... COMMIT; one begun inside it is a
// savepoint, so a write path can join a larger change (Store::Atomically) and still undo only
// its own part when it fails, while nothing is kept until the outermost one commits. On
// PostgreSQL the outermost one also takes the database's writer lock (kWriterLock), so that
// writers take turns as SQLite's BEGIN IMMEDIATE makes them: a write path reads what it checks
// (a version, an open cycle) and writes in one transaction, and no other node's writer can
// come between the two.
class Transaction {
 public:
  static Result<Transaction> Begin(Db& db);
  Transaction(Transaction&& other) noexcept
      : db_(other.db_), depth_(other.depth_), pg_(std::move(other.pg_)) {
    other.db_ = nullptr;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  Transaction(Db* db, int depth) : db_(db), depth_(depth) {}
  std::string Savepoint() const;
  Db* db_;
  int depth_;  // 0 for the outermost transaction, else the savepoint's level
  std::optional<pg::Transaction> pg_;  // on PostgreSQL
};

// The key of the PostgreSQL advisory lock that every write transaction holds until it ends.
inline constexpr std::int64_t kWriterLock = 0x5761796d61726b31;  // "Waymark1"

}  // namespace waymark::store
