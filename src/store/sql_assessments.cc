// SqlStore: saving and listing assessments (one block per series, judgement_block.h), packing
// the rows of schema versions before 26, and the marks of indicators whose judgements
// are out of date (indicators_to_judge, migration 19).
#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/headline.h"
#include "store/judgement_block.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

// A series' key within one indicator.
using SeriesKey = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view,
                             std::string_view>;  // area, sex, age, type, category

SeriesKey KeyOf(const Assessment& a) {
  return {a.area, a.breakdown.sex, a.breakdown.age, a.breakdown.category_type,
          a.breakdown.category};
}

bool SameSeries(const Assessment& x, const Assessment& y) {
  return x.indicator == y.indicator && KeyOf(x) == KeyOf(y);
}

struct SeriesKeyHash {
  std::size_t operator()(const std::pair<std::string_view, SeriesKey>& k) const {
    std::size_t h = std::hash<std::string_view>{}(k.first);
    std::apply(
        [&h](auto... part) {
          ((h = h * 1099511628211U ^ std::hash<std::string_view>{}(part)), ...);
        },
        k.second);
    return h;
  }
};

// `rows` grouped by indicator and series (in the order each first appears), each series in
// period order: the blocks to write, viewing `grouped`. Rows usually come a series at a time,
// so a key is looked up once a run of rows, not once a row.
std::vector<std::span<const Assessment* const>> GroupBySeries(
    const std::vector<Assessment>& rows, std::vector<const Assessment*>& grouped) {
  std::unordered_map<std::pair<std::string_view, SeriesKey>, std::size_t, SeriesKeyHash> index;
  std::vector<std::size_t> group_of(rows.size());
  std::vector<std::size_t> starts;  // each group's row count, then where it starts
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin + 1;
    while (end < rows.size() && SameSeries(rows[end], rows[begin])) ++end;
    const auto [it, added] =
        index.try_emplace({rows[begin].indicator, KeyOf(rows[begin])}, starts.size());
    if (added) starts.push_back(0);
    for (std::size_t i = begin; i < end; ++i) group_of[i] = it->second;
    starts[it->second] += end - begin;
    begin = end;
  }
  std::vector<std::span<const Assessment* const>> out;
  out.reserve(starts.size());
  grouped.assign(rows.size(), nullptr);
  std::size_t at = 0;
  for (std::size_t& start : starts) {
    out.push_back(std::span(grouped).subspan(at, start));
    at += std::exchange(start, at);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) grouped[starts[group_of[i]]++] = &rows[i];
  const auto by_period = [](const Assessment* x, const Assessment* y) {
    return x->period.SortKey() < y->period.SortKey();
  };
  for (std::size_t g = 0; g < out.size(); ++g) {
    const std::span<const Assessment*> one =
        std::span(grouped).subspan(starts[g] - out[g].size(), out[g].size());
    if (!std::is_sorted(one.begin(), one.end(), by_period)) {
      std::stable_sort(one.begin(), one.end(), by_period);
    }
  }
  return out;
}

// The method and multiplier that an indicator's stored definition (ingest::IndicatorToJson)
// names; none when it names no known method or no multiplier.
JudgementMethod MethodOfDefinition(std::string_view document) {
  const auto json = nlohmann::json::parse(document, nullptr, false);
  if (!json.is_object()) return {};
  const auto method = json.find("method");
  const auto multiplier = json.find("multiplier");
  if (method == json.end() || !method->is_string() || multiplier == json.end() ||
      !multiplier->is_number()) {
    return {};
  }
  const auto parsed = ParseCiMethod(method->get<std::string>());
  if (!parsed) return {};
  return {*parsed, multiplier->get<double>()};
}

