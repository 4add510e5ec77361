// Aggregation methods and weights: COINr a_amean / a_gmean / a_hmean / a_genmean / a_copeland
// semantics, with weights renormalised over the children present (COINr Aggregate).
#include "index/aggregate.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace waymark::index {
namespace {

tl::unexpected<Error> NonPositive(const char* method) {
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(method) + " mean needs strictly positive values");
}

}  // namespace

// Method: weights within each parent, renormalised over present children at aggregation time,
// OECD/JRC Handbook (2008) §6; COINr iMeta Weight and remove_elements (exclusion).
Result<NodeWeights> ResolveWeights(const CompiledFramework& framework, const MethodSpec& spec) {
  NodeWeights out;
  const size_t n = framework.size();
  out.weight.resize(n);
  out.active.assign(n, 1);
  for (size_t i = 0; i < framework.indicators.size(); ++i) {
    out.weight[i] = framework.indicators[i].weight;
  }
  for (size_t a = 0; a < framework.aggregates.size(); ++a) {
    out.weight[framework.indicators.size() + a] = framework.aggregates[a].weight;
  }
  for (const auto& [code, w] : spec.weights) {
    auto i = framework.Find(code);
    if (!i) return MakeError(ErrorCode::kNotFound, "weight for unknown node '" + code + "'");
    out.weight[*i] = w;
  }
  for (const auto& code : spec.exclude) {
    auto i = framework.Find(code);
    if (!i) return MakeError(ErrorCode::kNotFound, "cannot exclude unknown node '" + code + "'");
    out.active[*i] = 0;
  }
  for (size_t a = 0; a < framework.aggregates.size(); ++a) {
    double total = 0;
    bool any_active = false;
    for (size_t c : framework.children[a]) {
      if (!out.active[c]) continue;
      any_active = true;
      total += out.weight[c];
    }
    if (any_active && !(total > 0)) {
      return MakeError(ErrorCode::kValidation,
                       "weights under '" + framework.aggregates[a].code + "' sum to zero");
    }
  }
  return out;
}

// Method: weighted arithmetic, geometric, harmonic and generalised (power) means, OECD/JRC
// Handbook (2008) §6; COINr a_amean, a_gmean, a_hmean, a_genmean (NA children dropped).
Result<double> WeightedMean(std::span<const double> x, std::span<const double> w,
                            const AggSpec& spec) {
  double sw = 0, acc = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (IsMissing(x[i])) continue;
    const double v = x[i];
    sw += w[i];
    switch (spec.method) {
      case AggMethod::kGeometric:
        if (!(v > 0)) return NonPositive("geometric");
        acc += w[i] * std::log(v);
        break;
      case AggMethod::kHarmonic:
        if (!(v > 0)) return NonPositive("harmonic");
        acc += w[i] / v;
        break;
      case AggMethod::kGeneralised:
        if (spec.p < 0 && !(v > 0)) return NonPositive("generalised");
        acc += w[i] * std::pow(v, spec.p);
        break;
      default:
        acc += w[i] * v;
    }
  }
  if (!(sw > 0)) return kMissing;
  switch (spec.method) {
    case AggMethod::kGeometric:
      return std::exp(acc / sw);
    case AggMethod::kHarmonic:
      return sw / acc;
    case AggMethod::kGeneralised:
      return std::pow(acc / sw, 1.0 / spec.p);
    default:
      return acc / sw;
  }
}

// Method: outranking matrix, COINr outrankMatrix (Munda & Nardo 2009 non-compensatory MCA).
Matrix OutrankingMatrix(const Matrix& x, std::span<const double> w) {
  Matrix m(x.rows, x.rows, 0.0);
  double total = 0;
  for (size_t c = 0; c < x.cols; ++c) total += w[c];
  if (!(total > 0)) return m;
  for (size_t j = 0; j < x.rows; ++j) {
    for (size_t k = j + 1; k < x.rows; ++k) {
      double jk = 0, kj = 0;
      for (size_t c = 0; c < x.cols; ++c) {
        const double a = x.At(j, c), b = x.At(k, c);
        if (IsMissing(a) || IsMissing(b)) continue;
        const double wc = w[c] / total;
        if (a > b) jk += wc;
        if (b > a) kj += wc;
        if (a == b) jk += 0.5 * wc, kj += 0.5 * wc;
      }
      m.At(j, k) = jk;
      m.At(k, j) = kj;
    }
  }
  return m;
}

// Method: Copeland score, COINr a_copeland (Munda 2008); Handbook (2008) §6.2.
std::vector<double> CopelandScores(const Matrix& outranking) {
  std::vector<double> scores(outranking.rows, 0.0);
  for (size_t j = 0; j < outranking.rows; ++j) {
    for (size_t k = 0; k < outranking.cols; ++k) {
      if (j == k) continue;
      const double d = outranking.At(j, k) - 0.5;
      scores[j] += d > 0 ? 1.0 : (d < 0 ? -1.0 : 0.0);
    }
  }
  return scores;
}

