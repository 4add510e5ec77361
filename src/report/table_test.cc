// Tests of report tables: the checks of bad tables and the CSV (decimals, kinds, quoting,
// formula-safe texts, short rows, empty cells).
#include "report/table.h"

#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace waymark::report {
namespace {

using ::testing::HasSubstr;

Table Indicators() {
  Table table;
  table.name = "Indicators";
  table.caption = "Each indicator's latest figure for Barnet.";
  table.columns = {{"Indicator", CellKind::kText, 1},
                   {"Value", CellKind::kNumber, 1},
                   {"Count", CellKind::kInteger, 1},
                   {"Share", CellKind::kPercent, 2},
                   {"Period end", CellKind::kDate, 1}};
  table.rows = {{std::string("Children in need"), 12.5, 340.0, 12.345, std::string("2024-03-31")},
                {std::string("Obesity, Year 6"), std::monostate{}, 7.0, 0.0, std::monostate{}}};
  return table;
}

TEST(TableCsv, WritesTitlesThenRowsWithEachColumnsDecimalsAndCrlfLineEnds) {
  const Result<std::string> csv = TableCsv(Indicators());
  ASSERT_TRUE(csv) << csv.error().ToString();
  EXPECT_EQ(*csv,
            "Indicator,Value,Count,Share,Period end\r\n"
            "Children in need,12.5,340,12.35,2024-03-31\r\n"
            "\"Obesity, Year 6\",,7,0.00,\r\n");
}

TEST(TableCsv, RoundsIntegersAndDropsTheSignOfAFigureThatRoundsToZero) {
  Table table{"T", "", {{"n", CellKind::kInteger, 3}, {"x", CellKind::kNumber, 1}}, {}};
  table.rows = {{2.4, -0.04}, {-3.6, -0.06}, {1234567.0, -12.26}};
  const Result<std::string> csv = TableCsv(table);
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv, "n,x\r\n2,0.0\r\n-4,-0.1\r\n1234567,-12.3\r\n");
}

TEST(TableCsv, LeavesNanAndEmptyCellsEmptyAndPadsShortRows) {
  Table table{"T", "", {{"a", CellKind::kNumber, 1}, {"b", CellKind::kText, 1}}, {}};
  table.rows = {
      {std::numeric_limits<double>::quiet_NaN()}, {}, {std::monostate{}, std::monostate{}}};
  const Result<std::string> csv = TableCsv(table);
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv, "a,b\r\n,\r\n,\r\n,\r\n");
}

TEST(TableCsv, QuotesAndMakesFormulaLikeTextsSafeButLeavesNegativeNumbersAlone) {
  Table table{"T", "", {{"say \"hi\"", CellKind::kText, 1}, {"x", CellKind::kNumber, 1}}, {}};
  table.rows = {{std::string("=HYPERLINK(\"http://x\")"), -1.5},
                {std::string("line one\nline two"), 2.0},
                {std::string("-2"), std::monostate{}},
                {std::string("@SUM(A1)"), std::monostate{}}};
  const Result<std::string> csv = TableCsv(table);
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv,
            "\"say \"\"hi\"\"\",x\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",-1.5\r\n"
            "\"line one\nline two\",2.0\r\n"
            "-2,\r\n"
            "'@SUM(A1),\r\n");
}

TEST(TableCsv, KeepsUtf8TextAsItIs) {
  Table table{"T", "", {{"Période", CellKind::kText, 1}}, {{std::string("2023–24 “Q1”")}}};
  const Result<std::string> csv = TableCsv(table);
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv, "Période\r\n2023–24 “Q1”\r\n");
}

TEST(CheckTable, AcceptsARowAsWideAsTheColumnsAndRefusesOneCellMoreNamingTableAndRow) {
  Table table{"Actions", "", {{"a", CellKind::kText, 1}, {"b", CellKind::kText, 1}}, {}};
  table.rows = {{std::string("x"), std::string("y")}};
  EXPECT_TRUE(CheckTable(table));
  table.rows.push_back({std::string("x"), std::string("y"), std::string("z")});
  const Status status = CheckTable(table);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message,
            "table \"Actions\": data row 2 has 3 cells but the table has 2 columns");
  EXPECT_FALSE(TableCsv(table));
}

TEST(CheckTable, RefusesCellsOfTheWrongKindNamingTheColumn) {
  Table numbers{"T", "", {{"Value", CellKind::kNumber, 1}}, {{std::string("12")}}};
  Status status = CheckTable(numbers);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message,
            "table \"T\": data row 1, column \"Value\": a text in a number column");

  Table texts{"T", "", {{"When", CellKind::kDate, 1}}, {{2024.0}}};
  status = CheckTable(texts);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("column \"When\": a number in a text or date"));
}

TEST(CheckTable, RefusesInfinityButTakesNanAsEmpty) {
  Table table{"T", "", {{"x", CellKind::kNumber, 1}}, {}};
  table.rows = {{std::numeric_limits<double>::quiet_NaN()}};
  EXPECT_TRUE(CheckTable(table));
  table.rows = {{std::numeric_limits<double>::infinity()}};
  const Status status = CheckTable(table);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("the number is infinite"));
}

TEST(CheckTable, RefusesNoNameNoColumnsAndDecimalsOutOfRange) {
  EXPECT_THAT(CheckTable(Table{"", "", {{"x"}}, {}}).error().message, HasSubstr("no name"));
  EXPECT_THAT(CheckTable(Table{"T", "", {}, {}}).error().message,
              HasSubstr("table \"T\": it has no columns"));
  Table table{"T", "", {{"x", CellKind::kNumber, kMaxDecimals}}, {{1.0}}};
  EXPECT_TRUE(CheckTable(table));
  table.columns[0].decimals = kMaxDecimals + 1;
  EXPECT_THAT(CheckTable(table).error().message,
              HasSubstr("column \"x\": decimals must be 0 to 10, not 11"));
  table.columns[0].decimals = -1;
  EXPECT_FALSE(CheckTable(table));
  table.columns[0].decimals = 0;
  EXPECT_TRUE(CheckTable(table));
}

TEST(CellText, WritesEachKindAsItsColumnSays) {
  EXPECT_EQ(CellText({"x", CellKind::kNumber, 0}, 12.5), "12");
  EXPECT_EQ(CellText({"x", CellKind::kNumber, 3}, 12.5), "12.500");
  EXPECT_EQ(CellText({"x", CellKind::kPercent, 1}, 45.06), "45.1");
  EXPECT_EQ(CellText({"x", CellKind::kInteger, 4}, 9.99), "10");
  EXPECT_EQ(CellText({"x", CellKind::kText, 1}, std::string("a")), "a");
  EXPECT_EQ(CellText({"x", CellKind::kNumber, 1}, std::monostate{}), "");
}

}  // namespace
}  // namespace waymark::report
