// The periods with figures and the GET form (?period=) that chooses one of them on the indicator,
// compare and area pages. It needs no JavaScript.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/html.h"
#include "report/indicator_data.h"

namespace waymark::report {

// The periods in which the indicator has any figure, newest first.
std::vector<Period> PeriodsNewestFirst(const IndicatorSeries& s);
// The periods in which any indicator has a figure (for `area` only, when it is not empty),
// newest first.
std::vector<Period> PeriodsNewestFirst(const IndicatorData& data, std::string_view area = {});

struct PeriodChoice {
  std::string action;              // the page's path
  std::vector<Period> periods;     // newest first
  std::optional<Period> selected;  // the period shown; none: each indicator's latest
  std::string latest_label;        // when not empty, a first option (empty value) for "latest"
  std::vector<std::pair<std::string, std::string>> keep;  // other query parameters kept
};

// The form: a labelled select named "period" and a submit button. Nothing when there are fewer
// than two choices.
void PeriodSelector(Html& h, const PeriodChoice& choice);

}  // namespace waymark::report
