// Tests of survey feeds as indicator figures: the share of agreeing respondents becomes the
// indicator's figure for the survey's council and the wave's period, with its count,
// denominator and Wilson interval; a suppressed share is withheld; feeding again changes
// nothing; a survey without a council, or a feed to an indicator that cannot hold a share, is
// refused with nothing kept.
#include "assess/survey_feed.h"

#include <gtest/gtest.h>

#include "assess/area_codes_test_util.h"
#include "core/temp_dir.h"
#include "store/test_database.h"

namespace waymark::assess {
namespace {

Indicator Percentage(std::string id) {
  Indicator i;
  i.id = std::move(id);
  i.title = i.id;
  i.value_type = ValueType::kProportion;
  i.unit = "%";
  i.multiplier = 100;
  i.polarity = Polarity::kHigh;
  i.method = CiMethod::kWilson;
  i.local = true;
  return i;
}

Survey FeedingSurvey() {
  Survey s;
  s.id = "young-people";
  s.title = "Your say";
  s.threshold = 10;
  s.area = std::string(kBarnet);
  Question likert{"friendly", QuestionKind::kLikert, "Barnet is family friendly."};
  likert.scale = "agree5";
  likert.options = *LikertScale("agree5");
  likert.feeds = IndicatorFeed{"friendly-place", {"strongly-agree", "agree"}};
  s.sections = {SurveySection{"main", "Main", "", {likert}}};
  s.waves = {{"w2025", "Winter 2025", {2025, 11, 1}, {2026, 1, 31}},
             {"w2026", "Winter 2026", {2026, 11, 1}, {2027, 1, 31}, "2026/27"}};
  return s;
}

// `agree` of `n` respondents agree; the others disagree.
SurveyResults Results(const Survey& survey, std::string_view wave, int agree, int n) {
  std::vector<SurveyResponseRow> rows;
  for (int i = 0; i < n; ++i) {
    SurveyResponseRow row;
    row.day = FindSurveyWave(survey, wave)->opens;
    row.answers["friendly"].choices = {i < agree ? "agree" : "disagree"};
    rows.push_back(row);
  }
  auto results = SurveyWaveResults(survey, wave, rows);
  EXPECT_TRUE(results.has_value()) << results.error().ToString();
  return *results;
}

TEST(SurveyFeedObservations, TheShareBecomesTheFigureOfTheWavesPeriod) {
  const Survey s = FeedingSurvey();
  auto fed = SurveyFeedObservations(s, s.waves[0], Results(s, "w2025", 42, 60),
                                    {Percentage("friendly-place")});
  ASSERT_TRUE(fed.has_value()) << fed.error().ToString();
  ASSERT_EQ(fed->observations.size(), 1U);
  const Observation& o = fed->observations[0];
  EXPECT_EQ(o.indicator, "friendly-place");
  EXPECT_EQ(o.area, kBarnet);
  EXPECT_EQ(o.period.Label(), "2025");  // the calendar year the wave opens in
  EXPECT_DOUBLE_EQ(o.value, 70);
  EXPECT_DOUBLE_EQ(o.count, 42);
  EXPECT_DOUBLE_EQ(o.denominator, 60);
  // Wilson 95% for 42/60: 57.49% to 80.10%.
  EXPECT_NEAR(o.lower95, 57.4913, 0.001);
  EXPECT_NEAR(o.upper95, 80.1018, 0.001);
  EXPECT_NE(o.note.find("42 of 60 respondents"), std::string::npos);
  EXPECT_TRUE(fed->withheld.empty());
}

TEST(SurveyFeedObservations, AWaveMayNameItsPeriod) {
  const Survey s = FeedingSurvey();
  auto fed = SurveyFeedObservations(s, s.waves[1], Results(s, "w2026", 30, 40),
                                    {Percentage("friendly-place")});
  ASSERT_TRUE(fed.has_value()) << fed.error().ToString();
  ASSERT_EQ(fed->observations.size(), 1U);
  EXPECT_EQ(fed->observations[0].period.Label(), "2026/27");
}

TEST(SurveyFeedObservations, ASuppressedShareIsWithheldOnBothSidesOfTheThreshold) {
  const Survey s = FeedingSurvey();
  const std::vector<Indicator> catalogue = {Percentage("friendly-place")};
  auto nine = SurveyFeedObservations(s, s.waves[0], Results(s, "w2025", 9, 40), catalogue);
  ASSERT_TRUE(nine.has_value());
  EXPECT_TRUE(nine->observations.empty());
  EXPECT_EQ(nine->withheld, std::vector<std::string>{"friendly-place"});
  auto ten = SurveyFeedObservations(s, s.waves[0], Results(s, "w2025", 10, 40), catalogue);
  ASSERT_TRUE(ten.has_value());
  EXPECT_EQ(ten->observations.size(), 1U);
  auto few = SurveyFeedObservations(s, s.waves[0], Results(s, "w2025", 9, 9), catalogue);
  ASSERT_TRUE(few.has_value());
  EXPECT_TRUE(few->observations.empty());  // nine respondents in all
}

TEST(SurveyFeedObservations, RefusesWhatCannotHoldTheFigure) {
  Survey s = FeedingSurvey();
  const SurveyResults results = Results(s, "w2025", 42, 60);
  auto unknown = SurveyFeedObservations(s, s.waves[0], results, {Percentage("other")});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("sections[0].questions[0].feeds.indicator"),
            std::string::npos);
  Indicator rate = Percentage("friendly-place");
  rate.value_type = ValueType::kRate;
  rate.multiplier = 1000;
  auto not_share = SurveyFeedObservations(s, s.waves[0], results, {rate});
  ASSERT_FALSE(not_share.has_value());
  EXPECT_NE(not_share.error().message.find("not a percentage"), std::string::npos);
  s.area.clear();
  auto no_area = SurveyFeedObservations(s, s.waves[0], results, {Percentage("friendly-place")});
  ASSERT_FALSE(no_area.has_value());
  EXPECT_EQ(no_area.error().message.rfind("area:", 0), 0U);
}

class FeedSurveyWaveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    ASSERT_TRUE(store::ListedForBothBackends(WAYMARK_PG_SUITES));
    auto opened = store::OpenStore(database_.location(), store::OpenMode::kCreate);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    const std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                                     {"E12000007", "London", AreaType::kRegion, "E92000001", ""},
                                     {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""}};
    ASSERT_TRUE(store_->SaveAreas(areas, {}).has_value());
    ASSERT_TRUE(store_->SaveIndicators({Percentage("friendly-place")}, 0).has_value());
    audit_.actor = "analyst@barnet.example";
    audit_.via = "waymark survey publish";
  }

  std::size_t FeedAudits() {
    AuditFilter filter;
    filter.action = "survey.feed";
    return store_->ListAudit(filter)->size();
  }

  TempDir dir_;
  store::TestDatabase database_;  // SQLite, or PostgreSQL for the "pg." copies
  std::unique_ptr<store::Store> store_;
  AuditEntry audit_;
};

