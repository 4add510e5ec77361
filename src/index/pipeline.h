// The whole index build as one pure function of (data, framework, method spec): impute, treat,
// normalise, aggregate, rank. A Prepared model compiles the framework once so that Monte Carlo
// runs only redo the numeric work.
#pragma once

#include <vector>

#include "core/result.h"
#include "index/aggregate.h"
#include "index/impute.h"
#include "index/model.h"
#include "index/spec.h"
#include "index/treat.h"

namespace waymark::index {

// The indicator data (already denominated) with the framework compiled against it. Columns of
// `raw` follow `framework.indicators`.
struct Prepared {
  CompiledFramework framework;
  RowKeys keys;
  Matrix raw;
};

// Errors: see ValidateTable and CompileFramework.
Result<Prepared> Prepare(const Table& data, const Framework& framework);

// Every stage of one build. `aggregated` has the columns of framework.Codes(): the normalised
// indicators then every aggregate. `ranks` holds the rank of every aggregate column within each
// year (1 = best, ties min, NaN stays NaN); indicator columns are NaN.
struct Results {
  Imputed imputed;
  Treated treated;
  Matrix normalised;
  Matrix aggregated;
  Matrix ranks;
  NodeWeights weights;
};

Result<Results> RunPipeline(const Prepared& model, const MethodSpec& spec);

// The fast path for repeated runs: only the top-level score of each row.
Result<std::vector<double>> RunIndexScores(const Prepared& model, const MethodSpec& spec);

// The same in two steps, so runs that share imputation and treatment can share their result:
// the imputed and treated indicators, then the scores from them.
Matrix ImputeAndTreat(const Prepared& model, const MethodSpec& spec);
Result<std::vector<double>> ScoresFromTreated(const Prepared& model, const Matrix& treated,
                                              const MethodSpec& spec);

// Ranks of `scores` within each year of `keys` (1 = best, ties min, NaN kept).
std::vector<double> RanksWithinYear(const std::vector<double>& scores, const RowKeys& keys);

}  // namespace waymark::index
