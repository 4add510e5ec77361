// Plain-text tables for the terminal (table_text.h).
#include "cli/table_text.h"

#include <algorithm>
#include <cstddef>

namespace waymark::cli {
namespace {

// Characters of UTF-8 text: the bytes that do not continue a sequence.
std::size_t DisplayWidth(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::vector<std::size_t> ColumnWidths(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(PrintableText(row[i])));
    }
  }
  return widths;
}

}  // namespace

std::string PrintableText(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20U || byte == 0x7FU) c = '?';
  }
  return out;
}

std::string AlignedTable(const std::vector<std::vector<std::string>>& rows) {
  const std::vector<std::size_t> widths = ColumnWidths(rows);
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string cell = PrintableText(row[i]);
      line += cell;
      if (i + 1 == row.size()) break;
      line.append(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace waymark::cli
