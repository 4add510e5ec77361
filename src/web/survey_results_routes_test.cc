// Tests of the survey results routes through the whole site: /surveys for analysts only, a
// wave's results 404 to the public until published and visible once it is, publishing only a
// closed wave (CSRF needed, audited), suppressed cells written "c" with their explanation and
// never their number (page, CSV), downloads, the breakdown by an about-you question, and the
// review of written answers: never public, never on results pages, a flagged answer hidden
// from analysts without the safeguarding grant (and refused to their forms) and shown with the
// procedure to those with it; bad forms are 400 naming the field and change nothing.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/layout.h"
#include "web/site_test_fixture.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAnalyst[] = "analyst@barnet.example";
constexpr char kPartner[] = "public-health@partners.example";
constexpr char kLead[] = "lead@barnet.example";  // an analyst with the safeguarding grant
constexpr char kSecret[] = "Someone at home hurts me";
constexpr char kHarmless[] = "More football please";

Question Single(std::string id, const std::vector<std::string>& options) {
  Question q;
  q.id = std::move(id);
  q.kind = QuestionKind::kSingleChoice;
  q.text = "Do you like it here?";
  for (const std::string& o : options) q.options.push_back({o, "Option " + o});
  return q;
}

// "voice": age (about you), likes (yes/no), say (free text); w1 closed before the fixture's
// today (2026-11-22), w2 open.
Survey VoiceSurvey() {
  Survey s;
  s.id = "voice";
  s.code = "voice-2026";
  s.title = "Your voice";
  s.wording = {{"11-13", "We want to hear from you.", "You can stop at any time."}};
  SurveySection you{"you", "About you"};
  Question age;
  age.id = "age";
  age.text = "How old are you?";
  age.about_you = AboutYou::kAgeBand;
  age.options = BandOptions(AboutYou::kAgeBand, {});
  you.questions.push_back(age);
  SurveySection main{"main", "Main"};
  main.questions.push_back(Single("likes", {"yes", "no"}));
  Question say;
  say.id = "say";
  say.kind = QuestionKind::kFreeText;
  say.text = "Tell us more.";
  say.max_length = 200;
  main.questions.push_back(say);
  s.sections = {you, main};
  s.waves = {{"w1", "Autumn 2026", {2026, 9, 1}, {2026, 10, 31}},
             {"w2", "Winter 2026", {2026, 11, 1}, {2026, 12, 31}}};
  return s;
}

class SurveyResultsRoutesTest : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(Db().SaveSurvey(VoiceSurvey(), kTestNow, TestAudit("survey.import")));
    // w1: 14 answered likes, 12 yes and 2 no (suppressed); two wrote something.
    for (int i = 0; i < 14; ++i) {
      waymark::Response r;
      r["likes"].choices = {i < 12 ? "yes" : "no"};
      r["age"].choices = {"11-13"};
      if (i == 0) r["say"].text = kSecret;
      if (i == 1) r["say"].text = kHarmless;
      ASSERT_TRUE(Db().SubmitSurveyResponse("voice", "w1", r, {2026, 9, 10}, ""));
    }
    waymark::Response one;
    one["likes"].choices = {"yes"};
    ASSERT_TRUE(Db().SubmitSurveyResponse("voice", "w2", one, {2026, 11, 2}, ""));
    User lead;
    lead.email = kLead;
    lead.name = "Safeguarding lead";
    lead.organisation = "barnet-council";
    lead.role = Role::kAnalyst;
    lead.safeguarding = true;
    const std::string hash = *HashPassword(kTestPassword, PasswordCost::kTestMinimum);
    ASSERT_TRUE(Db().CreateUser(lead, hash, TestAudit("user.create")));
  }
  // The audit entries of surveys (signing in writes entries of its own).
  std::size_t AuditCount() {
    AuditFilter filter;
    filter.entity = "survey";
    return Db().ListAudit(filter)->size();
  }
  std::vector<store::FreeTextAnswer> Answers() { return *Db().ListFreeTextAnswers("voice", "w1"); }
  std::string IdOf(std::string_view text) {
    for (const auto& a : Answers()) {
      if (a.text == text) return a.id;
    }
    return "";
  }
  // Flags the answer `text` for safeguarding as the analyst `client`.
  void Flag(TestClient& client, std::string_view text) {
    client.Get("/surveys/voice/free-text?wave=w1");
    const Response res =
        client.Post("/surveys/voice/free-text", "wave=w1&answer=" + IdOf(text) + "&action=flag");
    ASSERT_EQ(res.status, 303) << res.body;
  }
  void Publish() {
    TestClient analyst(*site_);
    ASSERT_TRUE(analyst.SignIn(kAnalyst));
    analyst.Get("/surveys/voice/results?wave=w1");
    ASSERT_EQ(analyst.Post("/surveys/voice/publish", "wave=w1").status, 303);
  }
};

