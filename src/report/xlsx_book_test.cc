// Tests of the Excel workbook: sheet names, and a written workbook read back from its zip with
// python3 (numbers as numbers with their formats, texts as shared strings, the frozen header
// row and filter, empty cells absent, the cover and the document properties); bad input.
#include "report/xlsx_book.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"

namespace waymark::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

bool HavePython() { return std::system("python3 -c pass >/dev/null 2>&1") == 0; }

// The member `name` of the zip file at `path`, or nullopt when it is missing.
std::optional<std::string> ZipMember(const std::string& path, const std::string& name) {
  const std::string command =
      "python3 -c 'import sys, zipfile; "
      "sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' '" +
      path + "' '" + name + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

// The XML of cell `ref` ("B2") in a sheet, from "<c" to its end; empty when there is none.
std::string CellXml(const std::string& sheet, const std::string& ref) {
  const size_t start = sheet.find("<c r=\"" + ref + "\"");
  if (start == std::string::npos) return "";
  const size_t close = sheet.find("</c>", start);
  const size_t self_close = sheet.find("/>", start);
  const size_t tag_end = sheet.find('>', start);
  if (self_close != std::string::npos && self_close + 1 == tag_end) {
    return sheet.substr(start, self_close + 2 - start);
  }
  return sheet.substr(start, close + 4 - start);
}

// The n-th element (from 0) named `tag` inside the first `list` element of `xml`, up to the
// next one.
std::string NthElement(const std::string& xml, const std::string& list, const std::string& tag,
                       int n) {
  const size_t begin = xml.find("<" + list);
  const size_t end = xml.find("</" + list + ">", begin);
  if (begin == std::string::npos || end == std::string::npos || n < 0) return "";
  const std::string section = xml.substr(begin, end - begin);
  const std::regex element("<" + tag + "[ >/]");
  std::sregex_iterator it(section.begin(), section.end(), element);
  for (int i = 0; i < n && it != std::sregex_iterator(); ++i) ++it;
  if (it == std::sregex_iterator()) return "";
  const auto at = static_cast<size_t>(it->position());
  const size_t next = section.find("<" + tag, at + 1);
  return section.substr(at, next == std::string::npos ? std::string::npos : next - at);
}

// The number in `attribute="N"` of `xml`, or -1.
int Attribute(const std::string& xml, const std::string& attribute) {
  std::smatch match;
  if (!std::regex_search(xml, match, std::regex(" " + attribute + "=\"([0-9]+)\""))) return -1;
  return std::stoi(match[1].str());
}

// The cell style (cellXfs entry) a cell's s="N" names; the first when it has none.
std::string XfOf(const std::string& styles, const std::string& cell) {
  return NthElement(styles, "cellXfs", "xf", std::max(Attribute(cell, "s"), 0));
}

std::string FontOf(const std::string& styles, const std::string& cell) {
  return NthElement(styles, "fonts", "font", Attribute(XfOf(styles, cell), "fontId"));
}

// The format code of a cell's custom number format, or "" for a built-in one.
std::string FormatCodeOf(const std::string& styles, const std::string& cell) {
  const int id = Attribute(XfOf(styles, cell), "numFmtId");
  std::smatch match;
  const std::regex code("<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"([^\"]*)\"");
  return std::regex_search(styles, match, code) ? match[1].str() : "";
}

Table IndicatorsWithAFormula() {
  Table table;
  table.name = "Indicators";
  table.caption = "Each indicator's latest figure for Barnet.";
  table.columns = {{"Indicator", CellKind::kText, 1},
                   {"Value", CellKind::kNumber, 1},
                   {"Count", CellKind::kInteger, 1},
                   {"Share", CellKind::kPercent, 2},
                   {"Period end", CellKind::kDate, 1}};
  table.rows = {{std::string("Children in need"), 12.5, 340.0, 12.345, std::string("2024-03-31")},
                {std::string("=SUM(A1)"), std::monostate{}, 7.0}};
  return table;
}

Table Named(const std::string& name) {
  return Table{name, "A table called " + name, {{"x", CellKind::kNumber, 0}}, {{1.0}}};
}

XlsxMeta Meta() {
  XlsxMeta meta;
  meta.title = "Board pack: Barnet CYPP";
  meta.author = "Insight team";
  meta.organisation = "Barnet Council";
  meta.data_as_of = "Data as of 31 March 2026";
  meta.created_unix_seconds = 1774915200;  // 2026-03-31T00:00:00Z
  return meta;
}

class XlsxBookRead : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HavePython()) GTEST_SKIP() << "python3 is needed to read the workbook back";
  }
  // Writes the workbook and returns the path of the file.
  std::string Write(const std::vector<Table>& tables) {
    const Result<std::string> bytes = XlsxBook(tables, Meta());
    EXPECT_TRUE(bytes) << bytes.error().ToString();
    return dir_.Write("book.xlsx", bytes.value_or(""));
  }
  std::string Member(const std::string& path, const std::string& name) {
    std::optional<std::string> text = ZipMember(path, name);
    EXPECT_TRUE(text.has_value()) << name << " is missing";
    return text.value_or("");
  }

  TempDir dir_;
};

