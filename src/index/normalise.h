// Normalisation: bring each indicator onto a common, higher-is-better scale. Directions are
// applied first (the column is multiplied by d), as COINr does, with targets and goalposts
// flipped along with the data.
#pragma once

#include <vector>

#include "core/result.h"
#include "index/model.h"
#include "index/spec.h"

namespace waymark::index {

// Normalises one column in place. `node` supplies the direction and, for kDistToTarget and
// kGoalposts, the target or goalposts. Errors: kValidation when the target or goalposts are
// missing or degenerate. A constant column gives NaN under min-max (no spread to scale by).
Status NormaliseValues(std::vector<double>& x, const Node& node, const NormSpec& spec);

// Normalises every column of `x` (columns in `indicators` order), pooled over all rows or within
// each year (spec.scope). Columns with fixed goalposts are scaled by their goalposts to [0, 1]
// (truncated) and then onto the range [min, max] that the other columns span after
// normalisation ([spec.low, spec.high] when there are none), so they sit on the same scale
// under every method.
Result<Matrix> Normalise(const Matrix& x, const RowKeys& keys, const std::vector<Node>& indicators,
                         const NormSpec& spec);

}  // namespace waymark::index