TEST_F(SurveyResultsRoutesTest, TheListOfSurveysIsForAnalysts) {
  TestClient reader(*site_);
  EXPECT_EQ(reader.Get("/surveys").status, 303);
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Get("/surveys").status, 403);
  EXPECT_THAT(partner.Get("/").body, Not(HasSubstr("href=\"/surveys\"")));
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  const Response res = analyst.Get("/surveys");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Your voice"));
  EXPECT_THAT(res.body, HasSubstr("Autumn 2026"));
  EXPECT_THAT(res.body, HasSubstr(">Closed<"));
  EXPECT_THAT(res.body, HasSubstr(">Open<"));
  EXPECT_THAT(res.body, HasSubstr(">14<"));
  EXPECT_THAT(res.body, HasSubstr("fewer than 10"));  // w2's one response
  EXPECT_THAT(res.body, Not(HasSubstr(">1<")));
  EXPECT_THAT(res.body, HasSubstr("Not published"));
  EXPECT_THAT(res.body, HasSubstr("/surveys/voice/free-text?wave=w1"));
  EXPECT_THAT(analyst.Get("/").body, HasSubstr("href=\"/surveys\""));
}

TEST_F(SurveyResultsRoutesTest, AnUnpublishedWaveIsNotFoundUntilPublished) {
  TestClient reader(*site_);
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  for (const char* target :
       {"/surveys/voice/results?wave=w1", "/surveys/voice/results",
        "/surveys/voice/results.csv?wave=w1&table=likes", "/surveys/voice/results.xlsx?wave=w1"}) {
    EXPECT_EQ(reader.Get(target).status, 404) << target;
    EXPECT_EQ(partner.Get(target).status, 404) << target;
  }
  EXPECT_EQ(reader.Get("/surveys/nothing/results").status, 404);
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  EXPECT_EQ(analyst.Get("/surveys/voice/results?wave=w1").status, 200);
  EXPECT_EQ(analyst.Get("/surveys/voice/results?wave=w2").status, 200);
  EXPECT_EQ(analyst.Get("/surveys/voice/results?wave=w9").status, 404);

  const std::size_t audits = AuditCount();
  Publish();
  EXPECT_EQ(AuditCount(), audits + 1);
  EXPECT_EQ(Db().ListAudit({})->front().action, "survey.publish");
  Response res = reader.Get("/surveys/voice/results");  // the latest published wave
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Autumn 2026"));
  EXPECT_THAT(res.body, Not(HasSubstr("Publish these results")));
  EXPECT_THAT(res.body, Not(HasSubstr("Unpublish")));
  EXPECT_EQ(partner.Get("/surveys/voice/results?wave=w1").status, 200);
  EXPECT_EQ(reader.Get("/surveys/voice/results.xlsx?wave=w1").status, 200);
  EXPECT_EQ(reader.Get("/surveys/voice/results?wave=w2").status, 404);  // still unpublished

  analyst.Get("/surveys/voice/results?wave=w1");
  EXPECT_EQ(analyst.Post("/surveys/voice/unpublish", "wave=w1").status, 303);
  EXPECT_EQ(reader.Get("/surveys/voice/results?wave=w1").status, 404);
  EXPECT_EQ(Db().ListAudit({})->front().action, "survey.unpublish");
}

