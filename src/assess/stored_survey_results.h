// A survey wave's results from the store: the wave's responses and those of the wave before it
// read in one place, then SurveyWaveResults (survey_results.h), so that the command line and
// the web pages build the same results (and the same tables) from the same rows.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "assess/survey_results.h"
#include "store/store.h"

namespace waymark::assess {

// The responses a wave's results are computed from.
struct WaveResponses {
  std::string wave;
  std::vector<SurveyResponseRow> rows = {};
  std::optional<std::vector<SurveyResponseRow>> previous = {};  // PreviousWave's, when there is one
  std::vector<SurveyAggregate> published = {};  // a wave whose results were published elsewhere
};

// Reads the responses of wave `wave_id` of `survey` and of the wave before it. kNotFound for an
// unknown wave.
Result<WaveResponses> LoadWaveResponses(store::Store& store, const Survey& survey,
                                        std::string_view wave_id);

// The results of `responses` (no store: call it outside the store's lock): from the figures
// published elsewhere when the wave has them (PublishedWaveResults).
Result<SurveyResults> WaveResultsOf(const Survey& survey, const WaveResponses& responses);

// The wave that opened last on or before `today`, or nullptr when none has opened.
const SurveyWave* LatestOpenedWave(const Survey& survey, const Date& today);

// The about-you questions of `survey`, in its order.
std::vector<const Question*> AboutYouQuestions(const Survey& survey);

}  // namespace waymark::assess
