// Importing a plan into SQLite in one transaction. Records keyed by id are upserted and the
// ones the new file no longer has are deleted, so ids that other tables hold stay valid;
// lists without ids (facts, voice, links) are rewritten.
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include "core/clock.h"

#include "ingest/plan_json.h"
#include "ingest/plan_toml.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

using Row = std::vector<std::string>;
using Columns = std::vector<std::string_view>;

// Inserts rows (plan_id first, then `columns`) into `table`; with `key_columns` > 0 an existing
// row with the same (plan_id, id) is updated instead.
Status InsertRows(Db& db, std::string_view table, const Columns& columns,
                  const std::string& plan_id, const std::vector<Row>& rows, bool upsert) {
  if (rows.empty()) return {};
  std::string names = "plan_id";
  std::string marks = "?";
  std::string updates;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += fmt::format(", {}", columns[i]);
    marks += ", ?";
    if (i > 0)
      updates +=
          fmt::format("{}{} = excluded.{}", updates.empty() ? "" : ", ", columns[i], columns[i]);
  }
  std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ({})", table, names, marks);
  if (upsert) sql += fmt::format(" ON CONFLICT (plan_id, id) DO UPDATE SET {}", updates);
  WAYMARK_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  for (const Row& row : rows) {
    stmt.Bind(1, plan_id);
    for (std::size_t i = 0; i < row.size(); ++i) stmt.Bind(static_cast<int>(i) + 2, row[i]);
    WAYMARK_TRY(stmt.Run());
  }
  return {};
}

// Deletes the plan's rows of `table` whose id is not among `keep` (rows[i][0]).
Status DeleteMissing(Db& db, std::string_view table, const std::string& plan_id,
                     const std::vector<Row>& keep) {
  std::set<std::string> ids;
  for (const Row& row : keep) ids.insert(row[0]);
  WAYMARK_ASSIGN_OR_RETURN(Statement select,
                           db.Prepare(fmt::format("SELECT id FROM {} WHERE plan_id = ?", table)));
  select.Bind(1, plan_id);
  std::vector<std::string> gone;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    if (ids.count(select.Text(0)) == 0) gone.push_back(select.Text(0));
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement del, db.Prepare(fmt::format("DELETE FROM {} WHERE plan_id = ? AND id = ?", table)));
  for (const auto& id : gone) {
    del.Bind(1, plan_id).Bind(2, id);
    WAYMARK_TRY(del.Run());
  }
  return {};
}

std::string Pos(std::size_t i) { return std::to_string(i); }

// The rows of every table, built from the plan in one pass.
struct PlanRows {
  std::vector<Row> principles, partners, bodies, outcomes, objectives, measures, actions;
  std::vector<Row> action_partners, action_bodies, action_objectives, voice, participation;
  std::vector<std::pair<std::string, const Fact*>> facts;  // (outcome id, fact), in order
  std::vector<Row> outcome_measures, texts, text_signatories;
  std::vector<Row> badges, action_principles, action_badges, continued;
  std::vector<Row> strategies, strategy_objectives, outcome_links, index_measures, governance;

