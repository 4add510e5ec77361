// SqlStore: reporting cycles and action updates (migration 9). Each change is one
// transaction that checks core's rules against the stored rows, writes, and appends its audit
// entry ("cycle.open", "cycle.close", "action-update.save", "action-update.submit",
// "action-update.reopen") with the record before and after as JSON. A save reads the stored
// update inside its own write transaction (BEGIN IMMEDIATE), so of two saves made against the
// same version only the first can succeed; a batch of saves is one such transaction, kept whole
// or not at all.
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kCycleEntity = "cycle";
constexpr std::string_view kUpdateEntity = "action-update";

// The eleven columns ReadCycle reads, from `reporting_cycles`.
constexpr std::string_view kCycleColumns =
    "id, plan_id, name, date_from, date_to, due, state, opened_at, opened_by, closed_at, "
    "closed_by";
// The seventeen columns ReadUpdate reads, from `action_updates` aliased as u.
constexpr std::string_view kUpdateColumns =
    "u.id, u.cycle_id, u.plan_id, u.action_id, u.status, u.narrative, u.evidence, u.next_steps, "
    "u.expected_completion, u.state, u.version, u.organisation, u.author, u.author_name, "
    "u.updated_at, u.submitted_at, u.reopened_reason";

std::string Dump(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CycleJson(const ReportingCycle& cycle) {
  nlohmann::ordered_json json;
  json["id"] = cycle.id;
  json["plan_id"] = cycle.plan_id;
  json["name"] = cycle.name;
  json["from"] = cycle.from.ToString();
  json["to"] = cycle.to.ToString();
  json["due"] = cycle.due.ToString();
  json["state"] = CycleStateName(cycle.state);
  json["opened_at"] = cycle.opened_at;
  json["opened_by"] = cycle.opened_by;
  json["closed_at"] = cycle.closed_at;
  json["closed_by"] = cycle.closed_by;
  return Dump(json);
}

std::string EvidenceJson(const std::vector<std::string>& links) {
  return Dump(nlohmann::ordered_json(links));
}

std::string UpdateJson(const ActionUpdate& update) {
  const ActionUpdateFields& f = update.fields;
  nlohmann::ordered_json json;
  json["id"] = update.id;
  json["cycle_id"] = update.cycle_id;
  json["plan_id"] = update.plan_id;
  json["action_id"] = update.action_id;
  json["status"] = f.status ? nlohmann::ordered_json(ActionStatusName(*f.status)) : nullptr;
  json["narrative"] = f.narrative;
  json["evidence"] = f.evidence;
  json["next_steps"] = f.next_steps;
  json["expected_completion"] = f.expected_completion ? f.expected_completion->ToString() : "";
  json["state"] = UpdateStateName(update.state);
  json["version"] = update.version;
  json["organisation"] = update.organisation;
  json["author"] = update.author;
  json["author_name"] = update.author_name;
  json["updated_at"] = update.updated_at;
  json["submitted_at"] = update.submitted_at;
  json["reopened_reason"] = update.reopened_reason;
  return Dump(json);
}

Error Corrupt(std::string_view what, std::string_view value) {
  return Error{ErrorCode::kDatabase, fmt::format("stored {} '{}' is not valid", what, value), {}};
}

Result<Date> ReadDate(const Statement& s, int column, std::string_view what) {
  const std::string text = s.Text(column);
  std::optional<Date> date = Date::Parse(text);
  if (!date) return tl::unexpected(Corrupt(what, text));
  return *date;
}

Result<ReportingCycle> ReadCycleRow(const Statement& s) {
  ReportingCycle cycle;
  cycle.id = s.Int(0);
  cycle.plan_id = s.Text(1);
  cycle.name = s.Text(2);
  WAYMARK_ASSIGN_OR_RETURN(cycle.from, ReadDate(s, 3, "cycle start date"));
  WAYMARK_ASSIGN_OR_RETURN(cycle.to, ReadDate(s, 4, "cycle end date"));
  WAYMARK_ASSIGN_OR_RETURN(cycle.due, ReadDate(s, 5, "cycle due date"));
  const std::optional<CycleState> state = ParseCycleState(s.Text(6));
  if (!state) return tl::unexpected(Corrupt("cycle state", s.Text(6)));
  cycle.state = *state;
  cycle.opened_at = s.Text(7);
  cycle.opened_by = s.Text(8);
  cycle.closed_at = s.Text(9);
  cycle.closed_by = s.Text(10);
  return cycle;
}

Result<std::vector<std::string>> ParseEvidence(const std::string& text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_array()) return tl::unexpected(Corrupt("evidence", text));
  std::vector<std::string> links;
  for (const nlohmann::json& link : json) {
    if (!link.is_string()) return tl::unexpected(Corrupt("evidence", text));
    links.push_back(link.get<std::string>());
  }
  return links;
}

