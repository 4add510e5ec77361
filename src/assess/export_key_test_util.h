// Test helper: checks that every row of a CSV export has its own key, so that no two rows of
// an export can be mistaken for each other.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "stats/csv.h"

namespace waymark::assess {

// The key of a judgement in every export and API row: the indicator, area, period and the
// whole breakdown.
inline const std::vector<std::string> kAssessmentKey = {
    "indicator", "area_code", "period", "sex", "age", "category_type", "category"};

// What is wrong with the keys of `csv` (header first): a text for a key column the header
// lacks, for text that is not CSV, and for each row whose `key` cells repeat an earlier row's
// (naming both lines). Empty when every row has its own key.
inline std::vector<std::string> RepeatedKeys(std::string_view csv,
                                             const std::vector<std::string>& key) {
  const auto table = stats::ParseCsv(csv, "export");
  if (!table) return {"not CSV: " + table.error().ToString()};
  std::vector<std::string> problems;
  std::vector<std::size_t> columns;
  for (const std::string& name : key) {
    const auto column = table->Column(name);
    if (!column) {
      problems.push_back("no column " + name);
      continue;
    }
    columns.push_back(*column);
  }
  if (!problems.empty()) return problems;
  std::map<std::vector<std::string>, int> first_line;
  for (const stats::CsvRow& row : table->rows) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (std::size_t c : columns) cells.push_back(row.fields[c]);
    const auto [at, inserted] = first_line.emplace(cells, row.line);
    if (!inserted) {
      problems.push_back(fmt::format("line {} repeats the key of line {}: {}", row.line,
                                     at->second, fmt::join(cells, " | ")));
    }
  }
  return problems;
}

}  // namespace waymark::assess
