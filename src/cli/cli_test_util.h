// Test helper: runs the command line in-process against one database, with string streams and
// a fixed clock, and returns the exit code and what was printed.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/clock.h"

namespace waymark::cli {

struct CliOutput {
  int code = 0;
  std::string out;
  std::string err;
};

// What the environment would give the command (WAYMARK_SECRET_KEY, WAYMARK_SECRET_KEY_FILE;
// whether standard error is a terminal, and how wide).
struct CliEnv {
  std::string secret_key;
  std::string secret_key_file;
  bool stderr_is_terminal = false;
  std::size_t terminal_columns = 0;
};

// `err` without the progress lines a terminal was shown: each "\r…\x1b[K" taken out.
inline std::string WithoutProgressLines(std::string err) {
  for (std::size_t at = err.find('\r'); at != std::string::npos; at = err.find('\r', at)) {
    const std::size_t end = err.find("\x1b[K", at);
    if (end == std::string::npos) break;
    err.erase(at, end + 3 - at);
  }
  return err;
}

// Runs `waymark --db db_path args...` with standard input `input`.
inline CliOutput RunCli(const std::string& db_path, std::vector<std::string> args,
                        const Clock& clock, const std::string& input = "", const CliEnv& env = {}) {
  args.insert(args.begin(), {"waymark", "--db", db_path});
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  Context ctx;
  ctx.in = &in;
  ctx.out = &out;
  ctx.err = &err;
  ctx.clock = &clock;
  ctx.user = "analyst";
  ctx.password_cost = PasswordCost::kTestMinimum;
  ctx.secret_key = env.secret_key;
  ctx.secret_key_file = env.secret_key_file;
  ctx.stderr_is_terminal = env.stderr_is_terminal;
  ctx.terminal_columns = env.terminal_columns;
  const int code = Run(static_cast<int>(argv.size()), argv.data(), ctx);
  return {code, out.str(), err.str()};
}

}  // namespace waymark::cli
