// Drawing of the trend, comparison and spine charts as SVG through the escaping Html builder.
#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace waymark::report {
namespace {

constexpr std::string_view kLondonInk = "#1d70b8";
constexpr std::string_view kTargetInk = "#00703c";

std::string Num(double x) { return OneDecimal(x); }

std::string ViewBox(int width, int height) {
  return "0 0 " + std::to_string(width) + " " + std::to_string(height);
}

using Scale = ChartScale;

// The axis's ticks as gridlines and labels: horizontal lines across a vertical axis, or
// vertical lines down a horizontal one.
template <typename Draw>
void EachTick(const ChartAxis& axis, const Draw& draw) {
  for (double v : axis.ticks) draw(v, TickLabel(v, axis.step));
}

void Marker(Html& h, double x, double y, double value, std::string_view judgement) {
  h.Void("circle", {{"cx", Num(x)},
                    {"cy", Num(y)},
                    {"r", "5"},
                    {"fill", JudgementFill(judgement)},
                    {"stroke", kChartInk},
                    {"stroke-width", "1"},
                    {"data-value", Num(value)}});
  h.Close("circle");
}

void Polyline(Html& h, const std::vector<std::pair<double, double>>& pts, std::string_view stroke,
              std::string_view dash) {
  if (pts.size() < 2) return;
  std::string points;
  for (const auto& [x, y] : pts) {
    if (!points.empty()) points += ' ';
    points += Num(x);
    points += ',';
    points += Num(y);
  }
  h.Void("polyline", {{"points", points},
                      {"fill", "none"},
                      {"stroke", stroke},
                      {"stroke-width", "2"},
                      {"stroke-dasharray", dash}});
  h.Close("polyline");
}

}  // namespace

ChartAxis AxisFor(const std::vector<double>& values) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) return RoundAxis(0, 1);
  return RoundAxis(lo, hi);
}

void OpenChartSvg(Html& h, std::string_view id, std::string_view view_box,
                  std::string_view title, std::string_view description) {
  const std::string title_id = std::string(id) + "-title";
  const std::string desc_id = std::string(id) + "-desc";
  h.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                 {"class", "waymark-chart"},
                 {"viewBox", view_box},
                 {"role", "img"},
                 {"aria-labelledby", title_id + " " + desc_id},
                 {"focusable", "false"}});
  h.Element("title", {{"id", title_id}}, title);
  h.Element("desc", {{"id", desc_id}}, description);
}

void ChartLine(Html& h, double x1, double y1, double x2, double y2, std::string_view stroke,
               std::string_view width, std::string_view dash) {
  if (dash.empty()) {
    h.Void("line", {{"x1", Num(x1)},
                    {"y1", Num(y1)},
                    {"x2", Num(x2)},
                    {"y2", Num(y2)},
                    {"stroke", stroke},
                    {"stroke-width", width}});
  } else {
    h.Void("line", {{"x1", Num(x1)},
                    {"y1", Num(y1)},
                    {"x2", Num(x2)},
                    {"y2", Num(y2)},
                    {"stroke", stroke},
                    {"stroke-width", width},
                    {"stroke-dasharray", dash}});
  }
  h.Close("line");
}

void ChartLabel(Html& h, double x, double y, std::string_view anchor, std::string_view text,
                std::string_view weight) {
  h.Element("text",
            {{"x", Num(x)},
             {"y", Num(y)},
             {"text-anchor", anchor},
             {"font-size", "12"},
             {"font-weight", weight},
             {"fill", kChartInk}},
            text);
}

