// The command-line interface: parses arguments and dispatches to the layers below.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace waymark {
class Clock;
}

namespace waymark::cli {

// What every command may use: where to write, which database, which clock.
struct Context {
  std::istream* in = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  std::string db_path = "waymark.db";
  std::string user;  // recorded in history; defaults to $USER
  const Clock* clock = nullptr;
  int exit_code = 0;
};

// Runs the program with real streams and clock; returns the process exit code.
int Run(int argc, char** argv);

// Runs the program against the given context (tests use string streams and a fixed clock).
int Run(int argc, const char* const* argv, Context& ctx);

// Each command family registers its subcommands on the root app.
void AddPlanCommands(CLI::App& app, Context& ctx);
void AddStatsCommands(CLI::App& app, Context& ctx);
void AddServeCommands(CLI::App& app, Context& ctx);
void AddDataCommands(CLI::App& app, Context& ctx);
void AddIndexCommands(CLI::App& app, Context& ctx);

}  // namespace waymark::cli
