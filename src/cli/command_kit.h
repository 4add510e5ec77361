// What the commands of one area share: the error line "waymark: COMMAND: message" (exit code
// 1) and the reading of an id given on the command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "cli/cli.h"
#include "core/result.h"

namespace waymark::cli {

// Prints "waymark: COMMAND: message" (e.g. "waymark: cycle open: ..."); returns exit code 1.
int Fail(Context& ctx, std::string_view message);
int Fail(Context& ctx, const Error& error);

// A positive whole number written in decimal digits only (an id), if `text` is one.
std::optional<std::int64_t> ParseId(std::string_view text);

}  // namespace waymark::cli
