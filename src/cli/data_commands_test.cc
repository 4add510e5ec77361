// End-to-end tests of areas, indicators, data, assess and export through the command line.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assess/export_key_test_util.h"
#include "cli/cli.h"
#include "cli/cli_test_util.h"
#include "cli/commands_test_util.h"
#include "core/clock.h"
#include "core/temp_dir.h"

namespace waymark::cli {
namespace {

using ::testing::HasSubstr;

class DataCommandsTest : public ::testing::Test {
 protected:
  CliOutput Waymark(std::vector<std::string> args) { return RunCli(db_, std::move(args), clock_); }
  void SetUp() override {
    ASSERT_EQ(Waymark({"plan", "import", kRoot + "/examples/barnet-2019-23/plan.toml"}).code, 0);
    ASSERT_EQ(Waymark({"areas", "import", kRoot + "/data/areas/areas.csv", "--neighbours",
                       kRoot + "/data/areas/statistical_neighbours.csv"}).code, 0);
    const auto r = Waymark({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  TempDir dir_;
  std::string db_ = dir_.File("w.db");
  FixedClock clock_{1795378500};
};

TEST_F(DataCommandsTest, ImportAssessExport) {
  auto r = Waymark({"data", "import", "--format", "ees",
                    kRoot + "/data/ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("611 new"));
  r = Waymark({"assess"});
  ASSERT_EQ(r.code, 0) << r.err;
  r = Waymark({"export", "assessments", "--indicator", "re-referrals-12-months", "--area", "E09000003",
               "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header, row;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "indicator,area_code,period,sex,age,category_type,category,value,lower_95,upper_95,"
            "lower_99_8,upper_99_8,count,denominator,compared_to_england,comparison_basis,"
            "compared_to_region,recent_trend,quintile,rank_london,rank_neighbours,rag");
  int rows = 0;
  while (std::getline(lines, row)) {
    EXPECT_THAT(row, ::testing::StartsWith("re-referrals-12-months,E09000003,"));
    ++rows;
  }
  EXPECT_EQ(rows, 13);  // 2013 to 2025
  // 2025: 407 re-referrals of 2,751 referrals (DfE table C1), Wilson interval computed.
  EXPECT_THAT(r.out, HasSubstr("re-referrals-12-months,E09000003,2025,Persons,,,,14.79462013813159,"));
}

// Fingertips publishes the injury indicator's deprivation deciles in two sets ("County & UA"
// and "District & UA") with the same category names: the export tells them apart.
TEST_F(DataCommandsTest, ExportedFingertipsDecilesEachHaveTheirOwnKey) {
  auto r = Waymark({"data", "import", "--format", "fingertips",
                    kRoot + "/data/fingertips/fingertips_90284_child_injury_admissions_utla.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(Waymark({"assess"}).code, 0);
  r = Waymark({"export", "assessments", "--indicator", "child-injury-admissions"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(assess::RepeatedKeys(r.out, assess::kAssessmentKey), ::testing::IsEmpty());
  std::vector<std::string> without_type = assess::kAssessmentKey;
  std::erase(without_type, "category_type");
  EXPECT_GT(assess::RepeatedKeys(r.out, without_type).size(), 100u);
  // England's most deprived decile of 2023/24, once per set (its Fingertips rows).
  const std::string england = "\nchild-injury-admissions,E92000001,2023/24,Persons,<15 yrs,";
  const std::string decile = " deprivation deciles in England (IMD2019, 4/23 geography)\","
                             "Most deprived decile (IMD2019),";
  EXPECT_THAT(r.out, HasSubstr(england + "\"County & UA" + decile + "83.407956"));
  EXPECT_THAT(r.out, HasSubstr(england + "\"District & UA" + decile + "83.462050"));
}

// Every export keeps two figures apart that differ only in their category type: a file of
// this program's own format with both, then the export, the history and its text.
TEST_F(DataCommandsTest, FiguresThatDifferOnlyInCategoryTypeStayApart) {
  const std::string file = dir_.Write(
      "deciles.csv",
      "indicator,area_code,period,sex,age,category_type,category,count,denominator\n"
      "care-leavers-eet-17-18,E09000003,2024,Persons,,County & UA deciles,Most deprived,40,70\n"
      "care-leavers-eet-17-18,E09000003,2024,Persons,,District & UA deciles,Most deprived,30,70\n"
      "care-leavers-eet-17-18,E09000003,2024,Persons,,,,50,70\n");
  auto r = Waymark({"data", "import", "--format", "csv", file});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("3 new"));
  ASSERT_EQ(Waymark({"assess"}).code, 0);
  r = Waymark({"export", "assessments", "--area", "E09000003"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4) << r.out;
  EXPECT_THAT(assess::RepeatedKeys(r.out, assess::kAssessmentKey), ::testing::IsEmpty());
  const std::string row = "\ncare-leavers-eet-17-18,E09000003,2024,Persons,,";
  EXPECT_THAT(r.out, HasSubstr(row + "County & UA deciles,Most deprived,57.142857142857"));
  EXPECT_THAT(r.out, HasSubstr(row + "District & UA deciles,Most deprived,42.857142857142"));
  EXPECT_THAT(r.out, HasSubstr(row + ",,71.428571428571"));
  const std::vector<std::string> history = {"data", "history", "--indicator",
                                            "care-leavers-eet-17-18", "--area", "E09000003"};
  std::vector<std::string> csv_history = history;
  csv_history.insert(csv_history.end(), {"--format", "csv"});
  r = Waymark(csv_history);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(assess::RepeatedKeys(r.out, {"period", "sex", "age", "category_type", "category",
                                           "replaced_at"}),
              ::testing::IsEmpty());
  r = Waymark(history);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Persons, County & UA deciles, Most deprived "));
  EXPECT_THAT(r.out, HasSubstr("Persons, District & UA deciles, Most deprived "));
}

// `assess` judges only the indicators whose judgements are out of date, and what it stores is
// what judging everything again stores, byte for byte.
TEST_F(DataCommandsTest, AssessJudgesOnlyWhatIsOutOfDateAndAgreesWithAFullRecompute) {
  auto r = Waymark({"data", "import", "--format", "ees",
                    kRoot + "/data/ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  r = Waymark({"data", "import", "--format", "fingertips",
               kRoot + "/data/fingertips/fingertips_90284_child_injury_admissions_utla.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  // The first run judges every indicator, as `--all` does, and says so in the same words.
  const auto first = Waymark({"assess"});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, "assessed 2644 observations of 72 indicators\n");
  EXPECT_EQ(Waymark({"assess"}).out, "assessed 0 observations of 0 indicators; 72 already up to date\n");
  // The catalogue imported again unchanged leaves everything up to date.
  ASSERT_EQ(Waymark({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"}).code, 0);
  EXPECT_EQ(Waymark({"assess"}).out, "assessed 0 observations of 0 indicators; 72 already up to date\n");

  // One new period of one indicator: only that indicator is judged again.
  const std::string new_period = dir_.Write(
      "2026.csv",
      "indicator,area_code,period,count,denominator\n"
      "re-referrals-12-months,E09000003,2026,400,2700\n"
      "re-referrals-12-months,E92000001,2026,120000,560000\n");
  r = Waymark({"data", "import", "--format", "csv", new_period});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_THAT(r.out, HasSubstr("2 new"));
  const auto again = Waymark({"assess"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out, "assessed 613 observations of 1 indicator; 71 already up to date\n");
  const auto incremental = Waymark({"export", "assessments"});
  ASSERT_EQ(incremental.code, 0) << incremental.err;
  EXPECT_THAT(incremental.out, HasSubstr("\nre-referrals-12-months,E09000003,2026,Persons,"));
  EXPECT_THAT(incremental.out, HasSubstr("\nchild-injury-admissions,E09000003,"));

  const auto all = Waymark({"assess", "--all"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(all.out, "assessed 2646 observations of 72 indicators\n");  // two more
  const auto full = Waymark({"export", "assessments"});
  ASSERT_EQ(full.code, 0) << full.err;
  EXPECT_EQ(incremental.out, full.out);
}

TEST_F(DataCommandsTest, BadDataFileChangesNothing) {
  const std::string bad = dir_.Write("bad.csv",
                                     "indicator,area_code,period,count,denominator\n"
                                     "care-leavers-eet-17-18,E09000003,2024,50,70\n"
                                     "care-leavers-eet-17-18,E09000003,2023,80,70\n"
                                     "care-leavers-eet-17-18,X99,2023,1,70\n");
  const auto r = Waymark({"data", "import", "--format", "csv", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(bad + ":3:"));
  EXPECT_THAT(r.err, HasSubstr("numerator 80 is greater than denominator 70"));
  EXPECT_THAT(r.err, HasSubstr(bad + ":4:"));
  EXPECT_THAT(r.err, HasSubstr("2 problems found; nothing was imported"));
  const auto e = Waymark({"export", "assessments"});
  EXPECT_EQ(std::count(e.out.begin(), e.out.end(), '\n'), 1) << "only the header";
  ASSERT_EQ(Waymark({"assess"}).code, 0);
  EXPECT_THAT(Waymark({"assess"}).out, HasSubstr("assessed 0 observations"));
}

TEST_F(DataCommandsTest, ConflictingDuplicateRowsAreReportedAtTheirLines) {
  const std::string bad = dir_.Write("dup.csv",
                                     "indicator,area_code,period,count,denominator\n"
                                     "care-leavers-eet-17-18,E09000003,2024,50,70\n"
                                     "care-leavers-eet-17-18,E09000003,2024,50,70\n"
                                     "care-leavers-eet-17-18,E09000003,2023,40,70\n"
                                     "care-leavers-eet-17-18,E09000003,2024,51,70\n");
  const auto r = Waymark({"data", "import", "--format", "csv", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(bad + ":5:1: conflicting duplicate row: indicator "
                                     "'care-leavers-eet-17-18', area E09000003, period 2024 was "
                                     "already given with other figures on line 2"));
  EXPECT_THAT(r.err, HasSubstr("1 problem found; nothing was imported"));
  const auto h = Waymark({"data", "history", "--indicator", "care-leavers-eet-17-18", "--area",
                          "E09000003"});
  ASSERT_EQ(h.code, 0) << h.err;
  EXPECT_EQ(h.out, "no figures of 'care-leavers-eet-17-18' for E09000003\n");
}

TEST_F(DataCommandsTest, HistoryShowsProvenanceRevisionsAndHidesSmallCounts) {
  const std::string first = dir_.Write("first.csv",
                                       "indicator,area_code,period,count,denominator\n"
                                       "care-leavers-eet-17-18,E09000003,2023,40,70\n"
                                       "care-leavers-eet-17-18,E09000003,2024,3,70\n");
  ASSERT_EQ(Waymark({"data", "import", "--format", "csv", first}).code, 0);
  const std::string second = dir_.Write("second.csv",
                                        "indicator,area_code,period,count,denominator\n"
                                        "care-leavers-eet-17-18,E09000003,2024,35,70\n");
  const auto imported = Waymark({"data", "import", "--format", "csv", second});
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("0 new, 1 revised"));
  const auto csv = Waymark({"data", "history", "--indicator", "care-leavers-eet-17-18", "--area",
                            "E09000003", "--format", "csv"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  // The revised 2024 figure of 3 (under the threshold of 5) keeps its provenance but not its
  // numbers.
  EXPECT_EQ(csv.out,
            "period,sex,age,category_type,category,value,lower_95,upper_95,count,denominator,"
            "missing_reason,file,row,imported_at,imported_by,replaced_at\n"
            "2023,Persons,,,,,,,40,70,," + first + ",2,2026-11-22T20:15:00Z,"
            "analyst,\n"
            "2024,Persons,,,,,,,35,70,," + second + ",2,2026-11-22T20:15:00Z,analyst,\n"
            "2024,Persons,,,,,,,,,," + first + ",3,2026-11-22T20:15:00Z,analyst,2026-11-22T20:15:00Z\n");
  const auto text = Waymark({"data", "history", "--indicator", "care-leavers-eet-17-18",
                             "--area", "E09000003"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("suppressed (small count)"));
  EXPECT_THAT(text.out, HasSubstr(second + ":2"));
  EXPECT_THAT(text.out, ::testing::Not(HasSubstr(" 3/70")));
  const auto unknown = Waymark({"data", "history", "--indicator", "nope", "--area", "E09000003"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no indicator 'nope'"));
  const auto nowhere =
      Waymark({"data", "history", "--indicator", "care-leavers-eet-17-18", "--area", "E09999999"});
  EXPECT_EQ(nowhere.code, 1);
  EXPECT_EQ(nowhere.err, "waymark: area must be the code of a known area, such as E09000003\n");
  EXPECT_EQ(nowhere.out, "");
}

TEST_F(DataCommandsTest, IndicatorsListAndShow) {
  const auto list = Waymark({"indicators", "list", "--format", "csv"});
  ASSERT_EQ(list.code, 0);
  EXPECT_THAT(list.out, ::testing::StartsWith("id,title,value_type,"));
  EXPECT_THAT(list.out, HasSubstr("\nneet-16-17,"));
  const auto show = Waymark({"indicators", "show", "neet-16-17"});
  EXPECT_THAT(show.out, HasSubstr("\"polarity\": \"low\""));
  EXPECT_EQ(Waymark({"indicators", "show", "nope"}).code, 1);
}

TEST_F(DataCommandsTest, CatalogueNamingAnAbsentPlanIsRefused) {
  const std::string other = dir_.Write("c.toml", "[catalogue]\nplan = \"elsewhere\"\n");
  const auto r = Waymark({"indicators", "import", other});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("names plan 'elsewhere', which is not in the database"));
}

TEST_F(DataCommandsTest, WardsTheirOutlinesAndFiguresAreImported) {
  const std::string wards = kRoot + "/data/areas/barnet_wards_2014.csv";
  auto r = Waymark({"areas", "import", wards});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("parent 'E09000003' is not an area of this file"));
  r = Waymark({"areas", "import", kRoot + "/data/areas/areas.csv", wards});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("imported 194 areas"));

  const std::string outlines = kRoot + "/data/geography/barnet_wards_2014.geojson";
  r = Waymark({"areas", "boundaries", outlines});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(outlines + ": /features/0: feature 1 has no text property 'code'"));
  r = Waymark({"areas", "boundaries", kRoot + "/data/geography/barnet_wards_2022.geojson",
               "--code-property", "WD22CD"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "imported 0 boundaries; skipped 24 features of unknown areas (E05013628, E05013629, "
            "E05013630, E05013631, E05013632, …)\n");
  r = Waymark({"areas", "boundaries", outlines, "--code-property", "ward_code"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "imported 21 boundaries\n");

  r = Waymark(
      {"data", "import", "--format", "csv", kRoot + "/data/deprivation/barnet_wards_imd2019.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("42 new"));
  ASSERT_EQ(Waymark({"assess"}).code, 0);
  r = Waymark({"export", "assessments", "--indicator", "ward-idaci-2019", "--format", "csv"});
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 22) << "header and 21 wards";
  // A ward has no England, London or council benchmark here: nothing compared, ranked or banded.
  EXPECT_THAT(r.out, HasSubstr("\nward-idaci-2019,E05000044,2019,Persons,,,,20.6553,,,,,,,"
                               "Not compared,\"not compared: no interval, and fifths are among "
                               "councils only\",Not compared,Cannot be calculated,,,,\n"));
}

TEST_F(DataCommandsTest, BadAreasFileIsRefused) {
  const std::string bad = dir_.Write("areas.csv", "code,name,type,parent_code,old_code\nE1,One,planet,,\nE1,Again,council,E9,\n");
  const auto r = Waymark({"areas", "import", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("areas.csv:2:8: unknown area type 'planet'"));
  EXPECT_THAT(r.err, HasSubstr("areas.csv:3:1: duplicate area code 'E1' (first on line 2)"));
  EXPECT_THAT(r.err, HasSubstr("areas.csv:3:18: parent 'E9' is not an area of this file"));
}

}  // namespace
}  // namespace waymark::cli
