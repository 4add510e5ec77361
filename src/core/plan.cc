// Small helpers of the plan model: directions, aim kinds, dates and slugs.
#include "core/plan.h"

#include <chrono>

#include <fmt/format.h>

namespace waymark {

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kIncrease: return "increase";
    case Direction::kDecrease: return "decrease";
    case Direction::kMaintain: return "maintain";
    case Direction::kNotStated: return "not stated";
  }
  return "increase";
}

std::optional<Direction> ParseDirection(std::string_view text) {
  if (text == "increase") return Direction::kIncrease;
  if (text == "decrease") return Direction::kDecrease;
  if (text == "maintain") return Direction::kMaintain;
  if (text == "not stated") return Direction::kNotStated;
  return std::nullopt;
}

std::string_view OutcomeKindName(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::kOutcome: return "outcome";
    case OutcomeKind::kTheme: return "theme";
    case OutcomeKind::kStage: return "stage";
    case OutcomeKind::kPriority: return "priority";
  }
  return "outcome";
}

std::optional<OutcomeKind> ParseOutcomeKind(std::string_view text) {
  if (text == "outcome") return OutcomeKind::kOutcome;
  if (text == "theme") return OutcomeKind::kTheme;
  if (text == "stage") return OutcomeKind::kStage;
  if (text == "priority") return OutcomeKind::kPriority;
  return std::nullopt;
}

std::string_view AimKindName(AimKind k) {
  switch (k) {
    case AimKind::kObjective: return "objective";
    case AimKind::kPriority: return "priority";
    case AimKind::kAmbition: return "ambition";
    case AimKind::kTheme: return "theme";
  }
  return "objective";
}

std::optional<AimKind> ParseAimKind(std::string_view text) {
  if (text == "objective") return AimKind::kObjective;
  if (text == "priority") return AimKind::kPriority;
  if (text == "ambition") return AimKind::kAmbition;
  if (text == "theme") return AimKind::kTheme;
  return std::nullopt;
}

std::string_view TextKindName(TextKind k) {
  switch (k) {
    case TextKind::kForeword: return "foreword";
    case TextKind::kWelcome: return "welcome";
    case TextKind::kIntroduction: return "introduction";
    case TextKind::kPledge: return "pledge";
  }
  return "foreword";
}

std::optional<TextKind> ParseTextKind(std::string_view text) {
  if (text == "foreword") return TextKind::kForeword;
  if (text == "welcome") return TextKind::kWelcome;
  if (text == "introduction") return TextKind::kIntroduction;
  if (text == "pledge") return TextKind::kPledge;
  return std::nullopt;
}

std::string Date::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::string OptionalDateText(const std::optional<Date>& d) {
  return d ? d->ToString() : std::string();
}

std::optional<Date> Date::Parse(std::string_view text) {
  Date d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count, int* out) {
    *out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      *out = *out * 10 + (text[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, &d.year) || !digits(5, 2, &d.month) || !digits(8, 2, &d.day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{d.year},
                                        std::chrono::month{static_cast<unsigned>(d.month)},
                                        std::chrono::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok()) return std::nullopt;
  return d;
}

bool IsRealDate(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         Date::Parse(d.ToString()).has_value();
}

std::string PartialDate::ToString() const {
  if (month == 0) return fmt::format("{:04}", year);
  if (day == 0) return fmt::format("{:04}-{:02}", year, month);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::optional<PartialDate> PartialDate::Parse(std::string_view text) {
  // Complete the missing parts with the first of the month or year, then check the whole date.
  std::string full(text);
  if (text.size() == 4) full += "-01-01";
  else if (text.size() == 7) full += "-01";
  else if (text.size() != 10) return std::nullopt;
  const auto date = Date::Parse(full);
  if (!date || date->year < 1) return std::nullopt;
  return PartialDate{date->year, text.size() >= 7 ? date->month : 0,
                     text.size() == 10 ? date->day : 0};
}

std::vector<ServingAction> ActionsAlsoServing(const Plan& plan, std::string_view objective_id) {
  std::vector<ServingAction> out;
  for (const Outcome& outcome : plan.outcomes) {
    for (const Objective& objective : outcome.objectives) {
      for (const Action& action : objective.actions) {
        for (const std::string& id : action.also_serves) {
          if (id == objective_id) out.push_back({&outcome, &objective, &action});
        }
      }
    }
  }
  return out;
}

bool IsValidSlug(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  if (id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

namespace {

struct RecordKindName {
  PlanRecordKind kind;
  std::string_view name;
};
constexpr RecordKindName kRecordKindNames[] = {
    {PlanRecordKind::kPlan, "plan"},
    {PlanRecordKind::kPrinciple, "principle"},
    {PlanRecordKind::kBadge, "badge"},
    {PlanRecordKind::kPartner, "partner"},
    {PlanRecordKind::kBody, "body"},
    {PlanRecordKind::kText, "text"},
    {PlanRecordKind::kOutcome, "outcome"},
    {PlanRecordKind::kObjective, "objective"},
    {PlanRecordKind::kMeasure, "measure"},
    {PlanRecordKind::kAction, "action"},
    {PlanRecordKind::kStrategy, "strategy"},
    {PlanRecordKind::kStrategyObjective, "strategy objective"},
    {PlanRecordKind::kIndex, "index"},
    {PlanRecordKind::kIndexMeasure, "index measure"},
};

}  // namespace

std::string_view PlanRecordKindName(PlanRecordKind k) {
  for (const RecordKindName& n : kRecordKindNames) {
    if (n.kind == k) return n.name;
  }
  return "plan";
}

std::optional<PlanRecordKind> ParsePlanRecordKind(std::string_view text) {
  for (const RecordKindName& n : kRecordKindNames) {
    if (n.name == text) return n.kind;
  }
  return std::nullopt;
}

}  // namespace waymark
