// Tests of anonymous survey responses and one-time codes in the store: a valid response
// is stored and listed, every invalid one (unknown option, hidden question answered, numbers
// out of bounds, day outside the wave, unknown wave or survey) is refused with nothing stored;
// the stored rows hold no time of day, address or order of arrival, read from the SQLite file
// itself; a day's responses are listed in an order unrelated to their arrival; one-time codes
// are made, used once, refused again or for another wave, never linked to a response and
// audited by their count only; submitting a response writes no audit entry; numbers come back
// exactly. An import from paper stores every response or none, the same anonymous way, audited
// by its count only.
#include <algorithm>
#include <filesystem>
#include <numeric>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/survey_aggregate.h"
#include "core/survey_code.h"
#include "store/survey_test_fixture.h"

namespace waymark::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class StoreSurveyResponsesTest : public SurveyStoreTest {
 protected:
  void SetUp() override {
    SurveyStoreTest::SetUp();
    Save(MiniSurvey());
  }
  // A refused submission: `code` with `text` in the message, and nothing stored or audited.
  void ExpectRefused(const Response& r, Date day, std::string_view wave, ErrorCode code,
                     std::string_view text, std::string_view digest = "",
                     std::string_view survey = "mini") {
    const std::int64_t responses = *db().QueryInt("SELECT count(*) FROM survey_responses");
    const std::int64_t used = *db().QueryInt("SELECT count(*) FROM survey_codes WHERE used = 1");
    const std::int64_t audits = AuditCount();
    auto refused = store_->SubmitSurveyResponse(survey, wave, r, day, digest);
    ASSERT_FALSE(refused.has_value()) << text;
    EXPECT_EQ(refused.error().code, code) << refused.error().ToString();
    EXPECT_THAT(refused.error().message, HasSubstr(std::string(text)));
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_responses"), responses);
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes WHERE used = 1"), used);
    EXPECT_EQ(AuditCount(), audits);
  }
  std::vector<std::string> Codes(std::string_view wave, int count) {
    auto codes = store_->CreateSurveyCodes("mini", wave, count, kSurveyNow, SurveyAudit());
    EXPECT_TRUE(codes.has_value()) << codes.error().ToString();
    return codes.value_or(std::vector<std::string>{});
  }
};

TEST_F(StoreSurveyResponsesTest, AValidResponseIsStoredAsGivenWithoutAnAuditEntry) {
  const std::int64_t audits = AuditCount();
  Response r = MiniResponse(2.0);
  r["which"].choices = {"dog", "cat"};
  Submit(r, {2025, 11, 1});
  Submit(MiniResponse(50), {2026, 1, 31});
  Response few;
  few["rank"].number = 1;
  Submit(few, {2026, 11, 1}, "w2");
  EXPECT_THAT(Responses("w1"), ElementsAre(StoredSurveyResponse{{2025, 11, 1}, r},
                                           StoredSurveyResponse{{2026, 1, 31}, MiniResponse(50)}));
  EXPECT_THAT(Responses("w2"), ElementsAre(StoredSurveyResponse{{2026, 11, 1}, few}));
  EXPECT_EQ(Count("w1"), 2);
  EXPECT_EQ(Count("w2"), 1);
  EXPECT_EQ(Count(), 3);
  const auto listed = store_->ListSurveys();
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(listed->at(0).waves[0].responses, 2);
  EXPECT_EQ(listed->at(0).waves[1].responses, 1);
  EXPECT_EQ(AuditCount(), audits);
}

// Numbers that no decimal shows exactly come back exactly, in the definition and the answers.
TEST_F(StoreSurveyResponsesTest, NumbersRoundTripExactly) {
  Survey s = MiniSurvey();
  s.sections[0].questions[2].whole = false;
  s.sections[0].questions[2].min = 0.1;
  s.sections[0].questions[2].max = 49.9;
  Save(s);
  EXPECT_EQ(Find(), s);
  Submit(MiniResponse(0.1 + 0.2));
  Submit(MiniResponse(1.0 / 3.0));
  std::multiset<double> ranks;
  for (const StoredSurveyResponse& r : Responses()) ranks.insert(*r.answers.at("rank").number);
  EXPECT_EQ(ranks, (std::multiset<double>{0.1 + 0.2, 1.0 / 3.0}));
  ExpectRefused(MiniResponse(0.09), {2025, 11, 10}, "w1", ErrorCode::kInvalidArgument, "rank:");
}

