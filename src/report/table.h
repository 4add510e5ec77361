// Table: the plain tabular value every table of a report becomes before it is written as CSV
// (here) or as a sheet of an Excel workbook (xlsx_book.h). Columns carry their kind and
// decimals; cells are empty, a number or a text. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace waymark::report {

// How a column's cells are written. Number, integer and percent columns hold numbers; text and
// date columns hold texts (a date as ISO 8601 text, "2026-03-31").
enum class CellKind {
  kText,
  kNumber,   // a number shown with the column's decimals
  kInteger,  // a number shown rounded to a whole number (decimals ignored)
  kPercent,  // a percentage on the 0-100 scale (12.5 means 12.5%), shown with decimals
  kDate,
};

inline constexpr int kMaxDecimals = 10;

struct TableColumn {
  std::string title;
  CellKind kind = CellKind::kText;
  int decimals = 1;  // 0 to kMaxDecimals; used by kNumber and kPercent
};

// The GSS symbol for a figure suppressed to protect confidentiality: the one text a number,
// integer or percent column may hold besides numbers, written as it is in CSV and Excel.
inline constexpr std::string_view kSuppressedSymbol = "c";

// std::monostate: an empty cell (a suppressed or missing figure). A NaN number is empty too.
using TableCell = std::variant<std::monostate, double, std::string>;

struct Table {
  std::string name;     // the sheet or file name, e.g. "Indicators"
  std::string caption;  // one sentence saying what the table shows
  std::vector<TableColumn> columns;
  std::vector<std::vector<TableCell>> rows;  // a row may be shorter than columns (empty cells)
};

// Checks that `table` can be written: it has a name and at least one column, decimals are in
// range, no row has more cells than there are columns, number columns hold numbers (finite or
// NaN) or kSuppressedSymbol, and text and date columns hold texts. Errors (kInvalidArgument) name the table, the
// data row (1-based) and the column's title.
Status CheckTable(const Table& table);

// The text of one cell as CSV and the workbook's width estimate show it: empty for an empty
// cell or NaN, numbers with the column's decimals ("12.5"; whole numbers for kInteger; no
// thousands separators, no % sign), texts as they are. Call after CheckTable.
std::string CellText(const TableColumn& column, const TableCell& cell);

// The table as CSV (RFC 4180: CRLF line ends, quoting as needed): the column titles, then one
// line per row with CellText of each cell, short rows padded with empty fields. Every field
// goes through stats::CsvField, so a text that a spreadsheet would read as a formula is
// written as text. The caption is not part of the CSV. Errors as CheckTable.
Result<std::string> TableCsv(const Table& table);

// The table's file name without its extension: its name in lower case ("indicators").
std::string TableFileStem(const Table& table);
// The table of `tables` whose name is `name` ignoring case; nullptr when none.
const Table* FindTable(const std::vector<Table>& tables, std::string_view name);

}  // namespace waymark::report
