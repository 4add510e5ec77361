// `waymark init` and `waymark plan ...`: validate, import, list, show and export plans.
#include <CLI/CLI.hpp>

#include "cli/cli.h"

namespace waymark::cli {

void AddPlanCommands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace waymark::cli
