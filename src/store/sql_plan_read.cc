// Loading a stored plan back into the plan model, in the order of the plan file.
#include <map>
#include <type_traits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/plan_json.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

// Runs `sql` with the plan id bound to ?1 and calls fn(stmt) for each row. A `fn` that
// returns a Status stops the rows at its first failure, which is returned.
template <typename Fn>
Status ForEachRow(Db& db, std::string_view sql, std::string_view plan_id, Fn&& fn) {
  WAYMARK_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  stmt.Bind(1, plan_id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return {};
    if constexpr (std::is_same_v<std::invoke_result_t<Fn&, const Statement&>, Status>) {
      WAYMARK_TRY(fn(stmt));
    } else {
      fn(stmt);
    }
  }
}

using LinkMap = std::map<std::string, std::vector<std::string>>;

Result<LinkMap> LoadLinks(Db& db, std::string_view sql, std::string_view plan_id) {
  LinkMap links;
  WAYMARK_TRY(ForEachRow(db, sql, plan_id,
                         [&](const Statement& s) { links[s.Text(0)].push_back(s.Text(1)); }));
  return links;
}

Result<LinkMap> LoadOutcomeLinks(Db& db, std::string_view kind, std::string_view plan_id) {
  return LoadLinks(db,
                   fmt::format("SELECT source_id, outcome_id FROM outcome_links WHERE plan_id = "
                               "?1 AND source_kind = '{}' ORDER BY source_id, position",
                               kind),
                   plan_id);
}

std::vector<std::string> Take(LinkMap& links, const std::string& key) {
  auto it = links.find(key);
  return it == links.end() ? std::vector<std::string>{} : std::move(it->second);
}

Status LoadHeader(Db& db, std::string_view plan_id, Plan& plan) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement stmt, db.Prepare("SELECT id, title, organisation, start_date, end_date, status, "
                                 "vision, summary, continues, ambition FROM plans WHERE id = ?"));
  stmt.Bind(1, plan_id);
  WAYMARK_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return MakeError(ErrorCode::kNotFound, fmt::format("no plan '{}'", plan_id));
  plan.id = stmt.Text(0);
  plan.title = stmt.Text(1);
  plan.organisation = stmt.Text(2);
  plan.start = Date::Parse(stmt.Text(3));  // '' (period not stated) reads as unset
  plan.end = Date::Parse(stmt.Text(4));
  plan.status = stmt.Text(5);
  plan.vision = stmt.Text(6);
  plan.summary = stmt.Text(7);
  plan.continues = stmt.Text(8);
  plan.ambition = stmt.Text(9);
  return {};
}

using MeasureMap = std::map<std::string, std::vector<Measure>>;

// The measures of `table`, by the id in `parent_column` (their objective or outcome).
Result<MeasureMap> LoadMeasures(Db& db, std::string_view table, std::string_view parent_column,
                                std::string_view id) {
  MeasureMap measures;
  WAYMARK_TRY(ForEachRow(
      db,
      fmt::format("SELECT {}, id, title, direction, baseline, target FROM {} WHERE plan_id = ?1 "
                  "ORDER BY position",
                  parent_column, table),
      id, [&](const Statement& s) {
        measures[s.Text(0)].push_back(
            Measure{s.Text(1), s.Text(2), ParseDirection(s.Text(3)).value_or(Direction::kNotStated),
                    s.Text(4), s.Text(5)});
      }));
  return measures;
}

// One of an action's lists of links (`column` of `table`), by action id.
Result<LinkMap> LoadActionLinks(Db& db, std::string_view table, std::string_view column,
                                std::string_view id) {
  return LoadLinks(db,
                   fmt::format("SELECT action_id, {} FROM {} WHERE plan_id = ?1 ORDER BY "
                               "action_id, position",
                               column, table),
                   id);
}

