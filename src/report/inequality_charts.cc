// Drawing of the group bars, the gap over time and the slope index chart as SVG.
#include "report/inequality_charts.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace waymark::report {
namespace {

std::string Num(double x) { return OneDecimal(x); }

std::string ViewBox(int width, double height) {
  return "0 0 " + std::to_string(width) + " " + std::to_string(static_cast<int>(height));
}

using Scale = ChartScale;


bool HasLimits(double lower, double upper) { return std::isfinite(lower) && std::isfinite(upper); }

void Rect(Html& h, double x, double y, double width, double height, std::string_view fill) {
  h.Void("rect", {{"x", Num(x)},
                  {"y", Num(y)},
                  {"width", Num(width)},
                  {"height", Num(height)},
                  {"fill", fill},
                  {"stroke", kChartInk},
                  {"stroke-width", "1"}});
  h.Close("rect");
}

void Dot(Html& h, double x, double y, double value) {
  h.Void("circle", {{"cx", Num(x)},
                    {"cy", Num(y)},
                    {"r", "5"},
                    {"fill", kGroupFill},
                    {"stroke", kChartInk},
                    {"stroke-width", "1"},
                    {"data-value", Num(value)}});
  h.Close("circle");
}

// An interval with end caps, across (horizontal) or up the chart.
void Whisker(Html& h, double a, double b, double at, bool horizontal) {
  if (horizontal) {
    ChartLine(h, a, at, b, at, kChartInk, "1.5");
    ChartLine(h, a, at - 5, a, at + 5, kChartInk, "1.5");
    ChartLine(h, b, at - 5, b, at + 5, kChartInk, "1.5");
  } else {
    ChartLine(h, at, a, at, b, kChartInk, "1.5");
    ChartLine(h, at - 4, a, at + 4, a, kChartInk, "1.5");
    ChartLine(h, at - 4, b, at + 4, b, kChartInk, "1.5");
  }
}

// Horizontal gridlines and tick labels of a vertical value axis from kLeft to kRight.
void ValueGrid(Html& h, const ChartAxis& axis, const Scale& y, double left, double right) {
  for (double v : axis.ticks) {
    ChartLine(h, left, y(v), right, y(v), kChartGrid);
    ChartLabel(h, left - 6, y(v) + 4, "end", TickLabel(v, axis.step));
  }
}

}  // namespace

Html RenderGroupBarChart(const GroupBarChart& chart) {
  constexpr int kWidth = 640;
  constexpr double kLeft = 12, kRight = 620, kTop = 8, kRow = 44;
  const double bottom = kTop + kRow * static_cast<double>(chart.bars.size());
  const double height = bottom + 56;
  std::vector<double> values{0};
  for (const GroupBar& b : chart.bars) values.insert(values.end(), {b.value, b.lower, b.upper});
  const ChartAxis axis = AxisFor(values);
  const Scale x{axis.lo, axis.hi, kLeft, kRight};

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, height), chart.title, chart.description);
  for (double v : axis.ticks) {
    ChartLine(h, x(v), kTop, x(v), bottom, kChartGrid);
    ChartLabel(h, x(v), bottom + 16, "middle", TickLabel(v, axis.step));
  }
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const GroupBar& b = chart.bars[i];
    const double top = kTop + kRow * static_cast<double>(i);
    std::string text = b.label + (b.comparison ? " (comparison group)" : "") + ": ";
    const bool drawn = b.missing.empty() && std::isfinite(b.value);
    text += drawn ? Num(b.value) : (b.missing.empty() ? "no value" : b.missing);
    ChartLabel(h, kLeft, top + 15, "start", text, b.comparison ? "bold" : "normal");
    if (!drawn) continue;
    const double from = std::min(x(0), x(b.value));
    Rect(h, from, top + 20, std::fabs(x(b.value) - x(0)), 16,
         b.comparison ? kComparisonFill : kGroupFill);
    if (HasLimits(b.lower, b.upper)) Whisker(h, x(b.lower), x(b.upper), top + 28, true);
  }
  ChartLine(h, x(0), kTop, x(0), bottom, kChartInk, "1.5");
  const double ly = height - 14;
  Rect(h, kLeft, ly - 10, 16, 12, kGroupFill);
  ChartLabel(h, kLeft + 22, ly, "start", "Group");
  Rect(h, 90, ly - 10, 16, 12, kComparisonFill);
  ChartLabel(h, 112, ly, "start", "Comparison group");
  Whisker(h, 250, 280, ly - 4, true);
  ChartLabel(h, 288, ly, "start", "95% interval");
  h.Close("svg");
  return h;
}

