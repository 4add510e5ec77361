// SqliteStore: areas, the indicator catalogue, observations (with provenance and revisions) and
// assessments.
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "core/clock.h"
#include "ingest/indicator_json.h"
#include "store/sqlite_store.h"

namespace waymark::store {
namespace {

bool SameNumber(double a, double b) { return (!HasValue(a) && !HasValue(b)) || a == b; }

// Turns foreign key checks off for an import's transaction and back on when it ends. The rows an
// import writes refer only to series it has just found or made and to its own imports row, so
// the checks (two B-tree searches per row) cannot fail. SQLite ignores the pragma inside a
// transaction, so it is set before BEGIN and restored after COMMIT or ROLLBACK.
class ForeignKeysOff {
 public:
  static Result<ForeignKeysOff> Begin(Db& db) {
    WAYMARK_TRY(db.Exec("PRAGMA foreign_keys = OFF"));
    return ForeignKeysOff(&db);
  }
  ForeignKeysOff(ForeignKeysOff&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(ForeignKeysOff&&) = delete;
  ~ForeignKeysOff() { (void)End(); }
  Status End() {
    if (db_ == nullptr) return {};
    return std::exchange(db_, nullptr)->Exec("PRAGMA foreign_keys = ON");
  }

 private:
  explicit ForeignKeysOff(Db* db) : db_(db) {}
  Db* db_;
};

// The statements an import runs for every row, prepared once.
struct ImportStatements {
  Statement insert, find, find_series, add_series, keep, update, touch;
};

constexpr std::string_view kKeyMatch = "WHERE series_id = ? AND period_key = ?";

Result<ImportStatements> PrepareImport(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT OR IGNORE INTO observations (series_id, period_key, period, value, "
                 "lower95, upper95, lower998, upper998, count, denominator, missing_reason, note, "
                 "published_trend, published_vs_england, published_vs_region, import_id, "
                 "source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement find,
      db.Prepare(fmt::format("SELECT import_id, source_row, value, lower95, upper95, lower998, "
                             "upper998, count, denominator, missing_reason FROM observations {}",
                             kKeyMatch)));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement find_series,
      db.Prepare("SELECT id FROM series WHERE indicator_id = ? AND area_code = ? AND sex = ? "
                 "AND age = ? AND category_type = ? AND category = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement add_series,
      db.Prepare("INSERT INTO series (indicator_id, area_code, sex, age, category_type, "
                 "category) VALUES (?, ?, ?, ?, ?, ?)"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement keep,
      db.Prepare(fmt::format(
          "INSERT INTO observation_revisions (series_id, period_key, import_id, source_row, "
          "replaced_by_import, value, lower95, upper95, lower998, upper998, count, denominator, "
          "missing_reason) SELECT series_id, period_key, import_id, source_row, ?, value, "
          "lower95, upper95, lower998, upper998, count, denominator, missing_reason FROM "
          "observations {}",
          kKeyMatch)));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement update,
      db.Prepare(fmt::format("UPDATE observations SET value = ?, lower95 = ?, upper95 = ?, "
                             "lower998 = ?, upper998 = ?, count = ?, denominator = ?, "
                             "missing_reason = ?, note = ?, published_trend = ?, "
                             "published_vs_england = ?, published_vs_region = ?, import_id = ?, "
                             "source_row = ? {}",
                             kKeyMatch)));
  // Gives the row to this import when its figures are the same (IS: NULL matches NULL).
  WAYMARK_ASSIGN_OR_RETURN(
      Statement touch,
      db.Prepare("UPDATE observations SET import_id = ?1, source_row = ?2 WHERE series_id = ?3 "
                 "AND period_key = ?4 AND import_id <> ?1 AND value IS ?5 AND lower95 IS ?6 AND "
                 "upper95 IS ?7 AND lower998 IS ?8 AND upper998 IS ?9 AND count IS ?10 AND "
                 "denominator IS ?11 AND missing_reason = ?12"));
  return ImportStatements{std::move(insert),     std::move(find), std::move(find_series),
                          std::move(add_series), std::move(keep), std::move(update),
                          std::move(touch)};
}

class SqliteObservationImport final : public ObservationImport {
 public:
  static Result<std::unique_ptr<ObservationImport>> Begin(Db& db, const DataImportInfo& info) {
    // A large import is one transaction: with SQLite's small default page cache its B-tree
    // pages would be spilled to the log and rewritten again and again. Rows arrive grouped by
    // series, so the pages being filled are few; 64 MiB used as much CPU as 256 MiB on a
    // 2-million-row file (bench/import_bench.sh) at 40% of the file's size in peak memory.
    WAYMARK_TRY(db.Exec("PRAGMA cache_size = -65536"));  // 64 MiB
    WAYMARK_ASSIGN_OR_RETURN(ForeignKeysOff fk_off, ForeignKeysOff::Begin(db));
    WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement imp, db.Prepare("INSERT INTO imports (file, format, imported_at, imported_by) "
                                  "VALUES (?, ?, ?, ?)"));
    imp.Bind(1, info.file).Bind(2, info.format).Bind(3, FormatUtc(info.now)).Bind(4, info.user);
    WAYMARK_TRY(imp.Run());
    const std::int64_t id = db.LastInsertRowid();
    WAYMARK_ASSIGN_OR_RETURN(ImportStatements statements, PrepareImport(db));
    return std::unique_ptr<ObservationImport>(new SqliteObservationImport(
        db, std::move(fk_off), std::move(tx), id, std::move(statements)));
  }

