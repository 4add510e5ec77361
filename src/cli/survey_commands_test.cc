// End-to-end tests of `waymark survey`: Barnet's demo survey imported with the wards of the
// plan's council and listed; a broken copy refused at FILE:LINE:COL with nothing stored; one-time
// codes made and audited; a wave's results written as CSV and Excel with the small band
// suppressed; and every bad option named.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands_test_util.h"
#include "cli/cycle_test_fixture.h"
#include "core/survey.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

using testing::CycleTest;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The fields of a CSV text whose fields hold no commas.
std::vector<std::string> Fields(const std::string& csv) {
  std::vector<std::string> fields;
  for (const std::string& line : Lines(csv)) {
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  }
  return fields;
}

class SurveyCommandsTest : public CycleTest {
 protected:
  void SetUp() override {
    CycleTest::SetUp();
    ASSERT_EQ(Waymark({"areas", "import", kRoot + "/data/areas/areas.csv"}).code, 0);
    ASSERT_EQ(
        Waymark({"indicators", "import", kRoot + "/examples/barnet-2019-23/indicators.toml"}).code,
        0);
  }

  // The wards of Barnet (the plan's council) in the area registry.
  void ImportWards() {
    const CliOutput r = Waymark({"areas", "import", kRoot + "/data/areas/areas.csv",
                                 kRoot + "/data/areas/barnet_wards_2014.csv"});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  void ImportDemo() {
    ImportWards();
    const CliOutput r = Waymark({"survey", "import", kSurveyFile});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // `young` respondents aged 8 to 10 and `older` aged 14 to 16, all agreeing that Barnet is
  // family friendly, on 2026-11-20 (in the wave winter-2026).
  // `young` answers aged 8 to 10, `older` aged 14 to 16, `unstated` without an age.
  void Submit(int young, int older, int unstated = 0) {
    auto store = store::OpenStore(db_, store::OpenMode::kReadWrite);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    for (int i = 0; i < young + older + unstated; ++i) {
      Response r;
      r["family-friendly"] = Answer{{"agree"}};
      r["involved-in-decisions"] = Answer{{i % 2 == 0 ? "agree" : "disagree"}};
      if (i < young + older) r["age"] = Answer{{i < young ? "8-10" : "14-16"}};
      const Status s =
          (*store)->SubmitSurveyResponse(kSurvey, "winter-2026", r, Date{2026, 11, 20}, "");
      ASSERT_TRUE(s.has_value()) << s.error().ToString();
    }
  }

  std::string SurveyState() {
    const CliOutput r = Waymark({"survey", "list", "--format", "csv"});
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out + Waymark({"audit", "list", "--format", "csv"}).out;
  }

  std::string Out(const std::string& name) { return dir_.File(name); }
};

TEST_F(SurveyCommandsTest, ImportsTheDemoSurveyWithTheCouncilsWardsAndListsIt) {
  CliOutput r = Waymark({"survey", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no surveys are stored"));

  // Without the council's wards in the registry the ward question is refused.
  r = Waymark({"survey", "import", kSurveyFile});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(kSurveyFile + ":"));
  EXPECT_THAT(r.err, HasSubstr("needs the list of wards"));
  EXPECT_THAT(Waymark({"survey", "list"}).out, HasSubstr("no surveys are stored"));

  ImportWards();
  r = Waymark({"survey", "import", kSurveyFile});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "imported survey barnet-young-people (18 questions, 3 waves)\n");

  auto store = OpenStore();
  const auto survey = store->FindSurvey(kSurvey);
  ASSERT_TRUE(survey.has_value()) << survey.error().ToString();
  EXPECT_EQ(survey->wards.size(), 21U);  // Barnet's wards of 2014, from the area registry
  for (const SurveyOption& ward : survey->wards) EXPECT_EQ(ward.id.substr(0, 3), "E05");

  r = Waymark({"survey", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("your-say-barnet"));
  EXPECT_THAT(r.out, HasSubstr("winter-2025"));
  r = Waymark({"survey", "list", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("survey,code,title,wave,name,opens,closes,responses\n"));
  EXPECT_THAT(r.out, HasSubstr("barnet-young-people,your-say-barnet,Your say: growing up in "
                               "Barnet,winter-2026,Winter 2026 to 2027,2026-11-01,2027-01-31,0\n"));

  const std::string before = SurveyState();
  r = Waymark({"survey", "import", kSurveyFile});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unchanged survey barnet-young-people\n");
  EXPECT_EQ(SurveyState(), before);

  std::string text = ReadFile(kSurveyFile);
  const std::string title = "title = \"Your say: growing up in Barnet\"";
  text.replace(text.find(title), title.size(), "title = \"Your say: Barnet 2026\"");
  r = Waymark({"survey", "import", WriteFile("renamed.toml", text)});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "updated survey barnet-young-people (18 questions, 3 waves)\n");
  EXPECT_THAT(Waymark({"survey", "list"}).out, HasSubstr("Your say: Barnet 2026"));
  EXPECT_THAT(Waymark({"audit", "list", "--action", "survey.update"}).out,
              HasSubstr("barnet-young-people"));
}

TEST_F(SurveyCommandsTest, ABrokenFileIsRefusedAtItsPositionWithNothingStored) {
  ImportWards();
  std::string text = ReadFile(kSurveyFile);
  const std::string anchor = "threshold = 10\n";
  const std::size_t at = text.find(anchor) + anchor.size();
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  text.insert(at, "colour = \"blue\"\n");
  const std::string path = WriteFile("broken.toml", text);
  const std::string before = SurveyState();

  const CliOutput r = Waymark({"survey", "import", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(path + ":" + std::to_string(line) + ":1:"));
  EXPECT_THAT(r.err, HasSubstr("colour"));
  EXPECT_THAT(r.err, HasSubstr("nothing was stored"));
  EXPECT_EQ(SurveyState(), before);
  EXPECT_THAT(Waymark({"survey", "list"}).out, HasSubstr("no surveys are stored"));

  const CliOutput missing = Waymark({"survey", "import", Out("missing.toml")});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("missing.toml"));
  EXPECT_EQ(SurveyState(), before);
}

TEST_F(SurveyCommandsTest, MakesOneTimeCodesAndAuditsTheirCount) {
  ImportDemo();
  CliOutput r =
      Waymark({"survey", "codes", "--survey", kSurvey, "--wave", "winter-2026", "--count", "5"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> codes = Lines(r.out);
  ASSERT_EQ(codes.size(), 5U);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 5U);
  const std::regex pattern("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{2}");
  for (const std::string& code : codes) EXPECT_TRUE(std::regex_match(code, pattern)) << code;

  const CliOutput audit = Waymark({"audit", "list", "--action", "survey.codes", "--format", "csv"});
  ASSERT_EQ(audit.code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("winter-2026"));
  EXPECT_THAT(audit.out, HasSubstr("count\"\":5"));
  for (const std::string& code : codes) EXPECT_THAT(audit.out, Not(HasSubstr(code)));

  // The limits, both sides: 1 and 10000 are made, 0 and 10001 refused naming --count.
  r = Waymark({"survey", "codes", "--survey", kSurvey, "--wave", "winter-2026", "--count", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 1U);
  r = Waymark({"survey", "codes", "--survey", kSurvey, "--wave", "winter-2026", "--count", "10000",
               "--output", Out("codes.txt")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Lines(ReadFile(Out("codes.txt"))).size(), 10000U);
  const std::string before = SurveyState();
  for (const std::string count : {"0", "10001", "-3", "five", "2.5", ""}) {
    r = Waymark(
        {"survey", "codes", "--survey", kSurvey, "--wave", "winter-2026", "--count", count});
    EXPECT_EQ(r.code, 1) << count;
    EXPECT_THAT(r.err, HasSubstr("--count")) << count;
  }
  r = Waymark({"survey", "codes", "--survey", "nope", "--wave", "winter-2026", "--count", "2"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--survey: no survey 'nope' (see 'waymark survey list')"));
  r = Waymark({"survey", "codes", "--survey", kSurvey, "--wave", "summer", "--count", "2"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--wave: survey 'barnet-young-people' has no wave 'summer'"));
  EXPECT_EQ(SurveyState(), before);
}

TEST_F(SurveyCommandsTest, WritesResultsWithTheSmallBandSuppressed) {
  ImportDemo();
  Submit(3, 22, 10);
  EXPECT_THAT(Waymark({"survey", "list", "--format", "csv"}).out,
              HasSubstr(",2026-11-01,2027-01-31,35\n"));

  CliOutput r = Waymark(
      {"survey", "results", "--survey", kSurvey, "--format", "csv", "--output", Out("csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("family-friendly.csv"));
  const std::string overall = ReadFile(Out("csv/family-friendly.csv"));
  EXPECT_THAT(overall, HasSubstr(",35"));  // the latest wave by default: winter-2026
  const std::string by_age = ReadFile(Out("csv/family-friendly.by-age.csv"));
  EXPECT_THAT(by_age, HasSubstr(",c"));
  for (const std::string& field : Fields(by_age)) EXPECT_NE(field, "3") << by_age;
  // The 3 needs a hidden partner in its column (the total is published): the smallest other
  // band, "Not stated" (10), not the 22, which is shown.
  EXPECT_THAT(by_age, HasSubstr("14 to 16,Agree,22,"));
  EXPECT_THAT(by_age, HasSubstr("Not stated,Agree,c,"));

  // The earlier wave has none of these responses.
  r = Waymark({"survey", "results", "--survey", kSurvey, "--wave", "winter-2025", "--format", "csv",
               "--table", "family-friendly", "--output", Out("2025.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(ReadFile(Out("2025.csv")), Not(HasSubstr(",35")));

  r = Waymark({"survey", "results", "--survey", kSurvey, "--by", "age", "--format", "csv",
               "--output", Out("by-age")});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const auto& entry : std::filesystem::directory_iterator(Out("by-age"))) {
    EXPECT_THAT(entry.path().filename().string(), HasSubstr(".by-age.csv"));
  }
  EXPECT_TRUE(std::filesystem::exists(Out("by-age/family-friendly.by-age.csv")));

  r = Waymark({"survey", "results", "--survey", kSurvey, "--format", "xlsx", "--output",
               Out("results.xlsx")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(Out("results.xlsx")).substr(0, 2), "PK");
}

TEST_F(SurveyCommandsTest, PublishingGivesTheFiguresToTheIndicatorsTheSurveyFeeds) {
  ImportDemo();
  {
    auto store = store::OpenStore(db_, store::OpenMode::kReadWrite);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    for (int i = 0; i < 40; ++i) {  // 30 of 40 agree that Barnet is family friendly
      Response r;
      r["family-friendly"] = Answer{{i < 30 ? "agree" : "disagree"}};
      r["involved-in-decisions"] = Answer{{i < 5 ? "agree" : "disagree"}};  // 5: withheld
      const Status s =
          (*store)->SubmitSurveyResponse(kSurvey, "winter-2025", r, Date{2025, 12, 1}, "");
      ASSERT_TRUE(s.has_value()) << s.error().ToString();
    }
  }
  // The open wave cannot be published; nothing is fed.
  CliOutput r = Waymark({"survey", "publish", "--survey", kSurvey, "--wave", "winter-2026"});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.err, HasSubstr("only once it has closed"));
  r = Waymark({"survey", "publish", "--survey", kSurvey, "--wave", "spring"});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.err, HasSubstr("--wave: survey 'barnet-young-people' has no wave 'spring'"));

  r = Waymark({"survey", "publish", "--survey", kSurvey, "--wave", "winter-2025"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("children-feel-barnet-family-friendly E09000003 2025: 75.0% (30 of 40)"));
  EXPECT_THAT(r.out, HasSubstr("children-involved-in-decisions: withheld"));
  EXPECT_THAT(r.out, HasSubstr("1 new, 0 revised, 0 unchanged; 1 indicators judged again"));
  const std::string audit = Waymark({"audit", "list", "--format", "csv"}).out;
  EXPECT_THAT(audit, HasSubstr("survey.publish"));
  EXPECT_THAT(audit, HasSubstr("survey.feed"));

  auto store = store::OpenStore(db_, store::OpenMode::kReadOnly);
  ASSERT_TRUE(store.has_value());
  const auto history =
      (*store)->FigureHistory("children-feel-barnet-family-friendly", "E09000003");
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 1U);
  EXPECT_EQ(history->at(0).period.Label(), "2025");
  EXPECT_DOUBLE_EQ(history->at(0).value, 75);
  EXPECT_EQ(history->at(0).file, "survey barnet-young-people, wave winter-2025");
  store->reset();

  // Publishing again changes nothing; unpublishing keeps the figures.
  r = Waymark({"survey", "publish", "--survey", kSurvey, "--wave", "winter-2025"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 new, 0 revised, 1 unchanged"));
  r = Waymark({"survey", "unpublish", "--survey", kSurvey, "--wave", "winter-2025"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("indicator figures it gave are kept"));
}

TEST_F(SurveyCommandsTest, ShowsTheSmallBandWhenItReachesTheThreshold) {
  ImportDemo();
  Submit(10, 15);
  const CliOutput r = Waymark({"survey", "results", "--survey", kSurvey, "--table",
                               "family-friendly.by-age", "--output", Out("age.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> fields = Fields(ReadFile(Out("age.csv")));
  EXPECT_NE(std::find(fields.begin(), fields.end(), "10"), fields.end());
}

TEST_F(SurveyCommandsTest, BadResultsOptionsAreNamed) {
  ImportDemo();
  Submit(3, 22);
  const auto results = [this](std::vector<std::string> extra) {
    std::vector<std::string> args = {"survey", "results", "--output", Out("x")};
    args.insert(args.end(), extra.begin(), extra.end());
    return Waymark(args);
  };
  CliOutput r = results({"--survey", "nope"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--survey: no survey 'nope' (see 'waymark survey list')"));
  r = results({"--survey", kSurvey, "--wave", "summer"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--wave: survey 'barnet-young-people' has no wave 'summer'"));
  r = results({"--survey", kSurvey, "--by", "family-friendly"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--by: 'family-friendly' is not an about-you question"));
  EXPECT_THAT(r.err, HasSubstr("age, school-phase, gender, ward, send, care"));
  r = results({"--survey", kSurvey, "--table", "nope"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--table: no table 'nope'"));
  r = results({"--survey", kSurvey, "--format", "xlsx", "--table", "family-friendly"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--table"));
  r = results({"--survey", kSurvey, "--format", "pdf"});
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.err, HasSubstr("--format"));
  EXPECT_FALSE(std::filesystem::exists(Out("x")));
}


TEST_F(SurveyCommandsTest, ImportsThe2017FiguresAsTheFirstWavesResults) {
  ImportDemo();
  const std::string file =
      std::string(WAYMARK_SOURCE_DIR) + "/data/surveys/barnet-young-people-2017.csv";
  CliOutput r = Waymark({"survey", "aggregates", file, "--survey", kSurvey, "--wave", "2017"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("imported 5 results for wave 2017 of survey barnet-young-people"));
  r = Waymark({"survey", "aggregates", file, "--survey", kSurvey, "--wave", "2017"});
  EXPECT_THAT(r.out, HasSubstr("unchanged results of wave 2017"));
  const CliOutput audit =
      Waymark({"audit", "list", "--action", "survey.aggregates", "--format", "csv"});
  EXPECT_EQ(Lines(audit.out).size(), 2U);  // the header and one import

  // The wave's results are the published figures, as published: no counts, no interval.
  r = Waymark({"survey", "results", "--survey", kSurvey, "--wave", "2017", "--table",
               "survey.published", "--output", Out("2017.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string published = ReadFile(Out("2017.csv"));
  EXPECT_THAT(published, HasSubstr("Barnet is a family friendly place to live.,Strongly agree or "
                                   "Agree,,,84.0,,,"));
  EXPECT_EQ(Lines(published).size(), 6U);

  // A wave with responses here takes none; a bad file is refused at its position.
  Submit(1, 0);
  const std::string before = SurveyState();
  r = Waymark({"survey", "aggregates", file, "--survey", kSurvey, "--wave", "winter-2026"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("has 1 responses answered here"));
  const std::string bad = Out("bad.csv");
  std::ofstream(bad) << "question,answers,percent\nfamily-friendly,agree,101\n";
  r = Waymark({"survey", "aggregates", bad, "--survey", kSurvey, "--wave", "2017"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("bad.csv:2:23: percent: A percentage is from 0 to 100"));
  r = Waymark({"survey", "aggregates", file, "--survey", kSurvey, "--wave", "2016"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--wave: survey 'barnet-young-people' has no wave '2016'"));
  EXPECT_EQ(SurveyState(), before);
}

}  // namespace
}  // namespace waymark::cli
