// Migration 22 of the SQLite schema (schema.cc lists it; pg_schema.cc has its PostgreSQL twin):
// plan generations. The plan a plan continues, and the outcomes and objectives of that plan
// which its own outcomes and objectives carry over. The earlier plan may not be loaded, so its
// ids are kept as written, without a foreign key.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kPlanLineageMigration = R"sql(
ALTER TABLE plans ADD COLUMN continues TEXT NOT NULL DEFAULT '';
CREATE TABLE continued_records (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'objective')),
  record_id TEXT NOT NULL,
  earlier_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, kind, record_id, earlier_id)
);
)sql";

}  // namespace waymark::store