TEST_F(SurveyResultsRoutesTest, OnlyAnAnalystPublishesAndOnlyAClosedWave) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  analyst.Get("/surveys/voice/results?wave=w2");
  const std::size_t audits = AuditCount();
  Response res = analyst.Post("/surveys/voice/publish", "wave=w2");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#wave\""));
  EXPECT_THAT(res.body, HasSubstr("only once the wave has closed"));
  EXPECT_EQ(analyst.Post("/surveys/voice/publish", "wave=w9").status, 400);
  EXPECT_EQ(analyst.Post("/surveys/voice/publish", "").status, 400);
  EXPECT_EQ(analyst.Post("/surveys/voice/publish", "wave=w1", "wrong-token").status, 403);
  EXPECT_EQ(analyst.Post("/surveys/nothing/publish", "wave=w1").status, 404);
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Post("/surveys/voice/publish", "wave=w1").status, 403);
  TestClient reader(*site_);
  reader.Get("/sign-in");
  EXPECT_EQ(reader.Post("/surveys/voice/publish", "wave=w1").status, 303);  // to sign in
  EXPECT_TRUE(Db().ListSurveyPublications("voice")->empty());
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(SurveyResultsRoutesTest, PublishingGivesTheFiguresToTheIndicatorsTheSurveyFeeds) {
  Indicator likes;
  likes.id = "likes-here";
  likes.title = "Children who like it here";
  likes.value_type = ValueType::kProportion;
  likes.multiplier = 100;
  likes.unit = "%";
  likes.local = true;
  ASSERT_TRUE(Db().SaveIndicators({likes}, kTestNow).has_value());
  Survey survey = VoiceSurvey();
  survey.sections[1].questions[0].feeds = IndicatorFeed{"likes-here", {"yes"}};
  survey.waves[1].period = "2026/27";  // not w1's 2026, whose figure it would replace
  ASSERT_TRUE(Db().SaveSurvey(survey, kTestNow, TestAudit("survey.import")));
  for (int i = 0; i < 10; ++i) {  // 12 of 24 like it here
    waymark::Response r;
    r["likes"].choices = {"no"};
    ASSERT_TRUE(Db().SubmitSurveyResponse("voice", "w1", r, {2026, 9, 11}, ""));
  }
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  analyst.Get("/surveys/voice/results?wave=w1");

  // Without the council it asks about, the figure has no area: nothing is published.
  Response res = analyst.Post("/surveys/voice/publish", "wave=w1");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("cannot be given to the indicators they feed"));
  EXPECT_TRUE(Db().ListSurveyPublications("voice")->empty());

  survey.area = "E09000003";
  ASSERT_TRUE(Db().SaveSurvey(survey, kTestNow, TestAudit("survey.import")));
  ASSERT_EQ(analyst.Post("/surveys/voice/publish", "wave=w1").status, 303);
  const auto history = Db().FigureHistory("likes-here", "E09000003");
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 1U);
  EXPECT_EQ(history->at(0).period.Label(), "2026");
  EXPECT_DOUBLE_EQ(history->at(0).value, 50);
  EXPECT_DOUBLE_EQ(history->at(0).denominator, 24);
  EXPECT_EQ(history->at(0).imported_by, kAnalyst);
  EXPECT_EQ(Db().ListAudit({})->front().action, "survey.feed");
}

TEST_F(SurveyResultsRoutesTest, SuppressedCellsAreCWithTheirReasonAndNeverTheirNumber) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Response res = analyst.Get("/surveys/voice/results?wave=w1");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Why some figures show c"));
  EXPECT_THAT(res.body, HasSubstr("fewer than 10 respondents"));
  EXPECT_THAT(res.body, HasSubstr("<span class=\"waymark-suppressed\">c</span>"));
  EXPECT_THAT(res.body, HasSubstr("Publish these results"));
  EXPECT_THAT(res.body, HasSubstr("/surveys/voice/results.csv?wave=w1&amp;table=likes"));
  // Written answers appear only as a count, never as text.
  EXPECT_THAT(res.body, Not(HasSubstr(kSecret)));
  EXPECT_THAT(res.body, Not(HasSubstr(kHarmless)));

  res = analyst.Get("/surveys/voice/results.csv?wave=w1&table=likes");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.Get("Content-Type").value_or(""), HasSubstr("text/csv"));
  bool saw_no = false;
  std::istringstream lines(res.body);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("Option no")) continue;
    saw_no = true;
    EXPECT_THAT(line, HasSubstr(",c"));
    EXPECT_THAT(line, Not(HasSubstr(",2,")));
    EXPECT_THAT(line, Not(HasSubstr(",2\r")));
  }
  EXPECT_TRUE(saw_no) << res.body;
  res = analyst.Get("/surveys/voice/results.csv?wave=w1&table=say");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, Not(HasSubstr(kSecret)));
  EXPECT_EQ(analyst.Get("/surveys/voice/results.csv?wave=w1").status, 400);
  EXPECT_EQ(analyst.Get("/surveys/voice/results.csv?wave=w1&table=nothing").status, 404);
  res = analyst.Get("/surveys/voice/results.xlsx?wave=w1");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(res.body.starts_with("PK"));
  EXPECT_THAT(res.Get("Content-Disposition").value_or(""), HasSubstr("voice-w1.xlsx"));
}

