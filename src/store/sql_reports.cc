// SqlStore: issued board reports and commentary (migration 10). A report is frozen when it
// is issued: its model, HTML and PDF are written once and never updated (a trigger refuses any
// change to them); each sign-off step checks core's CheckReportTransition against the stored
// state inside its write transaction (BEGIN IMMEDIATE) and changes only the state and the step's
// who and when. Commentary is saved against the version its writer read. Every change appends
// its audit entry ("report.issue", "report.review", "report.approve", "report.publish",
// "commentary.save", "commentary.delete") with the record before and after as JSON, without
// the report's bodies.
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kReportEntity = "report";
constexpr std::string_view kCommentaryEntity = "commentary";

// The seventeen columns ReadReportRow reads first; the bodies follow at 17, 18 and 19.
constexpr std::string_view kReportColumns =
    "id, plan_id, kind, outcome_id, cycle_id, board, title, state, data_as_of, issued_by, "
    "issued_at, reviewed_by, reviewed_at, approved_by, approved_at, published_by, published_at";
constexpr std::string_view kBodyColumns = "model_json, html, pdf";
// The eight columns ReadCommentaryRow reads.
constexpr std::string_view kCommentaryColumns =
    "id, plan_id, cycle_id, subject, body, author, updated_at, version";

std::string Dump(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json OptionalId(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::ordered_json(*id) : nlohmann::ordered_json(nullptr);
}

// A report as the audit log records it: everything but its bodies.
std::string ReportJson(const IssuedReport& r) {
  nlohmann::ordered_json json;
  json["id"] = r.id;
  json["plan_id"] = r.plan_id;
  json["kind"] = ReportKindName(r.kind);
  json["outcome_id"] = r.outcome_id;
  json["cycle_id"] = OptionalId(r.cycle_id);
  json["board"] = r.board;
  json["title"] = r.title;
  json["state"] = ReportStateName(r.state);
  json["data_as_of"] = r.data_as_of;
  json["issued_by"] = r.issued_by;
  json["issued_at"] = r.issued_at;
  json["reviewed_by"] = r.reviewed_by;
  json["reviewed_at"] = r.reviewed_at;
  json["approved_by"] = r.approved_by;
  json["approved_at"] = r.approved_at;
  json["published_by"] = r.published_by;
  json["published_at"] = r.published_at;
  return Dump(json);
}

std::string CommentaryJson(const Commentary& c) {
  nlohmann::ordered_json json;
  json["id"] = c.id;
  json["plan_id"] = c.plan_id;
  json["cycle_id"] = OptionalId(c.cycle_id);
  json["subject"] = c.subject;
  json["text"] = c.text;
  json["author"] = c.author;
  json["updated_at"] = c.updated_at;
  json["version"] = c.version;
  return Dump(json);
}

// How the audit log names commentary: "PLAN/SUBJECT", or "PLAN/cycle-N/SUBJECT".
std::string CommentaryKey(const Commentary& c) {
  if (!c.cycle_id) return fmt::format("{}/{}", c.plan_id, c.subject);
  return fmt::format("{}/cycle-{}/{}", c.plan_id, *c.cycle_id, c.subject);
}

Error Corrupt(std::string_view what, std::string_view value) {
  return Error{ErrorCode::kDatabase, fmt::format("stored {} '{}' is not valid", what, value), {}};
}

// kInvalidArgument naming every field of `errors` ("" when there are none).
std::optional<std::int64_t> ReadOptionalId(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return s.Int(column);
}

void BindOptionalId(Statement& s, int index, const std::optional<std::int64_t>& id) {
  if (id) {
    s.Bind(index, *id);
  } else {
    s.BindNull(index);
  }
}

Result<IssuedReport> ReadReportRow(const Statement& s, bool with_bodies) {
  IssuedReport r;
  r.id = s.Int(0);
  r.plan_id = s.Text(1);
  const std::optional<ReportKind> kind = ParseReportKind(s.Text(2));
  if (!kind) return tl::unexpected(Corrupt("report kind", s.Text(2)));
  r.kind = *kind;
  r.outcome_id = s.Text(3);
  r.cycle_id = ReadOptionalId(s, 4);
  r.board = s.Text(5);
  r.title = s.Text(6);
  const std::optional<ReportState> state = ParseReportState(s.Text(7));
  if (!state) return tl::unexpected(Corrupt("report state", s.Text(7)));
  r.state = *state;
  r.data_as_of = s.Text(8);
  r.issued_by = s.Text(9);
  r.issued_at = s.Text(10);
  r.reviewed_by = s.Text(11);
  r.reviewed_at = s.Text(12);
  r.approved_by = s.Text(13);
  r.approved_at = s.Text(14);
  r.published_by = s.Text(15);
  r.published_at = s.Text(16);
  if (with_bodies) {
    r.model_json = s.Text(17);
    r.html = s.Text(18);
    r.pdf = std::string(s.BlobView(19));
  }
  return r;
}

// The report `id`, with or without its bodies; kNotFound when there is none.
Result<IssuedReport> ReadReport(Db& db, std::int64_t id, bool with_bodies) {
  const std::string columns = with_bodies ? fmt::format("{}, {}", kReportColumns, kBodyColumns)
                                          : std::string(kReportColumns);
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT {} FROM issued_reports WHERE id = ?1", columns)));
  select.Bind(1, id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found)
    return MakeError(ErrorCode::kNotFound, fmt::format("no issued report with id {}", id));
  return ReadReportRow(select, with_bodies);
}

// True when `sql` (with the plan id as ?1 and `id` as ?2) returns a row.
Result<bool> PlanHas(Db& db, std::string_view sql, std::string_view plan_id, std::string_view id) {
  WAYMARK_ASSIGN_OR_RETURN(Statement select, db.Prepare(sql));
  select.Bind(1, plan_id).Bind(2, id);
  return select.Step();
}

// kNotFound for an unknown plan or cycle; kInvalidArgument for a cycle of another plan.
Status CheckPlanAndCycle(Db& db, std::string_view plan_id,
                         const std::optional<std::int64_t>& cycle_id) {
  WAYMARK_ASSIGN_OR_RETURN(Statement plan, db.Prepare("SELECT 1 FROM plans WHERE id = ?1"));
  plan.Bind(1, plan_id);
  WAYMARK_ASSIGN_OR_RETURN(bool plan_exists, plan.Step());
  if (!plan_exists) return MakeError(ErrorCode::kNotFound, fmt::format("no plan '{}'", plan_id));
  if (!cycle_id) return {};
  WAYMARK_ASSIGN_OR_RETURN(Statement cycle,
                           db.Prepare("SELECT plan_id FROM reporting_cycles WHERE id = ?1"));
  cycle.Bind(1, *cycle_id);
  WAYMARK_ASSIGN_OR_RETURN(bool cycle_exists, cycle.Step());
  if (!cycle_exists) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no reporting cycle with id {}", *cycle_id));
  }
  if (cycle.Text(0) != plan_id) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("cycle {} belongs to plan '{}', not '{}'", *cycle_id, cycle.Text(0), plan_id));
  }
  return {};
}