Result<ActionUpdateFields> ReadFields(const Statement& s) {
  ActionUpdateFields f;
  if (!s.IsNull(4)) {
    f.status = ParseActionStatus(s.Text(4));
    if (!f.status) return tl::unexpected(Corrupt("status", s.Text(4)));
  }
  f.narrative = s.Text(5);
  WAYMARK_ASSIGN_OR_RETURN(f.evidence, ParseEvidence(s.Text(6)));
  f.next_steps = s.Text(7);
  if (!s.Text(8).empty()) {
    WAYMARK_ASSIGN_OR_RETURN(f.expected_completion, ReadDate(s, 8, "expected completion date"));
  }
  return f;
}

Result<ActionUpdate> ReadUpdateRow(const Statement& s) {
  ActionUpdate update;
  update.id = s.Int(0);
  update.cycle_id = s.Int(1);
  update.plan_id = s.Text(2);
  update.action_id = s.Text(3);
  WAYMARK_ASSIGN_OR_RETURN(update.fields, ReadFields(s));
  const std::optional<UpdateState> state = ParseUpdateState(s.Text(9));
  if (!state) return tl::unexpected(Corrupt("update state", s.Text(9)));
  update.state = *state;
  update.version = static_cast<int>(s.Int(10));
  update.organisation = s.Text(11);
  update.author = s.Text(12);
  update.author_name = s.Text(13);
  update.updated_at = s.Text(14);
  update.submitted_at = s.Text(15);
  update.reopened_reason = s.Text(16);
  return update;
}

Result<ReportingCycle> ReadCycle(Db& db, std::int64_t cycle_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT {} FROM reporting_cycles WHERE id = ?1", kCycleColumns)));
  select.Bind(1, cycle_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no reporting cycle with id {}", cycle_id));
  }
  return ReadCycleRow(select);
}

// The update of `action_id` in `cycle_id`; nullopt when there is none.
Result<std::optional<ActionUpdate>> ReadUpdate(Db& db, std::int64_t cycle_id,
                                               std::string_view action_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT {} FROM action_updates u WHERE u.cycle_id = ?1 AND "
                             "u.action_id = ?2",
                             kUpdateColumns)));
  select.Bind(1, cycle_id).Bind(2, action_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<ActionUpdate>();
  WAYMARK_ASSIGN_OR_RETURN(ActionUpdate update, ReadUpdateRow(select));
  return std::optional<ActionUpdate>(std::move(update));
}

// Inserts the update, or replaces the stored row of its cycle and action when `exists`.
Status WriteUpdateRow(Db& db, const ActionUpdate& u, bool exists) {
  constexpr std::string_view kInsert =
      "INSERT INTO action_updates (cycle_id, action_id, plan_id, status, narrative, evidence, "
      "next_steps, expected_completion, state, version, organisation, author, author_name, "
      "updated_at, submitted_at, reopened_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "?10, ?11, ?12, ?13, ?14, ?15, ?16)";
  constexpr std::string_view kUpdate =
      "UPDATE action_updates SET plan_id = ?3, status = ?4, narrative = ?5, evidence = ?6, "
      "next_steps = ?7, expected_completion = ?8, state = ?9, version = ?10, organisation = ?11, "
      "author = ?12, author_name = ?13, updated_at = ?14, submitted_at = ?15, "
      "reopened_reason = ?16 WHERE cycle_id = ?1 AND action_id = ?2";
  WAYMARK_ASSIGN_OR_RETURN(Statement write, db.Prepare(exists ? kUpdate : kInsert));
  const ActionUpdateFields& f = u.fields;
  write.Bind(1, u.cycle_id).Bind(2, u.action_id).Bind(3, u.plan_id);
  if (f.status) {
    write.Bind(4, ActionStatusName(*f.status));
  } else {
    write.BindNull(4);
  }
  write.Bind(5, f.narrative)
      .Bind(6, EvidenceJson(f.evidence))
      .Bind(7, f.next_steps)
      .Bind(8, f.expected_completion ? f.expected_completion->ToString() : std::string())
      .Bind(9, UpdateStateName(u.state))
      .Bind(10, u.version)
      .Bind(11, u.organisation)
      .Bind(12, u.author)
      .Bind(13, u.author_name)
      .Bind(14, u.updated_at)
      .Bind(15, u.submitted_at)
      .Bind(16, u.reopened_reason);
  return write.Run();
}

