// SqlStore: findings, "you said, we did" (schema_findings.h). Every write checks core's
// CheckFinding against the stored plan inside its transaction and appends its audit entry
// ("finding.create", "finding.update", "finding.delete", "finding.answer", "finding.unanswer")
// with the finding before and after as JSON. A change to a stored finding names the version its
// writer read and is refused (kConflict) when the stored version differs; every change adds one
// to the version, inside the same write transaction (BEGIN IMMEDIATE), so of two changes made
// against one version only the first is saved. A write refused changes nothing.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/finding_json.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kFindingEntity = "finding";
// The columns ReadFindingRow reads.
constexpr std::string_view kFindingColumns =
    "id, plan_id, key, outcome_id, said, source, source_name, date, participants, version";

std::string FindingJson(const Finding& f) {
  return FindingToJson(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Finding> ReadFindingRow(const Statement& s) {
  Finding f;
  f.id = s.Int(0);
  f.plan_id = s.Text(1);
  f.key = s.Text(2);
  f.outcome_id = s.Text(3);
  f.said = s.Text(4);
  const auto source = ParseFindingSource(s.Text(5));
  const auto date = Date::Parse(s.Text(7));
  if (!source || !date) {
    return MakeError(ErrorCode::kDatabase, fmt::format("finding {} is malformed", f.id));
  }
  f.source = *source;
  f.source_name = s.Text(6);
  f.date = *date;
  f.participants = static_cast<int>(s.Int(8));
  f.version = static_cast<int>(s.Int(9));
  return f;
}

// Reads the answers of `f` from the store, in their order.
Status ReadAnswers(Db& db, Finding& f) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT target, kind, body, date, answered_by, illustrative FROM finding_answers "
                 "WHERE finding_id = ?1 ORDER BY position"));
  select.Bind(1, f.id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return {};
    const auto kind = ParseAnswerKind(select.Text(1));
    const auto date = Date::Parse(select.Text(3));
    if (!kind || !date) {
      return MakeError(ErrorCode::kDatabase,
                       fmt::format("an answer of finding {} is malformed", f.id));
    }
    f.answers.push_back(FindingAnswer{select.Text(0), *kind, select.Text(2), *date, select.Text(4),
                                      select.Int(5) != 0});
  }
}

Result<Finding> ReadFinding(Db& db, std::int64_t id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT {} FROM findings WHERE id = ?1", kFindingColumns)));
  select.Bind(1, id);
  WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return MakeError(ErrorCode::kNotFound, fmt::format("no finding {}", id));
  WAYMARK_ASSIGN_OR_RETURN(Finding f, ReadFindingRow(select));
  WAYMARK_TRY(ReadAnswers(db, f));
  return f;
}

Status WriteAnswers(Db& db, const Finding& f) {
  WAYMARK_ASSIGN_OR_RETURN(Statement erase,
                           db.Prepare("DELETE FROM finding_answers WHERE finding_id = ?1"));
  erase.Bind(1, f.id);
  WAYMARK_TRY(erase.Run());
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO finding_answers (finding_id, target, position, kind, body, date, "
                 "answered_by, illustrative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  for (std::size_t i = 0; i < f.answers.size(); ++i) {
    const FindingAnswer& a = f.answers[i];
    insert.Bind(1, f.id).Bind(2, a.target).Bind(3, static_cast<std::int64_t>(i));
    insert.Bind(4, AnswerKindName(a.kind)).Bind(5, a.text).Bind(6, a.date.ToString());
    insert.Bind(7, a.answered_by).Bind(8, a.illustrative ? 1 : 0);
    WAYMARK_TRY(insert.Run());
  }
  return {};
}

// Inserts `f` (id 0, which gets its new id) or updates its row with its version, then writes
// its answers.
Status WriteFinding(Db& db, Finding& f, std::int64_t now) {
  const std::string at = FormatUtc(now);
  const bool create = f.id == 0;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement write,
      db.Prepare(create ? "INSERT INTO findings (plan_id, key, outcome_id, said, source, "
                          "source_name, date, participants, created_at, updated_at, version) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)"
                        : "UPDATE findings SET plan_id = ?1, key = ?2, outcome_id = ?3, "
                          "said = ?4, source = ?5, source_name = ?6, date = ?7, "
                          "participants = ?8, updated_at = ?9, version = ?10 WHERE id = ?11"));
  write.Bind(1, f.plan_id).Bind(2, f.key).Bind(3, f.outcome_id).Bind(4, f.said);
  write.Bind(5, FindingSourceName(f.source)).Bind(6, f.source_name).Bind(7, f.date.ToString());
  write.Bind(8, f.participants).Bind(9, at).Bind(10, f.version);
  if (!create) write.Bind(11, f.id);
  WAYMARK_TRY(write.Run());
  if (create) {
    WAYMARK_ASSIGN_OR_RETURN(f.id, db.LastInsertRowid());
  }
  return WriteAnswers(db, f);
}

