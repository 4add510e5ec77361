// The results of a survey wave (assess/survey_results.h) as report tables for CSV and Excel
// (`waymark survey results ... --format csv|xlsx`): per question one table overall and one per
// about-you question, number and free-text summaries, and the figures fed to indicators. A
// suppressed figure is written kSuppressedSymbol ("c"), never as its number: the results carry
// no number for it. Pure: no I/O.
#pragma once

#include <string_view>
#include <vector>

#include "assess/survey_results.h"
#include "report/table.h"

namespace waymark::report {

// The tables of `results`, in the survey's order, each with a caption and a name usable as a
// file or sheet name:
//   "{question}" overall: Option, Count, Percent, Lower 95%, Upper 95% and, when compared, the
//     change since the previous wave in percentage points and its label; a last row
//     "Respondents" with their count;
//   "{question}.by-{about}" per about-you question: Band, Option, Count, Percent, Lower 95%,
//     Upper 95%, with a "Respondents" row per band ("Not stated" last);
//   "{question}" for a number question: Answers, Median, Lower quartile, Upper quartile; for a
//     free-text question: Answers (never the answers themselves);
//   "survey.indicator-feeds" when a question feeds an indicator: Indicator, Question,
//     Numerator, Denominator, Percent, Lower 95%, Upper 95%;
//   "survey.published" for a wave whose results were published elsewhere: Question, Answers,
//     Count, Respondents, Percent, Lower 95%, Upper 95%, Source.
// Question ids are slugs, so the names cannot collide. Percentages and intervals of a row whose
// respondents are suppressed are "c" too; a figure that does not exist (no respondents, not
// compared) is an empty cell.
std::vector<Table> SurveyResultTables(const assess::SurveyResults& results);

// Only the tables by the about-you question `by` ("{question}.by-{by}"); all of them when `by`
// is empty.
std::vector<Table> SurveyTablesBy(std::vector<Table> tables, std::string_view by);

}  // namespace waymark::report
