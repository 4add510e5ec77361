// Results of a survey wave run elsewhere, imported as aggregates (docs/survey-format.md,
// "Results from elsewhere"): for a choice or Likert question, the share of respondents whose
// answer was one of a set of options, as a count out of respondents, or as a percentage alone
// when that is all that was published (the 2017 Young People's Perception Survey figures in the
// 2019-23 plan give no respondent counts). Pure rules with no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/survey.h"

namespace waymark {

struct SurveyAggregate {
  std::string question;              // a choice or Likert question of the survey
  std::vector<std::string> answers;  // the options counted together, in the question's order
  std::optional<double> percent = {};           // 0–100
  std::optional<std::int64_t> count = {};       // with respondents: count out of respondents
  std::optional<std::int64_t> respondents = {};
  std::string source = {};  // where the figure was published
  bool operator==(const SurveyAggregate&) const = default;
};

inline constexpr std::size_t kMaxAggregateSource = 300;  // characters
inline constexpr std::int64_t kMaxAggregateRespondents = 100000000;
// How far a given percentage may be from count / respondents: the rounding of a published
// whole percentage.
inline constexpr double kAggregatePercentTolerance = 0.5;

// Every problem of `rows` for `survey`, named "rows[N].FIELD" (question, answers, percent,
// count, respondents, source): a question the survey lacks or that is not answered by choosing;
// no answers, an option the question lacks or one named twice; neither a percentage nor a count
// with its respondents; a count without respondents or the reverse; a count above its
// respondents, numbers below 0, respondents of 0 or over 100 million; a percentage outside
// 0–100 or more than half a point from count / respondents; a source that is not one line of
// plain text of at most 300 characters; and the same question and answers twice.
FieldErrors CheckSurveyAggregates(const Survey& survey, std::span<const SurveyAggregate> rows);

// The answers of a row as files and the store write them: option ids joined by '+'
// ("strongly-agree+agree"), and back. Splitting "" gives no answers; an empty part stays, for
// CheckSurveyAggregates to refuse.
std::string JoinAggregateAnswers(const std::vector<std::string>& answers);
std::vector<std::string> SplitAggregateAnswers(std::string_view text);

// The row's percentage: given, or count / respondents.
std::optional<double> AggregatePercent(const SurveyAggregate& row);

}  // namespace waymark