// The caller's audit entry with the kind of change the store made, and its time when unset.
std::string UpdateKey(std::int64_t cycle_id, std::string_view action_id) {
  return fmt::format("{}/{}", cycle_id, action_id);
}

// kInvalidArgument for a cycle that breaks core's rules for a new cycle.
Status CheckNewCycle(const ReportingCycle& cycle) {
  const CycleCheck check = CheckCycleInput(
      cycle.plan_id,
      {cycle.name, cycle.from.ToString(), cycle.to.ToString(), cycle.due.ToString()});
  if (check.errors.empty()) return {};
  const FieldError& first = check.errors.front();
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("cycle {}: {}", first.field, first.message));
}

// kInvalidArgument for an update no form could have produced.
Status CheckUpdateShape(const ActionUpdate& update, const ReportingCycle& cycle) {
  if (update.action_id.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an action update needs its action's id");
  }
  if (!update.plan_id.empty() && update.plan_id != cycle.plan_id) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("cycle {} belongs to plan '{}', not '{}'", cycle.id, cycle.plan_id,
                                 update.plan_id));
  }
  if (update.state == UpdateState::kSubmitted && !update.fields.status) {
    return MakeError(ErrorCode::kInvalidArgument, "a submitted update needs a status");
  }
  return {};
}

Error Refused(const ActionUpdate& update, SaveRefusal refusal, int stored_version) {
  std::string why;
  switch (refusal) {
    case SaveRefusal::kCycleClosed:
      why = "the cycle is closed";
      break;
    case SaveRefusal::kLocked:
      why = "the update has been submitted";
      break;
    case SaveRefusal::kStale:
      why = fmt::format("the update has changed since it was read (version {})", stored_version);
      break;
    case SaveRefusal::kNone:
      break;
  }
  return Error{ErrorCode::kConflict,
               fmt::format("the update of action '{}' in cycle {} cannot be saved: {}",
                           update.action_id, update.cycle_id, why),
               {}};
}

// The update as this save leaves it: the given fields, the next version, the times from `now`,
// and what the store keeps (its id and the reason it was last reopened).
ActionUpdate NextSave(const ActionUpdate& update, const ReportingCycle& cycle,
                      const std::optional<ActionUpdate>& stored, std::int64_t now) {
  ActionUpdate saved = update;
  saved.plan_id = cycle.plan_id;
  saved.id = stored ? stored->id : 0;
  saved.version = stored ? stored->version + 1 : 1;
  saved.updated_at = FormatUtc(now);
  saved.submitted_at = saved.state == UpdateState::kSubmitted ? saved.updated_at : std::string();
  saved.reopened_reason = stored ? stored->reopened_reason : std::string();
  return saved;
}

// Saves `update` inside the caller's write transaction: core's CheckSave against the stored
// rows, the row written, and its audit entry.
Result<ActionUpdate> WriteSave(Db& db, const ActionUpdate& update, int expected_version,
                               std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(ReportingCycle cycle, ReadCycle(db, update.cycle_id));
  WAYMARK_TRY(CheckUpdateShape(update, cycle));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<ActionUpdate> stored,
                           ReadUpdate(db, update.cycle_id, update.action_id));
  const SaveRefusal refusal = CheckSave(cycle, stored ? &*stored : nullptr, expected_version);
  if (refusal != SaveRefusal::kNone) {
    return tl::unexpected(Refused(update, refusal, stored ? stored->version : 0));
  }
  ActionUpdate saved = NextSave(update, cycle, stored, now);
  WAYMARK_TRY(WriteUpdateRow(db, saved, stored.has_value()));
  if (!stored) {
    WAYMARK_ASSIGN_OR_RETURN(saved.id, db.LastInsertRowid());
  }
  const std::string_view action =
      saved.state == UpdateState::kSubmitted ? "action-update.submit" : "action-update.save";
  WAYMARK_TRY(WriteAudit(db, AuditedAction(audit, action, now),
                         {std::string(kUpdateEntity), UpdateKey(saved.cycle_id, saved.action_id),
                          stored ? UpdateJson(*stored) : std::string(), UpdateJson(saved)}));
  return saved;
}

}  // namespace

// Cycles -------------------------------------------------------------------------------------

