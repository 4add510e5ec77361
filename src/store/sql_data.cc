// SqlStore: areas, comparator groups and the indicator catalogue. A save that changes what
// judgements are made from marks the indicators concerned to be judged again, in its own
// transaction.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "core/clock.h"
#include "ingest/indicator_json.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

// The stored members of comparator group `id`, in order.
Result<std::vector<std::string>> StoredMembers(Statement& members, std::string_view id) {
  members.Bind(1, id);
  std::vector<std::string> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool row, members.Step());
    if (!row) break;
    out.push_back(members.Text(0));
  }
  members.Reset();
  return out;
}

}  // namespace

Status SqlStore::SaveAreas(const std::vector<Area>& areas,
                           const std::vector<ComparatorGroup>& groups) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  // Each upsert changes a row (and so counts in Changes()) only when it is new or a column the
  // judgements use differs; a name alone is updated without counting.
  bool judged_from_changed = false;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement area,
      db_.Prepare("INSERT INTO areas (code, name, type, parent_code, old_code) VALUES "
                  "(?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                  "type = excluded.type, parent_code = excluded.parent_code, "
                  "old_code = excluded.old_code WHERE areas.type IS DISTINCT FROM excluded.type OR "
                  "areas.parent_code IS DISTINCT FROM excluded.parent_code OR "
                  "areas.old_code IS DISTINCT FROM excluded.old_code"));
  WAYMARK_ASSIGN_OR_RETURN(Statement name, db_.Prepare("UPDATE areas SET name = ? WHERE code = ?"));
  for (const auto& a : areas) {
    area.Bind(1, a.code)
        .Bind(2, a.name)
        .Bind(3, AreaTypeName(a.type))
        .Bind(4, a.parent)
        .Bind(5, a.old_code);
    WAYMARK_TRY(area.Run());
    judged_from_changed = judged_from_changed || db_.Changes() > 0;
    name.Bind(1, a.name).Bind(2, a.code);
    WAYMARK_TRY(name.Run());
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement group,
      db_.Prepare("INSERT INTO comparator_groups (id, name, owner_area) VALUES (?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                  "owner_area = excluded.owner_area "
                  "WHERE comparator_groups.owner_area IS DISTINCT FROM excluded.owner_area"));
  WAYMARK_ASSIGN_OR_RETURN(Statement group_name,
                           db_.Prepare("UPDATE comparator_groups SET name = ? WHERE id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement stored, db_.Prepare("SELECT area_code FROM comparator_members WHERE group_id = ? "
                                    "ORDER BY position"));
  WAYMARK_ASSIGN_OR_RETURN(Statement clear,
                           db_.Prepare("DELETE FROM comparator_members WHERE group_id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement member,
      db_.Prepare(
          "INSERT INTO comparator_members (group_id, area_code, position) VALUES (?, ?, ?)"));
  for (const auto& g : groups) {
    group.Bind(1, g.id).Bind(2, g.name).Bind(3, g.owner_area);
    WAYMARK_TRY(group.Run());
    judged_from_changed = judged_from_changed || db_.Changes() > 0;
    group_name.Bind(1, g.name).Bind(2, g.id);
    WAYMARK_TRY(group_name.Run());
    WAYMARK_ASSIGN_OR_RETURN(const std::vector<std::string> members, StoredMembers(stored, g.id));
    if (members == g.members) continue;
    judged_from_changed = true;
    clear.Bind(1, g.id);
    WAYMARK_TRY(clear.Run());
    for (std::size_t i = 0; i < g.members.size(); ++i) {
      member.Bind(1, g.id).Bind(2, g.members[i]).Bind(3, static_cast<std::int64_t>(i));
      WAYMARK_TRY(member.Run());
    }
  }
  if (judged_from_changed) WAYMARK_TRY(MarkAllToJudge(db_));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Result<std::vector<Area>> SqlStore::ListAreas() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("SELECT code, name, type, parent_code, old_code FROM areas ORDER BY code"));
  std::vector<Area> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(Area{s.Text(0), s.Text(1), ParseAreaType(s.Text(2)).value_or(AreaType::kCouncil),
                       s.Text(3), s.Text(4)});
  }
}

Result<std::vector<ComparatorGroup>> SqlStore::ListComparatorGroups() {
  WAYMARK_ASSIGN_OR_RETURN(Statement s,
                           db_.Prepare("SELECT g.id, g.name, g.owner_area, m.area_code FROM "
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

Status SqlStore::SaveIndicators(const std::vector<Indicator>& indicators, std::int64_t now) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::int64_t next,
                           db_.QueryInt("SELECT coalesce(max(position), -1) + 1 FROM indicators"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("INSERT INTO indicators (id, title, position, document, updated_at) VALUES "
                  "(?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                  "document = excluded.document, updated_at = excluded.updated_at"));
  WAYMARK_ASSIGN_OR_RETURN(Statement stored,
                           db_.Prepare("SELECT document FROM indicators WHERE id = ?"));
  std::set<std::string> changed;  // added, or a definition other than the stored one
  for (const auto& ind : indicators) {
    const std::string document = ingest::IndicatorToJson(ind).dump();
    stored.Bind(1, ind.id);
    WAYMARK_ASSIGN_OR_RETURN(const bool exists, stored.Step());
    if (!exists || stored.Text(0) != document) changed.insert(ind.id);
    stored.Reset();
    s.Bind(1, ind.id).Bind(2, ind.title).Bind(3, next++).Bind(4, document).Bind(5, FormatUtc(now));
    WAYMARK_TRY(s.Run());
  }
  WAYMARK_TRY(MarkToJudge(db_, changed));
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Result<std::vector<Indicator>> SqlStore::ListIndicators() {
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
