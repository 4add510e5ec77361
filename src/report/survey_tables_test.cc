// Tests of survey result tables: suppressed figures written "c" and never as their number in
// CSV, names and captions, comparison columns, summaries, feeds, and the "c" allowed in number
// columns by CheckTable and the workbook.
#include "report/survey_tables.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "report/xlsx_book.h"

namespace waymark::report {
namespace {

using assess::SurveyResponseRow;

constexpr Date kDay{2026, 3, 10};

Survey SmallSurvey() {
  Survey s;
  s.id = "safety";
  s.code = "safety-2026";
  s.title = "Feeling safe";
  Question gender;
  gender.id = "gender";
  gender.about_you = AboutYou::kGender;
  gender.options = BandOptions(AboutYou::kGender, {});
  Question safe;
  safe.id = "safe";
  safe.text = "Do you feel safe in your local park?";
  safe.options = {{"yes", "Yes"}, {"no", "No"}, {"not-sure", "Not sure"}};
  safe.feeds = IndicatorFeed{"feel-safe", {"yes"}};
  Question age;
  age.id = "age";
  age.kind = QuestionKind::kNumber;
  age.text = "How old are you?";
  Question words;
  words.id = "words";
  words.kind = QuestionKind::kFreeText;
  words.text = "Tell us more";
  s.sections = {SurveySection{"all", "All", "", {gender, safe, age, words}}};
  s.waves = {{"w1", "Spring 2025", {2025, 3, 1}, {2025, 3, 31}},
             {"w2", "Spring 2026", {2026, 3, 1}, {2026, 3, 31}}};
  return s;
}

void Add(std::vector<SurveyResponseRow>& rows, int n, const std::string& gender,
         const std::string& safe, Date day = kDay) {
  SurveyResponseRow row;
  row.day = day;
  if (!gender.empty()) row.answers["gender"].choices = {gender};
  row.answers["safe"].choices = {safe};
  for (int i = 0; i < n; ++i) rows.push_back(row);
}

// docs/disclosure-control.md's worked example: boys "No" is 5.
std::vector<SurveyResponseRow> WorkedExample() {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 30, "girl", "yes");
  Add(rows, 12, "girl", "no");
  Add(rows, 15, "girl", "not-sure");
  Add(rows, 25, "boy", "yes");
  Add(rows, 5, "boy", "no");
  Add(rows, 14, "boy", "not-sure");
  Add(rows, 20, "", "yes");
  Add(rows, 16, "", "no");
  Add(rows, 11, "", "not-sure");
  return rows;
}

std::vector<Table> TablesOf(const std::vector<SurveyResponseRow>& rows,
                            const std::vector<SurveyResponseRow>* previous = nullptr) {
  std::optional<std::span<const SurveyResponseRow>> before;
  if (previous != nullptr) before = std::span<const SurveyResponseRow>(*previous);
  Result<assess::SurveyResults> r = assess::SurveyWaveResults(SmallSurvey(), "w2", rows, before);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? SurveyResultTables(*r) : std::vector<Table>{};
}

// The CSV's fields, line by line (the test's texts have no commas or quotes).
std::vector<std::vector<std::string>> Fields(const Table& table) {
  Result<std::string> csv = TableCsv(table);
  EXPECT_TRUE(csv.has_value()) << (csv ? "" : csv.error().message);
  std::vector<std::vector<std::string>> lines;
  std::string text = csv ? *csv : "";
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    std::vector<std::string> fields;
    std::string line = text.substr(start, end - start);
    std::size_t from = 0;
    for (std::size_t comma = line.find(','); ; comma = line.find(',', from)) {
      fields.push_back(line.substr(from, comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    lines.push_back(fields);
    start = end + 2;
  }
  return lines;
}

bool HasField(const std::vector<std::vector<std::string>>& lines, const std::string& field) {
  return std::any_of(lines.begin(), lines.end(), [&field](const std::vector<std::string>& l) {
    return std::find(l.begin(), l.end(), field) != l.end();
  });
}

TEST(SurveyResultTablesTest, ASuppressedCellIsWrittenCAndNeverAsItsNumber) {
  const std::vector<Table> tables = TablesOf(WorkedExample());
  const Table* band = FindTable(tables, "safe.by-gender");
  ASSERT_NE(band, nullptr);
  const auto lines = Fields(*band);
  ASSERT_EQ(lines[0], (std::vector<std::string>{"Band", "Option", "Count", "Percent",
                                                "Lower 95%", "Upper 95%"}));
  // Boys, "No": the 5 (primary) and all that would give it back.
  const auto boys_no = std::find_if(lines.begin(), lines.end(), [](const auto& l) {
    return l[0] == "Boy or young man" && l[1] == "No";
  });
  ASSERT_NE(boys_no, lines.end());
  EXPECT_EQ(*boys_no, (std::vector<std::string>{"Boy or young man", "No", "c", "c", "c", "c"}));
  for (const char* hidden : {"5", "12", "14", "15"}) {
    EXPECT_FALSE(HasField(lines, hidden)) << hidden;
  }
  EXPECT_TRUE(HasField(lines, "25"));
  EXPECT_TRUE(HasField(lines, "44"));  // boys' respondents
  EXPECT_TRUE(HasField(lines, "Not stated"));
  // The overall table shows the whole column.
  const auto overall = Fields(*FindTable(tables, "safe"));
  EXPECT_EQ(overall[2][0], "No");
  EXPECT_EQ(overall[2][1], "33");
  EXPECT_FALSE(HasField(overall, "c"));
}

TEST(SurveyResultTablesTest, ASmallOverallCountAndItsPercentagesAreC) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 9, "", "yes");
  Add(rows, 30, "", "no");
  Add(rows, 40, "", "not-sure");
  const auto lines = Fields(*FindTable(TablesOf(rows), "safe"));
  EXPECT_EQ(lines[1], (std::vector<std::string>{"Yes", "c", "c", "c", "c"}));
  EXPECT_FALSE(HasField(lines, "9"));
  // The feed counts "yes", which is hidden: its figures are all c.
  const auto feeds = Fields(*FindTable(TablesOf(rows), "survey.indicator-feeds"));
  EXPECT_EQ(feeds[1], (std::vector<std::string>{"feel-safe", "safe", "c", "c", "c", "c", "c"}));
}

TEST(SurveyResultTablesTest, NamesCaptionsAndEveryTableIsWritable) {
  const std::vector<Table> tables = TablesOf(WorkedExample());
  std::vector<std::string> names;
  for (const Table& t : tables) {
    names.push_back(t.name);
    EXPECT_TRUE(CheckTable(t).has_value()) << t.name;
    EXPECT_FALSE(t.caption.empty()) << t.name;
    EXPECT_EQ(TableFileStem(t), t.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"gender", "safe", "safe.by-gender", "age", "words",
                                             "survey.indicator-feeds"}));
  EXPECT_NE(FindTable(tables, "safe.by-gender")->caption.find("Not stated"), std::string::npos);
  EXPECT_NE(FindTable(tables, "words")->caption.find("not published"), std::string::npos);
  // No previous wave: no change columns.
  EXPECT_EQ(FindTable(tables, "safe")->columns.size(), 5U);
  const auto feeds = Fields(*FindTable(tables, "survey.indicator-feeds"));
  EXPECT_EQ(feeds[1][2], "75");
  EXPECT_EQ(feeds[1][3], "148");
  EXPECT_EQ(feeds[1][4], "50.7");
}