// Writes judgements as one block per series (judgement_block.h), inside the caller's
// transaction: the series of each indicator are looked up once, and added when the indicator
// has no figures for one (a judgement needs a series to hang on).
class JudgementWriter {
 public:
  static Result<JudgementWriter> Prepare(Db& db) {
    WAYMARK_ASSIGN_OR_RETURN(
        Statement list,
        db.Prepare("SELECT id, area_code, sex, age, category_type, category FROM series WHERE "
                   "indicator_id = ?"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement add,
        db.Prepare("INSERT INTO series (indicator_id, area_code, sex, age, category_type, "
                   "category) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement write,
        db.Prepare("INSERT INTO series_judgements (series_id, judgements, data) VALUES (?, ?, ?)"));
    WAYMARK_ASSIGN_OR_RETURN(Statement definition,
                             db.Prepare("SELECT document FROM indicators WHERE id = ?"));
    return JudgementWriter(std::move(list), std::move(add), std::move(write),
                           std::move(definition));
  }

  // Writes `rows` (any order, each series' rows not yet stored), telling `progress` of
  // `total` every few thousand.
  Status Write(const std::vector<Assessment>& rows, Progress* progress = nullptr,
               std::size_t total = 0) {
    std::vector<const Assessment*> grouped;
    // Written in the order of their series' numbers, so that each block is appended to the
    // table and its pages are filled (blocks inserted out of order leave pages half empty).
    std::vector<std::pair<std::int64_t, std::span<const Assessment* const>>> blocks;
    for (const std::span<const Assessment* const> series : GroupBySeries(rows, grouped)) {
      WAYMARK_ASSIGN_OR_RETURN(const std::int64_t id, SeriesId(*series.front()));
      blocks.emplace_back(id, series);
    }
    std::sort(blocks.begin(), blocks.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [id, series] : blocks) {
      EncodeJudgements(series, method_, block_);
      write_.Bind(1, id).Bind(2, static_cast<std::int64_t>(series.size()));
      write_.BindBlobUncopied(3, block_);
      WAYMARK_TRY(write_.Run());
      constexpr std::size_t kProgressEvery = 1 << 14;
      if ((written_ + series.size()) / kProgressEvery != written_ / kProgressEvery) {
        AdvanceProgress(progress, written_ + series.size(), total);
      }
      written_ += series.size();
    }
    AdvanceProgress(progress, written_, total);
    return {};
  }

 private:
  JudgementWriter(Statement list, Statement add, Statement write, Statement definition)
      : list_(std::move(list)),
        add_(std::move(add)),
        write_(std::move(write)),
        definition_(std::move(definition)) {}

  // The number of `first`'s series, added when its indicator has no figures for it.
  Result<std::int64_t> SeriesId(const Assessment& first) {
    if (first.indicator != indicator_) WAYMARK_TRY(ListSeries(first.indicator));
    if (const auto it = series_.find(KeyOf(first)); it != series_.end()) return it->second;
    add_.Bind(1, first.indicator).Bind(2, first.area).Bind(3, first.breakdown.sex);
    add_.Bind(4, first.breakdown.age).Bind(5, first.breakdown.category_type);
    add_.Bind(6, first.breakdown.category);
    WAYMARK_ASSIGN_OR_RETURN(const bool added, add_.Step());
    if (!added) return MakeError(ErrorCode::kInternal, "a new series was given no number");
    const std::int64_t id = add_.Int(0);
    add_.Reset();
    Remember(first.area, first.breakdown, id);
    return id;
  }

  Status ListSeries(const std::string& indicator) {
    indicator_ = indicator;
    series_.clear();
    names_.clear();
    WAYMARK_TRY(ReadMethod(indicator));
    list_.Bind(1, indicator);
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(const bool row, list_.Step());
      if (!row) break;
      Remember(list_.Text(1), Breakdown{list_.Text(2), list_.Text(3), list_.Text(4), list_.Text(5)},
               list_.Int(0));
    }
    list_.Reset();
    return {};
  }

  // The method of `indicator`'s stored definition, with which its blocks omit the numbers
  // that the counts give back (judgement_block.h). An indicator not catalogued, or a
  // definition naming no method and multiplier, gives none: its judgements keep every number.
  Status ReadMethod(const std::string& indicator) {
    method_ = {};
    definition_.Bind(1, indicator);
    WAYMARK_ASSIGN_OR_RETURN(const bool found, definition_.Step());
    if (found) method_ = MethodOfDefinition(definition_.TextView(0));
    definition_.Reset();
    return {};
  }

  // Keeps the series' number under its key, whose texts names_ holds (a deque: what it holds
  // never moves).
  void Remember(std::string_view area, const Breakdown& b, std::int64_t id) {
    std::array<std::string_view, 5> parts;
    const std::array<std::string_view, 5> texts = {area, b.sex, b.age, b.category_type, b.category};
    for (std::size_t i = 0; i < texts.size(); ++i) parts[i] = names_.emplace_back(texts[i]);
    series_.emplace(SeriesKey{parts[0], parts[1], parts[2], parts[3], parts[4]}, id);
  }

  Statement list_, add_, write_, definition_;
  std::string indicator_;
  JudgementMethod method_;
  std::deque<std::string> names_;
  std::map<SeriesKey, std::int64_t> series_;
  std::string block_;
  std::size_t written_ = 0;
};

Status NotBeingReplaced(std::string_view indicator) {
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("an assessment of indicator '{}', which is not among the "
                               "indicators being replaced",
                               indicator));
}

