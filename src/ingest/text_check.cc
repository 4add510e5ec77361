// Looking for the bytes that no CSV text holds.
#include "ingest/text_check.h"

#include <cstdint>
#include <cstring>
#include <fstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

namespace waymark::ingest {
namespace {

bool IsBinaryByte(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
}

// True when each of the eight bytes at `p` is printable ASCII (0x20 to 0x7E): subtracting 0x20
// from a smaller byte sets its top bit, as do bytes of 0x80 and more, and DEL is found as a zero
// byte of the word XOR 0x7F.
bool PrintableAscii8(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  const std::uint64_t del = word ^ (0x7F * kOnes);
  return (((word - 0x20 * kOnes) | word) & kHigh) == 0 && ((del - kOnes) & ~del & kHigh) == 0;
}

// The length of the UTF-8 character that byte `c` starts, or 0 when no character starts so.
int Utf8Length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

// Whether `c` may be the second byte of a character led by `lead` (no overlong forms, UTF-16
// surrogates or code points above U+10FFFF).
bool FitsSecond(unsigned char lead, unsigned char c) {
  if (lead == 0xE0) return c >= 0xA0 && c <= 0xBF;
  if (lead == 0xED) return c >= 0x80 && c <= 0x9F;
  if (lead == 0xF0) return c >= 0x90 && c <= 0xBF;
  if (lead == 0xF4) return c >= 0x80 && c <= 0x8F;
  return (c & 0xC0) == 0x80;
}

// UTF-16 at the start of a file: its byte order mark, or, without one, the NUL byte beside each
// of the first two (ASCII) characters.
std::optional<TextFault> Utf16Start(std::string_view t) {
  const auto fault = [](std::size_t offset, unsigned char byte, bool big_endian, bool bom) {
    return TextFault{TextFaultKind::kUtf16, offset, byte, big_endian, bom};
  };
  if (t.starts_with("\xFF\xFE")) return fault(0, 0xFF, false, true);
  if (t.starts_with("\xFE\xFF")) return fault(0, 0xFE, true, true);
  if (t.size() < 4) return std::nullopt;
  if (t[0] != '\0' && t[1] == '\0' && t[2] != '\0' && t[3] == '\0') {
    return fault(1, 0, false, false);
  }
  if (t[0] == '\0' && t[1] != '\0' && t[2] == '\0' && t[3] != '\0') {
    return fault(0, 0, true, false);
  }
  return std::nullopt;
}

// The first byte from `from` that is not part of a UTF-8 character, or a lone CR.
std::optional<TextFault> FindNotUtf8(std::string_view text, std::size_t from, TextScan scan) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = from; i < n;) {
    const unsigned char c = bytes[i];
    if (c == '\r' && scan.lone_cr) {
      if (i + 1 < n ? bytes[i + 1] != '\n' : scan.complete) {
        return TextFault{TextFaultKind::kLoneCr, i, c};
      }
      ++i;
      continue;
    }
    const int length = Utf8Length(c);
    if (length == 0) return TextFault{TextFaultKind::kNotUtf8, i, c};
    for (int k = 1; k < length; ++k) {
      if (i + k >= n) {
        if (!scan.complete) return std::nullopt;
        return TextFault{TextFaultKind::kNotUtf8, i, c};
      }
      const unsigned char next = bytes[i + k];
      if (k == 1 ? !FitsSecond(c, next) : (next & 0xC0) != 0x80) {
        return TextFault{TextFaultKind::kNotUtf8, i, c};
      }
    }
    i += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

}  // namespace

std::optional<TextFault> FindTextFault(std::string_view text, TextScan scan) {
  if (scan.at_start) {
    if (auto utf16 = Utf16Start(text)) return utf16;
  }
  // Printable ASCII needs no closer look: skip it sixteen or eight bytes at a time.
  std::size_t from = 0;
#if defined(__SSE2__)
  // As signed bytes, 0x80 and above are below 0x20 too.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7F);
  for (; from + 16 <= text.size(); from += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    const __m128i odd = _mm_or_si128(_mm_cmplt_epi8(chunk, space), _mm_cmpeq_epi8(chunk, del));
    if (_mm_movemask_epi8(odd) != 0) break;
  }
#endif
  while (from + 8 <= text.size() && PrintableAscii8(text.data() + from)) from += 8;
  for (std::size_t i = from; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (IsBinaryByte(c)) return TextFault{TextFaultKind::kBinary, i, c};
  }
  return FindNotUtf8(text, from, scan);
}

std::string DescribeTextFault(const TextFault& fault, std::string_view format) {
  const std::string save =
      format == "CSV" ? "save the file as 'CSV UTF-8'" : "save the file as UTF-8";
  switch (fault.kind) {
    case TextFaultKind::kUtf16:
      return fmt::format("the file is UTF-16 text ({}, {} a byte order mark), not UTF-8: {}",
                         fault.big_endian ? "big-endian" : "little-endian",
                         fault.bom ? "with" : "without", save);
    case TextFaultKind::kBinary:
      if (format == "CSV") {
        return fmt::format("this is not a CSV text file: it holds binary data (byte 0x{:02X}); "
                           "export the data as CSV and upload that",
                           fault.byte);
      }
      return fmt::format("this is not a {} text file: it holds binary data (byte 0x{:02X})",
                         format, fault.byte);
    case TextFaultKind::kNotUtf8:
      return fmt::format("the text is not UTF-8: byte 0x{:02X} is not part of a UTF-8 character "
                         "(is the file Latin-1 or Windows-1252?); {}",
                         fault.byte, save);
    case TextFaultKind::kLoneCr:
      return fmt::format("a line ends with a carriage return (CR) and no line feed (LF), as on "
                         "old Macs; {}",
                         save);
  }
  return "the file is not UTF-8 text";
}

SourcePos PositionInText(std::string_view text, std::size_t offset, const std::string& file,
                         int line) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
      ++column;
    }
  }
  return SourcePos{file, line, column};
}

std::optional<Error> CheckTextEncoding(std::string_view text, const std::string& file,
                                       std::string_view format, bool lone_cr) {
  const auto fault = FindTextFault(text, TextScan{true, true, lone_cr});
  if (!fault) return std::nullopt;
  return Error{ErrorCode::kParse, DescribeTextFault(*fault, format),
               PositionInText(text, fault->offset, file)};
}

std::optional<Error> CheckText(std::string_view text, const std::string& file) {
  // A lone CR is left to the CSV reader, which knows whether it is inside quotes.
  const auto fault = FindTextFault(text, TextScan{true, false, false});
  if (!fault) return std::nullopt;
  return Error{ErrorCode::kParse, DescribeTextFault(*fault, "CSV"),
               PositionInText(text, fault->offset, file)};
}

std::optional<Error> CheckTextFile(const std::string& path, const std::string& file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kIo, "cannot open file for reading", SourcePos{file}};
  std::string head(kTextCheckBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (in.bad()) return Error{ErrorCode::kIo, "cannot read the file", SourcePos{file}};
  head.resize(static_cast<std::size_t>(in.gcount()));
  return CheckText(head, file);
}

}  // namespace waymark::ingest
