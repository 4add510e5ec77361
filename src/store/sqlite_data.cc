// SqliteStore: areas, the indicator catalogue, observations (with provenance and revisions) and
// assessments.
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "core/clock.h"
#include "ingest/indicator_json.h"
#include "store/sqlite_store.h"

namespace waymark::store {
namespace {

bool SameNumber(double a, double b) { return (!HasValue(a) && !HasValue(b)) || a == b; }

class SqliteObservationImport final : public ObservationImport {
 public:
  static Result<std::unique_ptr<ObservationImport>> Begin(Db& db, const DataImportInfo& info) {
    // A large import is one transaction: with SQLite's small default page cache its B-tree
    // pages would be spilled to the log and rewritten again and again.
    WAYMARK_TRY(db.Exec("PRAGMA cache_size = -262144"));  // 256 MiB
    WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement imp, db.Prepare("INSERT INTO imports (file, format, imported_at, imported_by) "
                                  "VALUES (?, ?, ?, ?)"));
    imp.Bind(1, info.file).Bind(2, info.format).Bind(3, FormatUtc(info.now)).Bind(4, info.user);
    WAYMARK_TRY(imp.Run());
    WAYMARK_ASSIGN_OR_RETURN(std::int64_t id, db.QueryInt("SELECT last_insert_rowid()"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT OR IGNORE INTO observations (series_id, period_key, period, value, "
                   "lower95, upper95, lower998, upper998, count, denominator, missing_reason, note, "
                   "published_trend, published_vs_england, published_vs_region, import_id, "
                   "source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement find,
        db.Prepare("SELECT id, import_id, source_row, value, lower95, upper95, lower998, "
                   "upper998, count, denominator, missing_reason FROM observations WHERE "
                   "series_id = ? AND period_key = ?"));
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
        db.Prepare("INSERT INTO observation_revisions (observation_id, import_id, source_row, "
                   "replaced_by_import, value, lower95, upper95, lower998, upper998, count, "
                   "denominator, missing_reason) SELECT id, import_id, source_row, ?, value, "
                   "lower95, upper95, lower998, upper998, count, denominator, missing_reason "
                   "FROM observations WHERE id = ?"));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement update,
        db.Prepare("UPDATE observations SET value = ?, lower95 = ?, upper95 = ?, lower998 = ?, "
                   "upper998 = ?, count = ?, denominator = ?, missing_reason = ?, note = ?, "
                   "published_trend = ?, published_vs_england = ?, published_vs_region = ?, "
                   "import_id = ?, source_row = ? WHERE id = ?"));
    WAYMARK_ASSIGN_OR_RETURN(Statement touch,
                             db.Prepare("UPDATE observations SET import_id = ?, source_row = ? "
                                        "WHERE id = ?"));
    return std::unique_ptr<ObservationImport>(new SqliteObservationImport(
        db, std::move(tx), id, std::move(insert), std::move(find), std::move(find_series),
        std::move(add_series), std::move(keep), std::move(update), std::move(touch)));
  }

  Status Add(const Observation& o) override {
    WAYMARK_ASSIGN_OR_RETURN(const std::int64_t series, SeriesId(o));
    const auto period_key = static_cast<std::int64_t>(o.period.SortKey());
    insert_.Bind(1, series).Bind(2, period_key).Bind(3, o.period.Label());
    BindNumbers(insert_, 4, o);
    insert_.Bind(11, o.missing_reason)
        .Bind(12, o.note)
        .Bind(13, o.published_trend)
        .Bind(14, o.published_vs_england)
        .Bind(15, o.published_vs_region)
        .Bind(16, import_id_)
        .Bind(17, o.source_row);
    WAYMARK_TRY(insert_.Run());
    if (db_.Changes() == 1) {
      ++stats_.inserted;
      return {};
    }
    return Revise(o, series, period_key);
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
    return stats_;
  }

 private:
  SqliteObservationImport(Db& db, Transaction tx, std::int64_t id, Statement insert,
                          Statement find, Statement find_series, Statement add_series,
                          Statement keep, Statement update, Statement touch)
      : db_(db), tx_(std::move(tx)), import_id_(id), insert_(std::move(insert)),
        find_(std::move(find)), find_series_(std::move(find_series)),
        add_series_(std::move(add_series)), keep_(std::move(keep)), update_(std::move(update)),
        touch_(std::move(touch)) {}

  // The number of the observation's series, created when new; remembered for the import.
  Result<std::int64_t> SeriesId(const Observation& o) {
    const Breakdown& b = o.breakdown;
    std::string key = o.indicator;
    for (const std::string* part : {&o.area, &b.sex, &b.age, &b.category_type, &b.category}) {
      key += '\x1f';
      key += *part;
    }
    if (const auto it = series_.find(key); it != series_.end()) return it->second;
    find_series_.Bind(1, o.indicator).Bind(2, o.area).Bind(3, b.sex).Bind(4, b.age).Bind(5, b.category_type).Bind(6, b.category);
    WAYMARK_ASSIGN_OR_RETURN(const bool found, find_series_.Step());
    std::int64_t id = found ? find_series_.Int(0) : 0;
    find_series_.Reset();
    if (!found) {
      add_series_.Bind(1, o.indicator).Bind(2, o.area).Bind(3, b.sex).Bind(4, b.age).Bind(5, b.category_type).Bind(6, b.category);
      WAYMARK_TRY(add_series_.Run());
      WAYMARK_ASSIGN_OR_RETURN(id, db_.QueryInt("SELECT last_insert_rowid()"));
    }
    series_.emplace(std::move(key), id);
    return id;
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

  Status Revise(const Observation& o, std::int64_t series, std::int64_t period_key) {
    find_.Bind(1, series).Bind(2, period_key);
    WAYMARK_ASSIGN_OR_RETURN(bool found, find_.Step());
    if (!found) {
      find_.Reset();
      return MakeError(ErrorCode::kInternal, "observation vanished during import");
    }
    const std::int64_t id = find_.Int(0);
    const std::int64_t previous_import = find_.Int(1);
    const std::int64_t previous_row = find_.Int(2);
    const bool same = SameNumber(find_.OptionalDouble(3), o.value) &&
                      SameNumber(find_.OptionalDouble(4), o.lower95) &&
                      SameNumber(find_.OptionalDouble(5), o.upper95) &&
                      SameNumber(find_.OptionalDouble(6), o.lower998) &&
                      SameNumber(find_.OptionalDouble(7), o.upper998) &&
                      SameNumber(find_.OptionalDouble(8), o.count) &&
                      SameNumber(find_.OptionalDouble(9), o.denominator) &&
                      find_.Text(10) == o.missing_reason;
    find_.Reset();
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
      ++stats_.unchanged;
      touch_.Bind(1, import_id_).Bind(2, o.source_row).Bind(3, id);
      return touch_.Run();
    }
    keep_.Bind(1, import_id_).Bind(2, id);
    WAYMARK_TRY(keep_.Run());
    BindNumbers(update_, 1, o);
    update_.Bind(8, o.missing_reason)
        .Bind(9, o.note)
        .Bind(10, o.published_trend)
        .Bind(11, o.published_vs_england)
        .Bind(12, o.published_vs_region)
        .Bind(13, import_id_)
        .Bind(14, o.source_row)
        .Bind(15, id);
    WAYMARK_TRY(update_.Run());
    ++stats_.revised;
    return {};
  }

  Db& db_;
  Transaction tx_;
  std::int64_t import_id_;
  Statement insert_, find_, find_series_, add_series_, keep_, update_, touch_;
  std::unordered_map<std::string, std::int64_t> series_;
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