  Status Add(const Observation& o) override {
    WAYMARK_ASSIGN_OR_RETURN(const SeriesRef series, SeriesId(o));
    const auto period_key = static_cast<std::int64_t>(o.period.SortKey());
    // Only a series known before this import can hold earlier figures. Re-sent figures are
    // the common case there, so they are tried first (one statement); then other figures.
    if (series.existed) {
      WAYMARK_ASSIGN_OR_RETURN(const bool unchanged, TouchUnchanged(o, series.id, period_key));
      if (unchanged) return {};
      WAYMARK_ASSIGN_OR_RETURN(const bool found, Find(series.id, period_key));
      if (found) return Revise(o, series.id, period_key);
    }
    // The texts are bound uncopied: `o` and the label outlive the statement's run.
    Statement& insert = s_.insert;
    insert.Bind(1, series.id).Bind(2, period_key).BindUncopied(3, PeriodLabel(o.period));
    BindNumbers(insert, 4, o);
    insert.BindUncopied(11, o.missing_reason)
        .BindUncopied(12, o.note)
        .BindUncopied(13, o.published_trend)
        .BindUncopied(14, o.published_vs_england)
        .BindUncopied(15, o.published_vs_region)
        .Bind(16, import_id_)
        .Bind(17, o.source_row);
    WAYMARK_TRY(insert.Run());
    if (db_.Changes() == 1) {
      ++stats_.inserted;
      return {};
    }
    WAYMARK_ASSIGN_OR_RETURN(const bool found, Find(series.id, period_key));
    if (!found) return MakeError(ErrorCode::kInternal, "observation vanished during import");
    return Revise(o, series.id, period_key);
  }

  Result<ObservationImportStats> Commit(std::size_t rows_read) override {
    WAYMARK_ASSIGN_OR_RETURN(
        Statement done, db_.Prepare("UPDATE imports SET rows_read = ?, inserted = ?, revised = ?, "
                                    "unchanged = ? WHERE id = ?"));
    done.Bind(1, static_cast<std::int64_t>(rows_read))
        .Bind(2, static_cast<std::int64_t>(stats_.inserted))
        .Bind(3, static_cast<std::int64_t>(stats_.revised))
        .Bind(4, static_cast<std::int64_t>(stats_.unchanged))
        .Bind(5, import_id_);
    WAYMARK_TRY(done.Run());
    WAYMARK_TRY(tx_.Commit());
    WAYMARK_TRY(fk_off_.End());
    return stats_;
  }

