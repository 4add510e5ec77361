// Reporting cycles and action updates: names of statuses and states, the checks of what people
// type into the cycle and update forms, who may write and read updates, and the rules the
// store applies when an update is saved.
#include "core/cycle.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "core/plain_text.h"

namespace waymark {
namespace {

constexpr std::string_view kRealDateMessage = "Enter a real date, for example 2026-03-31";

// Line breaks typed in a browser arrive as "\r\n"; they are kept (and counted) as "\n".
std::string NormaliseLineBreaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out.push_back(text[i]);
  }
  return out;
}

// A date field: nullopt and an error when it is not a real YYYY-MM-DD date.
std::optional<Date> CheckDateField(std::string_view text, std::string_view field,
                                   std::string_view missing, FieldErrors& errors) {
  const std::string_view trimmed = TrimBlank(text);
  if (trimmed.empty()) {
    errors.push_back({std::string(field), std::string(missing)});
    return std::nullopt;
  }
  std::optional<Date> date = Date::Parse(trimmed);
  if (!date) errors.push_back({std::string(field), std::string(kRealDateMessage)});
  return date;
}

void CheckCycleName(std::string_view name, FieldErrors& errors) {
  if (name.empty()) {
    errors.push_back({"name", "Enter a name for the cycle"});
    return;
  }
  const std::optional<std::size_t> length = Utf8Length(name);
  if (!length) {
    errors.push_back({"name", "Name must be plain text (UTF-8)"});
  } else if (HasControl(name, LineBreaks::kRefused)) {
    errors.push_back({"name", "Name must not contain control characters"});
  } else if (*length > kMaxCycleNameLength) {
    errors.push_back(
        {"name", fmt::format("Name must be {} characters or fewer", kMaxCycleNameLength)});
  }
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::tolower(c) != prefix[i]) return false;
  }
  return true;
}

// The problem with evidence link `line` (its line number in the field), if any.
std::optional<std::string> LinkProblem(std::string_view link, std::size_t line) {
  if (link.size() > kMaxEvidenceLinkLength) {
    return fmt::format("Evidence link {} must be {} characters or fewer", line,
                       Thousands(kMaxEvidenceLinkLength));
  }
  if (!Utf8Length(link)) return fmt::format("Evidence link {} must be plain text (UTF-8)", line);
  std::size_t rest = 0;
  if (StartsWithNoCase(link, "http://")) rest = 7;
  if (StartsWithNoCase(link, "https://")) rest = 8;
  if (rest == 0) return fmt::format("Evidence link {} must start with http:// or https://", line);
  if (std::any_of(link.begin(), link.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7F;
      })) {
    return fmt::format("Evidence link {} must not contain spaces or control characters", line);
  }
  std::string_view authority = link.substr(rest);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  const std::string_view host = authority.substr(0, authority.rfind(':'));
  if (host.empty() || authority.front() == ':') {
    return fmt::format("Evidence link {} must include a website name, like https://example.org",
                       line);
  }
  return std::nullopt;
}

std::vector<std::string> CheckEvidence(std::string_view text, FieldErrors& errors) {
  std::vector<std::string> links;
  std::vector<std::size_t> lines;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string_view link = TrimBlank(text.substr(start, end - start));
    if (!link.empty()) {
      links.emplace_back(link);
      lines.push_back(line);
    }
    start = end + 1;
  }
  if (links.size() > kMaxEvidenceLinks) {
    errors.push_back({"evidence", fmt::format("Enter {} evidence links or fewer (there are {})",
                                              kMaxEvidenceLinks, links.size())});
    return links;
  }
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (auto problem = LinkProblem(links[i], lines[i])) {
      errors.push_back({"evidence", std::move(*problem)});
    }
  }
  return links;
}

