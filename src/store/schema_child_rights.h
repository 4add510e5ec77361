// Migration 21 of the SQLite schema (schema.cc lists it; pg_schema.cc has its PostgreSQL twin):
// child rights in the plan. The Child Friendly Cities outcomes (badges) a plan works towards,
// the badge of each outcome, and the principles and badges each action names.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kChildRightsMigration = R"sql(
CREATE TABLE badges (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  foundational INTEGER NOT NULL CHECK (foundational IN (0, 1)),
  PRIMARY KEY (plan_id, id)
);
ALTER TABLE outcomes ADD COLUMN badge TEXT NOT NULL DEFAULT '';
CREATE TABLE action_principles (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, action_id, principle_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, principle_id) REFERENCES principles(plan_id, id) ON DELETE CASCADE
);
CREATE TABLE action_badges (
  plan_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  badge_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (plan_id, action_id, badge_id),
  FOREIGN KEY (plan_id, action_id) REFERENCES actions(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, badge_id) REFERENCES badges(plan_id, id) ON DELETE CASCADE
);
)sql";

}  // namespace waymark::store
