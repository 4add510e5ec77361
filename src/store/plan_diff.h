// Plan differences: what changed between two versions of a plan, record by record and field
// by field. Used to keep a plan's history when a revised plan file is imported.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/plan.h"

namespace waymark::store {

enum class ChangeKind { kAdded, kRemoved, kChanged };

std::string_view ChangeKindName(ChangeKind kind);

struct Change {
  ChangeKind kind = ChangeKind::kChanged;
  PlanRecordKind entity = PlanRecordKind::kPlan;
  std::string entity_id;
  std::string field;      // empty for added and removed records
  std::string old_value;  // for removed records, the record's title
  std::string new_value;  // for added records, the record's title
  bool operator==(const Change&) const = default;
};

// Every difference from `before` to `after`, in plan order. Equal plans give none.
std::vector<Change> DiffPlans(const Plan& before, const Plan& after);

// The title of each record of `plan` as the diff names records: by (kind, id), e.g.
// (kAction, "fb-family-hubs") -> the action's title. Pages use it to name the records of changes.
using RecordTitleMap = std::map<std::pair<PlanRecordKind, std::string>, std::string>;
RecordTitleMap RecordTitles(const Plan& plan);

// The kind of record whose ids a field of a record holds, e.g. (kAction, "responsible") ->
// kPartner, so that pages can name them by their titles; nullopt for a field that holds no ids. Several ids are joined by ", ". `continues` names records of
// another plan and is not a link here.
std::optional<PlanRecordKind> LinkedKind(PlanRecordKind entity, std::string_view field);

// One line for people, e.g. "changed action 'x' title: 'old' -> 'new'".
std::string DescribeChange(const Change& change);

}  // namespace waymark::store