Result<ReportingCycle> SqlStore::OpenCycle(const ReportingCycle& cycle, std::int64_t now,
                                           const AuditEntry& audit) {
  WAYMARK_TRY(CheckNewCycle(cycle));
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(bool plan_exists, PlanExists(cycle.plan_id));
  if (!plan_exists) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no plan '{}'", cycle.plan_id));
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement open,
      db_.Prepare("SELECT name FROM reporting_cycles WHERE plan_id = ?1 AND state = 'open'"));
  open.Bind(1, cycle.plan_id);
  WAYMARK_ASSIGN_OR_RETURN(bool has_open, open.Step());
  if (has_open) {
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("plan '{}' has an open cycle, '{}': close it first", cycle.plan_id,
                                 open.Text(0)));
  }
  ReportingCycle opened = cycle;
  opened.state = CycleState::kOpen;
  opened.opened_at = FormatUtc(now);
  opened.opened_by = audit.actor;
  opened.closed_at.clear();
  opened.closed_by.clear();
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO reporting_cycles (plan_id, name, date_from, date_to, due, state, "
                  "opened_at, opened_by) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)"));
  insert.Bind(1, opened.plan_id)
      .Bind(2, opened.name)
      .Bind(3, opened.from.ToString())
      .Bind(4, opened.to.ToString())
      .Bind(5, opened.due.ToString())
      .Bind(6, opened.opened_at)
      .Bind(7, opened.opened_by);
  WAYMARK_TRY(insert.Run());
  WAYMARK_ASSIGN_OR_RETURN(opened.id, db_.LastInsertRowid());
  WAYMARK_TRY(
      WriteAudit(db_, AuditedAction(audit, "cycle.open", now),
                 {std::string(kCycleEntity), std::to_string(opened.id), "", CycleJson(opened)}));
  WAYMARK_TRY(RaiseProgressVersion(db_, opened.plan_id));
  WAYMARK_TRY(tx.Commit());
  return opened;
}

Result<std::vector<ReportingCycle>> SqlStore::ListCycles(std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format("SELECT {} FROM reporting_cycles WHERE ?1 = '' OR plan_id = ?1 "
                              "ORDER BY date_from DESC, id DESC",
                              kCycleColumns)));
  select.Bind(1, plan_id);
  std::vector<ReportingCycle> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    WAYMARK_ASSIGN_OR_RETURN(ReportingCycle cycle, ReadCycleRow(select));
    out.push_back(std::move(cycle));
  }
}

Result<ReportingCycle> SqlStore::FindCycle(std::int64_t cycle_id) {
  return ReadCycle(db_, cycle_id);
}

Result<ReportingCycle> SqlStore::CloseCycle(std::int64_t cycle_id, std::int64_t now,
                                            const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(ReportingCycle cycle, ReadCycle(db_, cycle_id));
  if (cycle.state == CycleState::kClosed) return cycle;
  ReportingCycle closed = cycle;
  closed.state = CycleState::kClosed;
  closed.closed_at = FormatUtc(now);
  closed.closed_by = audit.actor;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement update,
      db_.Prepare("UPDATE reporting_cycles SET state = 'closed', closed_at = ?1, closed_by = ?2 "
                  "WHERE id = ?3"));
  update.Bind(1, closed.closed_at).Bind(2, closed.closed_by).Bind(3, cycle_id);
  WAYMARK_TRY(update.Run());
  WAYMARK_TRY(WriteAudit(
      db_, AuditedAction(audit, "cycle.close", now),
      {std::string(kCycleEntity), std::to_string(cycle_id), CycleJson(cycle), CycleJson(closed)}));
  WAYMARK_TRY(RaiseProgressVersion(db_, closed.plan_id));
  WAYMARK_TRY(tx.Commit());
  return closed;
}

// Updates ------------------------------------------------------------------------------------

Result<ActionUpdate> SqlStore::SaveActionUpdate(const ActionUpdate& update, int expected_version,
                                                std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(ActionUpdate saved,
                           WriteSave(db_, update, expected_version, now, audit));
  WAYMARK_TRY(RaiseProgressVersion(db_, saved.plan_id));
  WAYMARK_TRY(tx.Commit());
  return saved;
}

