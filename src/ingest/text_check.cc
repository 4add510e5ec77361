// Looking for the bytes that no CSV text holds.
#include "ingest/text_check.h"

#include <fstream>

#include <fmt/format.h>

namespace waymark::ingest {
namespace {

bool IsBinaryByte(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
}

}  // namespace

std::optional<Error> CheckText(std::string_view text, const std::string& file) {
  int line = 1;
  int column = 1;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsBinaryByte(c)) {
      return Error{ErrorCode::kParse,
                   fmt::format("this is not a CSV text file: it holds binary data (byte 0x{:02X}); "
                               "export the data as CSV and upload that",
                               c),
                   SourcePos{file, line, column}};
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
      ++column;
    }
  }
  return std::nullopt;
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
