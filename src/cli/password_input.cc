// Reading a new password from standard input, without echo on a terminal (password_input.h).
#include "cli/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace waymark::cli {
namespace {

// The next line of `in` without its line ending; nullopt at the end of the input.
std::optional<std::string> ReadLine(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Turns the terminal's echo off while it lives.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }

 private:
  termios saved_{};
  bool active_ = false;
};

std::optional<std::string> AskQuietly(Context& ctx, std::string_view prompt) {
  *ctx.err << prompt << std::flush;
  const EchoOff echo_off;
  std::optional<std::string> line = ReadLine(*ctx.in);
  *ctx.err << "\n";
  return line;
}

Error NoPassword() {
  return Error{ErrorCode::kInvalidArgument,
               "no password on standard input: write it on the first line (e.g. from a file or "
               "a password manager)",
               {}};
}

Result<std::string> AskTwice(Context& ctx, std::string_view prompt) {
  const std::optional<std::string> first = AskQuietly(ctx, prompt);
  if (!first || first->empty()) return tl::unexpected(NoPassword());
  const std::optional<std::string> second = AskQuietly(ctx, "again: ");
  if (!second || *second != *first) {
    return MakeError(ErrorCode::kInvalidArgument, "the two passwords typed differ");
  }
  return *first;
}

}  // namespace

Result<std::string> ReadNewPassword(Context& ctx, std::string_view prompt) {
  if (ctx.in == &std::cin && ::isatty(STDIN_FILENO) == 1) return AskTwice(ctx, prompt);
  std::optional<std::string> line = ReadLine(*ctx.in);
  if (!line || line->empty()) return tl::unexpected(NoPassword());
  return *std::move(line);
}

}  // namespace waymark::cli
