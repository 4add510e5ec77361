// A survey wave's results from the store (stored_survey_results.h).
#include "assess/stored_survey_results.h"

#include <utility>

namespace waymark::assess {
namespace {

Result<std::vector<SurveyResponseRow>> Rows(store::Store& store, const Survey& survey,
                                            std::string_view wave_id) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<store::StoredSurveyResponse> stored,
                           store.ListSurveyResponses(survey.id, wave_id));
  std::vector<SurveyResponseRow> rows;
  rows.reserve(stored.size());
  for (store::StoredSurveyResponse& r : stored) rows.push_back({r.day, std::move(r.answers)});
  return rows;
}

}  // namespace

Result<WaveResponses> LoadWaveResponses(store::Store& store, const Survey& survey,
                                        std::string_view wave_id) {
  WaveResponses out{std::string(wave_id)};
  WAYMARK_ASSIGN_OR_RETURN(out.published, store.ListSurveyAggregates(survey.id, wave_id));
  if (!out.published.empty()) return out;
  WAYMARK_ASSIGN_OR_RETURN(out.rows, Rows(store, survey, wave_id));
  const SurveyWave* previous = PreviousWave(survey, wave_id);
  if (previous == nullptr) return out;
  WAYMARK_ASSIGN_OR_RETURN(std::vector<SurveyResponseRow> before,
                           Rows(store, survey, previous->id));
  out.previous = std::move(before);
  return out;
}

Result<SurveyResults> WaveResultsOf(const Survey& survey, const WaveResponses& responses) {
  if (!responses.published.empty()) {
    return PublishedWaveResults(survey, responses.wave, responses.published);
  }
  if (!responses.previous) return SurveyWaveResults(survey, responses.wave, responses.rows);
  return SurveyWaveResults(survey, responses.wave, responses.rows,
                           std::span<const SurveyResponseRow>(*responses.previous));
}

const SurveyWave* LatestOpenedWave(const Survey& survey, const Date& today) {
  const SurveyWave* latest = nullptr;
  for (const SurveyWave& w : survey.waves) {
    if (w.opens <= today && (latest == nullptr || latest->opens < w.opens)) latest = &w;
  }
  return latest;
}

std::vector<const Question*> AboutYouQuestions(const Survey& survey) {
  std::vector<const Question*> out;
  for (const SurveySection& s : survey.sections) {
    for (const Question& q : s.questions) {
      if (q.about_you) out.push_back(&q);
    }
  }
  return out;
}

}  // namespace waymark::assess
