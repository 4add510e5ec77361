// Checks of imported survey aggregates (see survey_aggregate.h).
#include "core/survey_aggregate.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/plain_text.h"

namespace waymark {
namespace {

void CheckAnswers(const Question& q, const SurveyAggregate& row, const std::string& path,
                  FieldErrors& errors) {
  if (row.answers.empty()) {
    errors.push_back({path + ".answers", "Name at least one option of the question"});
    return;
  }
  std::set<std::string> seen;
  for (const std::string& a : row.answers) {
    if (!HasOption(q, a)) {
      errors.push_back({path + ".answers",
                        fmt::format("Question '{}' has no option '{}'", q.id, a)});
    } else if (!seen.insert(a).second) {
      errors.push_back({path + ".answers", fmt::format("Option '{}' is named twice", a)});
    }
  }
}

void CheckNumbers(const SurveyAggregate& row, const std::string& path, FieldErrors& errors) {
  const bool counted = row.count.has_value() || row.respondents.has_value();
  if (!row.percent && !counted) {
    errors.push_back({path + ".percent", "Give a percentage, or a count with its respondents"});
    return;
  }
  if (row.percent && (!std::isfinite(*row.percent) || *row.percent < 0 || *row.percent > 100)) {
    errors.push_back({path + ".percent", "A percentage is from 0 to 100"});
  }
  if (!counted) return;
  if (!row.count || !row.respondents) {
    errors.push_back({path + (row.count ? ".respondents" : ".count"),
                      "Give the count and the respondents together"});
    return;
  }
  if (*row.respondents < 1 || *row.respondents > kMaxAggregateRespondents) {
    errors.push_back({path + ".respondents", "Respondents are from 1 to 100,000,000"});
    return;
  }
  if (*row.count < 0 || *row.count > *row.respondents) {
    errors.push_back({path + ".count", "A count is from 0 to the number of respondents"});
    return;
  }
  if (!row.percent || !std::isfinite(*row.percent)) return;
  const double implied = 100.0 * static_cast<double>(*row.count) /
                         static_cast<double>(*row.respondents);
  if (std::fabs(implied - *row.percent) > kAggregatePercentTolerance) {
    errors.push_back({path + ".percent",
                      fmt::format("The percentage is not the count out of the respondents "
                                  "({:.1f}%)",
                                  implied)});
  }
}

}  // namespace

FieldErrors CheckSurveyAggregates(const Survey& survey, std::span<const SurveyAggregate> rows) {
  FieldErrors errors;
  std::set<std::pair<std::string, std::vector<std::string>>> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const SurveyAggregate& row = rows[i];
    const std::string path = fmt::format("rows[{}]", i);
    const Question* q = FindQuestion(survey, row.question);
    if (q == nullptr) {
      errors.push_back({path + ".question",
                        fmt::format("Survey '{}' has no question '{}'", survey.id, row.question)});
    } else if (!IsChoice(q->kind)) {
      errors.push_back({path + ".question",
                        fmt::format("Question '{}' is not answered by choosing options", q->id)});
    } else {
      CheckAnswers(*q, row, path, errors);
    }
    CheckNumbers(row, path, errors);
    if (auto problem =
            PlainTextProblem(row.source, kMaxAggregateSource, "The source", LineBreaks::kRefused)) {
      errors.push_back({path + ".source", *problem});
    }
    std::vector<std::string> key = row.answers;
    std::sort(key.begin(), key.end());
    if (!seen.emplace(row.question, key).second) {
      errors.push_back({path + ".answers", "The same question and answers are given twice"});
    }
  }
  return errors;
}

std::string JoinAggregateAnswers(const std::vector<std::string>& answers) {
  std::string out;
  for (const std::string& a : answers) {
    if (!out.empty()) out += '+';
    out += a;
  }
  return out;
}

std::vector<std::string> SplitAggregateAnswers(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t plus = std::min(text.find('+', at), text.size());
    out.emplace_back(text.substr(at, plus - at));
    at = plus + 1;
  }
  return out;
}

std::optional<double> AggregatePercent(const SurveyAggregate& row) {
  if (row.percent) return row.percent;
  if (!row.count || !row.respondents || *row.respondents <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(*row.count) / static_cast<double>(*row.respondents);
}

}  // namespace waymark
