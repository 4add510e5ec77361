// Denomination and imputation of missing values: over time within a unit (carry forward,
// constant or linear), then across units within a year (mean or median, optionally by group).
#pragma once

#include <vector>

#include "core/result.h"
#include "index/model.h"
#include "index/spec.h"

namespace waymark::index {

// Method: denomination, COINr Denominate: x / (D / scale), D the unit's denominator named by each
// indicator (no denominator: unchanged). `denominators` has the same rows as `data`. Errors:
// kNotFound for an unknown denominator column; kInvalidArgument for mismatched rows or scale 0.
Result<Table> Denominate(const Table& data, const Table& denominators,
                         const std::vector<Node>& indicators, double scale = 1.0);

// Method: data-availability screening, COINr Screen(unit_screen = "byNA"): a row (unit-year)
// is dropped when its share of present values, over all columns, is below `dat_threshold`
// (strict). Screen before imputing. Errors: kInvalidArgument for a threshold outside [0, 1];
// kValidation when no row is left.
Result<Table> ScreenRows(const Table& data, double dat_threshold,
                         std::vector<size_t>* removed_rows = nullptr);

struct Imputed {
  Matrix x;
  std::vector<char> flag;  // per cell (row-major), 1 where a value was imputed
};

// Imputes `x` (rows keyed by `keys`) by spec.panel, then spec.method. Flags every filled cell.
Imputed Impute(const Matrix& x, const RowKeys& keys, const ImputeSpec& spec);

// Method: COINr impute_panel on one unit's series, ordered by time; missing values are NaN.
std::vector<double> ImputeSeries(const std::vector<double>& series, const std::vector<int>& time,
                                 PanelImpute method, int max_gap);

}  // namespace waymark::index
