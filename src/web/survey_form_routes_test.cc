// Tests of the survey response form through the whole site: the surveys open today, the start,
// consent and its refusal, paging with routing, a page's problems, check your answers, sending
// (with and without a one-time code), and what is kept: only the day and the answers. Nothing
// is stored before sending, and bad forms change nothing.
#include "web/survey_form_routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/survey_test_fixture.h"
#include "web/site_test_fixture.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kPath = "/s/mini-survey";

class SurveyFormTest : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Survey survey = store::MiniSurvey();
    survey.sections[0].questions[0].required = true;  // likes
    survey.sections[0].questions[0].text = "Do you like it here?";
    ASSERT_TRUE(Db().SaveSurvey(survey, kTestNow, store::SurveyAudit()).has_value());
    client_ = std::make_unique<TestClient>(*site_);
  }

  std::int64_t Stored(std::string_view wave = "w2") {
    return Db().CountSurveyResponses("mini", wave).value_or(-1);
  }

  // Starts the survey as an 8 to 10 year old and agrees to take part: the first page.
  Response Begin(TestClient& c) {
    c.Get(std::string(kPath) + "?ages=8-10");
    return c.Post(std::string(kPath), "_ages=8-10&_step=consent&_consent=yes");
  }

  std::unique_ptr<TestClient> client_;
};

TEST_F(SurveyFormTest, ListsTheSurveysOpenTodayWithNoCookie) {
  Response res = client_->Get("/s");
  EXPECT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("href=\"/s/mini-survey\""));
  EXPECT_THAT(res.body, HasSubstr("Winter 2026: open until 2027-01-31"));
  EXPECT_FALSE(res.Get("Set-Cookie").has_value());
  EXPECT_EQ(res.Get("Cache-Control"), "private, no-store");

  // After the wave closes, nothing is open and the form answers 404.
  clock_.Advance(std::int64_t{80} * 86400);  // 2027-02-10
  res = client_->Get("/s");
  EXPECT_THAT(res.body, HasSubstr("There are no surveys open at the moment."));
  EXPECT_EQ(client_->Get(std::string(kPath)).status, 404);
  EXPECT_EQ(client_->Get("/s/no-such-survey").status, 404);
}

