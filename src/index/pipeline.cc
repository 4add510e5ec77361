// The index pipeline: impute → treat → normalise → aggregate → rank, driven by a MethodSpec.
#include "index/pipeline.h"

#include <algorithm>
#include <map>

#include "index/column_stats.h"
#include "index/normalise.h"

namespace waymark::index {

Result<Prepared> Prepare(const Table& data, const Framework& framework) {
  WAYMARK_TRY(ValidateTable(data));
  WAYMARK_ASSIGN_OR_RETURN(auto compiled, CompileFramework(framework, data.columns));
  Prepared out{std::move(compiled), data.keys, Matrix(data.x.rows, 0)};
  const size_t n_ind = out.framework.indicators.size();
  out.raw = Matrix(data.x.rows, n_ind);
  for (size_t r = 0; r < data.x.rows; ++r) {
    for (size_t i = 0; i < n_ind; ++i) {
      out.raw.At(r, i) = data.x.At(r, out.framework.data_column[i]);
    }
  }
  return out;
}

namespace {

// Indicators with fixed goalposts keep their reported values: nothing is imputed into them from
// other units and they are not treated as outliers among units that do not report them.
void KeepFixedColumns(const Prepared& model, Matrix& x, std::vector<char>* imputed_flags) {
  for (size_t i = 0; i < model.framework.indicators.size(); ++i) {
    if (!model.framework.indicators[i].fixed_goalposts) continue;
    for (size_t r = 0; r < x.rows; ++r) {
      x.At(r, i) = model.raw.At(r, i);
      if (imputed_flags != nullptr) (*imputed_flags)[r * x.cols + i] = 0;
    }
  }
}

// Impute, treat and normalise, then aggregate into `results` (ranks left empty).
Status Build(const Prepared& model, const MethodSpec& spec, Results& results) {
  WAYMARK_TRY(ValidateSpec(spec));
  WAYMARK_ASSIGN_OR_RETURN(results.weights, ResolveWeights(model.framework, spec));
  results.imputed = Impute(model.raw, model.keys, spec.impute);
  KeepFixedColumns(model, results.imputed.x, &results.imputed.flag);
  results.treated = Treat(results.imputed.x, spec.treat);
  KeepFixedColumns(model, results.treated.x, nullptr);
  WAYMARK_ASSIGN_OR_RETURN(
      results.normalised,
      Normalise(results.treated.x, model.keys, model.framework.indicators, spec.normalise));
  const size_t n_ind = model.framework.indicators.size();
  Matrix& all = results.aggregated;
  all = Matrix(model.raw.rows, model.framework.size());
  for (size_t r = 0; r < all.rows; ++r) {
    for (size_t i = 0; i < n_ind; ++i) all.At(r, i) = results.normalised.At(r, i);
  }
  return AggregateTree(all, model.keys, model.framework, results.weights, spec.aggregate);
}

}  // namespace

std::vector<double> RanksWithinYear(const std::vector<double>& scores, const RowKeys& keys) {
  const bool one_year = std::all_of(keys.year.begin(), keys.year.end(),
                                    [&](int y) { return y == keys.year.front(); });
  if (one_year) return ScoreRanks(scores);
  std::map<int, std::vector<size_t>> by_year;
  for (size_t r = 0; r < keys.size(); ++r) by_year[keys.year[r]].push_back(r);
  std::vector<double> ranks(scores.size(), kMissing);
  std::vector<double> block;
  for (const auto& [year, rows] : by_year) {
    block.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) block[i] = scores[rows[i]];
    const auto r = ScoreRanks(block);
    for (size_t i = 0; i < rows.size(); ++i) ranks[rows[i]] = r[i];
  }
  return ranks;
}

Result<Results> RunPipeline(const Prepared& model, const MethodSpec& spec) {
  Results results;
  WAYMARK_TRY(Build(model, spec, results));
  const Matrix& all = results.aggregated;
  results.ranks = Matrix(all.rows, all.cols);
  for (size_t c = model.framework.indicators.size(); c < all.cols; ++c) {
    results.ranks.SetColumn(c, RanksWithinYear(all.Column(c), model.keys));
  }
  return results;
}

Matrix ImputeAndTreat(const Prepared& model, const MethodSpec& spec) {
  Matrix imputed = Impute(model.raw, model.keys, spec.impute).x;
  KeepFixedColumns(model, imputed, nullptr);
  Matrix treated = Treat(imputed, spec.treat).x;
  KeepFixedColumns(model, treated, nullptr);
  return treated;
}

Result<std::vector<double>> ScoresFromTreated(const Prepared& model, const Matrix& treated,
                                              const MethodSpec& spec) {
  WAYMARK_TRY(ValidateSpec(spec));
  WAYMARK_ASSIGN_OR_RETURN(const NodeWeights weights, ResolveWeights(model.framework, spec));
  WAYMARK_ASSIGN_OR_RETURN(
      const Matrix normalised,
      Normalise(treated, model.keys, model.framework.indicators, spec.normalise));
  const size_t n_ind = model.framework.indicators.size();
  Matrix all(treated.rows, model.framework.size());
  for (size_t r = 0; r < all.rows; ++r) {
    for (size_t i = 0; i < n_ind; ++i) all.At(r, i) = normalised.At(r, i);
  }
  WAYMARK_TRY(AggregateTree(all, model.keys, model.framework, weights, spec.aggregate));
  return all.Column(model.framework.TopIndex());
}

Result<std::vector<double>> RunIndexScores(const Prepared& model, const MethodSpec& spec) {
  WAYMARK_TRY(ValidateSpec(spec));
  return ScoresFromTreated(model, ImputeAndTreat(model, spec), spec);
}

}  // namespace waymark::index