 private:
  struct SeriesRef {
    std::int64_t id = 0;
    bool existed = false;  // in the database before this import
  };

  SqliteObservationImport(Db& db, ForeignKeysOff fk_off, Transaction tx, std::int64_t id,
                          ImportStatements statements)
      : db_(db), fk_off_(std::move(fk_off)), tx_(std::move(tx)), import_id_(id),
        s_(std::move(statements)) {}

  // The number of the observation's series, created when new; remembered for the import.
  Result<SeriesRef> SeriesId(const Observation& o) {
    const Breakdown& b = o.breakdown;
    key_ = o.indicator;
    for (const std::string* part : {&o.area, &b.sex, &b.age, &b.category_type, &b.category}) {
      key_ += '\x1f';
      key_ += *part;
    }
    if (const auto it = series_.find(key_); it != series_.end()) return it->second;
    Statement& find = s_.find_series;
    find.Bind(1, o.indicator).Bind(2, o.area).Bind(3, b.sex).Bind(4, b.age).Bind(5, b.category_type).Bind(6, b.category);
    WAYMARK_ASSIGN_OR_RETURN(const bool found, find.Step());
    SeriesRef ref{found ? find.Int(0) : 0, found};
    find.Reset();
    if (!found) {
      Statement& add = s_.add_series;
      add.Bind(1, o.indicator).Bind(2, o.area).Bind(3, b.sex).Bind(4, b.age).Bind(5, b.category_type).Bind(6, b.category);
      WAYMARK_TRY(add.Run());
      ref.id = db_.LastInsertRowid();
    }
    series_.emplace(key_, ref);
    return ref;
  }

  // The period's label; rows of a file mostly share the period of the row before.
  const std::string& PeriodLabel(const Period& p) {
    if (!(p == label_period_) || label_.empty()) {
      label_period_ = p;
      label_ = p.Label();
    }
    return label_;
  }

  static void BindNumbers(Statement& s, int first, const Observation& o) {
    s.BindOptional(first, o.value);
    s.BindOptional(first + 1, o.lower95);
    s.BindOptional(first + 2, o.upper95);
    s.BindOptional(first + 3, o.lower998);
    s.BindOptional(first + 4, o.upper998);
    s.BindOptional(first + 5, o.count);
    s.BindOptional(first + 6, o.denominator);
  }

  // Gives the stored observation at the key to this import when it has the same figures as
  // `o` and came from an earlier import; true (counted as unchanged) when it did.
  Result<bool> TouchUnchanged(const Observation& o, std::int64_t series, std::int64_t period_key) {
    Statement& touch = s_.touch;
    touch.Bind(1, import_id_).Bind(2, o.source_row).Bind(3, series).Bind(4, period_key);
    BindNumbers(touch, 5, o);
    touch.BindUncopied(12, o.missing_reason);
    WAYMARK_TRY(touch.Run());
    if (db_.Changes() == 0) return false;
    ++stats_.unchanged;
    return true;
  }

  // Looks up the stored observation at the key; when found, s_.find is left on its row.
  Result<bool> Find(std::int64_t series, std::int64_t period_key) {
    s_.find.Bind(1, series).Bind(2, period_key);
    WAYMARK_ASSIGN_OR_RETURN(const bool found, s_.find.Step());
    if (!found) s_.find.Reset();
    return found;
  }

