// Tests of the streaming CSV reader: the split of quote-free lines sixteen bytes at a time and
// the full state machine give the same fields and columns, whatever the block size, on
// generated files with quotes, doubled quotes, newlines in quotes, CRLF and empty fields.
#include "ingest/csv_reader.h"

#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "core/temp_dir.h"

namespace waymark::ingest {
namespace {

struct Expected {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<int>> columns;
  std::vector<int> lines;
};

// A random CSV text and the records it holds.
std::string Generate(std::mt19937& rng, Expected& want) {
  const std::string alphabet = "ab,\"\n\r 19-.";
  std::string text;
  int line = 1;
  const int rows = 60;
  for (int r = 0; r < rows; ++r) {
    want.rows.emplace_back();
    want.columns.emplace_back();
    want.lines.push_back(line);
    const int fields = 1 + static_cast<int>(rng() % 30);
    int column = 1;
    for (int f = 0; f < fields; ++f) {
      if (f > 0) {
        text += ',';
        ++column;
      }
      want.columns.back().push_back(column);
      std::string value;
      const int size = static_cast<int>(rng() % 12);
      const bool quoted = rng() % 5 == 0;
      for (int k = 0; k < size; ++k) {
        char c = alphabet[rng() % alphabet.size()];
        if (!quoted && (c == ',' || c == '"' || c == '\n' || c == '\r')) c = 'x';
        value += c;
      }
      want.rows.back().push_back(value);
      if (!quoted) {
        text += value;
        column += static_cast<int>(value.size());
        continue;
      }
      text += '"';
      ++column;
      for (char c : value) {
        if (c == '"') {
          text += "\"\"";
          column += 2;
        } else {
          text += c;
          ++column;
          if (c == '\n') {
            ++line;
            column = 1;
          }
        }
      }
      text += '"';
      ++column;
    }
    text += rng() % 3 == 0 ? "\r\n" : "\n";
    ++line;
  }
  return text;
}

void ExpectRecords(CsvReader& reader, const Expected& want, const std::string& label) {
  CsvRecord record;
  for (std::size_t r = 0; r < want.rows.size(); ++r) {
    auto more = reader.Next(record);
    ASSERT_TRUE(more.has_value()) << label << " row " << r << ": " << more.error().ToString();
    ASSERT_TRUE(*more) << label;
    ASSERT_EQ(record.fields.size(), want.rows[r].size()) << label << " row " << r;
    for (std::size_t f = 0; f < record.fields.size(); ++f) {
      EXPECT_EQ(record.fields[f], want.rows[r][f]) << label << " row " << r << " field " << f;
    }
    EXPECT_EQ(record.columns, want.columns[r]) << label << " row " << r;
    EXPECT_EQ(record.line, want.lines[r]) << label << " row " << r;
  }
  auto end = reader.Next(record);
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(*end) << label;
}

TEST(CsvReaderTest, EveryBlockSizeReadsTheSameRecords) {
  TempDir dir;
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    Expected want;
    const std::string text = Generate(rng, want);
    const std::string path = dir.File("g.csv");
    std::ofstream(path, std::ios::binary) << text;
    for (std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{64}, CsvReader::kBlock}) {
      auto reader = CsvReader::Open(path, block);
      ASSERT_TRUE(reader.has_value());
      ExpectRecords(**reader, want, "seed " + std::to_string(seed) + " block " +
                                        std::to_string(block));
    }
  }
}

TEST(CsvReaderTest, CommasOnEveryChunkBoundary) {
  // Fields of 15 bytes put a comma at every sixteenth byte.
  const std::string field(15, 'v');
  std::string line;
  for (int i = 0; i < 9; ++i) line += (i > 0 ? "," : "") + field;
  auto reader = CsvReader::FromString(line + "\n,,\n\nlast", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(*reader->Next(record));
  ASSERT_EQ(record.fields.size(), 9u);
  EXPECT_EQ(record.fields[8], field);
  EXPECT_EQ(record.columns[8], 8 * 16 + 1);
  ASSERT_TRUE(*reader->Next(record));
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{"", "", ""}));
  ASSERT_TRUE(*reader->Next(record));
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{""}));
  EXPECT_EQ(record.line, 3);
  ASSERT_TRUE(*reader->Next(record));  // no final newline
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{"last"}));
  EXPECT_FALSE(*reader->Next(record));
}