TEST_F(StoreSurveyResponsesTest, AnInvalidResponseIsRefusedAndNothingIsStored) {
  const Date day{2025, 11, 10};
  Response r = MiniResponse();
  r["likes"].choices = {"maybe"};
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "likes: Select one of the answers");
  r = MiniResponse();
  r["likes"].choices = {"no"};  // hides which, still answered
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "which: Leave this question out");
  r = MiniResponse();
  r["nope"].text = "x";
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "nope: There is no question");
  ExpectRefused(MiniResponse(51), day, "w1", ErrorCode::kInvalidArgument, "rank: Enter a number");
  ExpectRefused(MiniResponse(0), day, "w1", ErrorCode::kInvalidArgument, "rank: Enter a number");
  ExpectRefused(MiniResponse(2.5), day, "w1", ErrorCode::kInvalidArgument, "rank: Enter a whole");
  r = MiniResponse();
  r["which"].choices = {"cat", "dog", "fish"};
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "which: Select no more than 2");
  // Answers not in the form CheckResponse gives them: untrimmed text, an empty answer, a
  // number and text together.
  r = MiniResponse();
  r["say"].text = " fine ";
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "say: Give the answer as");
  r = MiniResponse();
  r["spare"] = Answer{};
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "spare: Give the answer as");
  r = MiniResponse();
  r["rank"].text = "4";
  ExpectRefused(r, day, "w1", ErrorCode::kInvalidArgument, "rank: Give one answer");
  // The day must lie within the wave, both ends included.
  ExpectRefused(MiniResponse(), {2025, 10, 31}, "w1", ErrorCode::kInvalidArgument,
                "day: 2025-10-31 is outside wave 'w1' (2025-11-01 to 2026-01-31)");
  ExpectRefused(MiniResponse(), {2026, 2, 1}, "w1", ErrorCode::kInvalidArgument,
                "day: 2026-02-01 is outside wave 'w1'");
  ExpectRefused(MiniResponse(), {2026, 11, 10}, "w1", ErrorCode::kInvalidArgument, "day:");
  ExpectRefused(MiniResponse(), {2025, 11, 31}, "w1", ErrorCode::kInvalidArgument,
                "day: 2025-11-31 is not a date");
  ExpectRefused(MiniResponse(), day, "w9", ErrorCode::kNotFound, "has no wave 'w9'");
  ExpectRefused(MiniResponse(), day, "", ErrorCode::kNotFound, "has no wave ''");
  ExpectRefused(MiniResponse(), day, "w1", ErrorCode::kNotFound, "no survey", "", "other");
  EXPECT_EQ(Count(), 0);
  EXPECT_EQ(store_->ListSurveyResponses("mini", "w9").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListSurveyResponses("other", "w1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->CountSurveyResponses("other", "").error().code, ErrorCode::kNotFound);
}

// Reads the SQLite file itself: the response and code tables have only the columns allowed,
// no rowid, and no value with a time of day, an address or a code in plain text.
TEST_F(StoreSurveyResponsesTest, TheStoredRowsHoldNoTimeAddressOrLink) {
  if (postgres()) GTEST_SKIP() << "reads the SQLite file";
  const std::vector<std::string> codes = Codes("w1", 2);
  Submit(MiniResponse(), {2025, 11, 10}, "w1", SurveyCodeDigest(codes[0]));
  Submit(MiniResponse(4), {2025, 11, 10});
  Submit(MiniResponse(5), {2025, 12, 1});

  auto file = Db::Open(database_.location(), Db::Mode::kReadOnly);
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  const auto columns = [&](std::string_view table) {
    std::vector<std::string> out;
    auto info = file->Prepare(fmt::format("PRAGMA table_info({})", table));
    while (info && info->Step().value_or(false)) out.push_back(info->Text(1));
    return out;
  };
  EXPECT_THAT(columns("survey_responses"),
              ElementsAre("survey_id", "wave_id", "day", "shuffle", "answers"));
  EXPECT_THAT(columns("survey_codes"), ElementsAre("digest", "survey_id", "wave_id", "used"));
  EXPECT_EQ(columns("survey_responses"), Columns("survey_responses"));
  EXPECT_FALSE(file->Prepare("SELECT rowid FROM survey_responses").has_value());
  EXPECT_FALSE(file->Prepare("SELECT rowid FROM survey_codes").has_value());

  const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  const std::regex time_of_day(R"(\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}T)");
  const std::regex address(R"(\b\d{1,3}(\.\d{1,3}){3}\b|[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{0,4}){2,7})");
  auto rows = file->Prepare(
      "SELECT survey_id, wave_id, day, shuffle, answers FROM "
      "survey_responses");
  ASSERT_TRUE(rows.has_value());
  int count = 0;
  while (rows->Step().value_or(false)) {
    ++count;
    EXPECT_TRUE(std::regex_match(rows->Text(2), date)) << rows->Text(2);
    for (int column : {0, 1, 2, 4}) {
      EXPECT_FALSE(std::regex_search(rows->Text(column), time_of_day)) << rows->Text(column);
      EXPECT_FALSE(std::regex_search(rows->Text(column), address)) << rows->Text(column);
      for (const std::string& code : codes) {
        EXPECT_THAT(rows->Text(column), ::testing::Not(HasSubstr(NormaliseSurveyCode(code))));
        EXPECT_THAT(rows->Text(column), ::testing::Not(HasSubstr(SurveyCodeDigest(code))));
      }
    }
    // The answers are the question ids and their answers only.
    const auto answers = nlohmann::json::parse(rows->Text(4));
    for (const auto& [question, answer] : answers.items()) {
      EXPECT_NE(FindQuestion(MiniSurvey(), question), nullptr) << question;
    }
  }
  EXPECT_EQ(count, 3);
  // The codes hold their digests only, and a used flag.
  auto stored = file->Prepare("SELECT digest, used FROM survey_codes");
  ASSERT_TRUE(stored.has_value());
  std::set<std::string> digests;
  while (stored->Step().value_or(false)) {
    digests.insert(stored->Text(0));
    EXPECT_TRUE(stored->Int(1) == 0 || stored->Int(1) == 1);
  }
  EXPECT_EQ(digests,
            (std::set<std::string>{SurveyCodeDigest(codes[0]), SurveyCodeDigest(codes[1])}));
}

// The write-ahead log keeps pages in the order transactions committed; after a response it is
// emptied (the store's is the only connection, so nothing keeps the checkpoint from finishing).
TEST_F(StoreSurveyResponsesTest, TheWriteAheadLogIsEmptiedAfterAResponse) {
  if (postgres()) GTEST_SKIP() << "SQLite's write-ahead log";
  const std::string wal = database_.location() + "-wal";
  ASSERT_GT(std::filesystem::file_size(wal), 0U);  // the survey's definition, saved in SetUp
  Submit(MiniResponse(4), {2025, 11, 10});
  EXPECT_EQ(std::filesystem::file_size(wal), 0U);
  Submit(MiniResponse(5), {2025, 11, 10});
  EXPECT_EQ(std::filesystem::file_size(wal), 0U);
}

// 50 responses on one day with the ranks 1 to 50 in turn come back in another order (the
// chance of the same order is 1 in 50!), yet all of them; days stay in order.
TEST_F(StoreSurveyResponsesTest, ADaysResponsesAreNotListedInTheOrderTheyCame) {
  Submit(MiniResponse(50), {2025, 11, 11});
  for (int rank = 1; rank <= 50; ++rank) Submit(MiniResponse(rank), {2025, 11, 12});
  Submit(MiniResponse(1), {2025, 11, 13});
  const auto listed = Responses();
  ASSERT_EQ(listed.size(), 52u);
  EXPECT_EQ(listed.front().day, (Date{2025, 11, 11}));
  EXPECT_EQ(listed.back().day, (Date{2025, 11, 13}));
  std::vector<double> ranks;
  for (std::size_t i = 1; i + 1 < listed.size(); ++i) {
    EXPECT_EQ(listed[i].day, (Date{2025, 11, 12}));
    ranks.push_back(listed[i].answers.at("rank").number.value_or(0));
  }
  std::vector<double> in_turn(50);
  std::iota(in_turn.begin(), in_turn.end(), 1.0);
  EXPECT_NE(ranks, in_turn);
  std::vector<double> reversed(in_turn.rbegin(), in_turn.rend());
  EXPECT_NE(ranks, reversed);
  std::sort(ranks.begin(), ranks.end());
  EXPECT_EQ(ranks, in_turn);
}

TEST_F(StoreSurveyResponsesTest, AOneTimeCodeIsUsedOnceForItsWaveOnly) {
  const std::vector<std::string> w1 = Codes("w1", 3);
  const std::vector<std::string> w2 = Codes("w2", 1);
  ASSERT_EQ(w1.size(), 3u);
  EXPECT_EQ(std::set<std::string>(w1.begin(), w1.end()).size(), 3u);
  for (const std::string& code : w1) {
    EXPECT_TRUE(std::regex_match(code, std::regex("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-"
                                                  "[A-HJKMNP-Z2-9]{2}")))
        << code;
  }
  Submit(MiniResponse(), {2025, 11, 10}, "w1", SurveyCodeDigest(w1[0]));
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes WHERE used = 1"), 1);
  ExpectRefused(MiniResponse(), {2025, 11, 10}, "w1", ErrorCode::kConflict,
                "code: this code has been used", SurveyCodeDigest(w1[0]));
  ExpectRefused(MiniResponse(), {2025, 11, 10}, "w1", ErrorCode::kNotFound,
                "code: this is not a code for this survey", SurveyCodeDigest(w2[0]));
  ExpectRefused(MiniResponse(), {2026, 11, 10}, "w2", ErrorCode::kNotFound,
                "code:", SurveyCodeDigest(w1[1]));
  ExpectRefused(MiniResponse(), {2025, 11, 10}, "w1", ErrorCode::kNotFound,
                "code:", SurveyCodeDigest("AAAA-AAAA-AA"));
  // A refused response leaves its code unused: the code still works once.
  Response bad = MiniResponse();
  bad["likes"].choices = {"maybe"};
  ExpectRefused(bad, {2025, 11, 10}, "w1", ErrorCode::kInvalidArgument, "likes:", "", "mini");
  // A code typed in lower case with spaces is the same code.
  std::string typed = w1[1];
  std::replace(typed.begin(), typed.end(), '-', ' ');
  std::transform(typed.begin(), typed.end(), typed.begin(),
                 [](char c) { return static_cast<char>(std::tolower(c)); });
  Submit(MiniResponse(), {2025, 11, 10}, "w1", SurveyCodeDigest(typed));
  Submit(MiniResponse(), {2026, 11, 10}, "w2", SurveyCodeDigest(w2[0]));
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes WHERE used = 1"), 3);
  EXPECT_EQ(Count(), 3);
}

TEST_F(StoreSurveyResponsesTest, NoColumnLinksACodeToAResponse) {
  EXPECT_THAT(Columns("survey_codes"), ElementsAre("digest", "survey_id", "wave_id", "used"));
  for (const std::string& column : Columns("survey_responses")) {
    EXPECT_EQ(column.find("code"), std::string::npos) << column;
    EXPECT_EQ(column.find("digest"), std::string::npos) << column;
    EXPECT_EQ(column.find("at"), std::string::npos) << column;  // no created_at, no used_at
  }
  for (const std::string& column : Columns("survey_codes")) {
    EXPECT_EQ(column.find("response"), std::string::npos) << column;
    EXPECT_EQ(column.find("shuffle"), std::string::npos) << column;
    EXPECT_EQ(column.find("_at"), std::string::npos) << column;
  }
  // Nor does any other table refer to either.
  EXPECT_EQ(
      *db().QueryInt(
          postgres() ? "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid IN "
                       "('survey_responses'::regclass, 'survey_codes'::regclass)"
                     : "SELECT count(*) FROM sqlite_master m, pragma_foreign_key_list(m.name) "
                       "f WHERE f.\"table\" IN ('survey_responses', 'survey_codes')"),
      0);
}

TEST_F(StoreSurveyResponsesTest, CodesAreAuditedByTheirCountOnlyWithinTheLimits) {
  const std::vector<std::string> one = Codes("w1", 1);
  EXPECT_EQ(one.size(), 1u);
  const std::vector<std::string> most = Codes("w2", kMaxSurveyCodes);
  EXPECT_EQ(std::set<std::string>(most.begin(), most.end()).size(),
            static_cast<std::size_t>(kMaxSurveyCodes));
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes WHERE wave_id = 'w2'"),
            kMaxSurveyCodes);
  AuditFilter filter;
  filter.action = "survey.codes";
  const auto log = store_->ListAudit(filter);
  ASSERT_TRUE(log.has_value());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[1].entity, "survey");
  EXPECT_EQ((*log)[1].entity_id, "mini");
  EXPECT_EQ((*log)[1].actor, "os:analyst");
  EXPECT_EQ(nlohmann::json::parse((*log)[1].after), (nlohmann::json{{"wave", "w1"}, {"count", 1}}));
  EXPECT_EQ(nlohmann::json::parse((*log)[0].after)["count"], kMaxSurveyCodes);
  for (const AuditEntry& entry : *log) {
    EXPECT_THAT(entry.after, ::testing::Not(HasSubstr(one[0])));
    EXPECT_THAT(entry.after, ::testing::Not(HasSubstr(NormaliseSurveyCode(one[0]))));
  }

  const std::int64_t audits = AuditCount();
  for (int count : {0, -1, kMaxSurveyCodes + 1}) {
    auto refused = store_->CreateSurveyCodes("mini", "w1", count, kSurveyNow, SurveyAudit());
    ASSERT_FALSE(refused.has_value()) << count;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(refused.error().message, HasSubstr("count: make between 1 and 10000 codes"));
  }
  EXPECT_EQ(store_->CreateSurveyCodes("mini", "w9", 1, kSurveyNow, SurveyAudit()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->CreateSurveyCodes("other", "w1", 1, kSurveyNow, SurveyAudit()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_codes"), kMaxSurveyCodes + 1);
}

// Imports from paper ----------------------------------------------------------------------

// `n` responses to w1 on 2025-11-10 with the ranks 1 to n, each at line 2, 3, … of "p.csv".
std::vector<SurveyResponseImport> PaperResponses(int n) {
  std::vector<SurveyResponseImport> out;
  for (int i = 1; i <= n; ++i) {
    out.push_back({{2025, 11, 10}, MiniResponse(i), SourcePos{"p.csv", i + 1, 0}});
  }
  return out;
}

TEST_F(StoreSurveyResponsesTest, AnImportStoresEveryResponseAuditedByItsCountOnly) {
  std::vector<SurveyResponseImport> paper = PaperResponses(3);
  paper[2].day = {2026, 1, 31};  // the wave's last day
  paper[2].answers["say"].text = "A secret only the answers hold";
  Submit(MiniResponse(40));  // a response from the web form is kept beside them
  const auto done = store_->ImportSurveyResponses("mini", "w1", paper, kSurveyNow, SurveyAudit());
  ASSERT_TRUE(done.has_value()) << done.error().ToString();
  EXPECT_EQ(Count("w1"), 4);
  EXPECT_EQ(Count("w2"), 0);
  std::multiset<double> ranks;
  for (const StoredSurveyResponse& r : Responses()) ranks.insert(*r.answers.at("rank").number);
  EXPECT_EQ(ranks, (std::multiset<double>{1, 2, 3, 40}));
  EXPECT_EQ(Responses().back(), (StoredSurveyResponse{{2026, 1, 31}, paper[2].answers}));

  AuditFilter filter;
  filter.action = "survey.responses.import";
  const auto log = store_->ListAudit(filter);
  ASSERT_TRUE(log.has_value());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].entity, "survey");
  EXPECT_EQ((*log)[0].entity_id, "mini");
  EXPECT_EQ((*log)[0].actor, "os:analyst");
  EXPECT_EQ(nlohmann::json::parse((*log)[0].after), (nlohmann::json{{"wave", "w1"}, {"count", 3}}));
  EXPECT_THAT((*log)[0].after, ::testing::Not(HasSubstr("secret")));
  EXPECT_THAT((*log)[0].after, ::testing::Not(HasSubstr("2026-01-31")));
  // Nothing else was audited: the web response wrote no entry.
  EXPECT_EQ(AuditCount(), 2);  // the survey's creation and the import
  if (!postgres()) {
    EXPECT_EQ(std::filesystem::file_size(database_.location() + "-wal"), 0U);  // emptied
  }
}

