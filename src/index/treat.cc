// Outlier treatment by skew and kurtosis (COINr Treat / winsorise, legacy coin_treat).
#include "index/treat.h"

#include <cmath>

#include "index/column_stats.h"

namespace waymark::index {

std::string ColumnTreatment::Label() const {
  if (outcome == TreatOutcome::kWinsorised) {
    return "Winsorised " + std::to_string(low + high) + " points";
  }
  if (outcome == TreatOutcome::kTransformed) return "Transformed";
  return "None";
}

bool PassesSkewKurtosis(const std::vector<double>& x, const TreatSpec& spec) {
  const double skew = Skewness(x), kurt = Kurtosis(x);
  if (IsMissing(skew) || IsMissing(kurt)) return true;
  return std::abs(skew) < spec.skew_threshold || kurt < spec.kurtosis_threshold;
}

namespace {

// Sets every position holding the extreme value (max when `top`) to the nearest other value;
// returns how many positions moved.
int WinsoriseStep(std::vector<double>& x, bool top) {
  const double extreme = top ? Max(x) : Min(x);
  double next = kMissing;
  for (double v : x) {
    if (IsMissing(v) || v == extreme) continue;
    if (IsMissing(next) || (top ? v > next : v < next)) next = v;
  }
  if (IsMissing(next)) return 0;
  int moved = 0;
  for (double& v : x) {
    if (v != extreme) continue;
    v = next;
    ++moved;
  }
  return moved;
}

// Method: COINr fallback transforms: log_CT = ln(x − min + 0.01(max − min)); log_CT_plus uses
// −ln(max + a − x) under negative skew; plain ln(x).
void Transform(std::vector<double>& x, TreatFallback fallback) {
  const double mn = Min(x), mx = Max(x);
  const double a = 0.01 * (mx - mn);
  const bool negative = fallback == TreatFallback::kLogCTPlus && Skewness(x) < 0;
  for (double& v : x) {
    if (IsMissing(v)) continue;
    if (fallback == TreatFallback::kLog) {
      v = std::log(v);
    } else if (negative) {
      v = -std::log(mx + a - v);
    } else {
      v = std::log(v - mn + a);
    }
  }
}

}  // namespace

// Method: winsorisation by skew and kurtosis thresholds, COINr winsorise / Treat (defaults
// skew 2, kurtosis 3.5, winmax 5); OECD/JRC Handbook (2008) §3 on outliers.
ColumnTreatment TreatColumn(std::vector<double>& x, std::vector<signed char>& flag,
                            const TreatSpec& spec) {
  ColumnTreatment out;
  out.skew_before = out.skew_after = Skewness(x);
  out.kurtosis_before = out.kurtosis_after = Kurtosis(x);
  if (spec.method == TreatMethod::kNone || PassesSkewKurtosis(x, spec)) return out;
  std::vector<double> w = x;
  while (!PassesSkewKurtosis(w, spec) && out.low + out.high < spec.winmax) {
    const bool top = Skewness(w) >= 0;
    const int moved = WinsoriseStep(w, top);
    if (moved == 0) break;
    (top ? out.high : out.low) = moved;
  }
  if (PassesSkewKurtosis(w, spec)) {
    for (size_t i = 0; i < x.size(); ++i) {
      if (w[i] != x[i]) flag[i] = w[i] < x[i] ? 1 : -1;
    }
    x = std::move(w);
    out.outcome = TreatOutcome::kWinsorised;
  } else {
    out.low = out.high = 0;
    if (spec.fallback != TreatFallback::kNone) {
      Transform(x, spec.fallback);
      for (size_t i = 0; i < x.size(); ++i) flag[i] = IsMissing(x[i]) ? 0 : 2;
      out.outcome = TreatOutcome::kTransformed;
    }
  }
  out.skew_after = Skewness(x);
  out.kurtosis_after = Kurtosis(x);
  return out;
}

Treated Treat(const Matrix& x, const TreatSpec& spec) {
  Treated out{x, std::vector<ColumnTreatment>(x.cols), std::vector<signed char>(x.values.size())};
  if (spec.method == TreatMethod::kNone) return out;
  std::vector<double> column;
  std::vector<signed char> flag;
  for (size_t c = 0; c < x.cols; ++c) {
    column = x.Column(c);
    flag.assign(x.rows, 0);
    out.summary[c] = TreatColumn(column, flag, spec);
    if (out.summary[c].outcome == TreatOutcome::kNone) continue;
    out.x.SetColumn(c, column);
    for (size_t r = 0; r < x.rows; ++r) out.flag[r * x.cols + c] = flag[r];
  }
  return out;
}

}  // namespace waymark::index
