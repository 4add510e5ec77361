// `waymark stats METHOD`: the statistics calculator (CSV on stdin, CSV on stdout).
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/stats_methods.h"
#include "stats/csv.h"

namespace waymark::cli {
namespace {

struct StatsOptions {
  std::string method;
  std::string confidence = "95,99.8";
  std::optional<double> multiplier;
};

int Report(Context& ctx, const Diagnostics& problems) {
  for (const Error& e : problems) *ctx.err << e.ToString() << "\n";
  return 1;
}

int RunStats(Context& ctx, const StatsOptions& options) {
  auto levels = stats::ParseConfidenceLevels(options.confidence);
  if (!levels) return Report(ctx, {levels.error()});
  std::string text(std::istreambuf_iterator<char>(*ctx.in), {});
  auto table = stats::ParseCsv(text, "stdin");
  if (!table) return Report(ctx, {table.error()});
  StatsRequest request{options.method, std::move(*levels), options.multiplier};
  auto output = RunStatsMethod(request, *table);
  if (!output) return Report(ctx, output.error());
  *ctx.out << *output;
  return 0;
}

}  // namespace

void AddStatsCommands(CLI::App& app, Context& ctx) {
  auto& options = ctx.Keep<StatsOptions>();
  std::vector<std::string> methods;
  for (std::string_view m : StatsMethods()) methods.emplace_back(m);
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Public-health statistics on CSV: reads stdin, writes the input columns and results to "
      "stdout (see docs/statistics.md)");
  cmd->add_option("method", options.method,
                  "proportion, rate, dsr, isr, mean, compare, trend "
                  "or quantile")
      ->required()
      ->check(CLI::IsMember(methods));
  cmd->add_option("--confidence", options.confidence,
                  "Confidence levels, comma-separated (95 or 0.95)")
      ->capture_default_str();
  cmd->add_option("--multiplier", options.multiplier,
                  "Scale of values: proportion 1 (100 for %), rate and dsr 100000, isr 1 "
                  "(100 for an SMR)");
  cmd->callback([&ctx, &options] { ctx.exit_code = RunStats(ctx, options); });
}

}  // namespace waymark::cli
