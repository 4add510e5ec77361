// Names of the breakdown dimensions and the rule placing a figure in a dimension's group.
#include "core/breakdown.h"

#include <algorithm>
#include <array>
#include <utility>

namespace waymark {
namespace {

struct KindName {
  DimensionKind kind;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<KindName, 8> kKinds = {{
    {DimensionKind::kSex, "sex", "Sex"},
    {DimensionKind::kAge, "age", "Age"},
    {DimensionKind::kDeprivation, "deprivation", "Deprivation"},
    {DimensionKind::kSocialCareGroup, "social-care-group", "Social care group"},
    {DimensionKind::kDisadvantage, "disadvantage", "Disadvantage"},
    {DimensionKind::kSend, "send", "Special educational needs and disabilities"},
    {DimensionKind::kEthnicity, "ethnicity", "Ethnicity"},
    {DimensionKind::kWard, "ward", "Ward"},
}};

const KindName* Find(DimensionKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string_view DimensionKindName(DimensionKind kind) {
  const KindName* k = Find(kind);
  return k == nullptr ? "" : k->name;
}

std::string_view DimensionKindLabel(DimensionKind kind) {
  const KindName* k = Find(kind);
  return k == nullptr ? "" : k->label;
}

std::optional<DimensionKind> ParseDimensionKind(std::string_view text) {
  for (const KindName& k : kKinds) {
    if (k.name == text) return k.kind;
  }
  return std::nullopt;
}

std::optional<std::string> GroupOf(const BreakdownDimension& dimension,
                                   const Breakdown& breakdown) {
  std::string group;
  switch (dimension.kind) {
    case DimensionKind::kSex:
      if (!breakdown.category_type.empty() || breakdown.sex == kAllPersons) return std::nullopt;
      group = breakdown.sex;
      break;
    case DimensionKind::kAge:
      if (!breakdown.category_type.empty() || breakdown.sex != kAllPersons) return std::nullopt;
      group = breakdown.age;
      break;
    default:
      if (!Contains(dimension.category_types, breakdown.category_type)) return std::nullopt;
      group = breakdown.category;
      break;
  }
  if (group.empty()) return std::nullopt;
  if (!dimension.categories.empty() && !Contains(dimension.categories, group)) return std::nullopt;
  return group;
}

std::optional<int> GroupRank(const BreakdownDimension& dimension, std::string_view group) {
  const auto it = std::find(dimension.categories.begin(), dimension.categories.end(), group);
  if (it == dimension.categories.end()) return std::nullopt;
  return static_cast<int>(it - dimension.categories.begin());
}

}  // namespace waymark
