// The PostgreSQL baseline schema: the SQLite schema at kPgBaselineVersion in PostgreSQL's
// dialect (the mapping is described in pg_schema.cc), created in one step on a new database.
#include "store/pg_schema.h"

namespace waymark::store {

std::string_view PgBaseline() {
  static constexpr std::string_view kBaseline = R"sql(
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  organisation TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL,
  vision TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  revision BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE plan_revisions (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  revision BIGINT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  source TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (plan_id, revision)
);
CREATE TABLE plan_changes (
  plan_id TEXT NOT NULL,
  revision BIGINT NOT NULL,
  seq BIGINT NOT NULL,
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
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE partners (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE bodies (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE outcomes (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  kind TEXT NOT NULL, children_promised TEXT NOT NULL DEFAULT '', children_did TEXT NOT NULL DEFAULT '', children_next TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE objectives (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE measures (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  objective_id TEXT NOT NULL,
  position BIGINT NOT NULL,
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
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, objective_id) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_partners (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, action_id, partner_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, partner_id) REFERENCES partners(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_bodies (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  body_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, action_id, body_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, body_id) REFERENCES bodies(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE facts (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  outcome_id TEXT NOT NULL,  -- '' for facts about the plan as a whole
  position BIGINT NOT NULL,
  label TEXT NOT NULL,
  value TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (plan_id, outcome_id, position)
);
CREATE TABLE voice (
  plan_id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, outcome_id, position),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE participation (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  activity TEXT NOT NULL,
  count TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE strategies (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  period TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE strategy_objectives (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, strategy_id) REFERENCES strategies(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE outcome_links (
  plan_id TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, source_kind, source_id, outcome_id),
  FOREIGN KEY (plan_id, outcome_id) REFERENCES outcomes(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE indices (
  plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL
, method TEXT NOT NULL DEFAULT '{}');
CREATE TABLE index_measures (
  plan_id TEXT NOT NULL REFERENCES indices(plan_id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position BIGINT NOT NULL,
  title TEXT NOT NULL, weight DOUBLE PRECISION, polarity TEXT NOT NULL DEFAULT '', goalpost_low DOUBLE PRECISION, goalpost_high DOUBLE PRECISION,
  PRIMARY KEY (plan_id, id)
);
CREATE INDEX objectives_by_outcome ON objectives(plan_id, outcome_id, position);
CREATE INDEX actions_by_objective ON actions(plan_id, objective_id, position);
CREATE INDEX measures_by_objective ON measures(plan_id, objective_id, position);
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
  position BIGINT NOT NULL,
  PRIMARY KEY (group_id, area_code)
);
CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  position BIGINT NOT NULL,
  document TEXT NOT NULL,  -- the whole definition as JSON
  updated_at TEXT NOT NULL
);
CREATE TABLE imports (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  rows_read BIGINT NOT NULL DEFAULT 0,
  inserted BIGINT NOT NULL DEFAULT 0,
  revised BIGINT NOT NULL DEFAULT 0,
  unchanged BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE series (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  sex TEXT NOT NULL,
  age TEXT NOT NULL,
  category_type TEXT NOT NULL,
  category TEXT NOT NULL,
  UNIQUE (indicator_id, area_code, sex, age, category_type, category)
);
CREATE TABLE assessments (
  indicator_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  period TEXT NOT NULL,
  period_key BIGINT NOT NULL,
  sex TEXT NOT NULL,
  age TEXT NOT NULL,
  category_type TEXT NOT NULL,
  category TEXT NOT NULL,
  value DOUBLE PRECISION, lower95 DOUBLE PRECISION, upper95 DOUBLE PRECISION, lower998 DOUBLE PRECISION, upper998 DOUBLE PRECISION,
  count DOUBLE PRECISION, denominator DOUBLE PRECISION,
  suppressed BIGINT NOT NULL,
  value_source TEXT NOT NULL,
  vs_england TEXT NOT NULL, vs_england_998 TEXT NOT NULL, vs_england_2level TEXT NOT NULL,
  vs_region TEXT NOT NULL, vs_region_998 TEXT NOT NULL, vs_region_2level TEXT NOT NULL,
  recent_trend TEXT NOT NULL,
  quintile BIGINT NOT NULL,
  rank_london BIGINT NOT NULL,
  rank_neighbours BIGINT NOT NULL,
  neighbours_ranked BIGINT NOT NULL,
  rag TEXT NOT NULL,
  rag_rule TEXT NOT NULL,
  target DOUBLE PRECISION
, comparison_basis TEXT NOT NULL DEFAULT '');
CREATE INDEX assessments_by_indicator ON assessments(indicator_id, area_code, period_key);
CREATE INDEX assessments_by_area ON assessments(area_code, indicator_id);
CREATE TABLE index_runs (
  plan_id TEXT PRIMARY KEY,
  computed_at TEXT NOT NULL,
  comparison TEXT NOT NULL,
  runs BIGINT NOT NULL,
  seed BIGINT NOT NULL,
  measures_used TEXT NOT NULL,      -- measure ids, comma separated, in plan order
  measures_awaiting TEXT NOT NULL   -- measures without data, comma separated
, failed_runs BIGINT NOT NULL DEFAULT 0, measures_goalposts TEXT NOT NULL DEFAULT '', sensitivity_runs BIGINT NOT NULL DEFAULT 0);
CREATE TABLE index_results (
  plan_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  year BIGINT NOT NULL,
  score DOUBLE PRECISION, rank DOUBLE PRECISION, rank_median DOUBLE PRECISION, rank_p05 DOUBLE PRECISION, rank_p95 DOUBLE PRECISION,
  PRIMARY KEY (plan_id, area_code, year)
);
CREATE TABLE index_measure_scores (
  plan_id TEXT NOT NULL,
  area_code TEXT NOT NULL,
  year BIGINT NOT NULL,
  measure_id TEXT NOT NULL,
  score DOUBLE PRECISION,
  contribution DOUBLE PRECISION,
  PRIMARY KEY (plan_id, area_code, year, measure_id)
);
CREATE TABLE index_sensitivity (
  plan_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  factor TEXT NOT NULL,
  first DOUBLE PRECISION, total DOUBLE PRECISION,
  first_p05 DOUBLE PRECISION, first_p95 DOUBLE PRECISION, total_p05 DOUBLE PRECISION, total_p95 DOUBLE PRECISION,
  PRIMARY KEY (plan_id, factor)
);
CREATE TABLE area_boundaries (
  area_code TEXT PRIMARY KEY,
  geometry TEXT NOT NULL  -- GeoJSON Polygon or MultiPolygon, [longitude, latitude]
);
CREATE TABLE series_figures (
  series_id BIGINT PRIMARY KEY REFERENCES series(id),
  figures BIGINT NOT NULL,  -- how many figures the block holds
  data BYTEA NOT NULL
);
CREATE TABLE observation_revisions (
  series_id BIGINT NOT NULL REFERENCES series(id),
  period_key BIGINT NOT NULL,
  import_id BIGINT NOT NULL,
  source_row BIGINT NOT NULL,
  replaced_by_import BIGINT NOT NULL,
  value DOUBLE PRECISION, lower95 DOUBLE PRECISION, upper95 DOUBLE PRECISION, lower998 DOUBLE PRECISION, upper998 DOUBLE PRECISION,
  count DOUBLE PRECISION, denominator DOUBLE PRECISION,
  missing_reason TEXT NOT NULL
);
CREATE INDEX observation_revisions_by_key ON observation_revisions(series_id, period_key);
CREATE TABLE users (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'partner', 'board')),
  disabled BIGINT NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, safeguarding BIGINT NOT NULL DEFAULT 0
  CHECK (safeguarding IN (0, 1)), awaiting_review TEXT NOT NULL DEFAULT '');
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  token_digest TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
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
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
CREATE TABLE reporting_cycles (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  cycle_id BIGINT NOT NULL REFERENCES reporting_cycles(id),
  plan_id TEXT NOT NULL REFERENCES plans(id),
  action_id TEXT NOT NULL,
  status TEXT CHECK (status IS NULL OR status IN ('not-started', 'on-track', 'at-risk',
    'off-track', 'complete', 'dropped')),
  narrative TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '[]',  -- JSON array of links
  next_steps TEXT NOT NULL DEFAULT '',
  expected_completion TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  version BIGINT NOT NULL CHECK (version >= 1),
  organisation TEXT NOT NULL,
  author TEXT NOT NULL,
  author_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  reopened_reason TEXT NOT NULL DEFAULT '',
  UNIQUE (cycle_id, action_id)
);
CREATE INDEX action_updates_by_plan ON action_updates(plan_id, action_id);
CREATE TABLE issued_reports (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'plan', 'exceptions', 'children')),
  outcome_id TEXT NOT NULL DEFAULT '',
  cycle_id BIGINT REFERENCES reporting_cycles(id),
  board TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'reviewed', 'approved', 'published')),
  data_as_of TEXT NOT NULL,
  model_json TEXT NOT NULL,
  html TEXT NOT NULL,
  pdf BYTEA NOT NULL,
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
CREATE TABLE report_commentary (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  cycle_id BIGINT REFERENCES reporting_cycles(id),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX report_commentary_per_cycle ON report_commentary(plan_id, cycle_id, subject)
  WHERE cycle_id IS NOT NULL;
CREATE UNIQUE INDEX report_commentary_per_plan ON report_commentary(plan_id, subject)
  WHERE cycle_id IS NULL;
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
);
CREATE TABLE survey_responses (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  day TEXT NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  shuffle BIGINT NOT NULL,  -- random: orders a day's responses without revealing their order
  answers TEXT NOT NULL,     -- question id -> answer, as JSON
  PRIMARY KEY (survey_id, wave_id, day, shuffle),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
);
CREATE TABLE survey_codes (
  digest TEXT PRIMARY KEY,  -- SurveyCodeDigest of the code; the code itself is never kept
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  used BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
);
CREATE INDEX survey_codes_by_wave ON survey_codes(survey_id, wave_id, used);
CREATE TABLE survey_publications (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  published_by TEXT NOT NULL,  -- the audit name of who published it
  published_at TEXT NOT NULL,  -- ISO 8601 UTC
  PRIMARY KEY (survey_id, wave_id),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
);
CREATE TABLE survey_free_text_reviews (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  day TEXT NOT NULL,
  shuffle BIGINT NOT NULL,
  question_id TEXT NOT NULL,
  reviewed BIGINT NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
  safeguarding BIGINT NOT NULL DEFAULT 0 CHECK (safeguarding IN (0, 1)),
  PRIMARY KEY (survey_id, wave_id, day, shuffle, question_id),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
);
CREATE TABLE findings (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  key TEXT NOT NULL DEFAULT '',  -- a slug naming it within its plan for re-imports, or ''
  outcome_id TEXT NOT NULL,
  said TEXT NOT NULL,
  source TEXT NOT NULL,          -- core FindingSourceName
  source_name TEXT NOT NULL,
  date TEXT NOT NULL,            -- YYYY-MM-DD
  participants BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, version BIGINT NOT NULL DEFAULT 1);
CREATE INDEX findings_plan ON findings(plan_id, id);
CREATE UNIQUE INDEX findings_key ON findings(plan_id, key) WHERE key <> '';
CREATE TABLE finding_answers (
  finding_id BIGINT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  target TEXT NOT NULL,          -- "objective:ID" or "action:ID"
  position BIGINT NOT NULL,     -- the answers' order
  kind TEXT NOT NULL,            -- core AnswerKindName
  body TEXT NOT NULL,
  date TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  illustrative BIGINT NOT NULL CHECK (illustrative IN (0, 1)),
  PRIMARY KEY (finding_id, target)
);
CREATE TABLE survey_aggregates (
  survey_id TEXT NOT NULL,
  wave_id TEXT NOT NULL,
  position BIGINT NOT NULL,  -- the row's place in the imported file, from 0
  question_id TEXT NOT NULL,
  answers TEXT NOT NULL,
  percent DOUBLE PRECISION,
  count BIGINT,
  respondents BIGINT,
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (survey_id, wave_id, position),
  FOREIGN KEY (survey_id, wave_id) REFERENCES survey_waves(survey_id, id)
);
CREATE TABLE identity_providers (
  name TEXT PRIMARY KEY,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  email_domains TEXT NOT NULL DEFAULT '',  -- separated by spaces
  scopes TEXT NOT NULL,
  provision BIGINT NOT NULL DEFAULT 0 CHECK (provision IN (0, 1)),
  disabled BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE oidc_logins (
  state_digest TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  browser_digest TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  next_path TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX oidc_logins_by_time ON oidc_logins(created_at);

-- The audit log is append-only, and an issued report is frozen except for its sign-off, as the
-- SQLite triggers of the same names enforce.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE FUNCTION issued_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an issued report is frozen: only its sign-off may change';
END $$;
CREATE TRIGGER issued_reports_frozen BEFORE UPDATE OF plan_id, kind, outcome_id, cycle_id, board,
  title, data_as_of, model_json, html, pdf, issued_by, issued_at ON issued_reports
  FOR EACH ROW EXECUTE FUNCTION issued_reports_frozen();
)sql";
  return kBaseline;
}

}  // namespace waymark::store
