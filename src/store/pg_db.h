// A thin RAII adapter over libpq, shaped like db.h so that store code can be written once
// for both databases: a connection, prepared statements with SQLite-style `?` placeholders (sent
// to the server as $1, $2, …), rows read one at a time, and transactions that nest as
// savepoints. Failures come back as Result values carrying the server's message and SQLSTATE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace waymark::store {

// What a value of a result's column is, as both backends can tell it.
enum class ColumnKind { kNull, kInteger, kReal, kText, kBlob };

}  // namespace waymark::store

namespace waymark::store::pg {

class Statement;

// `sql` with each `?` (or `?N`) placeholder outside quotes and comments written as PostgreSQL's
// `$N`; a bare `?` takes the number after the highest one so far, as SQLite numbers them.
std::string NumberPlaceholders(std::string_view sql);

// The SQLSTATE classes that callers act on; everything else is kDatabase.
// 23505 unique_violation → kAlreadyExists; 40001 serialization_failure and 40P01
// deadlock_detected → kConflict (the caller may retry the whole transaction).
ErrorCode ErrorCodeForSqlState(std::string_view sqlstate);

class Connection {
 public:
  // Connects with a libpq connection string or URI (postgresql://user@host:port/db).
  static Result<Connection> Open(const std::string& conninfo);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  // A statement for `sql`. The server prepares each text once per connection and keeps it (up
  // to kCachedStatements texts; beyond them a statement is prepared for itself and released
  // with it), so running the same SQL again costs one round trip, not four.
  Result<Statement> Prepare(std::string_view sql);
  // The first column of the first row of `sql`, as an integer.
  Result<std::int64_t> QueryInt(std::string_view sql);
  // COPY `target` (a table and its columns, written by the caller, never from input) FROM STDIN
  // in the binary format, sending `data` (pg_copy.h's CopyRows::Finish) in one statement.
  Status CopyIn(std::string_view target, std::string_view data);

  // The server's message for the last failure, with `context` in front.
  Error LastError(std::string_view context) const;

 private:
  friend class Statement;
  friend class Transaction;
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  struct Prepared {
    std::string name;
    int parameters = 0;
  };
  static constexpr std::size_t kCachedStatements = 1024;
  pg_conn* conn_ = nullptr;
  int next_statement_ = 0;     // names of prepared statements: s0, s1, …
  int open_transactions_ = 0;  // transactions begun and not yet ended, outermost first
  std::unordered_map<std::string, Prepared> prepared_;  // by SQL text: kept for the session
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds parameters by 1-based index; chainable. Values are copied.
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);
  // Binds a number, or NULL for a missing one (NaN).
  Statement& BindOptional(int index, double value);

  // Runs the statement on the first call; true while a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Status Run();
  // Forgets the result so that the next Step runs the statement again (bindings are kept).
  void Reset();
  // Rows changed by the last run of an INSERT, UPDATE or DELETE.
  int Changes() const { return changes_; }

  std::string Text(int column) const;
  // The column's text, valid until the statement steps, resets or is destroyed.
  std::string_view TextView(int column) const;
  // The column's bytes (a bytea), valid until the statement steps, resets or is destroyed.
  std::string_view BlobView(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;
  // The column as a number, NaN when NULL.
  double OptionalDouble(int column) const;
  // The result's columns: how many, their names, and what the current row's value is (by the
  // column's type: integers and booleans, floating and numeric, bytea, the rest text).
  int ColumnCount() const;
  std::string ColumnName(int column) const;
  ColumnKind Kind(int column) const;

 private:
  friend class Connection;
  Statement(Connection* conn, std::string name, int parameters, bool owned)
      : conn_(conn),
        name_(std::move(name)),
        owned_(owned),
        values_(parameters),
        binary_(parameters, 0) {}
  Statement& Set(int index, std::optional<std::string> value, bool binary);
  const char* Cell(int column) const;

  Connection* conn_ = nullptr;
  std::string name_;
  bool owned_ = false;  // prepared for this statement alone: released with it
  std::vector<std::optional<std::string>> values_;
  std::vector<int> binary_;  // 1 for a parameter sent in binary (bytea)
  pg_result* result_ = nullptr;
  int row_ = -1;  // the current row, -1 before the first Step
  int changes_ = 0;
  mutable std::string blob_;  // the decoded bytea of the last BlobView
};

// Rolls back on destruction unless committed. The outermost transaction of a connection is
// BEGIN … COMMIT; one begun inside it is a savepoint, as in db.h.
class Transaction {
 public:
  static Result<Transaction> Begin(Connection& conn);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_), depth_(other.depth_) {
    other.conn_ = nullptr;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  Transaction(Connection* conn, int depth) : conn_(conn), depth_(depth) {}
  std::string Savepoint() const;
  Connection* conn_;
  int depth_;  // 0 for the outermost transaction, else the savepoint's level
};

}  // namespace waymark::store::pg