Result<std::vector<ActionUpdate>> SqlStore::SaveActionUpdates(std::span<const UpdateSave> saves,
                                                              std::int64_t now,
                                                              const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  std::vector<ActionUpdate> out;
  out.reserve(saves.size());
  for (const UpdateSave& save : saves) {
    auto saved = WriteSave(db_, save.update, save.expected_version, now, audit);
    if (!saved) {  // the transaction rolls back every save before this one
      Error refused = std::move(saved.error());
      refused.pos = save.origin;
      return tl::unexpected(std::move(refused));
    }
    out.push_back(std::move(*saved));
  }
  // Each plan saved to once, in order: the same order in every transaction (RaiseProgressVersion).
  std::set<std::string_view> plans;
  for (const ActionUpdate& saved : out) plans.insert(saved.plan_id);
  for (const std::string_view plan_id : plans) WAYMARK_TRY(RaiseProgressVersion(db_, plan_id));
  WAYMARK_TRY(tx.Commit());
  return out;
}

Result<ActionUpdate> SqlStore::ReopenActionUpdate(std::int64_t cycle_id, std::string_view action_id,
                                                  std::string_view reason, std::int64_t now,
                                                  const AuditEntry& audit) {
  if (std::optional<FieldError> problem = CheckReopenReason(reason)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: {}", problem->field, problem->message));
  }
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<ActionUpdate> stored,
                           ReadUpdate(db_, cycle_id, action_id));
  if (!stored) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("no update of action '{}' in cycle {}", action_id, cycle_id));
  }
  WAYMARK_ASSIGN_OR_RETURN(ReportingCycle cycle, ReadCycle(db_, cycle_id));
  const std::string_view why = cycle.state == CycleState::kClosed ? "the cycle is closed"
                               : stored->state != UpdateState::kSubmitted
                                   ? "the update has not been submitted"
                                   : "";
  if (!why.empty()) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("the update of action '{}' in cycle {} cannot be reopened: {}",
                                 action_id, cycle_id, why));
  }
  ActionUpdate reopened = *stored;
  reopened.state = UpdateState::kDraft;
  reopened.version = stored->version + 1;
  reopened.submitted_at.clear();
  reopened.reopened_reason = std::string(reason);
  WAYMARK_TRY(WriteUpdateRow(db_, reopened, true));
  WAYMARK_TRY(WriteAudit(db_, AuditedAction(audit, "action-update.reopen", now),
                         {std::string(kUpdateEntity), UpdateKey(cycle_id, action_id),
                          UpdateJson(*stored), UpdateJson(reopened)}));
  WAYMARK_TRY(RaiseProgressVersion(db_, cycle.plan_id));
  WAYMARK_TRY(tx.Commit());
  return reopened;
}

Result<std::vector<ActionUpdate>> SqlStore::ListActionUpdates(const UpdateFilter& filter) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format(
          "SELECT {} FROM action_updates u JOIN reporting_cycles c ON c.id = u.cycle_id "
          "WHERE (?1 = '' OR u.plan_id = ?1) AND (CAST(?2 AS BIGINT) = 0 OR u.cycle_id = ?2) "
          "AND (?3 = '' OR u.action_id = ?3) "
          "ORDER BY c.date_from DESC, c.id DESC, u.action_id",
          kUpdateColumns)));
  select.Bind(1, filter.plan_id).Bind(2, filter.cycle_id).Bind(3, filter.action_id);
  std::vector<ActionUpdate> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    WAYMARK_ASSIGN_OR_RETURN(ActionUpdate update, ReadUpdateRow(select));
    out.push_back(std::move(update));
  }
}

Result<std::int64_t> SqlStore::ProgressVersion(std::string_view plan_id) {
  return VersionOf(ProgressTopic(plan_id));
}

Result<PageVersions> SqlStore::ReadPageVersions(std::string_view plan_id) {
  // Three lookups by primary key, in one statement so that they read one state of the data.
  constexpr std::string_view kSql =
      "SELECT (SELECT coalesce(max(version), 0) FROM data_versions WHERE topic = ?1), "
      "(SELECT coalesce(max(version), 0) FROM data_versions WHERE topic = ?2), "
      "(SELECT coalesce(max(version), 0) FROM data_versions WHERE topic = ?3)";
  WAYMARK_ASSIGN_OR_RETURN(const KeptStatement select, Kept(kSql));
  select->Bind(1, TopicName(DataTopic::kPlans)).Bind(2, TopicName(DataTopic::kFigures));
  select->Bind(3, ProgressTopic(plan_id));
  WAYMARK_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row) return MakeError(ErrorCode::kDatabase, "the page versions query returned no row");
  return PageVersions{select->Int(0), select->Int(1), select->Int(2)};
}

}  // namespace waymark::store
