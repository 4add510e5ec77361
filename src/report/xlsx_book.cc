// XlsxBook: writing report tables as an Excel workbook with libxlsxwriter.
#include "report/xlsx_book.h"

#include <algorithm>
#include <cstddef>
#include <ctime>
#include <memory>
#include <string_view>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "report/scratch_dir.h"

namespace waymark::report {
namespace {

constexpr std::string_view kForbiddenInSheetName = "[]:*?/\\";
constexpr size_t kMaxCellText = 32767;  // Excel's limit on the characters of one cell
constexpr double kMinColumnWidth = 6;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Characters (UTF-8 code points) of `text`; of its longest line when it has several.
size_t DisplayWidth(std::string_view text) {
  size_t widest = 0;
  size_t line = 0;
  for (char c : text) {
    if (c == '\n') {
      line = 0;
      continue;
    }
    if (!IsContinuationByte(c)) widest = std::max(widest, ++line);
  }
  return widest;
}

// Characters (UTF-8 code points) of `text`.
size_t CharCount(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuationByte(c); }));
}

// The first `max_chars` characters of `text`, never cutting a UTF-8 character.
std::string FirstChars(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(text[i])) continue;
    if (chars == max_chars) return std::string(text.substr(0, i));
    ++chars;
  }
  return std::string(text);
}

// `text` cut to `max_chars` characters, at the last space when that keeps at least half.
std::string CutToChars(std::string_view text, size_t max_chars) {
  std::string cut = FirstChars(text, max_chars);
  if (cut.size() == text.size() || text[cut.size()] == ' ') return cut;
  const size_t space = cut.rfind(' ');
  if (space != std::string::npos && space >= cut.size() / 2) cut.resize(space);
  return cut;
}

std::string TrimSpacesAndApostrophes(std::string_view text) {
  const size_t first = text.find_first_not_of(" '");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" '");
  return std::string(text.substr(first, last - first + 1));
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::string CleanSheetName(std::string_view wanted, size_t position) {
  std::string name;
  for (char c : wanted) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || kForbiddenInSheetName.find(c) != std::string_view::npos) {
      c = ' ';
    }
    if (c == ' ' && !name.empty() && name.back() == ' ') continue;  // one space for a run
    name.push_back(c);
  }
  name = TrimSpacesAndApostrophes(CutToChars(TrimSpacesAndApostrophes(name), kSheetNameMax));
  if (name.empty() || AsciiLower(name) == "history") name = fmt::format("Table {}", position);
  return name;
}

bool Used(const std::vector<std::string>& used_lower, const std::string& name) {
  return std::find(used_lower.begin(), used_lower.end(), AsciiLower(name)) != used_lower.end();
}

std::string Decimals(std::string_view integer_part, int decimals) {
  std::string format(integer_part);
  if (decimals > 0) format.append(".").append(static_cast<size_t>(decimals), '0');
  return format;
}

lxw_format* NumberCellFormat(lxw_workbook* book, const TableColumn& column) {
  const std::string format = NumberFormat(column);
  if (format.empty()) return nullptr;
  lxw_format* cell_format = workbook_add_format(book);
  format_set_num_format(cell_format, format.c_str());
  return cell_format;
}

double ColumnWidth(const Table& table, size_t c) {
  const TableColumn& column = table.columns[c];
  size_t widest = DisplayWidth(column.title) + 2;  // bold text and the filter button
  for (const std::vector<TableCell>& row : table.rows) {
    if (c >= row.size()) continue;
    const std::string text = CellText(column, row[c]);
    size_t width = DisplayWidth(text);
    if (std::holds_alternative<double>(row[c])) width += width / 3 + 1;  // separators and %
    widest = std::max(widest, width);
  }
  return std::clamp(static_cast<double>(widest) + 1, kMinColumnWidth, kMaxColumnWidth);
}

Status CellError(const Table& table, size_t row, size_t column, lxw_error error) {
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("table \"{}\": data row {}, column \"{}\": {}", table.name, row + 1,
                               table.columns[column].title, lxw_strerror(error)));
}

