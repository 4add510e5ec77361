// Migration 25 of the schema, one text for both dialects (schema.cc and pg_schema.cc list it;
// SQLite reads DOUBLE PRECISION as REAL): facts as data and the plan's
// ambition. A fact keeps its figure (NULL when the plan gives words or states no value) with
// its unit, the period and area it is for, its source and the catalogue indicator that measures
// it; the areas it is compared with are a JSON array of {"area", "figure"}.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kPlanFactsMigration = R"sql(
ALTER TABLE facts ADD COLUMN figure DOUBLE PRECISION;
ALTER TABLE facts ADD COLUMN unit TEXT NOT NULL DEFAULT ''
  CHECK (unit IN ('', 'percent', 'number', 'rank'));
ALTER TABLE facts ADD COLUMN period TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN area TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN comparators TEXT NOT NULL DEFAULT '[]';
ALTER TABLE facts ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN indicator TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN ambition TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace waymark::store
