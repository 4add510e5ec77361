// Small helpers of the plan model: directions, dates and slugs.
#include "core/plan.h"

#include <fmt/format.h>

namespace waymark {

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kIncrease: return "increase";
    case Direction::kDecrease: return "decrease";
    case Direction::kMaintain: return "maintain";
  }
  return "increase";
}

std::optional<Direction> ParseDirection(std::string_view text) {
  if (text == "increase") return Direction::kIncrease;
  if (text == "decrease") return Direction::kDecrease;
  if (text == "maintain") return Direction::kMaintain;
  return std::nullopt;
}

std::string Date::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

bool IsValidSlug(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  if (id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace waymark
