// Plain-text tables for the terminal: columns padded to their widest cell, and cells cleared
// of control characters (records such as audit entries may hold text from the web).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace waymark::cli {

// The text with every control character (below 0x20, and DEL) replaced by '?', so that
// stored text cannot move the cursor or recolour the terminal.
std::string PrintableText(std::string_view text);

// The rows, the first being the header, as lines whose columns are separated by two spaces
// and padded to the widest cell (counted in UTF-8 characters); the last column is not padded.
std::string AlignedTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace waymark::cli
