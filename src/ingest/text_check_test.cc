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

}  // namespace
}  // namespace waymark::ingest
