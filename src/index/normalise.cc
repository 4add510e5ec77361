// Normalisation methods (COINr n_* functions, ProMCDA normalisations), applied per column.
#include "index/normalise.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "index/column_stats.h"

namespace waymark::index {
namespace {

void ForPresent(std::vector<double>& x, auto&& f) {
  for (double& v : x) {
    if (!IsMissing(v)) v = f(v);
  }
}

// Method: min-max, OECD/JRC Handbook (2008) §5; COINr n_minmax; ProMCDA minmax (low, high).
void MinMax(std::vector<double>& x, double low, double high) {
  const double mn = Min(x), mx = Max(x);
  if (!(mx > mn)) {
    ForPresent(x, [](double) { return kMissing; });
    return;
  }
  ForPresent(x, [&](double v) { return (v - mn) / (mx - mn) * (high - low) + low; });
}

// Method: standardisation (z-score), OECD/JRC Handbook (2008) §5; COINr n_zscore (sample sd).
void ZScore(std::vector<double>& x, double mean_target, double sd_target) {
  const double mean = Mean(x), sd = SampleSd(x);
  if (!(sd > 0)) {
    ForPresent(x, [](double) { return kMissing; });
    return;
  }
  ForPresent(x, [&](double v) { return (v - mean) / sd * sd_target + mean_target; });
}

// Method: ProMCDA "standardized without zero": z − min(z) + floor.
void ZScoreFloor(std::vector<double>& x, double floor) {
  ZScore(x, 0, 1);
  const double mn = Min(x);
  ForPresent(x, [&](double v) { return v - mn + floor; });
}

// Method: ranking, OECD/JRC Handbook (2008) §5; COINr n_rank (ties min), n_borda, n_prank;
// ProMCDA and Compind rank (ties averaged).
void RankLike(std::vector<double>& x, NormMethod method) {
  const Ties ties = method == NormMethod::kRankAverage ? Ties::kAverage : Ties::kMin;
  const double n = static_cast<double>(CountPresent(x));
  x = AscendingRanks(x, ties);
  if (method == NormMethod::kBorda) ForPresent(x, [](double r) { return r - 1; });
  if (method == NormMethod::kPercentRank) {
    ForPresent(x, [&](double r) { return n > 1 ? (r - 1) / (n - 1) : kMissing; });
  }
}

// Method: distance to target, COINr n_dist2targ: (x − min)/(T − min) on d·x and d·T.
Status DistToTarget(std::vector<double>& x, const Node& node, bool cap) {
  if (!node.target || !std::isfinite(*node.target)) {
    return MakeError(ErrorCode::kValidation, "indicator '" + node.code + "' has no target");
  }
  const double target = node.direction * *node.target;
  const double mn = Min(x);
  if (!(target != mn)) {
    return MakeError(ErrorCode::kValidation,
                     "target of '" + node.code + "' equals the worst value");
  }
  ForPresent(x, [&](double v) {
    const double y = (v - mn) / (target - mn);
    return cap ? std::min(y, 1.0) : y;
  });
  return {};
}

// Method: goalposts, COINr n_goalposts (trunc2posts); OECD/JRC Handbook (2008) §5. For d = −1
// the posts (L, U) become (−U, −L).
Status GoalpostsNorm(std::vector<double>& x, const Node& node, bool truncate) {
  if (!node.goalposts) {
    return MakeError(ErrorCode::kValidation, "indicator '" + node.code + "' has no goalposts");
  }
  const Goalposts& g = *node.goalposts;
  if (!(g.high > g.low) || !std::isfinite(g.scale)) {
    return MakeError(ErrorCode::kValidation, "goalposts of '" + node.code + "' need high > low");
  }
  const double lo = node.direction > 0 ? g.low : -g.high;
  const double hi = node.direction > 0 ? g.high : -g.low;
  ForPresent(x, [&](double v) {
    double y = (v - lo) / (hi - lo);
    if (truncate) y = std::clamp(y, 0.0, 1.0);
    return y * g.scale;
  });
  return {};
}

// Method: COINr n_fracmax: x/max of d·x.
void FracMax(std::vector<double>& x) {
  const double mx = Max(x);
  ForPresent(x, [&](double v) { return mx != 0 ? v / mx : kMissing; });
}

// Method: ProMCDA target normalisation on the raw column: x/max for +, 1 − x/max for −,
// then mapped from [0, 1] to [low, high] (ProMCDA "without zero" is low 0.1, high 1).
void TargetFraction(std::vector<double>& raw, int direction, double low, double high) {
  const double mx = Max(raw);
  ForPresent(raw, [&](double v) {
    if (mx == 0) return kMissing;
    const double f = direction > 0 ? v / mx : 1 - v / mx;
    return low + (high - low) * f;
  });
}

// Method: goalposts (OECD/JRC Handbook (2008) §5) for indicators with fixed goalposts, mapped
// onto the span of the other normalised columns so that they weigh like the rest.
Status NormaliseFixed(const Matrix& x, const std::vector<Node>& indicators, const NormSpec& spec,
                      Matrix& out) {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (size_t c = 0; c < x.cols; ++c) {
    if (indicators[c].fixed_goalposts) continue;
    for (size_t r = 0; r < x.rows; ++r) {
      const double v = out.At(r, c);
      if (IsMissing(v)) continue;
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  if (!(high > low)) {
    low = spec.low;
    high = spec.high;
  }
  std::vector<double> column(x.rows);
  for (size_t c = 0; c < x.cols; ++c) {
    if (!indicators[c].fixed_goalposts) continue;
    Node node = indicators[c];
    if (node.goalposts) node.goalposts->scale = 1;
    for (size_t r = 0; r < x.rows; ++r) column[r] = node.direction < 0 ? -x.At(r, c) : x.At(r, c);
    WAYMARK_TRY(GoalpostsNorm(column, node, /*truncate=*/true));
    for (size_t r = 0; r < x.rows; ++r) {
      out.At(r, c) = IsMissing(column[r]) ? kMissing : low + column[r] * (high - low);
    }
  }
  return {};
}

}  // namespace

Status NormaliseValues(std::vector<double>& x, const Node& node, const NormSpec& spec) {
  if (spec.method == NormMethod::kTargetFraction) {
    TargetFraction(x, node.direction, spec.low, spec.high);
    return {};
  }
  if (node.direction < 0) ForPresent(x, [](double v) { return -v; });
  switch (spec.method) {
    case NormMethod::kMinMax:
      MinMax(x, spec.low, spec.high);
      return {};
    case NormMethod::kZScore:
      ZScore(x, spec.mean, spec.sd);
      return {};
    case NormMethod::kZScoreFloor:
      ZScoreFloor(x, spec.floor);
      return {};
    case NormMethod::kRank:
    case NormMethod::kRankAverage:
    case NormMethod::kBorda:
    case NormMethod::kPercentRank:
      RankLike(x, spec.method);
      return {};
    case NormMethod::kDistToTarget:
      return DistToTarget(x, node, spec.cap_target);
    case NormMethod::kGoalposts:
      return GoalpostsNorm(x, node, spec.truncate_goalposts);
    case NormMethod::kFracMax:
      FracMax(x);
      return {};
    case NormMethod::kTargetFraction:
      break;
  }
  return {};
}

Result<Matrix> Normalise(const Matrix& x, const RowKeys& keys, const std::vector<Node>& indicators,
                         const NormSpec& spec) {
  if (indicators.size() != x.cols || keys.size() != x.rows) {
    return MakeError(ErrorCode::kInvalidArgument, "normalise: shape does not match metadata");
  }
  std::vector<std::vector<size_t>> blocks;
  if (spec.scope == NormScope::kPerYear) {
    std::map<int, std::vector<size_t>> by_year;
    for (size_t r = 0; r < x.rows; ++r) by_year[keys.year[r]].push_back(r);
    for (auto& [year, rows] : by_year) blocks.push_back(std::move(rows));
  } else {
    blocks.emplace_back(x.rows);
    for (size_t r = 0; r < x.rows; ++r) blocks[0][r] = r;
  }
  Matrix out(x.rows, x.cols);
  std::vector<double> column;
  for (size_t c = 0; c < x.cols; ++c) {
    if (indicators[c].fixed_goalposts) continue;
    for (const auto& rows : blocks) {
      column.resize(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) column[i] = x.At(rows[i], c);
      WAYMARK_TRY(NormaliseValues(column, indicators[c], spec));
      for (size_t i = 0; i < rows.size(); ++i) out.At(rows[i], c) = column[i];
    }
  }
  WAYMARK_TRY(NormaliseFixed(x, indicators, spec, out));
  return out;
}

}  // namespace waymark::index