// Deletes the stored judgements of `indicators` (every one when `everything`) and their marks
// to judge again (every mark when `everything`) made up to `marks_up_to` (all when unset).
Status ClearJudgements(Db& db, const std::vector<std::string>& indicators, bool everything,
                       std::optional<std::int64_t> marks_up_to) {
  const std::int64_t up_to = marks_up_to.value_or(std::numeric_limits<std::int64_t>::max());
  if (everything) {
    WAYMARK_TRY(db.Exec("DELETE FROM series_judgements"));
    WAYMARK_ASSIGN_OR_RETURN(Statement judged,
                             db.Prepare("DELETE FROM indicators_to_judge WHERE marked <= ?1"));
    judged.Bind(1, up_to);
    return judged.Run();
  }
  WAYMARK_ASSIGN_OR_RETURN(Statement clear,
                           db.Prepare("DELETE FROM series_judgements WHERE series_id IN "
                                      "(SELECT id FROM series WHERE indicator_id = ?)"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement judged,
      db.Prepare("DELETE FROM indicators_to_judge WHERE indicator_id = ?1 AND marked <= ?2"));
  for (const std::string& id : std::set<std::string>(indicators.begin(), indicators.end())) {
    clear.Bind(1, id);
    WAYMARK_TRY(clear.Run());
    judged.Bind(1, id).Bind(2, up_to);
    WAYMARK_TRY(judged.Run());
  }
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
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(ClearJudgements(db_, {}, true, marks_up_to));
  WAYMARK_ASSIGN_OR_RETURN(JudgementWriter writer, JudgementWriter::Prepare(db_));
  WAYMARK_TRY(writer.Write(assessments, progress, assessments.size()));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Status SqlStore::ReplaceAssessments(const std::vector<std::string>& indicators,
                                    const std::vector<Assessment>& assessments,
                                    std::optional<std::int64_t> marks_up_to) {
  const std::set<std::string_view> named(indicators.begin(), indicators.end());
  for (const Assessment& a : assessments) {
    if (!named.contains(a.indicator)) return NotBeingReplaced(a.indicator);
  }
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(ClearJudgements(db_, indicators, false, marks_up_to));
  WAYMARK_ASSIGN_OR_RETURN(JudgementWriter writer, JudgementWriter::Prepare(db_));
  WAYMARK_TRY(writer.Write(assessments));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Status SqlStore::JudgeAndSave(const std::vector<std::string>& indicators, bool everything,
                              const JudgeFigures& judge, Progress* progress,
                              std::optional<std::int64_t> marks_up_to) {
  WAYMARK_TRY(UseBulkWriteCache(db_));
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(ClearJudgements(db_, indicators, everything, marks_up_to));
  WAYMARK_ASSIGN_OR_RETURN(JudgementWriter writer, JudgementWriter::Prepare(db_));
  std::uint64_t judged = 0;
  AdvanceProgress(progress, 0, indicators.size());
  std::vector<Observation> read;  // one indicator's figures at a time, its memory kept
  for (const std::string& id : indicators) {
    WAYMARK_TRY(ReadObservations(id, read, nullptr));
    WAYMARK_ASSIGN_OR_RETURN(const std::vector<Assessment> rows, judge(id, read));
    for (const Assessment& a : rows) {
      if (a.indicator != id) return NotBeingReplaced(a.indicator);
    }
    WAYMARK_TRY(writer.Write(rows));
    AdvanceProgress(progress, ++judged, indicators.size());
  }
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Status SqlStore::ForEachAssessmentSeries(
    std::string_view indicator, std::string_view area,
    const std::function<Status(std::vector<Assessment>& series)>& each) {
  // One indicator at a time: PostgreSQL hands over a statement's whole result at once.
  std::vector<std::string> indicators;
  if (indicator.empty()) {
    WAYMARK_ASSIGN_OR_RETURN(
        Statement judged,
        db_.Prepare("SELECT DISTINCT s.indicator_id FROM series s JOIN series_judgements j ON "
                    "j.series_id = s.id ORDER BY s.indicator_id"));
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(const bool row, judged.Step());
      if (!row) break;
      indicators.push_back(judged.Text(0));
    }
  } else {
    indicators.emplace_back(indicator);
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare(fmt::format("SELECT s.area_code, s.sex, s.age, s.category_type, s.category, "
                              "j.data FROM series s JOIN series_judgements j ON j.series_id = "
                              "s.id WHERE s.indicator_id = ?{} ORDER BY s.sex, s.age, "
                              "s.category_type, s.category, s.area_code",
                              area.empty() ? "" : " AND s.area_code = ?")));
  std::vector<Assessment> rows;
  JudgementSeries series;
  for (const std::string& id : indicators) {
    s.Bind(1, id);
    if (!area.empty()) s.Bind(2, area);
    series.indicator = id;
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(const bool row, s.Step());
      if (!row) break;
      series.area = s.Text(0);
      series.breakdown = Breakdown{s.Text(1), s.Text(2), s.Text(3), s.Text(4)};
      rows.clear();
      WAYMARK_TRY(DecodeJudgements(s.BlobView(5), series, rows));
      WAYMARK_TRY(each(rows));
    }
    s.Reset();
  }
  return {};
}

Result<std::vector<Assessment>> SqlStore::ListAssessments(std::string_view indicator,
                                                          std::string_view area) {
  std::vector<Assessment> out;
  WAYMARK_TRY(ForEachAssessmentSeries(indicator, area, [&out](std::vector<Assessment>& series) {
    out.insert(out.end(), std::make_move_iterator(series.begin()),
               std::make_move_iterator(series.end()));
    return Status{};
  }));
  return out;
}

Result<std::vector<Assessment>> SqlStore::ListHeadlineAssessments(std::string_view indicator) {
  const std::string one = indicator.empty() ? "" : "WHERE s.indicator_id = ? ";
  WAYMARK_ASSIGN_OR_RETURN(
      Statement counts,
      db_.Prepare("SELECT s.indicator_id, s.sex, s.age, s.category_type, s.category, "
                  "sum(j.judgements) FROM series s JOIN series_judgements j ON j.series_id = "
                  "s.id " +
                  one + "GROUP BY s.indicator_id, s.sex, s.age, s.category_type, s.category"));
  if (!indicator.empty()) counts.Bind(1, indicator);
  std::map<std::string, std::map<Breakdown, std::size_t>> breakdowns;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool row, counts.Step());
    if (!row) break;
    breakdowns[counts.Text(0)][Breakdown{counts.Text(1), counts.Text(2), counts.Text(3),
                                         counts.Text(4)}] = static_cast<std::size_t>(counts.Int(5));
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement blocks,
      db_.Prepare("SELECT s.area_code, j.data FROM series s JOIN series_judgements j ON "
                  "j.series_id = s.id WHERE s.indicator_id = ? AND s.sex = ? AND s.age = ? AND "
                  "s.category_type = ? AND s.category = ? ORDER BY s.area_code"));
  std::vector<std::pair<const std::string*, Breakdown>> headlines;
  std::size_t total = 0;
  for (const auto& [id, counted] : breakdowns) {
    std::optional<Breakdown> headline = HeadlineBreakdown(counted);
    if (!headline) continue;
    total += counted.at(*headline);
    headlines.emplace_back(&id, std::move(*headline));
  }
  std::vector<Assessment> out;
  out.reserve(total);  // each judgement made once, in place
  JudgementSeries series;
  for (const auto& [id, headline] : headlines) {
    series.indicator = *id;
    series.breakdown = headline;
    blocks.Bind(1, *id).Bind(2, headline.sex).Bind(3, headline.age);
    blocks.Bind(4, headline.category_type).Bind(5, headline.category);
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(const bool row, blocks.Step());
      if (!row) break;
      series.area = blocks.Text(0);
      WAYMARK_TRY(DecodeJudgements(blocks.BlobView(1), series, out));
    }
    blocks.Reset();
  }
  return out;
}

