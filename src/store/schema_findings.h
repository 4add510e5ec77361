// The findings migrations of the SQLite schema (schema.cc lists them): "you said, we did".
// A finding is what children and young people told the partnership (a summary with its source,
// date and how many took part, never anything about one child), kept per plan and shown under
// one of its outcomes; each of its answers is the partnership's reply for one objective or
// action of the plan ("objective:ID" or "action:ID"), at most one per target, in the order given.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kFindingsMigration = R"sql(
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  key TEXT NOT NULL DEFAULT '',  -- a slug naming it within its plan for re-imports, or ''
  outcome_id TEXT NOT NULL,
  said TEXT NOT NULL,
  source TEXT NOT NULL,          -- core FindingSourceName
  source_name TEXT NOT NULL,
  date TEXT NOT NULL,            -- YYYY-MM-DD
  participants INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX findings_plan ON findings(plan_id, id);
CREATE UNIQUE INDEX findings_key ON findings(plan_id, key) WHERE key <> '';
CREATE TABLE finding_answers (
  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  target TEXT NOT NULL,          -- "objective:ID" or "action:ID"
  position INTEGER NOT NULL,     -- the answers' order
  kind TEXT NOT NULL,            -- core AnswerKindName
  body TEXT NOT NULL,
  date TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  illustrative INTEGER NOT NULL CHECK (illustrative IN (0, 1)),
  PRIMARY KEY (finding_id, target)
) WITHOUT ROWID;
)sql";

// Migration 16: a finding's version (core Finding::version), counting its saves so that a change
// made against an older version is refused; a finding stored before it is at version 1.
inline constexpr std::string_view kFindingVersionMigration = R"sql(
ALTER TABLE findings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
)sql";

}  // namespace waymark::store
