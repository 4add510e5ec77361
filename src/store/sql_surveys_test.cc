// Tests of survey definitions in the store: Barnet's demo survey round trips by id and by
// code; a bad survey and a taken code are refused with nothing stored; a replacement may reword
// and may drop what nothing answered, but every replacement that would orphan a stored response
// (a wave, its dates, a question, an option, a question's kind) is refused with nothing
// changed; saves are audited; a damaged stored definition is reported; and a schema 11
// database migrates to 12.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "ingest/areas_file.h"
#include "ingest/survey_file.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/survey_test_fixture.h"

namespace waymark::store {
namespace {

using ::testing::HasSubstr;

ingest::SurveyFileContext BarnetContext() {
  const std::vector<Area> councils = {
      Area{"E09000003", "Barnet", AreaType::kCouncil, "E12000007", "302"}};
  const ingest::AreasFileReport wards = ingest::ReadAreasFile(
      std::string(WAYMARK_SOURCE_DIR) + "/data/areas/barnet_wards_2014.csv", councils);
  EXPECT_TRUE(wards.ok());
  ingest::SurveyFileContext context;
  context.wards = ingest::WardBands(wards.areas, "E09000003");
  return context;
}

Survey DemoSurvey() {
  const ingest::SurveyFileReport report = ingest::ReadSurveyFile(
      std::string(WAYMARK_SOURCE_DIR) + "/data/surveys/barnet-young-people.toml", BarnetContext());
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].ToString());
  return report.survey.value_or(Survey{});
}

class StoreSurveysTest : public SurveyStoreTest {
 protected:
  // A refused save of `survey`: `code` with `field` in the message; nothing stored, nothing
  // audited, the responses as they were.
  void ExpectRefused(const Survey& survey, ErrorCode code, std::string_view field) {
    const auto surveys = store_->ListSurveys();
    const std::int64_t audits = AuditCount();
    const std::int64_t responses = *db().QueryInt("SELECT count(*) FROM survey_responses");
    const std::int64_t waves = *db().QueryInt("SELECT count(*) FROM survey_waves");
    const std::int64_t codes = *db().QueryInt("SELECT count(*) FROM survey_codes");
    const auto stored = store_->FindSurvey(survey.id);
    auto refused = store_->SaveSurvey(survey, kSurveyNow + 60, SurveyAudit());
    ASSERT_FALSE(refused.has_value()) << field;
    EXPECT_EQ(refused.error().code, code) << refused.error().ToString();
    EXPECT_THAT(refused.error().message, HasSubstr(std::string(field)));
    EXPECT_EQ(AuditCount(), audits);
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_responses"), responses);
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_waves"), waves);
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes"), codes);
    EXPECT_EQ(store_->ListSurveys()->size(), surveys->size());
    if (stored) {
      EXPECT_EQ(Find(survey.id), *stored);
    } else {
      EXPECT_EQ(store_->FindSurvey(survey.id).error().code, ErrorCode::kNotFound);
    }
  }
  std::vector<AuditEntry> SurveyAudits() {
    AuditFilter filter;
    filter.entity = "survey";
    return store_->ListAudit(filter).value_or(std::vector<AuditEntry>{});
  }
};

TEST_F(StoreSurveysTest, TheMiniSurveyIsSound) { EXPECT_TRUE(CheckSurvey(MiniSurvey()).empty()); }

TEST_F(StoreSurveysTest, TheDemoSurveyRoundTripsByIdAndByCode) {
  Survey demo = DemoSurvey();
  ASSERT_FALSE(demo.wards.empty());
  demo.area = "E09000003";
  demo.waves[2].period = "2026/27";
  auto created = store_->SaveSurvey(demo, kSurveyNow, SurveyAudit());
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_TRUE(*created);
  EXPECT_EQ(Find("barnet-young-people"), demo);
  auto by_code = store_->FindSurveyByCode("your-say-barnet");
  ASSERT_TRUE(by_code.has_value()) << by_code.error().ToString();
  EXPECT_EQ(*by_code, demo);
  EXPECT_EQ(store_->FindSurvey("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindSurveyByCode("Your-Say-Barnet").error().code, ErrorCode::kNotFound);

  const auto listed = store_->ListSurveys();
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, "barnet-young-people");
  EXPECT_EQ((*listed)[0].code, "your-say-barnet");
  EXPECT_EQ((*listed)[0].title, demo.title);
  ASSERT_EQ((*listed)[0].waves.size(), 3u);
  EXPECT_EQ((*listed)[0].waves[1].wave, demo.waves[1]);
  EXPECT_EQ((*listed)[0].waves[1].responses, 0);

  const auto log = SurveyAudits();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "survey.import");
  EXPECT_EQ(log[0].entity_id, "barnet-young-people");
  EXPECT_EQ(log[0].actor, "os:analyst");
  EXPECT_EQ(log[0].before, "");
  EXPECT_EQ(nlohmann::json::parse(log[0].after)["code"], "your-say-barnet");

  // Saving the same definition again changes and audits nothing.
  auto again = store_->SaveSurvey(demo, kSurveyNow + 60, SurveyAudit());
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again);
  EXPECT_EQ(SurveyAudits().size(), 1u);
}

