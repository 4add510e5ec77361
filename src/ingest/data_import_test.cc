// Tests of the data file readers: each format's happy path, GSS symbols, and every bad-input
// case with the position it is reported at.
#include "core/recording_progress.h"
#include "ingest/data_import.h"

#include <thread>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "ingest/csv_reader.h"

namespace waymark::ingest {
namespace {

using ::testing::HasSubstr;

Indicator Make(const std::string& id, SourceFormat format, const std::string& code,
               ValueType type = ValueType::kProportion) {
  Indicator i;
  i.id = id;
  i.title = id;
  i.value_type = type;
  i.source.format = format;
  i.source.code = code;
  return i;
}

const std::unordered_set<std::string> kAreas = {"E92000001", "E12000007", "E09000003"};

struct Run {
  DataImportReport report;
  std::vector<Observation> observations;
  std::vector<std::string> problems;
};

Run Import(SourceFormat format, const std::string& name, const std::string& text,
           const std::vector<Indicator>& catalogue) {
  TempDir dir;
  const std::string path = dir.Write(name, text);
  Run run;
  run.report = ImportDataFile(format, path, catalogue, kAreas, [&](const Observation& o) {
    run.observations.push_back(o);
    return Status{};
  });
  for (const auto& p : run.report.problems) {
    std::string s = p.ToString();
    run.problems.push_back(s.substr(s.rfind('/') + 1));  // drop the temporary directory
  }
  return run;
}

TEST(CsvReaderTest, QuotesNewlinesAndPositions) {
  auto reader = CsvReader::FromString("a,\"b,c\",\"say \"\"hi\"\"\"\r\nx,\"multi\nline\",z\n\nlast", "t.csv");
  CsvRecord r;
  ASSERT_TRUE(*reader->Next(r));
  EXPECT_EQ(r.fields, (std::vector<std::string_view>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(r.columns, (std::vector<int>{1, 3, 9}));
  ASSERT_TRUE(*reader->Next(r));
  EXPECT_EQ(r.fields[1], "multi\nline");
  EXPECT_EQ(r.line, 2);
  ASSERT_TRUE(*reader->Next(r));  // the blank line
  ASSERT_TRUE(*reader->Next(r));
  EXPECT_EQ(r.fields, std::vector<std::string_view>{"last"});
  EXPECT_EQ(r.line, 5);
  EXPECT_FALSE(*reader->Next(r));
}

// Records of varying length, quoted fields with doubled quotes and newlines, and CRLF endings,
// read in blocks of a few bytes so that a block ends at every point of a record (and, with the
// default block, across 1 MiB boundaries).
TEST(CsvReaderTest, RecordsAcrossBlockBoundaries) {
  std::string text = "\xEF\xBB\xBF";
  int lines = 1;
  std::vector<int> starts;
  for (int i = 0; text.size() < (3u << 20); ++i) {
    starts.push_back(lines);
    text += fmt::format("{},\"q\"\"{}\nnext\",{}{}", i, i, std::string(i % 97, 'x'),
                        i % 2 == 0 ? "\r\n" : "\n");
    lines += 2;
  }
  TempDir dir;
  const std::string path = dir.Write("big.csv", text);
  for (const std::size_t block : {std::size_t{1}, std::size_t{2}, std::size_t{7}, CsvReader::kBlock}) {
    auto reader = CsvReader::Open(path, block);
    ASSERT_TRUE(reader.has_value());
    CsvRecord r;
    const std::size_t records = block < 8 ? 2000 : starts.size();
    for (std::size_t i = 0; i < records; ++i) {
      auto more = (*reader)->Next(r);
      ASSERT_TRUE(more.has_value() && *more) << i;
      ASSERT_EQ(r.fields.size(), 3u) << i;
      ASSERT_EQ(r.fields[0], std::to_string(i)) << "block " << block;
      ASSERT_EQ(r.fields[1], fmt::format("q\"{}\nnext", i));
      ASSERT_EQ(r.fields[2], std::string(i % 97, 'x'));
      ASSERT_EQ(r.line, starts[i]);
      ASSERT_EQ(r.columns, (std::vector<int>{1, static_cast<int>(std::to_string(i).size()) + 2, 7}));
    }
    if (records == starts.size()) {
      EXPECT_FALSE(*(*reader)->Next(r));
    }
  }
}

TEST(CsvReaderTest, MalformedQuotesAreErrors) {
  CsvRecord r;
  auto open = CsvReader::FromString("\"never closed,1\n", "t.csv");
  EXPECT_THAT(open->Next(r).error().ToString(), HasSubstr("t.csv:1:1: quoted field is not closed"));
  auto after = CsvReader::FromString("\"a\"b,1\n", "t.csv");
  EXPECT_THAT(after->Next(r).error().ToString(), HasSubstr("t.csv:1:4: unexpected text after a closing quote"));
}

TEST(ParseCellTest, NumbersMissingAndSymbols) {
  std::string reason;
  EXPECT_DOUBLE_EQ(*ParseCell(" 12.5 ", &reason), 12.5);
  EXPECT_DOUBLE_EQ(*ParseCell("-3e2", &reason), -300);
  EXPECT_TRUE(std::isnan(*ParseCell("", &reason)));
  EXPECT_EQ(reason, "");
  for (const char* symbol : {"c", "x", "z", "low", "u", "k", ":", ".."}) {
    EXPECT_TRUE(std::isnan(*ParseCell(symbol, &reason))) << symbol;
    EXPECT_EQ(reason, symbol);
  }
  EXPECT_DOUBLE_EQ(*ParseCell("+7", &reason), 7);
  EXPECT_DOUBLE_EQ(*ParseCell(".5", &reason), 0.5);
  for (const char* bad : {"12a", "1,234", "nan", "inf", "0x10", "--1", "+-1", "++1", "1e999",
                          "1e-400", "+"}) {
    EXPECT_FALSE(ParseCell(bad, &reason).has_value()) << bad;
  }
}

constexpr const char* kFingertipsHeader =
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
    "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI "
    "99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England "
    "value or percentiles,Compared to Regions (statistical) value or percentiles\n";

TEST(DataImportTest, ReadsAFingertipsExport) {
  const std::string text = std::string(kFingertipsHeader) +
      "90284,Injuries,E12000007,London,E09000003,Barnet,UA,Persons,<15 yrs,,,2023/24,59.98,54.6,"
      "65.7,51.7,69.1,450,75000,,No significant change,Better,Similar\n";
  const auto run = Import(SourceFormat::kFingertips, "f.csv", text,
                          {Make("injuries", SourceFormat::kFingertips, "90284", ValueType::kRate)});
  ASSERT_TRUE(run.report.ok()) << (run.problems.empty() ? "" : run.problems[0]);
  ASSERT_EQ(run.observations.size(), 1u);
  const Observation& o = run.observations[0];
  EXPECT_EQ(o.indicator, "injuries");
  EXPECT_EQ(o.period.Label(), "2023/24");
  EXPECT_EQ(o.breakdown.age, "<15 yrs");
  EXPECT_DOUBLE_EQ(o.count, 450);
  EXPECT_DOUBLE_EQ(o.upper998, 69.1);
  EXPECT_EQ(o.published_vs_england, "Better");
  EXPECT_EQ(o.published_vs_region, "Similar");
  EXPECT_EQ(o.source_row, 2);
}

TEST(DataImportTest, FingertipsIndicatorNotInTheCatalogueIsReportedOnce) {
  const std::string row = "1234,X,,,E09000003,Barnet,UA,Persons,All,,,2023,1,,,,,,,,,,\n";
  const auto run = Import(SourceFormat::kFingertips, "f.csv", std::string(kFingertipsHeader) + row + row, {});
  EXPECT_EQ(run.report.problem_count, 1u);
  EXPECT_THAT(run.problems[0], HasSubstr("f.csv:2:1: Fingertips indicator 1234 is not in the catalogue"));
}

TEST(DataImportTest, WrongHeaderIsReported) {
  const auto run = Import(SourceFormat::kFingertips, "f.csv", "measure_short,year_label,area_code,value\n",
                          {});
  EXPECT_THAT(run.problems, ::testing::Contains(HasSubstr("f.csv:1:1: the header has no 'Indicator ID' column")));
}

TEST(DataImportTest, LaitRowsOfOtherMeasuresAreSkipped) {
  const auto run = Import(SourceFormat::kLait, "l.csv",
                          "measure_short,year_label,area_code,value\n"
                          "16-17 NEET,2023,E09000003,0.8\n"
                          "Other,2023,E09000003,5\n"
                          "16-17 NEET,2022/23,E12000007,c\n",
                          {Make("neet", SourceFormat::kLait, "16-17 NEET")});
  ASSERT_TRUE(run.report.ok());
  EXPECT_EQ(run.report.rows, 3u);
  EXPECT_EQ(run.report.skipped, 1u);
  ASSERT_EQ(run.observations.size(), 2u);
  EXPECT_TRUE(std::isnan(run.observations[1].value));
  EXPECT_EQ(run.observations[1].missing_reason, "c");
}

TEST(DataImportTest, EveryBadRowIsReportedWithItsPosition) {
  const auto run = Import(
      SourceFormat::kCsv, "g.csv",
      "indicator,area_code,period,count,denominator,value\n"
      "p,E09000003,2023,5,10,\n"          // good
      "p,E09000099,2023,5,10,\n"          // unknown area
      "p,E09000003,2023,11,10,\n"         // numerator > denominator
      "p,E09000003,2023,-1,10,\n"         // negative count
      "p,E09000003,2023,five,10,\n"       // bad number
      "p,E09000003,20233,5,10,\n"         // bad period
      "q,E09000003,2023,5,10,\n"          // unknown indicator
      "p,E09000003,2024,,,\n",            // nothing at all
      {Make("p", SourceFormat::kCsv, "")});
  EXPECT_EQ(run.observations.size(), 1u);
  EXPECT_THAT(run.problems,
              ::testing::ElementsAre(HasSubstr("g.csv:3:3: unknown area code 'E09000099'"),
                                     HasSubstr("g.csv:4:18: numerator 11 is greater than denominator 10"),
                                     HasSubstr("g.csv:5:18: negative count -1"),
                                     HasSubstr("g.csv:6:18: count: 'five' is not a number"),
                                     HasSubstr("g.csv:7:13: '20233' is not a period label"),
                                     HasSubstr("g.csv:8:1: unknown indicator 'q'"),
                                     HasSubstr("g.csv:9:20: the row has neither a value nor a count")));
}

TEST(DataImportTest, RatesMayExceedTheirDenominator) {
  const auto run = Import(SourceFormat::kCsv, "g.csv",
                          "indicator,area_code,period,count,denominator\nr,E09000003,2023,11,10\n",
                          {Make("r", SourceFormat::kCsv, "", ValueType::kRate)});
  EXPECT_TRUE(run.report.ok());
}

TEST(DataImportTest, EesRowsAreFilteredAndMappedByLevel) {
  Indicator neet = Make("neet", SourceFormat::kEes, "nccis_neet");
  neet.source.value_column = "NEET_percent";
  neet.source.filters = {{"Age", "16-17"}};
  const auto run = Import(
      SourceFormat::kEes, "nccis_neet_2023.csv",
      "time_period,time_identifier,geographic_level,country_code,region_code,new_la_code,Age,NEET_percent\n"
      "2023,Calendar year,National,E92000001,,,16-17,2.8\n"
      "2023,Calendar year,Regional,E92000001,E12000007,,16-17,2.1\n"
      "2023,Calendar year,Local authority,E92000001,E12000007,E09000003,16-17,x\n"
      "2023,Calendar year,Local authority,E92000001,E12000007,E09000003,18,1.0\n"
      "2023,Calendar year,Parliamentary constituency,E92000001,,,16-17,1.0\n",
      {neet});
  ASSERT_TRUE(run.report.ok()) << (run.problems.empty() ? "" : run.problems[0]);
  ASSERT_EQ(run.observations.size(), 3u);
  EXPECT_EQ(run.observations[0].area, "E92000001");
  EXPECT_EQ(run.observations[1].area, "E12000007");
  EXPECT_EQ(run.observations[2].area, "E09000003");
  EXPECT_EQ(run.observations[2].missing_reason, "x");
  EXPECT_EQ(run.report.skipped, 1u);
}

// An indicator with a breakdown column stores each row under its group; a blank or unlisted
// group is refused at its cell.
TEST(DataImportTest, EesGroupsFromABreakdownColumn) {
  Indicator pa = Make("pa", SourceFormat::kEes, "absence_la");
  pa.source.value_column = "pt";
  pa.source.filters = {{"phase", "Total"}};
  BreakdownDimension groups;
  groups.kind = DimensionKind::kSocialCareGroup;
  groups.category_types = {"Social care group"};
  groups.categories = {"CINO", "CLA"};
  groups.comparison = "CINO";
  groups.column = "social_care_group";
  pa.breakdowns = {groups};
  const std::string header =
      "time_period,time_identifier,geographic_level,country_code,region_code,new_la_code,"
      "social_care_group,phase,pt\n";
  const auto run = Import(SourceFormat::kEes, "absence_la.csv",
                          header +
                              "202425,Academic year,Local authority,E92000001,E12000007,E09000003,CINO,Total,22.1\n"
                              "202425,Academic year,Local authority,E92000001,E12000007,E09000003,CLA,Total,18.4\n"
                              "202425,Academic year,Local authority,E92000001,E12000007,E09000003,CLA,Special,c\n",
                          {pa});
  ASSERT_TRUE(run.report.ok()) << (run.problems.empty() ? "" : run.problems[0]);
  ASSERT_EQ(run.observations.size(), 2u);
  EXPECT_EQ(run.observations[0].breakdown.category_type, "Social care group");
  EXPECT_EQ(run.observations[0].breakdown.category, "CINO");
  EXPECT_EQ(run.observations[1].breakdown.category, "CLA");
  EXPECT_DOUBLE_EQ(run.observations[1].value, 18.4);

  const auto unlisted = Import(SourceFormat::kEes, "absence_la.csv",
                               header + "202425,Academic year,National,E92000001,,,CPPO,Total,30\n",
                               {pa});
  EXPECT_THAT(unlisted.problems,
              ::testing::ElementsAre(HasSubstr("absence_la.csv:2:43: 'CPPO' is not one of the "
                                               "groups of indicator 'pa' (CINO, CLA)")));
  EXPECT_TRUE(unlisted.observations.empty());
  const auto blank = Import(SourceFormat::kEes, "absence_la.csv",
                            header + "202425,Academic year,National,E92000001,,,,Total,30\n", {pa});
  EXPECT_THAT(blank.problems, ::testing::ElementsAre(HasSubstr(
                                  "2:43: 'social_care_group' is blank; indicator 'pa' reads its "
                                  "groups from it")));
  const auto lacking = Import(SourceFormat::kEes, "absence_la.csv",
                              "time_period,time_identifier,geographic_level,country_code,phase,pt\n", {pa});
  EXPECT_THAT(lacking.problems, ::testing::ElementsAre(HasSubstr(
                                    "indicator 'pa' reads column 'social_care_group', which this "
                                    "file lacks")));
}

TEST(DataImportTest, EesFileNoIndicatorReadsIsRefused) {
  const auto run = Import(SourceFormat::kEes, "other.csv",
                          "time_period,time_identifier,geographic_level,country_code\n", {});
  EXPECT_THAT(run.problems, ::testing::ElementsAre(HasSubstr("no catalogue indicator reads this EES file")));
}

TEST(DataImportTest, EmptyAndUnreadableFiles) {
  auto empty = Import(SourceFormat::kCsv, "e.csv", "", {});
  ASSERT_TRUE(empty.report.fatal.has_value());
  EXPECT_THAT(empty.report.fatal->ToString(), HasSubstr("e.csv: the file is empty"));
  auto missing = ImportDataFile(SourceFormat::kCsv, "/nonexistent/x.csv", {}, kAreas,
                                [](const Observation&) { return Status{}; });
  EXPECT_EQ(missing.fatal->ToString(), "/nonexistent/x.csv: cannot open file for reading");
}

TEST(DataImportTest, SinkValidationErrorsBecomeRowProblems) {
  TempDir dir;
  const std::string path = dir.Write("g.csv", "indicator,area_code,period,value\np,E09000003,2023,1\n");
  auto report = ImportDataFile(SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")}, kAreas,
                               [](const Observation&) {
                                 return Status(MakeError(ErrorCode::kValidation, "duplicate row"));
                               });
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].pos.line, 2);
  auto fatal = ImportDataFile(SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")}, kAreas,
                              [](const Observation&) {
                                return Status(MakeError(ErrorCode::kDatabase, "disk full"));
                              });
  ASSERT_TRUE(fatal.fatal.has_value());
  EXPECT_EQ(fatal.fatal->message, "disk full");
}

// A Waymark CSV file of `rows` good rows (lines 2 to rows + 1).
std::string ManyRows(int rows) {
  std::string text = "indicator,area_code,period,value\n";
  for (int i = 0; i < rows; ++i) text += fmt::format("p,E09000003,2023,{}\n", i);
  return text;
}

TEST(DataImportTest, ObservationsReachTheSinkInFileOrderOnTheCallingThread) {
  TempDir dir;
  const std::string path = dir.Write("many.csv", ManyRows(30000));
  const auto caller = std::this_thread::get_id();
  int next_line = 2;
  bool same_thread = true;
  auto report = ImportDataFile(SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")}, kAreas,
                               [&](const Observation& o) {
                                 same_thread = same_thread && std::this_thread::get_id() == caller;
                                 EXPECT_EQ(o.source_row, next_line++);
                                 return Status{};
                               });
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.rows, 30000u);
  EXPECT_EQ(report.accepted, 30000u);
  EXPECT_EQ(next_line, 30002);
  EXPECT_TRUE(same_thread);
}


TEST(DataImportTest, ProgressIsTheBytesReadOfTheFileOnTheCallingThread) {
  TempDir dir;
  const std::string text = ManyRows(30000);  // eight batches
  const std::string path = dir.Write("many.csv", text);
  RecordingProgress log;
  std::size_t handed = 0;
  auto report = ImportDataFile(
      SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")}, kAreas,
      [&](const Observation&) {
        ++handed;
        return Status{};
      },
      {}, &log);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(handed, 30000u);
  const std::uint64_t size = text.size();
  ASSERT_GE(log.calls.size(), 3u);
  EXPECT_EQ(log.calls.front(), (std::pair<std::uint64_t, std::uint64_t>{0, size}));
  EXPECT_EQ(log.calls.back(), (std::pair<std::uint64_t, std::uint64_t>{size, size}));
  bool between = false;  // some report part way through the file
  for (std::size_t i = 1; i < log.calls.size(); ++i) {
    EXPECT_GE(log.calls[i].first, log.calls[i - 1].first) << i;
    EXPECT_EQ(log.calls[i].second, size);
    between = between || (log.calls[i].first > 0 && log.calls[i].first < size);
  }
  EXPECT_TRUE(between);
  EXPECT_TRUE(log.same_thread);
}

TEST(DataImportTest, ProgressOfAFileThatStopsEndsWhereTheReadingStopped) {
  TempDir dir;
  std::string text = ManyRows(20000);
  const std::size_t cut = text.find("p,E09000003,2023,100\n");
  text.insert(cut, "p,\"E09000003\"x,2023,1\n");  // a malformed record stops the reading
  const std::string path = dir.Write("bad.csv", text);
  RecordingProgress log;
  auto report = ImportDataFile(SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")},
                               kAreas, [](const Observation&) { return Status{}; }, {}, &log);
  EXPECT_FALSE(report.ok());
  ASSERT_FALSE(log.calls.empty());
  EXPECT_LT(log.calls.back().first, text.size());
  EXPECT_EQ(log.calls.back().second, text.size());
}

TEST(DataImportTest, RowAndSinkProblemsAreReportedTogetherInLineOrder) {
  TempDir dir;
  std::string text = ManyRows(20000);
  // Line 3 and line 19000 get an unknown area; the sink refuses lines 5 and 12000.
  for (int line : {3, 19000}) {
    std::size_t at = 0;
    for (int l = 1; l < line; ++l) at = text.find('\n', at) + 1;
    text.replace(text.find("E09000003", at), 9, "E09999999");
  }
  const std::string path = dir.Write("bad.csv", text);
  auto report = ImportDataFile(SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")}, kAreas,
                               [](const Observation& o) {
                                 if (o.source_row != 5 && o.source_row != 12000) return Status{};
                                 return Status(MakeError(ErrorCode::kValidation, "refused"));
                               });
  EXPECT_EQ(report.problem_count, 4u);
  ASSERT_EQ(report.problems.size(), 4u);
  std::vector<int> lines;
  for (const auto& p : report.problems) lines.push_back(p.pos.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 5, 12000, 19000}));
  EXPECT_EQ(report.problems[1].ToString().substr(report.problems[1].ToString().rfind('/') + 1),
            "bad.csv:5:1: refused");
  EXPECT_EQ(report.accepted, 20000u - 4u);
}