// kAlreadyExists ("key") when another finding of the plan has `f`'s key.
Status CheckKeyFree(Db& db, const Finding& f) {
  if (f.key.empty()) return {};
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT id FROM findings WHERE plan_id = ?1 AND key = ?2 AND id <> ?3"));
  select.Bind(1, f.plan_id).Bind(2, f.key).Bind(3, f.id);
  WAYMARK_ASSIGN_OR_RETURN(bool taken, select.Step());
  if (!taken) return {};
  return MakeError(ErrorCode::kAlreadyExists,
                   fmt::format("key: another finding of the plan has the key '{}'", f.key));
}

// kConflict ("version: ...") when `stored` is not at the version its writer read.
Status CheckVersion(const Finding& stored, int expected_version) {
  const auto stale = CheckFindingVersion(stored, expected_version);
  if (!stale) return {};
  return MakeError(ErrorCode::kConflict,
                   fmt::format("{}: finding {} has been changed since version {} was read (it is "
                               "at version {})",
                               stale->field, stored.id, expected_version, stored.version));
}

// `changed`, the change of `stored`, at the version after the stored one.
Finding NextVersion(Finding changed, const Finding& stored) {
  changed.version = stored.version + 1;
  return changed;
}

Status WriteChange(Db& db, const AuditEntry& audit, std::string_view action, std::int64_t now,
                   const Finding* before, const Finding* after) {
  const Finding& named = after != nullptr ? *after : *before;
  return WriteAudit(db, AuditedAction(audit, action, now),
                    {std::string(kFindingEntity), std::to_string(named.id),
                     before != nullptr ? FindingJson(*before) : std::string(),
                     after != nullptr ? FindingJson(*after) : std::string()});
}

}  // namespace

Result<Finding> SqlStore::SaveFinding(const Finding& finding, std::int64_t now,
                                      const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Plan plan, LoadPlan(finding.plan_id));
  std::optional<Finding> stored;
  if (finding.id != 0) {
    WAYMARK_ASSIGN_OR_RETURN(stored, ReadFinding(db_, finding.id));
    if (stored->plan_id != finding.plan_id) {
      return MakeError(ErrorCode::kNotFound,
                       fmt::format("no finding {} in plan '{}'", finding.id, finding.plan_id));
    }
  }
  if (stored) WAYMARK_TRY(CheckVersion(*stored, finding.version));
  WAYMARK_TRY(FieldErrorsStatus(CheckFinding(finding, plan)));
  if (stored && *stored == finding) return finding;
  WAYMARK_TRY(CheckKeyFree(db_, finding));
  Finding saved = finding;
  saved.version = stored ? stored->version + 1 : 1;
  WAYMARK_TRY(WriteFinding(db_, saved, now));
  WAYMARK_TRY(WriteChange(db_, audit, stored ? "finding.update" : "finding.create", now,
                          stored ? &*stored : nullptr, &saved));
  WAYMARK_TRY(tx.Commit());
  return saved;
}

Result<std::vector<Finding>> SqlStore::ListFindings(std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(bool exists, PlanExists(plan_id));
  if (!exists) return MakeError(ErrorCode::kNotFound, fmt::format("no plan '{}'", plan_id));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(
          fmt::format("SELECT {} FROM findings WHERE plan_id = ?1 ORDER BY id", kFindingColumns)));
  select.Bind(1, plan_id);
  std::vector<Finding> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    WAYMARK_ASSIGN_OR_RETURN(Finding f, ReadFindingRow(select));
    out.push_back(std::move(f));
  }
  for (Finding& f : out) WAYMARK_TRY(ReadAnswers(db_, f));
  return out;
}

Result<Finding> SqlStore::FindFinding(std::int64_t finding_id) {
  return ReadFinding(db_, finding_id);
}

