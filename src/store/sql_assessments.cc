// SqlStore: saving and listing assessments, and the marks of indicators whose judgements
// are out of date (indicators_to_judge, migration 19).
#include <limits>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kColumns =
    "indicator_id, area_code, period, period_key, sex, age, category_type, category, value, "
    "lower95, upper95, lower998, upper998, count, denominator, suppressed, value_source, "
    "vs_england, vs_england_998, vs_england_2level, vs_region, vs_region_998, vs_region_2level, "
    "recent_trend, quintile, rank_london, rank_neighbours, neighbours_ranked, rag, rag_rule, "
    "target, comparison_basis";

// Inserts `assessments` inside the caller's transaction, telling `progress` every few thousand.
Status InsertAssessments(Db& db, const std::vector<Assessment>& assessments,
                         Progress* progress = nullptr) {
  constexpr std::size_t kProgressEvery = 1 << 14;
  std::size_t written = 0;
  std::string marks = "?";
  for (int i = 1; i < 32; ++i) marks += ", ?";
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db.Prepare(fmt::format("INSERT INTO assessments ({}) VALUES ({})", kColumns, marks)));
  for (const Assessment& a : assessments) {
    s.Bind(1, a.indicator)
        .Bind(2, a.area)
        .Bind(3, a.period.Label())
        .Bind(4, static_cast<std::int64_t>(a.period.SortKey()))
        .Bind(5, a.breakdown.sex)
        .Bind(6, a.breakdown.age)
        .Bind(7, a.breakdown.category_type)
        .Bind(8, a.breakdown.category);
    const double numbers[] = {a.value,    a.lower95, a.upper95,    a.lower998,
                              a.upper998, a.count,   a.denominator};
    for (int i = 0; i < 7; ++i) s.BindOptional(9 + i, numbers[i]);
    s.Bind(16, a.suppressed ? 1 : 0)
        .Bind(17, a.value_source)
        .Bind(18, a.vs_england)
        .Bind(19, a.vs_england_998)
        .Bind(20, a.vs_england_2level)
        .Bind(21, a.vs_region)
        .Bind(22, a.vs_region_998)
        .Bind(23, a.vs_region_2level)
        .Bind(24, a.recent_trend)
        .Bind(25, a.quintile)
        .Bind(26, a.rank_london)
        .Bind(27, a.rank_neighbours)
        .Bind(28, a.neighbours_ranked)
        .Bind(29, a.rag)
        .Bind(30, a.rag_rule);
    s.BindOptional(31, a.target);
    s.Bind(32, ComparisonBasisCode(a.basis));
    WAYMARK_TRY(s.Run());
    if (++written % kProgressEvery == 0) AdvanceProgress(progress, written, assessments.size());
  }
  AdvanceProgress(progress, written, assessments.size());
  return {};
}

// The number of a new mark: one more than the latest (judge_marks, migration 20).
Result<std::int64_t> NextJudgeMark(Db& db) {
  WAYMARK_TRY(db.Exec("UPDATE judge_marks SET last = last + 1"));
  return db.QueryInt("SELECT last FROM judge_marks");
}

}  // namespace

Status MarkToJudge(Db& db, const std::set<std::string>& indicator_ids) {
  if (indicator_ids.empty()) return {};
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t number, NextJudgeMark(db));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement mark,
      db.Prepare("INSERT INTO indicators_to_judge (indicator_id, marked) VALUES (?1, ?2) "
                 "ON CONFLICT (indicator_id) DO UPDATE SET marked = excluded.marked"));
  for (const std::string& id : indicator_ids) {
    mark.Bind(1, id).Bind(2, number);
    WAYMARK_TRY(mark.Run());
  }
  return {};
}

Status MarkAllToJudge(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(const std::int64_t number, NextJudgeMark(db));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement mark,
      db.Prepare("INSERT INTO indicators_to_judge (indicator_id, marked) SELECT id, ?1 FROM "
                 "indicators WHERE true ON CONFLICT (indicator_id) DO UPDATE SET marked = "
                 "excluded.marked"));
  mark.Bind(1, number);
  return mark.Run();
}

Result<std::int64_t> SqlStore::LastJudgeMark() {
  return db_.QueryInt("SELECT last FROM judge_marks");
}

Result<std::vector<std::string>> SqlStore::IndicatorsToJudge() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("SELECT indicator_id FROM indicators_to_judge ORDER BY indicator_id"));
  std::vector<std::string> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(s.Text(0));
  }
}

