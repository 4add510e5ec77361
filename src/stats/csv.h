// A small pure CSV reader and writer (RFC 4180 quoting): text in, rows out. No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace waymark::stats {

struct CsvRow {
  int line = 0;  // 1-based line of the row's first character
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of the named header column, if present.
  std::optional<size_t> Column(std::string_view name) const;
};

// Parses text whose first non-blank line is the header. Blank lines are skipped. Errors
// (kParse, positioned at `file`:line:column) for an unterminated quote, text after a closing
// quote, or a row whose field count differs from the header's.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view file = "stdin");

// Parses a number cell: empty (after trimming blanks) is missing (NaN); anything that is not a
// complete finite or infinite decimal number is an error message.
Result<double> ParseCsvNumber(std::string_view cell);

// True for a cell that is a plain number ("-1.5", "2e-05", "-Inf"): a spreadsheet reads it as
// that number, never as a formula.
bool IsNumberCell(std::string_view text);
// One written cell. Against formula injection (OWASP "CSV Injection"), a cell that starts with
// =, +, -, @, tab or CR and is not a plain number gets a leading single quote, so a spreadsheet
// shows it as text. Then it is quoted if it contains a comma, quote, CR or LF (RFC 4180).
std::string CsvField(std::string_view text);
// One CSV line (without the newline) from fields, quoting as needed.
std::string CsvLine(const std::vector<std::string>& fields);
// A number with 17 significant digits so it round-trips; empty for a missing value.
std::string FormatNumber(double value);

}  // namespace waymark::stats