// The plan's actions with their links, by the id of the objective they are declared under.
Result<std::map<std::string, std::vector<Action>>> LoadActions(Db& db, std::string_view id) {
  WAYMARK_ASSIGN_OR_RETURN(LinkMap partners,
                           LoadActionLinks(db, "action_partners", "partner_id", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap bodies, LoadActionLinks(db, "action_bodies", "body_id", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap also_serves,
                           LoadActionLinks(db, "action_objectives", "objective_id", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap principles,
                           LoadActionLinks(db, "action_principles", "principle_id", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap badges, LoadActionLinks(db, "action_badges", "badge_id", id));
  std::map<std::string, std::vector<Action>> actions;
  WAYMARK_TRY(ForEachRow(
      db, "SELECT objective_id, id, title FROM actions WHERE plan_id = ?1 ORDER BY position", id,
      [&](const Statement& s) {
        const std::string action_id = s.Text(1);
        actions[s.Text(0)].push_back(Action{action_id, s.Text(2), Take(partners, action_id),
                                            Take(bodies, action_id), Take(also_serves, action_id),
                                            Take(principles, action_id), Take(badges, action_id)});
      }));
  return actions;
}

// The earlier plan's records that the plan's records of `kind` continue, by record id.
Result<LinkMap> LoadContinued(Db& db, std::string_view kind, std::string_view id) {
  return LoadLinks(db,
                   fmt::format("SELECT record_id, earlier_id FROM continued_records WHERE "
                               "plan_id = ?1 AND kind = '{}' ORDER BY record_id, position",
                               kind),
                   id);
}

// A fact from its row (columns 1 to 10 of LoadOutcomes' query). The comparators are JSON that
// this store wrote; anything else is a corrupt row, returned as an error.
Result<Fact> FactFromRow(const Statement& s) {
  Fact fact{s.Text(1), s.Text(2), s.Text(3)};
  if (!s.IsNull(4)) fact.figure = s.Double(4);
  fact.unit = ParseFactUnit(s.Text(5));
  fact.period = s.Text(6);
  fact.area = s.Text(7);
  const auto comparators = nlohmann::json::parse(s.Text(8), nullptr, false);
  if (!comparators.is_array()) {
    return MakeError(ErrorCode::kInternal,
                     fmt::format("fact '{}': stored comparators are not a JSON array", fact.label));
  }
  for (const auto& c : comparators) {
    if (!c.is_object() || !c.value("area", nlohmann::json()).is_string() ||
        !c.value("figure", nlohmann::json()).is_number()) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("fact '{}': a stored comparator lacks its area or figure",
                                   fact.label));
    }
    fact.comparators.push_back(
        FactComparator{c["area"].get<std::string>(), c["figure"].get<double>()});
  }
  fact.source = s.Text(9);
  fact.indicator = s.Text(10);
  return fact;
}

Status LoadOutcomes(Db& db, std::string_view id, Plan& plan) {
  std::map<std::string, std::vector<Fact>> facts;
  WAYMARK_TRY(ForEachRow(db,
                         "SELECT outcome_id, label, value, detail, figure, unit, period, area, "
                         "comparators, source, indicator FROM facts WHERE plan_id = ?1 "
                         "ORDER BY outcome_id, position",
                         id, [&](const Statement& s) -> Status {
                           WAYMARK_ASSIGN_OR_RETURN(Fact fact, FactFromRow(s));
                           facts[s.Text(0)].push_back(std::move(fact));
                           return {};
                         }));
  plan.facts = std::move(facts[""]);
  WAYMARK_ASSIGN_OR_RETURN(
      LinkMap voice,
      LoadLinks(db,
                "SELECT outcome_id, text FROM voice WHERE plan_id = ?1 ORDER BY outcome_id, "
                "position",
                id));
  WAYMARK_ASSIGN_OR_RETURN(MeasureMap measures, LoadMeasures(db, "measures", "objective_id", id));
  WAYMARK_ASSIGN_OR_RETURN(MeasureMap outcome_measures,
                           LoadMeasures(db, "outcome_measures", "outcome_id", id));
  WAYMARK_ASSIGN_OR_RETURN(auto actions, LoadActions(db, id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap continued_outcomes, LoadContinued(db, "outcome", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap across, LoadOutcomeLinks(db, "priority", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap continued_objectives, LoadContinued(db, "objective", id));
  std::map<std::string, std::vector<Objective>> objectives;
  WAYMARK_TRY(ForEachRow(db,
                         "SELECT outcome_id, id, title, description FROM objectives WHERE "
                         "plan_id = ?1 ORDER BY position",
                         id, [&](const Statement& s) {
                           const std::string objective_id = s.Text(1);
                           objectives[s.Text(0)].push_back(Objective{
                               objective_id, s.Text(2), s.Text(3),
                               std::move(measures[objective_id]), std::move(actions[objective_id]),
                               Take(continued_objectives, objective_id)});
                         }));
  return ForEachRow(
      db,
      "SELECT id, title, description, kind, children_promised, children_did, "
      "children_next, badge FROM outcomes WHERE plan_id = ?1 ORDER BY position",
      id, [&](const Statement& s) -> Status {
                      const std::string outcome_id = s.Text(0);
                      const std::optional<OutcomeKind> kind = ParseOutcomeKind(s.Text(3));
                      if (!kind) {
                        return MakeError(ErrorCode::kInternal,
                                         fmt::format("outcome '{}': stored kind '{}' is not "
                                                     "outcome, theme, stage or priority",
                                                     outcome_id, s.Text(3)));
                      }
                      plan.outcomes.push_back(Outcome{
                          outcome_id, s.Text(1), s.Text(2), *kind,
                          std::move(facts[outcome_id]),
                          Take(voice, outcome_id), std::move(objectives[outcome_id]),
                          ChildrensWords{s.Text(4), s.Text(5), s.Text(6)},
                          std::move(outcome_measures[outcome_id]), s.Text(7),
                          Take(continued_outcomes, outcome_id), Take(across, outcome_id)});
                      return {};
      });
}

Status LoadStrategies(Db& db, std::string_view id, Plan& plan) {
  WAYMARK_ASSIGN_OR_RETURN(LinkMap strategy_links, LoadOutcomeLinks(db, "strategy", id));
  WAYMARK_ASSIGN_OR_RETURN(LinkMap objective_links, LoadOutcomeLinks(db, "strategy_objective", id));
  std::map<std::string, std::vector<StrategyObjective>> objectives;
  WAYMARK_TRY(ForEachRow(db,
                         "SELECT strategy_id, id, title, kind FROM strategy_objectives WHERE "
                         "plan_id = ?1 ORDER BY position",
                         id, [&](const Statement& s) {
                           const std::string oid = s.Text(1);
                           objectives[s.Text(0)].push_back(StrategyObjective{
                               oid, s.Text(2), Take(objective_links, oid),
                               ParseAimKind(s.Text(3)).value_or(AimKind::kObjective)});
                         }));
  WAYMARK_ASSIGN_OR_RETURN(
      LinkMap signatories,
      LoadLinks(db,
                "SELECT text_position, partner_id FROM text_signatories WHERE plan_id = ?1 "
                "ORDER BY text_position, position",
                id));
  WAYMARK_TRY(ForEachRow(
      db,
      "SELECT position, kind, title, body, by_name, by_role FROM plan_texts WHERE plan_id = ?1 "
      "ORDER BY position",
      id, [&](const Statement& s) {
        plan.texts.push_back(PlanText{ParseTextKind(s.Text(1)).value_or(TextKind::kForeword),
                                      s.Text(2), s.Text(3), s.Text(4), s.Text(5),
                                      Take(signatories, s.Text(0))});
      }));
  WAYMARK_TRY(ForEachRow(db,
                         "SELECT body_id, role FROM governance WHERE plan_id = ?1 ORDER BY "
                         "position",
                         id, [&](const Statement& s) {
                           plan.governance.push_back(GovernanceRole{s.Text(0), s.Text(1)});
                         }));
  return ForEachRow(
      db,
      "SELECT id, title, description, period, owner, overseen_by, approved_by, approved_on, "
      "aims_by FROM strategies WHERE plan_id = ?1 ORDER BY position",
      id, [&](const Statement& s) {
        const std::string sid = s.Text(0);
        std::optional<int> aims_by;
        if (!s.IsNull(8)) aims_by = static_cast<int>(s.Int(8));
        plan.strategies.push_back(Strategy{sid, s.Text(1), s.Text(2), s.Text(3),
                                           Take(strategy_links, sid), std::move(objectives[sid]),
                                           s.Text(4), s.Text(5), s.Text(6),
                                           PartialDate::Parse(s.Text(7)), aims_by});
      });
}

Status LoadIndex(Db& db, std::string_view id, Plan& plan) {
  WAYMARK_ASSIGN_OR_RETURN(LinkMap links, LoadOutcomeLinks(db, "index_measure", id));
  std::string method;
  WAYMARK_TRY(ForEachRow(db,
                         "SELECT id, title, description, method FROM indices WHERE plan_id = ?1",
                         id, [&](const Statement& s) {
                           plan.index = CompositeIndex{};
                           plan.index->id = s.Text(0);
                           plan.index->title = s.Text(1);
                           plan.index->description = s.Text(2);
                           method = s.Text(3);
                         }));
  if (!plan.index) return {};
  WAYMARK_ASSIGN_OR_RETURN(plan.index->method, ingest::IndexMethodFromJson(method));
  return ForEachRow(db,
                    "SELECT id, title, weight, polarity, goalpost_low, goalpost_high FROM "
                    "index_measures WHERE plan_id = ?1 "
                    "ORDER BY position",
                    id, [&](const Statement& s) {
                      IndexMeasure measure;
                      measure.id = s.Text(0);
                      measure.title = s.Text(1);
                      measure.outcomes = Take(links, measure.id);
                      if (!s.IsNull(2)) measure.weight = s.Double(2);
                      measure.polarity = s.Text(3);
                      if (!s.IsNull(4) && !s.IsNull(5)) {
                        measure.goalposts = std::make_pair(s.Double(4), s.Double(5));
                      }
                      plan.index->measures.push_back(std::move(measure));
                    });
}

}  // namespace

Result<Plan> SqlStore::LoadPlan(std::string_view plan_id) {
  Plan plan;
  WAYMARK_TRY(LoadHeader(db_, plan_id, plan));
  WAYMARK_TRY(ForEachRow(db_,
                         "SELECT id, title, description FROM principles WHERE plan_id = ?1 "
                         "ORDER BY position",
                         plan_id, [&](const Statement& s) {
                           plan.principles.push_back(Principle{s.Text(0), s.Text(1), s.Text(2)});
                         }));
  WAYMARK_TRY(
      ForEachRow(db_,
                 "SELECT id, title, description, foundational FROM badges WHERE "
                 "plan_id = ?1 ORDER BY position",
                 plan_id, [&](const Statement& s) {
                   plan.badges.push_back(Badge{s.Text(0), s.Text(1), s.Text(2), s.Int(3) != 0});
                 }));
  WAYMARK_TRY(ForEachRow(db_,
                         "SELECT id, name, kind FROM partners WHERE plan_id = ?1 ORDER BY position",
                         plan_id, [&](const Statement& s) {
                           plan.partners.push_back(Partner{s.Text(0), s.Text(1), s.Text(2)});
                         }));
  WAYMARK_TRY(ForEachRow(db_,
                         "SELECT id, name, kind FROM bodies WHERE plan_id = ?1 ORDER BY position",
                         plan_id, [&](const Statement& s) {
                           plan.bodies.push_back(MonitoringBody{s.Text(0), s.Text(1), s.Text(2)});
                         }));
  WAYMARK_TRY(
      ForEachRow(db_,
                 "SELECT activity, count, description FROM participation WHERE plan_id "
                 "= ?1 ORDER BY position",
                 plan_id, [&](const Statement& s) {
                   plan.participation.push_back(Participation{s.Text(0), s.Text(1), s.Text(2)});
                 }));
  WAYMARK_TRY(LoadOutcomes(db_, plan_id, plan));
  WAYMARK_TRY(LoadStrategies(db_, plan_id, plan));
  WAYMARK_TRY(LoadIndex(db_, plan_id, plan));
  return plan;
}

}  // namespace waymark::store
