// Migration 13 of the SQLite schema (schema.cc lists it): the publication of a survey wave's
// results, the review of free-text answers with the safeguarding flag, and the safeguarding
// grant of users (core/access.h CanSeeSafeguarding).
//
// A free-text answer is known by the stored key of its response (survey, wave, day, shuffle)
// and its question id; its review row keeps nothing else of the response, and no time or
// reviewer (the audit log keeps who changed a flag, without the answer's text). No table
// declares a foreign key to the responses (sql_survey_responses_test checks it); responses
// are never deleted, so a review row always has its answer.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kSurveyReviewMigration = R"sql(
CREATE TABLE survey_publications (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  published_by TEXT NOT NULL,  -- the audit name of who published it
  published_at TEXT NOT NULL,  -- ISO 8601 UTC
  PRIMARY KEY (survey_id, wave_id),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
) WITHOUT ROWID;
CREATE TABLE survey_free_text_reviews (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  day TEXT NOT NULL,
  shuffle INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
  safeguarding INTEGER NOT NULL DEFAULT 0 CHECK (safeguarding IN (0, 1)),
  PRIMARY KEY (survey_id, wave_id, day, shuffle, question_id),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
) WITHOUT ROWID;
ALTER TABLE users ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0
  CHECK (safeguarding IN (0, 1));
)sql";

}  // namespace waymark::store
