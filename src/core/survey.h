// Surveys of children and young people as data (docs/survey-format.md): sections of questions
// of five kinds, optional "about you" questions asked in fixed bands only, simple routing,
// wording per age band, indicator feeds and waves. Pure rules with no I/O: CheckSurvey checks a
// definition, CheckResponse one response to it. No personal data about a child is asked for:
// the about-you answers are bands defined here (the ward list is the one the caller supplies).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/period.h"
#include "core/plan.h"

namespace waymark {

enum class QuestionKind { kSingleChoice, kMultipleChoice, kLikert, kNumber, kFreeText };
// "single-choice", "multiple-choice", "likert", "number", "free-text".
std::string_view QuestionKindName(QuestionKind kind);
std::optional<QuestionKind> ParseQuestionKind(std::string_view text);

// The bands an "about you" question may ask for. Each is a single choice among bands fixed
// here, always with "prefer-not-to-say"; the ward bands are the survey's `wards`.
enum class AboutYou { kAgeBand, kSchoolPhase, kGender, kWard, kSend, kCare };
inline constexpr std::array<AboutYou, 6> kAllAboutYou = {AboutYou::kAgeBand, AboutYou::kSchoolPhase,
                                                         AboutYou::kGender,  AboutYou::kWard,
                                                         AboutYou::kSend,    AboutYou::kCare};
// "age-band", "school-phase", "gender", "ward", "send", "care".
std::string_view AboutYouName(AboutYou about);
std::optional<AboutYou> ParseAboutYou(std::string_view text);
// The question's words when the survey gives none, e.g. "How old are you?".
std::string_view AboutYouText(AboutYou about);

inline constexpr std::string_view kPreferNotToSay = "prefer-not-to-say";

// One answer a choice or Likert question offers. The id is stable across waves.
struct SurveyOption {
  std::string id;
  std::string label;
  bool operator==(const SurveyOption&) const = default;
};

// The age bands a survey's wording and its age-band question use: "8-10", "11-13", "14-16",
// "17-19", "20-25" (without "prefer-not-to-say").
std::span<const SurveyOption> AgeBands();

// The options of an about-you question: the fixed bands of `about` (for kWard, `wards`), then
// "prefer-not-to-say".
std::vector<SurveyOption> BandOptions(AboutYou about, std::span<const SurveyOption> wards);

// Named Likert scales: "agree5" (strongly-agree … strongly-disagree), "agree3" (agree,
// not-sure, disagree), "often5" (always … never), "happy5" (very-happy … very-unhappy).
std::span<const std::string_view> LikertScaleNames();
// The options of the scale `name`, or nullopt when there is no such scale.
std::optional<std::vector<SurveyOption>> LikertScale(std::string_view name);

// Shows a question only when the earlier choice question `question` was answered with one of
// `any_of` (for multiple choice: when any of its answers is one of them).
struct ShowIf {
  std::string question;
  std::vector<std::string> any_of;
  bool operator==(const ShowIf&) const = default;
};

// A choice or Likert question that feeds an indicator of the catalogue: the share of those who
// answered the question whose answer is one of `counted`.
struct IndicatorFeed {
  std::string indicator;  // indicator id of the catalogue
  std::vector<std::string> counted;
  bool operator==(const IndicatorFeed&) const = default;
};

inline constexpr std::size_t kMaxFreeTextLength = 2000;
inline constexpr double kMaxNumberMagnitude = 1e9;
inline constexpr int kDefaultThreshold = 10;
// At 2 every suppressed small count would be a 1 (docs/disclosure-control.md): 3 at least.
inline constexpr int kMinThreshold = 3;
inline constexpr int kMaxThreshold = 1000;

struct Question {
  std::string id;
  QuestionKind kind = QuestionKind::kSingleChoice;
  std::string text;
  std::string hint = {};
  bool required = false;
  std::optional<AboutYou> about_you = {};  // set: a band question (single choice, optional)
  std::string scale = {};                  // Likert: a named scale, or "" for explicit options
  std::vector<SurveyOption> options = {};  // choice and Likert (filled in for scales and bands)
  int min_choices = 0;                     // multiple choice: 0 means no lower limit
  int max_choices = 0;                     // multiple choice: 0 means no upper limit
  std::optional<double> min = {};          // number: both bounds are required
  std::optional<double> max = {};
  bool whole = true;           // number: whole numbers only
  std::size_t max_length = 0;  // free text: 1 to kMaxFreeTextLength characters
  std::optional<ShowIf> show_if = {};
  std::optional<IndicatorFeed> feeds = {};
  bool operator==(const Question&) const = default;
};

struct SurveySection {
  std::string id;
  std::string title;
  std::string intro = {};
  std::vector<Question> questions = {};
  bool operator==(const SurveySection&) const = default;
};

// The introduction and consent wording shown to one age band, in plain words.
struct AgeWording {
  std::string ages;  // an id of AgeBands()
  std::string introduction;
  std::string consent;
  bool operator==(const AgeWording&) const = default;
};

// A period the survey is open for answers, both dates included. `period` is the period label
// (core/period.h) of the figures the wave gives the indicators its questions feed; "" for the
// calendar year the wave opens in (WavePeriod).
struct SurveyWave {
  std::string id;
  std::string name;
  Date opens;
  Date closes;
  std::string period = {};
  bool operator==(const SurveyWave&) const = default;
};

struct Survey {
  std::string id;    // slug
  std::string code;  // URL-safe, the survey's address /s/{code}
  std::string title;
  int threshold = kDefaultThreshold;  // cells with fewer respondents are suppressed
  std::vector<AgeWording> wording = {};
  std::vector<SurveyOption> wards = {};  // the ward bands, supplied by the caller
  std::string area = {};  // the council's area code, supplied by the caller; "" when unknown
  std::vector<SurveySection> sections = {};
  std::vector<SurveyWave> waves = {};
  bool operator==(const Survey&) const = default;
};

// Every problem of `survey`, each named by its path in the names of docs/survey-format.md:
// "survey.code", "wording[0].consent", "waves[1].closes",
// "sections[0].questions[2].show_if.any_of[1]" (indexes from 0). Empty when it is sound.
FieldErrors CheckSurvey(const Survey& survey);

// True for the kinds answered by choosing options: single and multiple choice, Likert.
bool IsChoice(QuestionKind kind);
// True when `q` offers the option `id`.
bool HasOption(const Question& q, std::string_view id);

// The question with `id`, or nullptr.
const Question* FindQuestion(const Survey& survey, std::string_view id);
// The wave `id` of `survey`, or nullptr.
const SurveyWave* FindSurveyWave(const Survey& survey, std::string_view id);
// The period of the figures a wave feeds to indicators: its `period` label, or the calendar
// year it opens in. Empty when the label is not a period (CheckSurvey refuses it).
std::optional<Period> WavePeriod(const SurveyWave& wave);

// The wording for the age band `ages`, or nullptr when the survey has none for it.
const AgeWording* WordingFor(const Survey& survey, std::string_view ages);

// The wave open on `day`, or nullptr; and the wave that closed last before wave `id` opened
// (the one its results are compared with), or nullptr.
const SurveyWave* WaveOn(const Survey& survey, const Date& day);
const SurveyWave* PreviousWave(const Survey& survey, std::string_view id);

// One checked answer: option ids for choice and Likert questions, a number, or text.
struct Answer {
  std::vector<std::string> choices = {};
  std::optional<double> number = {};
  std::string text = {};
  bool empty() const { return choices.empty() && !number && text.empty(); }
  bool operator==(const Answer&) const = default;
};
using Response = std::map<std::string, Answer, std::less<>>;  // question id -> answer

// A response as submitted: question id -> the values sent (option ids; one number or one text).
// Empty values count as no answer.
using ResponseInput = std::map<std::string, std::vector<std::string>, std::less<>>;

// The ids of the questions shown, in order, given the answers so far: a question with show_if
// is shown when the question it names is shown and answered with one of its options.
std::vector<std::string> VisibleQuestions(const Survey& survey, const Response& answers);

struct ResponseCheck {
  Response response;   // the answers given, typed; only meaningful when `errors` is empty
  FieldErrors errors;  // each named by the question id
};
// Checks one response: unknown questions, required questions left out, options that do not
// exist, the limits of multiple choice, numbers out of bounds or not whole, free text too long
// or not plain text, and answers to questions the routing hides.
ResponseCheck CheckResponse(const Survey& survey, const ResponseInput& input);

}  // namespace waymark
