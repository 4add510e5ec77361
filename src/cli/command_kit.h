// What the commands of one area share: the error line "waymark: COMMAND: message" (exit code
// 1), the list of a refused file's problems, and the reading of an id given on the command line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/cli.h"
#include "core/result.h"

namespace waymark::cli {

// Prints "waymark: COMMAND: message" (e.g. "waymark: cycle open: ..."); returns exit code 1.
int Fail(Context& ctx, std::string_view message);
int Fail(Context& ctx, const Error& error);

// Prints each problem of a refused file on its own line (FILE:LINE:COL: message), then "… and N
// more" when `total` (0: as many as listed) is larger than the list, then "N problems found;
// nothing was stored"; returns exit code 1.
int PrintProblems(Context& ctx, const Diagnostics& problems, std::size_t total = 0);

// Writes an export to the file `output`, or to standard output when it is "" or "-". Returns 0,
// or 1 with the error line when the file cannot be written.
int WriteOutput(Context& ctx, std::string_view text, const std::string& output);
// The same for an export written as it is made: `write` is given the stream and returns its
// failure, if any, which stops it. A file is written under a temporary name beside it and
// renamed only when whole, so a failure leaves any earlier file as it was; a device or pipe
// that exists already (/dev/null, a named pipe) is written to as it is.
int StreamOutput(Context& ctx, const std::string& output,
                 const std::function<Status(std::ostream&)>& write);

// A positive whole number written in decimal digits only (an id), if `text` is one.
std::optional<std::int64_t> ParseId(std::string_view text);

}  // namespace waymark::cli
