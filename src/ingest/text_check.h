// Telling a text file from a binary one before reading it as CSV: an upload of a spreadsheet,
// an image or an archive is refused with one clear problem instead of a page of nonsense rows.
// UTF-8 is told from the encodings a file is mistakenly saved in (UTF-16, Latin-1), so that each
// reader can name the problem and the position of its first byte.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace waymark::ingest {

// How much of a file CheckTextFile reads.
inline constexpr std::size_t kTextCheckBytes = std::size_t{64} * 1024;

// What makes bytes unfit to be read as UTF-8 text.
enum class TextFaultKind {
  kUtf16,    // a UTF-16 byte order mark, or the NUL bytes of UTF-16 text without one
  kBinary,   // a NUL or another control character other than tab, LF, CR and form feed
  kNotUtf8,  // a byte that is not part of a UTF-8 character (Latin-1, Windows-1252)
  kLoneCr,   // a carriage return not followed by a line feed (classic Mac line ends)
};

struct TextFault {
  TextFaultKind kind = TextFaultKind::kBinary;
  std::size_t offset = 0;  // of the first bad byte
  unsigned char byte = 0;
  bool big_endian = false;  // kUtf16: the byte order
  bool bom = false;         // kUtf16: with a byte order mark
};

// How FindTextFault reads its text.
struct TextScan {
  bool at_start = true;   // the text starts its file: UTF-16 is recognised
  bool complete = true;   // false: the text may be cut short, so a UTF-8 character or a CR cut
                          // at its end is no fault
  bool lone_cr = true;    // a CR without an LF is a fault (CSV; JSON reads it as a space)
};

// The first fault of `text`: UTF-16 first, then binary bytes, then the first byte that is not
// UTF-8 or a lone CR, whichever comes first.
std::optional<TextFault> FindTextFault(std::string_view text, TextScan scan = {});

// The fault in words, with what to do, for a file of `format` ("CSV", "TOML", "GeoJSON").
std::string DescribeTextFault(const TextFault& fault, std::string_view format);

// The line and character column of byte `offset` of `text`, whose first byte is at `line`,
// column 1.
SourcePos PositionInText(std::string_view text, std::size_t offset, const std::string& file,
                         int line = 1);

// FindTextFault on the whole text of a file of `format`, as an error at its position, or
// nothing.
std::optional<Error> CheckTextEncoding(std::string_view text, const std::string& file,
                                       std::string_view format, bool lone_cr = false);

// The first problem of `text` as the start of a CSV text file, if any (FindTextFault, a
// character cut at its end allowed, a lone CR left to the CSV reader): UTF-16, a NUL byte or
// another control character other than tab, line feed, carriage return and form feed, or a byte
// that is not UTF-8. The error names `file` with the line and column of that byte.
std::optional<Error> CheckText(std::string_view text, const std::string& file);

// CheckText on the first kTextCheckBytes of the file at `path`, reported as `file`; a file that
// cannot be read is a kIo problem.
std::optional<Error> CheckTextFile(const std::string& path, const std::string& file);

}  // namespace waymark::ingest