// Fingertips rows are read into reused batch slots: across many batches, with bad rows among
// them and two catalogue indicators reading the same Fingertips indicator, every observation
// arrives once per indicator with its own row's figures and nothing from an earlier row.
TEST(DataImportTest, FingertipsRowsReadIntoReusedSlotsKeepTheirOwnFigures) {
  std::string text = kFingertipsHeader;
  const int rows = 20000;
  for (int i = 0; i < rows; ++i) {
    const bool bad = i % 997 == 0;
    const bool note = i % 3 == 0;
    text += fmt::format("90284,Injuries,E12000007,London,E09000003,Barnet,UA,{},age {},,,{},{},"
                        ",,,,{},1000,{},,Similar,\n",
                        i % 2 == 0 ? "Male" : "Female", i, 2000 + i % 20, bad ? "x1" : "1.5",
                        i, note ? "provisional" : "");
  }
  TempDir dir;
  const std::string path = dir.Write("f.csv", text);
  std::vector<Observation> seen;
  const auto report = ImportDataFile(
      SourceFormat::kFingertips, path,
      {Make("a", SourceFormat::kFingertips, "90284", ValueType::kRate),
       Make("b", SourceFormat::kFingertips, "90284", ValueType::kRate)},
      kAreas, [&](const Observation& o) {
        seen.push_back(o);
        return Status{};
      });
  const int bad_rows = (rows - 1) / 997 + 1;
  EXPECT_EQ(report.problem_count, static_cast<std::size_t>(bad_rows));
  ASSERT_EQ(seen.size(), 2u * (rows - bad_rows));
  for (std::size_t k = 0; k < seen.size(); ++k) {
    const Observation& o = seen[k];
    const int i = o.source_row - 2;
    EXPECT_EQ(o.indicator, k % 2 == 0 ? "a" : "b");
    EXPECT_NE(i % 997, 0);
    EXPECT_DOUBLE_EQ(o.count, i);
    EXPECT_EQ(o.breakdown.age, fmt::format("age {}", i));
    EXPECT_EQ(o.breakdown.sex, i % 2 == 0 ? "Male" : "Female");
    EXPECT_EQ(o.period.start_year, 2000 + i % 20);
    EXPECT_EQ(o.note, i % 3 == 0 ? "provisional" : "");
    EXPECT_TRUE(std::isnan(o.lower95));
    if (k + 1 < seen.size() && k % 2 == 0) {
      EXPECT_EQ(seen[k + 1].source_row, o.source_row);
    }
  }
}

