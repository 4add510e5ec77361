// A small pure CSV reader and writer.
#include "stats/csv.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "stats/estimate.h"

namespace waymark::stats {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Reads rows one character at a time, tracking line and field positions for errors.
class Parser {
 public:
  Parser(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  Result<CsvTable> Run() {
    CsvTable table;
    bool have_header = false;
    while (pos_ < text_.size()) {
      if (AtLineEnd()) {  // blank line
        SkipLineEnd();
        continue;
      }
      CsvRow row;
      row.line = line_;
      WAYMARK_TRY(ReadRow(row.fields));
      if (!have_header) {
        table.header = std::move(row.fields);
        have_header = true;
        continue;
      }
      if (row.fields.size() != table.header.size()) {
        return MakeError(ErrorCode::kParse,
                         fmt::format("row has {} fields but the header has {}", row.fields.size(),
                                     table.header.size()),
                         SourcePos{std::string(file_), row.line, 1});
      }
      table.rows.push_back(std::move(row));
    }
    if (!have_header) {
      return MakeError(ErrorCode::kParse, "input is empty: a header row is required",
                       SourcePos{std::string(file_), 1, 1});
    }
    return table;
  }

 private:
  bool AtLineEnd() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

  void SkipLineEnd() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  Status ReadRow(std::vector<std::string>& fields) {
    while (true) {
      std::string field;
      WAYMARK_TRY(ReadField(field, static_cast<int>(fields.size()) + 1));
      fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return {};
      if (AtLineEnd()) {
        SkipLineEnd();
        return {};
      }
      ++pos_;  // the comma
      if (pos_ >= text_.size()) {
        fields.emplace_back();
        return {};
      }
    }
  }

  Status ReadField(std::string& field, int column) {
    if (text_[pos_] != '"') {
      while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) field += text_[pos_++];
      return {};
    }
    const int start_line = line_;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        return MakeError(ErrorCode::kParse, "unterminated quoted field",
                         SourcePos{std::string(file_), start_line, column});
      }
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) {
          return MakeError(ErrorCode::kParse, "unexpected text after a closing quote",
                           SourcePos{std::string(file_), line_, column});
        }
        return {};
      }
      if (c == '\n') ++line_;
      field += c;
    }
  }

  std::string_view text_;
  std::string_view file_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

std::optional<size_t> CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (Trim(header[i]) == name) return i;
  }
  return std::nullopt;
}

Result<CsvTable> ParseCsv(std::string_view text, std::string_view file) {
  return Parser(text, file).Run();
}

Result<double> ParseCsvNumber(std::string_view cell) {
  cell = Trim(cell);
  if (cell.empty()) return kMissing;
  if (cell.front() == '+') cell.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || end != cell.data() + cell.size() || std::isnan(value)) {
    return MakeError(ErrorCode::kParse, fmt::format("'{}' is not a number", cell));
  }
  return value;
}

bool IsNumberCell(std::string_view text) {
  if (text.empty() || text != Trim(text)) return false;
  return ParseCsvNumber(text).has_value();
}

std::string CsvField(std::string_view text) {
  constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  std::string cell(text);
  if (!text.empty() && kFormulaStarts.find(text.front()) != std::string_view::npos &&
      !IsNumberCell(text)) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(fields[i]);
  }
  return line;
}

std::string FormatNumber(double value) {
  if (IsMissing(value)) return "";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  return fmt::format("{:.17g}", value);
}

}  // namespace waymark::stats
