// The `waymark stats` calculators that summarise groups of rows: dsr, isr, mean and trend.
#pragma once

#include <string>

#include "cli/stats_input.h"
#include "cli/stats_methods.h"

namespace waymark::cli::stats_csv {

// Each returns the output CSV text; problems are recorded through `input`.
std::string RunDsr(const StatsRequest& request, Input& input);
std::string RunIsr(const StatsRequest& request, Input& input);
std::string RunMean(const StatsRequest& request, Input& input);
std::string RunTrend(const StatsRequest& request, Input& input);

}  // namespace waymark::cli::stats_csv
