// Telling a text file from a binary one before reading it as CSV: an upload of a spreadsheet,
// an image or an archive is refused with one clear problem instead of a page of nonsense rows.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace waymark::ingest {

// How much of a file CheckTextFile reads.
inline constexpr std::size_t kTextCheckBytes = std::size_t{64} * 1024;

// The first problem of `text` as the start of a CSV text file, if any: a NUL byte or another
// control character other than tab, line feed, carriage return and form feed. The error names
// `file` with the line and column of that byte.
std::optional<Error> CheckText(std::string_view text, const std::string& file);

// CheckText on the first kTextCheckBytes of the file at `path`, reported as `file`; a file that
// cannot be read is a kIo problem.
std::optional<Error> CheckTextFile(const std::string& path, const std::string& file);

}  // namespace waymark::ingest