Status CheckSize(const Table& table) {
  if (table.rows.size() + 1 > LXW_ROW_MAX || table.columns.size() > LXW_COL_MAX) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("table \"{}\": {} rows and {} columns do not fit on a sheet "
                                 "(at most {} rows and {} columns)",
                                 table.name, table.rows.size(), table.columns.size(),
                                 LXW_ROW_MAX - 1, LXW_COL_MAX));
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (size_t c = 0; c < table.rows[r].size(); ++c) {
      const std::string* text = std::get_if<std::string>(&table.rows[r][c]);
      if (text != nullptr && CharCount(*text) > kMaxCellText) {
        return CellError(table, r, c, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
      }
    }
  }
  return {};
}

struct BookFormats {
  lxw_format* heading = nullptr;
  lxw_format* header = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* link = nullptr;
};

BookFormats AddFormats(lxw_workbook* book) {
  BookFormats formats;
  formats.heading = workbook_add_format(book);
  format_set_bold(formats.heading);
  format_set_font_size(formats.heading, 14);
  formats.header = workbook_add_format(book);
  format_set_bold(formats.header);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  formats.wrap = workbook_add_format(book);
  format_set_text_wrap(formats.wrap);
  formats.link = workbook_get_default_url_format(book);
  return formats;
}

lxw_error WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const TableCell& cell,
                    lxw_format* number_format) {
  if (const double* number = std::get_if<double>(&cell)) {
    if (*number != *number) return LXW_NO_ERROR;  // NaN: an empty cell
    return worksheet_write_number(sheet, row, col, *number, number_format);
  }
  if (const std::string* text = std::get_if<std::string>(&cell)) {
    return worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
  }
  return LXW_NO_ERROR;
}

Status WriteTableSheet(lxw_workbook* book, const BookFormats& formats, const Table& table,
                       const std::string& sheet_name) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  if (sheet == nullptr) {
    return MakeError(ErrorCode::kInternal, fmt::format("table \"{}\": the sheet \"{}\" was refused",
                                                       table.name, sheet_name));
  }
  const auto last_col = static_cast<lxw_col_t>(table.columns.size() - 1);
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    lxw_format* number_format = NumberCellFormat(book, table.columns[c]);
    worksheet_set_column(sheet, col, col, ColumnWidth(table, c), number_format);
    worksheet_write_string(sheet, 0, col, table.columns[c].title.c_str(), formats.header);
    for (size_t r = 0; r < table.rows.size(); ++r) {
      if (c >= table.rows[r].size()) continue;
      const lxw_error error =
          WriteCell(sheet, static_cast<lxw_row_t>(r + 1), col, table.rows[r][c], number_format);
      if (error != LXW_NO_ERROR) return CellError(table, r, c, error);
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()), last_col);
  worksheet_repeat_rows(sheet, 0, 0);
  return {};
}

// The cover: title, "data as of", organisation, then the contents with a link to each sheet.
Status WriteCover(lxw_workbook* book, const BookFormats& formats, std::span<const Table> tables,
                  const std::vector<std::string>& sheet_names, const XlsxMeta& meta) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, kCoverSheetName);
  if (sheet == nullptr) return MakeError(ErrorCode::kInternal, "the cover sheet was refused");
  worksheet_set_column(sheet, 0, 0, 36, nullptr);
  worksheet_set_column(sheet, 1, 1, 90, formats.wrap);
  worksheet_write_string(sheet, 0, 0, meta.title.c_str(), formats.heading);
  worksheet_write_string(sheet, 1, 0, meta.data_as_of.c_str(), nullptr);
  if (!meta.organisation.empty()) {
    worksheet_write_string(sheet, 2, 0, meta.organisation.c_str(), nullptr);
  }
  worksheet_write_string(sheet, 4, 0, "Contents", formats.heading);
  worksheet_write_string(sheet, 5, 0, "Sheet", formats.header);
  worksheet_write_string(sheet, 5, 1, "What it shows", formats.header);
  for (size_t i = 0; i < tables.size(); ++i) {
    const auto row = static_cast<lxw_row_t>(6 + i);
    std::string quoted;
    for (char c : sheet_names[i]) quoted.append(c == '\'' ? "''" : std::string_view(&c, 1));
    const std::string target = fmt::format("internal:'{}'!A1", quoted);
    worksheet_write_url(sheet, row, 0, target.c_str(), formats.link);
    worksheet_write_string(sheet, row, 0, sheet_names[i].c_str(), formats.link);
    if (!tables[i].caption.empty()) {
      worksheet_write_string(sheet, row, 1, tables[i].caption.c_str(), formats.wrap);
    }
  }
  return {};
}

