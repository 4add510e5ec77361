// The results of a survey wave published elsewhere (see PublishedWaveResults in
// survey_results.h): the imported figures with their Wilson 95% intervals when counts are
// given (stats/proportion.h, as for responses), suppressed by the survey's threshold.
#include <algorithm>

#include <fmt/format.h>

#include "assess/survey_results.h"
#include "stats/confidence.h"
#include "stats/proportion.h"

namespace waymark::assess {
namespace {

std::string AnswersLabel(const Question& q, const std::vector<std::string>& answers) {
  std::string out;
  for (const std::string& id : answers) {
    if (!out.empty()) out += " or ";
    for (const SurveyOption& o : q.options) {
      if (o.id == id) out += o.label;
    }
  }
  return out;
}

// True when a count of `n` people would be disclosive: 1 to threshold − 1.
bool Small(std::int64_t n, int threshold) { return n > 0 && n < threshold; }

Result<SurveyPublishedFigure> Figure(const Survey& survey, const SurveyAggregate& row) {
  const Question* q = FindQuestion(survey, row.question);
  SurveyPublishedFigure f{row.question, q->text, AnswersLabel(*q, row.answers), {}, {},
                          row.count.has_value(), row.source};
  if (!f.counted) {
    f.cell.share = SurveyShare{*row.percent, *row.percent, *row.percent};  // no interval
    return f;
  }
  const std::int64_t n = *row.respondents;
  const std::int64_t k = *row.count;
  if (n < survey.threshold) return f;  // everything suppressed
  f.respondents = n;
  if (Small(k, survey.threshold) || Small(n - k, survey.threshold)) return f;
  f.cell.count = k;
  WAYMARK_ASSIGN_OR_RETURN(
      const stats::Estimate estimate,
      stats::Proportion(static_cast<double>(k), static_cast<double>(n),
                        std::span<const stats::ConfidenceLevel>(
                            stats::DefaultConfidenceLevels().data(), 1),
                        100.0));
  f.cell.share = SurveyShare{estimate.value, estimate.intervals[0].lower,
                             estimate.intervals[0].upper};
  return f;
}

}  // namespace

Result<SurveyResults> PublishedWaveResults(const Survey& survey, std::string_view wave,
                                           std::span<const SurveyAggregate> rows) {
  const SurveyWave* found = FindSurveyWave(survey, wave);
  if (found == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("wave: survey '{}' has no wave '{}'", survey.id, wave));
  }
  const FieldErrors errors = CheckSurveyAggregates(survey, rows);
  if (!errors.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: {}", errors[0].field, errors[0].message));
  }
  SurveyResults results;
  results.survey = survey.id;
  results.title = survey.title;
  results.wave = found->id;
  results.wave_name = found->name;
  results.threshold = survey.threshold;
  for (const SurveyAggregate& row : rows) {
    WAYMARK_ASSIGN_OR_RETURN(SurveyPublishedFigure f, Figure(survey, row));
    results.published.push_back(std::move(f));
  }
  return results;
}

}  // namespace waymark::assess