TEST(SheetNames, ReplacesForbiddenCharactersCutsTo31AtASpaceAndNumbersRepeats) {
  const std::string long_name = "Indicators: worse than England [latest] / trend";
  const std::vector<std::string> wanted = {long_name, long_name, "a*b?c\\d",   "  'quoted'  ", "",
                                           "History", "cover",   "INDICATORS", "Indicators"};
  EXPECT_THAT(
      SheetNames(wanted),
      ElementsAre("Indicators worse than England", "Indicators worse than (2)", "a b c d", "quoted",
                  "Table 5", "Table 6", "cover (2)", "INDICATORS", "Indicators (2)"));
}

TEST(SheetNames, KeepsExactly31CharactersAndCutsThe32ndNeverInsideAUtf8Character) {
  const std::string thirty_one(31, 'x');
  EXPECT_THAT(SheetNames(std::vector<std::string>{thirty_one}), ElementsAre(thirty_one));
  EXPECT_THAT(SheetNames(std::vector<std::string>{thirty_one + "y"}), ElementsAre(thirty_one));
  // 30 ASCII letters then "é" (2 bytes) and "–" (3 bytes): 32 characters, 35 bytes.
  const std::string accented = std::string(30, 'a') + "é–";
  EXPECT_THAT(SheetNames(std::vector<std::string>{accented}),
              ElementsAre(std::string(30, 'a') + "é"));
}

TEST(NumberFormat, FollowsKindAndDecimals) {
  EXPECT_EQ(NumberFormat({"x", CellKind::kNumber, 1}), "#,##0.0");
  EXPECT_EQ(NumberFormat({"x", CellKind::kNumber, 0}), "#,##0");
  EXPECT_EQ(NumberFormat({"x", CellKind::kNumber, 3}), "#,##0.000");
  EXPECT_EQ(NumberFormat({"x", CellKind::kInteger, 3}), "#,##0");
  EXPECT_EQ(NumberFormat({"x", CellKind::kPercent, 2}), "#,##0.00\"%\"");
  EXPECT_EQ(NumberFormat({"x", CellKind::kText, 2}), "");
  EXPECT_EQ(NumberFormat({"x", CellKind::kDate, 2}), "");
}

TEST_F(XlsxBookRead, WritesNumbersAsNumbersTextsAsSharedStringsAndLeavesEmptyCellsOut) {
  const std::string path = Write({IndicatorsWithAFormula()});
  const std::string sheet = Member(path, "xl/worksheets/sheet2.xml");
  EXPECT_THAT(CellXml(sheet, "B2"),
              ::testing::MatchesRegex(R"(<c r="B2" s="[0-9]+"><v>12.5</v></c>)"));
  EXPECT_THAT(CellXml(sheet, "C2"),
              ::testing::MatchesRegex(R"(<c r="C2" s="[0-9]+"><v>340</v></c>)"));
  EXPECT_THAT(CellXml(sheet, "D2"), HasSubstr("<v>12.345</v>"));  // full precision kept
  for (const char* ref : {"B2", "C2", "D2", "C3"}) {
    EXPECT_THAT(CellXml(sheet, ref), Not(HasSubstr(" t=\""))) << ref;
  }
  for (const char* ref : {"A1", "A2", "E2", "A3"}) {
    EXPECT_THAT(CellXml(sheet, ref), HasSubstr(" t=\"s\"")) << ref;
  }
  EXPECT_EQ(CellXml(sheet, "B3"), "");  // the empty cell
  EXPECT_EQ(CellXml(sheet, "D3"), "");  // beyond the short row
  EXPECT_EQ(CellXml(sheet, "E3"), "");
  const std::string strings = Member(path, "xl/sharedStrings.xml");
  EXPECT_THAT(strings, HasSubstr("<t>Children in need</t>"));
  EXPECT_THAT(strings, HasSubstr("<t>=SUM(A1)</t>"));  // a text, never a formula
  EXPECT_THAT(sheet, Not(HasSubstr("<f>")));
  EXPECT_THAT(strings, HasSubstr("<t>2024-03-31</t>"));
}