Status CheckMeta(const XlsxMeta& meta) {
  if (meta.title.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "workbook title: it is empty");
  }
  if (meta.data_as_of.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "workbook data as of: it is empty");
  }
  return {};
}

void SetProperties(lxw_workbook* book, const XlsxMeta& meta) {
  std::string title = meta.title;
  std::string author = meta.author;
  std::string company = meta.organisation;
  std::string comments = meta.data_as_of;
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.author = author.empty() ? nullptr : author.data();
  properties.company = company.empty() ? nullptr : company.data();
  properties.comments = comments.data();
  properties.created = static_cast<std::time_t>(meta.created_unix_seconds);
  workbook_set_properties(book, &properties);  // copies the texts
}

struct WorkbookFree {
  void operator()(lxw_workbook* book) const { lxw_workbook_free(book); }
};

Status WriteBook(lxw_workbook* book, std::span<const Table> tables, const XlsxMeta& meta) {
  std::vector<std::string> wanted;
  wanted.reserve(tables.size());
  for (const Table& table : tables) wanted.push_back(table.name);
  const std::vector<std::string> sheet_names = SheetNames(wanted);
  const BookFormats formats = AddFormats(book);
  SetProperties(book, meta);
  WAYMARK_TRY(WriteCover(book, formats, tables, sheet_names, meta));
  for (size_t i = 0; i < tables.size(); ++i) {
    WAYMARK_TRY(WriteTableSheet(book, formats, tables[i], sheet_names[i]));
  }
  return {};
}

}  // namespace

std::vector<std::string> SheetNames(std::span<const std::string> wanted) {
  std::vector<std::string> used_lower = {AsciiLower(kCoverSheetName)};
  std::vector<std::string> names;
  names.reserve(wanted.size());
  for (size_t i = 0; i < wanted.size(); ++i) {
    const std::string base = CleanSheetName(wanted[i], i + 1);
    std::string name = base;
    for (int n = 2; Used(used_lower, name); ++n) {
      const std::string suffix = fmt::format(" ({})", n);
      name = TrimSpacesAndApostrophes(CutToChars(base, kSheetNameMax - suffix.size())) + suffix;
    }
    used_lower.push_back(AsciiLower(name));
    names.push_back(std::move(name));
  }
  return names;
}

std::string NumberFormat(const TableColumn& column) {
  switch (column.kind) {
    case CellKind::kNumber:
      return Decimals("#,##0", column.decimals);
    case CellKind::kInteger:
      return "#,##0";
    case CellKind::kPercent:
      return Decimals("#,##0", column.decimals) + "\"%\"";
    case CellKind::kText:
    case CellKind::kDate:
      return "";
  }
  return "";
}

Result<std::string> XlsxBook(std::span<const Table> tables, const XlsxMeta& meta) {
  WAYMARK_TRY(CheckMeta(meta));
  for (const Table& table : tables) {
    WAYMARK_TRY(CheckTable(table));
    WAYMARK_TRY(CheckSize(table));
  }
  WAYMARK_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Create("xlsx"));
  const std::string path = dir.File("book.xlsx");
  std::string tmpdir = dir.path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  std::unique_ptr<lxw_workbook, WorkbookFree> book(workbook_new_opt(path.c_str(), &options));
  if (book == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot start a workbook in " + tmpdir);
  }
  WAYMARK_TRY(WriteBook(book.get(), tables, meta));
  const lxw_error closed = workbook_close(book.release());  // frees the workbook
  if (closed != LXW_NO_ERROR) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("cannot write the workbook: {}", lxw_strerror(closed)));
  }
  return ReadWholeFile(path);
}

}  // namespace waymark::report
