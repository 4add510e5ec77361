// The pages of survey results: /surveys (analysts: each survey with its waves, their dates,
// state, responses and publication), /surveys/{id}/results (a wave's tables with counts,
// percentages and intervals, suppressed cells written "c" with the reason beside them, the
// change since the previous wave, tables by an about-you question chosen with a GET form, the
// indicator feeds and downloads; publishing for analysts) and /surveys/{id}/free-text (the
// review of free-text answers, survey_review_pages.cc). The tables are those of the downloads
// (survey_tables.h), so the page and the CSV can never differ. Free text appears only on the
// review page, never with results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assess/survey_results.h"
#include "core/field_error.h"
#include "core/survey.h"
#include "report/table.h"
#include "store/store.h"

namespace waymark::report {

enum class WaveState { kUpcoming, kOpen, kClosed };
// A wave on `today`: upcoming before it opens, open from its opens to its closes, then closed.
WaveState WaveStateOn(const SurveyWave& wave, const Date& today);
// "Upcoming", "Open", "Closed".
std::string_view WaveStateLabel(WaveState state);

// A count of responses as pages show it: "None", "fewer than 10" (1 to threshold − 1), or the
// count with thousands separated ("1,234").
std::string ResponseCountText(std::int64_t count, int threshold);

// The addresses of a survey's pages (`wave` "" for the default wave).
std::string SurveyResultsHref(std::string_view survey_id, std::string_view wave,
                              std::string_view by = {});
std::string SurveyFreeTextHref(std::string_view survey_id, std::string_view wave);

struct SurveyWaveListing {
  SurveyWave wave;
  WaveState state = WaveState::kUpcoming;
  std::int64_t responses = 0;
  bool published = false;
};

struct SurveyListing {
  std::string id;
  std::string title;
  int threshold = kDefaultThreshold;
  std::vector<SurveyWaveListing> waves = {};
};

struct SurveysPage {
  std::vector<SurveyListing> surveys;
};
std::string RenderSurveysPage(const SurveysPage& page);

struct SurveyResultsPage {
  std::string survey_id;
  assess::SurveyResults results;
  std::vector<Table> tables;  // SurveyResultTables(results)
  SurveyWave wave;
  std::vector<std::pair<std::string, std::string>> waves;  // the waves the reader may choose
  std::vector<std::pair<std::string, std::string>> about;  // about-you question id, text
  std::string by;                                          // the about-you question shown
  // Analysts only: the publication controls and the link to the free-text review.
  bool analyst = false;
  bool closed = false;  // the wave has closed (only then may it be published)
  std::optional<store::SurveyPublication> publication = std::nullopt;
  std::string csrf_token;
  FieldErrors errors = {};  // a refused publication
};
std::string RenderSurveyResultsPage(const SurveyResultsPage& page);

// One free-text question's answers as the reviewer may see them.
struct FreeTextQuestionAnswers {
  std::string question_id;
  std::string question_text;
  std::vector<store::FreeTextAnswer> answers;  // without those hidden from the reviewer
  std::size_t hidden_flagged = 0;              // flagged answers the reviewer may not see
};

struct FreeTextReviewPage {
  std::string survey_id;
  std::string survey_title;
  SurveyWave wave;
  std::vector<std::pair<std::string, std::string>> waves;
  std::vector<FreeTextQuestionAnswers> questions;
  bool sees_safeguarding = false;
  std::string procedure;  // the local safeguarding procedure, shown to those who see flags
  std::string csrf_token;
  FieldErrors errors = {};  // a refused review
};
std::string RenderFreeTextReviewPage(const FreeTextReviewPage& page);

// The values of the review form's `action` field.
inline constexpr std::string_view kReviewMarkReviewed = "reviewed";
inline constexpr std::string_view kReviewMarkUnreviewed = "unreviewed";
inline constexpr std::string_view kReviewFlag = "flag";
inline constexpr std::string_view kReviewUnflag = "unflag";

}  // namespace waymark::report