  void AddLinks(std::string_view kind, const std::string& id,
                const std::vector<std::string>& outcome_ids) {
    for (std::size_t i = 0; i < outcome_ids.size(); ++i) {
      outcome_links.push_back({std::string(kind), id, outcome_ids[i], Pos(i)});
    }
  }
  void AddFacts(const std::string& outcome_id, const std::vector<Fact>& list) {
    for (const Fact& fact : list) facts.emplace_back(outcome_id, &fact);
  }
  static Row MeasureRow(const Measure& m, const std::string& parent_id, std::size_t position) {
    return {m.id,       parent_id, Pos(position), m.title, std::string(DirectionName(m.direction)),
            m.baseline, m.target};
  }
  void AddContinued(std::string_view kind, const std::string& id,
                    const std::vector<std::string>& earlier_ids) {
    for (std::size_t i = 0; i < earlier_ids.size(); ++i) {
      continued.push_back({std::string(kind), id, earlier_ids[i], Pos(i)});
    }
  }
  void AddObjective(const std::string& outcome_id, const Objective& o) {
    objectives.push_back({o.id, outcome_id, Pos(objectives.size()), o.title, o.description});
    AddContinued("objective", o.id, o.continues);
    for (const auto& m : o.measures) measures.push_back(MeasureRow(m, o.id, measures.size()));
    for (const auto& a : o.actions) {
      actions.push_back({a.id, o.id, Pos(actions.size()), a.title});
      for (std::size_t i = 0; i < a.responsible.size(); ++i) {
        action_partners.push_back({a.id, a.responsible[i], Pos(i)});
      }
      for (std::size_t i = 0; i < a.monitoring.size(); ++i) {
        action_bodies.push_back({a.id, a.monitoring[i], Pos(i)});
      }
      for (std::size_t i = 0; i < a.also_serves.size(); ++i) {
        action_objectives.push_back({a.id, a.also_serves[i], Pos(i)});
      }
      for (std::size_t i = 0; i < a.principles.size(); ++i) {
        action_principles.push_back({a.id, a.principles[i], Pos(i)});
      }
      for (std::size_t i = 0; i < a.badges.size(); ++i) {
        action_badges.push_back({a.id, a.badges[i], Pos(i)});
      }
    }
  }

  explicit PlanRows(const Plan& plan) {
    for (const auto& p : plan.principles) {
      principles.push_back({p.id, Pos(principles.size()), p.title, p.description});
    }
    for (const auto& b : plan.badges) {
      badges.push_back(
          {b.id, Pos(badges.size()), b.title, b.description, b.foundational ? "1" : "0"});
    }
    for (const auto& p : plan.partners)
      partners.push_back({p.id, Pos(partners.size()), p.name, p.kind});
    for (const auto& b : plan.bodies) bodies.push_back({b.id, Pos(bodies.size()), b.name, b.kind});
    for (std::size_t i = 0; i < plan.texts.size(); ++i) {
      const PlanText& t = plan.texts[i];
      texts.push_back({Pos(i), std::string(TextKindName(t.kind)), t.title, t.text, t.by, t.role});
      for (std::size_t j = 0; j < t.signatories.size(); ++j) {
        text_signatories.push_back({Pos(i), t.signatories[j], Pos(j)});
      }
    }
    for (const auto& g : plan.governance) {
      governance.push_back({Pos(governance.size()), g.body, g.role});
    }
    AddFacts("", plan.facts);
    for (std::size_t i = 0; i < plan.participation.size(); ++i) {
      const auto& p = plan.participation[i];
      participation.push_back({Pos(i), p.activity, p.count, p.description});
    }
    for (const auto& o : plan.outcomes) {
      outcomes.push_back({o.id, Pos(outcomes.size()), o.title, o.description,
                          std::string(OutcomeKindName(o.kind)),
                          o.children.promised, o.children.did, o.children.next, o.badge});
      AddFacts(o.id, o.facts);
      AddContinued("outcome", o.id, o.continues);
      AddLinks("priority", o.id, o.across);
      for (std::size_t i = 0; i < o.voice.size(); ++i) voice.push_back({o.id, Pos(i), o.voice[i]});
      for (const auto& m : o.measures) {
        outcome_measures.push_back(MeasureRow(m, o.id, outcome_measures.size()));
      }
      for (const auto& objective : o.objectives) AddObjective(o.id, objective);
    }
    for (const auto& s : plan.strategies) {
      strategies.push_back({s.id, Pos(strategies.size()), s.title, s.description, s.period, s.owner,
                            s.overseen_by, s.approved_by,
                            s.approved_on ? s.approved_on->ToString() : ""});
      AddLinks("strategy", s.id, s.outcomes);
      for (const auto& o : s.objectives) {
        strategy_objectives.push_back({o.id, s.id, Pos(strategy_objectives.size()), o.title,
                                       std::string(AimKindName(o.kind))});
        AddLinks("strategy_objective", o.id, o.outcomes);
      }
    }
    if (plan.index) {
      for (const auto& m : plan.index->measures) {
        index_measures.push_back({m.id, Pos(index_measures.size()), m.title, m.polarity});
        AddLinks("index_measure", m.id, m.outcomes);
      }
    }
  }
};

