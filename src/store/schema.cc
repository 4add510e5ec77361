// Migrations of the SQLite schema. Every plan record is keyed by (plan_id, id) so that a
// revised plan file updates records in place and links held by other tables survive.
#include "store/schema.h"

#include <array>

namespace waymark::store {
namespace {

constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  organisation TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL,
  vision TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE plan_revisions (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  source TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (plan_id, revision)
);
CREATE TABLE plan_changes (
  plan_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'changed')),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  PRIMARY KEY (plan_id, revision, seq),
  FOREIGN KEY (plan_id, revision) REFERENCES plan_revisions(plan_id, revision) ON DELETE CASCADE
);
CREATE TABLE principles (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE partners (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE bodies (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE outcomes (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE objectives (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE measures (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  objective_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'maintain')),
  baseline TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, objective_id) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE actions (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  objective_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, objective_id) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_partners (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, action_id, partner_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, partner_id) REFERENCES partners(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_bodies (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  body_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, action_id, body_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, body_id) REFERENCES bodies(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE facts (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  outcome_id TEXT NOT NULL,  -- '' for facts about the plan as a whole
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  value TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (plan_id, outcome_id, position)
);
CREATE TABLE voice (
  plan_id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, outcome_id, position),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE participation (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  activity TEXT NOT NULL,
  count TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE strategies (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  period TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE strategy_objectives (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, strategy_id) REFERENCES strategies(plan_id, id) ON DELETE CASCADE
);
-- Links to outcomes from strategies ('strategy'), strategy objectives ('strategy_objective')
-- and index measures ('index_measure').
CREATE TABLE outcome_links (
  plan_id TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, source_kind, source_id, outcome_id),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE indices (
  plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL
);
CREATE TABLE index_measures (
  plan_id TEXT NOT NULL REFERENCES indices(plan_id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE INDEX objectives_by_outcome ON objectives(plan_id, outcome_id, position);
CREATE INDEX actions_by_objective ON actions(plan_id, objective_id, position);
CREATE INDEX measures_by_objective ON measures(plan_id, objective_id, position);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kMigration1};

}  // namespace

std::span<const std::string_view> SqliteMigrations() { return kMigrations; }

}  // namespace waymark::store