// kNotFound when the plan has no such outcome (if one is named) or monitoring body.
Status CheckReportTargets(Db& db, const IssuedReport& report) {
  if (!report.outcome_id.empty()) {
    WAYMARK_ASSIGN_OR_RETURN(bool outcome,
                             PlanHas(db, "SELECT 1 FROM outcomes WHERE plan_id = ?1 AND id = ?2",
                                     report.plan_id, report.outcome_id));
    if (!outcome) {
      return MakeError(ErrorCode::kNotFound, fmt::format("plan '{}' has no outcome '{}'",
                                                         report.plan_id, report.outcome_id));
    }
  }
  WAYMARK_ASSIGN_OR_RETURN(
      bool board, PlanHas(db, "SELECT 1 FROM bodies WHERE plan_id = ?1 AND id = ?2", report.plan_id,
                          report.board));
  if (!board) {
    return MakeError(ErrorCode::kNotFound, fmt::format("plan '{}' has no monitoring body '{}'",
                                                       report.plan_id, report.board));
  }
  return {};
}

Status InsertReport(Db& db, const IssuedReport& r) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO issued_reports (plan_id, kind, outcome_id, cycle_id, board, title, "
                 "state, data_as_of, model_json, html, pdf, issued_by, issued_at) VALUES (?1, "
                 "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
  insert.Bind(1, r.plan_id).Bind(2, ReportKindName(r.kind)).Bind(3, r.outcome_id);
  BindOptionalId(insert, 4, r.cycle_id);
  insert.Bind(5, r.board)
      .Bind(6, r.title)
      .Bind(7, ReportStateName(r.state))
      .Bind(8, r.data_as_of)
      .BindUncopied(9, r.model_json)
      .BindUncopied(10, r.html)
      .BindBlobUncopied(11, r.pdf)
      .Bind(12, r.issued_by)
      .Bind(13, r.issued_at);
  return insert.Run();
}

// The columns a step into `to` records who and when in, and its audit action.
struct StepColumns {
  std::string_view by;
  std::string_view at;
  std::string_view action;
};

StepColumns ColumnsOf(ReportState to) {
  switch (to) {
    case ReportState::kApproved:
      return {"approved_by", "approved_at", "report.approve"};
    case ReportState::kPublished:
      return {"published_by", "published_at", "report.publish"};
    case ReportState::kDraft:
    case ReportState::kReviewed:
      break;
  }
  return {"reviewed_by", "reviewed_at", "report.review"};
}

