// SVG charts of indicator figures: a trend over periods, a comparison of areas and a spine
// chart row. Each chart is an <svg role="img"> labelled by its own <title> and <desc>; the page
// shows the same figures in a table beside it. Colours follow the Fingertips comparison palette
// and every judgement is also written as text. Only presentation attributes are used (the CSP
// forbids inline styles).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "report/html.h"

namespace waymark::report {

// Fill colour for a comparison label (Better, Similar, Worse, Higher, Lower, a fifth among
// English councils, Not compared).
std::string_view JudgementFill(std::string_view label);
// Text colour that reads on JudgementFill(label) (contrast at least 4.5:1).
std::string_view JudgementInk(std::string_view label);
// One letter for tables and the tartan rug: B, S, W, H, L, 1 to 5 for the fifths (1 best, or
// lowest when neither is better) or N (not compared).
std::string_view JudgementLetter(std::string_view label);
// The GOV.UK tag classes of a label ("govuk-tag govuk-tag--green", ...), and the board
// report's ("report-tag report-tag--better", ..., "report-tag report-tag--fifth").
std::string JudgementTagClass(std::string_view label);
std::string JudgementReportClass(std::string_view label);

// Text and axis colours every chart shares.
inline constexpr std::string_view kChartInk = "#0b0c0c";
inline constexpr std::string_view kChartGrid = "#b1b4b6";

// Opens an <svg role="img"> with `view_box`, labelled by a <title> and <desc> whose ids are
// `id` + "-title" and "-desc"; the caller closes it.
void OpenChartSvg(Html& h, std::string_view id, std::string_view view_box,
                  std::string_view title, std::string_view description);
// A line of `stroke` colour and `width`, dashed when `dash` is given.
void ChartLine(Html& h, double x1, double y1, double x2, double y2, std::string_view stroke,
               std::string_view width = "1", std::string_view dash = {});
// Chart text in kChartInk at 12 px.
void ChartLabel(Html& h, double x, double y, std::string_view anchor, std::string_view text,
                std::string_view weight = "normal");

// A chart's value axis: round tick values (1, 2 or 5 times a power of ten apart) covering the
// data, and the axis's ends, which are the first and last ticks.
struct ChartAxis {
  double lo = 0, hi = 1, step = 1;
  std::vector<double> ticks;
};
// The round axis covering [lo, hi] (in either order; a single value gets a range around it).
ChartAxis RoundAxis(double lo, double hi);
// The round axis over every finite number in `values` (0 to 1 when there is none).
ChartAxis AxisFor(const std::vector<double>& values);

// A linear map from values [d0, d1] to coordinates [r0, r1].
struct ChartScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};
// A tick value with as many decimals as its step needs: "40", "2.5", "0.05".
std::string TickLabel(double v, double step);

// Numbers in chart text: up to one decimal place, no trailing ".0" for whole numbers.
std::string ChartNumber(double x);
// Coordinates and figures with exactly one decimal place ("12.0").
std::string OneDecimal(double x);

struct TrendPoint {
  std::string period;
  double value = kNoValue;  // NaN when missing or suppressed
  double lower = kNoValue;
  double upper = kNoValue;
  double england = kNoValue;
  double london = kNoValue;
  std::string judgement;  // compared with England
};

struct TrendChart {
  std::string id;  // unique on the page; prefixes the ids of title and desc
  std::string title;
  std::string description;
  std::string area_name;
  std::vector<TrendPoint> points;  // oldest first
  double target = kNoValue;
};

struct ComparisonBar {
  std::string label;  // area name
  double value = kNoValue;
  double lower = kNoValue;
  double upper = kNoValue;
  std::string judgement;
  bool highlight = false;
};

struct ComparisonChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<ComparisonBar> bars;  // drawn in this order, top to bottom
  double england = kNoValue;
};

struct SpineRow {
  std::string id;
  std::string title;
  std::string description;
  double value = kNoValue;
  double england = kNoValue;
  double min = kNoValue;
  double q25 = kNoValue;
  double q75 = kNoValue;
  double max = kNoValue;
  std::string judgement;
};

Html RenderTrendChart(const TrendChart& chart);
Html RenderComparisonChart(const ComparisonChart& chart);
Html RenderSpineChart(const SpineRow& row);

}  // namespace waymark::report
