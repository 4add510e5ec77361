// SqlStore: the append-only audit log (migration 8; triggers refuse updates and deletes)
// and settings, small named values whose every change is audited.
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kSettingEntity = "setting";

Status InsertAuditRow(Db& db, const AuditEntry& entry) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO audit_log (at, actor, via, action, entity, entity_id, before, "
                 "after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  insert.Bind(1, entry.at)
      .Bind(2, entry.actor)
      .Bind(3, entry.via)
      .Bind(4, entry.action)
      .Bind(5, entry.entity)
      .Bind(6, entry.entity_id)
      .Bind(7, entry.before)
      .Bind(8, entry.after);
  return insert.Run();
}

std::string SettingJson(std::string_view key, std::string_view value) {
  nlohmann::ordered_json json;
  json["key"] = key;
  json["value"] = value;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The stored value of `key`, or nullopt when it is unset.
Result<std::optional<std::string>> ReadSetting(Db& db, std::string_view key) {
  WAYMARK_ASSIGN_OR_RETURN(Statement select,
                           db.Prepare("SELECT value FROM settings WHERE key = ?1"));
  select.Bind(1, key);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(select.Text(0));
}

}  // namespace

Status WriteAudit(Db& db, const AuditEntry& audit, const AuditedChange& change) {
  AuditEntry entry = audit;
  entry.entity = change.entity;
  entry.entity_id = change.entity_id;
  entry.before = change.before;
  entry.after = change.after;
  return InsertAuditRow(db, entry);
}

Status SqlStore::AppendAudit(const AuditEntry& entry) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(InsertAuditRow(db_, entry));
  return tx.Commit();
}

Status SqlStore::Atomically(const std::function<Status()>& change) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(change());
  return tx.Commit();
}

Result<std::vector<AuditEntry>> SqlStore::ListAudit(const AuditFilter& filter) {
  // Empty filter fields match everything; no limit is the largest one (PostgreSQL refuses
  // SQLite's -1).
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT id, at, actor, via, action, entity, entity_id, before, after "
                  "FROM audit_log WHERE (?1 = '' OR at >= ?1) AND (?2 = '' OR actor = ?2) "
                  "AND (?3 = '' OR entity = ?3) AND (?4 = '' OR action = ?4) "
                  "ORDER BY id DESC LIMIT ?5"));
  const std::int64_t limit = filter.limit == 0 ? std::numeric_limits<std::int64_t>::max()
                                               : static_cast<std::int64_t>(filter.limit);
  select.Bind(1, filter.since)
      .Bind(2, filter.actor)
      .Bind(3, filter.entity)
      .Bind(4, filter.action)
      .Bind(5, limit);
  std::vector<AuditEntry> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out.push_back(AuditEntry{select.Int(0), select.Text(1), select.Text(2), select.Text(3),
                             select.Text(4), select.Text(5), select.Text(6), select.Text(7),
                             select.Text(8)});
  }
}

Result<std::string> SqlStore::GetSetting(std::string_view key) {
  WAYMARK_ASSIGN_OR_RETURN(std::optional<std::string> value, ReadSetting(db_, key));
  if (!value) return MakeError(ErrorCode::kNotFound, fmt::format("no setting '{}'", key));
  return *value;
}

// Setting a key to the value it has already changes nothing and writes no audit entry.
Status SqlStore::SetSetting(std::string_view key, std::string_view value, const AuditEntry& audit) {
  if (key.empty()) return MakeError(ErrorCode::kInvalidArgument, "a setting needs a name");
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<std::string> old, ReadSetting(db_, key));
  if (old && *old == value) return {};
  WAYMARK_ASSIGN_OR_RETURN(Statement upsert,
                           db_.Prepare("INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  upsert.Bind(1, key).Bind(2, value);
  WAYMARK_TRY(upsert.Run());
  const AuditedChange change{std::string(kSettingEntity), std::string(key),
                             old ? SettingJson(key, *old) : std::string(), SettingJson(key, value)};
  WAYMARK_TRY(WriteAudit(db_, audit, change));
  return tx.Commit();
}

}  // namespace waymark::store
