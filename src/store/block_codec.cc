// The byte-level pieces the stored blocks share (block_codec.h).
#include "store/block_codec.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace waymark::store::codec {
namespace {

constexpr int kMaxPlaces = 8;
constexpr double kPowersOfTen[kMaxPlaces + 1] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

bool IsWhole(double v) {
  return std::trunc(v) == v && std::fabs(v) < kWholeLimit && !(v == 0 && std::signbit(v));
}

// The digits and places of `v` as a decimal of one to eight places, as the varint payload of a
// kDecimal number; 0 when `v` is no such decimal (a payload is never 0: its digits are not 0).
// Dividing the digits by the power of ten is one correctly rounded operation, so it gives back
// the double that parsing the decimal's text gave.
std::uint64_t DecimalPayload(double v) {
  for (int places = 1; places <= kMaxPlaces; ++places) {
    const double scaled = v * kPowersOfTen[places];
    if (!(std::fabs(scaled) < kWholeLimit)) return 0;
    const double digits = std::nearbyint(scaled);
    // Most doubles are no short decimal: skip the division unless `scaled` is nearly whole.
    if (digits == 0 || std::fabs(scaled - digits) > std::fabs(scaled) * 0x1p-40) continue;
    if (!SameBits(digits / kPowersOfTen[places], v)) continue;
    return (ZigZag(static_cast<std::int64_t>(digits)) << 3) |
           static_cast<std::uint64_t>(places - 1);
  }
  return 0;
}

}  // namespace

bool SameBits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::uint64_t ZigZag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t UnZigZag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

char* PutVarint(std::uint64_t v, char* p) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

char* PutPeriod(const Period& period, char* p) {
  *p++ = static_cast<char>(static_cast<int>(period.kind) | (period.split_quarter ? 4 : 0) |
                           ((period.sub & 15) << 3));
  p = PutVarint(ZigZag(period.start_year), p);
  return PutVarint(static_cast<std::uint64_t>(period.years), p);
}

std::uint8_t PutNumber(double v, char*& p) {
  if (std::isnan(v)) return kMissing;
  if (IsWhole(v)) {
    p = PutVarint(ZigZag(static_cast<std::int64_t>(v)), p);
    return kWhole;
  }
  if (const std::uint64_t payload = DecimalPayload(v); payload != 0) {
    p = PutVarint(payload, p);
    return kDecimal;
  }
  std::memcpy(p, &v, sizeof v);
  p += sizeof v;
  return kDouble;
}

void AppendText(std::string_view text, std::string& out) {
  char buf[10];
  out.append(buf, PutVarint(text.size(), buf));
  out.append(text);
}

std::uint8_t Reader::Byte() {
  if (p_ == end_) return Fail(), 0;
  return static_cast<std::uint8_t>(*p_++);
}

std::uint64_t Reader::Varint() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const std::uint8_t b = Byte();
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return v;
  }
  return Fail(), 0;
}

double Reader::Double() {
  if (end_ - p_ < 8) return Fail(), 0.0;
  double v = 0;
  std::memcpy(&v, p_, sizeof v);
  p_ += 8;
  return v;
}

std::string_view Reader::Text() {
  const std::uint64_t n = Varint();
  if (failed_ || n > static_cast<std::uint64_t>(end_ - p_)) return Fail(), std::string_view();
  const std::string_view text(p_, n);
  p_ += n;
  return text;
}

double Reader::Decimal() {
  const std::uint64_t payload = Varint();
  const std::int64_t digits = UnZigZag(payload >> 3);
  // Only what DecimalPayload writes: digits that are not 0 and fit a double exactly.
  if (digits == 0 || digits >= static_cast<std::int64_t>(kWholeLimit) ||
      digits <= -static_cast<std::int64_t>(kWholeLimit)) {
    return Fail(), kNoValue;
  }
  return static_cast<double>(digits) / kPowersOfTen[(payload & 7) + 1];
}

Period Reader::ReadPeriod() {
  Period period;
  const std::uint8_t head = Byte();
  period.kind = static_cast<PeriodKind>(head & 3);
  period.split_quarter = (head & 4) != 0;
  period.sub = (head >> 3) & 15;
  const std::int64_t start_year = UnZigZag(Varint());
  const std::uint64_t years = Varint();
  if (period.sub > 12 || years < 1 || years > 100 || start_year < -100000 || start_year > 100000 ||
      (head & 0x80) != 0) {
    Fail();
    return Period{};
  }
  period.start_year = static_cast<int>(start_year);
  period.years = static_cast<int>(years);
  return period;
}

double Reader::Number(std::uint8_t tag) {
  switch (tag) {
    case kMissing:
      return kNoValue;
    case kDouble:
      return Double();
    case kWhole:
      return static_cast<double>(UnZigZag(Varint()));
    case kDecimal:
      return Decimal();
    default:
      Fail();
      return kNoValue;
  }
}

}  // namespace waymark::store::codec
