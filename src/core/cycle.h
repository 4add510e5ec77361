// Reporting cycles and action updates: each cycle, every action of a plan owes one update from
// its responsible organisations, saved as a draft and then submitted (locked until an analyst
// reopens it). Plain values and pure rules with no I/O: the store keeps them, the web layer and
// the command line read and write them through these rules.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/field_error.h"
#include "core/judgement_label.h"
#include "core/plan.h"

namespace waymark {

// How an action is going, as its update says.
enum class ActionStatus { kNotStarted, kOnTrack, kAtRisk, kOffTrack, kComplete, kDropped };
inline constexpr std::array<ActionStatus, 6> kAllActionStatuses = {
    ActionStatus::kNotStarted, ActionStatus::kOnTrack,  ActionStatus::kAtRisk,
    ActionStatus::kOffTrack,   ActionStatus::kComplete, ActionStatus::kDropped};
// The form and API value: "not-started", "on-track", "at-risk", "off-track", "complete",
// "dropped".
std::string_view ActionStatusName(ActionStatus status);
// The words shown to people: "Not started", "On track", ...
std::string_view ActionStatusLabel(ActionStatus status);
std::optional<ActionStatus> ParseActionStatus(std::string_view text);

enum class CycleState { kOpen, kClosed };
std::string_view CycleStateName(CycleState state);  // "open", "closed"
std::optional<CycleState> ParseCycleState(std::string_view text);

// A reporting cycle of one plan: the period its updates cover and the date they are due. At
// most one cycle of a plan is open (current) at a time.
struct ReportingCycle {
  std::int64_t id = 0;
  std::string plan_id;
  std::string name;  // e.g. "2025–26 Q2"
  Date from;
  Date to;
  Date due;
  CycleState state = CycleState::kOpen;
  std::string opened_at;  // ISO 8601 UTC
  std::string opened_by;  // Principal::AuditName() or "os:NAME"
  std::string closed_at;  // "" while open
  std::string closed_by;
  bool operator==(const ReportingCycle&) const = default;
};

inline constexpr std::size_t kMaxCycleNameLength = 80;

// A new cycle as typed (fields "name", "from", "to", "due", dates as YYYY-MM-DD).
struct CycleInput {
  std::string name;
  std::string from;
  std::string to;
  std::string due;
};
// The cycle `input` describes for `plan_id` (state open, no id or times), or every problem: a
// name of 1–80 characters without control characters, real calendar dates, from ≤ to ≤ due.
struct CycleCheck {
  ReportingCycle cycle;
  FieldErrors errors;
};
CycleCheck CheckCycleInput(std::string_view plan_id, const CycleInput& input);

// `text` without the spaces, tabs and line breaks around it (as fields are read).
std::string_view TrimBlank(std::string_view text);

// The current cycle among `cycles` (all of one plan): the open one, else the one that ended
// last (ties: the higher id); nullptr when there are none.
const ReportingCycle* CurrentCycle(std::span<const ReportingCycle> cycles);

// True when `cycle` is open and its due date has passed on `today`.
bool CycleOverdue(const ReportingCycle& cycle, const Date& today);

// The calendar date (UTC) of a Unix time.
Date DateOfUnixSeconds(std::int64_t unix_seconds);

// What the author of an update writes. A draft may leave any field empty; a submitted update
// needs a status and a narrative.
struct ActionUpdateFields {
  std::optional<ActionStatus> status;
  std::string narrative;              // plain text, at most kMaxNarrativeLength characters
  std::vector<std::string> evidence;  // absolute http(s) URLs
  std::string next_steps;             // plain text, at most kMaxNextStepsLength characters
  std::optional<Date> expected_completion;
  bool operator==(const ActionUpdateFields&) const = default;
};

inline constexpr std::size_t kMaxNarrativeLength = 5000;  // characters (code points)
inline constexpr std::size_t kMaxNextStepsLength = 2000;
inline constexpr std::size_t kMaxEvidenceLinks = 20;
inline constexpr std::size_t kMaxEvidenceLinkLength = 2000;
inline constexpr std::size_t kMaxReopenReasonLength = 1000;

enum class UpdateState { kDraft, kSubmitted };
std::string_view UpdateStateName(UpdateState state);  // "draft", "submitted"
std::optional<UpdateState> ParseUpdateState(std::string_view text);

// The update of one action in one cycle. There is one per action and cycle, written by any of
// the action's responsible organisations; `version` counts its saves (1 after the first), so a
// save that names an older version is refused rather than overwriting what someone else wrote.
struct ActionUpdate {
  std::int64_t id = 0;
  std::int64_t cycle_id = 0;
  std::string plan_id;
  std::string action_id;
  ActionUpdateFields fields;
  UpdateState state = UpdateState::kDraft;
  int version = 0;
  std::string organisation;  // the partner id of the user who saved it last
  std::string author;        // that user's email
  std::string author_name;
  std::string updated_at;    // ISO 8601 UTC of the last save
  std::string submitted_at;  // "" unless submitted
  std::string reopened_reason;  // why an analyst last reopened it ("" if never)
  bool operator==(const ActionUpdate&) const = default;
};

// The fields of an update form or API body as sent (evidence one link a line).
struct ActionUpdateInput {
  std::string status;  // "" or an ActionStatusName
  std::string narrative;
  std::string evidence;
  std::string next_steps;
  std::string expected_completion;  // "" or YYYY-MM-DD
};
// The fields `input` describes, or every problem (named by form field): an unknown status,
// text over its length or with control characters (other than line breaks and tabs) or not
// UTF-8, an evidence link that is not an absolute http or https URL with a host, too many
// links, a date that is not a real YYYY-MM-DD date. When `submitting`, a status and a narrative
// are required too.
struct ActionUpdateCheck {
  ActionUpdateFields fields;
  FieldErrors errors;
};
ActionUpdateCheck CheckActionUpdate(const ActionUpdateInput& input, bool submitting);

// The reason given to reopen a submitted update: 1–1000 characters; nullopt when acceptable,
// else the problem (field "reason").
std::optional<FieldError> CheckReopenReason(std::string_view reason);

// True when `principal` may write the update of `action`: an analyst for any action; a partner
// user for an action its organisation is responsible for.
bool CanUpdateAction(const Principal& principal, const Action& action);
// True when `principal` may read `update`: everyone once it is submitted; a draft only those who
// may write it or read drafts.
bool CanSeeUpdate(const Principal& principal, const Action& action, const ActionUpdate& update);

// Why a save of an update is refused, if it is: the cycle is closed, the update is submitted
// (locked), or `expected_version` is not the stored version (0: the update does not exist yet).
enum class SaveRefusal { kNone, kCycleClosed, kLocked, kStale };
SaveRefusal CheckSave(const ReportingCycle& cycle, const ActionUpdate* stored,
                      int expected_version);

// The standing of one action in a cycle, for lists and counts: its submitted status, or "no
// update" (none, or only a draft), which is overdue once the cycle's due date has passed.
struct ActionStanding {
  std::optional<ActionStatus> status;  // nullopt: no submitted update
  bool overdue = false;
};
ActionStanding StandingOf(const ReportingCycle& cycle, const ActionUpdate* update,
                          const Date& today);

// Counts of actions by standing (the "no update" count includes the overdue ones).
struct StatusCounts {
  std::array<int, kAllActionStatuses.size()> by_status{};
  int no_update = 0;
  int overdue = 0;
  int total = 0;
  int Of(ActionStatus status) const { return by_status[static_cast<std::size_t>(status)]; }
};
void AddToCounts(StatusCounts& counts, const ActionStanding& standing);

// "The evidence and the update disagree": the update says the action is on track (or complete)
// while an indicator of its objective is getting worse in the latest period. `trends` are the
// recent trends of those indicators for the plan's area.
bool EvidenceDisagrees(std::optional<ActionStatus> status, std::span<const RecentTrend> trends);

}  // namespace waymark