TEST_F(SurveyResultsRoutesTest, AnswersAreShownByAnAboutYouQuestionChosenWithAForm) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Response res = analyst.Get("/surveys/voice/results?wave=w1");
  EXPECT_THAT(res.body, HasSubstr("name=\"by\""));
  EXPECT_THAT(res.body, Not(HasSubstr("table=likes.by-age")));
  res = analyst.Get("/surveys/voice/results?wave=w1&by=age");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("table=likes.by-age"));
  res = analyst.Get("/surveys/voice/results?wave=w1&by=likes");  // not an about-you question
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("by"));
  EXPECT_EQ(analyst.Get("/surveys/voice/results?wave=w1&by=nothing").status, 400);
}

TEST_F(SurveyResultsRoutesTest, WrittenAnswersAreReviewedByAnalystsOnly) {
  TestClient reader(*site_);
  EXPECT_EQ(reader.Get("/surveys/voice/free-text?wave=w1").status, 303);
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Get("/surveys/voice/free-text?wave=w1").status, 403);
  Publish();
  EXPECT_EQ(reader.Get("/surveys/voice/free-text?wave=w1").status, 303);  // published or not

  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Response res = analyst.Get("/surveys/voice/free-text?wave=w1");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr(kSecret));
  EXPECT_THAT(res.body, HasSubstr(kHarmless));
  EXPECT_THAT(res.body, Not(HasSubstr("Option yes")));  // never the rest of the response
  EXPECT_EQ(analyst.Get("/surveys/voice/free-text?wave=w9").status, 404);
  EXPECT_EQ(analyst.Get("/surveys/nothing/free-text").status, 404);

  const std::size_t audits = AuditCount();
  res = analyst.Post("/surveys/voice/free-text",
                     "wave=w1&answer=" + IdOf(kHarmless) + "&action=reviewed");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.Get("Location"), "/surveys/voice/free-text?wave=w1#answer-" + IdOf(kHarmless));
  EXPECT_EQ(AuditCount(), audits + 1);
  EXPECT_EQ(Db().ListAudit({})->front().action, "survey.review");
  EXPECT_THAT(Db().ListAudit({})->front().after, Not(HasSubstr(kHarmless)));
  for (const auto& a : Answers()) EXPECT_EQ(a.reviewed, a.text == kHarmless);
}

