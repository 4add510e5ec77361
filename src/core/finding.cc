// "You said, we did" (finding.h).
#include "core/finding.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/plain_text.h"

namespace waymark {
namespace {

constexpr std::array<std::pair<FindingSource, std::pair<std::string_view, std::string_view>>, 4>
    kSources = {{{FindingSource::kSurvey, {"survey", "Survey"}},
                 {FindingSource::kFocusGroup, {"focus-group", "Focus group"}},
                 {FindingSource::kYouthForum, {"youth-forum", "Youth forum"}},
                 {FindingSource::kConsultation, {"consultation", "Consultation"}}}};

constexpr std::array<std::pair<AnswerKind, std::pair<std::string_view, std::string_view>>, 3>
    kAnswers = {{{AnswerKind::kWeDid, {"we-did", "We did"}},
                 {AnswerKind::kWeAreDoing, {"we-are-doing", "We are doing"}},
                 {AnswerKind::kWeCannot, {"we-cannot", "We cannot"}}}};

template <typename Enum, std::size_t N>
std::pair<std::string_view, std::string_view> Names(
    const std::array<std::pair<Enum, std::pair<std::string_view, std::string_view>>, N>& table,
    Enum value) {
  for (const auto& [v, names] : table) {
    if (v == value) return names;
  }
  return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(
    const std::array<std::pair<Enum, std::pair<std::string_view, std::string_view>>, N>& table,
    std::string_view text) {
  for (const auto& [v, names] : table) {
    if (names.first == text) return v;
  }
  return std::nullopt;
}

// A required plain-text field of at most `max` characters: `ask` when empty, else the
// problem starting with `label`.
void Required(FieldErrors& errors, const std::string& field, std::string_view text,
              std::size_t max, std::string_view ask, std::string_view label, LineBreaks breaks) {
  if (text.empty()) {
    errors.push_back({field, std::string(ask)});
    return;
  }
  if (auto problem = PlainTextProblem(text, max, label, breaks)) {
    errors.push_back({field, std::move(*problem)});
  }
}

bool SaysWhy(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("because") != std::string::npos;
}

void CheckAnswer(FieldErrors& errors, const Finding& f, const Plan& plan, std::size_t i,
                 std::set<std::string, std::less<>>& seen) {
  const FindingAnswer& a = f.answers[i];
  const std::string at = fmt::format("answers[{}]", i);
  if (FindingTargetTitle(plan, a.target).empty()) {
    errors.push_back({at + ".target", "Choose an objective or action of the plan"});
  } else if (!seen.insert(a.target).second) {
    errors.push_back({at + ".target", "This objective or action is answered already"});
  }
  Required(errors, at + ".text", a.text, kMaxFindingAnswer, "Enter the partnership's answer",
           "The answer", LineBreaks::kWhitespace);
  if (a.kind == AnswerKind::kWeCannot && !a.text.empty() && !SaysWhy(a.text)) {
    errors.push_back({at + ".text", "Say why it cannot be done, with \"because\""});
  }
  if (!IsRealDate(a.date)) {
    errors.push_back({at + ".date", "Enter the date of the answer"});
  } else if (IsRealDate(f.date) && a.date < f.date) {
    errors.push_back({at + ".date", "The answer cannot come before what was said"});
  }
  Required(errors, at + ".answered_by", a.answered_by, kMaxFindingName, "Enter who answered",
           "Who answered", LineBreaks::kRefused);
}

}  // namespace

std::string_view FindingSourceName(FindingSource source) { return Names(kSources, source).first; }
std::string_view FindingSourceLabel(FindingSource source) {
  return Names(kSources, source).second;
}
std::optional<FindingSource> ParseFindingSource(std::string_view text) {
  return Parse(kSources, text);
}

std::string_view AnswerKindName(AnswerKind kind) { return Names(kAnswers, kind).first; }
std::string_view AnswerKindLabel(AnswerKind kind) { return Names(kAnswers, kind).second; }
std::optional<AnswerKind> ParseAnswerKind(std::string_view text) { return Parse(kAnswers, text); }

std::string FindingTargetTitle(const Plan& plan, std::string_view target) {
  const auto colon = target.find(':');
  if (colon == std::string_view::npos) return "";
  const std::string_view kind = target.substr(0, colon);
  const std::string_view id = target.substr(colon + 1);
  for (const Outcome& o : plan.outcomes) {
    for (const Objective& obj : o.objectives) {
      if (kind == "objective" && obj.id == id) return obj.title;
      for (const Action& a : obj.actions) {
        if (kind == "action" && a.id == id) return a.title;
      }
    }
  }
  return "";
}

FieldErrors CheckFinding(const Finding& f, const Plan& plan) {
  FieldErrors errors;
  if (!f.key.empty() && !IsValidSlug(f.key)) {
    errors.push_back({"key", "Enter a key of lower-case letters, digits and hyphens"});
  }
  const bool outcome_known = std::any_of(plan.outcomes.begin(), plan.outcomes.end(),
                                         [&](const Outcome& o) { return o.id == f.outcome_id; });
  if (!outcome_known) errors.push_back({"outcome", "Choose an outcome of the plan"});
  Required(errors, "said", f.said, kMaxFindingSaid, "Enter what children and young people said",
           "What was said", LineBreaks::kWhitespace);
  Required(errors, "source_name", f.source_name, kMaxFindingName, "Enter where it was said",
           "Where it was said", LineBreaks::kRefused);
  if (!IsRealDate(f.date)) errors.push_back({"date", "Enter the date it was said"});
  if (f.participants < 0 || f.participants > kMaxFindingParticipants) {
    errors.push_back({"participants", fmt::format("Enter how many took part, from 0 to {}",
                                                  Thousands(kMaxFindingParticipants))});
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < f.answers.size(); ++i) CheckAnswer(errors, f, plan, i, seen);
  return errors;
}

std::optional<FieldError> CheckFindingVersion(const Finding& stored, int expected_version) {
  if (expected_version == stored.version) return std::nullopt;
  return FieldError{"version",
                    fmt::format("Someone else changed this finding after you opened it (it is now "
                                "at version {}, you opened version {})",
                                stored.version, expected_version)};
}

bool SameFindingContent(const Finding& a, const Finding& b) {
  Finding same = a;
  same.id = b.id;
  same.version = b.version;
  return same == b;
}

}  // namespace waymark
