// Copying a database between backends: the table order, the empty-target check, the row copy
// (each value bound as what it is: integer, real, text, bytes or NULL) and, on PostgreSQL, the
// identity sequences moved past the copied ids.
#include "store/database_copy.h"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

// The order of the PostgreSQL schema's CREATE TABLE statements (pg_baseline.cc, then the
// migrations after it), which puts every table after those it refers to.
constexpr std::array<std::string_view, 64> kCopied = {"plans",
                                                      "plan_revisions",
                                                      "plan_changes",
                                                      "principles",
                                                      "partners",
                                                      "bodies",
                                                      "outcomes",
                                                      "objectives",
                                                      "measures",
                                                      "actions",
                                                      "action_partners",
                                                      "action_bodies",
                                                      "facts",
                                                      "voice",
                                                      "participation",
                                                      "strategies",
                                                      "strategy_objectives",
                                                      "outcome_links",
                                                      "indices",
                                                      "index_measures",
                                                      "areas",
                                                      "comparator_groups",
                                                      "comparator_members",
                                                      "indicators",
                                                      "imports",
                                                      "series",
                                                      "index_runs",
                                                      "index_results",
                                                      "index_measure_scores",
                                                      "index_sensitivity",
                                                      "area_boundaries",
                                                      "series_figures",
                                                      "series_judgements",
                                                      "observation_revisions",
                                                      "users",
                                                      "api_tokens",
                                                      "settings",
                                                      "audit_log",
                                                      "reporting_cycles",
                                                      "action_updates",
                                                      "issued_reports",
                                                      "report_commentary",
                                                      "surveys",
                                                      "survey_waves",
                                                      "survey_responses",
                                                      "survey_codes",
                                                      "survey_publications",
                                                      "survey_free_text_reviews",
                                                      "findings",
                                                      "finding_answers",
                                                      "survey_aggregates",
                                                      "identity_providers",
                                                      "indicators_to_judge",
                                                      "governance",
                                                      "outcome_measures",
                                                      "action_objectives",
                                                      "plan_texts",
                                                      "text_signatories",
                                                      "judge_marks",
                                                      "badges",
                                                      "action_principles",
                                                      "action_badges",
                                                      "continued_records",
                                                      "data_versions"};

constexpr std::array<std::string_view, 3> kUncopied = {"sessions", "oidc_logins",
                                                       "sign_in_failures"};

// Tables a new database is made with a row in (a counter): the source's row replaces it.
bool Seeded(std::string_view table) { return table == "judge_marks"; }

Db& DbOf(Store& store) { return static_cast<SqlStore&>(store).db(); }

Status CheckEmpty(Db& to) {
  for (std::string_view table : kCopied) {
    if (Seeded(table)) continue;
    WAYMARK_ASSIGN_OR_RETURN(const std::int64_t rows,
                             to.QueryInt(fmt::format("SELECT count(*) FROM {}", table)));
    if (rows > 0) {
      return MakeError(ErrorCode::kAlreadyExists,
                       fmt::format("the target database is not empty: table {} has {} rows; "
                                   "copy into a new, empty database (the copy makes its schema)",
                                   table, rows),
                       SourcePos{to.path()});
    }
  }
  return {};
}

// Binds the current row's value of `column` of `from` as parameter `column + 1` of `to`.
void BindValue(const Statement& from, int column, Statement& to) {
  const int index = column + 1;
  switch (from.Kind(column)) {
    case ColumnKind::kNull: to.BindNull(index); break;
    case ColumnKind::kInteger: to.Bind(index, from.Int(column)); break;
    case ColumnKind::kReal: to.Bind(index, from.Double(column)); break;
    case ColumnKind::kBlob: to.BindBlobUncopied(index, from.BlobView(column)); break;
    case ColumnKind::kText: to.Bind(index, from.Text(column)); break;
  }
}

Result<std::int64_t> CopyTable(Db& from, Db& to, std::string_view table) {
  if (Seeded(table)) WAYMARK_TRY(to.Exec(fmt::format("DELETE FROM {}", table)));
  WAYMARK_ASSIGN_OR_RETURN(Statement select, from.Prepare(fmt::format("SELECT * FROM {}", table)));
  std::optional<Statement> insert;
  std::int64_t rows = 0;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool row, select.Step());
    if (!row) return rows;
    if (!insert) {
      std::string columns;
      std::string values;
      for (int c = 0; c < select.ColumnCount(); ++c) {
        columns.append(c > 0 ? ", " : "").append(select.ColumnName(c));
        values.append(c > 0 ? ", ?" : "?");
      }
      WAYMARK_ASSIGN_OR_RETURN(
          Statement prepared,
          to.Prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", table, columns, values)));
      insert.emplace(std::move(prepared));
    }
    for (int c = 0; c < select.ColumnCount(); ++c) BindValue(select, c, *insert);
    WAYMARK_TRY(insert->Run());
    ++rows;
  }
}

// Rows inserted with their ids do not move PostgreSQL's identity sequences: each is set past
// the largest id copied, so the next row gets a new one. (SQLite takes the largest rowid.)
Status MoveIdentitySequences(Db& to) {
  if (to.dialect() != Dialect::kPostgres) return {};
  WAYMARK_ASSIGN_OR_RETURN(
      Statement identities,
      to.Prepare("SELECT table_name, column_name FROM information_schema.columns WHERE "
                 "table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name"));
  std::vector<std::pair<std::string, std::string>> columns;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool row, identities.Step());
    if (!row) break;
    columns.emplace_back(identities.Text(0), identities.Text(1));
  }
  for (const auto& [table, column] : columns) {
    WAYMARK_TRY(to.QueryInt(fmt::format(
        "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), coalesce(max({1}), 0) + 1, false) "
        "FROM {0}",
        table, column)));
  }
  return {};
}

}  // namespace

std::span<const std::string_view> CopiedTables() { return kCopied; }
std::span<const std::string_view> UncopiedTables() { return kUncopied; }

Result<CopyResult> CopyDatabase(const std::string& from, const std::string& to,
                                const AuditEntry& audit) {
  if (DatabaseName(from) == DatabaseName(to)) {
    return MakeError(ErrorCode::kInvalidArgument, "--from and --to name the same database");
  }
  WAYMARK_ASSIGN_OR_RETURN(auto source, OpenStore(from, OpenMode::kReadOnly));
  WAYMARK_ASSIGN_OR_RETURN(auto target, OpenStore(to, OpenMode::kCreate));
  Db& source_db = DbOf(*source);
  Db& target_db = DbOf(*target);
  WAYMARK_TRY(CheckEmpty(target_db));
  CopyResult result;
  result.schema_version = source->SchemaVersion();
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(target_db));
  std::int64_t total = 0;
  for (std::string_view table : kCopied) {
    auto rows = CopyTable(source_db, target_db, table);
    if (!rows) {
      return MakeError(rows.error().code, fmt::format("copying table {}: {}", table,
                                                      rows.error().message));
    }
    result.tables.push_back({std::string(table), *rows});
    total += *rows;
  }
  WAYMARK_TRY(MoveIdentitySequences(target_db));
  const nlohmann::ordered_json after = {{"from", DatabaseName(from)},
                                        {"schema_version", result.schema_version},
                                        {"tables", result.tables.size()},
                                        {"rows", total}};
  WAYMARK_TRY(WriteAudit(target_db, AuditedAction(audit, "database.copy", 0),
                         {"database", DatabaseName(to), "", after.dump()}));
  WAYMARK_TRY(tx.Commit());
  return result;
}

}  // namespace waymark::store
