// SqlStore: reading observations back from their packed blocks (figure_block.h), each
// figure's provenance and revisions, and packing the rows of schema versions before 7. The
// import is in sql_figure_import.cc.
#include <array>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "store/figure_block.h"
#include "store/sql_store.h"

namespace waymark::store {

Result<std::vector<Observation>> SqlStore::LoadObservations(std::string_view indicator,
                                                            Progress* progress) {
  std::vector<Observation> out;
  WAYMARK_TRY(ReadObservations(indicator, out, progress));
  return out;
}

Status SqlStore::ReadObservations(std::string_view indicator, std::vector<Observation>& out,
                                  Progress* progress) {
  const std::string sql = fmt::format(
      "SELECT s.indicator_id, s.area_code, s.sex, s.age, s.category_type, s.category, f.data "
      "FROM series s JOIN series_figures f ON f.series_id = s.id {} ORDER BY s.indicator_id, "
      "s.sex, s.age, s.category_type, s.category, s.area_code",
      indicator.empty() ? "" : "WHERE s.indicator_id = ?");
  WAYMARK_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
  if (!indicator.empty()) s.Bind(1, indicator);
  out.clear();
  std::vector<Figure> figures;
  constexpr std::size_t kProgressEvery = 1 << 16;  // observations
  std::size_t next_progress = kProgressEvery;
  Observation o;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      AdvanceProgress(progress, out.size(), 0);
      return {};
    }
    if (out.size() >= next_progress) {
      AdvanceProgress(progress, out.size(), 0);
      next_progress = out.size() + kProgressEvery;
    }
    figures.clear();
    WAYMARK_TRY(DecodeBlock(s.BlobView(6), figures));
    o.indicator = s.TextView(0);
    o.area = s.TextView(1);
    o.breakdown.sex = s.TextView(2);
    o.breakdown.age = s.TextView(3);
    o.breakdown.category_type = s.TextView(4);
    o.breakdown.category = s.TextView(5);
    for (const Figure& f : figures) {
      ToObservation(f, o);
      out.push_back(o);
    }
  }
}

Result<std::size_t> SqlStore::CountObservations() {
  WAYMARK_ASSIGN_OR_RETURN(std::int64_t n,
                           db_.QueryInt("SELECT coalesce(sum(figures), 0) FROM series_figures"));
  return static_cast<std::size_t>(n);
}

Result<DataCounts> SqlStore::CountData() {
  DataCounts counts;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement imports,
      db_.Prepare("SELECT count(*), coalesce(sum(rows_read), 0), coalesce(sum(inserted), 0), "
                  "coalesce(sum(revised), 0) FROM imports"));
  WAYMARK_ASSIGN_OR_RETURN(const bool row, imports.Step());
  if (row) {
    counts.imports = imports.Int(0);
    counts.rows_read = imports.Int(1);
    counts.figures_inserted = imports.Int(2);
    counts.figures_revised = imports.Int(3);
  }
  WAYMARK_ASSIGN_OR_RETURN(counts.figures,
                           db_.QueryInt("SELECT coalesce(sum(figures), 0) FROM series_figures"));
  WAYMARK_ASSIGN_OR_RETURN(
      counts.judgements,
      db_.QueryInt("SELECT coalesce(sum(judgements), 0) FROM series_judgements"));
  WAYMARK_ASSIGN_OR_RETURN(
      counts.indicators_to_judge,
      db_.QueryInt("SELECT count(DISTINCT indicator_id) FROM indicators_to_judge"));
  return counts;
}

Result<std::string> SqlStore::LatestImportTime() {
  WAYMARK_ASSIGN_OR_RETURN(Statement s,
                           db_.Prepare("SELECT coalesce(max(imported_at), '') FROM imports"));
  WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Text(0) : std::string();
}

namespace {

struct ImportRecord {
  std::string file, imported_at, imported_by;
};

Result<std::unordered_map<std::int64_t, ImportRecord>> ListImports(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(Statement s,
                           db.Prepare("SELECT id, file, imported_at, imported_by FROM imports"));
  std::unordered_map<std::int64_t, ImportRecord> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.emplace(s.Int(0), ImportRecord{s.Text(1), s.Text(2), s.Text(3)});
  }
}

// A figure's period, breakdown, numbers (value, lower95, upper95, count, denominator), missing
// reason and row.
FigureRecord Record(const Period& period, const Breakdown& breakdown,
                    const std::array<double, 5>& numbers, std::string_view missing_reason,
                    std::int64_t source_row) {
  FigureRecord r;
  r.period = period;
  r.breakdown = breakdown;
  r.value = numbers[0];
  r.lower95 = numbers[1];
  r.upper95 = numbers[2];
  r.count = numbers[3];
  r.denominator = numbers[4];
  r.missing_reason = missing_reason;
  r.source_row = static_cast<int>(source_row);
  return r;
}