namespace {

// How each comparison label looks: its letter, chart fill and ink, GOV.UK tag and board report
// class. Significance results take the Fingertips palette; a council's fifth among English
// councils takes a purple scale (darkest: best, or lowest when neither is better), so that a
// position is never coloured as a significance result.
struct JudgementLook {
  std::string_view label, letter, fill, ink, tag, report;
};

constexpr JudgementLook kLooks[] = {
    {"Better", "B", "#92D050", kChartInk, "green", "better"},
    {"Much better", "B", "#92D050", kChartInk, "green", "better"},
    {"Similar", "S", "#FFC000", kChartInk, "yellow", "similar"},
    {"Worse", "W", "#C00000", "#ffffff", "red", "worse"},
    {"Much worse", "W", "#C00000", "#ffffff", "red", "worse"},
    {"Higher", "H", "#BED2FF", kChartInk, "blue", "neutral"},
    {"Lower", "L", "#5555E6", "#ffffff", "blue", "neutral"},
    {"Best fifth", "1", "#3F2A7E", "#ffffff", "purple", "fifth"},
    {"Second-best fifth", "2", "#6A51A3", "#ffffff", "purple", "fifth"},
    {"Middle fifth", "3", "#9E9AC8", kChartInk, "purple", "fifth"},
    {"Second-worst fifth", "4", "#CBC9E2", kChartInk, "purple", "fifth"},
    {"Worst fifth", "5", "#F2F0F7", kChartInk, "purple", "fifth"},
    {"Lowest fifth", "1", "#3F2A7E", "#ffffff", "purple", "fifth"},
    {"Second-lowest fifth", "2", "#6A51A3", "#ffffff", "purple", "fifth"},
    {"Second-highest fifth", "4", "#CBC9E2", kChartInk, "purple", "fifth"},
    {"Highest fifth", "5", "#F2F0F7", kChartInk, "purple", "fifth"},
};
constexpr JudgementLook kNotCompared{"Not compared", "N", "#C9C9C9", kChartInk, "grey", "none"};

const JudgementLook& LookOf(std::string_view label) {
  for (const JudgementLook& look : kLooks) {
    if (look.label == label) return look;
  }
  return kNotCompared;
}

}  // namespace

std::string_view JudgementFill(std::string_view label) { return LookOf(label).fill; }

std::string_view JudgementInk(std::string_view label) { return LookOf(label).ink; }

std::string_view JudgementLetter(std::string_view label) { return LookOf(label).letter; }

std::string JudgementTagClass(std::string_view label) {
  return "govuk-tag govuk-tag--" + std::string(LookOf(label).tag);
}

std::string JudgementReportClass(std::string_view label) {
  return "report-tag report-tag--" + std::string(LookOf(label).report);
}

// Method: "nice numbers" for graph labels (Heckbert, Graphics Gems, 1990): the step is 1, 2 or
// 5 times a power of ten, chosen so that about four to six intervals cover the range, and the
// axis runs from the multiple of the step at or below the lowest value to the one at or above
// the highest.
ChartAxis RoundAxis(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return RoundAxis(0, 1);
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo < 1e-9 * std::max(1.0, std::fabs(hi))) {
    const double half = std::fabs(hi) > 0 ? std::fabs(hi) * 0.1 : 1;
    lo -= half;
    hi += half;
  }
  const double rough = (hi - lo) / 5;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  const double fraction = rough / power;
  double step = 10 * power;
  if (fraction <= 1) {
    step = power;
  } else if (fraction <= 2) {
    step = 2 * power;
  } else if (fraction <= 5) {
    step = 5 * power;
  }
  // Multiples of the step by whole numbers, so that 0.1 + 0.2 never shows as 0.30000000004.
  const auto first = static_cast<long long>(std::floor(lo / step + 1e-9));
  const auto last = static_cast<long long>(std::ceil(hi / step - 1e-9));
  ChartAxis axis;
  axis.step = step;
  for (long long k = first; k <= last; ++k) axis.ticks.push_back(static_cast<double>(k) * step);
  axis.lo = axis.ticks.front();
  axis.hi = axis.ticks.back();
  return axis;
}