// A free-text field of an update: the text with line breaks as "\n", or an error.
std::string CheckUpdateText(std::string_view text, std::string_view field, std::string_view label,
                            std::size_t max, FieldErrors& errors) {
  std::string normalised = NormaliseLineBreaks(text);
  if (auto problem = PlainTextProblem(normalised, max, label, LineBreaks::kWhitespace)) {
    errors.push_back({std::string(field), std::move(*problem)});
  }
  return normalised;
}

}  // namespace

std::string_view TrimBlank(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kBlank);
  return text.substr(first, last - first + 1);
}

std::string_view ActionStatusName(ActionStatus status) {
  switch (status) {
    case ActionStatus::kNotStarted:
      return "not-started";
    case ActionStatus::kOnTrack:
      return "on-track";
    case ActionStatus::kAtRisk:
      return "at-risk";
    case ActionStatus::kOffTrack:
      return "off-track";
    case ActionStatus::kComplete:
      return "complete";
    case ActionStatus::kDropped:
      return "dropped";
  }
  return "not-started";
}

std::string_view ActionStatusLabel(ActionStatus status) {
  switch (status) {
    case ActionStatus::kNotStarted:
      return "Not started";
    case ActionStatus::kOnTrack:
      return "On track";
    case ActionStatus::kAtRisk:
      return "At risk";
    case ActionStatus::kOffTrack:
      return "Off track";
    case ActionStatus::kComplete:
      return "Complete";
    case ActionStatus::kDropped:
      return "Dropped";
  }
  return "Not started";
}

std::optional<ActionStatus> ParseActionStatus(std::string_view text) {
  for (ActionStatus status : kAllActionStatuses) {
    if (ActionStatusName(status) == text) return status;
  }
  return std::nullopt;
}

std::string_view CycleStateName(CycleState state) {
  return state == CycleState::kClosed ? "closed" : "open";
}

std::optional<CycleState> ParseCycleState(std::string_view text) {
  if (text == "open") return CycleState::kOpen;
  if (text == "closed") return CycleState::kClosed;
  return std::nullopt;
}

std::string_view UpdateStateName(UpdateState state) {
  return state == UpdateState::kSubmitted ? "submitted" : "draft";
}

std::optional<UpdateState> ParseUpdateState(std::string_view text) {
  if (text == "draft") return UpdateState::kDraft;
  if (text == "submitted") return UpdateState::kSubmitted;
  return std::nullopt;
}

CycleCheck CheckCycleInput(std::string_view plan_id, const CycleInput& input) {
  CycleCheck out;
  out.cycle.plan_id = std::string(plan_id);
  out.cycle.name = std::string(TrimBlank(input.name));
  CheckCycleName(out.cycle.name, out.errors);
  const auto from =
      CheckDateField(input.from, "from", "Enter the date the cycle starts", out.errors);
  const auto to = CheckDateField(input.to, "to", "Enter the date the cycle ends", out.errors);
  const auto due = CheckDateField(input.due, "due", "Enter the date updates are due", out.errors);
  if (from && to && *to < *from) {
    out.errors.push_back({"to", "The end date must be the same as or after the start date"});
  }
  if (to && due && *due < *to) {
    out.errors.push_back({"due", "The due date must be the same as or after the end date"});
  }
  out.cycle.from = from.value_or(Date{});
  out.cycle.to = to.value_or(Date{});
  out.cycle.due = due.value_or(Date{});
  out.cycle.state = CycleState::kOpen;
  return out;
}

const ReportingCycle* CurrentCycle(std::span<const ReportingCycle> cycles) {
  const ReportingCycle* open = nullptr;
  const ReportingCycle* latest = nullptr;
  for (const ReportingCycle& cycle : cycles) {
    if (cycle.state == CycleState::kOpen && (open == nullptr || cycle.id > open->id)) {
      open = &cycle;
    }
    if (latest == nullptr || cycle.to > latest->to ||
        (cycle.to == latest->to && cycle.id > latest->id)) {
      latest = &cycle;
    }
  }
  return open != nullptr ? open : latest;
}

bool CycleOverdue(const ReportingCycle& cycle, const Date& today) {
  return cycle.state == CycleState::kOpen && today > cycle.due;
}