// 50 responses of one day, imported with the ranks 1 to 50 in turn, are not listed in the
// order of the file.
TEST_F(StoreSurveyResponsesTest, AnImportsOrderIsNotKept) {
  const auto done =
      store_->ImportSurveyResponses("mini", "w1", PaperResponses(50), kSurveyNow, SurveyAudit());
  ASSERT_TRUE(done.has_value()) << done.error().ToString();
  std::vector<double> ranks;
  for (const StoredSurveyResponse& r : Responses()) ranks.push_back(*r.answers.at("rank").number);
  std::vector<double> in_turn(50);
  std::iota(in_turn.begin(), in_turn.end(), 1.0);
  EXPECT_NE(ranks, in_turn);
  std::sort(ranks.begin(), ranks.end());
  EXPECT_EQ(ranks, in_turn);
}

// One bad response among good ones: nothing is stored or audited, and the error is at the bad
// response's origin.
TEST_F(StoreSurveyResponsesTest, AnImportIsAllOrNothing) {
  const std::int64_t audits = AuditCount();
  const auto expect_refused = [&](const std::vector<SurveyResponseImport>& paper,
                                  std::string_view wave, ErrorCode code, std::string_view text,
                                  const SourcePos& at = {}) {
    const auto refused =
        store_->ImportSurveyResponses("mini", wave, paper, kSurveyNow, SurveyAudit());
    ASSERT_FALSE(refused.has_value()) << text;
    EXPECT_EQ(refused.error().code, code) << refused.error().ToString();
    EXPECT_THAT(refused.error().message, HasSubstr(std::string(text)));
    EXPECT_EQ(refused.error().pos, at);
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM survey_responses"), 0);
    EXPECT_EQ(AuditCount(), audits);
  };
  std::vector<SurveyResponseImport> paper = PaperResponses(5);
  paper[3].answers["likes"].choices = {"maybe"};
  expect_refused(paper, "w1", ErrorCode::kInvalidArgument, "likes: Select one of the answers",
                 SourcePos{"p.csv", 5, 0});
  paper = PaperResponses(5);
  paper[4].answers["likes"].choices = {"no"};  // hides which, still answered
  expect_refused(paper, "w1", ErrorCode::kInvalidArgument, "which: Leave this question out",
                 SourcePos{"p.csv", 6, 0});
  paper = PaperResponses(5);
  paper[0].answers["rank"].number = 51;
  expect_refused(paper, "w1", ErrorCode::kInvalidArgument, "rank: Enter a number",
                 SourcePos{"p.csv", 2, 0});
  // The day must lie within the wave, both ends included.
  paper = PaperResponses(2);
  paper[1].day = {2026, 2, 1};
  expect_refused(paper, "w1", ErrorCode::kInvalidArgument,
                 "day: 2026-02-01 is outside wave 'w1' (2025-11-01 to 2026-01-31)",
                 SourcePos{"p.csv", 3, 0});
  paper[1].day = {2025, 10, 31};
  expect_refused(paper, "w1", ErrorCode::kInvalidArgument, "day: 2025-10-31 is outside",
                 SourcePos{"p.csv", 3, 0});
  expect_refused({}, "w1", ErrorCode::kInvalidArgument, "responses: there are no responses");
  expect_refused(PaperResponses(1), "w9", ErrorCode::kNotFound, "has no wave 'w9'");
  const auto other =
      store_->ImportSurveyResponses("other", "w1", PaperResponses(1), kSurveyNow, SurveyAudit());
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);

  // A wave holding results from elsewhere takes no responses.
  const std::vector<SurveyAggregate> rows = {
      {"likes", {"yes"}, std::nullopt, 40, 50, "The 2017 report"}};
  ASSERT_TRUE(store_->SaveSurveyAggregates("mini", "w2", rows, kSurveyNow, SurveyAudit()));
  std::vector<SurveyResponseImport> later = PaperResponses(1);
  later[0].day = {2026, 11, 10};
  const std::int64_t before = AuditCount();
  const auto refused =
      store_->ImportSurveyResponses("mini", "w2", later, kSurveyNow, SurveyAudit());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().message, HasSubstr("wave: wave 'w2' holds results"));
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(Count(), 0);
}

}  // namespace
}  // namespace waymark::store