// The facts, each with its position among the facts of its outcome (or of the plan).
Status InsertFacts(Db& db, const std::string& plan_id,
                   const std::vector<std::pair<std::string, const Fact*>>& facts) {
  if (facts.empty()) return {};
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO facts (plan_id, outcome_id, position, label, value, detail, figure, "
                 "unit, period, area, comparators, source, indicator) VALUES (?1, ?2, ?3, ?4, ?5, "
                 "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
  std::map<std::string, int> next;
  for (const auto& [outcome_id, fact] : facts) {
    nlohmann::json comparators = nlohmann::json::array();
    for (const auto& c : fact->comparators) {
      comparators.push_back({{"area", c.area}, {"figure", c.figure}});
    }
    insert.Bind(1, plan_id).Bind(2, outcome_id).Bind(3, next[outcome_id]++);
    insert.Bind(4, fact->label).Bind(5, fact->value).Bind(6, fact->detail);
    if (fact->figure) {
      insert.Bind(7, *fact->figure);
    } else {
      insert.BindNull(7);
    }
    insert.Bind(8, fact->unit ? FactUnitName(*fact->unit) : std::string_view());
    insert.Bind(9, fact->period).Bind(10, fact->area).Bind(11, comparators.dump());
    insert.Bind(12, fact->source).Bind(13, fact->indicator);
    WAYMARK_TRY(insert.Run());
  }
  return {};
}

}  // namespace

