// `waymark stats METHOD`: the statistics calculator (CSV on stdin, CSV on stdout).
#include <CLI/CLI.hpp>

#include "cli/cli.h"

namespace waymark::cli {

void AddStatsCommands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace waymark::cli
