// Denomination and imputation (COINr Denominate, impute_panel, i_mean/i_median and their group
// variants; legacy COINr indgroup_mean).
#include "index/impute.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <utility>

#include "index/column_stats.h"

namespace waymark::index {

Result<Table> Denominate(const Table& data, const Table& denominators,
                         const std::vector<Node>& indicators, double scale) {
  WAYMARK_TRY(ValidateTable(data));
  WAYMARK_TRY(ValidateTable(denominators));
  if (denominators.keys.unit != data.keys.unit || denominators.keys.year != data.keys.year) {
    return MakeError(ErrorCode::kInvalidArgument, "denominator rows do not match the data rows");
  }
  if (!(scale != 0) || !std::isfinite(scale)) {
    return MakeError(ErrorCode::kInvalidArgument, "denominator scale must be finite and ≠ 0");
  }
  Table out = data;
  for (const auto& node : indicators) {
    if (node.denominator.empty()) continue;
    auto c = data.ColumnIndex(node.code);
    if (!c) return MakeError(ErrorCode::kNotFound, "indicator '" + node.code + "' not in data");
    auto d = denominators.ColumnIndex(node.denominator);
    if (!d) {
      return MakeError(ErrorCode::kNotFound, "denominator '" + node.denominator + "' not found");
    }
    for (size_t r = 0; r < data.x.rows; ++r) {
      out.x.At(r, *c) = data.x.At(r, *c) / (denominators.x.At(r, *d) / scale);
    }
  }
  return out;
}

Result<Table> ScreenRows(const Table& data, double dat_threshold,
                         std::vector<size_t>* removed_rows) {
  WAYMARK_TRY(ValidateTable(data));
  if (!(dat_threshold >= 0 && dat_threshold <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "screening threshold must be in [0, 1]");
  }
  Table out;
  out.columns = data.columns;
  std::vector<double> kept;
  for (size_t r = 0; r < data.x.rows; ++r) {
    size_t present = 0;
    for (size_t c = 0; c < data.x.cols; ++c) present += IsMissing(data.x.At(r, c)) ? 0 : 1;
    const double share = static_cast<double>(present) / static_cast<double>(data.x.cols);
    if (share < dat_threshold) {
      if (removed_rows) removed_rows->push_back(r);
      continue;
    }
    out.keys.unit.push_back(data.keys.unit[r]);
    out.keys.year.push_back(data.keys.year[r]);
    out.keys.group.push_back(data.keys.group[r]);
    for (size_t c = 0; c < data.x.cols; ++c) kept.push_back(data.x.At(r, c));
  }
  if (out.keys.size() == 0) {
    return MakeError(ErrorCode::kValidation, "screening removed every row");
  }
  out.x = Matrix(out.keys.size(), data.x.cols);
  out.x.values = std::move(kept);
  return out;
}

namespace {

// Method: COINr impute_panel "latest": the most recent earlier observation within max_gap
// earlier time points; later years never used.
void Latest(std::vector<double>& y, const std::vector<double>& series, int max_gap) {
  for (size_t t = 0; t < series.size(); ++t) {
    if (!IsMissing(series[t])) continue;
    for (size_t back = 1; back <= static_cast<size_t>(max_gap) && back <= t; ++back) {
      if (IsMissing(series[t - back])) continue;
      y[t] = series[t - back];
      break;
    }
  }
}

// Method: R approx(method = "constant" or "linear", rule = 2), as COINr impute_panel.
void Interpolate(std::vector<double>& y, const std::vector<double>& series,
                 const std::vector<int>& time, bool linear) {
  std::vector<size_t> obs;
  for (size_t t = 0; t < series.size(); ++t) {
    if (!IsMissing(series[t])) obs.push_back(t);
  }
  if (obs.empty()) return;
  for (size_t t = 0; t < series.size(); ++t) {
    if (!IsMissing(series[t])) continue;
    auto after = std::upper_bound(obs.begin(), obs.end(), t);
    if (after == obs.begin()) {
      y[t] = series[obs.front()];
      continue;
    }
    if (after == obs.end()) {
      y[t] = series[obs.back()];
      continue;
    }
    const size_t lo = *(after - 1), hi = *after;
    if (!linear) {
      y[t] = series[lo];
      continue;
    }
    const double f = static_cast<double>(time[t] - time[lo]) / (time[hi] - time[lo]);
    y[t] = series[lo] + f * (series[hi] - series[lo]);
  }
}

void ImputePanel(Imputed& out, const RowKeys& keys, const ImputeSpec& spec) {
  std::map<std::string, std::vector<size_t>> by_unit;
  for (size_t r = 0; r < keys.size(); ++r) by_unit[keys.unit[r]].push_back(r);
  std::vector<double> series;
  std::vector<int> time;
  for (auto& [unit, rows] : by_unit) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](size_t a, size_t b) { return keys.year[a] < keys.year[b]; });
    time.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) time[i] = keys.year[rows[i]];
    for (size_t c = 0; c < out.x.cols; ++c) {
      series.resize(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) series[i] = out.x.At(rows[i], c);
      const auto filled = ImputeSeries(series, time, spec.panel, spec.max_gap);
      for (size_t i = 0; i < rows.size(); ++i) {
        if (!IsMissing(series[i]) || IsMissing(filled[i])) continue;
        out.x.At(rows[i], c) = filled[i];
        out.flag[rows[i] * out.x.cols + c] = 1;
      }
    }
  }
}

// Method: COINr i_mean / i_median (whole year) and i_mean_grp / i_median_grp (within group;
// units without a group stay missing); legacy COINr "indgroup_mean".
void ImputeCross(Imputed& out, const RowKeys& keys, ImputeMethod method) {
  const bool by_group = method == ImputeMethod::kGroupMean || method == ImputeMethod::kGroupMedian;
  const bool median = method == ImputeMethod::kMedian || method == ImputeMethod::kGroupMedian;
  std::map<std::pair<int, std::string>, std::vector<size_t>> blocks;
  for (size_t r = 0; r < keys.size(); ++r) {
    if (by_group && keys.group[r].empty()) continue;
    blocks[{keys.year[r], by_group ? keys.group[r] : std::string()}].push_back(r);
  }
  const Matrix source = out.x;
  std::vector<double> v;
  for (const auto& [key, rows] : blocks) {
    for (size_t c = 0; c < out.x.cols; ++c) {
      v.resize(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) v[i] = source.At(rows[i], c);
      const double fill = median ? Median(v) : Mean(v);
      if (IsMissing(fill)) continue;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (!IsMissing(v[i])) continue;
        out.x.At(rows[i], c) = fill;
        out.flag[rows[i] * out.x.cols + c] = 1;
      }
    }
  }
}

}  // namespace

std::vector<double> ImputeSeries(const std::vector<double>& series, const std::vector<int>& time,
                                 PanelImpute method, int max_gap) {
  std::vector<double> y = series;
  if (method == PanelImpute::kLatest) Latest(y, series, max_gap);
  if (method == PanelImpute::kConstant) Interpolate(y, series, time, false);
  if (method == PanelImpute::kLinear) Interpolate(y, series, time, true);
  return y;
}

Imputed Impute(const Matrix& x, const RowKeys& keys, const ImputeSpec& spec) {
  Imputed out{x, std::vector<char>(x.values.size(), 0)};
  if (spec.panel != PanelImpute::kNone) ImputePanel(out, keys, spec);
  if (spec.method != ImputeMethod::kNone) ImputeCross(out, keys, spec.method);
  return out;
}

}  // namespace waymark::index
