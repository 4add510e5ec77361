// The CSV state machine over a refillable buffer.
#include "ingest/csv_reader.h"

#include <fmt/format.h>

namespace waymark::ingest {
namespace {
constexpr std::size_t kBlock = 1 << 20;
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot open file for reading", SourcePos{path});
  }
  return std::unique_ptr<CsvReader>(new CsvReader(file, {}, path));
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string text, std::string name) {
  return std::unique_ptr<CsvReader>(new CsvReader(nullptr, std::move(text), std::move(name)));
}

CsvReader::CsvReader(std::FILE* file, std::string text, std::string name)
    : file_(file), buffer_(std::move(text)), eof_(file == nullptr), name_(std::move(name)) {
  // Skip a UTF-8 byte order mark.
  if (file_ != nullptr) Fill();
  if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool CsvReader::Fill() {
  if (eof_) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kBlock);
  const std::size_t got = std::fread(buffer_.data() + old, 1, kBlock, file_);
  buffer_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  record.fields.clear();
  record.columns.clear();
  if (pos_ >= buffer_.size() && !Fill()) return false;
  record.line = line_;
  int column = 1;
  std::string field;
  enum class State { kStart, kPlain, kQuoted, kQuoteInQuoted } state = State::kStart;
  int field_column = 1;
  auto finish_field = [&] {
    record.fields.push_back(std::move(field));
    record.columns.push_back(field_column);
    field.clear();
  };
  while (true) {
    if (pos_ >= buffer_.size() && !Fill()) break;
    const char c = buffer_[pos_++];
    switch (state) {
      case State::kStart:
        field_column = column;
        if (c == '"') {
          state = State::kQuoted;
          break;
        }
        state = State::kPlain;
        [[fallthrough]];
      case State::kPlain:
        if (c == ',') {
          finish_field();
          state = State::kStart;
        } else if (c == '\n') {
          if (!field.empty() && field.back() == '\r') field.pop_back();
          finish_field();
          ++line_;
          return true;
        } else {
          field += c;
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state = State::kQuoteInQuoted;
        } else {
          if (c == '\n') {
            ++line_;
            column = 0;
          }
          field += c;
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {
          field += '"';
          state = State::kQuoted;
        } else if (c == ',') {
          finish_field();
          state = State::kStart;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && pos_ < buffer_.size() && buffer_[pos_] == '\n') ++pos_;
          finish_field();
          ++line_;
          return true;
        } else {
          return MakeError(ErrorCode::kParse, "unexpected text after a closing quote",
                           SourcePos{name_, line_, column});
        }
        break;
    }
    ++column;
  }
  if (state == State::kQuoted) {
    return MakeError(ErrorCode::kParse, "quoted field is not closed before the end of the file",
                     SourcePos{name_, record.line, field_column});
  }
  if (!field.empty() && field.back() == '\r') field.pop_back();
  finish_field();
  return true;
}

}  // namespace waymark::ingest
