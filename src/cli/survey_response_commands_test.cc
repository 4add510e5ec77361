// End-to-end tests of `waymark survey responses`: the demo's illustrative responses imported
// into their wave, counted, audited by their count only under the --as user, and shown in the
// wave's results with small cells suppressed; a file with problems refused at FILE:LINE:COL
// with every problem listed and nothing changed; a wave holding aggregates refused; and every
// bad option named.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands_test_util.h"
#include "cli/cycle_test_fixture.h"

namespace waymark::cli {
namespace {

using testing::CycleTest;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kIllustrative =
    kRoot + "/data/surveys/barnet-young-people-winter-2025-illustrative.csv";

// The data rows of a CSV text (its lines after the header, without blank ones).
std::size_t DataRows(const std::string& csv) {
  std::istringstream in(csv);
  std::size_t rows = 0;
  bool quoted = false;
  for (std::string line; std::getline(in, line);) {
    const bool ends_record = !quoted;
    for (const char c : line) {
      if (c == '"') quoted = !quoted;
    }
    if (ends_record && !line.empty()) ++rows;
  }
  return rows - 1;
}

class SurveyResponseCommandsTest : public CycleTest {
 protected:
  void SetUp() override {
    CycleTest::SetUp();
    CliOutput r = Waymark({"areas", "import", kRoot + "/data/areas/areas.csv",
                           kRoot + "/data/areas/barnet_wards_2014.csv"});
    ASSERT_EQ(r.code, 0) << r.err;
    r = Waymark({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"});
    ASSERT_EQ(r.code, 0) << r.err;
    r = Waymark({"survey", "import", kSurveyFile});
    ASSERT_EQ(r.code, 0) << r.err;
    AddUser("admin@barnet.example", "admin");
  }

  CliOutput Import(const std::string& path, const std::string& wave = "winter-2025") {
    return Waymark({"--as", "admin@barnet.example", "survey", "responses", path, "--survey",
                    kSurvey, "--wave", wave});
  }

  // The surveys with their waves' counts and the audit log: what a refused import leaves.
  std::string SurveyState() {
    const CliOutput r = Waymark({"survey", "list", "--format", "csv"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out + Waymark({"audit", "list", "--format", "csv"}).out;
  }

  std::int64_t Responses(const std::string& wave) {
    auto store = OpenStore();
    auto count = store->CountSurveyResponses(kSurvey, wave);
    EXPECT_TRUE(count.has_value()) << count.error().ToString();
    return count.value_or(-1);
  }
};

TEST_F(SurveyResponseCommandsTest, ImportsTheDemosIllustrativeResponses) {
  const std::size_t rows = DataRows(ReadFile(kIllustrative));
  ASSERT_GE(rows, 300u);
  CliOutput r = Import(kIllustrative);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "imported " + std::to_string(rows) +
                       " responses to wave winter-2025 of survey barnet-young-people\n");
  EXPECT_EQ(Responses("winter-2025"), static_cast<std::int64_t>(rows));
  EXPECT_EQ(Responses("winter-2026"), 0);

  // Audited once, by the --as user, with the wave and the count only.
  r = Waymark({"audit", "list", "--action", "survey.responses.import", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("admin@barnet.example"));
  EXPECT_THAT(r.out, HasSubstr("waymark survey responses"));
  EXPECT_THAT(r.out, HasSubstr("\"\"wave\"\":\"\"winter-2025\"\""));
  EXPECT_THAT(r.out, HasSubstr("\"\"count\"\":" + std::to_string(rows)));
  EXPECT_THAT(r.out, Not(HasSubstr("agree")));
  EXPECT_THAT(r.out, Not(HasSubstr("2025-11-")));

  // The results have figures, and the small groups by band are suppressed.
  r = Waymark({"survey", "results", "--survey", kSurvey, "--wave", "winter-2025", "--format", "csv",
               "--output", dir_.File("results")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string overall = ReadFile(dir_.File("results/family-friendly.csv"));
  EXPECT_THAT(overall, HasSubstr("Agree"));
  EXPECT_THAT(overall, Not(HasSubstr(",c,")));
  const std::string by_ward = ReadFile(dir_.File("results/family-friendly.by-ward.csv"));
  EXPECT_THAT(by_ward, HasSubstr(",c"));

  // Responses are anonymous: the same file again is stored again (nothing tells a repeat).
  r = Import(kIllustrative);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Responses("winter-2025"), static_cast<std::int64_t>(2 * rows));
}

TEST_F(SurveyResponseCommandsTest, OneResponseIsCountedInTheSingular) {
  const std::string path =
      WriteFile("one.csv", "day,family-friendly,involved-in-decisions\n2026-11-20,agree,neither\n");
  const CliOutput r = Import(path, "winter-2026");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "imported 1 response to wave winter-2026 of survey barnet-young-people\n");
  EXPECT_EQ(Responses("winter-2026"), 1);
}

TEST_F(SurveyResponseCommandsTest, AFileWithProblemsChangesNothing) {
  const std::string path = WriteFile("paper.csv",
                                     "day,family-friendly,involved-in-decisions,ward\n"
                                     "2025-11-03,agree,agree,E05000043\n"
                                     "2025-11-04,agreed,agree,\n"
                                     "2026-02-01,agree,,E09000003\n");
  const std::string before = SurveyState();
  const CliOutput r = Import(path);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr(path + ":3:12: family-friendly: 'agreed' is not an option"));
  EXPECT_THAT(r.err, HasSubstr(path + ":4:1: day: 2026-02-01 is outside wave 'winter-2025'"));
  EXPECT_THAT(r.err, HasSubstr(path + ":4:18: involved-in-decisions: no answer"));
  EXPECT_THAT(r.err, HasSubstr(path + ":4:19: ward: 'E09000003' is not an option"));
  EXPECT_THAT(r.err, HasSubstr("4 problems found; nothing was stored\n"));
  EXPECT_EQ(SurveyState(), before);
  EXPECT_EQ(Responses("winter-2025"), 0);

  const CliOutput header = Import(WriteFile("header.csv", "family-friendly,colour\nagree,red\n"));
  EXPECT_EQ(header.code, 1);
  EXPECT_THAT(header.err, HasSubstr("header.csv:1:17: Unknown column 'colour'"));
  EXPECT_THAT(header.err, HasSubstr("header.csv:1:1: Column 'day' is missing"));
  EXPECT_EQ(SurveyState(), before);

  const CliOutput binary = Import(WriteFile("book.xlsx", std::string("PK\3\4\0\0", 6)));
  EXPECT_EQ(binary.code, 1);
  EXPECT_THAT(binary.err, HasSubstr("book.xlsx:1:3: this is not a CSV text file"));
  EXPECT_THAT(binary.err, HasSubstr("1 problem found; nothing was stored"));

  const CliOutput missing = Import(dir_.File("missing.csv"));
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("missing.csv: cannot open the file"));
  EXPECT_EQ(SurveyState(), before);
}

TEST_F(SurveyResponseCommandsTest, AWaveOfAggregatesTakesNoResponses) {
  CliOutput r =
      Waymark({"survey", "aggregates", kRoot + "/data/surveys/barnet-young-people-2017.csv",
               "--survey", kSurvey, "--wave", "2017"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string before = SurveyState();
  r = Import(WriteFile("2017.csv",
                       "day,family-friendly,involved-in-decisions\n"
                       "2017-06-01,agree,agree\n"),
             "2017");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("waymark: survey responses: wave: wave '2017' holds results "
                               "imported from elsewhere"));
  EXPECT_EQ(SurveyState(), before);
}

TEST_F(SurveyResponseCommandsTest, BadOptionsAreNamed) {
  const std::string path =
      WriteFile("one.csv", "day,family-friendly,involved-in-decisions\n2025-11-30,agree,neither\n");
  const std::string before = SurveyState();
  CliOutput r = Waymark({"survey", "responses", path, "--survey", "nope", "--wave", "w"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--survey: no survey 'nope' (see 'waymark survey list')"));
  r = Waymark({"survey", "responses", path, "--survey", kSurvey, "--wave", "summer"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--wave: survey 'barnet-young-people' has no wave 'summer'"));
  r = Waymark({"survey", "responses", path, "--survey", kSurvey});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.err, HasSubstr("--wave"));
  r = Waymark({"--as", "nobody@barnet.example", "survey", "responses", path, "--survey", kSurvey,
               "--wave", "winter-2025"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--as"));
  EXPECT_EQ(SurveyState(), before);
  EXPECT_EQ(Responses(""), 0);
}

}  // namespace
}  // namespace waymark::cli
