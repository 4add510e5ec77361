// PostgreSQL's binary COPY format (pg_copy.h).
#include "store/pg_copy.h"

#include <bit>
#include <cassert>
#include <cmath>

namespace waymark::store::pg {
namespace {

constexpr std::string_view kSignature("PGCOPY\n\377\r\n\0", 11);

}  // namespace

CopyRows::CopyRows() { Clear(); }

void CopyRows::Clear() {
  data_.assign(kSignature);
  Append32(0);  // flags: no OIDs
  Append32(0);  // no header extension
  rows_ = 0;
  finished_ = false;
}

void CopyRows::Append32(std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) data_ += static_cast<char>((value >> shift) & 0xff);
}

CopyRows& CopyRows::Row(int fields) {
  assert(!finished_);
  const auto count = static_cast<std::uint16_t>(fields);
  data_ += static_cast<char>(count >> 8);
  data_ += static_cast<char>(count & 0xff);
  ++rows_;
  return *this;
}

CopyRows& CopyRows::Int64(std::int64_t value) {
  Append32(8);
  const auto bits = static_cast<std::uint64_t>(value);
  Append32(static_cast<std::uint32_t>(bits >> 32));
  Append32(static_cast<std::uint32_t>(bits & 0xffffffffU));
  return *this;
}

CopyRows& CopyRows::OptionalDouble(double value) {
  if (std::isnan(value)) {
    Append32(0xffffffffU);  // a length of -1: NULL
    return *this;
  }
  return Int64(std::bit_cast<std::int64_t>(value));
}

CopyRows& CopyRows::Bytes(std::string_view value) {
  Append32(static_cast<std::uint32_t>(value.size()));
  data_.append(value);
  return *this;
}

std::string_view CopyRows::Finish() {
  if (!finished_) {
    data_ += '\xff';  // the trailer: a field count of -1
    data_ += '\xff';
    finished_ = true;
  }
  return data_;
}

}  // namespace waymark::store::pg
