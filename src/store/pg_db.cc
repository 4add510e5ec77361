// PostgreSQL adapter: connecting, placeholder numbering, the prepared statement life cycle,
// reading text-format results and translating the server's errors.
#include "store/pg_db.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace waymark::store::pg {
namespace {

// Where the scan of NumberPlaceholders is: placeholders count only in plain SQL.
enum class Lexeme { kPlain, kString, kIdentifier, kLineComment, kBlockComment, kDollarQuote };

// The tag of a dollar quote starting at `at` ("$$" or "$name$"), or "" when there is none.
std::string_view DollarTag(std::string_view sql, std::size_t at) {
  std::size_t end = at + 1;
  while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) != 0 ||
                              sql[end] == '_')) {
    ++end;
  }
  if (end >= sql.size() || sql[end] != '$') return {};
  if (end > at + 1 && std::isdigit(static_cast<unsigned char>(sql[at + 1])) != 0) return {};
  return sql.substr(at, end - at + 1);
}

Error ResultError(const PGresult* result, const PGconn* conn, std::string_view context) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string code = state != nullptr ? state : "";
  return Error{ErrorCodeForSqlState(code),
               fmt::format("{}: {}{}", context, message,
                           code.empty() ? "" : fmt::format(" (SQLSTATE {})", code)),
               SourcePos{}};
}

// Takes ownership of `result`; an error unless it finished as one of the expected statuses.
Result<PGresult*> Checked(PGresult* result, const PGconn* conn, std::string_view context) {
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  Error error = ResultError(result, conn, context);
  PQclear(result);
  return tl::unexpected(std::move(error));
}

std::string DoubleText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", value);
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  Lexeme lexeme = Lexeme::kPlain;
  std::string_view tag;
  int highest = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    switch (lexeme) {
      case Lexeme::kString:
        if (c == '\'') lexeme = Lexeme::kPlain;  // '' re-enters the string at the next quote
        break;
      case Lexeme::kIdentifier:
        if (c == '"') lexeme = Lexeme::kPlain;
        break;
      case Lexeme::kLineComment:
        if (c == '\n') lexeme = Lexeme::kPlain;
        break;
      case Lexeme::kBlockComment:
        if (c == '*' && next == '/') {
          out += "*/";
          ++i;
          lexeme = Lexeme::kPlain;
          continue;
        }
        break;
      case Lexeme::kDollarQuote:
        if (sql.substr(i, tag.size()) == tag) {
          out += tag;
          i += tag.size() - 1;
          lexeme = Lexeme::kPlain;
          continue;
        }
        break;
      case Lexeme::kPlain:
        if (c == '\'') lexeme = Lexeme::kString;
        if (c == '"') lexeme = Lexeme::kIdentifier;
        if (c == '-' && next == '-') lexeme = Lexeme::kLineComment;
        if (c == '/' && next == '*') lexeme = Lexeme::kBlockComment;
        if (c == '$' && !(tag = DollarTag(sql, i)).empty()) {
          out += tag;
          i += tag.size() - 1;
          lexeme = Lexeme::kDollarQuote;
          continue;
        }
        if (c == '?') {
          std::size_t end = i + 1;
          while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end])) != 0) {
            ++end;
          }
          int number = highest + 1;
          if (end > i + 1) std::from_chars(sql.data() + i + 1, sql.data() + end, number);
          highest = std::max(highest, number);
          out += fmt::format("${}", number);
          i = end - 1;
          continue;
        }
        break;
    }
    out += c;
  }
  return out;
}

ErrorCode ErrorCodeForSqlState(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorCode::kAlreadyExists;
  if (sqlstate == "40001" || sqlstate == "40P01") return ErrorCode::kConflict;
  return ErrorCode::kDatabase;
}

// --- Connection ---------------------------------------------------------------------------

