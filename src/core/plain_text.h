// Checks of plain text that people type (names, titles, narratives, commentary): well-formed
// UTF-8 counted in code points, control characters, and the one message for a field of at most
// N characters. Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

// The number of code points in `text`, or nullopt when it is not well-formed UTF-8 (overlong
// forms, surrogates and values above U+10FFFF are refused).
std::optional<std::size_t> Utf8Length(std::string_view text);

// Which characters below U+0020 a field accepts.
enum class LineBreaks {
  kRefused,      // none: one-line fields
  kNewline,      // "\n" only
  kWhitespace,   // "\n", "\r" and "\t", as browsers send text areas
};

// True when `text` holds a C0 control character or DEL that `breaks` does not accept.
bool HasControl(std::string_view text, LineBreaks breaks);

// `n` with commas between thousands, as GOV.UK writes numbers: 2,000.
std::string Thousands(std::size_t n);

// The problem with a plain-text field of at most `max` characters, if any, starting with
// `label`: not UTF-8, a control character `breaks` refuses, or too long.
std::optional<std::string> PlainTextProblem(std::string_view text, std::size_t max,
                                            std::string_view label, LineBreaks breaks);

}  // namespace waymark
