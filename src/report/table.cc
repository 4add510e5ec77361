// Table: checking a report table and writing it as CSV.
#include "report/table.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>

#include <fmt/format.h>

#include "stats/csv.h"

namespace waymark::report {
namespace {

bool IsNumberKind(CellKind kind) {
  return kind == CellKind::kNumber || kind == CellKind::kInteger || kind == CellKind::kPercent;
}

std::string Where(const Table& table, size_t row, const TableColumn& column) {
  return fmt::format("table \"{}\": data row {}, column \"{}\"", table.name, row + 1, column.title);
}

Status CheckColumns(const Table& table) {
  if (table.name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "a table has no name");
  }
  if (table.columns.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("table \"{}\": it has no columns", table.name));
  }
  for (const TableColumn& column : table.columns) {
    if (column.decimals < 0 || column.decimals > kMaxDecimals) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("table \"{}\": column \"{}\": decimals must be 0 to {}, not {}",
                                   table.name, column.title, kMaxDecimals, column.decimals));
    }
  }
  return {};
}

Status CheckCell(const Table& table, size_t row, const TableColumn& column, const TableCell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return {};
  if (const double* number = std::get_if<double>(&cell)) {
    if (!IsNumberKind(column.kind)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       Where(table, row, column) + ": a number in a text or date column");
    }
    if (std::isinf(*number)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       Where(table, row, column) + ": the number is infinite");
    }
    return {};
  }
  if (IsNumberKind(column.kind) && std::get<std::string>(cell) != kSuppressedSymbol) {
    return MakeError(ErrorCode::kInvalidArgument,
                     Where(table, row, column) + ": a text in a number column");
  }
  return {};
}

// "-0.0" and the like become "0.0": a figure that rounds to zero has no sign.
std::string WithoutNegativeZero(std::string text) {
  if (text.empty() || text.front() != '-') return text;
  if (text.find_first_not_of("0.", 1) != std::string::npos) return text;
  text.erase(0, 1);
  return text;
}

}  // namespace

Status CheckTable(const Table& table) {
  WAYMARK_TRY(CheckColumns(table));
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const std::vector<TableCell>& row = table.rows[r];
    if (row.size() > table.columns.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("table \"{}\": data row {} has {} cells but the table has {} "
                                   "columns",
                                   table.name, r + 1, row.size(), table.columns.size()));
    }
    for (size_t c = 0; c < row.size(); ++c) {
      WAYMARK_TRY(CheckCell(table, r, table.columns[c], row[c]));
    }
  }
  return {};
}

std::string CellText(const TableColumn& column, const TableCell& cell) {
  if (const std::string* text = std::get_if<std::string>(&cell)) return *text;
  const double* number = std::get_if<double>(&cell);
  if (number == nullptr || std::isnan(*number) || std::isinf(*number)) return "";
  const int decimals = column.kind == CellKind::kInteger ? 0 : column.decimals;
  return WithoutNegativeZero(fmt::format("{:.{}f}", *number, decimals));
}

Result<std::string> TableCsv(const Table& table) {
  WAYMARK_TRY(CheckTable(table));
  std::vector<std::string> fields;
  fields.reserve(table.columns.size());
  for (const TableColumn& column : table.columns) fields.push_back(column.title);
  std::string csv = stats::CsvLine(fields);
  csv.append("\r\n");
  for (const std::vector<TableCell>& row : table.rows) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
      fields[c] = c < row.size() ? CellText(table.columns[c], row[c]) : std::string();
    }
    csv.append(stats::CsvLine(fields));
    csv.append("\r\n");
  }
  return csv;
}

std::string TableFileStem(const Table& table) {
  std::string out = table.name;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const Table* FindTable(const std::vector<Table>& tables, std::string_view name) {
  const auto same = [name](const Table& t) {
    return t.name.size() == name.size() &&
           std::equal(t.name.begin(), t.name.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  const auto it = std::find_if(tables.begin(), tables.end(), same);
  return it == tables.end() ? nullptr : &*it;
}

}  // namespace waymark::report