Result<Connection> Connection::Open(const std::string& conninfo) {
  Connection conn(PQconnectdb(conninfo.c_str()));
  if (conn.conn_ == nullptr) return MakeError(ErrorCode::kDatabase, "cannot connect: out of memory");
  if (PQstatus(conn.conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn.conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return MakeError(ErrorCode::kDatabase, "cannot connect to PostgreSQL: " + message);
  }
  // Notices ("relation exists, skipping") are not failures; keep them off the terminal.
  WAYMARK_TRY(conn.Exec("SET client_min_messages = warning"));
  return conn;
}

Connection::Connection(Connection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      next_statement_(other.next_statement_),
      open_transactions_(std::exchange(other.open_transactions_, 0)),
      prepared_(std::move(other.prepared_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
    next_statement_ = other.next_statement_;
    open_transactions_ = std::exchange(other.open_transactions_, 0);
    prepared_ = std::move(other.prepared_);
  }
  return *this;
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

Status Connection::Exec(std::string_view sql) {
  auto result = Checked(PQexec(conn_, std::string(sql).c_str()), conn_, "statement failed");
  if (!result) return tl::unexpected(result.error());
  PQclear(*result);
  return {};
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  const std::string text(sql);
  if (const auto kept = prepared_.find(text); kept != prepared_.end()) {
    return Statement(this, kept->second.name, kept->second.parameters, false);
  }
  const std::string numbered = NumberPlaceholders(sql);
  std::string name = fmt::format("s{}", next_statement_++);
  WAYMARK_ASSIGN_OR_RETURN(
      PGresult * prepared,
      Checked(PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr), conn_,
              "cannot prepare statement"));
  PQclear(prepared);
  PGresult* described = PQdescribePrepared(conn_, name.c_str());
  WAYMARK_ASSIGN_OR_RETURN(described, Checked(described, conn_, "cannot describe statement"));
  const int parameters = PQnparams(described);
  PQclear(described);
  // Prepared statements outlive transactions, rolled back or not, so a kept one stays valid.
  if (prepared_.size() >= kCachedStatements)
    return Statement(this, std::move(name), parameters, true);
  prepared_.emplace(text, Prepared{name, parameters});
  return Statement(this, std::move(name), parameters, false);
}

Status Connection::CopyIn(std::string_view target, std::string_view data) {
  const std::string sql = fmt::format("COPY {} FROM STDIN (FORMAT binary)", target);
  PGresult* started = PQexec(conn_, sql.c_str());
  if (PQresultStatus(started) != PGRES_COPY_IN) {
    Error error = ResultError(started, conn_, "cannot start COPY");
    PQclear(started);
    return tl::unexpected(std::move(error));
  }
  PQclear(started);
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  bool sent = true;
  for (std::size_t at = 0; sent && at < data.size(); at += kPiece) {
    const std::size_t size = std::min(kPiece, data.size() - at);
    sent = PQputCopyData(conn_, data.data() + at, static_cast<int>(size)) == 1;
  }
  // Ending the copy with an error message makes the server refuse the rows sent.
  if (PQputCopyEnd(conn_, sent ? nullptr : "the client could not send every row") != 1) {
    return tl::unexpected(LastError("cannot end COPY"));
  }
  Status status;
  while (PGresult* result = PQgetResult(conn_)) {  // the COPY's outcome, then none
    if (PQresultStatus(result) != PGRES_COMMAND_OK && status) {
      status = tl::unexpected(ResultError(result, conn_, fmt::format("COPY {}", target)));
    }
    PQclear(result);
  }
  return status;
}

Result<std::int64_t> Connection::QueryInt(std::string_view sql) {
  WAYMARK_ASSIGN_OR_RETURN(Statement statement, Prepare(sql));
  WAYMARK_ASSIGN_OR_RETURN(const bool row, statement.Step());
  if (!row) return MakeError(ErrorCode::kDatabase, fmt::format("no row from: {}", sql));
  return statement.Int(0);
}

Error Connection::LastError(std::string_view context) const {
  return ResultError(nullptr, conn_, context);
}

// --- Statement ------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      name_(std::move(other.name_)),
      owned_(other.owned_),
      values_(std::move(other.values_)),
      binary_(std::move(other.binary_)),
      result_(std::exchange(other.result_, nullptr)),
      row_(other.row_),
      changes_(other.changes_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Statement old(std::move(*this));  // releases this statement's result and name on return
    conn_ = std::exchange(other.conn_, nullptr);
    name_ = std::move(other.name_);
    owned_ = other.owned_;
    values_ = std::move(other.values_);
    binary_ = std::move(other.binary_);
    result_ = std::exchange(other.result_, nullptr);
    row_ = other.row_;
    changes_ = other.changes_;
  }
  return *this;
}

Statement::~Statement() {
  Reset();
  if (!owned_ || conn_ == nullptr || conn_->conn_ == nullptr) return;
  // Inside a failed transaction the server refuses this until the rollback; the name is
  // never reused, so a statement left behind costs only its plan until the session ends.
  PQclear(PQexec(conn_->conn_, fmt::format("DEALLOCATE {}", name_).c_str()));
}

Statement& Statement::Set(int index, std::optional<std::string> value, bool binary) {
  if (index < 1 || index > static_cast<int>(values_.size())) return *this;
  values_[index - 1] = std::move(value);
  binary_[index - 1] = binary ? 1 : 0;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  return Set(index, std::string(text), false);
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  return Set(index, std::string(bytes), true);
}
Statement& Statement::Bind(int index, std::int64_t value) {
  return Set(index, std::to_string(value), false);
}
Statement& Statement::Bind(int index, double value) { return Set(index, DoubleText(value), false); }
Statement& Statement::BindNull(int index) { return Set(index, std::nullopt, false); }
Statement& Statement::BindOptional(int index, double value) {
  return std::isnan(value) ? BindNull(index) : Bind(index, value);
}

Result<bool> Statement::Step() {
  if (result_ == nullptr) {
    std::vector<const char*> values(values_.size(), nullptr);
    std::vector<int> lengths(values_.size(), 0);
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (!values_[i]) continue;
      values[i] = values_[i]->data();
      lengths[i] = static_cast<int>(values_[i]->size());
    }
    PGresult* raw = PQexecPrepared(conn_->conn_, name_.c_str(), static_cast<int>(values.size()),
                                   values.data(), lengths.data(), binary_.data(), 0);
    WAYMARK_ASSIGN_OR_RETURN(result_, Checked(raw, conn_->conn_, "statement failed"));
    const char* tuples = PQcmdTuples(result_);
    changes_ = tuples != nullptr && *tuples != '\0' ? std::atoi(tuples) : 0;
  }
  ++row_;
  return row_ < PQntuples(result_);
}

