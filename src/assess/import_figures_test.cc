// Tests of the shared import and of re-judging only what an import changed: after an import
// touching one indicator, only its judgements change and every other indicator's stay
// byte-identical; a file with a problem or with binary bytes changes nothing.
#include "assess/import_figures.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "assess/engine.h"
#include "assess/export.h"
#include "assess/rejudge.h"
#include "core/recording_progress.h"
#include "core/temp_dir.h"
#include "store/store.h"
#include "store/test_database.h"

namespace waymark::assess {
namespace {

Indicator Proportion(std::string id) {
  Indicator i;
  i.id = std::move(id);
  i.title = i.id;
  i.value_type = ValueType::kProportion;
  i.unit = "%";
  i.multiplier = 100;
  i.polarity = Polarity::kHigh;
  i.method = CiMethod::kWilson;
  return i;
}

constexpr std::string_view kHeader = "indicator,area_code,period,count,denominator\n";

class ImportFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto opened = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    const std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                                     {"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                                     {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                                     {"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""}};
    ASSERT_TRUE(store_->SaveAreas(areas, {}).has_value());
    ASSERT_TRUE(store_->SaveIndicators({Proportion("p"), Proportion("q")}, 0).has_value());
    std::string rows(kHeader);
    for (const char* id : {"p", "q"}) {
      for (const char* year : {"2021", "2022", "2023"}) {
        rows += fmt::format("{},E92000001,{},5000,10000\n", id, year);
        rows += fmt::format("{},E12000007,{},600,1000\n", id, year);
        rows += fmt::format("{},E09000003,{},55,100\n", id, year);
        rows += fmt::format("{},E09000007,{},40,100\n", id, year);
      }
    }
    auto first = Import(rows, "first.csv", false);
    ASSERT_TRUE(first.has_value() && first->kept());
    AssessEverything();
  }

  Result<FigureImportOutcome> Import(std::string_view text, const std::string& name, bool rejudge) {
    const std::string path = dir_.Write("upload-" + std::to_string(++files_) + ".csv", text);
    return ImportFigureFile(*store_, {SourceFormat::kCsv, path, name, "analyst@barnet.example",
                                      1700000000 + files_, rejudge});
  }

  // What `waymark assess` does: every judgement, recomputed and stored.
  void AssessEverything() {
    const auto table = AssessAll(*store_->ListIndicators(), *store_->LoadObservations(""),
                                 Geography(*store_->ListAreas(), *store_->ListComparatorGroups()));
    ASSERT_TRUE(store_->SaveAssessments(table.ToAssessments()).has_value());
  }

  // The stored judgements of one indicator as the CSV export writes them (every field).
  std::string Judgements(std::string_view id) {
    return AssessmentsCsv(*store_->ListAssessments(id, ""));
  }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::unique_ptr<store::Store> store_;
  int files_ = 0;
};

TEST_F(ImportFiguresTest, OnlyTheIndicatorTheImportChangedIsJudgedAgain) {
  const std::string q_before = Judgements("q");
  const std::string p_before = Judgements("p");
  auto outcome = Import(std::string(kHeader) + "p,E09000003,2023,80,100\n", "barnet.csv", true);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  ASSERT_TRUE(outcome->kept());
  EXPECT_EQ(outcome->stats->revised, 1u);
  EXPECT_EQ(outcome->stats->changed_indicators, std::vector<std::string>{"p"});
  EXPECT_EQ(outcome->rejudged.indicators, 1u);
  EXPECT_EQ(outcome->rejudged.assessments, 12u);
  EXPECT_FALSE(outcome->rejudge_error.has_value());
  EXPECT_EQ(Judgements("q"), q_before);  // byte-identical
  const std::string p_after = Judgements("p");
  EXPECT_NE(p_after, p_before);
  const auto barnet = *store_->ListAssessments("p", "E09000003");
  ASSERT_EQ(barnet.size(), 3u);
  EXPECT_DOUBLE_EQ(barnet[2].value, 80);
  EXPECT_EQ(Words(barnet[2].vs_england), "Better");
  // The same judgements as recomputing everything.
  AssessEverything();
  EXPECT_EQ(Judgements("p"), p_after);
  EXPECT_EQ(Judgements("q"), q_before);
}

TEST_F(ImportFiguresTest, FiguresSentAgainUnchangedJudgeNothingAgain) {
  const std::string p_before = Judgements("p");
  auto outcome = Import(std::string(kHeader) + "p,E09000003,2023,55,100\n", "same.csv", true);
  ASSERT_TRUE(outcome.has_value() && outcome->kept());
  EXPECT_EQ(outcome->stats->unchanged, 1u);
  EXPECT_TRUE(outcome->stats->changed_indicators.empty());
  EXPECT_EQ(outcome->rejudged.indicators, 0u);
  EXPECT_EQ(Judgements("p"), p_before);
}