Status SqlStore::WritePlanRows(const Plan& plan) {
  const PlanRows rows(plan);
  const std::string& id = plan.id;
  // 1. Lists without ids of their own are rewritten.
  for (std::string_view table :
       {"action_partners", "action_bodies", "action_objectives", "action_principles",
        "action_badges", "facts", "voice", "participation", "outcome_links", "principles", "badges",
        "strategy_objectives", "strategies", "index_measures", "indices", "governance",
        "text_signatories", "plan_texts", "continued_records"}) {
    WAYMARK_ASSIGN_OR_RETURN(Statement del,
                             db_.Prepare(fmt::format("DELETE FROM {} WHERE plan_id = ?", table)));
    del.Bind(1, id);
    WAYMARK_TRY(del.Run());
  }
  // 2. Records with ids are updated in place, parents before children.
  WAYMARK_TRY(
      InsertRows(db_, "partners", {"id", "position", "name", "kind"}, id, rows.partners, true));
  WAYMARK_TRY(InsertRows(db_, "bodies", {"id", "position", "name", "kind"}, id, rows.bodies, true));
  WAYMARK_TRY(InsertRows(db_, "outcomes",
                         {"id", "position", "title", "description", "kind", "children_promised",
                          "children_did", "children_next", "badge"},
                         id, rows.outcomes, true));
  WAYMARK_TRY(InsertRows(db_, "objectives",
                         {"id", "outcome_id", "position", "title", "description"}, id,
                         rows.objectives, true));
  WAYMARK_TRY(
      InsertRows(db_, "measures",
                 {"id", "objective_id", "position", "title", "direction", "baseline", "target"}, id,
                 rows.measures, true));
  WAYMARK_TRY(InsertRows(db_, "actions", {"id", "objective_id", "position", "title"}, id,
                         rows.actions, true));
  WAYMARK_TRY(
      InsertRows(db_, "outcome_measures",
                 {"id", "outcome_id", "position", "title", "direction", "baseline", "target"}, id,
                 rows.outcome_measures, true));
  // 3. Records the file no longer has are deleted, children before parents.
  WAYMARK_TRY(DeleteMissing(db_, "actions", id, rows.actions));
  WAYMARK_TRY(DeleteMissing(db_, "measures", id, rows.measures));
  WAYMARK_TRY(DeleteMissing(db_, "objectives", id, rows.objectives));
  WAYMARK_TRY(DeleteMissing(db_, "outcome_measures", id, rows.outcome_measures));
  WAYMARK_TRY(DeleteMissing(db_, "outcomes", id, rows.outcomes));
  WAYMARK_TRY(DeleteMissing(db_, "partners", id, rows.partners));
  WAYMARK_TRY(DeleteMissing(db_, "bodies", id, rows.bodies));
  // 4. Lists and links are written again.
  WAYMARK_TRY(InsertRows(db_, "principles", {"id", "position", "title", "description"}, id,
                         rows.principles, false));
  WAYMARK_TRY(InsertRows(db_, "badges", {"id", "position", "title", "description", "foundational"},
                         id, rows.badges, false));
  WAYMARK_TRY(InsertRows(db_, "action_principles", {"action_id", "principle_id", "position"}, id,
                         rows.action_principles, false));
  WAYMARK_TRY(InsertRows(db_, "action_badges", {"action_id", "badge_id", "position"}, id,
                         rows.action_badges, false));
  WAYMARK_TRY(InsertRows(db_, "action_partners", {"action_id", "partner_id", "position"}, id,
                         rows.action_partners, false));
  WAYMARK_TRY(InsertRows(db_, "action_bodies", {"action_id", "body_id", "position"}, id,
                         rows.action_bodies, false));
  WAYMARK_TRY(InsertRows(db_, "action_objectives", {"action_id", "objective_id", "position"}, id,
                         rows.action_objectives, false));
  WAYMARK_TRY(InsertFacts(db_, id, rows.facts));
  WAYMARK_TRY(InsertRows(db_, "voice", {"outcome_id", "position", "text"}, id, rows.voice, false));
  WAYMARK_TRY(InsertRows(db_, "participation", {"position", "activity", "count", "description"}, id,
                         rows.participation, false));
  WAYMARK_TRY(
      InsertRows(db_, "governance", {"position", "body_id", "role"}, id, rows.governance, false));
  WAYMARK_TRY(InsertRows(db_, "plan_texts",
                         {"position", "kind", "title", "body", "by_name", "by_role"}, id,
                         rows.texts, false));
  WAYMARK_TRY(InsertRows(db_, "text_signatories", {"text_position", "partner_id", "position"}, id,
                         rows.text_signatories, false));
  WAYMARK_TRY(InsertRows(db_, "strategies",
                         {"id", "position", "title", "description", "period", "owner",
                          "overseen_by", "approved_by", "approved_on"},
                         id, rows.strategies, false));
  WAYMARK_TRY(InsertRows(db_, "strategy_objectives",
                         {"id", "strategy_id", "position", "title", "kind"}, id,
                         rows.strategy_objectives, false));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement aims_by,
      db_.Prepare("UPDATE strategies SET aims_by = ?1 WHERE plan_id = ?2 AND id = ?3"));
  for (const auto& s : plan.strategies) {
    if (!s.aims_by) continue;
    aims_by.Bind(1, *s.aims_by).Bind(2, id).Bind(3, s.id);
    WAYMARK_TRY(aims_by.Run());
  }
  if (plan.index) {
    WAYMARK_TRY(InsertRows(db_, "indices", {"id", "title", "description", "method"}, id,
                           {{plan.index->id, plan.index->title, plan.index->description,
                             ingest::IndexMethodToJson(plan.index->method).dump()}},
                           false));
    WAYMARK_TRY(InsertRows(db_, "index_measures", {"id", "position", "title", "polarity"}, id,
                           rows.index_measures, false));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement weight,
        db_.Prepare("UPDATE index_measures SET weight = ?1, goalpost_low = ?2, goalpost_high = ?3 "
                    "WHERE plan_id = ?4 AND id = ?5"));
    for (const auto& m : plan.index->measures) {
      if (!m.weight && !m.goalposts) continue;
      weight.BindOptional(1, m.weight.value_or(kNoValue));
      weight.BindOptional(2, m.goalposts ? m.goalposts->first : kNoValue);
      weight.BindOptional(3, m.goalposts ? m.goalposts->second : kNoValue);
      weight.Bind(4, id).Bind(5, m.id);
      WAYMARK_TRY(weight.Run());
    }
  }
  WAYMARK_TRY(InsertRows(db_, "continued_records", {"kind", "record_id", "earlier_id", "position"},
                         id, rows.continued, false));
  return InsertRows(db_, "outcome_links", {"source_kind", "source_id", "outcome_id", "position"},
                    id, rows.outcome_links, false);
}

