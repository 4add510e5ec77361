// Migrations of the SQLite schema. Every plan record is keyed by (plan_id, id) so that a
// revised plan file updates records in place and links held by other tables survive.
#include "store/schema.h"

#include <array>

#include "store/schema_child_rights.h"
#include "store/schema_data_versions.h"
#include "store/schema_findings.h"
#include "store/schema_identity_providers.h"
#include "store/schema_plan_facts.h"
#include "store/schema_plan_lineage.h"
#include "store/schema_series_judgements.h"
#include "store/schema_sign_in_failures.h"
#include "store/schema_survey_aggregates.h"
#include "store/schema_survey_review.h"
#include "store/schema_surveys.h"

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

// Indicators, areas, observations with their provenance and revisions, and assessments.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE areas (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  old_code TEXT NOT NULL
);
CREATE TABLE comparator_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  owner_area TEXT NOT NULL
);
CREATE TABLE comparator_members (
  group_id TEXT NOT NULL REFERENCES comparator_groups(id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (group_id, area_code)
);
CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  position INTEGER NOT NULL,
  document TEXT NOT NULL,  -- the whole definition as JSON
  updated_at TEXT NOT NULL
);
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  revised INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0
);
-- A series: one indicator for one area and breakdown. Observations refer to it by number, so
-- the key that every import searches is two integers.
CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  sex TEXT NOT NULL,
  age TEXT NOT NULL,
  category_type TEXT NOT NULL,
  category TEXT NOT NULL,
  UNIQUE (indicator_id, area_code, sex, age, category_type, category)
);
CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  series_id INTEGER NOT NULL REFERENCES series(id),
  period_key INTEGER NOT NULL,
  period TEXT NOT NULL,
  value REAL, lower95 REAL, upper95 REAL, lower998 REAL, upper998 REAL,
  count REAL, denominator REAL,
  missing_reason TEXT NOT NULL,
  note TEXT NOT NULL,
  published_trend TEXT NOT NULL,
  published_vs_england TEXT NOT NULL,
  published_vs_region TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  source_row INTEGER NOT NULL,
  UNIQUE (series_id, period_key)
);
-- Earlier values of observations that a later import revised.
CREATE TABLE observation_revisions (
  observation_id INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
  import_id INTEGER NOT NULL,
  source_row INTEGER NOT NULL,
  replaced_by_import INTEGER NOT NULL,
  value REAL, lower95 REAL, upper95 REAL, lower998 REAL, upper998 REAL,
  count REAL, denominator REAL,
  missing_reason TEXT NOT NULL
);
CREATE TABLE assessments (
  indicator_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  period TEXT NOT NULL,
  period_key INTEGER NOT NULL,
  sex TEXT NOT NULL,
  age TEXT NOT NULL,
  category_type TEXT NOT NULL,
  category TEXT NOT NULL,
  value REAL, lower95 REAL, upper95 REAL, lower998 REAL, upper998 REAL,
  count REAL, denominator REAL,
  suppressed INTEGER NOT NULL,
  value_source TEXT NOT NULL,
  vs_england TEXT NOT NULL, vs_england_998 TEXT NOT NULL, vs_england_2level TEXT NOT NULL,
  vs_region TEXT NOT NULL, vs_region_998 TEXT NOT NULL, vs_region_2level TEXT NOT NULL,
  recent_trend TEXT NOT NULL,
  quintile INTEGER NOT NULL,
  rank_london INTEGER NOT NULL,
  rank_neighbours INTEGER NOT NULL,
  neighbours_ranked INTEGER NOT NULL,
  rag TEXT NOT NULL,
  rag_rule TEXT NOT NULL,
  target REAL
);
CREATE INDEX assessments_by_indicator ON assessments(indicator_id, area_code, period_key);
CREATE INDEX assessments_by_area ON assessments(area_code, indicator_id);
)sql";

