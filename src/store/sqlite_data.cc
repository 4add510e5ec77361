// SqliteStore: areas, comparator groups and the indicator catalogue.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "core/clock.h"
#include "ingest/indicator_json.h"
#include "store/sqlite_store.h"

namespace waymark::store {
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

}  // namespace waymark::store
