// Root of the command line: global options, subcommand registration and error reporting.
#include "cli/cli.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/clock.h"

namespace waymark::cli {
namespace {

// The words of the command that was parsed, below the root: e.g. "user add".
std::string CommandWords(const CLI::App& root) {
  std::string words;
  const CLI::App* app = &root;
  while (!app->get_subcommands().empty()) {
    app = app->get_subcommands().front();
    if (!words.empty()) words += ' ';
    words += app->get_name();
  }
  return words;
}

}  // namespace

int Run(int argc, const char* const* argv, Context& ctx) {
  CLI::App app{"Waymark: run and monitor a Children and Young People's Plan", "waymark"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "waymark 0.1.0");
  app.add_option("--db", ctx.db_path,
                 "Database: a SQLite file, or PostgreSQL as postgresql://USER@HOST:PORT/DB")
      ->envname("WAYMARK_DB")
      ->capture_default_str();
  app.add_option("--as", ctx.as_user,
                 "Name this enabled user (EMAIL) as the actor in the audit log (default: "
                 "os:$USER)");
  app.add_flag("-q,--quiet", ctx.quiet,
               "Show no progress of long work (shown on standard error when it is a terminal)");
  // Runs once the arguments are parsed, before the command's own callback.
  app.parse_complete_callback([&ctx, &app] { ctx.command = CommandWords(app); });
  AddPlanCommands(app, ctx);
  AddStatsCommands(app, ctx);
  AddServeCommands(app, ctx);
  AddDataCommands(app, ctx);
  AddExportCommands(app, ctx);
  AddIndexCommands(app, ctx);
  AddUserCommands(app, ctx);
  AddTokenCommands(app, ctx);
  AddIdpCommands(app, ctx);
  AddAuditCommands(app, ctx);
  AddCycleCommands(app, ctx);
  AddReportCommands(app, ctx);
  AddSurveyCommands(app, ctx);
  AddFindingCommands(app, ctx);
  AddDatabaseCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, *ctx.out, *ctx.err);
  }
  return ctx.exit_code;
}

int Run(int argc, char** argv) {
  SystemClock clock;
  Context ctx;
  ctx.in = &std::cin;
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  ctx.clock = &clock;
  if (const char* user = std::getenv("USER"); user != nullptr) ctx.user = user;
  if (ctx.user.empty()) ctx.user = "unknown";
  if (const char* key = std::getenv("WAYMARK_SECRET_KEY"); key != nullptr) ctx.secret_key = key;
  if (const char* file = std::getenv("WAYMARK_SECRET_KEY_FILE"); file != nullptr) {
    ctx.secret_key_file = file;
  }
  ctx.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
  if (winsize size{}; ctx.stderr_is_terminal && ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0) {
    ctx.terminal_columns = size.ws_col;
  }
  std::ios::sync_with_stdio(false);
  return Run(argc, argv, ctx);
}

}  // namespace waymark::cli