Status Statement::Run() {
  auto stepped = Step();
  Reset();
  if (!stepped) return tl::unexpected(stepped.error());
  return {};
}

void Statement::Reset() {
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
}

const char* Statement::Cell(int column) const {
  if (result_ == nullptr || row_ < 0 || row_ >= PQntuples(result_) || column < 0 ||
      column >= PQnfields(result_) || PQgetisnull(result_, row_, column) != 0) {
    return nullptr;
  }
  return PQgetvalue(result_, row_, column);
}

std::string Statement::Text(int column) const {
  const char* cell = Cell(column);
  return cell != nullptr ? std::string(cell) : std::string();
}

std::string_view Statement::TextView(int column) const {
  const char* cell = Cell(column);
  return cell != nullptr ? std::string_view(cell) : std::string_view();
}

std::string_view Statement::BlobView(int column) const {
  const char* cell = Cell(column);
  if (cell == nullptr) return {};
  std::size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(cell), &length);
  if (bytes == nullptr) return {};
  blob_.assign(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return blob_;
}

std::int64_t Statement::Int(int column) const {
  const char* cell = Cell(column);
  if (cell == nullptr) return 0;
  if (cell[0] == 't' || cell[0] == 'f') return cell[0] == 't' ? 1 : 0;  // a boolean
  std::int64_t value = 0;
  const std::string_view text(cell);
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

double Statement::Double(int column) const {
  const char* cell = Cell(column);
  return cell != nullptr ? std::strtod(cell, nullptr) : 0.0;
}

bool Statement::IsNull(int column) const { return Cell(column) == nullptr; }

double Statement::OptionalDouble(int column) const {
  return IsNull(column) ? std::numeric_limits<double>::quiet_NaN() : Double(column);
}

int Statement::ColumnCount() const { return result_ != nullptr ? PQnfields(result_) : 0; }

std::string Statement::ColumnName(int column) const {
  const char* name = result_ != nullptr ? PQfname(result_, column) : nullptr;
  return name != nullptr ? name : "";
}

ColumnKind Statement::Kind(int column) const {
  if (IsNull(column)) return ColumnKind::kNull;
  // Type OIDs from the server's catalogue (pg_type): bool 16, bytea 17, int8 20, int2 21,
  // int4 23, float4 700, float8 701, numeric 1700.
  switch (PQftype(result_, column)) {
    case 16:
    case 20:
    case 21:
    case 23: return ColumnKind::kInteger;
    case 700:
    case 701:
    case 1700: return ColumnKind::kReal;
    case 17: return ColumnKind::kBlob;
    default: return ColumnKind::kText;
  }
}

// --- Transaction ----------------------------------------------------------------------------

Result<Transaction> Transaction::Begin(Connection& conn) {
  Transaction transaction(&conn, conn.open_transactions_);
  WAYMARK_TRY(conn.Exec(transaction.depth_ == 0 ? std::string("BEGIN")
                                                : "SAVEPOINT " + transaction.Savepoint()));
  ++conn.open_transactions_;
  return transaction;
}

std::string Transaction::Savepoint() const { return "waymark_" + std::to_string(depth_); }

Transaction::~Transaction() {
  if (conn_ == nullptr) return;
  if (depth_ == 0) {
    (void)conn_->Exec("ROLLBACK");
  } else {
    (void)conn_->Exec("ROLLBACK TO " + Savepoint() + "; RELEASE " + Savepoint());
  }
  --conn_->open_transactions_;
}

Status Transaction::Commit() {
  if (depth_ > 0) {
    WAYMARK_TRY(conn_->Exec("RELEASE " + Savepoint()));
  } else {
    // COMMIT of a transaction that failed earlier succeeds as a ROLLBACK: that is a failure.
    auto result = Checked(PQexec(conn_->conn_, "COMMIT"), conn_->conn_, "commit failed");
    if (!result) return tl::unexpected(result.error());
    const std::string tag = PQcmdStatus(*result);
    PQclear(*result);
    if (tag != "COMMIT") {
      --conn_->open_transactions_;
      conn_ = nullptr;
      return MakeError(ErrorCode::kDatabase,
                       "commit failed: the transaction had already failed and was rolled back");
    }
  }
  --conn_->open_transactions_;
  conn_ = nullptr;
  return {};
}

}  // namespace waymark::store::pg