TEST_F(XlsxBookRead, FreezesAndFiltersTheBoldHeaderRowAndGivesEachColumnItsFormat) {
  const std::string path = Write({IndicatorsWithAFormula()});
  const std::string sheet = Member(path, "xl/worksheets/sheet2.xml");
  EXPECT_THAT(sheet, HasSubstr(R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" )"
                               R"(state="frozen"/>)"));
  EXPECT_THAT(sheet, HasSubstr(R"(<autoFilter ref="A1:E3"/>)"));
  EXPECT_THAT(sheet, HasSubstr("<cols>"));
  const std::string styles = Member(path, "xl/styles.xml");
  EXPECT_THAT(styles, HasSubstr(R"(formatCode="#,##0.0")"));
  EXPECT_THAT(styles, HasSubstr(R"(formatCode="#,##0.00&quot;%&quot;")"));
  // The header cells are bold; each number cell has its column's format.
  EXPECT_THAT(FontOf(styles, CellXml(sheet, "A1")), HasSubstr("<b/>"));
  EXPECT_THAT(FontOf(styles, CellXml(sheet, "E1")), HasSubstr("<b/>"));
  EXPECT_THAT(FontOf(styles, CellXml(sheet, "A2")), Not(HasSubstr("<b/>")));
  EXPECT_EQ(FormatCodeOf(styles, CellXml(sheet, "B2")), "#,##0.0");
  EXPECT_EQ(FormatCodeOf(styles, CellXml(sheet, "C2")), "#,##0");
  EXPECT_EQ(FormatCodeOf(styles, CellXml(sheet, "C3")), "#,##0");
  EXPECT_EQ(FormatCodeOf(styles, CellXml(sheet, "D2")), "#,##0.00&quot;%&quot;");
}

TEST_F(XlsxBookRead, NamesSheetsSafelyAndPutsTheCoverFirst) {
  const std::string long_name = "Indicators: worse than England [latest] / trend";
  const std::string path = Write({Named(long_name), Named(long_name), Named("Actions")});
  const std::string book = Member(path, "xl/workbook.xml");
  const size_t cover = book.find(R"(<sheet name="Cover")");
  const size_t first = book.find(R"(<sheet name="Indicators worse than England")");
  const size_t second = book.find(R"x(<sheet name="Indicators worse than (2)")x");
  const size_t actions = book.find(R"(<sheet name="Actions")");
  ASSERT_NE(cover, std::string::npos) << book;
  ASSERT_NE(first, std::string::npos) << book;
  ASSERT_NE(second, std::string::npos) << book;
  ASSERT_NE(actions, std::string::npos) << book;
  EXPECT_LT(cover, first);
  EXPECT_LT(first, second);
  EXPECT_LT(second, actions);
  EXPECT_TRUE(ZipMember(path, "xl/worksheets/sheet4.xml").has_value());
  EXPECT_FALSE(ZipMember(path, "xl/worksheets/sheet5.xml").has_value());
}

TEST_F(XlsxBookRead, TheCoverStatesTitleDataAsOfAndLinksEachSheetWithItsCaption) {
  const std::string path = Write({IndicatorsWithAFormula(), Named("O'Brien's table")});
  const std::string strings = Member(path, "xl/sharedStrings.xml");
  EXPECT_THAT(strings, HasSubstr("<t>Board pack: Barnet CYPP</t>"));
  EXPECT_THAT(strings, HasSubstr("<t>Data as of 31 March 2026</t>"));
  EXPECT_THAT(strings, HasSubstr("<t>Each indicator's latest figure for Barnet.</t>"));
  const std::string cover = Member(path, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(cover, HasSubstr(R"(location="'Indicators'!A1")"));
  EXPECT_THAT(cover, HasSubstr(R"(location="'O''Brien''s table'!A1")"));
}

TEST_F(XlsxBookRead, SetsTitleAuthorAndCompany) {
  const std::string path = Write({IndicatorsWithAFormula()});
  const std::string core = Member(path, "docProps/core.xml");
  EXPECT_THAT(core, HasSubstr("<dc:title>Board pack: Barnet CYPP</dc:title>"));
  EXPECT_THAT(core, HasSubstr("<dc:creator>Insight team</dc:creator>"));
  EXPECT_THAT(core, HasSubstr("2026-03-31T00:00:00Z"));
  EXPECT_THAT(Member(path, "docProps/app.xml"), HasSubstr("<Company>Barnet Council</Company>"));
}

TEST(XlsxBook, TheSameTablesAndMetaGiveTheSameBytes) {
  const std::vector<Table> tables = {IndicatorsWithAFormula(), Named("Actions")};
  const Result<std::string> a = XlsxBook(tables, Meta());
  const Result<std::string> b = XlsxBook(tables, Meta());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->substr(0, 2), "PK");
  EXPECT_EQ(*a, *b);
}

// Points $TMPDIR at a test directory for one scope, so that what is left there can be seen.
class TmpdirScope {
 public:
  explicit TmpdirScope(const std::string& dir) {
    const char* old = std::getenv("TMPDIR");
    if (old != nullptr) old_ = old;
    ::setenv("TMPDIR", dir.c_str(), 1);
  }
  TmpdirScope(const TmpdirScope&) = delete;
  TmpdirScope& operator=(const TmpdirScope&) = delete;
  ~TmpdirScope() {
    if (old_) {
      ::setenv("TMPDIR", old_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }

 private:
  std::optional<std::string> old_;
};

TEST(XlsxBook, ARowWiderThanTheColumnsIsAnErrorNamingTableAndRowAndLeavesNoFiles) {
  TempDir tmp;
  TmpdirScope scope(tmp.File(""));
  Table table = IndicatorsWithAFormula();
  table.rows.push_back(
      {std::string("a"), 1.0, 2.0, 3.0, std::string("2024-01-01"), std::string("one too many")});
  const Result<std::string> bytes = XlsxBook(std::vector<Table>{Named("First"), table}, Meta());
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bytes.error().message,
            "table \"Indicators\": data row 3 has 6 cells but the table has 5 columns");
  EXPECT_TRUE(std::filesystem::is_empty(tmp.File("")));

  ASSERT_TRUE(XlsxBook(std::vector<Table>{Named("First")}, Meta()));
  EXPECT_TRUE(std::filesystem::is_empty(tmp.File(""))) << "the scratch directory is removed";
}

TEST(XlsxBook, RefusesATextLongerThanACellHoldsAndEmptyMeta) {
  Table table{"Notes", "", {{"Note", CellKind::kText, 1}}, {{std::string(32767, 'a')}}};
  EXPECT_TRUE(XlsxBook(std::vector<Table>{table}, Meta()));
  table.rows[0][0] = std::string(32768, 'a');
  const Result<std::string> too_long = XlsxBook(std::vector<Table>{table}, Meta());
  ASSERT_FALSE(too_long);
  EXPECT_THAT(too_long.error().message, HasSubstr("table \"Notes\": data row 1, column \"Note\""));

  XlsxMeta meta = Meta();
  meta.title.clear();
  EXPECT_THAT(XlsxBook({}, meta).error().message, HasSubstr("title"));
  meta = Meta();
  meta.data_as_of.clear();
  EXPECT_THAT(XlsxBook({}, meta).error().message, HasSubstr("data as of"));
}

TEST(XlsxBook, AWorkbookWithNoTablesHasOnlyTheCover) {
  const Result<std::string> bytes = XlsxBook({}, Meta());
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
}

}  // namespace
}  // namespace waymark::report
