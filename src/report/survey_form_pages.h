// The pages a child or young person answers a survey on (/s and /s/{code}), in GOV.UK
// Frontend markup that works without JavaScript, on a phone and by keyboard: the surveys open
// now, the choice of age group (for the wording only; never kept), the introduction and consent
// in that age group's words, one page per section (split where routing needs it), "check your
// answers" with a change button per answer, and the pages after sending or declining. The
// answers travel in the form from page to page as hidden fields: nothing is kept on the server
// until the response is sent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/survey.h"
#include "core/survey_flow.h"

namespace waymark::report {

// The form's own fields, beside the questions' (whose ids never start with '_').
inline constexpr std::string_view kSurveyAgesField = "_ages";
inline constexpr std::string_view kSurveyStepField = "_step";      // "consent" on the consent page
inline constexpr std::string_view kSurveyConsentField = "_consent";  // "yes" or "no"
inline constexpr std::string_view kSurveyPageField = "_page";        // the page's key
inline constexpr std::string_view kSurveyGoField = "_go";  // next, back, check, submit, page:KEY
inline constexpr std::string_view kSurveyCodeField = "_code";  // an optional one-time code

// A survey open today, as /s lists it.
struct OpenSurvey {
  std::string code;
  std::string title;
  std::string wave_name;
  Date closes;
};
std::string RenderOpenSurveysPage(const std::vector<OpenSurvey>& surveys);

// Where a response is on its way: the survey, its open wave, the age group whose wording is
// shown and the answers so far.
struct SurveyFormContext {
  const Survey* survey = nullptr;
  const SurveyWave* wave = nullptr;
  std::string ages;
  std::string csrf_token;
  ResponseInput answers;
};

// The start: the survey's title and a GET form choosing the age group for the wording.
std::string RenderSurveyStartPage(const Survey& survey, const SurveyWave& wave,
                                  const FieldErrors& errors);
// The introduction and consent wording of `context.ages`, with the consent question.
std::string RenderSurveyConsentPage(const SurveyFormContext& context, const FieldErrors& errors);
// Page `index` of `pages`, the answers of every other page carried as hidden fields.
std::string RenderSurveyQuestionPage(const SurveyFormContext& context,
                                     const std::vector<SurveyFormPage>& pages, std::size_t index,
                                     const FieldErrors& errors);
// Every shown question with its answer and a change button; the optional one-time code and
// the button that sends the response. `code` is the code typed, shown back after a problem.
std::string RenderSurveyCheckPage(const SurveyFormContext& context,
                                  const std::vector<SurveyFormPage>& pages, std::string_view code,
                                  const FieldErrors& errors);
std::string RenderSurveySentPage(const Survey& survey);
std::string RenderSurveyDeclinedPage(const Survey& survey);
// 404: the survey is not open today.
std::string RenderSurveyClosedPage(const Survey& survey);

// An answer as the check page shows it: option labels joined by ", ", the number, or the text;
// "Not answered" when there is none.
std::string AnswerText(const Question& question, const std::vector<std::string>& values);

}  // namespace waymark::report