// `report` after its step into `to` by `by` at `at`.
IssuedReport AfterStep(IssuedReport report, ReportState to, const std::string& by,
                       const std::string& at) {
  report.state = to;
  if (to == ReportState::kApproved) {
    report.approved_by = by;
    report.approved_at = at;
  } else if (to == ReportState::kPublished) {
    report.published_by = by;
    report.published_at = at;
  } else {
    report.reviewed_by = by;
    report.reviewed_at = at;
  }
  return report;
}

Result<Commentary> ReadCommentaryRow(const Statement& s) {
  Commentary c;
  c.id = s.Int(0);
  c.plan_id = s.Text(1);
  c.cycle_id = ReadOptionalId(s, 2);
  c.subject = s.Text(3);
  c.text = s.Text(4);
  c.author = s.Text(5);
  c.updated_at = s.Text(6);
  c.version = static_cast<int>(s.Int(7));
  if (c.version < 1) return tl::unexpected(Corrupt("commentary version", s.Text(7)));
  return c;
}

// "cycle_id IS NULL" or "cycle_id = ?N": the commentary of no cycle or of one.
std::string CycleCondition(const std::optional<std::int64_t>& cycle_id, int index) {
  return cycle_id ? fmt::format("cycle_id = ?{}", index) : std::string("cycle_id IS NULL");
}

// The stored commentary on the subject of `c` (plan, cycle and subject); nullopt when none.
Result<std::optional<Commentary>> ReadCommentary(Db& db, const Commentary& c) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT {} FROM report_commentary WHERE plan_id = ?1 AND "
                             "subject = ?2 AND {}",
                             kCommentaryColumns, CycleCondition(c.cycle_id, 3))));
  select.Bind(1, c.plan_id).Bind(2, c.subject);
  if (c.cycle_id) select.Bind(3, *c.cycle_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<Commentary>();
  WAYMARK_ASSIGN_OR_RETURN(Commentary stored, ReadCommentaryRow(select));
  return std::optional<Commentary>(std::move(stored));
}

Status WriteCommentaryRow(Db& db, const Commentary& c, bool exists) {
  constexpr std::string_view kInsert =
      "INSERT INTO report_commentary (plan_id, cycle_id, subject, body, author, updated_at, "
      "version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  constexpr std::string_view kUpdate =
      "UPDATE report_commentary SET body = ?1, author = ?2, updated_at = ?3, version = ?4 "
      "WHERE id = ?5";
  WAYMARK_ASSIGN_OR_RETURN(Statement write, db.Prepare(exists ? kUpdate : kInsert));
  if (exists) {
    write.Bind(1, c.text).Bind(2, c.author).Bind(3, c.updated_at).Bind(4, c.version);
    write.Bind(5, c.id);
    return write.Run();
  }
  write.Bind(1, c.plan_id).Bind(3, c.subject);
  BindOptionalId(write, 2, c.cycle_id);
  write.Bind(4, c.text).Bind(5, c.author).Bind(6, c.updated_at).Bind(7, c.version);
  return write.Run();
}

Error StaleCommentary(const Commentary& c, const std::optional<Commentary>& stored) {
  const std::string why =
      stored ? fmt::format("it has changed since it was read (version {})", stored->version)
             : std::string("it has been deleted since it was read");
  return Error{ErrorCode::kConflict,
               fmt::format("the commentary on {} cannot be saved: {}", c.subject, why),
               {}};
}

}  // namespace

// Reports ------------------------------------------------------------------------------------

Result<IssuedReport> SqlStore::IssueReport(const IssuedReport& report, std::int64_t now,
                                           const AuditEntry& audit) {
  WAYMARK_TRY(FieldErrorsStatus(CheckIssuedReport(report)));
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(CheckPlanAndCycle(db_, report.plan_id, report.cycle_id));
  WAYMARK_TRY(CheckReportTargets(db_, report));
  IssuedReport issued = report;
  issued.state = ReportState::kDraft;
  issued.issued_at = FormatUtc(now);
  issued.issued_by = audit.actor;
  issued.reviewed_by = issued.reviewed_at = issued.approved_by = issued.approved_at = "";
  issued.published_by = issued.published_at = "";
  WAYMARK_TRY(InsertReport(db_, issued));
  WAYMARK_ASSIGN_OR_RETURN(issued.id, db_.LastInsertRowid());
  WAYMARK_TRY(
      WriteAudit(db_, AuditedAction(audit, "report.issue", now),
                 {std::string(kReportEntity), std::to_string(issued.id), "", ReportJson(issued)}));
  WAYMARK_TRY(tx.Commit());
  return issued;
}

