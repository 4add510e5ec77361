// SqlStore: survey definitions (migration 12). A survey is kept whole as JSON
// (survey_json.h) with its waves as rows that responses and one-time codes refer to. Saving a
// definition again may reword it freely but may not orphan what has been answered: the
// responses of the survey are read inside the write transaction and a replacement that would
// leave any of them without its wave, day, question, option or kind is refused (kConflict).
// Creations and replacements are audited ("survey.import", "survey.update") with the
// definitions before and after.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/clock.h"
#include "store/sql_store.h"
#include "store/survey_json.h"

namespace waymark::store {
namespace {

constexpr std::string_view kSurveyEntity = "survey";

// What the stored responses of a survey hold on to.
struct SurveyUse {
  struct Days {
    std::string first;  // YYYY-MM-DD
    std::string last;
    std::int64_t count = 0;
  };
  std::map<std::string, Days, std::less<>> waves;  // wave id -> its responses' days
  // Question id -> the options its answers chose (empty for numbers and text).
  std::map<std::string, std::set<std::string>, std::less<>> questions;
};

Result<SurveyUse> ReadSurveyUse(Db& db, std::string_view survey_id) {
  SurveyUse use;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement days,
      db.Prepare("SELECT wave_id, min(day), max(day), count(*) FROM survey_responses "
                 "WHERE survey_id = ?1 GROUP BY wave_id"));
  days.Bind(1, survey_id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, days.Step());
    if (!row) break;
    use.waves[days.Text(0)] = {days.Text(1), days.Text(2), days.Int(3)};
  }
  WAYMARK_ASSIGN_OR_RETURN(Statement answers,
                           db.Prepare("SELECT answers FROM survey_responses WHERE survey_id = ?1"));
  answers.Bind(1, survey_id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, answers.Step());
    if (!row) return use;
    WAYMARK_ASSIGN_OR_RETURN(Response response, ResponseFromJson(answers.Text(0)));
    for (const auto& [question, answer] : response) {
      use.questions[question].insert(answer.choices.begin(), answer.choices.end());
    }
  }
}

// "sections[S].questions[Q]" of the question `id` in `survey` ("sections" when it has none).
std::string QuestionPath(const Survey& survey, std::string_view id) {
  for (std::size_t s = 0; s < survey.sections.size(); ++s) {
    const auto& questions = survey.sections[s].questions;
    for (std::size_t q = 0; q < questions.size(); ++q) {
      if (questions[q].id == id) return fmt::format("sections[{}].questions[{}]", s, q);
    }
  }
  return "sections";
}

void CheckWavesKept(const Survey& next, const SurveyUse& use, FieldErrors& errors) {
  for (const auto& [wave_id, days] : use.waves) {
    const SurveyWave* wave = FindSurveyWave(next, wave_id);
    if (wave == nullptr) {
      errors.push_back({"waves", fmt::format("wave '{}' has {} responses and cannot be removed",
                                             wave_id, days.count)});
      continue;
    }
    const auto index = static_cast<std::size_t>(wave - next.waves.data());
    if (wave->opens.ToString() > days.first) {
      errors.push_back({fmt::format("waves[{}].opens", index),
                        fmt::format("wave '{}' has responses from {}: wave cannot open later",
                                    wave_id, days.first)});
    }
    if (wave->closes.ToString() < days.last) {
      errors.push_back({fmt::format("waves[{}].closes", index),
                        fmt::format("wave '{}' has responses from {}: wave cannot close earlier",
                                    wave_id, days.last)});
    }
  }
}

void CheckQuestionsKept(const Survey& stored, const Survey& next, const SurveyUse& use,
                        FieldErrors& errors) {
  for (const auto& [id, choices] : use.questions) {
    const Question* now = FindQuestion(next, id);
    if (now == nullptr) {
      errors.push_back(
          {"sections", fmt::format("question '{}' has answers and cannot be removed", id)});
      continue;
    }
    const std::string path = QuestionPath(next, id);
    const Question* before = FindQuestion(stored, id);
    if (before != nullptr && before->kind != now->kind) {
      errors.push_back({path + ".kind",
                        fmt::format("question '{}' has answers: it cannot change from {} to {}", id,
                                    QuestionKindName(before->kind), QuestionKindName(now->kind))});
    }
    for (const std::string& option : choices) {
      if (HasOption(*now, option)) continue;
      errors.push_back(
          {path + ".options", fmt::format("option '{}' of question '{}' has answers and cannot be "
                                          "removed",
                                          option, id)});
    }
  }
}

