// Migration 15 of the SQLite schema (schema.cc lists it): survey results from elsewhere,
// imported as aggregates (core/survey_aggregate.h) for a wave that has no responses here. One
// row per question and set of answers counted together (option ids joined by '+', in the
// question's order); a percentage alone, a count out of respondents, or both.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kSurveyAggregatesMigration = R"sql(
CREATE TABLE survey_aggregates (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  position INTEGER NOT NULL,  -- the row's place in the imported file, from 0
  question_id TEXT NOT NULL,
  answers TEXT NOT NULL,
  percent REAL,
  count INTEGER,
  respondents INTEGER,
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (survey_id, wave_id, position),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
) WITHOUT ROWID;
)sql";

}  // namespace waymark::store
