// The byte-level pieces the stored blocks share (figure_block.h, judgement_block.h): varints,
// zig-zag signed numbers, a period in a head byte and two varints, numbers tagged as missing,
// whole or double, and a reader that checks every bound and fails instead of overrunning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/indicator.h"

namespace waymark::store::codec {

// Below 2^53 every whole number is exactly a double.
inline constexpr double kWholeLimit = 9007199254740992.0;

// Whether `a` and `b` are the same double bit for bit (so -0 is not 0).
bool SameBits(double a, double b);

// Two-bit tags of a stored number: missing; 8 bytes as they are; a whole number as a zig-zag
// varint; a decimal of one to eight places as a zig-zag varint of its digits, with the places in
// the low three bits. A decimal is kept only when dividing its digits by the power of ten gives
// back the same bits, so every form is exact.
inline constexpr std::uint8_t kMissing = 0, kDouble = 1, kWhole = 2, kDecimal = 3;

std::uint64_t ZigZag(std::int64_t v);
std::int64_t UnZigZag(std::uint64_t v);

// Writes `v` as a varint at `p`; returns the end (at most 10 bytes).
char* PutVarint(std::uint64_t v, char* p);
// Writes `period` at `p` (at most 21 bytes); returns the end.
char* PutPeriod(const Period& period, char* p);
// Writes `v` at `p` in its shortest exact form (at most 10 bytes), moves `p` past it and
// returns the form's tag.
std::uint8_t PutNumber(double v, char*& p);
// Appends `text` as its length (a varint) and its bytes.
void AppendText(std::string_view text, std::string& out);

// Reads what the functions above write; any overrun or impossible value marks it failed, and a
// failed reader reads zeros and empty texts from then on.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool done() const { return p_ == end_; }
  bool failed() const { return failed_; }

  std::uint8_t Byte();
  std::uint64_t Varint();
  double Double();
  // A kDecimal number's payload as PutNumber writes it.
  double Decimal();
  std::string_view Text();
  // A period as PutPeriod writes it.
  Period ReadPeriod();
  // A number with its two-bit tag; an unknown tag fails.
  double Number(std::uint8_t tag);
  void Fail() {
    failed_ = true;
    p_ = end_;
  }

 private:
  const char* p_;
  const char* end_;
  bool failed_ = false;
};

}  // namespace waymark::store::codec
