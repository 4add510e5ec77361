// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) that
// reads a file in blocks so that memory does not grow with the file. Each field keeps the
// column it started at, so problems can be reported as FILE:LINE:COL.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace waymark::ingest {

struct CsvRecord {
  std::vector<std::string> fields;
  std::vector<int> columns;  // 1-based character column where each field starts
  int line = 0;              // line the record starts on
};

class CsvReader {
 public:
  // Opens `path` for reading; the error names the file.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path);
  // Reads from memory (tests); `name` is used in positions.
  static std::unique_ptr<CsvReader> FromString(std::string text, std::string name);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`; false at the end of the input. A malformed record
  // (unterminated quote, text after a closing quote) is an error with its position.
  Result<bool> Next(CsvRecord& record);
  const std::string& name() const { return name_; }

 private:
  CsvReader(std::FILE* file, std::string text, std::string name);
  bool Fill();  // reads more input into the buffer; false at the end

  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  int line_ = 1;
  std::string name_;
};

}  // namespace waymark::ingest
