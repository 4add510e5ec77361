// SqlStore: anonymous survey responses and one-time codes (migration 12), and responses
// typed in from paper, imported all or nothing.
//
// Anonymous by design. A response is stored as its day and its answers only: no time of day,
// address, browser, session or counter, and no audit entry (an entry's time and actor would say
// who answered when). Its key ends with a random 64-bit number from libsodium, and the table
// has no rowid, so the responses of one day are stored and listed in an order unrelated to the
// order they came in. A one-time code is kept as its digest: using it sets its used flag in the
// response's transaction and records nothing else, so no code leads to a response. An import of
// responses from paper is stored the same way; it is an admin's act, audited with its wave and
// count only. After responses are stored the write-ahead log is checkpointed and emptied, since
// the log keeps its pages in the order transactions committed (when another connection is
// reading at that moment the log is emptied at a later checkpoint instead).
#include <array>
#include <charconv>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/secrets.h"
#include "core/survey_code.h"
#include "store/sql_store.h"
#include "store/survey_json.h"

namespace waymark::store {
namespace {

constexpr std::string_view kSurveyEntity = "survey";

// Copies the write-ahead log into the database and truncates it, so that the order in which
// responses came in does not stay on disk in the log. The first column of the answer is 1 when
// a reader kept the checkpoint from finishing: not an error, the next checkpoint empties it.
// PostgreSQL's log belongs to the server, which recycles it itself (docs/deploy.md says what
// that means for the order of responses).
Status EmptyWriteAheadLog(Db& db) {
  if (db.dialect() == Dialect::kPostgres) return {};
  WAYMARK_TRY(db.QueryInt("PRAGMA wal_checkpoint(TRUNCATE)"));
  return {};
}
// Attempts at a random key (or code) before giving up: a repeat of a 64-bit key is so unlikely
// that needing this many means the generator is broken.
constexpr int kRandomAttempts = 8;

// `n` as CheckResponse reads numbers: the shortest fixed notation that gives `n` back.
std::string NumberText(double n) {
  std::array<char, 400> buffer{};
  const auto [end, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), n, std::chars_format::fixed);
  if (ec != std::errc()) return {};
  return std::string(buffer.data(), end);
}

// `response` as it would have been submitted.
ResponseInput AsInput(const Response& response) {
  ResponseInput input;
  for (const auto& [question, answer] : response) {
    std::vector<std::string>& values = input[question];
    values = answer.choices;
    if (answer.number) values.push_back(NumberText(*answer.number));
    if (!answer.text.empty()) values.push_back(answer.text);
  }
  return input;
}

// kInvalidArgument naming each question whose answer `survey` does not accept as given.
Status CheckAnswers(const Survey& survey, const Response& response) {
  ResponseCheck check = CheckResponse(survey, AsInput(response));
  if (!check.errors.empty()) return FieldErrorsStatus(check.errors);
  FieldErrors errors;
  for (const auto& [question, answer] : response) {
    const auto it = check.response.find(question);
    if (it == check.response.end() || it->second != answer) {
      errors.push_back({question, "Give the answer as the question takes it"});
    }
  }
  return FieldErrorsStatus(errors);
}

Status CheckDay(const SurveyWave& wave, const Date& day) {
  const std::optional<Date> parsed = Date::Parse(day.ToString());
  if (!parsed || *parsed != day) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("day: {} is not a date", day.ToString()));
  }
  if (day < wave.opens || day > wave.closes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("day: {} is outside wave '{}' ({} to {})", day.ToString(), wave.id,
                                 wave.opens.ToString(), wave.closes.ToString()));
  }
  return {};
}

// kInvalidArgument unless `response`, given on `day`, is one the stored `survey` accepts for
// `wave`: the day within the wave ("day"), the answers as CheckResponse takes them. What a web
// response and an imported one both pass before InsertResponse.
Status CheckStoredResponse(const Survey& survey, const SurveyWave& wave, const Response& response,
                           const Date& day) {
  WAYMARK_TRY(CheckDay(wave, day));
  return CheckAnswers(survey, response);
}

