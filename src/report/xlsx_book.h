// XlsxBook: report tables as an Excel workbook (.xlsx) written with libxlsxwriter. A cover
// sheet first (title, "data as of", organisation and a contents list linking each table's
// sheet with its caption), then one sheet per table: the bold header row frozen and
// filterable, numbers written as numbers with a format per column, texts as texts, empty cells
// left empty, columns as wide as their content (capped). libxlsxwriter writes only to files,
// so the book is written in a private temporary directory (scratch_dir.h), read back and
// removed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "report/table.h"

namespace waymark::report {

struct XlsxMeta {
  std::string title;         // the report's title: the document title and the cover heading
  std::string author;        // the document's author, e.g. "Barnet Council Insight team"
  std::string organisation;  // the document's company, shown on the cover too
  std::string data_as_of;    // e.g. "Data as of 31 March 2026; cycle 2026–27 Q3"
  // The workbook's creation time (Unix seconds), from the caller's clock or the issue time of
  // a frozen report: the same tables and meta give the same bytes. 0 means the current time.
  std::int64_t created_unix_seconds = 0;
};

inline constexpr int kSheetNameMax = 31;       // Excel's limit, in characters
inline constexpr double kMaxColumnWidth = 60;  // in characters of the default font
inline constexpr char kCoverSheetName[] = "Cover";

// Sheet names for tables named `wanted`, in order: characters Excel forbids (the seven of
// "[]:*?/\" and control characters) become spaces, a run of spaces one space, blanks and a
// leading or trailing apostrophe are trimmed, "History" (reserved by Excel) and an empty name
// become "Table N" (N counting tables from 1), names are cut to kSheetNameMax characters
// (at a space when that keeps half the name; never inside a UTF-8 character), and a name already
// used (ignoring ASCII case, as Excel does; kCoverSheetName is taken) gets " (2)", " (3)"... within
// the limit.
std::vector<std::string> SheetNames(std::span<const std::string> wanted);

// The number format a column's numbers get: kNumber "#,##0.0" (as many 0s after the point as
// its decimals; "#,##0" for none), kInteger "#,##0", kPercent the number's format with a
// literal % sign, e.g. "#,##0.0\"%\"" (so the cell's value stays 12.5, as in CSV); "" for text
// and date columns, whose cells are written as text.
std::string NumberFormat(const TableColumn& column);

// The workbook's bytes. Errors: a table that CheckTable refuses (kInvalidArgument, naming the
// table and row), too many rows or columns for a sheet, a text longer than a cell holds
// (naming table, row and column), or a failure to write or read the temporary file (kIo).
Result<std::string> XlsxBook(std::span<const Table> tables, const XlsxMeta& meta);

}  // namespace waymark::report
