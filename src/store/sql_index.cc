// SqlStore: saving and loading a plan's computed composite index (migration 3 and 4 tables).
#include <algorithm>
#include <map>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string id;
  while (std::getline(in, id, ',')) {
    if (!id.empty()) out.push_back(id);
  }
  return out;
}

Status DeletePlanResults(Db& db, const std::string& plan_id) {
  for (const char* table :
       {"index_runs", "index_results", "index_measure_scores", "index_sensitivity"}) {
    WAYMARK_ASSIGN_OR_RETURN(Statement del,
                             db.Prepare(fmt::format("DELETE FROM {} WHERE plan_id = ?1", table)));
    del.Bind(1, plan_id);
    WAYMARK_TRY(del.Run());
  }
  return {};
}

Status InsertRows(Db& db, const IndexResults& results) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement row,
      db.Prepare("INSERT INTO index_results (plan_id, area_code, year, score, rank, rank_median, "
                 "rank_p05, rank_p95) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement measure,
      db.Prepare("INSERT INTO index_measure_scores (plan_id, area_code, year, measure_id, score, "
                 "contribution) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (const IndexAreaYear& r : results.rows) {
    row.Bind(1, results.plan_id).Bind(2, r.area).Bind(3, r.year);
    row.BindOptional(4, r.score);
    row.BindOptional(5, r.rank);
    row.BindOptional(6, r.rank_median);
    row.BindOptional(7, r.rank_p05);
    row.BindOptional(8, r.rank_p95);
    WAYMARK_TRY(row.Run());
    for (const IndexMeasureScore& m : r.measures) {
      measure.Bind(1, results.plan_id).Bind(2, r.area).Bind(3, r.year).Bind(4, m.measure);
      measure.BindOptional(5, m.score);
      measure.BindOptional(6, m.contribution);
      WAYMARK_TRY(measure.Run());
    }
  }
  return {};
}

Status InsertSensitivity(Db& db, const IndexResults& results) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement row,
      db.Prepare("INSERT INTO index_sensitivity (plan_id, position, factor, first, total, "
                 "first_p05, first_p95, total_p05, total_p95) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                 "?7, ?8, ?9)"));
  for (std::size_t i = 0; i < results.sensitivity.size(); ++i) {
    const IndexSensitivity& s = results.sensitivity[i];
    row.Bind(1, results.plan_id).Bind(2, static_cast<int>(i)).Bind(3, s.factor);
    row.BindOptional(4, s.first).BindOptional(5, s.total);
    row.BindOptional(6, s.first_p05).BindOptional(7, s.first_p95);
    row.BindOptional(8, s.total_p05).BindOptional(9, s.total_p95);
    WAYMARK_TRY(row.Run());
  }
  return {};
}

Status LoadSensitivity(Db& db, std::string_view plan_id, IndexResults& results) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement rows,
      db.Prepare("SELECT factor, first, total, first_p05, first_p95, total_p05, total_p95 FROM "
                 "index_sensitivity WHERE plan_id = ?1 ORDER BY position"));
  rows.Bind(1, plan_id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool more, rows.Step());
    if (!more) return {};
    results.sensitivity.push_back(IndexSensitivity{
        rows.Text(0), rows.OptionalDouble(1), rows.OptionalDouble(2), rows.OptionalDouble(3),
        rows.OptionalDouble(4), rows.OptionalDouble(5), rows.OptionalDouble(6)});
  }
}

}  // namespace

Status SqlStore::SaveIndexResults(const IndexResults& results) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(DeletePlanResults(db_, results.plan_id));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement run,
      db_.Prepare("INSERT INTO index_runs (plan_id, computed_at, comparison, runs, seed, "
                  "measures_used, measures_awaiting, measures_goalposts, failed_runs, "
                  "sensitivity_runs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  run.Bind(1, results.plan_id)
      .Bind(2, results.computed_at)
      .Bind(3, results.comparison)
      .Bind(4, results.runs)
      .Bind(5, static_cast<std::int64_t>(results.seed))
      .Bind(6, fmt::format("{}", fmt::join(results.measures_used, ",")))
      .Bind(7, fmt::format("{}", fmt::join(results.measures_awaiting, ",")))
      .Bind(8, fmt::format("{}", fmt::join(results.measures_goalposts, ",")))
      .Bind(9, results.failed_runs)
      .Bind(10, results.sensitivity_runs);
  WAYMARK_TRY(run.Run());
  WAYMARK_TRY(InsertRows(db_, results));
  WAYMARK_TRY(InsertSensitivity(db_, results));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Result<IndexResults> SqlStore::LoadIndexResults(std::string_view plan_id) {
  IndexResults results;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement run,
      db_.Prepare("SELECT computed_at, comparison, runs, seed, measures_used, measures_awaiting, "
                  "measures_goalposts, failed_runs, sensitivity_runs FROM index_runs WHERE "
                  "plan_id = ?1"));
  run.Bind(1, plan_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, run.Step());
  if (!found) {
    return MakeError(
        ErrorCode::kNotFound,
        fmt::format("no index results for plan '{}'; run 'waymark index compute'", plan_id));
  }
  results.plan_id = std::string(plan_id);
  results.computed_at = run.Text(0);
  results.comparison = run.Text(1);
  results.runs = static_cast<int>(run.Int(2));
  results.seed = static_cast<std::uint64_t>(run.Int(3));
  results.measures_used = SplitIds(run.Text(4));
  results.measures_awaiting = SplitIds(run.Text(5));
  results.measures_goalposts = SplitIds(run.Text(6));
  results.failed_runs = static_cast<int>(run.Int(7));
  results.sensitivity_runs = static_cast<int>(run.Int(8));
  WAYMARK_TRY(LoadSensitivity(db_, plan_id, results));

  std::map<std::pair<int, std::string>, std::size_t> row_of;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement rows,
      db_.Prepare("SELECT area_code, year, score, rank, rank_median, rank_p05, rank_p95 FROM "
                  "index_results WHERE plan_id = ?1 ORDER BY year, area_code"));
  rows.Bind(1, plan_id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool more, rows.Step());
    if (!more) break;
    IndexAreaYear r;
    r.area = rows.Text(0);
    r.year = static_cast<int>(rows.Int(1));
    r.score = rows.OptionalDouble(2);
    r.rank = rows.OptionalDouble(3);
    r.rank_median = rows.OptionalDouble(4);
    r.rank_p05 = rows.OptionalDouble(5);
    r.rank_p95 = rows.OptionalDouble(6);
    row_of[{r.year, r.area}] = results.rows.size();
    results.rows.push_back(std::move(r));
  }
  std::map<std::string, std::size_t> measure_order;
  for (std::size_t i = 0; i < results.measures_used.size(); ++i) {
    measure_order[results.measures_used[i]] = i;
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement measures,
      db_.Prepare("SELECT area_code, year, measure_id, score, contribution FROM "
                  "index_measure_scores WHERE plan_id = ?1"));
  measures.Bind(1, plan_id);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool more, measures.Step());
    if (!more) break;
    const auto it = row_of.find({static_cast<int>(measures.Int(1)), measures.Text(0)});
    if (it == row_of.end()) continue;
    results.rows[it->second].measures.push_back(IndexMeasureScore{
        measures.Text(2), measures.OptionalDouble(3), measures.OptionalDouble(4)});
  }
  for (IndexAreaYear& r : results.rows) {
    std::sort(r.measures.begin(), r.measures.end(),
              [&](const IndexMeasureScore& a, const IndexMeasureScore& b) {
                return measure_order[a.measure] < measure_order[b.measure];
              });
  }
  return results;
}

}  // namespace waymark::store