Html RenderGapChart(const GapChart& chart) {
  constexpr int kWidth = 640, kHeight = 320;
  constexpr double kLeft = 60, kRight = 620, kTop = 20, kBottom = 250;
  std::vector<double> values{0};
  for (const GapPoint& p : chart.points) {
    if (std::isfinite(p.gap)) values.insert(values.end(), {p.gap, p.lower, p.upper});
  }
  const ChartAxis axis = AxisFor(values);
  const Scale y{axis.lo, axis.hi, kBottom, kTop};
  const std::size_t n = chart.points.size();
  const double band = (kRight - kLeft) / static_cast<double>(std::max<std::size_t>(n, 1));
  auto x = [&](std::size_t i) { return kLeft + band * (static_cast<double>(i) + 0.5); };

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, kHeight), chart.title, chart.description);
  ValueGrid(h, axis, y, kLeft, kRight);
  ChartLine(h, kLeft, y(0), kRight, y(0), kChartInk, "2");
  const std::size_t step = n > 8 ? (n + 7) / 8 : 1;
  for (std::size_t i = 0; i < n; i += step) {
    ChartLabel(h, x(i), kBottom + 18, "middle", chart.points[i].period);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const GapPoint& p = chart.points[i];
    if (!std::isfinite(p.gap)) continue;
    if (HasLimits(p.lower, p.upper)) Whisker(h, y(p.lower), y(p.upper), x(i), false);
    Dot(h, x(i), y(p.gap), p.gap);
  }
  const double ly = kHeight - 22;
  Dot(h, 66, ly - 4, 0);
  ChartLabel(h, 76, ly, "start", "Gap (95% interval)");
  ChartLine(h, 220, ly - 4, 250, ly - 4, kChartInk, "2");
  ChartLabel(h, 256, ly, "start", "No gap (0)");
  h.Close("svg");
  return h;
}

Html RenderSlopeChart(const SlopeChart& chart) {
  constexpr int kWidth = 640, kHeight = 340;
  constexpr double kLeft = 60, kRight = 610, kTop = 20, kBottom = 250;
  const bool fitted = std::isfinite(chart.intercept) && std::isfinite(chart.sii);
  std::vector<double> values;
  for (const SlopePoint& p : chart.points) values.insert(values.end(), {p.value, p.lower, p.upper});
  if (fitted) values.insert(values.end(), {chart.intercept, chart.intercept + chart.sii});
  const ChartAxis axis = AxisFor(values);
  const Scale y{axis.lo, axis.hi, kBottom, kTop};
  const Scale x{0, 1, kLeft, kRight};

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, kHeight), chart.title, chart.description);
  ValueGrid(h, axis, y, kLeft, kRight);
  for (int i = 0; i <= 5; ++i) {
    const double r = i / 5.0;
    ChartLine(h, x(r), kBottom, x(r), kBottom + 4, kChartInk);
    ChartLabel(h, x(r), kBottom + 18, "middle", i == 5 ? "1" : TickLabel(r, 0.2));
  }
  ChartLabel(h, kLeft, kBottom + 36, "start", "Most deprived");
  ChartLabel(h, (kLeft + kRight) / 2, kBottom + 36, "middle", "Relative rank");
  ChartLabel(h, kRight, kBottom + 36, "end", "Least deprived");
  for (const SlopePoint& p : chart.points) {
    if (!std::isfinite(p.value) || !std::isfinite(p.rank)) continue;
    if (HasLimits(p.lower, p.upper)) Whisker(h, y(p.lower), y(p.upper), x(p.rank), false);
    Dot(h, x(p.rank), y(p.value), p.value);
  }
  if (fitted) {
    ChartLine(h, x(0), y(chart.intercept), x(1), y(chart.intercept + chart.sii), kFittedInk, "2.5",
              "8 4");
  }
  const double ly = kHeight - 18;
  Dot(h, 66, ly - 4, 0);
  ChartLabel(h, 76, ly, "start", "Group's value (95% interval)");
  if (fitted) {
    ChartLine(h, 280, ly - 4, 320, ly - 4, kFittedInk, "2.5", "8 4");
    ChartLabel(h, 326, ly, "start", "Fitted line: its change from 0 to 1 is the SII");
  }
  h.Close("svg");
  return h;
}

}  // namespace waymark::report