TEST_F(SurveyResultsRoutesTest, BadReviewFormsAreRefusedByFieldAndChangeNothing) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  analyst.Get("/surveys/voice/free-text?wave=w1");
  const std::size_t audits = AuditCount();
  const std::string id = IdOf(kHarmless);
  Response res = analyst.Post("/surveys/voice/free-text", "wave=w1&answer=" + id + "&action=x");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#action\""));
  EXPECT_THAT(res.body, HasSubstr("Error: Written answers"));
  res = analyst.Post("/surveys/voice/free-text", "wave=w1&answer=nothing&action=reviewed");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#answer\""));
  EXPECT_EQ(
      analyst.Post("/surveys/voice/free-text", "wave=w9&answer=" + id + "&action=flag").status,
      400);
  EXPECT_EQ(analyst.Post("/surveys/voice/free-text", "answer=" + id + "&action=flag").status, 400);
  EXPECT_EQ(
      analyst
          .Post("/surveys/voice/free-text", "wave=w1&answer=" + id + "&action=flag", "wrong-token")
          .status,
      403);
  for (const auto& a : Answers()) {
    EXPECT_FALSE(a.reviewed);
    EXPECT_FALSE(a.safeguarding);
  }
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(SurveyResultsRoutesTest, AFlaggedAnswerIsSeenOnlyWithTheSafeguardingGrant) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Flag(analyst, kSecret);
  Response res = analyst.Get("/surveys/voice/free-text?wave=w1");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, Not(HasSubstr(kSecret)));
  EXPECT_THAT(res.body, HasSubstr(kHarmless));
  EXPECT_THAT(res.body, HasSubstr("1 answer is flagged for safeguarding and is visible only to "
                                  "analysts with the safeguarding permission"));
  EXPECT_THAT(res.body, Not(HasSubstr("Follow the council")));
  EXPECT_THAT(res.body, Not(HasSubstr(IdOf(kSecret))));
  // Nor can their forms touch it: it is refused like an unknown answer.
  const std::size_t audits = AuditCount();
  for (const char* action : {"unflag", "reviewed"}) {
    res = analyst.Post("/surveys/voice/free-text",
                       "wave=w1&answer=" + IdOf(kSecret) + "&action=" + action);
    EXPECT_EQ(res.status, 400) << action;
    EXPECT_THAT(res.body, Not(HasSubstr(kSecret)));
  }
  EXPECT_EQ(AuditCount(), audits);

  TestClient lead(*site_);
  ASSERT_TRUE(lead.SignIn(kLead));
  res = lead.Get("/surveys/voice/free-text?wave=w1");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr(kSecret));
  EXPECT_THAT(res.body, HasSubstr("Flagged for safeguarding"));
  EXPECT_THAT(res.body, HasSubstr("Safeguarding procedure: 1 flagged answer"));
  EXPECT_THAT(res.body, HasSubstr("Follow the council"));
  ASSERT_TRUE(Db().SetSetting(kSafeguardingProcedureSetting,
                              "Ring the MASH on 020 8359 4066 at once.", TestAudit("setting.set")));
  res = lead.Get("/surveys/voice/free-text?wave=w1");
  EXPECT_THAT(res.body, HasSubstr("Ring the MASH on 020 8359 4066 at once."));
  res = lead.Post("/surveys/voice/free-text", "wave=w1&answer=" + IdOf(kSecret) + "&action=unflag");
  ASSERT_EQ(res.status, 303);
  EXPECT_THAT(analyst.Get("/surveys/voice/free-text?wave=w1").body, HasSubstr(kSecret));

  // The published results never show it, whoever asks.
  Publish();
  TestClient reader(*site_);
  EXPECT_THAT(reader.Get("/surveys/voice/results?wave=w1").body, Not(HasSubstr(kSecret)));
  EXPECT_THAT(lead.Get("/surveys/voice/results?wave=w1").body, Not(HasSubstr(kSecret)));
}


TEST_F(SurveyResultsRoutesTest, AWavePublishedElsewhereShowsItsFigures) {
  Survey survey = VoiceSurvey();
  survey.waves.insert(survey.waves.begin(), {"w0", "Survey 2017", {2017, 1, 1}, {2017, 12, 31}});
  ASSERT_TRUE(Db().SaveSurvey(survey, kTestNow, TestAudit("survey.update")));
  const std::vector<SurveyAggregate> rows = {
      {"likes", {"yes"}, 84.0, std::nullopt, std::nullopt, "The plan's key facts"}};
  ASSERT_TRUE(Db().SaveSurveyAggregates("voice", "w0", rows, kTestNow, TestAudit("x")));
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  const Response res = analyst.Get("/surveys/voice/results?wave=w0");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_THAT(res.body, HasSubstr("Figures published elsewhere"));
  EXPECT_THAT(res.body, HasSubstr("The plan&#39;s key facts"));
  EXPECT_THAT(res.body, HasSubstr("None here: this wave&#39;s results were published elsewhere"));
  EXPECT_THAT(res.body, Not(HasSubstr(">Answers</h2>")));
}

}  // namespace
}  // namespace waymark::web::testing