// The composite index: its method (JSON, the [index.method] keys that are set), each measure's
// weight and polarity override, and the computed results per plan, area and year.
constexpr std::string_view kMigration3 = R"sql(
ALTER TABLE indices ADD COLUMN method TEXT NOT NULL DEFAULT '{}';
ALTER TABLE index_measures ADD COLUMN weight REAL;
ALTER TABLE index_measures ADD COLUMN polarity TEXT NOT NULL DEFAULT '';
CREATE TABLE index_runs (
  plan_id TEXT PRIMARY KEY,
  computed_at TEXT NOT NULL,
  comparison TEXT NOT NULL,
  runs INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  measures_used TEXT NOT NULL,      -- measure ids, comma separated, in plan order
  measures_awaiting TEXT NOT NULL   -- measures without data, comma separated
);
CREATE TABLE index_results (
  plan_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  score REAL, rank REAL, rank_median REAL, rank_p05 REAL, rank_p95 REAL,
  PRIMARY KEY (plan_id, area_code, year)
);
CREATE TABLE index_measure_scores (
  plan_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  measure_id TEXT NOT NULL,
  score REAL,
  contribution REAL,
  PRIMARY KEY (plan_id, area_code, year, measure_id)
);
)sql";

// Composite index, second step: fixed goalposts per measure; per computation the failed Monte
// Carlo runs, the measures scaled by goalposts and the Sobol sensitivity indices.
constexpr std::string_view kMigration4 = R"sql(
ALTER TABLE index_measures ADD COLUMN goalpost_low REAL;
ALTER TABLE index_measures ADD COLUMN goalpost_high REAL;
ALTER TABLE index_runs ADD COLUMN failed_runs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE index_runs ADD COLUMN measures_goalposts TEXT NOT NULL DEFAULT '';
ALTER TABLE index_runs ADD COLUMN sensitivity_runs INTEGER NOT NULL DEFAULT 0;
CREATE TABLE index_sensitivity (
  plan_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  factor TEXT NOT NULL,
  first REAL, total REAL,
  first_p05 REAL, first_p95 REAL, total_p05 REAL, total_p95 REAL,
  PRIMARY KEY (plan_id, factor)
);
)sql";

// Area boundaries for the ward map: one GeoJSON geometry per area code.
constexpr std::string_view kMigration5 = R"sql(
CREATE TABLE area_boundaries (
  area_code TEXT PRIMARY KEY,
  geometry TEXT NOT NULL  -- GeoJSON Polygon or MultiPolygon, [longitude, latitude]
);
)sql";

// Observations keyed by (series_id, period_key) alone, in a table without rowids: each row
// written is one B-tree entry instead of a table row plus a unique index entry. Revisions
// refer to that key.
constexpr std::string_view kMigration6 = R"sql(
CREATE TABLE observations_v6 (
  series_id INTEGER NOT NULL REFERENCES series(id),
  period_key INTEGER NOT NULL,
  period TEXT NOT NULL,
  value REAL, lower95 REAL, upper95 REAL, lower998 REAL, upper998 REAL,
  count REAL, denominator REAL,
  missing_reason TEXT NOT NULL,
  note TEXT NOT NULL,
  published_trend TEXT NOT NULL,
  published_vs_england TEXT NOT NULL,
  published_vs_region TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  source_row INTEGER NOT NULL,
  PRIMARY KEY (series_id, period_key)
) WITHOUT ROWID;
INSERT INTO observations_v6 SELECT series_id, period_key, period, value, lower95, upper95,
  lower998, upper998, count, denominator, missing_reason, note, published_trend,
  published_vs_england, published_vs_region, import_id, source_row FROM observations;
CREATE TABLE observation_revisions_v6 (
  series_id INTEGER NOT NULL,
  period_key INTEGER NOT NULL,
  import_id INTEGER NOT NULL,
  source_row INTEGER NOT NULL,
  replaced_by_import INTEGER NOT NULL,
  value REAL, lower95 REAL, upper95 REAL, lower998 REAL, upper998 REAL,
  count REAL, denominator REAL,
  missing_reason TEXT NOT NULL,
  FOREIGN KEY (series_id, period_key) REFERENCES observations_v6(series_id, period_key)
    ON DELETE CASCADE
);
INSERT INTO observation_revisions_v6 SELECT o.series_id, o.period_key, r.import_id,
  r.source_row, r.replaced_by_import, r.value, r.lower95, r.upper95, r.lower998, r.upper998,
  r.count, r.denominator, r.missing_reason
  FROM observation_revisions r JOIN observations o ON o.id = r.observation_id ORDER BY r.rowid;
