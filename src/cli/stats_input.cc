// Helpers shared by the `waymark stats` calculators.
#include "cli/stats_input.h"

#include <fmt/format.h>

namespace waymark::cli::stats_csv {

std::optional<size_t> Input::Require(std::string_view name) {
  auto column = table_.Column(name);
  if (!column) Problem(1, 0, fmt::format("missing required column '{}'", name));
  return column;
}

std::optional<double> Input::Number(const stats::CsvRow& row, size_t column) {
  auto value = stats::ParseCsvNumber(row.fields[column]);
  if (!value) {
    Problem(row, column, value.error().message);
    return std::nullopt;
  }
  return *value;
}

void Input::Problem(const stats::CsvRow& row, size_t column, std::string message) {
  Problem(row.line, column + 1, std::move(message));
}

void Input::Problem(int line, size_t column, std::string message) {
  problems_.push_back(Error{ErrorCode::kValidation, std::move(message),
                            SourcePos{"stdin", line, static_cast<int>(column)}});
}

void AddIntervalColumns(std::vector<std::string>& header,
                        const std::vector<stats::ConfidenceLevel>& levels) {
  for (const auto& level : levels) {
    header.push_back("lower_" + level.Suffix());
    header.push_back("upper_" + level.Suffix());
  }
}

void AddEstimate(std::vector<std::string>& fields, const stats::Estimate& estimate) {
  fields.push_back(stats::FormatNumber(estimate.value));
  for (const auto& ci : estimate.intervals) {
    fields.push_back(stats::FormatNumber(ci.lower));
    fields.push_back(stats::FormatNumber(ci.upper));
  }
}

}  // namespace waymark::cli::stats_csv