Date DateOfUnixSeconds(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_seconds{seconds{unix_seconds}});
  const year_month_day ymd{day};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

ActionUpdateCheck CheckActionUpdate(const ActionUpdateInput& input, bool submitting) {
  ActionUpdateCheck out;
  FieldErrors& errors = out.errors;
  const std::string_view status = TrimBlank(input.status);
  if (!status.empty()) {
    out.fields.status = ParseActionStatus(status);
    if (!out.fields.status) errors.push_back({"status", "Select a status from the list"});
  } else if (submitting) {
    errors.push_back({"status", "Select how the action is going"});
  }
  out.fields.narrative =
      CheckUpdateText(input.narrative, "narrative", "Narrative", kMaxNarrativeLength, errors);
  if (submitting && TrimBlank(out.fields.narrative).empty()) {
    errors.push_back({"narrative", "Enter a narrative of how the action is going"});
  }
  out.fields.evidence = CheckEvidence(input.evidence, errors);
  out.fields.next_steps =
      CheckUpdateText(input.next_steps, "next_steps", "Next steps", kMaxNextStepsLength, errors);
  const std::string_view expected = TrimBlank(input.expected_completion);
  if (!expected.empty()) {
    out.fields.expected_completion = Date::Parse(expected);
    if (!out.fields.expected_completion) {
      errors.push_back({"expected_completion", std::string(kRealDateMessage)});
    }
  }
  return out;
}

std::optional<FieldError> CheckReopenReason(std::string_view reason) {
  if (TrimBlank(reason).empty()) {
    return FieldError{"reason", "Enter why the update is being reopened"};
  }
  if (auto problem = PlainTextProblem(reason, kMaxReopenReasonLength, "Reason", LineBreaks::kWhitespace)) {
    return FieldError{"reason", std::move(*problem)};
  }
  return std::nullopt;
}

bool CanUpdateAction(const Principal& principal, const Action& action) {
  if (!principal.role) return false;
  if (*principal.role == Role::kAnalyst) return true;
  if (*principal.role != Role::kPartner || principal.organisation.empty()) return false;
  return std::find(action.responsible.begin(), action.responsible.end(), principal.organisation) !=
         action.responsible.end();
}

bool CanSeeUpdate(const Principal& principal, const Action& action, const ActionUpdate& update) {
  if (update.state == UpdateState::kSubmitted) return true;
  return CanUpdateAction(principal, action) || Allows(principal.role, Permission::kReadDrafts);
}

SaveRefusal CheckSave(const ReportingCycle& cycle, const ActionUpdate* stored,
                      int expected_version) {
  if (cycle.state == CycleState::kClosed) return SaveRefusal::kCycleClosed;
  if (stored == nullptr) return expected_version == 0 ? SaveRefusal::kNone : SaveRefusal::kStale;
  if (stored->state == UpdateState::kSubmitted) return SaveRefusal::kLocked;
  if (stored->version != expected_version) return SaveRefusal::kStale;
  return SaveRefusal::kNone;
}

ActionStanding StandingOf(const ReportingCycle& cycle, const ActionUpdate* update,
                          const Date& today) {
  if (update != nullptr && update->state == UpdateState::kSubmitted && update->fields.status) {
    return ActionStanding{update->fields.status, false};
  }
  return ActionStanding{std::nullopt, CycleOverdue(cycle, today)};
}

void AddToCounts(StatusCounts& counts, const ActionStanding& standing) {
  ++counts.total;
  if (standing.status) {
    ++counts.by_status[static_cast<std::size_t>(*standing.status)];
    return;
  }
  ++counts.no_update;
  if (standing.overdue) ++counts.overdue;
}

bool EvidenceDisagrees(std::optional<ActionStatus> status, std::span<const RecentTrend> trends) {
  if (status != ActionStatus::kOnTrack && status != ActionStatus::kComplete) return false;
  return std::any_of(trends.begin(), trends.end(), IsGettingWorse);
}

}  // namespace waymark
