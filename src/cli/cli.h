// The command-line interface: parses arguments and dispatches to the layers below.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/secrets.h"

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
  std::string user;     // recorded in history; defaults to $USER
  std::string as_user;  // --as EMAIL: the enabled user named as the actor in the audit log
  std::string command;  // the command's words, e.g. "user add"; set once arguments are parsed
  const Clock* clock = nullptr;
  // How hard new password hashes are; tests use the cheapest.
  PasswordCost password_cost = PasswordCost::kInteractive;
  // The site's secret key (cli/site_key.h): WAYMARK_SECRET_KEY, or the file WAYMARK_SECRET_KEY_FILE
  // names; tests set them here.
  std::string secret_key;
  std::string secret_key_file;
  // Long work shows its progress on standard error (cli/progress_display.h) only when that is a
  // terminal and --quiet was not given. Run(argc, argv) asks the terminal; tests set them.
  bool stderr_is_terminal = false;
  std::size_t terminal_columns = 0;  // the terminal's width (0: not known)
  bool quiet = false;                // --quiet, -q
  int exit_code = 0;

  // Storage for an option's value that lives as long as the context, which outlives the parsed
  // app, so that callbacks can hold references to it.
  template <typename T>
  T& Keep(T initial = T{}) {
    auto value = std::make_shared<T>(std::move(initial));
    T& ref = *value;
    kept.push_back(std::move(value));
    return ref;
  }
  std::vector<std::shared_ptr<void>> kept;
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
void AddExportCommands(CLI::App& app, Context& ctx);
void AddIndexCommands(CLI::App& app, Context& ctx);
void AddUserCommands(CLI::App& app, Context& ctx);
void AddTokenCommands(CLI::App& app, Context& ctx);
void AddIdpCommands(CLI::App& app, Context& ctx);
void AddAuditCommands(CLI::App& app, Context& ctx);
void AddCycleCommands(CLI::App& app, Context& ctx);
void AddReportCommands(CLI::App& app, Context& ctx);
void AddSurveyCommands(CLI::App& app, Context& ctx);
void AddFindingCommands(CLI::App& app, Context& ctx);
void AddDatabaseCommands(CLI::App& app, Context& ctx);
// `report comment` and `report commentary`, under the `report` command (commentary_commands.cc).
void AddCommentaryCommands(CLI::App& report, Context& ctx);
// `survey responses`, under the `survey` command (survey_response_commands.cc).
void AddSurveyResponseCommands(CLI::App& survey, Context& ctx);

}  // namespace waymark::cli
