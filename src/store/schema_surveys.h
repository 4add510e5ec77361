// Migration 12 of the SQLite schema (schema.cc lists it): surveys of children and young people,
// their waves, anonymous responses and one-time codes.
//
// Anonymous by design: a response keeps the day it was given and its answers, nothing else (no
// time of day, address, browser, session or sequence number). Its table has no rowid, and its
// key is (survey, wave, day, a random 64-bit number), so the responses of a day are stored and
// listed in an order that says nothing of who answered first. A one-time code is kept as its
// digest with a used flag only: no column says when it was used or for which response.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kSurveysMigration = R"sql(
CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  definition TEXT NOT NULL,  -- the whole Survey as JSON (store/survey_json.h)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE survey_waves (
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  id TEXT NOT NULL,
  opens TEXT NOT NULL,  -- YYYY-MM-DD, both days included
  closes TEXT NOT NULL,
  PRIMARY KEY (survey_id, id)
) WITHOUT ROWID;
CREATE TABLE survey_responses (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  day TEXT NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  shuffle INTEGER NOT NULL,  -- random: orders a day's responses without revealing their order
  answers TEXT NOT NULL,     -- question id -> answer, as JSON
  PRIMARY KEY (survey_id, wave_id, day, shuffle),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
) WITHOUT ROWID;
CREATE TABLE survey_codes (
  digest TEXT PRIMARY KEY,  -- SurveyCodeDigest of the code; the code itself is never kept
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
) WITHOUT ROWID;
CREATE INDEX survey_codes_by_wave ON survey_codes(survey_id, wave_id, used);
)sql";

}  // namespace waymark::store