std::string TickLabel(double v, double step) {
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  if (std::fabs(v) < step * 1e-6) return "0";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string OneDecimal(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string ChartNumber(double x) {
  if (!std::isfinite(x)) return "no value";
  if (std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 1e15) {
    return std::to_string(static_cast<long long>(std::llround(x)));
  }
  return Num(x);
}

Html RenderTrendChart(const TrendChart& chart) {
  constexpr int kWidth = 640, kHeight = 340;
  constexpr double kLeft = 60, kRight = 620, kTop = 20, kBottom = 270;
  std::vector<double> values;
  for (const TrendPoint& p : chart.points) {
    values.insert(values.end(), {p.value, p.lower, p.upper, p.england, p.london});
  }
  values.push_back(chart.target);
  const ChartAxis axis = AxisFor(values);
  const Scale y{axis.lo, axis.hi, kBottom, kTop};
  const std::size_t n = chart.points.size();
  const double band = (kRight - kLeft) / static_cast<double>(std::max<std::size_t>(n, 1));
  auto x = [&](std::size_t i) { return kLeft + band * (static_cast<double>(i) + 0.5); };

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, kHeight), chart.title, chart.description);
  EachTick(axis, [&](double v, const std::string& label) {
    ChartLine(h, kLeft, y(v), kRight, y(v), kChartGrid);
    ChartLabel(h, kLeft - 6, y(v) + 4, "end", label);
  });
  const std::size_t step = n > 8 ? (n + 7) / 8 : 1;
  for (std::size_t i = 0; i < n; i += step) {
    ChartLabel(h, x(i), kBottom + 18, "middle", chart.points[i].period);
  }
  std::vector<std::pair<double, double>> england, london;
  for (std::size_t i = 0; i < n; ++i) {
    const TrendPoint& p = chart.points[i];
    if (std::isfinite(p.england)) england.emplace_back(x(i), y(p.england));
    if (std::isfinite(p.london)) london.emplace_back(x(i), y(p.london));
  }
  Polyline(h, england, kChartInk, "6 3");
  Polyline(h, london, kLondonInk, "2 3");
  if (std::isfinite(chart.target))
    ChartLine(h, kLeft, y(chart.target), kRight, y(chart.target), kTargetInk, "2", "10 4");
  for (std::size_t i = 0; i < n; ++i) {
    const TrendPoint& p = chart.points[i];
    if (!std::isfinite(p.value)) continue;
    if (std::isfinite(p.lower) && std::isfinite(p.upper)) {
      ChartLine(h, x(i), y(p.lower), x(i), y(p.upper), kChartInk, "1.5");
      ChartLine(h, x(i) - 4, y(p.lower), x(i) + 4, y(p.lower), kChartInk, "1.5");
      ChartLine(h, x(i) - 4, y(p.upper), x(i) + 4, y(p.upper), kChartInk, "1.5");
    }
    Marker(h, x(i), y(p.value), p.value, p.judgement);
  }
  // Legend.
  const double ly = kHeight - 22;
  h.Void(
      "circle",
      {{"cx", "66"}, {"cy", Num(ly - 4)}, {"r", "5"}, {"fill", "#ffffff"}, {"stroke", kChartInk}});
  h.Close("circle");
  ChartLabel(h, 76, ly, "start", chart.area_name + " (95% interval)");
  ChartLine(h, 250, ly - 4, 280, ly - 4, kChartInk, "2", "6 3");
  ChartLabel(h, 286, ly, "start", "England");
  ChartLine(h, 350, ly - 4, 380, ly - 4, kLondonInk, "2", "2 3");
  ChartLabel(h, 386, ly, "start", "London");
  if (std::isfinite(chart.target)) {
    ChartLine(h, 450, ly - 4, 480, ly - 4, kTargetInk, "2", "10 4");
    ChartLabel(h, 486, ly, "start", "Target " + ChartNumber(chart.target));
  }
  h.Close("svg");
  return h;
}