  // Compares `o` with the stored row that s_.find is on: a repeat within the file, a conflict
  // within the file, the same figures again, or a revision whose old figures are kept.
  Status Revise(const Observation& o, std::int64_t series, std::int64_t period_key) {
    Statement& find = s_.find;
    const std::int64_t previous_import = find.Int(0);
    const std::int64_t previous_row = find.Int(1);
    const bool same = SameNumber(find.OptionalDouble(2), o.value) &&
                      SameNumber(find.OptionalDouble(3), o.lower95) &&
                      SameNumber(find.OptionalDouble(4), o.upper95) &&
                      SameNumber(find.OptionalDouble(5), o.lower998) &&
                      SameNumber(find.OptionalDouble(6), o.upper998) &&
                      SameNumber(find.OptionalDouble(7), o.count) &&
                      SameNumber(find.OptionalDouble(8), o.denominator) &&
                      find.Text(9) == o.missing_reason;
    find.Reset();
    if (previous_import == import_id_ && same) {
      ++stats_.repeated;  // exports repeat rows (e.g. England under two parents)
      return {};
    }
    if (previous_import == import_id_) {
      return MakeError(ErrorCode::kValidation,
                       fmt::format("conflicting duplicate row: indicator '{}', area {}, "
                                   "period {}{} was already given with other figures on line {}",
                                   o.indicator, o.area, o.period.Label(),
                                   o.breakdown.category.empty() ? "" : ", " + o.breakdown.category,
                                   previous_row));
    }
    if (same) {
      WAYMARK_TRY(TouchUnchanged(o, series, period_key));
      return {};
    }
    s_.keep.Bind(1, import_id_).Bind(2, series).Bind(3, period_key);
    WAYMARK_TRY(s_.keep.Run());
    BindNumbers(s_.update, 1, o);
    s_.update.Bind(8, o.missing_reason)
        .Bind(9, o.note)
        .Bind(10, o.published_trend)
        .Bind(11, o.published_vs_england)
        .Bind(12, o.published_vs_region)
        .Bind(13, import_id_)
        .Bind(14, o.source_row)
        .Bind(15, series)
        .Bind(16, period_key);
    WAYMARK_TRY(s_.update.Run());
    ++stats_.revised;
    return {};
  }

  Db& db_;
  ForeignKeysOff fk_off_;  // declared before tx_, so it ends after the transaction does
  Transaction tx_;
  std::int64_t import_id_;
  ImportStatements s_;
  std::string key_;
  Period label_period_;
  std::string label_;
  std::unordered_map<std::string, SeriesRef> series_;
  ObservationImportStats stats_;
};

constexpr std::string_view kObservationColumns =
    "s.indicator_id, s.area_code, o.period, s.sex, s.age, s.category_type, s.category, o.value, "
    "o.lower95, o.upper95, o.lower998, o.upper998, o.count, o.denominator, o.missing_reason, "
    "o.note, o.published_trend, o.published_vs_england, o.published_vs_region, o.source_row";

Observation ReadObservation(const Statement& s) {
  Observation o;
  o.indicator = s.Text(0);
  o.area = s.Text(1);
  o.period = ParsePeriod(s.Text(2)).value_or(Period{});
  o.breakdown = Breakdown{s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
  o.value = s.OptionalDouble(7);
  o.lower95 = s.OptionalDouble(8);
  o.upper95 = s.OptionalDouble(9);
  o.lower998 = s.OptionalDouble(10);
  o.upper998 = s.OptionalDouble(11);
  o.count = s.OptionalDouble(12);
  o.denominator = s.OptionalDouble(13);
  o.missing_reason = s.Text(14);
  o.note = s.Text(15);
  o.published_trend = s.Text(16);
  o.published_vs_england = s.Text(17);
  o.published_vs_region = s.Text(18);
  o.source_row = static_cast<int>(s.Int(19));
  return o;
}

}  // namespace

Status SqliteStore::SaveAreas(const std::vector<Area>& areas,
                              const std::vector<ComparatorGroup>& groups) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement area,
      db_.Prepare("INSERT INTO areas (code, name, type, parent_code, old_code) VALUES "
                  "(?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                  "type = excluded.type, parent_code = excluded.parent_code, "
                  "old_code = excluded.old_code"));
  for (const auto& a : areas) {
    area.Bind(1, a.code).Bind(2, a.name).Bind(3, AreaTypeName(a.type)).Bind(4, a.parent).Bind(5, a.old_code);
    WAYMARK_TRY(area.Run());
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement group,
      db_.Prepare("INSERT INTO comparator_groups (id, name, owner_area) VALUES (?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                  "owner_area = excluded.owner_area"));
  WAYMARK_ASSIGN_OR_RETURN(Statement clear,
                           db_.Prepare("DELETE FROM comparator_members WHERE group_id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement member,
      db_.Prepare("INSERT INTO comparator_members (group_id, area_code, position) VALUES (?, ?, ?)"));
  for (const auto& g : groups) {
    group.Bind(1, g.id).Bind(2, g.name).Bind(3, g.owner_area);
    WAYMARK_TRY(group.Run());
    clear.Bind(1, g.id);
    WAYMARK_TRY(clear.Run());
    for (std::size_t i = 0; i < g.members.size(); ++i) {
      member.Bind(1, g.id).Bind(2, g.members[i]).Bind(3, static_cast<std::int64_t>(i));
      WAYMARK_TRY(member.Run());
    }
  }
  return tx.Commit();
}

Result<std::vector<Area>> SqliteStore::ListAreas() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s, db_.Prepare("SELECT code, name, type, parent_code, old_code FROM areas ORDER BY code"));
  std::vector<Area> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(Area{s.Text(0), s.Text(1), ParseAreaType(s.Text(2)).value_or(AreaType::kCouncil),
                       s.Text(3), s.Text(4)});
  }
}

