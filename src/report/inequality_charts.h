// SVG charts of inequalities: each group's figure as a bar with its 95% interval (the
// comparison group marked in words and in grey), a gap over time against a zero line, and the
// slope index of inequality (each deprivation group at its relative rank with the fitted line).
// Drawn with the helpers of charts.h: <svg role="img"> labelled by its <title> and <desc>,
// presentation attributes only; the page gives the same figures in a table.
#pragma once

#include <string>
#include <vector>

#include "report/charts.h"
#include "report/html.h"

namespace waymark::report {

// Chart colours beyond kChartInk and kChartGrid. Each shape also has a kChartInk outline, so
// none relies on its fill to be seen (at least 3:1 against white and against its neighbours).
inline constexpr std::string_view kGroupFill = "#5694ca";
inline constexpr std::string_view kComparisonFill = "#b1b4b6";
inline constexpr std::string_view kFittedInk = "#d4351c";

struct GroupBar {
  std::string label;  // the group's name
  double value = kNoValue;
  double lower = kNoValue;
  double upper = kNoValue;
  bool comparison = false;
  // Shown as words in place of a bar: "suppressed (small numbers)", "no value".
  std::string missing;
};

struct GroupBarChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<GroupBar> bars;  // top to bottom
};

struct GapPoint {
  std::string period;
  double gap = kNoValue;  // NaN: no point (suppressed or missing)
  double lower = kNoValue;
  double upper = kNoValue;
};

struct GapChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<GapPoint> points;  // oldest first
};

struct SlopePoint {
  double rank = kNoValue;  // relative rank, 0 (most deprived) to 1
  double value = kNoValue;
  double lower = kNoValue;
  double upper = kNoValue;
};

struct SlopeChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<SlopePoint> points;
  double intercept = kNoValue;  // the fitted value at rank 0
  double sii = kNoValue;        // the fitted line rises by this from rank 0 to rank 1
};

Html RenderGroupBarChart(const GroupBarChart& chart);
Html RenderGapChart(const GapChart& chart);
Html RenderSlopeChart(const SlopeChart& chart);

}  // namespace waymark::report
