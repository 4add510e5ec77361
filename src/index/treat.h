// Outlier treatment: COINr's skew/kurtosis check, winsorisation up to winmax points, and the
// fallback transform of the original column when winsorisation is not enough.
#pragma once

#include <string>
#include <vector>

#include "index/model.h"
#include "index/spec.h"

namespace waymark::index {

enum class TreatOutcome { kNone, kWinsorised, kTransformed };

struct ColumnTreatment {
  int low = 0;   // points winsorised at the bottom
  int high = 0;  // points winsorised at the top
  TreatOutcome outcome = TreatOutcome::kNone;
  double skew_before = kMissing, kurtosis_before = kMissing;
  double skew_after = kMissing, kurtosis_after = kMissing;

  // "None", "Winsorised N points" or "Transformed" (legacy COINr treatment summary wording).
  std::string Label() const;
};

// COINr check_SkewKurt: passes unless |skew| ≥ skew threshold and kurtosis ≥ kurtosis threshold.
bool PassesSkewKurtosis(const std::vector<double>& x, const TreatSpec& spec);

// Treats one column in place; `flag` (same length) gets −1/+1 for points winsorised low/high and
// 2 for a transformed column.
ColumnTreatment TreatColumn(std::vector<double>& x, std::vector<signed char>& flag,
                            const TreatSpec& spec);

struct Treated {
  Matrix x;
  std::vector<ColumnTreatment> summary;  // per column
  std::vector<signed char> flag;         // per cell, row-major
};

// Treats each column pooled over all rows (all years together).
Treated Treat(const Matrix& x, const TreatSpec& spec);

}  // namespace waymark::index
