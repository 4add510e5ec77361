// Survey responses typed in from paper as a CSV file (docs/survey-format.md, "Responses from
// paper"): a header row of the survey's question ids (any of them, in any order) and a `day`
// column, then one row per response. A choice is an option id, a multiple choice option ids
// joined by '+', a number as written, free text as it was written; an empty cell is no answer.
// Each response is checked with core's CheckResponse, and every problem is reported as
// FILE:LINE:COL with the name of its column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.h"
#include "core/result.h"
#include "core/survey.h"

namespace waymark::ingest {

// One response of the file, checked: the day it was given and its answers, typed.
struct SurveyResponseRow {
  Date day;
  Response answers = {};
  int line = 0;  // the row's line in the file
};

// The most rows one file may hold, and the most problems a report keeps (as for data files).
inline constexpr std::size_t kMaxSurveyResponseRows = 50000;
inline constexpr std::size_t kMaxSurveyResponseProblems = 200;

struct SurveyResponseFileReport {
  std::optional<std::vector<SurveyResponseRow>> responses;  // set only when there are no problems
  Diagnostics problems;  // the first kMaxSurveyResponseProblems, in the file's order
  std::size_t problem_count = 0;
  bool ok() const { return responses.has_value(); }
};

// Parses CSV text holding responses to `wave` of `survey` (the stored survey, with its ward
// bands); `file_name` is used in positions only.
SurveyResponseFileReport ParseSurveyResponses(std::string text, const std::string& file_name,
                                              const Survey& survey, const SurveyWave& wave);
// Reads the file at `path` and parses it. An unreadable file is one problem.
SurveyResponseFileReport ReadSurveyResponseFile(const std::string& path, const Survey& survey,
                                                const SurveyWave& wave);

}  // namespace waymark::ingest
