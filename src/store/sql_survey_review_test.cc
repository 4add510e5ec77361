// Tests of the publication of survey waves and the review of free-text answers in the SQLite
// store (migration 13): only a closed wave is published (the day it closes is refused, the day
// after accepted), each change is audited once and a repeat writes nothing; free-text answers
// are listed alone (text, day, flags; never the response's other answers) with stable opaque
// ids, reviewed and flagged with audit entries that never hold the text; unknown waves, surveys
// and answers are refused with nothing written; a removed wave takes its publication with it;
// users carry the safeguarding grant.
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/survey_test_fixture.h"

namespace waymark::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class StoreSurveyReviewTest : public SurveyStoreTest {
 protected:
  void SetUp() override {
    SurveyStoreTest::SetUp();
    Save(MiniSurvey());
  }
  std::vector<FreeTextAnswer> Answers(std::string_view wave = "w1") {
    auto listed = store_->ListFreeTextAnswers("mini", wave);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<FreeTextAnswer>{});
  }
  AuditEntry LastAudit() {
    AuditFilter filter;
    filter.limit = 1;
    auto entries = store_->ListAudit(filter);
    EXPECT_TRUE(entries.has_value() && !entries->empty());
    return entries && !entries->empty() ? entries->front() : AuditEntry{};
  }
  std::int64_t Publications() { return *db().QueryInt("SELECT count(*) FROM survey_publications"); }
};

// w1 runs 2025-11-01 to 2026-01-31.
constexpr Date kW1Closes{2026, 1, 31};
constexpr Date kAfterW1{2026, 2, 1};

TEST_F(StoreSurveyReviewTest, OnlyAClosedWaveIsPublished) {
  const std::int64_t audits = AuditCount();
  for (const Date today : {Date{2025, 10, 1}, Date{2025, 12, 1}, kW1Closes}) {
    auto refused = store_->PublishSurveyWave("mini", "w1", today, kSurveyNow, SurveyAudit());
    ASSERT_FALSE(refused.has_value()) << today.ToString();
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(refused.error().message, HasSubstr("wave: wave 'w1' closes on 2026-01-31"));
  }
  EXPECT_EQ(Publications(), 0);
  EXPECT_EQ(AuditCount(), audits);

  auto published = store_->PublishSurveyWave("mini", "w1", kAfterW1, kSurveyNow, SurveyAudit());
  ASSERT_TRUE(published.has_value()) << published.error().ToString();
  EXPECT_EQ(*published, (SurveyPublication{"mini", "w1", "os:analyst", "2026-11-22T20:15:00Z"}));
  EXPECT_EQ(AuditCount(), audits + 1);
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "survey.publish");
  EXPECT_EQ(entry.entity, "survey");
  EXPECT_EQ(entry.entity_id, "mini");
  EXPECT_EQ(nlohmann::json::parse(entry.after)["wave"], "w1");
  EXPECT_EQ(*store_->ListSurveyPublications("mini"), std::vector<SurveyPublication>{*published});
  EXPECT_EQ(*store_->ListSurveyPublications(""), std::vector<SurveyPublication>{*published});
  EXPECT_TRUE(store_->ListSurveyPublications("other")->empty());

  // Publishing again changes nothing and writes nothing.
  auto again =
      store_->PublishSurveyWave("mini", "w1", Date{2026, 6, 1}, kSurveyNow + 60, SurveyAudit());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *published);
  EXPECT_EQ(AuditCount(), audits + 1);
}

TEST_F(StoreSurveyReviewTest, UnpublishingIsAuditedAndARepeatWritesNothing) {
  ASSERT_TRUE(store_->PublishSurveyWave("mini", "w1", kAfterW1, kSurveyNow, SurveyAudit()));
  const std::int64_t audits = AuditCount();
  ASSERT_TRUE(store_->UnpublishSurveyWave("mini", "w1", kSurveyNow, SurveyAudit()));
  EXPECT_EQ(Publications(), 0);
  EXPECT_EQ(AuditCount(), audits + 1);
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "survey.unpublish");
  EXPECT_EQ(nlohmann::json::parse(entry.before)["published_by"], "os:analyst");
  EXPECT_EQ(entry.after, "");
  ASSERT_TRUE(store_->UnpublishSurveyWave("mini", "w1", kSurveyNow, SurveyAudit()));
  EXPECT_EQ(AuditCount(), audits + 1);
}