// kConflict naming each field of `next` that would orphan a stored response of `stored`, or
// the stored results from elsewhere of a wave it keeps.
Status CheckNothingOrphaned(Db& db, const Survey& stored, const Survey& next) {
  WAYMARK_ASSIGN_OR_RETURN(const SurveyUse use, ReadSurveyUse(db, stored.id));
  FieldErrors errors;
  CheckWavesKept(next, use, errors);
  CheckQuestionsKept(stored, next, use, errors);
  WAYMARK_TRY(FieldErrorsStatus(errors, ErrorCode::kConflict));
  return CheckAggregatesKept(db, next);
}

Status CheckCodeFree(Db& db, const Survey& survey) {
  WAYMARK_ASSIGN_OR_RETURN(Statement select,
                           db.Prepare("SELECT id FROM surveys WHERE code = ?1 AND id <> ?2"));
  select.Bind(1, survey.code).Bind(2, survey.id);
  WAYMARK_ASSIGN_OR_RETURN(bool taken, select.Step());
  if (!taken) return {};
  return MakeError(ErrorCode::kAlreadyExists,
                   fmt::format("survey.code: the code '{}' is taken by survey '{}'", survey.code,
                               select.Text(0)));
}

Result<std::optional<Survey>> ReadOptionalSurvey(Db& db, std::string_view survey_id) {
  auto stored = ReadStoredSurvey(db, survey_id);
  if (stored) return std::optional<Survey>(std::move(*stored));
  if (stored.error().code == ErrorCode::kNotFound) return std::optional<Survey>();
  return tl::unexpected(stored.error());
}

Status WriteSurveyRow(Db& db, const Survey& survey, const std::string& json, bool exists,
                      const std::string& at) {
  constexpr std::string_view kInsert =
      "INSERT INTO surveys (id, code, title, definition, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
  constexpr std::string_view kUpdate =
      "UPDATE surveys SET code = ?2, title = ?3, definition = ?4, updated_at = ?5 WHERE id = ?1";
  WAYMARK_ASSIGN_OR_RETURN(Statement write, db.Prepare(exists ? kUpdate : kInsert));
  write.Bind(1, survey.id).Bind(2, survey.code).Bind(3, survey.title).Bind(4, json).Bind(5, at);
  return write.Run();
}

// Makes the wave rows those of `survey`: removed waves go with their one-time codes, their
// publication and their results from elsewhere (the caller has made sure they have no
// responses); the others are inserted or updated.
Status WriteWaveRows(Db& db, const Survey& survey, const std::optional<Survey>& stored) {
  if (stored) {
    WAYMARK_ASSIGN_OR_RETURN(
        Statement codes,
        db.Prepare("DELETE FROM survey_codes WHERE survey_id = ?1 AND wave_id = ?2"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement publication,
        db.Prepare("DELETE FROM survey_publications WHERE survey_id = ?1 AND wave_id = ?2"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement aggregates,
        db.Prepare("DELETE FROM survey_aggregates WHERE survey_id = ?1 AND wave_id = ?2"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement wave, db.Prepare("DELETE FROM survey_waves WHERE survey_id = ?1 AND id = ?2"));
    for (const SurveyWave& old : stored->waves) {
      const bool kept = std::any_of(survey.waves.begin(), survey.waves.end(),
                                    [&](const SurveyWave& w) { return w.id == old.id; });
      if (kept) continue;
      WAYMARK_TRY(codes.Bind(1, survey.id).Bind(2, old.id).Run());
      WAYMARK_TRY(publication.Bind(1, survey.id).Bind(2, old.id).Run());
      WAYMARK_TRY(aggregates.Bind(1, survey.id).Bind(2, old.id).Run());
      WAYMARK_TRY(wave.Bind(1, survey.id).Bind(2, old.id).Run());
    }
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare("INSERT INTO survey_waves (survey_id, id, opens, closes) VALUES (?1, ?2, ?3, ?4) "
                 "ON CONFLICT (survey_id, id) DO UPDATE SET opens = excluded.opens, "
                 "closes = excluded.closes"));
  for (const SurveyWave& w : survey.waves) {
    upsert.Bind(1, survey.id)
        .Bind(2, w.id)
        .Bind(3, w.opens.ToString())
        .Bind(4, w.closes.ToString());
    WAYMARK_TRY(upsert.Run());
  }
  return {};
}

Result<Survey> ReadSurveyWhere(Db& db, std::string_view column, std::string_view value) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT definition FROM surveys WHERE {} = ?1", column)));
  select.Bind(1, value);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no survey with {} '{}'", column, value));
  }
  return SurveyFromJson(select.Text(0));
}

}  // namespace