Status SqlStore::RecordRevision(const Plan& plan, int revision, const ImportContext& ctx,
                                const std::vector<Change>& changes) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement rev,
      db_.Prepare("INSERT INTO plan_revisions (plan_id, revision, imported_at, imported_by, "
                  "source, document) VALUES (?, ?, ?, ?, ?, ?)"));
  rev.Bind(1, plan.id)
      .Bind(2, revision)
      .Bind(3, FormatUtc(ctx.now))
      .Bind(4, ctx.user)
      .Bind(5, ctx.source)
      .Bind(6, ingest::WritePlanToml(plan));
  WAYMARK_TRY(rev.Run());
  WAYMARK_ASSIGN_OR_RETURN(
      Statement change,
      db_.Prepare("INSERT INTO plan_changes (plan_id, revision, seq, kind, entity, entity_id, "
                  "field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& c = changes[i];
    change.Bind(1, plan.id)
        .Bind(2, revision)
        .Bind(3, static_cast<std::int64_t>(i))
        .Bind(4, ChangeKindName(c.kind))
        .Bind(5, PlanRecordKindName(c.entity))
        .Bind(6, c.entity_id)
        .Bind(7, c.field)
        .Bind(8, c.old_value)
        .Bind(9, c.new_value);
    WAYMARK_TRY(change.Run());
  }
  return {};
}

Result<ImportResult> SqlStore::ImportPlan(const Plan& plan, const ImportContext& ctx) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  ImportResult result;
  result.plan_id = plan.id;
  Plan before;
  auto existing = LoadPlan(plan.id);
  if (existing) {
    before = std::move(*existing);
  } else if (existing.error().code != ErrorCode::kNotFound) {
    return tl::unexpected(existing.error());
  } else {
    result.created = true;
  }
  WAYMARK_ASSIGN_OR_RETURN(Statement current,
                           db_.Prepare("SELECT revision FROM plans WHERE id = ?"));
  current.Bind(1, plan.id);
  WAYMARK_ASSIGN_OR_RETURN(bool has_row, current.Step());
  const int old_revision = has_row ? static_cast<int>(current.Int(0)) : 0;
  result.changes = result.created ? std::vector<Change>{} : DiffPlans(before, plan);
  if (!result.created && result.changes.empty()) {
    result.revision = old_revision;
    return result;  // nothing to write; the transaction rolls back harmlessly
  }
  result.revision = old_revision + 1;
  const std::string now = FormatUtc(ctx.now);
  WAYMARK_ASSIGN_OR_RETURN(
      Statement upsert,
      db_.Prepare("INSERT INTO plans (id, title, organisation, start_date, end_date, status, "
                  "vision, summary, revision, created_at, updated_at, continues, ambition) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                  "title = excluded.title, organisation = excluded.organisation, "
                  "start_date = excluded.start_date, end_date = excluded.end_date, "
                  "status = excluded.status, vision = excluded.vision, "
                  "summary = excluded.summary, revision = excluded.revision, "
                  "updated_at = excluded.updated_at, continues = excluded.continues, "
                  "ambition = excluded.ambition"));
  upsert.Bind(1, plan.id)
      .Bind(2, plan.title)
      .Bind(3, plan.organisation)
      .Bind(4, OptionalDateText(plan.start))  // '' when the plan states no period
      .Bind(5, OptionalDateText(plan.end))
      .Bind(6, plan.status)
      .Bind(7, plan.vision)
      .Bind(8, plan.summary)
      .Bind(9, result.revision)
      .Bind(10, now)
      .Bind(11, now)
      .Bind(12, plan.continues)
      .Bind(13, plan.ambition);
  WAYMARK_TRY(upsert.Run());
  WAYMARK_TRY(WritePlanRows(plan));
  WAYMARK_TRY(RecordRevision(plan, result.revision, ctx, result.changes));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kPlans));
  WAYMARK_TRY(tx.Commit());
  return result;
}

}  // namespace waymark::store
