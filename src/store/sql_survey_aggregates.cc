// SqlStore: survey results from elsewhere, imported as aggregates (migration 15). A wave
// holds either responses answered here or aggregates, never both, so that its results have one
// source.
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

Result<std::vector<SurveyAggregate>> ReadAggregates(Db& db, std::string_view survey_id,
                                                    std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT question_id, answers, percent, count, respondents, source FROM "
                 "survey_aggregates WHERE survey_id = ?1 AND wave_id = ?2 ORDER BY position"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  std::vector<SurveyAggregate> rows;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool more, select.Step());
    if (!more) break;
    SurveyAggregate row;
    row.question = select.Text(0);
    row.answers = SplitAggregateAnswers(select.Text(1));
    if (!select.IsNull(2)) row.percent = select.Double(2);
    if (!select.IsNull(3)) row.count = select.Int(3);
    if (!select.IsNull(4)) row.respondents = select.Int(4);
    row.source = select.Text(5);
    rows.push_back(std::move(row));
  }
  return rows;
}

Status InsertAggregates(Db& db, std::string_view survey_id, std::string_view wave_id,
                        const std::vector<SurveyAggregate>& rows) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement remove,
      db.Prepare("DELETE FROM survey_aggregates WHERE survey_id = ?1 AND wave_id = ?2"));
  WAYMARK_TRY(remove.Bind(1, survey_id).Bind(2, wave_id).Run());
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO survey_aggregates (survey_id, wave_id, position, question_id, "
                 "answers, percent, count, respondents, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                 "?7, ?8, ?9)"));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const SurveyAggregate& row = rows[i];
    insert.Bind(1, survey_id)
        .Bind(2, wave_id)
        .Bind(3, static_cast<std::int64_t>(i))
        .Bind(4, row.question)
        .Bind(5, JoinAggregateAnswers(row.answers))
        .BindOptional(6, row.percent.value_or(std::nan("")))
        .Bind(9, row.source);
    if (row.count) {
      insert.Bind(7, *row.count);
    } else {
      insert.BindNull(7);
    }
    if (row.respondents) {
      insert.Bind(8, *row.respondents);
    } else {
      insert.BindNull(8);
    }
    WAYMARK_TRY(insert.Run());
  }
  return {};
}

}  // namespace

Status CheckAggregatesKept(Db& db, const Survey& next) {
  FieldErrors errors;
  for (const SurveyWave& wave : next.waves) {
    WAYMARK_ASSIGN_OR_RETURN(const std::vector<SurveyAggregate> rows,
                             ReadAggregates(db, next.id, wave.id));
    for (const FieldError& e : CheckSurveyAggregates(next, rows)) {
      errors.push_back({"sections", fmt::format("the results from elsewhere of wave '{}' need "
                                                "what it would remove ({}: {})",
                                                wave.id, e.field, e.message)});
    }
  }
  return FieldErrorsStatus(errors, ErrorCode::kConflict);
}

Status SqlStore::SaveSurveyAggregates(std::string_view survey_id, std::string_view wave_id,
                                      const std::vector<SurveyAggregate>& rows, std::int64_t now,
                                      const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db_, survey_id));
  WAYMARK_TRY(StoredWave(survey, wave_id));
  WAYMARK_TRY(FieldErrorsStatus(CheckSurveyAggregates(survey, rows)));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement answered,
      db_.Prepare("SELECT count(*) FROM survey_responses WHERE survey_id = ?1 AND wave_id = ?2"));
  answered.Bind(1, survey_id).Bind(2, wave_id);
  WAYMARK_ASSIGN_OR_RETURN(const bool counted, answered.Step());
  if (counted && answered.Int(0) > 0) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("wave: wave '{}' has {} responses answered here; results from "
                                 "elsewhere go in a wave of their own",
                                 wave_id, answered.Int(0)));
  }
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<SurveyAggregate> stored,
                           ReadAggregates(db_, survey_id, wave_id));
  if (stored == rows) return {};
  WAYMARK_TRY(InsertAggregates(db_, survey_id, wave_id, rows));
  nlohmann::ordered_json before;
  before["wave"] = wave_id;
  before["rows"] = stored.size();
  nlohmann::ordered_json after;
  after["wave"] = wave_id;
  after["rows"] = rows.size();
  WAYMARK_TRY(WriteAudit(db_, AuditedAction(audit, "survey.aggregates", now),
                         {"survey", std::string(survey_id), before.dump(), after.dump()}));
  return tx.Commit();
}

Result<std::vector<SurveyAggregate>> SqlStore::ListSurveyAggregates(std::string_view survey_id,
                                                                    std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db_, survey_id));
  WAYMARK_TRY(StoredWave(survey, wave_id));
  return ReadAggregates(db_, survey_id, wave_id);
}

}  // namespace waymark::store
