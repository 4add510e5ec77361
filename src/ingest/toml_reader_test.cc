// Tests of ParseToml's refusals shared by every TOML reader: text that is not UTF-8, a file over
// the size limit, whole numbers not written in decimal and dates outside the years files may have.
#include "ingest/toml_reader.h"

#include <gtest/gtest.h>

namespace waymark::ingest {
namespace {

// The error of parsing `text` as "LINE:COL: message", or "" when it parses.
std::string ErrorOf(std::string_view text) {
  auto parsed = ParseToml(text, "t.toml");
  if (parsed) return "";
  return std::to_string(parsed.error().pos.line) + ":" + std::to_string(parsed.error().pos.column) +
         ": " + parsed.error().message;
}

TEST(TomlReaderTest, WholeNumbersMustBeWrittenInDecimal) {
  EXPECT_EQ(ErrorOf("a = 16\nb = 1_000\nc = -3\n"), "");
  EXPECT_EQ(ErrorOf("a = 16\nb = 0x10\n"),
            "2:5: 'b' is written in hexadecimal (16 in decimal); write whole numbers in decimal");
  EXPECT_EQ(ErrorOf("[t]\nlist = [1, 0o17]\n"),
            "2:12: 'list' is written in octal (15 in decimal); write whole numbers in decimal");
  EXPECT_EQ(ErrorOf("[[t]]\nn = 0b11\n"),
            "2:5: 'n' is written in binary (3 in decimal); write whole numbers in decimal");
  // The first in the file is named, whatever the order of the keys.
  EXPECT_EQ(ErrorOf("z = 0x1\na = 0x2\n").substr(0, 8), "1:5: 'z'");
}

TEST(TomlReaderTest, DatesAreFrom1900To2199) {
  EXPECT_EQ(ErrorOf("a = 1900-01-01\nb = 2199-12-31\n"), "");
  EXPECT_EQ(ErrorOf("a = 1899-12-31\n"),
            "1:5: 'a' is 1899-12-31, outside the years 1900 to 2199 that a date may have");
  EXPECT_EQ(ErrorOf("[plan]\nend = 2200-01-01\n"),
            "2:7: 'end' is 2200-01-01, outside the years 1900 to 2199 that a date may have");
  EXPECT_EQ(ErrorOf("[[w]]\nd = [2020-01-01, 0000-01-01]\n").substr(0, 25),
            "2:18: 'd' is 0000-01-01, ");
}

TEST(TomlReaderTest, TextThatIsNotUtf8IsRefusedAtItsFirstBadByte) {
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF"
                    "a = \"caf\xC3\xA9\"\r\n"),
            "");
  EXPECT_EQ(ErrorOf("a = \"caf\xE9\"\n").substr(0, 44),
            "1:9: the text is not UTF-8: byte 0xE9 is not");
  EXPECT_EQ(ErrorOf(std::string("\xFF\xFE"
                                "a\0",
                                4))
                .substr(0, 30),
            "1:1: the file is UTF-16 text (");
  EXPECT_EQ(ErrorOf("a = 1\rb = 2\r").substr(0, 30), "1:6: a line ends with a carria");
  EXPECT_EQ(ErrorOf(std::string("a = \"x\0\"\n", 9)).substr(0, 36),
            "1:7: this is not a TOML text file: i");
}

TEST(TomlReaderTest, TextOverTheLimitIsRefusedBeforeItIsParsed) {
  std::string text = "a = 1\n#";
  text.resize(kMaxTomlBytes - 1, 'x');
  text += '\n';
  EXPECT_EQ(ErrorOf(text), "");
  text += '\n';
  EXPECT_EQ(ErrorOf(text), "0:0: the file is 16 MiB; a TOML file Waymark reads is at most 16 MiB");
}

}  // namespace
}  // namespace waymark::ingest