TEST(CsvReaderTest, OffsetIsTheBytesReadWhateverTheBlockSize) {
  TempDir dir;
  const std::string path = dir.File("o.csv");
  std::ofstream(path, std::ios::binary) << "a,b\nccc,\"d\nd\"\r\nlast";
  for (std::size_t block : {std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
    auto reader = CsvReader::Open(path, block);
    ASSERT_TRUE(reader.has_value());
    CsvRecord record;
    EXPECT_EQ((*reader)->offset(), 0u) << block;
    std::vector<std::uint64_t> offsets;
    while (*(*reader)->Next(record)) offsets.push_back((*reader)->offset());
    EXPECT_EQ(offsets, (std::vector<std::uint64_t>{4, 15, 19})) << block;
    EXPECT_EQ((*reader)->offset(), 19u) << block;  // the file's size
  }
}

TEST(CsvReaderTest, AnUnclosedQuoteIsAnErrorAtItsPosition) {
  auto reader = CsvReader::FromString("a,b\nc,\"d\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(*reader->Next(record));
  auto bad = reader->Next(record);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().pos.line, 2);
  EXPECT_EQ(bad.error().pos.column, 3);
}

// The first error of `text` read `block` bytes at a time from a file (0: from memory), as
// "LINE:COL: message"; "" when every record reads.
std::string FirstError(const std::string& text, std::size_t block = 0) {
  TempDir dir;
  std::unique_ptr<CsvReader> reader;
  if (block == 0) {
    reader = CsvReader::FromString(text, "t.csv");
  } else {
    std::ofstream(dir.File("t.csv"), std::ios::binary) << text;
    reader = std::move(*CsvReader::Open(dir.File("t.csv"), block));
  }
  CsvRecord record;
  while (true) {
    auto more = reader->Next(record);
    if (!more) {
      return std::to_string(more.error().pos.line) + ":" +
             std::to_string(more.error().pos.column) + ": " + more.error().message;
    }
    if (!*more) return "";
  }
}

TEST(CsvReaderTest, BytesThatAreNotUtf8TextAreAnErrorAtTheirPosition) {
  for (std::size_t block : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
    EXPECT_EQ(FirstError("a,b\nc,d\xE9\n", block).substr(0, 31),
              "2:4: the text is not UTF-8: byt") << block;
    EXPECT_EQ(FirstError(std::string("a,b\n\"c\",\"x\0\"\n", 13), block).substr(0, 35),
              "2:7: this is not a CSV text file: i") << block;
    EXPECT_EQ(FirstError(std::string("\xFF\xFE" "a\0,\0b\0\n\0", 10), block).substr(0, 26),
              "1:1: the file is UTF-16 te") << block;
    // A CR outside quotes must end its line with an LF; inside quotes it is text.
    EXPECT_EQ(FirstError("a,b\r\nc,d\re\r\n", block).substr(0, 32),
              "2:4: a line ends with a carriage") << block;
    EXPECT_EQ(FirstError("a,b\r\nc,\"d\re\"\r\nlast\r", block), "") << block;
    EXPECT_EQ(FirstError("\xEF\xBB\xBF" "caf\xC3\xA9,b\n", block), "") << block;
  }
}

TEST(CsvReaderTest, RecordsPastTheLimitsAreAnErrorAtTheFieldThatPassedThem) {
  std::string fields;
  for (std::size_t i = 0; i < CsvReader::kMaxFields; ++i) fields += i == 0 ? "1" : ",1";
  const std::string field(CsvReader::kMaxFieldBytes, 'x');
  for (std::size_t block : {std::size_t{0}, std::size_t{4096}, CsvReader::kBlock}) {
    EXPECT_EQ(FirstError("a\n" + fields + "\n", block), "") << block;
    EXPECT_EQ(FirstError("a\n" + fields + ",1\n", block),
              "2:" + std::to_string(fields.size() + 2) + ": the row has more than 10000 fields")
        << block;
    EXPECT_EQ(FirstError("a,b\n1," + field + "\n", block), "") << block;
    EXPECT_EQ(FirstError("a,b\n1," + field + "x\n", block).substr(0, 55),
              "2:3: the field starting here is longer than 1 MiB (or i") << block;
    EXPECT_EQ(FirstError("a,b\n1,\"" + field + "\"\n", block), "") << block;
    EXPECT_EQ(FirstError("a,b\n1,\"" + field + "x", block).substr(0, 30),
              "2:3: the quoted field starting") << block;
  }
  // A file of lone CRs is one long record: past the limit its first CR is the problem named.
  std::string mac;
  for (int i = 0; i < 12000; ++i) mac += "a,b\r";
  EXPECT_EQ(FirstError(mac, 64).substr(0, 32), "1:4: a line ends with a carriage");
  EXPECT_EQ(FirstError(mac).substr(0, 32), "1:4: a line ends with a carriage");
}

}  // namespace
}  // namespace waymark::ingest
