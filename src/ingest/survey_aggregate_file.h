// Survey results from elsewhere as a CSV file (docs/survey-format.md, "Results from
// elsewhere"): one row per question and set of answers counted together, with the columns
// question, answers (option ids joined by '+'), percent, count, respondents and source. Every
// problem is reported as FILE:LINE:COL, the rules of core/survey_aggregate.h placed at the
// field they name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/survey_aggregate.h"

namespace waymark::ingest {

struct SurveyAggregateFileReport {
  std::optional<std::vector<SurveyAggregate>> rows;  // set only when there are no problems
  Diagnostics problems;
  bool ok() const { return rows.has_value(); }
};

// Parses CSV text for `survey`; `file_name` is used in positions only.
SurveyAggregateFileReport ParseSurveyAggregates(std::string text, const std::string& file_name,
                                                const Survey& survey);
// Reads the file at `path` and parses it. An unreadable or empty file is one problem.
SurveyAggregateFileReport ReadSurveyAggregateFile(const std::string& path, const Survey& survey);

}  // namespace waymark::ingest