Result<const SurveyWave*> StoredWave(const Survey& survey, std::string_view wave_id) {
  if (const SurveyWave* wave = FindSurveyWave(survey, wave_id)) return wave;
  return MakeError(ErrorCode::kNotFound,
                   fmt::format("wave: survey '{}' has no wave '{}'", survey.id, wave_id));
}

Result<Survey> ReadStoredSurvey(Db& db, std::string_view survey_id) {
  return ReadSurveyWhere(db, "id", survey_id);
}

Result<bool> SqlStore::SaveSurvey(const Survey& survey, std::int64_t now, const AuditEntry& audit) {
  WAYMARK_TRY(FieldErrorsStatus(CheckSurvey(survey)));
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(const std::optional<Survey> stored, ReadOptionalSurvey(db_, survey.id));
  if (stored && *stored == survey) return false;
  WAYMARK_TRY(CheckCodeFree(db_, survey));
  if (stored) WAYMARK_TRY(CheckNothingOrphaned(db_, *stored, survey));
  const std::string json = SurveyToJson(survey);
  WAYMARK_TRY(WriteSurveyRow(db_, survey, json, stored.has_value(), FormatUtc(now)));
  WAYMARK_TRY(WriteWaveRows(db_, survey, stored));
  WAYMARK_TRY(WriteAudit(db_, AuditedAction(audit, stored ? "survey.update" : "survey.import", now),
                         {std::string(kSurveyEntity), survey.id,
                          stored ? SurveyToJson(*stored) : std::string(), json}));
  WAYMARK_TRY(tx.Commit());
  return !stored.has_value();
}

Result<std::vector<SurveySummary>> SqlStore::ListSurveys() {
  WAYMARK_ASSIGN_OR_RETURN(Statement select,
                           db_.Prepare("SELECT definition FROM surveys ORDER BY id"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement counts,
      db_.Prepare("SELECT wave_id, count(*) FROM survey_responses WHERE survey_id = ?1 "
                  "GROUP BY wave_id"));
  std::vector<SurveySummary> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    WAYMARK_ASSIGN_OR_RETURN(const Survey survey, SurveyFromJson(select.Text(0)));
    std::map<std::string, std::int64_t, std::less<>> responses;
    counts.Reset();
    counts.Bind(1, survey.id);
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(bool count, counts.Step());
      if (!count) break;
      responses[counts.Text(0)] = counts.Int(1);
    }
    SurveySummary summary{survey.id, survey.code, survey.title};
    for (const SurveyWave& wave : survey.waves) {
      const auto it = responses.find(wave.id);
      summary.waves.push_back({wave, it == responses.end() ? 0 : it->second});
    }
    out.push_back(std::move(summary));
  }
}

Result<Survey> SqlStore::FindSurvey(std::string_view survey_id) {
  return ReadStoredSurvey(db_, survey_id);
}

Result<Survey> SqlStore::FindSurveyByCode(std::string_view code) {
  return ReadSurveyWhere(db_, "code", code);
}

}  // namespace waymark::store
