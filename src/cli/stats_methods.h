// The CSV calculators behind `waymark stats METHOD`: a parsed input table in, CSV text out.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/confidence.h"
#include "stats/csv.h"

namespace waymark::cli {

struct StatsRequest {
  std::string method;
  std::vector<stats::ConfidenceLevel> levels;
  std::optional<double> multiplier;
};

// The methods `waymark stats` knows, in the order help lists them.
std::span<const std::string_view> StatsMethods();

// Runs one method over the input; the output CSV text (header and rows, newline-terminated) or
// every problem found, each positioned at the input line and 1-based field number.
tl::expected<std::string, Diagnostics> RunStatsMethod(const StatsRequest& request,
                                                      const stats::CsvTable& input);

}  // namespace waymark::cli