TEST_F(StoreSurveysTest, ABadSurveyIsRefusedNamingTheFieldAndNothingIsStored) {
  Survey bad_code = MiniSurvey();
  bad_code.code = "Bad Code";
  ExpectRefused(bad_code, ErrorCode::kInvalidArgument, "survey.code");
  Survey bad_wave = MiniSurvey();
  bad_wave.waves[1].closes = {2026, 10, 1};
  ExpectRefused(bad_wave, ErrorCode::kInvalidArgument, "waves[1]");
  Survey unknown_route = MiniSurvey();
  unknown_route.sections[0].questions[1].show_if->any_of = {"maybe"};
  ExpectRefused(unknown_route, ErrorCode::kInvalidArgument, "sections[0].questions[1].show_if");
  EXPECT_TRUE(store_->ListSurveys()->empty());
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM surveys"), 0);
}

TEST_F(StoreSurveysTest, ACodeTakenByAnotherSurveyIsRefused) {
  Save(MiniSurvey());
  Survey other = MiniSurvey();
  other.id = "other";
  ExpectRefused(other, ErrorCode::kAlreadyExists, "survey.code");
  other.code = "other-survey";
  Save(other);
  EXPECT_EQ(store_->FindSurveyByCode("other-survey")->id, "other");
  // Nor may a replacement take another survey's code.
  Survey mini = MiniSurvey();
  mini.code = "other-survey";
  ExpectRefused(mini, ErrorCode::kAlreadyExists, "survey.code");
  // A survey may change its own code.
  mini.code = "mini-renamed";
  Save(mini);
  EXPECT_EQ(store_->FindSurveyByCode("mini-renamed")->id, "mini");
  EXPECT_EQ(store_->FindSurveyByCode("mini-survey").error().code, ErrorCode::kNotFound);
}

TEST_F(StoreSurveysTest, AReplacementRewordsAndIsAuditedWithBothDefinitions) {
  Save(MiniSurvey());
  Submit(MiniResponse());
  Survey next = MiniSurvey();
  next.title = "Mini survey, reworded";
  next.sections[0].questions[0].text = "Do you like it?";
  next.sections[0].questions[0].options[0].label = "Yes, I do";
  next.waves.push_back({"w3", "Winter 2027", {2027, 11, 1}, {2028, 1, 31}});
  auto saved = store_->SaveSurvey(next, kSurveyNow + 60, SurveyAudit());
  ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
  EXPECT_FALSE(*saved);
  EXPECT_EQ(Find(), next);
  EXPECT_EQ(store_->ListSurveys()->at(0).waves.size(), 3u);
  const auto log = SurveyAudits();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "survey.update");
  EXPECT_EQ(nlohmann::json::parse(log[0].before)["title"], "Mini survey");
  EXPECT_EQ(nlohmann::json::parse(log[0].after)["title"], "Mini survey, reworded");
  EXPECT_EQ(Responses().size(), 1u);
}

// Stored responses in w1 on 2025-11-10 and 2025-12-20 answer likes, which (cat), rank, say and
// feel; w2, the option fish and the question spare have no answers.
class StoreSurveyOrphanTest : public StoreSurveysTest {
 protected:
  void SetUp() override {
    StoreSurveysTest::SetUp();
    Save(MiniSurvey());
    Submit(MiniResponse(), {2025, 11, 10});
    Submit(MiniResponse(7), {2025, 12, 20});
  }
  Question& At(Survey& s, std::string_view id) {
    for (Question& q : s.sections[0].questions) {
      if (q.id == id) return q;
    }
    ADD_FAILURE() << id;
    return s.sections[0].questions[0];
  }
  void Remove(Survey& s, std::string_view id) {
    auto& questions = s.sections[0].questions;
    std::erase_if(questions, [&](const Question& q) { return q.id == id; });
  }
};

TEST_F(StoreSurveyOrphanTest, RemovingAWaveWithResponsesIsRefused) {
  Survey s = MiniSurvey();
  s.waves.erase(s.waves.begin());
  ExpectRefused(s, ErrorCode::kConflict, "waves: wave 'w1' has 2 responses");
}

TEST_F(StoreSurveyOrphanTest, MovingAWavesDatesPastItsResponsesIsRefused) {
  Survey s = MiniSurvey();
  s.waves[0].opens = {2025, 11, 11};
  ExpectRefused(s, ErrorCode::kConflict, "waves[0].opens: wave 'w1' has responses from 2025-11-10");
  s = MiniSurvey();
  s.waves[0].closes = {2025, 12, 19};
  ExpectRefused(s, ErrorCode::kConflict,
                "waves[0].closes: wave 'w1' has responses from 2025-12-20");
  // Up to the first and the last day answered is allowed.
  s.waves[0].opens = {2025, 11, 10};
  s.waves[0].closes = {2025, 12, 20};
  Save(s);
  EXPECT_EQ(Find(), s);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_waves WHERE id = 'w1' AND "
                           "opens = '2025-11-10' AND closes = '2025-12-20'"),
            1);
  EXPECT_EQ(Responses().size(), 2u);
}

