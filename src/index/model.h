// The composite-index data model: a table of units (× years) by columns with NaN for missing,
// indicator and aggregate metadata (the index framework), and the compiled tree that the
// pipeline aggregates bottom-up. Plain data so that a TOML reader or a test can fill it.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace waymark::index {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

inline bool IsMissing(double x) { return std::isnan(x); }

// A dense row-major matrix of doubles; NaN marks a missing value.
struct Matrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<double> values;

  Matrix() = default;
  Matrix(size_t r, size_t c, double fill = kMissing) : rows(r), cols(c), values(r * c, fill) {}

  double& At(size_t r, size_t c) { return values[r * cols + c]; }
  double At(size_t r, size_t c) const { return values[r * cols + c]; }
  std::vector<double> Column(size_t c) const;
  void SetColumn(size_t c, const std::vector<double>& column);
};

// Who each row of a table is: the unit, its year (0 for a single cross-section) and its group
// (e.g. Inner/Outer London; empty when it has none).
struct RowKeys {
  std::vector<std::string> unit;
  std::vector<int> year;
  std::vector<std::string> group;

  size_t size() const { return unit.size(); }
};

// Units × named columns. `x.cols == columns.size()`, `x.rows == keys.size()`.
struct Table {
  RowKeys keys;
  std::vector<std::string> columns;
  Matrix x;

  std::optional<size_t> ColumnIndex(std::string_view code) const;
};

// Goalposts (L, U) on the raw scale: (x − L)/(U − L) × scale, optionally clamped to [0, scale].
struct Goalposts {
  double low = 0;
  double high = 100;
  double scale = 1;
};

// One node of the framework: an indicator (level 1) or an aggregate (level ≥ 2).
struct Node {
  std::string code;
  std::string parent;       // empty for the top of the index
  int level = 1;            // 1 = indicator; each parent sits one or more levels above
  int direction = 1;        // +1 higher is better, −1 lower is better (indicators only)
  double weight = 1;        // within the parent
  std::string denominator;  // column of the denominator table, empty for none
  std::optional<double> target;
  std::optional<Goalposts> goalposts;
  // Normalised by its goalposts whatever the method, onto the range the other indicators span,
  // and never imputed or treated: an indicator too few units report (one council's local
  // survey) to have a spread of its own. Needs `goalposts`.
  bool fixed_goalposts = false;
};

struct Framework {
  std::vector<Node> nodes;
};

// The framework compiled against a data table: indicator columns in table order, aggregates
// ordered bottom-up, each with the positions of its children in the combined column space
// [indicators..., aggregates...].
struct CompiledFramework {
  std::vector<Node> indicators;               // ordered as in the data table's columns used
  std::vector<Node> aggregates;               // ordered by level, then framework order
  std::vector<std::vector<size_t>> children;  // per aggregate, combined column indices
  std::vector<size_t> data_column;            // per indicator, its column in the source table

  size_t size() const { return indicators.size() + aggregates.size(); }
  std::vector<std::string> Codes() const;
  std::optional<size_t> Find(std::string_view code) const;  // combined column index
  size_t TopIndex() const { return size() - 1; }            // the last aggregate
};

// Checks the framework (unique codes, known parents, directions ±1, weights ≥ 0, one top node,
// parents above their children) and locates each indicator in `columns`. Errors: kValidation
// for a bad framework, kNotFound for an indicator absent from the columns.
Result<CompiledFramework> CompileFramework(const Framework& framework,
                                           const std::vector<std::string>& columns);

// Checks a table's shape: matrix size agrees with the keys and columns.
Status ValidateTable(const Table& table);

}  // namespace waymark::index
