// The figures a survey wave gives the indicators its questions feed (Question::feeds, such as
// the share answering "agree" or "strongly agree" to "Barnet is a family friendly place"). Each
// feed's figure, already under the survey's disclosure control (SurveyFeedResult), becomes an
// observation of its indicator for the survey's council and the wave's period (WavePeriod),
// with its count, denominator and Wilson 95% interval. They are kept as one import whose
// provenance names the survey and the wave, and the indicators are judged again, so that the
// index's local measures are fed by the survey itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assess/rejudge.h"
#include "assess/stored_survey_results.h"
#include "assess/survey_results.h"
#include "core/account.h"
#include "core/indicator.h"
#include "core/survey.h"
#include "store/store.h"

namespace waymark::assess {

inline constexpr std::string_view kSurveyFeedFormat = "survey";

struct SurveyFeedFigures {
  std::vector<Observation> observations = {};  // one per feed with a figure, in survey order
  std::vector<std::string> withheld = {};      // indicators whose figure is suppressed
};

// The import's file in the figures' provenance: "survey SURVEY, wave WAVE".
std::string SurveyFeedSource(std::string_view survey_id, std::string_view wave_id);

// The observations `results` (of `wave` of `survey`) give. kInvalidArgument when the survey
// has no council area ("area": imported without a plan), the wave has no period, or a feed
// names an indicator that is not in `catalogue` or is not a percentage (a proportion with
// multiplier 100), each named by the question ("sections[S].questions[Q].feeds.indicator").
Result<SurveyFeedFigures> SurveyFeedObservations(const Survey& survey, const SurveyWave& wave,
                                                 const SurveyResults& results,
                                                 const std::vector<Indicator>& catalogue);

struct SurveyFeedOutcome {
  SurveyFeedFigures figures = {};
  store::ObservationImportStats stats = {};
  RejudgeStats rejudged = {};
};

// Keeps the observations of SurveyFeedObservations (with the stored catalogue) as one import
// (file SurveyFeedSource, format "survey", user `audit.actor`, time `now`), judges the
// indicators whose figures changed again, and audits "survey.feed" (entity "survey", the
// figures as JSON) when any figure was inserted or revised. Feeding the same results again
// changes nothing and writes nothing. A wave without feeds, or whose figures are all
// suppressed, keeps nothing.
Result<SurveyFeedOutcome> FeedSurveyWave(store::Store& store, const Survey& survey,
                                         const SurveyWave& wave, const SurveyResults& results,
                                         std::int64_t now, const AuditEntry& audit);

struct SurveyPublishOutcome {
  store::SurveyPublication publication = {};
  SurveyFeedOutcome fed = {};
};

// Publishes the results of `wave` (Store::PublishSurveyWave: only once it has closed) and feeds
// its figures to the indicators (FeedSurveyWave), computing the results from the stored
// responses. The feeds are checked first, so a survey whose figures cannot be kept (no council
// area, an unknown indicator) is refused before anything is published. Publishing a published
// wave feeds its figures again, which changes nothing when they are kept already.
Result<SurveyPublishOutcome> PublishWaveResults(store::Store& store, const Survey& survey,
                                                const SurveyWave& wave, const Date& today,
                                                std::int64_t now, const AuditEntry& audit);

}  // namespace waymark::assess