Status SqlStore::DeleteFinding(std::int64_t finding_id, int expected_version, std::int64_t now,
                               const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Finding stored, ReadFinding(db_, finding_id));
  WAYMARK_TRY(CheckVersion(stored, expected_version));
  WAYMARK_ASSIGN_OR_RETURN(Statement erase, db_.Prepare("DELETE FROM findings WHERE id = ?1"));
  erase.Bind(1, finding_id);
  WAYMARK_TRY(erase.Run());
  WAYMARK_TRY(WriteChange(db_, audit, "finding.delete", now, &stored, nullptr));
  return tx.Commit();
}

Result<Finding> SqlStore::SaveFindingAnswer(std::int64_t finding_id, const FindingAnswer& answer,
                                            int expected_version, std::int64_t now,
                                            const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Finding stored, ReadFinding(db_, finding_id));
  WAYMARK_TRY(CheckVersion(stored, expected_version));
  WAYMARK_ASSIGN_OR_RETURN(Plan plan, LoadPlan(stored.plan_id));
  Finding saved = stored;
  auto it = std::find_if(saved.answers.begin(), saved.answers.end(),
                         [&](const FindingAnswer& a) { return a.target == answer.target; });
  if (it != saved.answers.end()) {
    *it = answer;
  } else {
    saved.answers.push_back(answer);
  }
  WAYMARK_TRY(FieldErrorsStatus(CheckFinding(saved, plan)));
  if (saved == stored) return saved;
  saved = NextVersion(std::move(saved), stored);
  WAYMARK_TRY(WriteFinding(db_, saved, now));
  WAYMARK_TRY(WriteChange(db_, audit, "finding.answer", now, &stored, &saved));
  WAYMARK_TRY(tx.Commit());
  return saved;
}

Result<Finding> SqlStore::RemoveFindingAnswer(std::int64_t finding_id, std::string_view target,
                                              int expected_version, std::int64_t now,
                                              const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Finding stored, ReadFinding(db_, finding_id));
  WAYMARK_TRY(CheckVersion(stored, expected_version));
  Finding saved = NextVersion(stored, stored);
  const auto removed =
      std::erase_if(saved.answers, [&](const FindingAnswer& a) { return a.target == target; });
  if (removed == 0) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("finding {} has no answer for '{}'", finding_id, target));
  }
  WAYMARK_TRY(WriteFinding(db_, saved, now));
  WAYMARK_TRY(WriteChange(db_, audit, "finding.unanswer", now, &stored, &saved));
  WAYMARK_TRY(tx.Commit());
  return saved;
}

Result<FindingImportStats> SqlStore::ImportFindings(std::string_view plan_id,
                                                    const std::vector<Finding>& findings,
                                                    std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Plan plan, LoadPlan(plan_id));
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Finding> stored_list, ListFindings(plan_id));
  std::map<std::string, const Finding*, std::less<>> stored;
  for (const Finding& f : stored_list) {
    if (!f.key.empty()) stored[f.key] = &f;
  }
  FieldErrors errors;
  std::set<std::string, std::less<>> keys;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding f = findings[i];
    f.plan_id = std::string(plan_id);
    const std::string at = fmt::format("finding[{}].", i);
    for (const FieldError& e : CheckFinding(f, plan)) errors.push_back({at + e.field, e.message});
    if (f.key.empty()) errors.push_back({at + "key", "Enter the finding's key"});
    if (!f.key.empty() && !keys.insert(f.key).second) {
      errors.push_back({at + "key", "Another finding of the file has this key"});
    }
  }
  WAYMARK_TRY(FieldErrorsStatus(errors));
  FindingImportStats stats;
  for (const Finding& given : findings) {
    Finding f = given;
    f.plan_id = std::string(plan_id);
    const auto it = stored.find(f.key);
    f.id = it != stored.end() ? it->second->id : 0;
    f.version = it != stored.end() ? it->second->version + 1 : 1;
    if (it != stored.end() && SameFindingContent(f, *it->second)) {
      ++stats.unchanged;
      continue;
    }
    WAYMARK_TRY(WriteFinding(db_, f, now));
    WAYMARK_TRY(WriteChange(db_, audit, it != stored.end() ? "finding.update" : "finding.create",
                            now, it != stored.end() ? it->second : nullptr, &f));
    ++(it != stored.end() ? stats.updated : stats.created);
  }
  WAYMARK_TRY(tx.Commit());
  return stats;
}

}  // namespace waymark::store