TEST(DataImportTest, AFailingSinkStopsTheReading) {
  TempDir dir;
  const std::string path = dir.Write("many.csv", ManyRows(100000));
  int calls = 0;
  auto report = ImportDataFile(SourceFormat::kCsv, path, {Make("p", SourceFormat::kCsv, "")}, kAreas,
                               [&](const Observation&) {
                                 ++calls;
                                 return Status(MakeError(ErrorCode::kDatabase, "disk full"));
                               });
  ASSERT_TRUE(report.fatal.has_value());
  EXPECT_EQ(calls, 1);
  EXPECT_LT(report.rows, 100000u);  // at most the queued batches were read
}

TEST(DataImportTest, AFailingSinkStopsTheReadingOfAFingertipsExport) {
  std::string text = kFingertipsHeader;
  for (int i = 0; i < 100000; ++i) {
    text += fmt::format("90284,I,,,E09000003,Barnet,UA,Persons,All,,,2023,{},,,,,,,,,,\n", i);
  }
  TempDir dir;
  const std::string path = dir.Write("many.csv", text);
  int calls = 0;
  auto report = ImportDataFile(SourceFormat::kFingertips, path,
                               {Make("p", SourceFormat::kFingertips, "90284")}, kAreas,
                               [&](const Observation&) {
                                 ++calls;
                                 return Status(MakeError(ErrorCode::kDatabase, "disk full"));
                               });
  ASSERT_TRUE(report.fatal.has_value());
  EXPECT_EQ(calls, 1);
  EXPECT_LT(report.rows, 100000u);
}