TEST(SurveyResultTablesTest, ChangeColumnsWhenComparedWithThePreviousWave) {
  std::vector<SurveyResponseRow> before;
  Add(before, 40, "", "yes", {2025, 3, 5});
  Add(before, 60, "", "no", {2025, 3, 5});
  std::vector<SurveyResponseRow> now;
  Add(now, 60, "", "yes");
  Add(now, 40, "", "no");
  const std::vector<Table> tables = TablesOf(now, &before);
  const Table* safe = FindTable(tables, "safe");
  ASSERT_NE(safe, nullptr);
  ASSERT_EQ(safe->columns.size(), 7U);
  EXPECT_EQ(safe->columns[5].title, "Change since Spring 2025 (percentage points)");
  const auto lines = Fields(*safe);
  EXPECT_EQ(lines[1][5], "20.0");
  EXPECT_EQ(lines[1][6], "Higher");
  EXPECT_EQ(lines[2][5], "-20.0");
  EXPECT_EQ(lines[2][6], "Lower");
  EXPECT_EQ(lines[3][5], "0.0");  // not sure: 0 of 100 both times
  EXPECT_EQ(lines[3][6], "No significant change");
}

TEST(SurveyResultTablesTest, NumberAndFreeTextSummaries) {
  std::vector<SurveyResponseRow> rows;
  for (int i = 1; i <= 12; ++i) {
    SurveyResponseRow row;
    row.day = kDay;
    row.answers["age"].number = i;
    if (i <= 4) row.answers["words"].text = "my secret";
    rows.push_back(row);
  }
  const std::vector<Table> tables = TablesOf(rows);
  const auto age = Fields(*FindTable(tables, "age"));
  EXPECT_EQ(age[1], (std::vector<std::string>{"12", "6.5", "3.8", "9.2"}));
  const auto words = Fields(*FindTable(tables, "words"));
  EXPECT_EQ(words[1], (std::vector<std::string>{"c"}));
  for (const Table& t : tables) {
    const std::string csv = *TableCsv(t);
    EXPECT_EQ(csv.find("secret"), std::string::npos) << t.name;
  }
}

TEST(SurveyResultTablesTest, NumberColumnsTakeCButNoOtherText) {
  Table table{"T", "", {{"Count", CellKind::kInteger, 0}, {"Share", CellKind::kPercent, 1}}, {}};
  table.rows.push_back({std::string(kSuppressedSymbol), std::string(kSuppressedSymbol)});
  EXPECT_TRUE(CheckTable(table).has_value());
  EXPECT_EQ(*TableCsv(table), "Count,Share\r\nc,c\r\n");
  Result<std::string> book = XlsxBook(std::span(&table, 1), XlsxMeta{"T", "Insight team", "Council", "Spring 2026", 1});
  EXPECT_TRUE(book.has_value()) << (book ? "" : book.error().message);
  table.rows.push_back({std::string("C")});
  EXPECT_FALSE(CheckTable(table).has_value());
  table.rows.back() = {std::string("x")};
  EXPECT_FALSE(CheckTable(table).has_value());
}

TEST(SurveyResultTablesTest, TheWorkbookHoldsEverySurveyTable) {
  const std::vector<Table> tables = TablesOf(WorkedExample());
  Result<std::string> book = XlsxBook(tables, XlsxMeta{"Feeling safe", "Insight team", "Council", "Spring 2026", 1});
  ASSERT_TRUE(book.has_value()) << book.error().message;
  EXPECT_EQ(book->substr(0, 2), "PK");
}

}  // namespace
}  // namespace waymark::report
