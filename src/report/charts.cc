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

// A linear map from values [d0, d1] to coordinates [r0, r1].
struct Scale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

// The value range of every finite number in `values`, padded by 5% (and never empty).
void Extent(const std::vector<double>& values, double& lo, double& hi) {
  lo = std::numeric_limits<double>::infinity();
  hi = -std::numeric_limits<double>::infinity();
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const double pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
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

std::string_view JudgementFill(std::string_view label) {
  if (label == "Better" || label == "Much better") return "#92D050";
  if (label == "Similar") return "#FFC000";
  if (label == "Worse" || label == "Much worse") return "#C00000";
  if (label == "Higher") return "#BED2FF";
  if (label == "Lower") return "#5555E6";
  return "#C9C9C9";
}

std::string_view JudgementInk(std::string_view label) {
  if (label == "Worse" || label == "Much worse" || label == "Lower") return "#ffffff";
  return kChartInk;
}

std::string_view JudgementLetter(std::string_view label) {
  if (label == "Better" || label == "Much better") return "B";
  if (label == "Similar") return "S";
  if (label == "Worse" || label == "Much worse") return "W";
  if (label == "Higher") return "H";
  if (label == "Lower") return "L";
  return "N";
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
  double lo = 0, hi = 1;
  Extent(values, lo, hi);
  const Scale y{lo, hi, kBottom, kTop};
  const std::size_t n = chart.points.size();
  const double band = (kRight - kLeft) / static_cast<double>(std::max<std::size_t>(n, 1));
  auto x = [&](std::size_t i) { return kLeft + band * (static_cast<double>(i) + 0.5); };

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, kHeight), chart.title, chart.description);
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4.0;
    ChartLine(h, kLeft, y(v), kRight, y(v), kChartGrid);
    ChartLabel(h, kLeft - 6, y(v) + 4, "end", ChartNumber(v));
  }
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
  double lo = 0, hi = 1;
  Extent(values, lo, hi);
  const Scale x{lo, hi, kLeft, kRight};

  Html h;
  OpenChartSvg(h, chart.id, ViewBox(kWidth, height), chart.title, chart.description);
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4.0;
    ChartLine(h, x(v), kTop - 4, x(v), bottom, kChartGrid);
    ChartLabel(h, x(v), bottom + 16, "middle", ChartNumber(v));
  }
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
