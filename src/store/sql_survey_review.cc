// SqlStore: the publication of survey waves' results and the review of free-text answers
// (migration 13, schema_survey_review.h).
//
// A free-text answer is listed alone: its text, day and flags, never the other answers of its
// response. Its id is a digest of its response's stored key and its question, so it is stable
// and tells nothing of the key; the answers of a question are listed by day, then by id, so
// answers of one response are not in step across questions. Reviews are audited with the id
// and the flags only, never the text.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/secrets.h"
#include "store/sql_store.h"
#include "store/survey_json.h"

namespace waymark::store {
namespace {

constexpr std::string_view kSurveyEntity = "survey";
constexpr std::string_view kAnswerPurpose = "survey-free-text-answer";
constexpr std::size_t kAnswerIdLength = 24;

// An answer with the stored key of its response.
struct KeyedAnswer {
  FreeTextAnswer answer;
  std::int64_t shuffle = 0;
  std::size_t question_order = 0;
};

std::string AnswerId(std::string_view survey_id, std::string_view wave_id, const std::string& day,
                     std::int64_t shuffle, std::string_view question_id) {
  const std::string key =
      fmt::format("{}\n{}\n{}\n{}\n{}", survey_id, wave_id, day, shuffle, question_id);
  return TokenDigest(key, kAnswerPurpose).substr(0, kAnswerIdLength);
}

// The free-text questions of `survey` in its order: id -> position.
std::map<std::string, std::size_t, std::less<>> FreeTextQuestions(const Survey& survey) {
  std::map<std::string, std::size_t, std::less<>> out;
  for (const SurveySection& section : survey.sections) {
    for (const Question& q : section.questions) {
      if (q.kind == QuestionKind::kFreeText) out.emplace(q.id, out.size());
    }
  }
  return out;
}

using ReviewKey = std::tuple<std::string, std::int64_t, std::string>;  // day, shuffle, question
using ReviewFlags = std::pair<bool, bool>;                             // reviewed, safeguarding

Result<std::map<ReviewKey, ReviewFlags>> ReadReviews(Db& db, std::string_view survey_id,
                                                     std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT day, shuffle, question_id, reviewed, safeguarding FROM "
                 "survey_free_text_reviews WHERE survey_id = ?1 AND wave_id = ?2"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  std::map<ReviewKey, ReviewFlags> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out[{select.Text(0), select.Int(1), select.Text(2)}] = {select.Int(3) != 0, select.Int(4) != 0};
  }
}

// Every free-text answer of the wave, in the listing's order.
Result<std::vector<KeyedAnswer>> ReadAnswers(Db& db, std::string_view survey_id,
                                             std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db, survey_id));
  WAYMARK_TRY(StoredWave(survey, wave_id));
  const auto questions = FreeTextQuestions(survey);
  WAYMARK_ASSIGN_OR_RETURN(const auto reviews, ReadReviews(db, survey_id, wave_id));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT day, shuffle, answers FROM survey_responses WHERE survey_id = ?1 AND "
                 "wave_id = ?2"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  std::vector<KeyedAnswer> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    const std::string day_text = select.Text(0);
    const std::optional<Date> day = Date::Parse(day_text);
    if (!day) {
      return MakeError(ErrorCode::kDatabase,
                       fmt::format("stored response day '{}' is not a date", day_text));
    }
    const std::int64_t shuffle = select.Int(1);
    WAYMARK_ASSIGN_OR_RETURN(const Response answers, ResponseFromJson(select.Text(2)));
    for (const auto& [question, answer] : answers) {
      const auto q = questions.find(question);
      if (q == questions.end() || answer.text.empty()) continue;
      KeyedAnswer keyed{
          {AnswerId(survey_id, wave_id, day_text, shuffle, question), question, *day, answer.text},
          shuffle,
          q->second};
      const auto flags = reviews.find({day_text, shuffle, question});
      if (flags != reviews.end()) {
        keyed.answer.reviewed = flags->second.first;
        keyed.answer.safeguarding = flags->second.second;
      }
      out.push_back(std::move(keyed));
    }
  }
  std::sort(out.begin(), out.end(), [](const KeyedAnswer& a, const KeyedAnswer& b) {
    return std::tie(a.question_order, a.answer.day, a.answer.id) <
           std::tie(b.question_order, b.answer.day, b.answer.id);
  });
  return out;
}

std::string FlagsJson(std::string_view wave_id, const FreeTextAnswer& a) {
  nlohmann::ordered_json json;
  json["wave"] = wave_id;
  json["answer"] = a.id;
  json["question"] = a.question_id;
  json["reviewed"] = a.reviewed;
  json["safeguarding"] = a.safeguarding;
  return json.dump();
}

Status WriteReview(Db& db, std::string_view survey_id, std::string_view wave_id,
                   const KeyedAnswer& keyed) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare("INSERT INTO survey_free_text_reviews (survey_id, wave_id, day, shuffle, "
                 "question_id, reviewed, safeguarding) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                 "ON CONFLICT (survey_id, wave_id, day, shuffle, question_id) DO UPDATE SET "
                 "reviewed = excluded.reviewed, safeguarding = excluded.safeguarding"));
  upsert.Bind(1, survey_id)
      .Bind(2, wave_id)
      .Bind(3, keyed.answer.day.ToString())
      .Bind(4, keyed.shuffle)
      .Bind(5, keyed.answer.question_id)
      .Bind(6, keyed.answer.reviewed ? 1 : 0)
      .Bind(7, keyed.answer.safeguarding ? 1 : 0);
  return upsert.Run();
}