TEST_F(FeedSurveyWaveTest, KeepsTheFigureWithItsProvenanceAndJudgesIt) {
  const Survey s = FeedingSurvey();
  auto fed = FeedSurveyWave(*store_, s, s.waves[0], Results(s, "w2025", 42, 60), 1700000000,
                            audit_);
  ASSERT_TRUE(fed.has_value()) << fed.error().ToString();
  EXPECT_EQ(fed->stats.inserted, 1U);
  EXPECT_EQ(fed->rejudged.indicators, 1U);
  const auto history = store_->FigureHistory("friendly-place", kBarnet);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 1U);
  EXPECT_EQ(history->at(0).file, "survey young-people, wave w2025");
  EXPECT_EQ(history->at(0).imported_by, "analyst@barnet.example");
  EXPECT_DOUBLE_EQ(history->at(0).count, 42);
  EXPECT_EQ(FeedAudits(), 1U);
  EXPECT_FALSE(store_->ListAssessments("friendly-place", "")->empty());

  // The same results again: nothing changes and nothing more is audited.
  auto again = FeedSurveyWave(*store_, s, s.waves[0], Results(s, "w2025", 42, 60), 1700000100,
                              audit_);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->stats.unchanged, 1U);
  EXPECT_EQ(FeedAudits(), 1U);
}

TEST_F(FeedSurveyWaveTest, ARefusedFeedKeepsNothing) {
  Survey s = FeedingSurvey();
  s.area.clear();
  EXPECT_FALSE(
      FeedSurveyWave(*store_, s, s.waves[0], Results(s, "w2025", 42, 60), 1700000000, audit_)
          .has_value());
  EXPECT_EQ(*store_->CountObservations(), 0U);
  EXPECT_EQ(FeedAudits(), 0U);
}

}  // namespace
}  // namespace waymark::assess
