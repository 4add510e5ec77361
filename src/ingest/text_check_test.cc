// Tests of telling CSV text from binary files.
#include "ingest/text_check.h"

#include <gtest/gtest.h>

#include "core/temp_dir.h"

namespace waymark::ingest {
namespace {

TEST(TextCheckTest, CsvTextPasses) {
  EXPECT_FALSE(
      CheckText("indicator,area_code,period,value\r\np,E09000003,2023,1.5\n\tx\f", "a.csv"));
  EXPECT_FALSE(CheckText("", "a.csv"));
  EXPECT_FALSE(CheckText("name\nBarnet – “Café”\n", "a.csv"));  // UTF-8 text
}

TEST(TextCheckTest, BinaryBytesAreAProblemAtTheirPosition) {
  const auto nul = CheckText(std::string("a,b\nxy\0z", 8), "up.csv");
  ASSERT_TRUE(nul.has_value());
  EXPECT_EQ(nul->ToString().rfind("up.csv:2:3: this is not a CSV text file", 0), 0u)
      << nul->ToString();
  const auto escape = CheckText("é\x1b", "up.csv");  // the column counts characters
  ASSERT_TRUE(escape.has_value());
  EXPECT_EQ(escape->pos.column, 2);
  EXPECT_NE(escape->message.find("0x1B"), std::string::npos);
  EXPECT_TRUE(CheckText("\x7f", "up.csv").has_value());
}

TEST(TextCheckTest, FilesAreCheckedFromTheirStartAndNamedAsGiven) {
  TempDir dir;
  const std::string png = dir.Write("x.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const auto problem = CheckTextFile(png, "chart.png");
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->pos.file, "chart.png");
  EXPECT_EQ(problem->pos.line, 2);
  // A binary byte beyond the bytes checked is left to the CSV reader.
  const std::string late = dir.Write("late.csv", std::string(kTextCheckBytes, 'a') + '\0');
  EXPECT_FALSE(CheckTextFile(late, "late.csv").has_value());
  const std::string early = dir.Write("early.csv", std::string(kTextCheckBytes - 1, 'a') + '\0');
  EXPECT_TRUE(CheckTextFile(early, "early.csv").has_value());
  const auto missing = CheckTextFile(dir.File("none.csv"), "none.csv");
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->code, ErrorCode::kIo);
}

TEST(TextCheckTest, Utf16IsKnownByItsMarkOrItsNulBytes) {
  const auto le = FindTextFault(std::string("\xFF\xFE" "a\0", 4));
  ASSERT_TRUE(le.has_value());
  EXPECT_EQ(le->kind, TextFaultKind::kUtf16);
  EXPECT_FALSE(le->big_endian);
  EXPECT_TRUE(le->bom);
  const auto be = FindTextFault(std::string("\0a\0b", 4));  // no mark: the NULs give it away
  ASSERT_TRUE(be.has_value());
  EXPECT_EQ(be->kind, TextFaultKind::kUtf16);
  EXPECT_TRUE(be->big_endian);
  EXPECT_FALSE(be->bom);
  EXPECT_EQ(CheckText(std::string("a\0b\0", 4), "u.csv")->ToString(),
            "u.csv:1:2: the file is UTF-16 text (little-endian, without a byte order mark), not "
            "UTF-8: save the file as 'CSV UTF-8'");
  // Not at the start of a file, the same bytes are binary data.
  EXPECT_EQ(FindTextFault(std::string("\0a\0b", 4), TextScan{false, true, true})->kind,
            TextFaultKind::kBinary);
  // One NUL is binary data, not UTF-16.
  EXPECT_EQ(FindTextFault(std::string("ab\0cd", 5))->kind, TextFaultKind::kBinary);
}

TEST(TextCheckTest, TheFirstByteThatIsNotUtf8IsFoundWhereverItIs) {
  // Every offset around the eight-byte words that are skipped as printable ASCII.
  for (std::size_t at = 0; at < 20; ++at) {
    std::string text(24, 'a');
    text[at] = '\xE9';  // Latin-1 'é'
    const auto fault = FindTextFault(text);
    ASSERT_TRUE(fault.has_value()) << at;
    EXPECT_EQ(fault->kind, TextFaultKind::kNotUtf8) << at;
    EXPECT_EQ(fault->offset, at);
    EXPECT_EQ(fault->byte, 0xE9);
  }
  EXPECT_FALSE(FindTextFault("caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80 ~").has_value());
  EXPECT_EQ(FindTextFault("\xC0\xAF")->offset, 0u);        // an overlong '/'
  EXPECT_EQ(FindTextFault("ab\xED\xA0\x80")->offset, 2u);  // a UTF-16 surrogate
  EXPECT_EQ(FindTextFault("\xF4\x90\x80\x80")->offset, 0u);  // above U+10FFFF
  EXPECT_EQ(FindTextFault("\x96")->byte, 0x96);              // Windows-1252 en dash
  // A character cut at the end is a fault only when the text is the whole file.
  EXPECT_TRUE(FindTextFault("ab\xE2\x80").has_value());
  EXPECT_FALSE(FindTextFault("ab\xE2\x80", TextScan{true, false, true}).has_value());
  // Binary bytes are named before encodings (a PNG's first byte is not UTF-8 either).
  EXPECT_EQ(FindTextFault("\xE9\x01")->kind, TextFaultKind::kBinary);
  EXPECT_EQ(FindTextFault("\x7F")->kind, TextFaultKind::kBinary);
  EXPECT_EQ(CheckText("a,b\nx,caf\xE9\n", "l.csv")->ToString(),
            "l.csv:2:6: the text is not UTF-8: byte 0xE9 is not part of a UTF-8 character (is "
            "the file Latin-1 or Windows-1252?); save the file as 'CSV UTF-8'");
}

TEST(TextCheckTest, ALoneCarriageReturnIsAFaultWhereAsked) {
  EXPECT_FALSE(FindTextFault("a\r\nb\r\n").has_value());
  const auto lone = FindTextFault("a\r\nb\rc");
  ASSERT_TRUE(lone.has_value());
  EXPECT_EQ(lone->kind, TextFaultKind::kLoneCr);
  EXPECT_EQ(lone->offset, 4u);
  EXPECT_FALSE(FindTextFault("a\rb", TextScan{true, true, false}).has_value());  // JSON, CSV heads
  EXPECT_FALSE(FindTextFault("a\r", TextScan{true, false, true}).has_value());  // LF may follow
  EXPECT_TRUE(FindTextFault("a\r", TextScan{true, true, true}).has_value());
}

TEST(TextCheckTest, WholeFilesAreCheckedWithTheirFormatsWords) {
  EXPECT_FALSE(CheckTextEncoding("\xEF\xBB\xBF[plan]\r\nid = \"caf\xC3\xA9\"\n", "p.toml", "TOML"));
  EXPECT_EQ(CheckTextEncoding(std::string("[plan]\nid = \"a\0\"", 16), "p.toml", "TOML")
                ->ToString(),
            "p.toml:2:8: this is not a TOML text file: it holds binary data (byte 0x00)");
  EXPECT_EQ(CheckTextEncoding("\xFE\xFF\0{", "b.geojson", "GeoJSON")->ToString(),
            "b.geojson:1:1: the file is UTF-16 text (big-endian, with a byte order mark), not "
            "UTF-8: save the file as UTF-8");
  EXPECT_EQ(PositionInText("é\nab\xE9", 5, "t"), (SourcePos{"t", 2, 3}));
  EXPECT_EQ(PositionInText("x", 0, "t", 7), (SourcePos{"t", 7, 1}));
}

}  // namespace
}  // namespace waymark::ingest