Result<std::optional<SurveyPublication>> ReadPublication(Db& db, std::string_view survey_id,
                                                         std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT published_by, published_at FROM survey_publications WHERE "
                 "survey_id = ?1 AND wave_id = ?2"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<SurveyPublication>();
  return std::optional<SurveyPublication>(SurveyPublication{
      std::string(survey_id), std::string(wave_id), select.Text(0), select.Text(1)});
}

std::string PublicationJson(const SurveyPublication& p) {
  nlohmann::ordered_json json;
  json["wave"] = p.wave_id;
  json["published_by"] = p.published_by;
  json["published_at"] = p.published_at;
  return json.dump();
}

}  // namespace

Result<std::vector<SurveyPublication>> SqlStore::ListSurveyPublications(
    std::string_view survey_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT survey_id, wave_id, published_by, published_at FROM "
                  "survey_publications WHERE ?1 = '' OR survey_id = ?1 ORDER BY survey_id, "
                  "wave_id"));
  select.Bind(1, survey_id);
  std::vector<SurveyPublication> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out.push_back({select.Text(0), select.Text(1), select.Text(2), select.Text(3)});
  }
}

Result<SurveyPublication> SqlStore::PublishSurveyWave(std::string_view survey_id,
                                                      std::string_view wave_id, const Date& today,
                                                      std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db_, survey_id));
  WAYMARK_ASSIGN_OR_RETURN(const SurveyWave* wave, StoredWave(survey, wave_id));
  if (!(today > wave->closes)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("wave: wave '{}' closes on {}; its results can be published "
                                 "only once it has closed",
                                 wave->id, wave->closes.ToString()));
  }
  WAYMARK_ASSIGN_OR_RETURN(std::optional<SurveyPublication> stored,
                           ReadPublication(db_, survey_id, wave_id));
  if (stored) return std::move(*stored);
  const AuditEntry entry = AuditedAction(audit, "survey.publish", now);
  const SurveyPublication publication{std::string(survey_id), std::string(wave_id), entry.actor,
                                      entry.at};
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO survey_publications (survey_id, wave_id, published_by, "
                  "published_at) VALUES (?1, ?2, ?3, ?4)"));
  insert.Bind(1, survey_id).Bind(2, wave_id).Bind(3, entry.actor).Bind(4, entry.at);
  WAYMARK_TRY(insert.Run());
  WAYMARK_TRY(WriteAudit(
      db_, entry,
      {std::string(kSurveyEntity), std::string(survey_id), "", PublicationJson(publication)}));
  WAYMARK_TRY(tx.Commit());
  return publication;
}

Status SqlStore::UnpublishSurveyWave(std::string_view survey_id, std::string_view wave_id,
                                     std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db_, survey_id));
  WAYMARK_TRY(StoredWave(survey, wave_id));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<SurveyPublication> stored,
                           ReadPublication(db_, survey_id, wave_id));
  if (!stored) return {};
  WAYMARK_ASSIGN_OR_RETURN(
      Statement remove,
      db_.Prepare("DELETE FROM survey_publications WHERE survey_id = ?1 AND wave_id = ?2"));
  WAYMARK_TRY(remove.Bind(1, survey_id).Bind(2, wave_id).Run());
  WAYMARK_TRY(WriteAudit(
      db_, AuditedAction(audit, "survey.unpublish", now),
      {std::string(kSurveyEntity), std::string(survey_id), PublicationJson(*stored), ""}));
  return tx.Commit();
}

Result<std::vector<FreeTextAnswer>> SqlStore::ListFreeTextAnswers(std::string_view survey_id,
                                                                  std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<KeyedAnswer> keyed, ReadAnswers(db_, survey_id, wave_id));
  std::vector<FreeTextAnswer> out;
  out.reserve(keyed.size());
  for (KeyedAnswer& k : keyed) out.push_back(std::move(k.answer));
  return out;
}

Result<FreeTextAnswer> SqlStore::ReviewFreeTextAnswer(std::string_view survey_id,
                                                      std::string_view wave_id,
                                                      std::string_view answer_id,
                                                      const FreeTextReview& review,
                                                      std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::vector<KeyedAnswer> keyed, ReadAnswers(db_, survey_id, wave_id));
  const auto it = std::find_if(keyed.begin(), keyed.end(),
                               [&](const KeyedAnswer& k) { return k.answer.id == answer_id; });
  if (it == keyed.end()) {
    return MakeError(
        ErrorCode::kNotFound,
        fmt::format("answer: wave '{}' has no free-text answer '{}'", wave_id, answer_id));
  }
  KeyedAnswer updated = *it;
  if (review.reviewed) updated.answer.reviewed = *review.reviewed;
  if (review.safeguarding) updated.answer.safeguarding = *review.safeguarding;
  if (updated.answer == it->answer) return std::move(updated.answer);
  WAYMARK_TRY(WriteReview(db_, survey_id, wave_id, updated));
  WAYMARK_TRY(WriteAudit(db_, AuditedAction(audit, "survey.review", now),
                         {std::string(kSurveyEntity), std::string(survey_id),
                          FlagsJson(wave_id, it->answer), FlagsJson(wave_id, updated.answer)}));
  WAYMARK_TRY(tx.Commit());
  return std::move(updated.answer);
}

}  // namespace waymark::store