DROP TABLE observation_revisions;
DROP TABLE observations;
ALTER TABLE observations_v6 RENAME TO observations;
ALTER TABLE observation_revisions_v6 RENAME TO observation_revisions;
CREATE INDEX observation_revisions_by_key ON observation_revisions(series_id, period_key);
)sql";

// Observations packed into one block of figures per series (figure_block.h): an import
// writes a row per series, not per figure. Revisions stay rows, keyed by (series, period). The
// old table's rows are packed by PackObservationRows, which then drops it.
constexpr std::string_view kMigration7 = R"sql(
CREATE TABLE series_figures (
  series_id INTEGER PRIMARY KEY REFERENCES series(id),
  figures INTEGER NOT NULL,  -- how many figures the block holds
  data BLOB NOT NULL
);
CREATE TABLE observation_revisions_v7 (
  series_id INTEGER NOT NULL REFERENCES series(id),
  period_key INTEGER NOT NULL,
  import_id INTEGER NOT NULL,
  source_row INTEGER NOT NULL,
  replaced_by_import INTEGER NOT NULL,
  value REAL, lower95 REAL, upper95 REAL, lower998 REAL, upper998 REAL,
  count REAL, denominator REAL,
  missing_reason TEXT NOT NULL
);
INSERT INTO observation_revisions_v7 SELECT series_id, period_key, import_id, source_row,
  replaced_by_import, value, lower95, upper95, lower998, upper998, count, denominator,
  missing_reason FROM observation_revisions ORDER BY rowid;
DROP TABLE observation_revisions;
ALTER TABLE observation_revisions_v7 RENAME TO observation_revisions;
CREATE INDEX observation_revisions_by_key ON observation_revisions(series_id, period_key);
)sql";

// Accounts: users, browser sessions (by token digest, Unix seconds), API tokens (by digest),
// settings, and the audit log, which triggers keep append-only.
constexpr std::string_view kMigration8 = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'partner', 'board')),
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_digest TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_on TEXT NOT NULL DEFAULT '',
  last_used_at TEXT NOT NULL DEFAULT '',
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  via TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before TEXT NOT NULL DEFAULT '',
  after TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
)sql";

// Reporting cycles and action updates: at most one open cycle per plan (a partial unique
// index), one update per action and cycle. Updates name their action by id without a foreign
// key, so an update outlives an action a later plan file removes.
constexpr std::string_view kMigration9 = R"sql(
CREATE TABLE reporting_cycles (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  name TEXT NOT NULL,
  date_from TEXT NOT NULL,  -- YYYY-MM-DD
  date_to TEXT NOT NULL,
  due TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  closed_at TEXT NOT NULL DEFAULT '',
  closed_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX reporting_cycles_one_open ON reporting_cycles(plan_id) WHERE state = 'open';
CREATE INDEX reporting_cycles_by_plan ON reporting_cycles(plan_id, date_from);
CREATE TABLE action_updates (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES reporting_cycles(id),
  plan_id TEXT NOT NULL REFERENCES plans(id),
  action_id TEXT NOT NULL,
  status TEXT CHECK (status IS NULL OR status IN ('not-started', 'on-track', 'at-risk',
    'off-track', 'complete', 'dropped')),
  narrative TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '[]',  -- JSON array of links
  next_steps TEXT NOT NULL DEFAULT '',
  expected_completion TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  version INTEGER NOT NULL CHECK (version >= 1),
  organisation TEXT NOT NULL,
  author TEXT NOT NULL,
  author_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  reopened_reason TEXT NOT NULL DEFAULT '',
  UNIQUE (cycle_id, action_id)
);
CREATE INDEX action_updates_by_plan ON action_updates(plan_id, action_id);
)sql";

