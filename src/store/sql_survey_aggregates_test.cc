// Tests of survey aggregates in the store: a round trip in the imported order, the audit row
// (written once, not again for the same rows), removal, and refusals that change nothing: bad
// rows, unknown survey or wave, a wave with responses, and responses to a wave of aggregates.
#include <gtest/gtest.h>

#include "store/survey_test_fixture.h"

namespace waymark::store {
namespace {

class StoreSurveyAggregatesTest : public SurveyStoreTest {
 protected:
  void SetUp() override {
    SurveyStoreTest::SetUp();
    Save(MiniSurvey());
  }
  static std::vector<SurveyAggregate> Rows() {
    return {{"feel", {"agree"}, 54.0, std::nullopt, std::nullopt, "The 2017 report"},
            {"likes", {"yes"}, std::nullopt, 40, 50, ""},
            {"which", {"cat", "dog"}, 62.5, 25, 40, "Table 3"}};
  }
  Status SaveRows(const std::vector<SurveyAggregate>& rows, std::string_view wave = "w1") {
    return store_->SaveSurveyAggregates("mini", wave, rows, kSurveyNow, SurveyAudit());
  }
  std::int64_t AggregateAudits() {
    return *db().QueryInt("SELECT count(*) FROM audit_log WHERE action = 'survey.aggregates'");
  }
};

TEST_F(StoreSurveyAggregatesTest, RoundTripInTheImportedOrderAuditedOnce) {
  ASSERT_TRUE(SaveRows(Rows()).has_value());
  auto listed = store_->ListSurveyAggregates("mini", "w1");
  ASSERT_TRUE(listed.has_value()) << listed.error().ToString();
  EXPECT_EQ(*listed, Rows());
  EXPECT_EQ(AggregateAudits(), 1);
  ASSERT_TRUE(SaveRows(Rows()).has_value());  // the same rows again: nothing written
  EXPECT_EQ(AggregateAudits(), 1);
  EXPECT_TRUE(store_->ListSurveyAggregates("mini", "w2")->empty());

  std::vector<SurveyAggregate> fewer = Rows();
  fewer.pop_back();
  ASSERT_TRUE(SaveRows(fewer).has_value());
  EXPECT_EQ(*store_->ListSurveyAggregates("mini", "w1"), fewer);
  ASSERT_TRUE(SaveRows({}).has_value());
  EXPECT_TRUE(store_->ListSurveyAggregates("mini", "w1")->empty());
  EXPECT_EQ(AggregateAudits(), 3);
}

TEST_F(StoreSurveyAggregatesTest, RefusalsChangeNothing) {
  ASSERT_TRUE(SaveRows(Rows()).has_value());
  const std::int64_t audits = AuditCount();
  std::vector<SurveyAggregate> bad = Rows();
  bad[1].count = 51;
  Status s = SaveRows(bad);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("rows[1].count"), std::string::npos) << s.error().message;
  s = SaveRows(Rows(), "w9");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  s = store_->SaveSurveyAggregates("nope", "w1", Rows(), kSurveyNow, SurveyAudit());
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*store_->ListSurveyAggregates("mini", "w1"), Rows());
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_FALSE(store_->ListSurveyAggregates("mini", "w9").has_value());
}

TEST_F(StoreSurveyAggregatesTest, AWaveHasResponsesOrAggregatesNeverBoth) {
  Submit(MiniResponse(), {2026, 11, 10}, "w2");
  Status s = SaveRows(Rows(), "w2");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->ListSurveyAggregates("mini", "w2")->empty());

  ASSERT_TRUE(SaveRows(Rows(), "w1").has_value());
  s = store_->SubmitSurveyResponse("mini", "w1", MiniResponse(), {2025, 11, 10}, "");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("w1"), 0);
}

TEST_F(StoreSurveyAggregatesTest, ASurveyMayNotDropWhatAggregatesCountButMayDropTheirWave) {
  ASSERT_TRUE(SaveRows(Rows()).has_value());
  Survey next = MiniSurvey();
  auto& questions = next.sections[0].questions;
  questions.erase(questions.begin() + 4);  // "feel", which the first row counts
  auto saved = store_->SaveSurvey(next, kSurveyNow, SurveyAudit());
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConflict);
  EXPECT_NE(saved.error().message.find("wave 'w1'"), std::string::npos) << saved.error().message;
  EXPECT_EQ(Find(), MiniSurvey());

  // Without the wave, its aggregates go with it.
  next = MiniSurvey();
  next.waves.erase(next.waves.begin());
  ASSERT_TRUE(store_->SaveSurvey(next, kSurveyNow, SurveyAudit()).has_value());
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_aggregates"), 0);
}

}  // namespace
}  // namespace waymark::store