void SetProvenance(const std::unordered_map<std::int64_t, ImportRecord>& imports,
                   std::int64_t import_id, FigureRecord& r) {
  if (const auto it = imports.find(import_id); it != imports.end()) {
    r.file = it->second.file;
    r.imported_at = it->second.imported_at;
    r.imported_by = it->second.imported_by;
  }
}

}  // namespace

Result<std::vector<FigureRecord>> SqlStore::FigureHistory(std::string_view indicator,
                                                          std::string_view area) {
  WAYMARK_ASSIGN_OR_RETURN(const auto imports, ListImports(db_));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("SELECT s.id, s.sex, s.age, s.category_type, s.category, f.data FROM series s "
                  "JOIN series_figures f ON f.series_id = s.id WHERE s.indicator_id = ? AND "
                  "s.area_code = ? ORDER BY s.sex, s.age, s.category_type, s.category"));
  s.Bind(1, indicator).Bind(2, area);
  WAYMARK_ASSIGN_OR_RETURN(
      Statement revisions,
      db_.Prepare("SELECT import_id, source_row, replaced_by_import, value, lower95, upper95, "
                  "count, denominator, missing_reason FROM observation_revisions WHERE "
                  "series_id = ? AND period_key = ? ORDER BY replaced_by_import DESC"));
  std::vector<FigureRecord> out;
  std::vector<Figure> figures;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    const Breakdown breakdown{s.Text(1), s.Text(2), s.Text(3), s.Text(4)};
    figures.clear();
    WAYMARK_TRY(DecodeBlock(s.BlobView(5), figures));
    for (const Figure& f : figures) {
      FigureRecord current =
          Record(f.period, breakdown,
                 {f.numbers[0], f.numbers[1], f.numbers[2], f.numbers[5], f.numbers[6]},
                 f.missing_reason, f.source_row);
      SetProvenance(imports, f.import_id, current);
      current.note = f.note;
      out.push_back(std::move(current));
      revisions.Bind(1, s.Int(0)).Bind(2, static_cast<std::int64_t>(f.key));
      while (true) {
        WAYMARK_ASSIGN_OR_RETURN(bool earlier, revisions.Step());
        if (!earlier) break;
        FigureRecord r = Record(
            f.period, breakdown,
            {revisions.OptionalDouble(3), revisions.OptionalDouble(4), revisions.OptionalDouble(5),
             revisions.OptionalDouble(6), revisions.OptionalDouble(7)},
            revisions.Text(8), revisions.Int(1));
        SetProvenance(imports, revisions.Int(0), r);
        if (const auto it = imports.find(revisions.Int(2)); it != imports.end()) {
          r.replaced_at = it->second.imported_at;
        }
        out.push_back(std::move(r));
      }
      revisions.Reset();
    }
  }
}

Status PackObservationRows(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement rows,
      db.Prepare("SELECT series_id, period, value, lower95, upper95, lower998, upper998, count, "
                 "denominator, missing_reason, note, published_trend, published_vs_england, "
                 "published_vs_region, import_id, source_row FROM observations ORDER BY "
                 "series_id, period_key"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement write,
      db.Prepare("INSERT INTO series_figures (series_id, figures, data) VALUES (?, ?, ?)"));
  std::vector<Observation> observations;  // of one series; the figures view their texts
  std::vector<std::int64_t> import_ids;
  std::int64_t series = 0;
  std::vector<Figure> figures;
  std::string block;
  const auto write_series = [&]() -> Status {
    if (observations.empty()) return {};
    figures.clear();
    for (std::size_t i = 0; i < observations.size(); ++i) {
      figures.push_back(FigureOf(observations[i], import_ids[i]));
    }
    EncodeBlock(figures, block);
    write.Bind(1, series).Bind(2, static_cast<std::int64_t>(figures.size()));
    write.BindBlobUncopied(3, block);
    WAYMARK_TRY(write.Run());
    observations.clear();
    import_ids.clear();
    return {};
  };
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    if (rows.Int(0) != series) {
      WAYMARK_TRY(write_series());
      series = rows.Int(0);
    }
    const auto period = ParsePeriod(rows.Text(1));
    if (!period) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("stored period '{}' is not understood", rows.Text(1)));
    }
    Observation o;
    o.period = *period;
    o.value = rows.OptionalDouble(2);
    o.lower95 = rows.OptionalDouble(3);
    o.upper95 = rows.OptionalDouble(4);
    o.lower998 = rows.OptionalDouble(5);
    o.upper998 = rows.OptionalDouble(6);
    o.count = rows.OptionalDouble(7);
    o.denominator = rows.OptionalDouble(8);
    o.missing_reason = rows.Text(9);
    o.note = rows.Text(10);
    o.published_trend = rows.Text(11);
    o.published_vs_england = rows.Text(12);
    o.published_vs_region = rows.Text(13);
    o.source_row = static_cast<int>(rows.Int(15));
    observations.push_back(std::move(o));
    import_ids.push_back(rows.Int(14));
  }
  WAYMARK_TRY(write_series());
  return db.Exec("DROP TABLE observations");
}

}  // namespace waymark::store