// kConflict when the wave holds results from elsewhere (sql_survey_aggregates.cc).
Status CheckNoAggregates(Db& db, std::string_view survey_id, std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT 1 FROM survey_aggregates WHERE survey_id = ?1 AND wave_id = ?2 LIMIT 1"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  WAYMARK_ASSIGN_OR_RETURN(const bool found, select.Step());
  if (!found) return {};
  return MakeError(ErrorCode::kConflict,
                   fmt::format("wave: wave '{}' holds results imported from elsewhere", wave_id));
}

// Marks the code with `digest` used: kNotFound when it is not a code of the wave, kConflict
// when it has been used.
Status UseCode(Db& db, std::string_view survey_id, std::string_view wave_id,
               std::string_view digest) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement use,
      db.Prepare("UPDATE survey_codes SET used = 1 WHERE digest = ?1 AND survey_id = ?2 AND "
                 "wave_id = ?3 AND used = 0"));
  WAYMARK_TRY(use.Bind(1, digest).Bind(2, survey_id).Bind(3, wave_id).Run());
  if (db.Changes() == 1) return {};
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT used FROM survey_codes WHERE digest = ?1 AND survey_id = ?2 AND "
                 "wave_id = ?3"));
  select.Bind(1, digest).Bind(2, survey_id).Bind(3, wave_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, "code: this is not a code for this survey");
  }
  return MakeError(ErrorCode::kConflict, "code: this code has been used");
}

Status InsertResponse(Db& db, std::string_view survey_id, std::string_view wave_id, const Date& day,
                      const std::string& answers) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO survey_responses (survey_id, wave_id, day, shuffle, answers) "
                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING"));
  for (int attempt = 0; attempt < kRandomAttempts; ++attempt) {
    const auto key = static_cast<std::int64_t>(RandomBits());
    insert.Bind(1, survey_id)
        .Bind(2, wave_id)
        .Bind(3, day.ToString())
        .Bind(4, key)
        .Bind(5, answers);
    WAYMARK_TRY(insert.Run());
    if (db.Changes() == 1) return {};
  }
  return MakeError(ErrorCode::kInternal, "no free random key for a survey response");
}

// kNotFound unless the survey exists and has the wave `wave_id` (with `any_wave`, an empty
// `wave_id` checks the survey alone).
Status CheckWaveExists(Db& db, std::string_view survey_id, std::string_view wave_id,
                       bool any_wave = false) {
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db, survey_id));
  if (any_wave && wave_id.empty()) return {};
  WAYMARK_TRY(StoredWave(survey, wave_id));
  return {};
}

// Inserts `count` new codes for the wave; returns them.
Result<std::vector<std::string>> InsertCodes(Db& db, std::string_view survey_id,
                                             std::string_view wave_id, int count) {
  WAYMARK_ASSIGN_OR_RETURN(Statement insert,
                           db.Prepare("INSERT INTO survey_codes (digest, survey_id, wave_id) "
                                      "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING"));
  std::vector<std::string> codes;
  codes.reserve(static_cast<std::size_t>(count));
  int misses = 0;
  while (static_cast<int>(codes.size()) < count) {
    std::string code = RandomSurveyCode();
    WAYMARK_TRY(insert.Bind(1, SurveyCodeDigest(code)).Bind(2, survey_id).Bind(3, wave_id).Run());
    if (db.Changes() == 1) {
      codes.push_back(std::move(code));
    } else if (++misses == kRandomAttempts) {
      return MakeError(ErrorCode::kInternal, "no free random one-time code");
    }
  }
  return codes;
}

}  // namespace

Status SqlStore::SubmitSurveyResponse(std::string_view survey_id, std::string_view wave_id,
                                      const Response& response, const Date& day,
                                      std::string_view code_digest) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db_, survey_id));
  WAYMARK_ASSIGN_OR_RETURN(const SurveyWave* wave, StoredWave(survey, wave_id));
  WAYMARK_TRY(CheckNoAggregates(db_, survey_id, wave_id));
  WAYMARK_TRY(CheckStoredResponse(survey, *wave, response, day));
  if (!code_digest.empty()) WAYMARK_TRY(UseCode(db_, survey_id, wave_id, code_digest));
  WAYMARK_TRY(InsertResponse(db_, survey_id, wave_id, day, ResponseToJson(response)));
  // No audit entry: its time and actor would tell who answered when (see the top of the file).
  WAYMARK_TRY(tx.Commit());
  return EmptyWriteAheadLog(db_);
}

