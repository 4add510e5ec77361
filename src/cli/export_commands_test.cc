// End-to-end tests of `waymark export gaps|slopes` on the real published figures the demo loads
// (Fingertips' injury admissions by sex and deprivation decile, DfE's persistent absence by
// social care group): every row's own key, known rows, JSON, an output file and bad input.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assess/export.h"
#include "assess/export_key_test_util.h"
#include "assess/inequality_export.h"
#include "cli/cli_test_util.h"
#include "cli/commands_test_util.h"
#include "core/clock.h"
#include "core/temp_dir.h"
#include "stats/csv.h"

namespace waymark::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kInjuries = "child-injury-admissions";
const std::string kAbsence = "social-care-persistent-absence";

template <std::size_t N>
std::vector<std::string> Strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// Rows of a CSV export by the value of one column.
std::map<std::string, int> CountBy(const std::string& csv, std::string_view column) {
  const auto table = stats::ParseCsv(csv);
  EXPECT_TRUE(table.has_value());
  std::map<std::string, int> counts;
  if (!table) return counts;
  const std::size_t c = *table->Column(column);
  for (const stats::CsvRow& row : table->rows) ++counts[row.fields[c]];
  return counts;
}

// One database for the suite, loaded as the demo loads these two indicators; the tests only
// read it.
class ExportCommandsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->File("w.db");
    const std::vector<std::vector<std::string>> steps = {
        {"plan", "import", kRoot + "/examples/barnet-2019-23/plan.toml"},
        {"areas", "import", kRoot + "/data/areas/areas.csv", "--neighbours",
         kRoot + "/data/areas/statistical_neighbours.csv"},
        {"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"},
        {"data", "import", "--format", "fingertips",
         kRoot + "/data/fingertips/fingertips_90284_child_injury_admissions_regions.csv"},
        {"data", "import", "--format", "fingertips",
         kRoot + "/data/fingertips/fingertips_90284_child_injury_admissions_utla.csv"},
        {"data", "import", "--format", "ees", kRoot + "/data/ees/absence_la.csv"},
        {"assess"}};
    for (const auto& args : steps) {
      const CliOutput r = RunCli(db_, args, TestClock());
      ASSERT_EQ(r.code, 0) << args[0] << ": " << r.err;
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static const Clock& TestClock() {
    static const FixedClock clock{1795378500};
    return clock;
  }

  CliOutput Waymark(std::vector<std::string> args) {
    return RunCli(db_, std::move(args), TestClock());
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* ExportCommandsTest::dir_ = nullptr;
std::string ExportCommandsTest::db_;

TEST_F(ExportCommandsTest, GapsOfEveryIndicatorWithBreakdownsEachWithItsOwnKey) {
  const CliOutput r = Waymark({"export", "gaps"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out,
              ::testing::StartsWith("indicator,dimension,dimension_kind,area_code,period,sex,age,"
                                    "category_type,category,group,comparison,group_value,"
                                    "comparison_value,gap,gap_lower_95,gap_upper_95,gap_lower_99_8,"
                                    "gap_upper_99_8,gap_method,ratio,ratio_lower_95,ratio_upper_95,"
                                    "ratio_method,trend,suppressed,note\n"));
  EXPECT_THAT(assess::RepeatedKeys(r.out, Strings(assess::kGapKey)), IsEmpty());
  // Without the category type, the two editions of the deciles would share keys.
  std::vector<std::string> short_key = Strings(assess::kGapKey);
  std::erase(short_key, "category_type");
  EXPECT_THAT(assess::RepeatedKeys(r.out, short_key), ::testing::Not(IsEmpty()));
  const auto by_indicator = CountBy(r.out, "indicator");
  EXPECT_EQ(by_indicator, (std::map<std::string, int>{{kInjuries, 1069}, {kAbsence, 658}}));
  // Barnet's latest gaps: boys against girls (Byars' rates: the SE of a difference), and
  // looked-after pupils against children in need (counts: Newcombe).
  EXPECT_THAT(r.out, HasSubstr("\nchild-injury-admissions,Sex,sex,E09000003,2023/24,Male,<15 yrs,"
                               ",,Male,Female,66.84997855755405,52.63442021161737,"
                               "14.215558345936682,3.290462441720347,25.140654250153016,"
                               "-3.0098011900007684,31.44091788187413,SE of difference,"
                               "1.270081028512955,"));
  EXPECT_THAT(r.out, HasSubstr("\nsocial-care-persistent-absence,Social care group,"
                               "social-care-group,E09000003,2024/25,Persons,,Social care group,"
                               "CLA 12 months at 31 March,CLA 12 months at 31 March,"
                               "CINO at 31 March,21.35922330097087,41.649899396378274,"
                               "-20.2906760954074,-28.38823889637675,-10.454267969832406,"));
}

TEST_F(ExportCommandsTest, SlopesOfEnglandsDeciles) {
  const CliOutput r = Waymark({"export", "slopes", "--indicator", kInjuries});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(assess::RepeatedKeys(r.out, Strings(assess::kSlopeKey)), IsEmpty());
  // One row per set of deciles with a figure (sex, edition, year); the source's empty sets
  // have none.
  EXPECT_EQ(CountBy(r.out, "area_code"), (std::map<std::string, int>{{"E92000001", 57}}));
  // The same seed gives the same limits every time.
  EXPECT_THAT(r.out, HasSubstr("\nchild-injury-admissions,Deprivation decile of upper-tier "
                               "councils (IMD 2019),E92000001,2023/24,Persons,<15 yrs,\"County & "
                               "UA deprivation deciles in England (IMD2019, 4/23 geography)\","
                               "10,-17.481251223674246,-19.275153501733932,-15.639938903471585,"));
  EXPECT_EQ(Waymark({"export", "slopes", "--indicator", kInjuries}).out, r.out);
  const CliOutput absence = Waymark({"export", "slopes", "--indicator", kAbsence});
  ASSERT_EQ(absence.code, 0);
  EXPECT_EQ(std::count(absence.out.begin(), absence.out.end(), '\n'), 1) << "header only";
}

TEST_F(ExportCommandsTest, ChoosingAreaDimensionAndJson) {
  const CliOutput csv = Waymark(
      {"export", "gaps", "--indicator", kInjuries, "--area", "E09000003", "--dimension", "Sex"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(CountBy(csv.out, "period").size(), 12u);  // 2012/13 to 2023/24
  EXPECT_EQ(CountBy(csv.out, "dimension"), (std::map<std::string, int>{{"Sex", 12}}));
  const CliOutput json = Waymark({"export", "gaps", "--indicator", kInjuries, "--area", "E09000003",
                                  "--dimension", "Sex", "--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc.at("data").size(), 12u);
  const auto& latest = doc.at("data").at(11);
  EXPECT_EQ(latest.at("period"), "2023/24");
  EXPECT_DOUBLE_EQ(latest.at("gap").get<double>(), 14.215558345936682);
  EXPECT_EQ(latest.at("trend"), "No significant change");
  // Barnet has no figures by deprivation decile: no gaps for that breakdown, and no error.
  const CliOutput deciles = Waymark({"export", "gaps", "--area", "E09000003", "--dimension",
                                     "Deprivation decile of upper-tier councils (IMD 2019)"});
  ASSERT_EQ(deciles.code, 0) << deciles.err;
  EXPECT_EQ(std::count(deciles.out.begin(), deciles.out.end(), '\n'), 1);
  const CliOutput plain = Waymark({"export", "gaps", "--indicator", "re-referrals-12-months"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(std::count(plain.out.begin(), plain.out.end(), '\n'), 1) << "no breakdowns";
}

TEST_F(ExportCommandsTest, OutputFile) {
  const std::string file = dir_->File("slopes.json");
  const CliOutput r = Waymark({"export", "slopes", "--area", "E92000001", "--dimension",
                               "Deprivation decile of lower-tier councils (IMD 2019)", "--format",
                               "json", "-o", file});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = nlohmann::json::parse(text.str());
  ASSERT_FALSE(doc.at("data").empty());
  for (const auto& row : doc.at("data")) {
    EXPECT_EQ(row.at("dimension"), "Deprivation decile of lower-tier councils (IMD 2019)");
  }
  // The judgements' export writes its file the same way.
  const std::string assessments = dir_->File("assessments.csv");
  ASSERT_EQ(Waymark({"export", "assessments", "--indicator", kAbsence, "-o", assessments}).code, 0);
  std::ifstream csv(assessments);
  std::string header;
  std::getline(csv, header);
  EXPECT_THAT(header, ::testing::StartsWith("indicator,area_code,period,"));
  // Written a series at a time, the file is the standard output's text, byte for byte.
  std::stringstream whole;
  whole << header << '\n' << csv.rdbuf();
  EXPECT_EQ(whole.str(), Waymark({"export", "assessments", "--indicator", kAbsence}).out);
}

TEST_F(ExportCommandsTest, AnExportThatCannotBeFinishedLeavesNothingBehind) {
  // The path is a directory: the export is written beside it and cannot take its place.
  const std::string taken = dir_->File("taken");
  std::filesystem::create_directory(taken);
  std::ofstream(taken + "/inside.txt") << "kept";
  const CliOutput r = Waymark({"export", "assessments", "-o", taken});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "waymark: export assessments: " + taken + ": cannot write file\n");
  EXPECT_TRUE(std::filesystem::is_directory(taken));
  EXPECT_TRUE(std::filesystem::exists(taken + "/inside.txt"));
  EXPECT_FALSE(std::filesystem::exists(taken + ".partial"));
}

TEST_F(ExportCommandsTest, ADeviceOrPipeIsWrittenToAsItIs) {
  const std::vector<std::string> args = {"export", "gaps", "--area", "E09000003"};
  const std::string expected = Waymark(args).out;
  ASSERT_GT(expected.size(), 100u);
  ASSERT_LT(expected.size(), 60000u);  // fits in the pipe, so that writing it never waits
  const std::string pipe = dir_->File("pipe");
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  // The reading end opened first and without waiting, so that the export's open does not wait.
  const int reader = open(pipe.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  std::vector<std::string> to_pipe = args;
  to_pipe.insert(to_pipe.end(), {"-o", pipe});
  const CliOutput r = Waymark(to_pipe);
  std::string got(65536, '\0');
  const ssize_t n = read(reader, got.data(), got.size());
  close(reader);
  EXPECT_EQ(r.code, 0) << r.err;
  got.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  EXPECT_EQ(got, expected);
  // The pipe is still a pipe: no finished file took its place.
  EXPECT_TRUE(std::filesystem::is_fifo(pipe));
  EXPECT_FALSE(std::filesystem::exists(pipe + ".partial"));
}

TEST_F(ExportCommandsTest, BadSelectionsAreRefusedWithNothingWritten) {
  const std::pair<std::vector<std::string>, std::string> bad[] = {
      {{"export", "gaps", "--indicator", "nope"}, "waymark: export gaps: no indicator 'nope'\n"},
      {{"export", "slopes", "--area", "E09999999"},
       "waymark: export slopes: area must be the code of a known area, such as E09000003\n"},
      {{"export", "gaps", "--indicator", kAbsence, "--dimension", "Sex"},
       "waymark: export gaps: dimension must be the label of one of the indicator's breakdowns: "
       "Social care group\n"},
      {{"export", "gaps", "--indicator", kInjuries, "-o", dir_->File("no/such/dir/gaps.csv")},
       "waymark: export gaps: " + dir_->File("no/such/dir/gaps.csv") + ": cannot write file\n"},
      {{"export", "assessments", "--indicator", "nope"},
       "waymark: export assessments: no indicator 'nope'\n"},
      {{"export", "assessments", "--indicator", kAbsence, "--area", "E09999999"},
       "waymark: export assessments: area must be the code of a known area, such as "
       "E09000003\n"},
      {{"export", "assessments", "--area", "barnet", "-o", dir_->File("never.csv")},
       "waymark: export assessments: area must be the code of a known area, such as "
       "E09000003\n"}};
  for (const auto& [args, message] : bad) {
    const CliOutput r = Waymark(args);
    EXPECT_EQ(r.code, 1) << args[1];
    EXPECT_EQ(r.err, message);
    EXPECT_EQ(r.out, "");
  }
  const CliOutput format = Waymark({"export", "gaps", "--format", "xml"});
  EXPECT_NE(format.code, 0);
  EXPECT_THAT(format.err, HasSubstr("--format"));
  EXPECT_EQ(format.out.find("indicator,"), std::string::npos);
  EXPECT_NE(Waymark({"export", "assessments", "--format", "json"}).code, 0);  // CSV only
  EXPECT_FALSE(std::filesystem::exists(dir_->File("never.csv")));
  // A known area with no judgements of the indicator is an empty export, not an error.
  const CliOutput none =
      Waymark({"export", "assessments", "--indicator", kAbsence, "--area", "E06000001"});
  EXPECT_EQ(none.code, 0) << none.err;
  EXPECT_EQ(none.out, std::string(assess::AssessmentsCsvHeader()));
}

}  // namespace
}  // namespace waymark::cli