TEST(ParseCellTest, MinusZeroIsZero) {
  std::string reason;
  for (const char* zero : {"-0", "-0.0", "0", "+0"}) {
    const auto value = ParseCell(zero, &reason);
    ASSERT_TRUE(value.has_value()) << zero;
    EXPECT_EQ(*value, 0.0) << zero;
    EXPECT_FALSE(std::signbit(*value)) << zero;  // shown as "0", not "-0"
  }
  EXPECT_TRUE(std::signbit(*ParseCell("-0.5", &reason)));
}

TEST(DataImportTest, AColumnNamedTwiceIsRefusedAtItsSecondMention) {
  const std::vector<Indicator> catalogue = {Make("neet", SourceFormat::kLait, "16-17 NEET")};
  const auto twice = Import(SourceFormat::kLait, "l.csv",
                            "measure_short,year_label,area_code,value,value\n"
                            "16-17 NEET,2023,E09000003,0.8,0.9\n",
                            catalogue);
  EXPECT_THAT(twice.problems,
              ::testing::ElementsAre("l.csv:1:42: the header names column 'value' twice (columns 4 "
                                     "and 5), so which one to read is unclear"));
  EXPECT_TRUE(twice.observations.empty());
  // Columns without a name may repeat (a spreadsheet's empty columns).
  const auto blank = Import(SourceFormat::kLait, "l.csv",
                            "measure_short,year_label,area_code,value,,\n"
                            "16-17 NEET,2023,E09000003,0.8,,\n",
                            catalogue);
  EXPECT_TRUE(blank.report.ok()) << blank.problems.front();
  EXPECT_EQ(blank.observations.size(), 1u);
}

TEST(DataImportTest, EveryRowHasTheHeadersNumberOfFields) {
  const auto run = Import(SourceFormat::kLait, "l.csv",
                          "measure_short,year_label,area_code,value\n"
                          "16-17 NEET,2021,E09000003,0.8\n"       // good
                          "16-17 NEET,2022,E09000003,0.8,0.9\n"   // one field too many
                          "16-17 NEET,2023,E09000003,0.7\n"       // good
                          "16-17 NEET,2024,E0900\n",              // cut short
                          {Make("neet", SourceFormat::kLait, "16-17 NEET")});
  EXPECT_THAT(run.problems,
              ::testing::ElementsAre("l.csv:3:31: the row has 5 fields where the header has 4",
                                     "l.csv:5:22: the row has 3 fields where the header has 4 (is "
                                     "the file cut short?)"));
  EXPECT_EQ(run.report.rows, 4u);
  EXPECT_EQ(run.observations.size(), 2u);
}

}  // namespace
}  // namespace waymark::ingest