Result<std::vector<IssuedReport>> SqlStore::ListIssuedReports(std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format("SELECT {} FROM issued_reports WHERE ?1 = '' OR plan_id = ?1 "
                              "ORDER BY issued_at DESC, id DESC",
                              kReportColumns)));
  select.Bind(1, plan_id);
  std::vector<IssuedReport> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    WAYMARK_ASSIGN_OR_RETURN(IssuedReport report, ReadReportRow(select, false));
    out.push_back(std::move(report));
  }
}

Result<IssuedReport> SqlStore::FindIssuedReport(std::int64_t id) {
  return ReadReport(db_, id, true);
}

Result<IssuedReport> SqlStore::TransitionReport(std::int64_t id, ReportState to,
                                                const Principal& who, std::int64_t now,
                                                const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(IssuedReport stored, ReadReport(db_, id, false));
  WAYMARK_TRY(CheckReportTransition(who, stored.state, to, stored.reviewed_by));
  if (who.email.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a step of a report's sign-off needs the email of the person taking it");
  }
  const IssuedReport after = AfterStep(stored, to, who.email, FormatUtc(now));
  const StepColumns step = ColumnsOf(to);
  WAYMARK_ASSIGN_OR_RETURN(
      Statement update,
      db_.Prepare(fmt::format("UPDATE issued_reports SET state = ?1, {} = ?2, {} = ?3 "
                              "WHERE id = ?4 AND state = ?5",
                              step.by, step.at)));
  update.Bind(1, ReportStateName(to))
      .Bind(2, who.email)
      .Bind(3, FormatUtc(now))
      .Bind(4, id)
      .Bind(5, ReportStateName(stored.state));
  WAYMARK_TRY(update.Run());
  if (db_.Changes() != 1) {
    return MakeError(ErrorCode::kConflict, fmt::format("report {} changed while it was read", id));
  }
  WAYMARK_TRY(WriteAudit(
      db_, AuditedAction(audit, step.action, now),
      {std::string(kReportEntity), std::to_string(id), ReportJson(stored), ReportJson(after)}));
  WAYMARK_TRY(tx.Commit());
  return after;
}

// Commentary ---------------------------------------------------------------------------------

Result<Commentary> SqlStore::SaveCommentary(const Commentary& c, int expected_version,
                                            std::int64_t now, const AuditEntry& audit) {
  WAYMARK_TRY(FieldErrorsStatus(CheckCommentary(c.subject, c.text)));
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(CheckPlanAndCycle(db_, c.plan_id, c.cycle_id));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<Commentary> stored, ReadCommentary(db_, c));
  if ((stored ? stored->version : 0) != expected_version) {
    return tl::unexpected(StaleCommentary(c, stored));
  }
  Commentary saved = c;
  saved.id = stored ? stored->id : 0;
  if (TrimBlank(c.text).empty()) {
    saved = Commentary{0, c.plan_id, c.cycle_id, c.subject, "", "", "", 0};
    if (!stored) return saved;  // nothing to delete
    WAYMARK_ASSIGN_OR_RETURN(Statement erase,
                             db_.Prepare("DELETE FROM report_commentary WHERE id = ?1"));
    erase.Bind(1, stored->id);
    WAYMARK_TRY(erase.Run());
    WAYMARK_TRY(WriteAudit(
        db_, AuditedAction(audit, "commentary.delete", now),
        {std::string(kCommentaryEntity), CommentaryKey(c), CommentaryJson(*stored), ""}));
    WAYMARK_TRY(tx.Commit());
    return saved;
  }
  saved.version = expected_version + 1;
  saved.updated_at = FormatUtc(now);
  if (saved.author.empty()) saved.author = audit.actor;
  WAYMARK_TRY(WriteCommentaryRow(db_, saved, stored.has_value()));
  if (!stored) {
    WAYMARK_ASSIGN_OR_RETURN(saved.id, db_.LastInsertRowid());
  }
  WAYMARK_TRY(
      WriteAudit(db_, AuditedAction(audit, "commentary.save", now),
                 {std::string(kCommentaryEntity), CommentaryKey(saved),
                  stored ? CommentaryJson(*stored) : std::string(), CommentaryJson(saved)}));
  WAYMARK_TRY(tx.Commit());
  return saved;
}

Result<std::vector<Commentary>> SqlStore::ListCommentary(std::string_view plan_id,
                                                         std::optional<std::int64_t> cycle_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format("SELECT {} FROM report_commentary WHERE plan_id = ?1 AND {} "
                              "ORDER BY subject",
                              kCommentaryColumns, CycleCondition(cycle_id, 2))));
  select.Bind(1, plan_id);
  if (cycle_id) select.Bind(2, *cycle_id);
  std::vector<Commentary> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    WAYMARK_ASSIGN_OR_RETURN(Commentary c, ReadCommentaryRow(select));
    out.push_back(std::move(c));
  }
}

}  // namespace waymark::store
