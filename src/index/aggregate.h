// Aggregation up the index tree (weighted arithmetic, geometric, harmonic, generalised means,
// Copeland), the weights each node carries within its parent, and each component's contribution
// to a unit's index score.
#pragma once

#include <span>
#include <vector>

#include "core/result.h"
#include "index/model.h"
#include "index/spec.h"

namespace waymark::index {

// One weight per node in combined column order [indicators..., aggregates...], from the
// framework, then the spec's overrides. Nodes in `exclude` get weight 0 and are marked inactive.
// Errors: kNotFound for an override or exclusion naming no node; kValidation when some
// aggregate's active children all have weight 0.
struct NodeWeights {
  std::vector<double> weight;
  std::vector<char> active;
};
Result<NodeWeights> ResolveWeights(const CompiledFramework& framework, const MethodSpec& spec);

// Weighted mean of the present values (weights renormalised over them). Errors: kInvalidArgument
// for a non-positive value under the geometric or harmonic mean (or a negative p). NaN when no
// value is present or the present weights sum to 0.
Result<double> WeightedMean(std::span<const double> x, std::span<const double> w,
                            const AggSpec& spec);

// Fills the aggregate columns of `all` (rows × framework.size(); the indicator columns hold the
// normalised data) bottom-up. Inactive children are skipped; an aggregate is NaN for a row when
// present/active children < dat_threshold. Children with fixed goalposts (or made only of such
// children) are left out of that share, unless all children are such: a measure only some units
// report neither costs the others their coverage nor lends its reporters any. Copeland is
// computed within each year.
Status AggregateTree(Matrix& all, const RowKeys& keys, const CompiledFramework& framework,
                     const NodeWeights& weights, const AggSpec& spec);

// Weighted outranking matrix over units (rows of x): M[j][k] = Σ w where x_j > x_k plus half the
// weight of ties, weights normalised to 1, diagonal 0. Missing values take no part in a pair.
Matrix OutrankingMatrix(const Matrix& x, std::span<const double> w);

// Copeland score per unit: Σ_{k≠j} sign(M[j][k] − 0.5).
std::vector<double> CopelandScores(const Matrix& outranking);

// Contribution of every node to each row's top-level score under the arithmetic mean: its value
// times the product of its renormalised weights on the path to the top. The contributions of
// the indicators (or of the top's children) sum to the index score. Errors: kUnsupported for a
// non-arithmetic aggregation.
Result<Matrix> Contributions(const Matrix& all, const CompiledFramework& framework,
                             const NodeWeights& weights, const AggSpec& spec);

}  // namespace waymark::index