TEST_F(ImportFiguresTest, WithoutRejudgingTheStoredJudgementsStayAsTheyWere) {
  const std::string p_before = Judgements("p");
  auto outcome = Import(std::string(kHeader) + "p,E09000003,2023,80,100\n", "later.csv", false);
  ASSERT_TRUE(outcome.has_value() && outcome->kept());
  EXPECT_EQ(outcome->rejudged.indicators, 0u);
  EXPECT_EQ(Judgements("p"), p_before);
}

TEST_F(ImportFiguresTest, AProblemInLineThreeKeepsNothingAndIsNamedInTheDisplayName) {
  const std::size_t before = *store_->CountObservations();
  const std::string p_before = Judgements("p");
  auto outcome = Import(std::string(kHeader) +
                            "p,E09000003,2023,80,100\n"
                            "p,E09000003,2022,120,100\n",
                        "figures 2023.csv", true);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_FALSE(outcome->kept());
  ASSERT_EQ(outcome->report.problem_count, 1u);
  EXPECT_EQ(outcome->report.problems[0].ToString(),
            "figures 2023.csv:3:18: numerator 120 is greater than denominator 100");
  EXPECT_EQ(*store_->CountObservations(), before);
  EXPECT_EQ(store_->FigureHistory("p", "E09000003")->size(), 3u);  // no revision either
  EXPECT_EQ(Judgements("p"), p_before);
}

TEST_F(ImportFiguresTest, ABinaryFileIsRefusedBeforeItIsRead) {
  const std::size_t before = *store_->CountObservations();
  auto outcome = Import(std::string("PK\x03\x04\x14\0\0\0", 8), "figures.xlsx", true);
  ASSERT_TRUE(outcome.has_value());
  ASSERT_TRUE(outcome->report.fatal.has_value());
  EXPECT_EQ(outcome->report.fatal->ToString().rfind("figures.xlsx:1:3: this is not a CSV", 0), 0u)
      << outcome->report.fatal->ToString();
  EXPECT_FALSE(outcome->kept());
  EXPECT_EQ(*store_->CountObservations(), before);
}

// An upload that judges again (the web's) leaves no mark of what it judged; one that does not
// (`waymark data import`) leaves the changed indicator marked for `waymark assess`.
TEST_F(ImportFiguresTest, JudgingAgainClearsTheMarksOfTheIndicatorsItJudged) {
  using Ids = std::vector<std::string>;
  ASSERT_EQ(*store_->IndicatorsToJudge(), Ids{});
  const std::string revised_p = std::string(kHeader) + "p,E09000003,2023,60,100\n";
  auto kept = Import(revised_p, "p.csv", false);
  ASSERT_TRUE(kept.has_value() && kept->kept());
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"p"}));
  ASSERT_TRUE(store_->SaveIndicators({Proportion("r")}, 1).has_value());  // "r": never judged
  const std::string revised_q = std::string(kHeader) + "q,E09000003,2023,61,100\n";
  auto judged = Import(revised_q, "q.csv", true);
  ASSERT_TRUE(judged.has_value() && judged->kept());
  EXPECT_EQ(judged->rejudged.indicators, 1u);
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"p", "r"}));  // "q" judged; the others wait
  RecordingProgress log;
  auto rejudged = RejudgeIndicators(*store_, {"p", "r"}, &log);
  ASSERT_TRUE(rejudged.has_value()) << rejudged.error().ToString();
  EXPECT_EQ(log.calls,
            (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 2}, {1, 2}, {2, 2}}));
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
}

TEST_F(ImportFiguresTest, AnIndicatorNotInTheCatalogueLosesItsJudgementsWhenJudgedAgain) {
  Assessment stray;
  stray.indicator = "gone";
  stray.area = "E09000003";
  stray.period = *ParsePeriod("2023");
  stray.value = 1;
  ASSERT_TRUE(store_->ReplaceAssessments({"gone"}, {stray}).has_value());
  const std::string q_before = Judgements("q");
  auto rejudged = RejudgeIndicators(*store_, {"gone"});
  ASSERT_TRUE(rejudged.has_value()) << rejudged.error().ToString();
  EXPECT_EQ(rejudged->indicators, 0u);
  EXPECT_TRUE(store_->ListAssessments("gone", "")->empty());
  EXPECT_EQ(Judgements("q"), q_before);
  auto nothing = RejudgeIndicators(*store_, {});
  ASSERT_TRUE(nothing.has_value());
  EXPECT_EQ(nothing->assessments, 0u);
}

}  // namespace
}  // namespace waymark::assess
