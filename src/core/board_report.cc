// Board reports once issued: names and labels of kinds and states, the check of a report about
// to be issued, the sign-off steps and who may take them, who may see an issued report, and the
// check of commentary.
#include "core/board_report.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

#include "core/cycle.h"
#include "core/plan.h"

namespace waymark {
namespace {

// What the lead byte of a UTF-8 sequence says: how many continuation bytes follow, its own
// bits of the code point, and the least code point a sequence so long may hold.
struct LeadByte {
  std::size_t extra = 0;
  char32_t bits = 0;
  char32_t least = 0;
};

std::optional<LeadByte> ReadLead(unsigned char lead) {
  if (lead < 0x80) return LeadByte{0, lead, 0};
  if (lead >= 0xC0 && lead < 0xE0) return LeadByte{1, lead & 0x1Fu, 0x80};
  if (lead >= 0xE0 && lead < 0xF0) return LeadByte{2, lead & 0x0Fu, 0x800};
  if (lead >= 0xF0 && lead < 0xF8) return LeadByte{3, lead & 0x07u, 0x10000};
  return std::nullopt;
}

// The number of code points in `text`, or nullopt when it is not well-formed UTF-8 (overlong
// forms, surrogates and values above U+10FFFF are refused).
std::optional<std::size_t> CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const std::optional<LeadByte> lead = ReadLead(static_cast<unsigned char>(text[i]));
    if (!lead || lead->extra >= text.size() - i) return std::nullopt;
    char32_t code = lead->bits;
    for (std::size_t k = 1; k <= lead->extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) return std::nullopt;
      code = (code << 6) | (next & 0x3Fu);
    }
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    if (code < lead->least || code > 0x10FFFF || surrogate) return std::nullopt;
    i += lead->extra + 1;
  }
  return count;
}

// `n` with commas between thousands, as GOV.UK writes numbers: 2,000.
std::string Thousands(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// True for a C0 control character or DEL, other than "\n" when `allow_newline`.
bool HasControl(std::string_view text, bool allow_newline) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (allow_newline && c == '\n') return false;
    return u < 0x20 || u == 0x7F;
  });
}

// The problem with a plain-text field of at most `max` characters, if any; `label` starts the
// message.
std::optional<std::string> TextProblem(std::string_view text, std::size_t max,
                                       std::string_view label, bool allow_newline) {
  const std::optional<std::size_t> length = CodePoints(text);
  if (!length) return fmt::format("{} must be plain text (UTF-8)", label);
  if (HasControl(text, allow_newline)) {
    return fmt::format("{} must not contain control characters", label);
  }
  if (*length > max) return fmt::format("{} must be {} characters or fewer", label, Thousands(max));
  return std::nullopt;
}

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
  if (auto problem = TextProblem(title, kMaxReportTitleLength, "Title", false)) {
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
  if (auto problem = TextProblem(text, kMaxCommentaryLength, "Commentary", true)) {
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