Status SqlStore::ImportSurveyResponses(std::string_view survey_id, std::string_view wave_id,
                                       std::span<const SurveyResponseImport> responses,
                                       std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, ReadStoredSurvey(db_, survey_id));
  WAYMARK_ASSIGN_OR_RETURN(const SurveyWave* wave, StoredWave(survey, wave_id));
  WAYMARK_TRY(CheckNoAggregates(db_, survey_id, wave_id));
  if (responses.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "responses: there are no responses to import");
  }
  for (const SurveyResponseImport& r : responses) {
    auto checked = CheckStoredResponse(survey, *wave, r.answers, r.day);
    if (!checked) {  // the transaction rolls back every response stored before this one
      Error refused = std::move(checked.error());
      refused.pos = r.origin;
      return tl::unexpected(std::move(refused));
    }
    WAYMARK_TRY(InsertResponse(db_, survey_id, wave_id, r.day, ResponseToJson(r.answers)));
  }
  // An import is an admin's act, not a child's: audited with the wave and the count only. The
  // answers and days stay out of the log, and the random keys keep the file's order out of the
  // table.
  nlohmann::ordered_json after;
  after["wave"] = wave_id;
  after["count"] = responses.size();
  WAYMARK_TRY(WriteAudit(db_, AuditedAction(audit, "survey.responses.import", now),
                         {std::string(kSurveyEntity), std::string(survey_id), "", after.dump()}));
  WAYMARK_TRY(tx.Commit());
  return EmptyWriteAheadLog(db_);
}

Result<std::vector<StoredSurveyResponse>> SqlStore::ListSurveyResponses(std::string_view survey_id,
                                                                        std::string_view wave_id) {
  WAYMARK_TRY(CheckWaveExists(db_, survey_id, wave_id));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT day, answers FROM survey_responses WHERE survey_id = ?1 AND "
                  "wave_id = ?2 ORDER BY day, shuffle"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  std::vector<StoredSurveyResponse> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    const std::optional<Date> day = Date::Parse(select.Text(0));
    if (!day) {
      return MakeError(ErrorCode::kDatabase,
                       fmt::format("stored response day '{}' is not a date", select.Text(0)));
    }
    WAYMARK_ASSIGN_OR_RETURN(Response answers, ResponseFromJson(select.Text(1)));
    out.push_back({*day, std::move(answers)});
  }
}

Result<std::int64_t> SqlStore::CountSurveyResponses(std::string_view survey_id,
                                                    std::string_view wave_id) {
  WAYMARK_TRY(CheckWaveExists(db_, survey_id, wave_id, true));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT count(*) FROM survey_responses WHERE survey_id = ?1 AND "
                  "(?2 = '' OR wave_id = ?2)"));
  select.Bind(1, survey_id).Bind(2, wave_id);
  WAYMARK_TRY(select.Step());
  return select.Int(0);
}

Result<std::vector<std::string>> SqlStore::CreateSurveyCodes(std::string_view survey_id,
                                                             std::string_view wave_id, int count,
                                                             std::int64_t now,
                                                             const AuditEntry& audit) {
  if (count < 1 || count > kMaxSurveyCodes) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("count: make between 1 and {} codes, not {}", kMaxSurveyCodes, count));
  }
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(CheckWaveExists(db_, survey_id, wave_id));
  WAYMARK_ASSIGN_OR_RETURN(std::vector<std::string> codes,
                           InsertCodes(db_, survey_id, wave_id, count));
  nlohmann::ordered_json after;
  after["wave"] = wave_id;
  after["count"] = count;
  WAYMARK_TRY(WriteAudit(db_, AuditedAction(audit, "survey.codes", now),
                         {std::string(kSurveyEntity), std::string(survey_id), "", after.dump()}));
  WAYMARK_TRY(tx.Commit());
  return codes;
}

}  // namespace waymark::store
