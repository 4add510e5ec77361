// Reading a new password from standard input: never from an argument, which other users of
// the machine can see in the process list and the shell keeps in its history.
#pragma once

#include <string>
#include <string_view>

#include "cli/cli.h"
#include "core/result.h"

namespace waymark::cli {

// The first line of ctx.in without its line ending (LF or CR LF). When ctx.in is the program's
// standard input and that is a terminal, asks twice with `prompt` on ctx.err without echoing.
// kInvalidArgument when there is no password or the two typed differ.
Result<std::string> ReadNewPassword(Context& ctx, std::string_view prompt);

}  // namespace waymark::cli
