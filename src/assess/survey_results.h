// The results of one wave of a survey of children and young people: per question the counts
// and percentages (Wilson 95% intervals) overall and by each "about you" band, the change since
// the previous wave (Newcombe difference of proportions), summaries of number answers, counts
// of free-text answers and the figures the survey feeds to indicators. Small-number disclosure
// control (stats/disclosure.h, docs/disclosure-control.md) is applied inside: a suppressed
// count, and every percentage, interval or change that would give it away, is absent from the
// result, so nothing downstream can publish it. Pure: no store, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan.h"
#include "core/result.h"
#include "core/survey.h"
#include "core/survey_aggregate.h"

namespace waymark::assess {

// One stored response of a wave: the day it was given and its checked answers.
struct SurveyResponseRow {
  Date day = {};
  Response answers = {};
};

// A percentage (0–100) of a row's respondents with its Wilson 95% interval.
struct SurveyShare {
  double percent = 0;
  double lower = 0;
  double upper = 0;
};

// One count of a table. `count` is empty when it is suppressed (written `c`); `share` is empty
// then too, and when the row's respondents are suppressed or are 0.
struct SurveyCell {
  std::optional<std::int64_t> count = {};
  std::optional<SurveyShare> share = {};
};

// The change of an option's percentage since the previous wave, judged at 95%.
enum class WaveChange { kHigher, kLower, kNoSignificantChange, kNotCompared };
// "Higher", "Lower", "No significant change", "Not compared".
std::string_view WaveChangeLabel(WaveChange change);

// Made only when both waves' percentages are shown; otherwise kNotCompared with no figures.
struct WaveComparison {
  WaveChange change = WaveChange::kNotCompared;
  std::optional<double> points = {};  // this wave − previous, in percentage points
  std::optional<double> lower = {};   // Newcombe 95% limits of `points`
  std::optional<double> upper = {};
};

struct SurveyOptionResult {
  std::string option;  // the option's id
  std::string label;
  SurveyCell cell = {};
  WaveComparison change = {};
};

// One row of a band table: the respondents of the question in one band, or "Not stated".
struct SurveyBandRowResult {
  std::string band;  // the band's option id; "" for the "Not stated" row
  std::string label;
  std::optional<std::int64_t> respondents = {};  // empty when suppressed
  std::vector<SurveyCell> cells = {};            // one per option of the question
};

inline constexpr std::string_view kNotStatedLabel = "Not stated";

// The answers of a question by the bands of one about-you question. The "Not stated" row holds
// the question's respondents who skipped the about-you question, preferred not to say or were
// not shown it, so the rows add up to the question's respondents.
struct SurveyBandTable {
  std::string about_question;  // the about-you question's id
  AboutYou about = AboutYou::kAgeBand;
  std::string title;  // the about-you question's text
  std::vector<SurveyBandRowResult> rows = {};
};

// A single choice, multiple choice, Likert or about-you question. Respondents are those who
// were shown the question and answered it; for multiple choice the counts may add up to more.
struct SurveyChoiceResult {
  bool multiple_choice = false;
  std::optional<std::int64_t> respondents = {};  // empty when suppressed
  std::vector<SurveyOptionResult> options = {};
  std::vector<SurveyBandTable> bands = {};  // one per other about-you question of the survey
};

// Number answers: how many, and the median and quartiles (inclusive linear interpolation)
// only when there are at least the threshold's number of answers and at least 4. Minimum and
// maximum are never given: they are single children's answers.
struct SurveyNumberSummary {
  std::optional<std::int64_t> answers = {};  // empty when 1 to threshold − 1
  std::optional<double> median = {};
  std::optional<double> lower_quartile = {};
  std::optional<double> upper_quartile = {};
};

struct SurveyQuestionResult {
  std::string id;
  std::string section;  // the section's id
  QuestionKind kind = QuestionKind::kSingleChoice;
  std::string text;
  std::optional<SurveyChoiceResult> choice = {};     // choice, Likert and about-you questions
  std::optional<SurveyNumberSummary> number = {};    // number questions
  std::optional<std::int64_t> free_text_answers = {};  // free text: how many (never the text);
                                                       // empty when 1 to threshold − 1
};

// What an indicator import takes for a wave: counted out of respondents as a percentage with
// its Wilson 95% interval.
struct SurveyFeedFigure {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  double value = 0;  // percent, 0–100
  double lower = 0;
  double upper = 0;
};

// A question's figure for the indicator it feeds. `figure` is empty when the respondents are
// below the threshold or suppressed, when the numerator is 1 to threshold − 1, when an option it
// counts is suppressed, or, for multiple choice (where the numerator is not a sum of the
// table's counts), when those not counted or those counted twice are 1 to threshold − 1.
struct SurveyFeedResult {
  std::string indicator;
  std::string question;
  std::optional<SurveyFeedFigure> figure = {};
};

// A figure of a wave whose results were published elsewhere (core/survey_aggregate.h): the
// share of the question's respondents whose answer was one of `answers`. With counts, the
// percentage has its Wilson 95% interval, and a count or a remainder (respondents − count) of 1
// to threshold − 1, or respondents below the threshold, suppresses the count and every
// percentage (the published percentage too, which would give them away); without counts the
// percentage is shown as published, with no interval.
struct SurveyPublishedFigure {
  std::string question;
  std::string question_text;
  std::string answers;  // the options' labels, joined by " or "
  SurveyCell cell = {};
  std::optional<std::int64_t> respondents = {};  // empty when not given or suppressed
  bool counted = false;  // false: a percentage published without its counts
  std::string source;
};

struct SurveyResults {
  std::string survey;
  std::string title;
  std::string wave;
  std::string wave_name;
  std::string previous_wave;       // "" when there was none to compare with
  std::string previous_wave_name;  // ""
  int threshold = kDefaultThreshold;
  std::optional<std::int64_t> responses = {};  // empty when 1 to threshold − 1
  std::vector<SurveyQuestionResult> questions = {};  // in the survey's order
  std::vector<SurveyFeedResult> feeds = {};
  // A wave whose results were published elsewhere has these figures and no question tables.
  std::vector<SurveyPublishedFigure> published = {};
};

// The results of wave `wave` of `survey` from its responses; `previous`, when given, are the
// responses of the wave PreviousWave(survey, wave), compared option by option. The tables of
// each question (overall and by each about-you question) are protected together with the
// survey's threshold. Errors (kInvalidArgument, nothing returned) name what is wrong: `wave`
// (not a wave of the survey; no previous wave while `previous` is given), `threshold`,
// `responses[3].day` (outside the wave's dates), `responses[3].answers.q7` (a question the
// survey does not have, an option the question does not offer, two choices for a single
// choice, the same option twice, an answer of the wrong kind, a non-finite number, an answer
// the routing hides); `previous[...]` likewise.
Result<SurveyResults> SurveyWaveResults(
    const Survey& survey, std::string_view wave, std::span<const SurveyResponseRow> responses,
    std::optional<std::span<const SurveyResponseRow>> previous = std::nullopt);

// The results of wave `wave` of `survey` from the figures published elsewhere: no question
// tables, no comparison; `published` in the order given. Errors (kInvalidArgument): `wave` not
// a wave of the survey, and the problems of CheckSurveyAggregates.
Result<SurveyResults> PublishedWaveResults(const Survey& survey, std::string_view wave,
                                           std::span<const SurveyAggregate> rows);

}  // namespace waymark::assess
