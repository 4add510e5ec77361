// The PostgreSQL schema: the baseline (the SQLite schema at kPgBaselineVersion, in PostgreSQL's
// dialect) and the migrations after it, applied under an advisory lock so that several nodes
// starting at once cannot both migrate. Type mapping: INTEGER → BIGINT (SQLite's integers are
// 64-bit), REAL → DOUBLE PRECISION, BLOB → BYTEA, INTEGER PRIMARY KEY → an identity column that
// still accepts given ids (so a copy keeps them), GLOB checks → regular expressions, RAISE
// triggers → PL/pgSQL functions. pg_schema_test.cc checks the result against the SQLite schema.
#include "store/pg_schema.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "store/schema.h"
#include "store/schema_data_versions.h"
#include "store/schema_plan_facts.h"
#include "store/schema_series_judgements.h"
#include "store/schema_sign_in_failures.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kVersionTable =
    "CREATE TABLE IF NOT EXISTS waymark_schema (version BIGINT NOT NULL)";
// Any fixed number: the key of the advisory lock that serialises migrations.
constexpr std::int64_t kMigrationLock = 0x7761796d61726b;  // "waymark"

// Migrations after the baseline, each the PostgreSQL twin of the SQLite migration of the same
// number (schema.cc), in the same order.
constexpr std::string_view kIndicatorsToJudgeMigration = R"sql(
CREATE TABLE indicators_to_judge (
  indicator_id TEXT PRIMARY KEY
);
INSERT INTO indicators_to_judge (indicator_id) SELECT id FROM indicators;
)sql";

constexpr std::string_view kPlanInFullMigration = R"sql(
ALTER TABLE strategies ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN overseen_by TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN approved_on TEXT NOT NULL DEFAULT '';
ALTER TABLE strategies ADD COLUMN aims_by BIGINT;
ALTER TABLE strategy_objectives ADD COLUMN kind TEXT NOT NULL DEFAULT 'objective'
  CHECK (kind IN ('objective', 'priority', 'ambition', 'theme'));
CREATE TABLE governance (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  body_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
ALTER TABLE measures DROP CONSTRAINT measures_direction_check;
ALTER TABLE measures ADD CONSTRAINT measures_direction_check
  CHECK (direction IN ('increase', 'decrease', 'maintain', 'not stated'));
CREATE TABLE outcome_measures (
  plan_id TEXT NOT NULL,
  id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  position BIGINT NOT NULL,
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
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, action_id, objective_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, objective_id) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE plan_texts (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('foreword', 'welcome', 'introduction', 'pledge')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  by_name TEXT NOT NULL,
  by_role TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE text_signatories (
  plan_id TEXT NOT NULL,
  text_position BIGINT NOT NULL,
  partner_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, text_position, partner_id),
  FOREIGN KEY (plan_id, text_position) REFERENCES plan_texts(plan_id, position)
    ON DELETE CASCADE,
  FOREIGN KEY (plan_id, partner_id) REFERENCES partners(plan_id, id) ON DELETE CASCADE
);
ALTER TABLE indicators_to_judge ADD COLUMN marked BIGINT NOT NULL DEFAULT 0;
CREATE TABLE judge_marks (
  last BIGINT NOT NULL
);
INSERT INTO judge_marks (last) VALUES (0);
)sql";

constexpr std::string_view kChildRightsMigration = R"sql(
CREATE TABLE badges (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  foundational BIGINT NOT NULL CHECK (foundational IN (0, 1)),
  PRIMARY KEY (plan_id, id)
);
ALTER TABLE outcomes ADD COLUMN badge TEXT NOT NULL DEFAULT '';
CREATE TABLE action_principles (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, action_id, principle_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, principle_id) REFERENCES principles(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_badges (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  badge_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, action_id, badge_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, badge_id) REFERENCES badges(plan_id, id) ON DELETE CASCADE
);
)sql";

constexpr std::string_view kPlanLineageMigration = R"sql(
ALTER TABLE plans ADD COLUMN continues TEXT NOT NULL DEFAULT '';
CREATE TABLE continued_records (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'objective')),
  record_id TEXT NOT NULL,
  earlier_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (plan_id, kind, record_id, earlier_id)
);
)sql";

constexpr std::array<std::string_view, 8> kMigrations = {kIndicatorsToJudgeMigration,    // 19
                                                         kPlanInFullMigration,           // 20
                                                         kChildRightsMigration,          // 21
                                                         kPlanLineageMigration,          // 22
                                                         kPgDataVersionsMigration,       // 23
                                                         kPgSignInFailuresMigration,     // 24
                                                         kPlanFactsMigration,            // 25
                                                         kPgSeriesJudgementsMigration};  // 26

}  // namespace

std::span<const std::string_view> PgMigrationsAfterBaseline() { return kMigrations; }

int PgProgramSchemaVersion() {
  return kPgBaselineVersion + static_cast<int>(PgMigrationsAfterBaseline().size());
}

Result<int> PgSchemaVersion(pg::Connection& conn) {
  WAYMARK_ASSIGN_OR_RETURN(
      const std::int64_t tables,
      conn.QueryInt("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                    "current_schema() AND table_name = 'waymark_schema'"));
  if (tables == 0) return 0;
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t version,
                           conn.QueryInt("SELECT coalesce(max(version), 0) FROM waymark_schema"));
  return static_cast<int>(version);
}

Status MigratePostgres(Db& db) {
  pg::Connection& conn = *db.pg();
  WAYMARK_ASSIGN_OR_RETURN(pg::Transaction tx, pg::Transaction::Begin(conn));
  WAYMARK_TRY(conn.Exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLock)));
  WAYMARK_TRY(conn.Exec(kVersionTable));
  WAYMARK_ASSIGN_OR_RETURN(const int version, PgSchemaVersion(conn));
  if (version > PgProgramSchemaVersion()) {
    return MakeError(ErrorCode::kUnsupported,
                     fmt::format("database schema version {} is newer than this program "
                                 "supports ({}); upgrade waymark",
                                 version, PgProgramSchemaVersion()));
  }
  if (version != 0 && version < kPgBaselineVersion) {
    return MakeError(ErrorCode::kInternal,
                     fmt::format("database schema version {} is below the PostgreSQL baseline {}",
                                 version, kPgBaselineVersion));
  }
  if (version == 0) WAYMARK_TRY(conn.Exec(PgBaseline()));
  const auto after = PgMigrationsAfterBaseline();
  for (int v = std::max(version, kPgBaselineVersion); v < PgProgramSchemaVersion(); ++v) {
    WAYMARK_TRY(conn.Exec(after[static_cast<std::size_t>(v - kPgBaselineVersion)]));
    if (v + 1 == static_cast<int>(kPackedJudgementsVersion)) WAYMARK_TRY(PackAssessmentRows(db));
  }
  if (version != PgProgramSchemaVersion()) {
    WAYMARK_TRY(conn.Exec("DELETE FROM waymark_schema"));
    WAYMARK_TRY(conn.Exec(
        fmt::format("INSERT INTO waymark_schema (version) VALUES ({})", PgProgramSchemaVersion())));
  }
  return tx.Commit();
}

}  // namespace waymark::store
