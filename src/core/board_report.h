// Board reports once issued: the kinds of report, the sign-off workflow (draft → reviewed →
// approved → published) with who may take each step, who may see an issued report, and the
// analyst's commentary on the plan and its items. Plain values and pure rules with no I/O: the
// store keeps issued reports frozen (their model, HTML and PDF are opaque bytes here), the web
// layer and the command line take the steps through these rules.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/access.h"
#include "core/field_error.h"
#include "core/result.h"

namespace waymark {

// What a report covers: one outcome, the whole plan (the board pack), only what needs the
// board's attention, or the plan in plain words for children and young people.
enum class ReportKind { kOutcome, kPlan, kExceptions, kChildren };
inline constexpr std::array<ReportKind, 4> kAllReportKinds = {
    ReportKind::kOutcome, ReportKind::kPlan, ReportKind::kExceptions, ReportKind::kChildren};
// The command-line and form value: "outcome", "plan", "exceptions", "children".
std::string_view ReportKindName(ReportKind kind);
// The words shown to people: "Outcome report", "Board pack", "Exception report", "Children and
// young people's version".
std::string_view ReportKindLabel(ReportKind kind);
std::optional<ReportKind> ParseReportKind(std::string_view text);

// Where an issued report is in its sign-off. Each step goes one state forward; a published
// report is public and final.
enum class ReportState { kDraft, kReviewed, kApproved, kPublished };
inline constexpr std::array<ReportState, 4> kAllReportStates = {
    ReportState::kDraft, ReportState::kReviewed, ReportState::kApproved, ReportState::kPublished};
std::string_view ReportStateName(ReportState state);   // "draft", "reviewed", ...
std::string_view ReportStateLabel(ReportState state);  // "Draft", "Reviewed", ...
std::optional<ReportState> ParseReportState(std::string_view text);
// The state after `state`'s next step; nullopt for a published report.
std::optional<ReportState> NextReportState(ReportState state);

// A report as issued to a board: frozen when issued (the model, HTML and PDF are never changed
// afterwards; only the sign-off fields move). Times are ISO 8601 UTC; "" until the step is
// taken. `*_by` of a step is the email of the person who took it.
struct IssuedReport {
  std::int64_t id = 0;
  std::string plan_id = {};
  ReportKind kind = ReportKind::kPlan;
  std::string outcome_id = {};                // "" for the whole plan
  std::optional<std::int64_t> cycle_id = {};  // the reporting cycle it reports on, if any
  std::string board = {};                     // the monitoring body's id in the plan
  std::string title = {};
  ReportState state = ReportState::kDraft;
  std::string data_as_of = {};  // ISO 8601 date or time: the data it shows is as of then
  std::string model_json = {};  // the report model, serialised
  std::string html = {};
  std::string pdf = {};        // the PDF's bytes ("" when none was rendered)
  std::string issued_by = {};  // the issuing audit actor (Principal::AuditName() or "os:NAME")
  std::string issued_at = {};
  std::string reviewed_by = {};
  std::string reviewed_at = {};
  std::string approved_by = {};
  std::string approved_at = {};
  std::string published_by = {};
  std::string published_at = {};
  bool operator==(const IssuedReport&) const = default;
};

inline constexpr std::size_t kMaxReportTitleLength = 200;  // characters (code points)

// Every problem with a report about to be issued, named by field: "title" (1–200 characters,
// UTF-8, no control characters), "outcome" (required by an outcome report, refused by a board
// pack, else "" or a slug), "board" (a slug), "data_as_of" (starting with a real YYYY-MM-DD
// date), "model_json" and "html" (not empty). Whether the plan, outcome, board and cycle exist
// is the store's check.
FieldErrors CheckIssuedReport(const IssuedReport& report);

// Why a step of the sign-off is refused, if it is: it is not the report's next step (skipping
// a step, going back, changing a published report), the principal lacks the step's permission,
// or the approver is the person who reviewed it (four eyes).
enum class ReportRefusal { kNone, kWrongStep, kNotPermitted, kSameReviewer };
// The refusal of moving a report from `from` to `to` by `who`. `reviewer` is the report's
// reviewed_by (the email of who reviewed it; used for the approval step). Steps and their
// permissions: draft → reviewed and approved → published need Permission::kEditPlans (an
// analyst); reviewed → approved needs Permission::kSignOff (a board member) who is not the
// reviewer (emails compared without regard to case).
ReportRefusal ReportTransitionRefusal(const Principal& who, ReportState from, ReportState to,
                                      std::string_view reviewer);
// The same as a Status with a message in words: kConflict for the wrong step, kValidation for
// a principal who may not take it (kNotPermitted and kSameReviewer; the web answers 403).
Status CheckReportTransition(const Principal& who, ReportState from, ReportState to,
                             std::string_view reviewer);

// True when `principal` may see an issued report in `state`: a published one everyone; the
// others only those who may read drafts (admins, analysts, board members).
bool CanSeeIssuedReport(const Principal& principal, ReportState state);

// The analyst's commentary on the plan or one of its items, per plan and reporting cycle.
// `version` counts its saves (1 after the first), so a save against an older version is
// refused rather than overwriting what someone else wrote.
struct Commentary {
  std::int64_t id = 0;
  std::string plan_id = {};
  std::optional<std::int64_t> cycle_id = {};  // nullopt: not tied to a cycle
  std::string subject = {};  // "plan", or "outcome:ID", "objective:ID", "indicator:ID", "action:ID"
  std::string text = {};     // plain text, line breaks as "\n"
  std::string author = {};   // the email of who saved it last
  std::string updated_at = {};  // ISO 8601 UTC of the last save
  int version = 0;
  bool operator==(const Commentary&) const = default;
};

inline constexpr std::size_t kMaxCommentaryLength = 2000;  // characters (code points)

// Every problem, named by field: "subject" (not "plan" nor KIND:ID with a slug ID) and "text"
// (not UTF-8, over 2,000 characters, a control character other than "\n"). An empty text is
// acceptable: saving it deletes the commentary.
FieldErrors CheckCommentary(std::string_view subject, std::string_view text);

// Commentary as typed in a form: line breaks ("\r\n", "\r") as "\n", and the spaces, tabs and
// line breaks around it removed.
std::string CommentaryFromForm(std::string_view typed);

}  // namespace waymark
