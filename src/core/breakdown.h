// Breakdowns: the groups a figure describes (sex, age band, a category within a category type)
// and the dimensions an indicator is published by, each with the group its others are compared
// with. Plain values and pure rules, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// The breakdown of a figure: sex, age band and a category within a category type
// (e.g. "County & UA deprivation deciles" / "Most deprived decile").
struct Breakdown {
  std::string sex = "Persons";
  std::string age;
  std::string category_type;
  std::string category;
  bool operator==(const Breakdown&) const = default;
  auto operator<=>(const Breakdown&) const = default;  // NOLINT(modernize-use-nullptr)
};

inline constexpr std::string_view kAllPersons = "Persons";

// What a breakdown divides children and young people by.
enum class DimensionKind {
  kSex,
  kAge,
  kDeprivation,      // deciles or quintiles of an index of deprivation
  kSocialCareGroup,  // children in need, on a protection plan, looked after
  kDisadvantage,     // free school meals or the pupil premium's "disadvantaged"
  kSend,             // special educational needs and disabilities
  kEthnicity,
  kWard,
};
std::string_view DimensionKindName(DimensionKind kind);  // "social-care-group"
std::optional<DimensionKind> ParseDimensionKind(std::string_view text);
// The heading used when a catalogue names none, e.g. "Social care group".
std::string_view DimensionKindLabel(DimensionKind kind);

// Sex and age are fields of every figure; every other kind is a category type.
inline bool UsesCategoryType(DimensionKind kind) {
  return kind != DimensionKind::kSex && kind != DimensionKind::kAge;
}

// A breakdown an indicator's figures come in, declared in the catalogue
// ([[indicators.breakdowns]], docs/indicators.md), with the group the others are compared with.
struct BreakdownDimension {
  DimensionKind kind = DimensionKind::kSex;
  std::string label;  // as shown, e.g. "Deprivation decile (County & UA)"
  // The stored category types it covers (one per edition of a classification, e.g. the
  // deprivation deciles of the 2019 and the 2023 geographies); empty for sex and age.
  std::vector<std::string> category_types;
  // Its groups in order (deprivation: most to least deprived); empty when any group counts.
  std::vector<std::string> categories;
  std::string comparison;  // the group every other group is compared with
  std::string geography;   // deprivation: the areas ranked, e.g. "County & UA"; else ""
  std::string column;      // EES sources: the column whose value names each row's group
  bool operator==(const BreakdownDimension&) const = default;
};

// The group `breakdown` stands for within `dimension`, or nullopt when the figure is not part of
// that dimension (another dimension's figure, or the whole population). A figure belongs to a
// sex dimension when it has no category and its sex is not "Persons"; to an age dimension when
// it has no category and is for persons; to any other when its category type is one of the
// dimension's and (when the dimension lists its groups) its category is one of them.
std::optional<std::string> GroupOf(const BreakdownDimension& dimension,
                                   const Breakdown& breakdown);

// The position of `group` in the dimension's ordered groups (0 = first), or nullopt.
std::optional<int> GroupRank(const BreakdownDimension& dimension, std::string_view group);

}  // namespace waymark