TEST_F(SurveyFormTest, StartAndConsentInTheAgeGroupsWords) {
  Response res = client_->Get(std::string(kPath));
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("How old are you?"));
  EXPECT_THAT(res.body, HasSubstr("value=\"8-10\""));
  EXPECT_FALSE(res.Get("Set-Cookie").has_value());  // a GET form: no token, no cookie

  res = client_->Get(std::string(kPath) + "?ages=17-19");  // no wording for this band
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("Choose how old you are"));

  res = client_->Get(std::string(kPath) + "?ages=8-10");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("We want to hear from you."));
  EXPECT_THAT(res.body, HasSubstr("You can stop at any time."));
  // The form's own CSRF token is the only cookie.
  ASSERT_EQ(client_->Cookies().size(), 1U);
  EXPECT_EQ(client_->Cookies().begin()->first, "waymark_presession");

  res = client_->Post(std::string(kPath), "_ages=8-10&_step=consent");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("Choose yes if you want to take part, or no"));

  res = client_->Post(std::string(kPath), "_ages=8-10&_step=consent&_consent=no");
  EXPECT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("You have chosen not to take part"));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(SurveyFormTest, PagesFollowTheRoutingAndAPageKeepsItsProblems) {
  Response res = Begin(*client_);
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Page 1 of 2"));
  EXPECT_THAT(res.body, HasSubstr("Do you like it here?"));
  EXPECT_THAT(res.body, HasSubstr("<div class=\"govuk-radios__item\"><input "
                                  "class=\"govuk-radios__input\" id=\"likes\""));
  EXPECT_THAT(res.body, HasSubstr("<label class=\"govuk-label govuk-radios__label\" "
                                  "for=\"likes\">Option yes</label>"));
  EXPECT_THAT(res.body, Not(HasSubstr("Pick a number.")));  // on the next page

  // Continue without the required answer: the same page with its problem, nothing stored.
  const std::string base = "_ages=8-10&_consent=yes&_page=likes";
  res = client_->Post(std::string(kPath), base + "&_go=next");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(res.body, HasSubstr("href=\"#likes\""));

  // "yes" shows the routed question on the next page; the answer travels as a hidden field.
  res = client_->Post(std::string(kPath), base + "&likes=yes&_go=next");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Page 2 of 2"));
  EXPECT_THAT(res.body, HasSubstr("name=\"which\""));
  EXPECT_THAT(res.body, HasSubstr("<input class=\"govuk-checkboxes__input\" id=\"which\""));
  EXPECT_THAT(res.body, HasSubstr("type=\"hidden\" name=\"likes\" value=\"yes\""));

  // "no" does not; an answer to the routed question left from before is dropped.
  res = client_->Post(std::string(kPath), base + "&likes=no&which=cat&_go=next");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, Not(HasSubstr("name=\"which\"")));

  // A number out of bounds on page 2 keeps page 2, naming the question.
  res = client_->Post(std::string(kPath),
                     "_ages=8-10&_consent=yes&_page=which&likes=yes&rank=51&_go=next");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#rank\""));
  EXPECT_THAT(res.body, HasSubstr("Enter a whole number from 1 to 50."));

  // Back from page 2 is page 1 with its answer; back from page 1 is the consent page.
  res = client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&_page=which&likes=yes&_go=back");
  EXPECT_THAT(res.body, HasSubstr("Page 1 of 2"));
  EXPECT_THAT(res.body, HasSubstr("value=\"yes\" checked"));
  res = client_->Post(std::string(kPath), base + "&_go=back");
  EXPECT_THAT(res.body, HasSubstr("Do you want to take part?"));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(SurveyFormTest, CheckYourAnswersThenSendStoresOnlyTheDayAndTheAnswers) {
  Begin(*client_);
  const std::string answers = "_ages=8-10&_consent=yes&likes=yes&which=cat&which=dog&rank=7"
                              "&say=More+parks%0Aplease&feel=agree";
  Response res = client_->Post(std::string(kPath), answers + "&_page=which&_go=next");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_THAT(res.body, HasSubstr("Check your answers before sending them"));
  EXPECT_THAT(res.body, HasSubstr("Option cat, Option dog"));
  EXPECT_THAT(res.body, HasSubstr("More parks\nplease"));
  EXPECT_THAT(res.body, HasSubstr("Not answered"));  // spare
  EXPECT_THAT(res.body, HasSubstr("value=\"page:which\""));
  EXPECT_EQ(Stored(), 0);

  // Change goes to the answer's page with the answers kept.
  res = client_->Post(std::string(kPath), answers + "&_go=page:which");
  EXPECT_THAT(res.body, HasSubstr("Page 2 of 2"));
  EXPECT_THAT(res.body, HasSubstr("value=\"7\""));

  res = client_->Post(std::string(kPath), answers + "&_go=submit");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.Get("Location"), "/s/mini-survey/sent");
  EXPECT_THAT(client_->Get("/s/mini-survey/sent").body, HasSubstr("Your answers have been sent"));
  ASSERT_EQ(Stored(), 1);
  const auto stored = Db().ListSurveyResponses("mini", "w2");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->at(0).day, (Date{2026, 11, 22}));
  EXPECT_EQ(stored->at(0).answers.at("which").choices, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(stored->at(0).answers.at("say").text, "More parks\nplease");
  EXPECT_EQ(stored->at(0).answers.count("spare"), 0U);
}

TEST_F(SurveyFormTest, SendingRechecksEverythingAndRefusesBadCodes) {
  Begin(*client_);
  // A required answer missing at sending: back to its page.
  Response res = client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&rank=3&_go=submit");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#likes\""));
  // An answer to no question, a broken page name, an unknown button: 400, nothing stored.
  EXPECT_EQ(client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&likes=yes&nope=1&_go=submit")
                .status,
            400);
  EXPECT_EQ(client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&_page=nope&_go=next").status,
            400);
  EXPECT_EQ(client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&_page=likes&_go=jump").status,
            400);
  // Without consent, without an age group, without the CSRF token: not stored.
  EXPECT_EQ(client_->Post(std::string(kPath), "_ages=8-10&likes=yes&_go=submit").status, 400);
  EXPECT_EQ(client_->Post(std::string(kPath), "_consent=yes&likes=yes&_go=submit").status, 400);
  EXPECT_EQ(client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&likes=yes&_go=submit",
                         std::string(64, '0'))
                .status,
            403);
  EXPECT_EQ(Stored(), 0);

  // Codes: malformed, unknown, good, then used again.
  const auto codes = Db().CreateSurveyCodes("mini", "w2", 1, kTestNow, store::SurveyAudit());
  ASSERT_TRUE(codes.has_value());
  const std::string good = "_ages=8-10&_consent=yes&likes=no&_go=submit&_code=";
  res = client_->Post(std::string(kPath), good + "ABC");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("Enter the code as it is written"));
  res = client_->Post(std::string(kPath), good + "AAAA-AAAA-AA");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("This code is not right"));
  EXPECT_EQ(Stored(), 0);
  std::string lower = codes->at(0);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(client_->Post(std::string(kPath), good + lower).status, 303);
  res = client_->Post(std::string(kPath), good + codes->at(0));
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("This code has already been used"));
  EXPECT_EQ(Stored(), 1);
  // Without a code, another response is taken.
  EXPECT_EQ(client_->Post(std::string(kPath), "_ages=8-10&_consent=yes&likes=no&_go=submit").status,
            303);
  EXPECT_EQ(Stored(), 2);
}

}  // namespace
}  // namespace waymark::web::testing
