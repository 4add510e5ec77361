// Board reports once issued: names and labels of kinds and states, the check of a report about
// to be issued, the sign-off steps and who may take them, who may see an issued report, and the
// check of commentary.
#include "core/board_report.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

#include "core/cycle.h"
#include "core/plain_text.h"
#include "core/plan.h"

namespace waymark {
namespace {

// The subject kinds that name one item of a plan ("KIND:ID").
constexpr std::array<std::string_view, 4> kItemSubjects = {"outcome", "objective", "indicator",
                                                           "action"};

bool IsCommentarySubject(std::string_view subject) {
  if (subject == "plan") return true;
  const std::size_t colon = subject.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view kind = subject.substr(0, colon);
  if (std::find(kItemSubjects.begin(), kItemSubjects.end(), kind) == kItemSubjects.end()) {
    return false;
  }
  return IsValidSlug(subject.substr(colon + 1));
}

void CheckOutcome(const IssuedReport& report, FieldErrors& errors) {
  if (report.kind == ReportKind::kOutcome && report.outcome_id.empty()) {
    errors.push_back({"outcome", "Choose the outcome the report is about"});
  } else if (report.kind == ReportKind::kPlan && !report.outcome_id.empty()) {
    errors.push_back({"outcome", "A board pack covers the whole plan: choose no outcome"});
  } else if (!report.outcome_id.empty() && !IsValidSlug(report.outcome_id)) {
    errors.push_back({"outcome", "Outcome must be an outcome's id, like be-healthy"});
  }
}

void CheckTitle(std::string_view title, FieldErrors& errors) {
  if (TrimBlank(title).empty()) {
    errors.push_back({"title", "Enter a title for the report"});
    return;
  }
  if (auto problem = PlainTextProblem(title, kMaxReportTitleLength, "Title", LineBreaks::kRefused)) {
    errors.push_back({"title", std::move(*problem)});
  }
}

// The permission a step into `to` needs, and how a refusal names its holder and the step.
struct StepRule {
  Permission permission = Permission::kEditPlans;
  std::string_view holder;  // "an analyst"
  std::string_view deed;    // "mark a report reviewed"
};

StepRule RuleOf(ReportState to) {
  if (to == ReportState::kApproved) {
    return {Permission::kSignOff, "a board member", "approve a report"};
  }
  if (to == ReportState::kPublished)
    return {Permission::kEditPlans, "an analyst", "publish a report"};
  return {Permission::kEditPlans, "an analyst", "mark a report reviewed"};
}

bool SameEmail(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string WrongStepMessage(ReportState from, ReportState to) {
  const std::optional<ReportState> next = NextReportState(from);
  const std::string_view wanted =
      to == ReportState::kDraft ? "made a draft again" : ReportStateName(to);
  if (!next) {
    return fmt::format("a published report cannot be {}: publication is final", wanted);
  }
  const std::string_view article = from == ReportState::kApproved ? "an" : "a";
  return fmt::format("{} {} report cannot be {}: it must be {} next", article,
                     ReportStateName(from), wanted, ReportStateName(*next));
}

}  // namespace

std::string_view ReportKindName(ReportKind kind) {
  switch (kind) {
    case ReportKind::kOutcome:
      return "outcome";
    case ReportKind::kPlan:
      return "plan";
    case ReportKind::kExceptions:
      return "exceptions";
    case ReportKind::kChildren:
      return "children";
  }
  return "plan";
}

std::string_view ReportKindLabel(ReportKind kind) {
  switch (kind) {
    case ReportKind::kOutcome:
      return "Outcome report";
    case ReportKind::kPlan:
      return "Board pack";
    case ReportKind::kExceptions:
      return "Exception report";
    case ReportKind::kChildren:
      return "Children and young people's version";
  }
  return "Board pack";
}

std::optional<ReportKind> ParseReportKind(std::string_view text) {
  for (ReportKind kind : kAllReportKinds) {
    if (ReportKindName(kind) == text) return kind;
  }
  return std::nullopt;
}

std::string_view ReportStateName(ReportState state) {
  switch (state) {
    case ReportState::kDraft:
      return "draft";
    case ReportState::kReviewed:
      return "reviewed";
    case ReportState::kApproved:
      return "approved";
    case ReportState::kPublished:
      return "published";
  }
  return "draft";
}

std::string_view ReportStateLabel(ReportState state) {
  switch (state) {
    case ReportState::kDraft:
      return "Draft";
    case ReportState::kReviewed:
      return "Reviewed";
    case ReportState::kApproved:
      return "Approved";
    case ReportState::kPublished:
      return "Published";
  }
  return "Draft";
}

std::optional<ReportState> ParseReportState(std::string_view text) {
  for (ReportState state : kAllReportStates) {
    if (ReportStateName(state) == text) return state;
  }
  return std::nullopt;
}

std::optional<ReportState> NextReportState(ReportState state) {
  switch (state) {
    case ReportState::kDraft:
      return ReportState::kReviewed;
    case ReportState::kReviewed:
      return ReportState::kApproved;
    case ReportState::kApproved:
      return ReportState::kPublished;
    case ReportState::kPublished:
      return std::nullopt;
  }
  return std::nullopt;
}

FieldErrors CheckIssuedReport(const IssuedReport& report) {
  FieldErrors errors;
  CheckTitle(report.title, errors);
  CheckOutcome(report, errors);
  if (!IsValidSlug(report.board)) {
    errors.push_back({"board", "Board must be a monitoring body's id, like partnership-board"});
  }
  if (report.data_as_of.size() < 10 || !Date::Parse(report.data_as_of.substr(0, 10))) {
    errors.push_back({"data_as_of", "Data as of must start with a real date, like 2026-03-31"});
  }
  if (report.model_json.empty()) errors.push_back({"model_json", "The report model is empty"});
  if (report.html.empty()) errors.push_back({"html", "The report's HTML is empty"});
  return errors;
}

ReportRefusal ReportTransitionRefusal(const Principal& who, ReportState from, ReportState to,
                                      std::string_view reviewer) {
  if (NextReportState(from) != to) return ReportRefusal::kWrongStep;
  if (!Allows(who.role, RuleOf(to).permission)) return ReportRefusal::kNotPermitted;
  if (to == ReportState::kApproved && SameEmail(who.email, reviewer)) {
    return ReportRefusal::kSameReviewer;
  }
  return ReportRefusal::kNone;
}

Status CheckReportTransition(const Principal& who, ReportState from, ReportState to,
                             std::string_view reviewer) {
  switch (ReportTransitionRefusal(who, from, to, reviewer)) {
    case ReportRefusal::kNone:
      return {};
    case ReportRefusal::kWrongStep:
      return MakeError(ErrorCode::kConflict, WrongStepMessage(from, to));
    case ReportRefusal::kNotPermitted: {
      const StepRule rule = RuleOf(to);
      return MakeError(ErrorCode::kValidation,
                       fmt::format("only {} can {}", rule.holder, rule.deed));
    }
    case ReportRefusal::kSameReviewer:
      return MakeError(
          ErrorCode::kValidation,
          fmt::format("the report was reviewed by {}: someone else must approve it", reviewer));
  }
  return MakeError(ErrorCode::kInternal, "unknown refusal of a report's step");
}

bool CanSeeIssuedReport(const Principal& principal, ReportState state) {
  if (state == ReportState::kPublished) return true;
  return Allows(principal.role, Permission::kReadDrafts);
}

FieldErrors CheckCommentary(std::string_view subject, std::string_view text) {
  FieldErrors errors;
  if (!IsCommentarySubject(subject)) {
    errors.push_back({"subject",
                      "Subject must be plan, or outcome, objective, indicator or action followed "
                      "by a colon and its id, like outcome:be-healthy"});
  }
  if (auto problem = PlainTextProblem(text, kMaxCommentaryLength, "Commentary", LineBreaks::kNewline)) {
    errors.push_back({"text", std::move(*problem)});
  }
  return errors;
}

std::string CommentaryFromForm(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    if (c == '\r') {
      if (i + 1 < typed.size() && typed[i + 1] == '\n') continue;
      out.push_back('\n');
    } else if (c == '\t') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return std::string(TrimBlank(out));
}

}  // namespace waymark