Result<std::vector<ComparatorGroup>> SqliteStore::ListComparatorGroups() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s, db_.Prepare("SELECT g.id, g.name, g.owner_area, m.area_code FROM "
                               "comparator_groups g LEFT JOIN comparator_members m ON "
                               "m.group_id = g.id ORDER BY g.id, m.position"));
  std::vector<ComparatorGroup> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    if (out.empty() || out.back().id != s.Text(0)) {
      out.push_back(ComparatorGroup{s.Text(0), s.Text(1), s.Text(2), {}});
    }
    if (!s.IsNull(3)) out.back().members.push_back(s.Text(3));
  }
}

Status SqliteStore::SaveIndicators(const std::vector<Indicator>& indicators, std::int64_t now) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::int64_t next, db_.QueryInt("SELECT coalesce(max(position), -1) + 1 FROM indicators"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("INSERT INTO indicators (id, title, position, document, updated_at) VALUES "
                  "(?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                  "document = excluded.document, updated_at = excluded.updated_at"));
  for (const auto& ind : indicators) {
    s.Bind(1, ind.id)
        .Bind(2, ind.title)
        .Bind(3, next++)
        .Bind(4, ingest::IndicatorToJson(ind).dump())
        .Bind(5, FormatUtc(now));
    WAYMARK_TRY(s.Run());
  }
  return tx.Commit();
}

Result<std::vector<Indicator>> SqliteStore::ListIndicators() {
  WAYMARK_ASSIGN_OR_RETURN(Statement s,
                           db_.Prepare("SELECT document FROM indicators ORDER BY position"));
  std::vector<Indicator> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    const auto json = nlohmann::json::parse(s.Text(0), nullptr, false);
    WAYMARK_ASSIGN_OR_RETURN(Indicator ind, ingest::IndicatorFromJson(json));
    out.push_back(std::move(ind));
  }
}

Result<std::unique_ptr<ObservationImport>> SqliteStore::BeginObservationImport(
    const DataImportInfo& info) {
  return SqliteObservationImport::Begin(db_, info);
}

Result<std::vector<Observation>> SqliteStore::LoadObservations(std::string_view indicator) {
  const std::string sql = fmt::format(
      "SELECT {} FROM observations o JOIN series s ON s.id = o.series_id {} ORDER BY "
      "s.indicator_id, s.sex, s.age, s.category_type, s.category, s.area_code, o.period_key",
      kObservationColumns, indicator.empty() ? "" : "WHERE s.indicator_id = ?");
  WAYMARK_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
  if (!indicator.empty()) s.Bind(1, indicator);
  std::vector<Observation> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadObservation(s));
  }
}

Result<std::size_t> SqliteStore::CountObservations() {
  WAYMARK_ASSIGN_OR_RETURN(std::int64_t n, db_.QueryInt("SELECT count(*) FROM observations"));
  return static_cast<std::size_t>(n);
}

}  // namespace waymark::store
