// Test helpers: loading the reference CSVs in src/stats/testdata, comparing numbers, and the
// confidence levels the tests ask for.
#pragma once

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "stats/confidence.h"
#include "stats/csv.h"
#include "stats/estimate.h"

namespace waymark::stats::testing {

// A reference table with typed access by column name. Throws on a malformed file (tests only).
class RefTable {
 public:
  explicit RefTable(const std::string& name) {
    const std::string path = std::string(WAYMARK_SOURCE_DIR) + "/src/stats/testdata/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto table = ParseCsv(buffer.str(), name);
    if (!table) throw std::runtime_error(table.error().ToString());
    table_ = std::move(*table);
  }

  size_t RowCount() const { return table_.rows.size(); }

  const std::string& Str(size_t row, std::string_view column) const {
    return table_.rows.at(row).fields.at(Index(column));
  }

  double Num(size_t row, std::string_view column) const {
    auto value = ParseCsvNumber(Str(row, column));
    if (!value) throw std::runtime_error(value.error().ToString());
    return *value;
  }

  bool Has(std::string_view column) const { return table_.Column(column).has_value(); }

 private:
  size_t Index(std::string_view column) const {
    auto index = table_.Column(column);
    if (!index) throw std::runtime_error("no column " + std::string(column));
    return *index;
  }

  CsvTable table_;
};

// True when both are missing, or |a − b| <= rel·|b| (or <= abs_tol).
inline bool Near(double actual, double expected, double rel, double abs_tol = 0) {
  if (IsMissing(expected) || IsMissing(actual)) return IsMissing(expected) && IsMissing(actual);
  return std::abs(actual - expected) <= std::max(rel * std::abs(expected), abs_tol);
}

inline constexpr double kRelTol = 1e-9;

// The confidence level `c`, a fraction (0.95) or a percentage (95).
inline ConfidenceLevel Level(double c) { return *ConfidenceLevel::Make(c); }

// 95% alone, for the methods that take a list of levels.
inline std::vector<ConfidenceLevel> Level95() { return {Level(0.95)}; }

}  // namespace waymark::stats::testing

// EXPECT that `actual` matches `expected` (both may be missing) to a relative tolerance.
#define EXPECT_NEAR_REL(actual, expected, rel)                                       \
  EXPECT_TRUE(::waymark::stats::testing::Near((actual), (expected), (rel)))          \
      << #actual << " = " << ::waymark::stats::FormatNumber(actual) << ", expected " \
      << ::waymark::stats::FormatNumber(expected)
