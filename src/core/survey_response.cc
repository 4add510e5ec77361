// Responses to a survey (see survey.h): which questions routing shows, and the checks of one
// response against the definition, each problem named by its question id.
#include "core/survey.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/cycle.h"
#include "core/plain_text.h"

namespace waymark {
namespace {

bool IsBlank(std::string_view text) { return TrimBlank(text).empty(); }

// Whether `q` is shown given the answers and visibility of the questions before it.
bool Shown(const Question& q, const Response& answers, const std::set<std::string>& shown) {
  if (!q.show_if) return true;
  if (shown.count(q.show_if->question) == 0) return false;
  const auto it = answers.find(q.show_if->question);
  if (it == answers.end()) return false;
  const auto& any_of = q.show_if->any_of;
  return std::any_of(it->second.choices.begin(), it->second.choices.end(), [&](const auto& id) {
    return std::find(any_of.begin(), any_of.end(), id) != any_of.end();
  });
}

std::optional<double> ParseNumber(std::string_view text) {
  text = TrimBlank(text);
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string Num(double v) { return fmt::format("{}", v); }

// The problem with the choices `values` for `q`, if any; fills `answer`.
std::optional<std::string> ChoiceProblem(const Question& q, const std::vector<std::string>& values,
                                         Answer& answer) {
  for (const std::string& v : values) {
    if (!HasOption(q, v)) return "Select one of the answers offered";
  }
  if (q.kind != QuestionKind::kMultipleChoice) {
    if (values.size() > 1) return "Select one answer";
    answer.choices = values;
    return std::nullopt;
  }
  std::set<std::string> distinct(values.begin(), values.end());
  if (distinct.size() != values.size()) return "Select each answer once";
  const auto count = static_cast<int>(values.size());
  if (q.min_choices > 0 && count < q.min_choices) {
    return fmt::format("Select at least {} answers", q.min_choices);
  }
  if (q.max_choices > 0 && count > q.max_choices) {
    return q.max_choices == 1 ? std::string("Select one answer")
                              : fmt::format("Select no more than {} answers", q.max_choices);
  }
  answer.choices = values;
  return std::nullopt;
}

std::optional<std::string> NumberProblem(const Question& q, std::string_view value,
                                         Answer& answer) {
  const std::optional<double> number = ParseNumber(value);
  const std::string range =
      fmt::format("between {} and {}", Num(q.min.value_or(0)), Num(q.max.value_or(0)));
  if (!number) {
    return fmt::format("Enter {} {}", q.whole ? "a whole number" : "a number", range);
  }
  if (q.whole && std::trunc(*number) != *number) {
    return fmt::format("Enter a whole number {}", range);
  }
  if ((q.min && *number < *q.min) || (q.max && *number > *q.max)) {
    return fmt::format("Enter a number {}", range);
  }
  answer.number = *number;
  return std::nullopt;
}

std::string MissingMessage(const Question& q) {
  switch (q.kind) {
    case QuestionKind::kSingleChoice:
    case QuestionKind::kLikert:
      return "Select an answer";
    case QuestionKind::kMultipleChoice:
      return "Select at least one answer";
    case QuestionKind::kNumber:
      return "Enter a number";
    case QuestionKind::kFreeText:
      return "Enter your answer";
  }
  return "Answer this question";
}

// The problem with the non-empty `values` given for the shown question `q`, if any.
std::optional<std::string> AnswerProblem(const Question& q, const std::vector<std::string>& values,
                                         Answer& answer) {
  if (IsChoice(q.kind)) return ChoiceProblem(q, values, answer);
  if (values.size() > 1) return "Give one answer";
  if (q.kind == QuestionKind::kNumber) return NumberProblem(q, values.front(), answer);
  const std::string_view text = TrimBlank(values.front());
  if (auto problem = PlainTextProblem(text, q.max_length, "Your answer", LineBreaks::kWhitespace)) {
    return problem;
  }
  answer.text = std::string(text);
  return std::nullopt;
}

std::vector<std::string> NonEmpty(const ResponseInput& input, std::string_view id) {
  std::vector<std::string> out;
  const auto it = input.find(id);
  if (it == input.end()) return out;
  for (const std::string& v : it->second) {
    if (!IsBlank(v)) out.push_back(v);
  }
  return out;
}

}  // namespace

std::vector<std::string> VisibleQuestions(const Survey& survey, const Response& answers) {
  std::vector<std::string> out;
  std::set<std::string> shown;
  for (const SurveySection& section : survey.sections) {
    for (const Question& q : section.questions) {
      if (!Shown(q, answers, shown)) continue;
      shown.insert(q.id);
      out.push_back(q.id);
    }
  }
  return out;
}

ResponseCheck CheckResponse(const Survey& survey, const ResponseInput& input) {
  ResponseCheck check;
  for (const auto& [id, values] : input) {
    if (FindQuestion(survey, id) == nullptr) {
      check.errors.push_back(FieldError{id, fmt::format("There is no question '{}'", id)});
    }
  }
  std::set<std::string> shown;
  for (const SurveySection& section : survey.sections) {
    for (const Question& q : section.questions) {
      const std::vector<std::string> values = NonEmpty(input, q.id);
      if (!Shown(q, check.response, shown)) {
        if (!values.empty()) {
          check.errors.push_back(FieldError{
              q.id, "Leave this question out: it is not asked after your earlier answers"});
        }
        continue;
      }
      shown.insert(q.id);
      if (values.empty()) {
        if (q.required) check.errors.push_back(FieldError{q.id, MissingMessage(q)});
        continue;
      }
      Answer answer;
      if (auto problem = AnswerProblem(q, values, answer)) {
        check.errors.push_back(FieldError{q.id, *problem});
        continue;
      }
      check.response.emplace(q.id, std::move(answer));
    }
  }
  return check;
}

}  // namespace waymark
