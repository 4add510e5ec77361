// The CSV state machine over a refillable block. Plain fields are found by scanning for the
// next separator and kept as offsets into the block; only quoted fields are copied (to undo
// doubled quotes). A whole line in the block without quotes, the common case, is split by
// finding its commas sixteen bytes at a time.
#include "ingest/csv_reader.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

namespace waymark::ingest {

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path, std::size_t block) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot open file for reading", SourcePos{path});
  }
  return std::unique_ptr<CsvReader>(new CsvReader(file, {}, path, block));
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string text, std::string name) {
  return std::unique_ptr<CsvReader>(
      new CsvReader(nullptr, std::move(text), std::move(name), kBlock));
}

CsvReader::CsvReader(std::FILE* file, std::string text, std::string name, std::size_t block)
    : file_(file),
      block_(block > 0 ? block : kBlock),
      buffer_(std::move(text)),
      eof_(file == nullptr),
      name_(std::move(name)) {
  // Skip a UTF-8 byte order mark.
  while (file_ != nullptr && buffer_.size() < 3 && Fill()) {
  }
  if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool CsvReader::Fill() {
  if (eof_) return false;
  buffer_.erase(0, record_start_);
  pos_ -= record_start_;
  line_start_ -= record_start_;
  record_start_ = 0;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + block_);
  const std::size_t got = std::fread(buffer_.data() + old, 1, block_, file_);
  buffer_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

void CsvReader::AddField(std::size_t begin, std::size_t end, bool unquoted, int column,
                         CsvRecord& record) {
  spans_.push_back(Span{begin, end - begin, unquoted});
  record.columns.push_back(column);
}

bool CsvReader::SplitPlainLine(std::size_t begin, std::size_t end, CsvRecord& record) {
  const char* data = buffer_.data();
  std::size_t field = begin;
  const auto add = [&](std::size_t at) {
    record.fields.emplace_back(data + field, at - field);
    record.columns.push_back(static_cast<int>(field - begin) + 1);
    field = at + 1;
  };
  std::size_t i = begin;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  for (; i + 16 <= end; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote)) != 0) break;
    auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, comma)));
    for (; commas != 0; commas &= commas - 1) {
      add(i + static_cast<std::size_t>(std::countr_zero(commas)));
    }
  }
#endif
  for (; i < end; ++i) {
    if (data[i] == '"') {
      record.fields.clear();
      record.columns.clear();
      return false;
    }
    if (data[i] == ',') add(i);
  }
  add(end > field && data[end - 1] == '\r' ? end - 1 : end);
  return true;
}

bool CsvReader::PlainField(CsvRecord& record) {
  const int column = Column();
  const std::size_t begin = pos_ - record_start_;
  while (true) {
    const char* data = buffer_.data();
    const std::size_t size = buffer_.size();
    std::size_t i = pos_;
    while (i < size && data[i] != ',' && data[i] != '\n') ++i;
    pos_ = i;
    if (i < size) break;
    if (!Fill()) {  // the last field of a file without a final newline
      std::size_t end = pos_ - record_start_;
      if (end > begin && buffer_[record_start_ + end - 1] == '\r') --end;
      AddField(begin, end, false, column, record);
      return true;
    }
  }
  std::size_t end = pos_ - record_start_;
  if (buffer_[pos_++] == ',') {
    AddField(begin, end, false, column, record);
    return false;
  }
  if (end > begin && buffer_[record_start_ + end - 1] == '\r') --end;
  AddField(begin, end, false, column, record);
  ++line_;
  return true;
}

Result<bool> CsvReader::QuotedField(CsvRecord& record) {
  const int column = Column();
  ++pos_;  // the opening quote
  const std::size_t begin = unquoted_.size();
  while (true) {
    if (pos_ >= buffer_.size() && !Fill()) {
      return MakeError(ErrorCode::kParse, "quoted field is not closed before the end of the file",
                       SourcePos{name_, record.line, column});
    }
    const char c = buffer_[pos_++];
    if (c != '"') {
      if (c == '\n') {
        ++line_;
        line_start_ = pos_;
      }
      unquoted_ += c;
      continue;
    }
    if (pos_ >= buffer_.size() && !Fill()) {
      AddField(begin, unquoted_.size(), true, column, record);
      return true;
    }
    const char next = buffer_[pos_];
    if (next == '"') {  // a doubled quote stands for one
      unquoted_ += '"';
      ++pos_;
      continue;
    }
    if (next != ',' && next != '\n' && next != '\r') {
      return MakeError(ErrorCode::kParse, "unexpected text after a closing quote",
                       SourcePos{name_, line_, Column()});
    }
    AddField(begin, unquoted_.size(), true, column, record);
    ++pos_;
    if (next == ',') return false;
    if (next == '\r' && (pos_ < buffer_.size() || Fill()) && buffer_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

void CsvReader::Finish(CsvRecord& record) {
  for (const Span& s : spans_) {
    const char* base = s.unquoted ? unquoted_.data() : buffer_.data() + record_start_;
    record.fields.emplace_back(base + s.offset, s.size);
  }
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  record.fields.clear();
  record.columns.clear();
  spans_.clear();
  unquoted_.clear();
  record_start_ = line_start_ = pos_;
  if (pos_ >= buffer_.size() && !Fill()) return false;
  record.line = line_;
  const auto* newline =
      static_cast<const char*>(std::memchr(buffer_.data() + pos_, '\n', buffer_.size() - pos_));
  if (newline != nullptr) {
    const auto end = static_cast<std::size_t>(newline - buffer_.data());
    if (SplitPlainLine(pos_, end, record)) {
      pos_ = end + 1;
      ++line_;
      return true;
    }
  }
  while (true) {
    if (pos_ >= buffer_.size()) Fill();
    if (pos_ < buffer_.size() && buffer_[pos_] == '"') {
      WAYMARK_ASSIGN_OR_RETURN(const bool ended, QuotedField(record));
      if (ended) break;
    } else if (PlainField(record)) {
      break;
    }
  }
  Finish(record);
  return true;
}

}  // namespace waymark::ingest
