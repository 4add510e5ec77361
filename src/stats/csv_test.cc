// Tests of the pure CSV reader and writer.
#include "stats/csv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/estimate.h"

namespace waymark::stats {
namespace {

TEST(CsvTest, ParsesQuotesCrlfAndBlankLines) {
  auto t = ParseCsv("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n\"multi\nline\",,\n4,5,6");
  ASSERT_TRUE(t.has_value()) << t.error().ToString();
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_EQ(t->rows[1].fields[0], "multi\nline");
  EXPECT_EQ(t->rows[1].fields[2], "");
  EXPECT_EQ(t->rows[2].line, 6);
  EXPECT_EQ(*t->Column("c"), 2u);
  EXPECT_FALSE(t->Column("d").has_value());
}

TEST(CsvTest, ReportsPositionedErrors) {
  auto unterminated = ParseCsv("a,b\n1,\"open\n", "in.csv");
  ASSERT_FALSE(unterminated.has_value());
  EXPECT_EQ(unterminated.error().ToString(), "in.csv:2:2: unterminated quoted field");
  auto trailing = ParseCsv("a,b\n\"x\"y,2\n");
  ASSERT_FALSE(trailing.has_value());
  EXPECT_EQ(trailing.error().ToString(), "stdin:2:1: unexpected text after a closing quote");
  auto ragged = ParseCsv("a,b\n1\n");
  ASSERT_FALSE(ragged.has_value());
  EXPECT_EQ(ragged.error().pos.line, 2);
  EXPECT_FALSE(ParseCsv("").has_value());
  EXPECT_FALSE(ParseCsv("\n\n").has_value());
}

TEST(CsvTest, ParsesNumbers) {
  EXPECT_EQ(*ParseCsvNumber("1.5"), 1.5);
  EXPECT_EQ(*ParseCsvNumber(" +2e3 "), 2000);
  EXPECT_EQ(*ParseCsvNumber("-0.25"), -0.25);
  EXPECT_TRUE(IsMissing(*ParseCsvNumber("")));
  EXPECT_TRUE(IsMissing(*ParseCsvNumber("  ")));
  for (const char* bad : {"abc", "1.2.3", "1,5", "12x", "nan", "NA"}) {
    EXPECT_FALSE(ParseCsvNumber(bad).has_value()) << bad;
  }
}

TEST(CsvTest, WritesRoundTrippingNumbersAndQuotedFields) {
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatNumber(1000), "1000");
  EXPECT_EQ(FormatNumber(kMissing), "");
  EXPECT_EQ(FormatNumber(INFINITY), "Inf");
  for (double v : {1.0 / 3.0, 2.0 / 7.0, 1e-300, 123456789.123456789, 6.02214076e23}) {
    EXPECT_EQ(*ParseCsvNumber(FormatNumber(v)), v);
  }
  EXPECT_EQ(CsvLine({"a", "b,c", "say \"hi\"", ""}), "a,\"b,c\",\"say \"\"hi\"\"\",");
}

TEST(CsvTest, TextThatCouldStartAFormulaIsPrefixedWithAQuote) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("+cmd"), "'+cmd");
  EXPECT_EQ(CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvField("=1,2"), "\"'=1,2\"");
  EXPECT_EQ(CsvField("-"), "'-");
  EXPECT_EQ(CsvField(" -1"), " -1");  // the first character is a blank, which starts nothing
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

TEST(CsvTest, NumbersAreNeverAltered) {
  for (std::string_view n : {"-1.5", "+2", "-0", "1e-05", "-Inf", "Inf", "0.25", "-12345"}) {
    EXPECT_TRUE(IsNumberCell(n)) << n;
    EXPECT_EQ(CsvField(n), n);
  }
  EXPECT_EQ(CsvField(FormatNumber(-1.5)), "-1.5");
  EXPECT_EQ(CsvField(FormatNumber(-INFINITY)), "-Inf");
  EXPECT_FALSE(IsNumberCell(""));
  EXPECT_FALSE(IsNumberCell("-1.5 "));
  EXPECT_FALSE(IsNumberCell("-nan"));
  EXPECT_EQ(CsvLine({"-1.5", "-x", "=1"}), "-1.5,'-x,'=1");
}

}  // namespace
}  // namespace waymark::stats
