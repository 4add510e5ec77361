// Checks of plain text that people type (see plain_text.h).
#include "core/plain_text.h"

#include <algorithm>

#include <fmt/format.h>

namespace waymark {
namespace {

// What the lead byte of a UTF-8 sequence says: how many continuation bytes follow, the least
// code point so long a sequence may hold, and the lead's own bits of the code point.
struct Utf8Lead {
  std::size_t extra = 0;
  char32_t min = 0;
  char32_t bits = 0;
};

std::optional<Utf8Lead> DecodeLead(unsigned char lead) {
  if (lead < 0x80) return Utf8Lead{0, 0, lead};
  if ((lead & 0xE0) == 0xC0) return Utf8Lead{1, 0x80, lead & 0x1Fu};
  if ((lead & 0xF0) == 0xE0) return Utf8Lead{2, 0x800, lead & 0x0Fu};
  if ((lead & 0xF8) == 0xF0) return Utf8Lead{3, 0x10000, lead & 0x07u};
  return std::nullopt;
}

bool Accepted(char c, LineBreaks breaks) {
  switch (breaks) {
    case LineBreaks::kRefused:
      return false;
    case LineBreaks::kNewline:
      return c == '\n';
    case LineBreaks::kWhitespace:
      return c == '\n' || c == '\r' || c == '\t';
  }
  return false;
}

}  // namespace

std::optional<std::size_t> Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const std::optional<Utf8Lead> lead = DecodeLead(static_cast<unsigned char>(text[i]));
    if (!lead || lead->extra >= text.size() - i) return std::nullopt;  // cut short
    char32_t code = lead->bits;
    for (std::size_t k = 1; k <= lead->extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < lead->min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return std::nullopt;
    }
    i += lead->extra + 1;
  }
  return count;
}

bool HasControl(std::string_view text, LineBreaks breaks) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (Accepted(c, breaks)) return false;
    return u < 0x20 || u == 0x7F;
  });
}

std::string Thousands(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::optional<std::string> PlainTextProblem(std::string_view text, std::size_t max,
                                            std::string_view label, LineBreaks breaks) {
  const std::optional<std::size_t> length = Utf8Length(text);
  if (!length) return fmt::format("{} must be plain text (UTF-8)", label);
  if (HasControl(text, breaks)) return fmt::format("{} must not contain control characters", label);
  if (*length > max) return fmt::format("{} must be {} characters or fewer", label, Thousands(max));
  return std::nullopt;
}

}  // namespace waymark