namespace {

void CopelandNode(Matrix& all, const RowKeys& keys, const std::vector<size_t>& kids,
                  const std::vector<double>& w, size_t target) {
  std::map<int, std::vector<size_t>> by_year;
  for (size_t r = 0; r < all.rows; ++r) by_year[keys.year[r]].push_back(r);
  for (const auto& [year, rows] : by_year) {
    Matrix x(rows.size(), kids.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      for (size_t c = 0; c < kids.size(); ++c) x.At(i, c) = all.At(rows[i], kids[c]);
    }
    const auto scores = CopelandScores(OutrankingMatrix(x, w));
    for (size_t i = 0; i < rows.size(); ++i) all.At(rows[i], target) = scores[i];
  }
}

// Per combined column: whether it is left out of the parent's coverage rule (indicators with
// fixed goalposts, which only some units report, and aggregates made only of such columns).
std::vector<char> OptionalColumns(const CompiledFramework& framework) {
  const size_t n_ind = framework.indicators.size();
  std::vector<char> optional(framework.size(), 0);
  for (size_t i = 0; i < n_ind; ++i) optional[i] = framework.indicators[i].fixed_goalposts ? 1 : 0;
  for (size_t a = 0; a < framework.aggregates.size(); ++a) {
    const auto& kids = framework.children[a];
    const bool all_optional = !kids.empty() && std::all_of(kids.begin(), kids.end(), [&](size_t c) {
      return optional[c] != 0;
    });
    optional[n_ind + a] = all_optional ? 1 : 0;
  }
  return optional;
}

}  // namespace

Status AggregateTree(Matrix& all, const RowKeys& keys, const CompiledFramework& framework,
                     const NodeWeights& weights, const AggSpec& spec) {
  if (all.cols != framework.size() || keys.size() != all.rows) {
    return MakeError(ErrorCode::kInvalidArgument, "aggregate: shape does not match framework");
  }
  const size_t n_ind = framework.indicators.size();
  const std::vector<char> optional = OptionalColumns(framework);
  std::vector<double> x, w;
  for (size_t a = 0; a < framework.aggregates.size(); ++a) {
    const size_t target = n_ind + a;
    std::vector<size_t> kids;
    for (size_t c : framework.children[a]) {
      if (weights.active[c]) kids.push_back(c);
    }
    w.clear();
    for (size_t c : kids) w.push_back(weights.weight[c]);
    if (spec.method == AggMethod::kCopeland) {
      CopelandNode(all, keys, kids, w, target);
      continue;
    }
    x.resize(kids.size());
    for (size_t r = 0; r < all.rows; ++r) {
      size_t present = 0, required = 0, required_present = 0;
      for (size_t i = 0; i < kids.size(); ++i) {
        x[i] = all.At(r, kids[i]);
        const bool has = !IsMissing(x[i]);
        present += has ? 1 : 0;
        if (optional[kids[i]] != 0) continue;
        ++required;
        required_present += has ? 1 : 0;
      }
      const double coverage =
          required > 0 ? static_cast<double>(required_present) / static_cast<double>(required)
                       : static_cast<double>(present) / static_cast<double>(kids.size());
      if (present == 0 || coverage < spec.dat_threshold) {
        all.At(r, target) = kMissing;
        continue;
      }
      WAYMARK_ASSIGN_OR_RETURN(const double value, WeightedMean(x, w, spec));
      all.At(r, target) = value;
    }
  }
  return {};
}

// Method: decomposition of the index into components ("back to the data"), OECD/JRC Handbook
// (2008) step 8: under the arithmetic mean a node contributes its value times its effective
// weight, the product of renormalised weights on its path to the top.
Result<Matrix> Contributions(const Matrix& all, const CompiledFramework& framework,
                             const NodeWeights& weights, const AggSpec& spec) {
  if (spec.method != AggMethod::kArithmetic) {
    return MakeError(ErrorCode::kUnsupported, "contributions need the arithmetic mean");
  }
  if (all.cols != framework.size()) {
    return MakeError(ErrorCode::kInvalidArgument, "contributions: shape does not match");
  }
  const size_t n_ind = framework.indicators.size();
  const size_t top = framework.TopIndex();
  Matrix share(all.rows, all.cols, 0.0);  // path product of renormalised weights
  for (size_t r = 0; r < all.rows; ++r) share.At(r, top) = IsMissing(all.At(r, top)) ? 0 : 1;
  for (size_t a = framework.aggregates.size(); a-- > 0;) {
    const auto& kids = framework.children[a];
    for (size_t r = 0; r < all.rows; ++r) {
      const double parent_share = share.At(r, n_ind + a);
      double sw = 0;
      for (size_t c : kids) {
        if (weights.active[c] && !IsMissing(all.At(r, c))) sw += weights.weight[c];
      }
      for (size_t c : kids) {
        const bool used = weights.active[c] && !IsMissing(all.At(r, c)) && sw > 0;
        share.At(r, c) = used ? parent_share * weights.weight[c] / sw : 0;
      }
    }
  }
  Matrix out(all.rows, all.cols);
  for (size_t i = 0; i < all.values.size(); ++i) {
    out.values[i] = share.values[i] > 0 ? share.values[i] * all.values[i] : 0.0;
  }
  return out;
}

}  // namespace waymark::index