Html RenderComparisonChart(const ComparisonChart& chart) {
  constexpr int kWidth = 640;
  constexpr double kLeft = 190, kRight = 620, kTop = 30, kRow = 18;
  const double bottom = kTop + kRow * static_cast<double>(chart.bars.size());
  const int height = static_cast<int>(bottom) + 30;
  std::vector<double> values{chart.england};
  for (const ComparisonBar& b : chart.bars)
    values.insert(values.end(), {b.value, b.lower, b.upper});
  const ChartAxis axis = AxisFor(values);
  const Scale x{axis.lo, axis.hi, kLeft, kRight};

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, height), chart.title, chart.description);
  EachTick(axis, [&](double v, const std::string& label) {
    ChartLine(h, x(v), kTop - 4, x(v), bottom, kChartGrid);
    ChartLabel(h, x(v), bottom + 16, "middle", label);
  });
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const ComparisonBar& b = chart.bars[i];
    const double cy = kTop + kRow * (static_cast<double>(i) + 0.5);
    if (b.highlight) {
      h.Void("rect", {{"x", "0"},
                      {"y", Num(cy - kRow / 2)},
                      {"width", std::to_string(kWidth)},
                      {"height", Num(kRow)},
                      {"fill", "#ffdd00"}});
      h.Close("rect");
    }
    ChartLabel(h, kLeft - 8, cy + 4, "end", b.label, b.highlight ? "bold" : "normal");
    if (!std::isfinite(b.value)) continue;
    if (std::isfinite(b.lower) && std::isfinite(b.upper)) {
      ChartLine(h, x(b.lower), cy, x(b.upper), cy, kChartInk, "1.5");
    }
    Marker(h, x(b.value), cy, b.value, b.judgement);
  }
  if (std::isfinite(chart.england)) {
    ChartLine(h, x(chart.england), kTop - 8, x(chart.england), bottom, kChartInk, "2", "6 3");
    ChartLabel(h, x(chart.england), kTop - 12, "middle", "England " + ChartNumber(chart.england));
  }
  h.Close("svg");
  return h;
}

Html RenderSpineChart(const SpineRow& row) {
  constexpr int kWidth = 300, kHeight = 30;
  constexpr double kLeft = 10, kRight = 290, kMid = 150;
  // England sits at the centre; without an England figure, the middle of the councils' range.
  double centre = row.england;
  if (!std::isfinite(centre)) centre = (row.min + row.max) / 2;
  if (!std::isfinite(centre)) centre = row.value;
  double half = 0;
  for (double v : {row.min, row.max, row.value}) {
    if (std::isfinite(v) && std::isfinite(centre)) half = std::max(half, std::fabs(v - centre));
  }
  if (half < 1e-9) half = 1;
  const Scale x{centre - half, centre + half, kLeft, kRight};
  Html h;
  OpenChartSvg(h, row.id, ViewBox(kWidth, kHeight), row.title, row.description);
  if (std::isfinite(row.min) && std::isfinite(row.max)) {
    h.Void("rect", {{"x", Num(x(row.min))},
                    {"y", "8"},
                    {"width", Num(x(row.max) - x(row.min))},
                    {"height", "14"},
                    {"fill", "#dbdad9"}});
    h.Close("rect");
  }
  if (std::isfinite(row.q25) && std::isfinite(row.q75)) {
    h.Void("rect", {{"x", Num(x(row.q25))},
                    {"y", "8"},
                    {"width", Num(x(row.q75) - x(row.q25))},
                    {"height", "14"},
                    {"fill", "#8e9193"}});
    h.Close("rect");
  }
  if (std::isfinite(row.england)) ChartLine(h, kMid, 3, kMid, 27, kChartInk, "2");
  if (std::isfinite(row.value) && std::isfinite(centre)) {
    Marker(h, x(row.value), 15, row.value, row.judgement);
  }
  h.Close("svg");
  return h;
}

}  // namespace waymark::report