Status SqlStore::SaveAssessments(const std::vector<Assessment>& assessments, Progress* progress,
                                 std::optional<std::int64_t> marks_up_to) {
  // One transaction rewrites the table and both its indexes: with SQLite's small default page
  // cache their B-tree pages would be spilled to the log and read back again and again.
  if (db_.dialect() == Dialect::kSqlite) {
    WAYMARK_TRY(db_.Exec("PRAGMA cache_size = -262144"));  // 256 MiB
  }
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(db_.Exec("DELETE FROM assessments"));
  WAYMARK_ASSIGN_OR_RETURN(Statement judged,
                           db_.Prepare("DELETE FROM indicators_to_judge WHERE marked <= ?1"));
  judged.Bind(1, marks_up_to.value_or(std::numeric_limits<std::int64_t>::max()));
  WAYMARK_TRY(judged.Run());
  WAYMARK_TRY(InsertAssessments(db_, assessments, progress));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Status SqlStore::ReplaceAssessments(const std::vector<std::string>& indicators,
                                    const std::vector<Assessment>& assessments,
                                    std::optional<std::int64_t> marks_up_to) {
  const std::set<std::string_view> named(indicators.begin(), indicators.end());
  for (const Assessment& a : assessments) {
    if (!named.contains(a.indicator)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("an assessment of indicator '{}', which is not among the "
                                   "indicators being replaced",
                                   a.indicator));
    }
  }
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Statement clear,
                           db_.Prepare("DELETE FROM assessments WHERE indicator_id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement judged,
      db_.Prepare("DELETE FROM indicators_to_judge WHERE indicator_id = ?1 AND marked <= ?2"));
  for (std::string_view id : named) {
    clear.Bind(1, id);
    WAYMARK_TRY(clear.Run());
    judged.Bind(1, id).Bind(2, marks_up_to.value_or(std::numeric_limits<std::int64_t>::max()));
    WAYMARK_TRY(judged.Run());
  }
  WAYMARK_TRY(InsertAssessments(db_, assessments));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Result<std::vector<Assessment>> SqlStore::ListAssessments(std::string_view indicator,
                                                          std::string_view area) {
  std::string where = "WHERE true";
  if (!indicator.empty()) where += " AND indicator_id = ?";
  if (!area.empty()) where += " AND area_code = ?";
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare(fmt::format("SELECT {} FROM assessments {} ORDER BY indicator_id, sex, age, "
                              "category_type, category, area_code, period_key",
                              kColumns, where)));
  int bound = 0;
  if (!indicator.empty()) s.Bind(++bound, indicator);
  if (!area.empty()) s.Bind(++bound, area);
  std::vector<Assessment> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    Assessment a;
    a.indicator = s.Text(0);
    a.area = s.Text(1);
    a.period = ParsePeriod(s.Text(2)).value_or(Period{});
    a.breakdown = Breakdown{s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
    a.value = s.OptionalDouble(8);
    a.lower95 = s.OptionalDouble(9);
    a.upper95 = s.OptionalDouble(10);
    a.lower998 = s.OptionalDouble(11);
    a.upper998 = s.OptionalDouble(12);
    a.count = s.OptionalDouble(13);
    a.denominator = s.OptionalDouble(14);
    a.suppressed = s.Int(15) != 0;
    a.value_source = InternLabel(s.Text(16));
    a.vs_england = InternLabel(s.Text(17));
    a.vs_england_998 = InternLabel(s.Text(18));
    a.vs_england_2level = InternLabel(s.Text(19));
    a.vs_region = InternLabel(s.Text(20));
    a.vs_region_998 = InternLabel(s.Text(21));
    a.vs_region_2level = InternLabel(s.Text(22));
    a.recent_trend = InternLabel(s.Text(23));
    a.quintile = static_cast<int>(s.Int(24));
    a.rank_london = static_cast<int>(s.Int(25));
    a.rank_neighbours = static_cast<int>(s.Int(26));
    a.neighbours_ranked = static_cast<int>(s.Int(27));
    a.rag = InternLabel(s.Text(28));
    a.rag_rule = s.Text(29);
    a.target = s.OptionalDouble(30);
    a.basis = ParseComparisonBasisCode(s.Text(31)).value_or(ComparisonBasis::kUnknown);
    out.push_back(std::move(a));
  }
}

}  // namespace waymark::store