TEST_F(StoreSurveyReviewTest, UnknownWavesAndSurveysAreNotFound) {
  const std::int64_t audits = AuditCount();
  EXPECT_EQ(
      store_->PublishSurveyWave("mini", "w9", kAfterW1, kSurveyNow, SurveyAudit()).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(
      store_->PublishSurveyWave("nope", "w1", kAfterW1, kSurveyNow, SurveyAudit()).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(store_->UnpublishSurveyWave("mini", "w9", kSurveyNow, SurveyAudit()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListFreeTextAnswers("mini", "w9").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListFreeTextAnswers("nope", "w1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Publications(), 0);
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(StoreSurveyReviewTest, FreeTextAnswersAreListedAloneWithStableOpaqueIds) {
  Submit(MiniResponse(), {2025, 11, 10});
  Response second = MiniResponse(7);
  second["say"].text = "I would like a youth club";
  Submit(second, {2025, 11, 12});
  Response silent = MiniResponse(9);
  silent.erase("say");
  Submit(silent, {2025, 11, 12});
  Submit(MiniResponse(), {2026, 11, 10}, "w2");

  const auto answers = Answers();
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].question_id, "say");
  EXPECT_EQ(answers[0].text, "fine");
  EXPECT_EQ(answers[0].day, (Date{2025, 11, 10}));
  EXPECT_EQ(answers[1].text, "I would like a youth club");
  EXPECT_EQ(answers[1].day, (Date{2025, 11, 12}));
  const std::regex opaque("[0-9a-f]{24}");
  std::set<std::string> ids;
  for (const FreeTextAnswer& a : answers) {
    // Hex digits only: no day or time can be read from it. (Four digits such as "2025" may
    // occur by chance in a random hex id, so they are no test.)
    EXPECT_TRUE(std::regex_match(a.id, opaque)) << a.id;
    EXPECT_FALSE(a.reviewed);
    EXPECT_FALSE(a.safeguarding);
    ids.insert(a.id);
  }
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(Answers(), answers);  // the same ids every time
  ASSERT_EQ(Answers("w2").size(), 1u);
  EXPECT_FALSE(ids.contains(Answers("w2")[0].id));
}

TEST_F(StoreSurveyReviewTest, AReviewIsKeptAndAuditedWithoutTheText) {
  Response r = MiniResponse();
  r["say"].text = "Something private happened";
  Submit(r);
  const FreeTextAnswer answer = Answers().at(0);
  const std::int64_t audits = AuditCount();

  FreeTextReview flag;
  flag.safeguarding = true;
  auto flagged =
      store_->ReviewFreeTextAnswer("mini", "w1", answer.id, flag, kSurveyNow, SurveyAudit());
  ASSERT_TRUE(flagged.has_value()) << flagged.error().ToString();
  EXPECT_TRUE(flagged->safeguarding);
  EXPECT_FALSE(flagged->reviewed);
  EXPECT_EQ(AuditCount(), audits + 1);
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "survey.review");
  EXPECT_EQ(entry.entity_id, "mini");
  const auto before = nlohmann::json::parse(entry.before);
  const auto after = nlohmann::json::parse(entry.after);
  EXPECT_EQ(before["answer"], answer.id);
  EXPECT_EQ(before["safeguarding"], false);
  EXPECT_EQ(after["safeguarding"], true);
  EXPECT_THAT(entry.before + entry.after, Not(HasSubstr("private")));

  FreeTextReview read;
  read.reviewed = true;
  ASSERT_TRUE(
      store_->ReviewFreeTextAnswer("mini", "w1", answer.id, read, kSurveyNow, SurveyAudit()));
  const FreeTextAnswer now = Answers().at(0);
  EXPECT_TRUE(now.reviewed);
  EXPECT_TRUE(now.safeguarding);
  EXPECT_EQ(now.id, answer.id);
  EXPECT_EQ(AuditCount(), audits + 2);

  // The same review again writes nothing.
  ASSERT_TRUE(
      store_->ReviewFreeTextAnswer("mini", "w1", answer.id, read, kSurveyNow, SurveyAudit()));
  EXPECT_EQ(AuditCount(), audits + 2);

  FreeTextReview unflag;
  unflag.safeguarding = false;
  ASSERT_TRUE(
      store_->ReviewFreeTextAnswer("mini", "w1", answer.id, unflag, kSurveyNow, SurveyAudit()));
  EXPECT_FALSE(Answers().at(0).safeguarding);
  EXPECT_TRUE(Answers().at(0).reviewed);
}

TEST_F(StoreSurveyReviewTest, AnUnknownAnswerIsRefusedAndNothingIsWritten) {
  Submit(MiniResponse());
  const std::string id = Answers().at(0).id;
  const std::int64_t audits = AuditCount();
  FreeTextReview review;
  review.reviewed = true;
  for (const std::string& bad :
       {std::string("0123456789abcdef01234567"), std::string(""), id.substr(0, 23)}) {
    auto refused =
        store_->ReviewFreeTextAnswer("mini", "w1", bad, review, kSurveyNow, SurveyAudit());
    ASSERT_FALSE(refused.has_value()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
    EXPECT_THAT(refused.error().message, HasSubstr("answer:"));
  }
  // The answer of w1 is not an answer of w2.
  EXPECT_FALSE(store_->ReviewFreeTextAnswer("mini", "w2", id, review, kSurveyNow, SurveyAudit()));
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_free_text_reviews"), 0);
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(StoreSurveyReviewTest, ARemovedWaveTakesItsPublicationWithIt) {
  ASSERT_TRUE(store_->PublishSurveyWave("mini", "w1", kAfterW1, kSurveyNow, SurveyAudit()));
  Survey fewer = MiniSurvey();
  fewer.waves.erase(fewer.waves.begin());
  Save(fewer);
  EXPECT_EQ(Publications(), 0);
  EXPECT_TRUE(store_->ListSurveyPublications("mini")->empty());
}

TEST_F(StoreSurveyReviewTest, UsersCarryTheSafeguardingGrant) {
  User user;
  user.email = "lead@barnet.example";
  user.name = "Safeguarding lead";
  user.organisation = "barnet-council";
  user.role = Role::kAnalyst;
  ASSERT_TRUE(store_->CreateUser(user, "hash", SurveyAudit()));
  EXPECT_FALSE(store_->FindUser(user.email)->user.safeguarding);
  UserUpdate grant;
  grant.safeguarding = true;
  auto granted = store_->UpdateUser(user.email, grant, SurveyAudit());
  ASSERT_TRUE(granted.has_value()) << granted.error().ToString();
  EXPECT_TRUE(granted->safeguarding);
  EXPECT_TRUE(store_->FindUser(user.email)->user.safeguarding);
  EXPECT_TRUE(store_->ListUsers()->at(0).safeguarding);
  EXPECT_TRUE(PrincipalOf(store_->FindUser(user.email)->user).safeguarding);
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(nlohmann::json::parse(entry.before)["safeguarding"], false);
  EXPECT_EQ(nlohmann::json::parse(entry.after)["safeguarding"], true);
}

}  // namespace
}  // namespace waymark::store
