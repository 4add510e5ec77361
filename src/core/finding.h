// "You said, we did": what children and young people told the partnership (a finding, from a
// survey, a focus group, a youth forum or a consultation, with its date and how many took part)
// and, for each objective or action it is linked to, the partnership's answer: "we did", "we
// are doing" or "we cannot, because ...", with the date and who answered. Plain values and pure
// rules with no I/O; no personal data about a child is kept (a finding is a summary, and a
// count of who took part).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/plan.h"

namespace waymark {

enum class FindingSource { kSurvey, kFocusGroup, kYouthForum, kConsultation };
inline constexpr std::array<FindingSource, 4> kAllFindingSources = {
    FindingSource::kSurvey, FindingSource::kFocusGroup, FindingSource::kYouthForum,
    FindingSource::kConsultation};
// "survey", "focus-group", "youth-forum", "consultation".
std::string_view FindingSourceName(FindingSource source);
// "Survey", "Focus group", "Youth forum", "Consultation".
std::string_view FindingSourceLabel(FindingSource source);
std::optional<FindingSource> ParseFindingSource(std::string_view text);

// The partnership's answer to a finding, for one objective or action.
enum class AnswerKind { kWeDid, kWeAreDoing, kWeCannot };
inline constexpr std::array<AnswerKind, 3> kAllAnswerKinds = {
    AnswerKind::kWeDid, AnswerKind::kWeAreDoing, AnswerKind::kWeCannot};
// "we-did", "we-are-doing", "we-cannot".
std::string_view AnswerKindName(AnswerKind kind);
// "We did", "We are doing", "We cannot".
std::string_view AnswerKindLabel(AnswerKind kind);
std::optional<AnswerKind> ParseAnswerKind(std::string_view text);

// The answer for one objective or action of the plan the finding is linked to.
struct FindingAnswer {
  std::string target;  // "objective:ID" or "action:ID" of the finding's plan
  AnswerKind kind = AnswerKind::kWeAreDoing;
  std::string text;    // what was done, is being done, or why it cannot be ("because ...")
  Date date;           // when the answer was given
  std::string answered_by;    // the person or organisation that answered
  bool illustrative = false;  // an example answer (the demo's), shown as such
  bool operator==(const FindingAnswer&) const = default;
};

// A stored finding's `version` counts its saves: 1 once created, one more for every change (its
// fields, an answer saved or removed), so a change made against an older version is refused
// rather than overwriting what someone else saved in the meantime (CheckFindingVersion).
struct Finding {
  std::int64_t id = 0;  // 0 until stored
  std::string plan_id;
  std::string key;  // a slug naming it within its plan for re-imports ("" for none)
  std::string outcome_id;  // the outcome it is shown under
  std::string said;        // what children and young people told us, in plain words
  FindingSource source = FindingSource::kSurvey;
  std::string source_name;  // e.g. "Young People's Perception Survey 2017"
  Date date;                // when it was said (the survey's close, the forum's meeting)
  int participants = 0;     // how many took part (0: not known)
  std::vector<FindingAnswer> answers = {};
  int version = 0;  // 0 until stored
  bool operator==(const Finding&) const = default;
};

inline constexpr std::size_t kMaxFindingSaid = 1000;      // characters
inline constexpr std::size_t kMaxFindingAnswer = 2000;    // characters
inline constexpr std::size_t kMaxFindingName = 200;       // source name, answered by
inline constexpr int kMaxFindingParticipants = 1000000;

// Every problem of `finding` against its plan, named by field: "key" (not empty and not a slug),
// "outcome" (not an outcome of
// `plan`), "said" (empty, not plain text, over 1,000 characters), "source_name", "date" (not a
// real date), "participants" (negative or over a million), and per answer "answers[N].target"
// (not "objective:ID" or "action:ID" of `plan`, or a target answered twice), ".text" (empty,
// too long, or a "we cannot" that does not say why with "because"), ".date" (not a real date,
// or before the finding's date) and ".answered_by" (empty or too long).
FieldErrors CheckFinding(const Finding& finding, const Plan& plan);

// nullopt when a change made by someone who read version `expected_version` of `stored` may be
// saved; else the problem (field "version"): the finding has been saved since, at a newer (or
// any other) version.
std::optional<FieldError> CheckFindingVersion(const Finding& stored, int expected_version);

// True when `a` and `b` say the same (fields and answers), whatever their ids and versions.
bool SameFindingContent(const Finding& a, const Finding& b);

// The title of the objective or action `target` names in `plan`, or "" when there is none.
std::string FindingTargetTitle(const Plan& plan, std::string_view target);

}  // namespace waymark