// Board reports: each issued report frozen with its model (JSON), HTML and PDF, which a trigger
// keeps unchanged (only the sign-off columns may change), and the analyst's commentary, one per
// plan, cycle (or none) and subject. The outcome and board are named by id without a foreign
// key, so a report outlives an outcome a later plan file removes.
constexpr std::string_view kMigration10 = R"sql(
CREATE TABLE issued_reports (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'plan', 'exceptions', 'children')),
  outcome_id TEXT NOT NULL DEFAULT '',
  cycle_id INTEGER REFERENCES reporting_cycles(id),
  board TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'reviewed', 'approved', 'published')),
  data_as_of TEXT NOT NULL,
  model_json TEXT NOT NULL,
  html TEXT NOT NULL,
  pdf BLOB NOT NULL,
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT NOT NULL DEFAULT '',
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT NOT NULL DEFAULT '',
  published_by TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX issued_reports_by_plan ON issued_reports(plan_id, issued_at);
CREATE INDEX issued_reports_by_time ON issued_reports(issued_at);
CREATE TRIGGER issued_reports_frozen BEFORE UPDATE OF plan_id, kind, outcome_id, cycle_id, board,
  title, data_as_of, model_json, html, pdf, issued_by, issued_at ON issued_reports
BEGIN
  SELECT RAISE(ABORT, 'an issued report is frozen: only its sign-off may change');
END;
CREATE TABLE report_commentary (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  cycle_id INTEGER REFERENCES reporting_cycles(id),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX report_commentary_per_cycle ON report_commentary(plan_id, cycle_id, subject)
  WHERE cycle_id IS NOT NULL;
CREATE UNIQUE INDEX report_commentary_per_plan ON report_commentary(plan_id, subject)
  WHERE cycle_id IS NULL;
)sql";

// The children's version: each outcome's wording for children and young people (plan file
// `[outcomes.children]`); '' until it is written.
constexpr std::string_view kMigration11 = R"sql(
ALTER TABLE outcomes ADD COLUMN children_promised TEXT NOT NULL DEFAULT '';
ALTER TABLE outcomes ADD COLUMN children_did TEXT NOT NULL DEFAULT '';
ALTER TABLE outcomes ADD COLUMN children_next TEXT NOT NULL DEFAULT '';
)sql";

// The basis of each judgement against England (core/comparison_basis.h codes); '' for
// judgements made before it was kept, until `waymark assess` runs again.
constexpr std::string_view kComparisonBasisMigration = R"sql(
ALTER TABLE assessments ADD COLUMN comparison_basis TEXT NOT NULL DEFAULT '';
)sql";

// The indicators whose stored judgements are out of date, so that `waymark assess` judges
// only those: marked in the transaction of the change that made them so (figures inserted or
// revised, a definition added or changed, areas or comparator groups changed), cleared when
// their judgements are replaced. Every indicator of an older database is marked, since
// whether its judgements were current is not known.
constexpr std::string_view kIndicatorsToJudgeMigration = R"sql(
CREATE TABLE indicators_to_judge (
  indicator_id TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO indicators_to_judge (indicator_id) SELECT id FROM indicators;
)sql";

// The plan in full (issue 16's format): the plan's governance (which bodies govern it and how)
// and the governance of each strategy that builds on it: its owner (a partner), the board that
// oversees it, the committee that approved it and when (as precise as the source: YYYY, YYYY-MM
// or YYYY-MM-DD), the year by which its aims are to be met, and what it calls its aims ('' where
// the source does not say); measures whose direction the plan does not state ('not stated':
// the table is rebuilt, as SQLite cannot change a CHECK) and measures of an outcome as a whole;
// the other objectives an action serves; the plan's texts (forewords, the welcome, the pledge
// and the partners it was signed on behalf of). And a counter of marks to judge, so that judgements
// computed from figures read before a mark do not clear it.
constexpr std::string_view kPlanInFullMigration = R"sql(
ALTER TABLE strategies ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN overseen_by TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN approved_on TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN aims_by INTEGER;
ALTER TABLE strategy_objectives ADD COLUMN kind TEXT NOT NULL DEFAULT 'objective'
  CHECK (kind IN ('objective', 'priority', 'ambition', 'theme'));
