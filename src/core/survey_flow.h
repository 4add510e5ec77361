// The way through a survey's response form: which questions each page asks, given the answers
// so far. Each section is cut into pages where a question's routing (show_if) depends on a
// question of the same section before it on the page, so that the form needs no JavaScript to
// show it or not; a page then holds the shown questions of its part, and the cut does not move
// when answers change. Answers travel with the form from page to page
// (nothing is kept on the server before the response is sent), so the rules here work on the
// submitted values. Pure rules with no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/survey.h"

namespace waymark {

// One page of the form: the shown questions of one part of a section, in the survey's order.
struct SurveyFormPage {
  std::size_t section = 0;        // index into Survey::sections
  bool first_of_section = false;  // the section's introduction goes on this page
  std::string key;                // the page's name in the form: its part's first question
  std::vector<std::string> questions;
};

// The pages of the form for the answers so far, in order. A part with no shown question has no
// page.
std::vector<SurveyFormPage> SurveyFormPages(const Survey& survey, const ResponseInput& answers);

// The index of the page named `key`, or nullopt.
std::optional<std::size_t> FindFormPage(const std::vector<SurveyFormPage>& pages,
                                        std::string_view key);

// `answers` without the answers to questions the routing no longer shows (after an earlier
// answer changed) and without empty values.
ResponseInput ShownAnswers(const Survey& survey, const ResponseInput& answers);

// The problems of the questions on `page` (CheckResponse's, for those questions only): what
// stops the form from going on to the next page.
FieldErrors PageProblems(const Survey& survey, const SurveyFormPage& page,
                         const ResponseInput& answers);

// The index of the first page holding a question named by `errors`, or nullopt.
std::optional<std::size_t> FirstPageWithProblem(const std::vector<SurveyFormPage>& pages,
                                                const FieldErrors& errors);

}  // namespace waymark
