// The byte-level pieces the stored blocks share (figure_block.h, judgement_block.h): varints,
// zig-zag signed numbers, a period in a head byte and two varints, numbers tagged as missing,
// whole or double, and a reader that checks every bound and fails instead of overrunning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/indicator.h"

namespace waymark::store::codec {

// Two-bit tags of a stored number.
inline constexpr std::uint8_t kMissing = 0, kDouble = 1, kWhole = 2;

std::uint64_t ZigZag(std::int64_t v);
std::int64_t UnZigZag(std::uint64_t v);

// Writes `v` as a varint at `p`; returns the end (at most 10 bytes).
char* PutVarint(std::uint64_t v, char* p);
// Writes `period` at `p` (at most 21 bytes); returns the end.
char* PutPeriod(const Period& period, char* p);
// Writes `v` at `p` as its tag says (TagOf): nothing, a zig-zag varint or 8 bytes; returns the
// end (at most 10 bytes).
std::uint8_t TagOf(double v);
char* PutNumber(double v, std::uint8_t tag, char* p);
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
