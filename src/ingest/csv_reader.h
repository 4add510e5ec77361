// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) that
// reads a file in blocks so that memory does not grow with the file. Fields are views into the
// reader's block (no copy per field); each keeps the column it started at, so problems can be
// reported as FILE:LINE:COL.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace waymark::ingest {

struct CsvRecord {
  // Valid until the reader's next call to Next(); copy what must outlive the record.
  std::vector<std::string_view> fields;
  std::vector<int> columns;  // 1-based character column where each field starts
  int line = 0;              // line the record starts on
};

class CsvReader {
 public:
  static constexpr std::size_t kBlock = 1 << 20;
  // Limits that keep a hostile file from taking memory without bound; beyond them a record is
  // an error at the field that passed them.
  static constexpr std::size_t kMaxFieldBytes = std::size_t{1} << 20;
  static constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;
  static constexpr std::size_t kMaxFields = 10000;

  // Opens `path` for reading `block` bytes at a time; the error names the file.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                 std::size_t block = kBlock);
  // Reads from memory (tests); `name` is used in positions.
  static std::unique_ptr<CsvReader> FromString(std::string text, std::string name);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`; false at the end of the input. A malformed record
  // (unterminated quote, text after a closing quote), one whose bytes are not UTF-8 text
  // (UTF-16, binary data, Latin-1, a lone CR: FindTextFault) or one past a limit above is an
  // error with its position.
  Result<bool> Next(CsvRecord& record);
  const std::string& name() const { return name_; }
  // Bytes of the input read so far (for progress).
  std::uint64_t offset() const { return dropped_ + pos_; }

 private:
  // Where a field's text is: an offset from the record's start in the block, or (quoted
  // fields, whose doubled quotes are undone) an offset into unquoted_.
  struct Span {
    std::size_t offset;
    std::size_t size;
    bool unquoted;
  };

  CsvReader(std::FILE* file, std::string text, std::string name, std::size_t block);
  // Reads more input, dropping what precedes the current record; false at the end.
  bool Fill();
  int Column() const { return static_cast<int>(pos_ - line_start_) + 1; }
  void AddField(std::size_t begin, std::size_t end, bool unquoted, int column,
                CsvRecord& record);
  // Splits the line [begin, end) (end at its newline) into plain fields; false, with
  // `record` left empty, when the line has a quote and needs the full state machine.
  bool SplitPlainLine(std::size_t begin, std::size_t end, CsvRecord& record);
  // Reads a plain field starting at pos_; true when it ended the record.
  Result<bool> PlainField(CsvRecord& record);
  // The error of a record that passed a limit at the field starting at `line`:`column`
  // (`what` says which), or the record's first text fault before it, which is the likelier
  // cause (a file of lone CRs is one long record).
  Error LimitError(const CsvRecord& record, int line, int column, std::string what) const;
  // Checks a whole record: the limits, and its bytes (FindTextFault).
  Status CheckRecord(const CsvRecord& record) const;
  // Reads a quoted field whose opening quote is at pos_; true when it ended the record.
  Result<bool> QuotedField(CsvRecord& record);
  void Finish(CsvRecord& record);

  std::FILE* file_ = nullptr;
  std::size_t block_;
  std::string buffer_;
  std::size_t pos_ = 0;         // next byte to read
  std::size_t record_start_ = 0;  // first byte of the record being read
  std::size_t line_start_ = 0;  // first byte of the current line
  std::uint64_t dropped_ = 0;   // bytes of the input dropped from the front of buffer_
  bool eof_ = false;
  int line_ = 1;
  std::string name_;
  std::vector<Span> spans_;
  std::string unquoted_;
};

}  // namespace waymark::ingest
