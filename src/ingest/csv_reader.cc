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

#include "ingest/text_check.h"

namespace waymark::ingest {
namespace {

// The problem of a field, or its row, longer than the reader keeps.
std::string TooLong(bool quoted) {
  return fmt::format("the {}field starting here is longer than {} MiB (or its row than {} MiB){}",
                     quoted ? "quoted " : "", CsvReader::kMaxFieldBytes >> 20,
                     CsvReader::kMaxRecordBytes >> 20,
                     quoted ? ": is its closing quote missing?" : "");
}

}  // namespace

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
  dropped_ += record_start_;
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
  // Past the limit of fields the state machine reports the record.
  const auto too_many = [&] { return record.fields.size() > kMaxFields; };
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  for (; i + 16 <= end && !too_many(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote)) != 0) break;
    auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, comma)));
    for (; commas != 0; commas &= commas - 1) {
      add(i + static_cast<std::size_t>(std::countr_zero(commas)));
    }
  }
#endif
  for (; i < end; ++i) {
    if (data[i] == '"' || too_many()) {
      record.fields.clear();
      record.columns.clear();
      return false;
    }
    if (data[i] == ',') add(i);
  }
  add(end > field && data[end - 1] == '\r' ? end - 1 : end);
  return true;
}

Result<bool> CsvReader::PlainField(CsvRecord& record) {
  const int column = Column();
  if (spans_.size() >= kMaxFields) {
    return tl::unexpected(LimitError(record, line_, column,
                                     fmt::format("the row has more than {} fields", kMaxFields)));
  }
  const std::size_t begin = pos_ - record_start_;
  while (true) {
    const char* data = buffer_.data();
    const std::size_t size = buffer_.size();
    std::size_t i = pos_;
    while (i < size && data[i] != ',' && data[i] != '\n') ++i;
    pos_ = i;
    if (i < size) break;
    if (pos_ - record_start_ - begin > kMaxFieldBytes || pos_ - record_start_ > kMaxRecordBytes) {
      return tl::unexpected(LimitError(record, line_, column, TooLong(false)));
    }
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
  const int line = line_;
  if (spans_.size() >= kMaxFields) {
    return tl::unexpected(LimitError(record, line, column,
                                     fmt::format("the row has more than {} fields", kMaxFields)));
  }
  ++pos_;  // the opening quote
  const std::size_t begin = unquoted_.size();
  while (true) {
    if (pos_ >= buffer_.size() &&
        (unquoted_.size() - begin > kMaxFieldBytes || pos_ - record_start_ > kMaxRecordBytes)) {
      return tl::unexpected(LimitError(record, line, column, TooLong(true)));
    }
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
      WAYMARK_TRY(CheckRecord(record));
      return true;
    }
  }
  while (true) {
    if (pos_ >= buffer_.size()) Fill();
    if (pos_ < buffer_.size() && buffer_[pos_] == '"') {
      WAYMARK_ASSIGN_OR_RETURN(const bool ended, QuotedField(record));
      if (ended) break;
    } else {
      WAYMARK_ASSIGN_OR_RETURN(const bool ended, PlainField(record));
      if (ended) break;
    }
  }
  Finish(record);
  WAYMARK_TRY(CheckRecord(record));
  return true;
}

Error CsvReader::LimitError(const CsvRecord& record, int line, int column,
                            std::string what) const {
  const std::string_view read(buffer_.data() + record_start_, pos_ - record_start_);
  if (auto fault = FindTextFault(read, TextScan{record.line == 1, false, true})) {
    return Error{ErrorCode::kParse, DescribeTextFault(*fault, "CSV"),
                 PositionInText(read, fault->offset, name_, record.line)};
  }
  return Error{ErrorCode::kParse, std::move(what), SourcePos{name_, line, column}};
}

Status CsvReader::CheckRecord(const CsvRecord& record) const {
  const std::string_view bytes(buffer_.data() + record_start_, pos_ - record_start_);
  if (auto fault = FindTextFault(bytes, TextScan{record.line == 1, true, false})) {
    return MakeError(ErrorCode::kParse, DescribeTextFault(*fault, "CSV"),
                     PositionInText(bytes, fault->offset, name_, record.line));
  }
  // A CR left in a field outside quotes did not end its line with an LF (a quoted field may hold
  // one). Most records have no CR but the one of a CRLF line end.
  const std::string_view body =
      bytes.ends_with("\r\n") ? bytes.substr(0, bytes.size() - 2) : bytes;
  if (body.find('\r') != std::string_view::npos) {
    for (std::size_t f = 0; f < record.fields.size(); ++f) {
      const std::size_t cr = record.fields[f].find('\r');
      if (cr == std::string_view::npos || (!spans_.empty() && spans_[f].unquoted)) continue;
      const auto offset = static_cast<std::size_t>(record.fields[f].data() + cr - bytes.data());
      return MakeError(ErrorCode::kParse,
                       DescribeTextFault(TextFault{TextFaultKind::kLoneCr, offset, '\r'}, "CSV"),
                       PositionInText(bytes, offset, name_, record.line));
    }
  }
  if (record.fields.size() > kMaxFields) {
    return tl::unexpected(LimitError(record, record.line, record.columns[kMaxFields],
                                     fmt::format("the row has more than {} fields", kMaxFields)));
  }
  for (std::size_t f = 0; f < record.fields.size(); ++f) {
    if (record.fields[f].size() > kMaxFieldBytes) {
      return tl::unexpected(LimitError(record, record.line, record.columns[f], TooLong(false)));
    }
  }
  return {};
}

}  // namespace waymark::ingest