CREATE TABLE governance (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  body_id TEXT NOT NULL,  -- '' when the plan names no body
  role TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE measures_v20 (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  objective_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  direction TEXT NOT NULL
    CHECK (direction IN ('increase', 'decrease', 'maintain', 'not stated')),
  baseline TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, objective_id) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
INSERT INTO measures_v20 SELECT plan_id, id, objective_id, position, title, direction, baseline,
  target FROM measures;
DROP TABLE measures;
ALTER TABLE measures_v20 RENAME TO measures;
CREATE INDEX measures_by_objective ON measures(plan_id, objective_id, position);
CREATE TABLE outcome_measures (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  direction TEXT NOT NULL
    CHECK (direction IN ('increase', 'decrease', 'maintain', 'not stated')),
  baseline TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_objectives (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  objective_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, action_id, objective_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, objective_id) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE plan_texts (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('foreword', 'welcome', 'introduction', 'pledge')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  by_name TEXT NOT NULL,
  by_role TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE text_signatories (
  plan_id TEXT NOT NULL,
  text_position INTEGER NOT NULL,
  partner_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, text_position, partner_id),
  FOREIGN KEY (plan_id, text_position) REFERENCES plan_texts(plan_id, position)
    ON DELETE CASCADE,
  FOREIGN KEY (plan_id, partner_id) REFERENCES partners(plan_id, id) ON DELETE CASCADE
);
ALTER TABLE indicators_to_judge ADD COLUMN marked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE judge_marks (
  last INTEGER NOT NULL  -- one row: the number of the latest mark
);
INSERT INTO judge_marks (last) VALUES (0);
)sql";

// Migration 12, surveys, anonymous responses and one-time codes, is in schema_surveys.h;
// migration 13, publication and review of survey results, in schema_survey_review.h; the
// findings ("you said, we did") are in schema_findings.h; survey results from elsewhere
// (aggregates) are in schema_survey_aggregates.h; migration 16, a finding's version, in
// schema_findings.h; migration 17, identity providers, in schema_identity_providers.h;
// migration 18 is the comparison basis above; migration 19, the indicators to judge, above;
// migration 20, the plan in full, above; migration 21, child rights, in schema_child_rights.h;
// migration 22, plan generations, in schema_plan_lineage.h; 23, data versions, in
// schema_data_versions.h; 24, failed sign-ins, in schema_sign_in_failures.h; 25, facts as data,
// in schema_plan_facts.h; 26, judgements in blocks, in schema_series_judgements.h.
constexpr std::array<std::string_view, 26> kMigrations = {kMigration1,
                                                          kMigration2,
                                                          kMigration3,
                                                          kMigration4,
                                                          kMigration5,
                                                          kMigration6,
                                                          kMigration7,
                                                          kMigration8,
                                                          kMigration9,
                                                          kMigration10,
                                                          kMigration11,
                                                          kSurveysMigration,
                                                          kSurveyReviewMigration,
                                                          kFindingsMigration,
                                                          kSurveyAggregatesMigration,
                                                          kFindingVersionMigration,
                                                          kIdentityProvidersMigration,
                                                          kComparisonBasisMigration,
                                                          kIndicatorsToJudgeMigration,
                                                          kPlanInFullMigration,
                                                          kChildRightsMigration,
                                                          kPlanLineageMigration,
                                                          kDataVersionsMigration,
                                                          kSignInFailuresMigration,
                                                          kPlanFactsMigration,
                                                          kSeriesJudgementsMigration};

}  // namespace

std::span<const std::string_view> SqliteMigrations() { return kMigrations; }

}  // namespace waymark::store
