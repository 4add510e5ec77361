// Migration 26 of the schema, in each dialect (schema.cc and pg_schema.cc list it): judgements
// kept as one block per series (judgement_block.h), beside the series' block of figures, instead
// of a wide row of text per judgement. PackAssessmentRows then packs the old table's rows and
// drops it, so a database keeps its judgements through the change.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kSeriesJudgementsMigration = R"sql(
CREATE TABLE series_judgements (
  series_id INTEGER PRIMARY KEY REFERENCES series(id),
  judgements INTEGER NOT NULL,  -- how many the block holds
  data BLOB NOT NULL
);
-- How many judgements each series has, without reading the blocks: the headline breakdown of
-- each indicator is chosen from these counts (ListHeadlineAssessments).
CREATE INDEX series_judgements_counts ON series_judgements(series_id, judgements);
)sql";

inline constexpr std::string_view kPgSeriesJudgementsMigration = R"sql(
CREATE TABLE series_judgements (
  series_id BIGINT PRIMARY KEY REFERENCES series(id),
  judgements BIGINT NOT NULL,  -- how many the block holds
  data BYTEA NOT NULL
);
CREATE INDEX series_judgements_counts ON series_judgements(series_id, judgements);
)sql";

}  // namespace waymark::store
