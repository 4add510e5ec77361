// Helpers shared by the `waymark stats` calculators: column lookup, cell parsing with positioned
// problems, and output assembly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/csv.h"
#include "stats/estimate.h"

namespace waymark::cli::stats_csv {

// Reads cells from an input table, recording every problem as "stdin:LINE:FIELD: message".
class Input {
 public:
  Input(const stats::CsvTable& table, Diagnostics& problems) : table_(table), problems_(problems) {}

  const stats::CsvTable& Table() const { return table_; }

  // The index of a required column, or nullopt after recording a problem at the header.
  std::optional<size_t> Require(std::string_view name);
  std::optional<size_t> Optional(std::string_view name) const { return table_.Column(name); }

  // The number in a cell (missing when empty), or nullopt after recording a problem.
  std::optional<double> Number(const stats::CsvRow& row, size_t column);
  const std::string& Text(const stats::CsvRow& row, size_t column) const {
    return row.fields[column];
  }

  void Problem(const stats::CsvRow& row, size_t column, std::string message);
  void Problem(int line, size_t column, std::string message);

 private:
  const stats::CsvTable& table_;
  Diagnostics& problems_;
};

// Output rows collected before anything is written.
class Output {
 public:
  explicit Output(const std::vector<std::string>& header) : text_(stats::CsvLine(header) + "\n") {}
  void Add(const std::vector<std::string>& fields) { text_ += stats::CsvLine(fields) + "\n"; }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
};

// Column names "lower_95", "upper_95", ... for each level, appended to `header`.
void AddIntervalColumns(std::vector<std::string>& header,
                        const std::vector<stats::ConfidenceLevel>& levels);
// The value and each interval, formatted, appended to `fields`.
void AddEstimate(std::vector<std::string>& fields, const stats::Estimate& estimate);

}  // namespace waymark::cli::stats_csv