// Column `column` of an old assessments row as a label; words of no label are an error naming
// the column and the words.
template <typename Label>
Status ReadLabel(Statement& rows, int column, std::optional<Label> (*parse)(std::string_view),
                 Label& out) {
  const std::string words = rows.Text(column);
  const auto label = parse(words);
  if (!label) {
    return MakeError(ErrorCode::kInternal,
                     fmt::format("stored assessments: {} '{}' is not a judgement label",
                                 rows.ColumnName(column), words));
  }
  out = *label;
  return {};
}

Status PackAssessmentRows(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement rows,
      db.Prepare("SELECT indicator_id, area_code, period, sex, age, category_type, category, "
                 "value, lower95, upper95, lower998, upper998, count, denominator, suppressed, "
                 "value_source, vs_england, vs_england_998, vs_england_2level, vs_region, "
                 "vs_region_998, vs_region_2level, recent_trend, quintile, rank_london, "
                 "rank_neighbours, neighbours_ranked, rag, rag_rule, target, comparison_basis "
                 "FROM assessments ORDER BY indicator_id"));
  WAYMARK_ASSIGN_OR_RETURN(JudgementWriter writer, JudgementWriter::Prepare(db));
  std::vector<Assessment> indicator;  // the rows of one indicator, written together
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row || (!indicator.empty() && indicator.front().indicator != rows.Text(0))) {
      WAYMARK_TRY(writer.Write(indicator));
      indicator.clear();
    }
    if (!row) break;
    Assessment& a = indicator.emplace_back();
    a.indicator = rows.Text(0);
    a.area = rows.Text(1);
    const auto period = ParsePeriod(rows.Text(2));
    if (!period) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("stored period '{}' is not understood", rows.Text(2)));
    }
    a.period = *period;
    a.breakdown = Breakdown{rows.Text(3), rows.Text(4), rows.Text(5), rows.Text(6)};
    const std::array<double*, 7> numbers = {&a.value,    &a.lower95, &a.upper95,    &a.lower998,
                                            &a.upper998, &a.count,   &a.denominator};
    for (int i = 0; i < 7; ++i) *numbers[i] = rows.OptionalDouble(7 + i);
    a.suppressed = rows.Int(14) != 0;
    WAYMARK_TRY(ReadLabel(rows, 15, ParseValueSource, a.value_source));
    const std::array<Comparison*, 6> comparisons = ComparisonsOf(a);  // columns 16 to 21
    for (int i = 0; i < 6; ++i) {
      WAYMARK_TRY(ReadLabel(rows, 16 + i, ParseComparison, *comparisons[i]));
    }
    WAYMARK_TRY(ReadLabel(rows, 22, ParseRecentTrend, a.recent_trend));
    a.quintile = static_cast<int>(rows.Int(23));
    a.rank_london = static_cast<int>(rows.Int(24));
    a.rank_neighbours = static_cast<int>(rows.Int(25));
    a.neighbours_ranked = static_cast<int>(rows.Int(26));
    WAYMARK_TRY(ReadLabel(rows, 27, ParseRag, a.rag));
    a.rag_rule = rows.Text(28);
    a.target = rows.OptionalDouble(29);
    a.basis = ParseComparisonBasisCode(rows.Text(30)).value_or(ComparisonBasis::kUnknown);
  }
  return db.Exec("DROP TABLE assessments");
}

}  // namespace waymark::store