TEST_F(StoreSurveyOrphanTest, RemovingAnAnsweredQuestionOrOptionIsRefused) {
  Survey s = MiniSurvey();
  Remove(s, "say");
  ExpectRefused(s, ErrorCode::kConflict, "sections: question 'say' has answers");
  s = MiniSurvey();
  auto& options = At(s, "which").options;
  options.erase(options.begin());  // cat
  ExpectRefused(s, ErrorCode::kConflict,
                "sections[0].questions[1].options: option 'cat' of question 'which'");
  s = MiniSurvey();
  At(s, "feel").scale = "often5";
  At(s, "feel").options = LikertScale("often5").value_or(std::vector<SurveyOption>{});
  ExpectRefused(s, ErrorCode::kConflict, "option 'agree' of question 'feel'");
}

TEST_F(StoreSurveyOrphanTest, ChangingTheKindOfAnAnsweredQuestionIsRefused) {
  Survey s = MiniSurvey();
  At(s, "likes").kind = QuestionKind::kMultipleChoice;
  ExpectRefused(s, ErrorCode::kConflict,
                "sections[0].questions[0].kind: question 'likes' has answers: it cannot change "
                "from single-choice to multiple-choice");
  // The same change to a question nobody answered is allowed.
  s = MiniSurvey();
  At(s, "spare").kind = QuestionKind::kLikert;
  Save(s);
  EXPECT_EQ(Find(), s);
}

TEST_F(StoreSurveyOrphanTest, WhatNothingAnsweredMayBeRemovedAndAWavesCodesGoWithIt) {
  ASSERT_TRUE(store_->CreateSurveyCodes("mini", "w2", 3, kSurveyNow, SurveyAudit()));
  Survey s = MiniSurvey();
  s.waves.pop_back();  // w2
  Remove(s, "spare");
  auto& options = At(s, "which").options;
  options.pop_back();  // fish
  Save(s);
  EXPECT_EQ(Find(), s);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_waves"), 1);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes"), 0);
  EXPECT_EQ(store_->CountSurveyResponses("mini", "w2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Count(), 2);
}

TEST_F(StoreSurveyOrphanTest, EveryOrphanIsNamedAtOnce) {
  Survey s = MiniSurvey();
  s.waves.erase(s.waves.begin());
  Remove(s, "rank");
  ExpectRefused(s, ErrorCode::kConflict,
                "waves: wave 'w1' has 2 responses and cannot be "
                "removed; sections: question 'rank' has answers");
}

TEST_F(StoreSurveysTest, ADamagedStoredDefinitionIsReported) {
  Save(MiniSurvey());
  ASSERT_TRUE(db().Exec("UPDATE surveys SET definition = '{\"id\": \"mini\"}'"));
  auto found = store_->FindSurvey("mini");
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kDatabase);
  EXPECT_THAT(found.error().message, HasSubstr("stored survey is not valid"));
  ASSERT_TRUE(
      db().Exec("UPDATE surveys SET definition = replace(definition, '\"mini\"}', "
                "'\"mini\"')"));
  EXPECT_EQ(store_->ListSurveys().error().code, ErrorCode::kDatabase);
}

TEST_F(StoreSurveysTest, AFreshStoreHasTheSurveyTables) {
  EXPECT_EQ(store_->SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(SchemaObjects("'surveys', 'survey_waves', 'survey_responses', 'survey_codes', "
                          "'survey_codes_by_wave'"),
            5);
}

// A database at schema 11 opens, is migrated to 12, keeps what it held and takes surveys.
TEST(SqliteSurveysMigrationTest, ASchemaElevenDatabaseMigratesKeepingItsData) {
  TempDir dir;
  const std::string path = dir.File("v11.db");
  {
    auto db = SqliteAtVersion(path, 11);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON"));
    ASSERT_TRUE(db->Exec(
        "INSERT INTO audit_log (at, actor, via, action, entity, entity_id) VALUES "
        "('2026-01-01T00:00:00Z', 'os:root', 'waymark init', 'plan.import', 'plan', 'p')"));
    EXPECT_FALSE(db->Exec("SELECT 1 FROM surveys"));
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_GE(store.SchemaVersion(), 12);  // and any migration after it
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(store.ListAudit({})->size(), 1u);
  EXPECT_TRUE(store.ListSurveys()->empty());
  ASSERT_TRUE(store.SaveSurvey(MiniSurvey(), kSurveyNow, SurveyAudit()));
  ASSERT_TRUE(store.SubmitSurveyResponse("mini", "w1", MiniResponse(), {2025, 11, 10}, ""));
  EXPECT_EQ(*store.CountSurveyResponses("mini", ""), 1);
  EXPECT_EQ(store.ListAudit({})->size(), 2u);
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

}  // namespace
}  // namespace waymark::store
