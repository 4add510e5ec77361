// Tests of the "you said, we did" routes through the whole site: an analyst adds, changes and
// deletes a finding and saves and removes its answers (each audited); a refused form is 400
// naming its fields and a taken key 409, with nothing stored; a change made after someone
// else's (a stale version) is 409 with what was typed and the finding as stored now, and a form
// without a whole-number version 400, nothing stored either way; a post without the CSRF token
// and other roles are refused; /young-people shows a published plan's findings with example
// answers marked, and never a draft's.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/action_test_fixture.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// How many times `part` occurs in `text`.
std::size_t Count(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class FindingRoutesTest : public ActionRoutesTest {
 protected:
  static std::string FindingForm(const std::string& said, const std::string& key = "",
                                 const std::string& date = "2019-04-01") {
    return Field("outcome", "family-and-belonging") + "&" + Field("said", said) + "&" +
           Field("source", "focus-group") + "&" + Field("source_name", "Focus groups 2019") +
           "&" + Field("date", date) + "&participants=422&" + Field("key", key);
  }
  static std::string AnswerForm(const std::string& target, const std::string& kind,
                                const std::string& text) {
    return Field("target", target) + "&" + Field("kind", kind) + "&" + Field("text", text) +
           "&answer_date=2020-03-31&" + Field("answered_by", "Family Services") +
           "&illustrative=true";
  }
  static std::string Version(int version) { return "&version=" + std::to_string(version); }
  std::vector<Finding> Stored(const std::string& plan = kPlanId) {
    return *Db().ListFindings(plan);
  }
  // A finding stored directly (not through the routes).
  Finding StoreFinding(const std::string& plan, const std::string& said) {
    Finding f;
    f.plan_id = plan;
    f.outcome_id = "family-and-belonging";
    f.said = said;
    f.source_name = "Survey";
    f.date = {2019, 4, 1};
    f.answers = {{"action:fb-community-spaces", AnswerKind::kWeAreDoing,
                  "We are opening rooms after school.", {2020, 1, 1}, "Libraries", true}};
    return *Db().SaveFinding(f, kTestNow, TestAudit("finding.create"));
  }
};

TEST_F(FindingRoutesTest, AnAnalystAddsChangesAnswersAndDeletesAFinding) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Response res = analyst.Get("/findings");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("No findings yet."));
  ASSERT_EQ(analyst.Get("/findings/new").status, 200);
  const std::size_t audit_before = AuditCount();
  res = analyst.Post("/findings", FindingForm("We want more places to go after school."));
  ASSERT_EQ(res.status, 303) << res.body;
  ASSERT_EQ(Stored().size(), 1u);
  const Finding f = Stored()[0];
  EXPECT_EQ(f.source, FindingSource::kFocusGroup);
  EXPECT_EQ(f.participants, 422);
  EXPECT_EQ(res.Get("Location"), "/findings?plan=barnet-2019-23#finding-" + std::to_string(f.id));
  EXPECT_EQ(AuditCount(), audit_before + 1);
  const std::string page = "/findings/" + std::to_string(f.id);
  EXPECT_THAT(analyst.Get("/findings").body, HasSubstr("We want more places to go"));

  EXPECT_EQ(f.version, 1);
  res = analyst.Get(page);
  ASSERT_EQ(res.status, 200);
  // The finding's form, the answer form and the delete form each carry its version.
  EXPECT_EQ(Count(res.body, "<input type=\"hidden\" name=\"version\" value=\"1\">"), 3u);
  res = analyst.Post(page, FindingForm("We want places to go at weekends.", "weekends") +
                               Version(1));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(Stored()[0].said, "We want places to go at weekends.");
  EXPECT_EQ(Stored()[0].key, "weekends");
  EXPECT_EQ(Stored()[0].version, 2);

  res = analyst.Post(page + "/answers", AnswerForm("action:fb-community-spaces", "we-are-doing",
                                                   "We are opening rooms in libraries.") +
                                            Version(2));
  ASSERT_EQ(res.status, 303) << res.body;
  ASSERT_EQ(Stored()[0].answers.size(), 1u);
  EXPECT_TRUE(Stored()[0].answers[0].illustrative);
  res = analyst.Get(page);
  EXPECT_THAT(res.body, HasSubstr("We are opening rooms in libraries."));
  // ... and the answer's remove form too.
  EXPECT_EQ(Count(res.body, "<input type=\"hidden\" name=\"version\" value=\"3\">"), 4u);
  res = analyst.Post(page + "/answers/remove",
                     Field("target", "action:fb-community-spaces") + Version(3));
  ASSERT_EQ(res.status, 303);
  EXPECT_TRUE(Stored()[0].answers.empty());
  EXPECT_EQ(analyst
                .Post(page + "/answers/remove",
                      Field("target", "action:fb-community-spaces") + Version(4))
                .status,
            400);
  EXPECT_EQ(AuditCount(), audit_before + 4);

  ASSERT_EQ(analyst.Post(page + "/delete", "version=4").status, 303);
  EXPECT_TRUE(Stored().empty());
  EXPECT_EQ(AuditCount(), audit_before + 5);
  EXPECT_EQ(analyst.Get(page).status, 404);
}

TEST_F(FindingRoutesTest, ARefusedFormNamesItsFieldsAndStoresNothing) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  ASSERT_EQ(analyst.Get("/findings/new").status, 200);
  const std::size_t audit_before = AuditCount();
  Response res = analyst.Post("/findings", Field("outcome", "nowhere") + "&said=&source=poll&" +
                                               "date=2019-02-30&participants=many&key=Bad+Key");
  ASSERT_EQ(res.status, 400);
  for (const char* field : {"outcome", "said", "source", "source_name", "date", "participants",
                            "key"}) {
    EXPECT_THAT(res.body, HasSubstr(std::string("href=\"#") + field + "\"")) << field;
  }
  EXPECT_TRUE(Stored().empty());

  ASSERT_EQ(analyst.Post("/findings", FindingForm("First.", "same")).status, 303);
  res = analyst.Post("/findings", FindingForm("Second.", "same"));
  EXPECT_EQ(res.status, 409);
  EXPECT_THAT(res.body, HasSubstr("href=\"#key\""));
  EXPECT_EQ(Stored().size(), 1u);

  const std::string page = "/findings/" + std::to_string(Stored()[0].id);
  ASSERT_EQ(analyst.Get(page).status, 200);
  res = analyst.Post(page + "/answers",
                     AnswerForm("action:nowhere", "we-cannot", "No.") + Version(1));
  ASSERT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#target\""));
  EXPECT_THAT(res.body, HasSubstr("href=\"#text\""));
  res = analyst.Post(page + "/answers",
                     AnswerForm("action:fb-community-spaces", "maybe", "Yes.") + Version(1));
  ASSERT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#kind\""));
  EXPECT_TRUE(Stored()[0].answers.empty());
  EXPECT_EQ(AuditCount(), audit_before + 1);
  EXPECT_EQ(analyst.Get("/findings/999").status, 404);
  EXPECT_EQ(analyst.Get("/findings/abc").status, 404);
}

// Two analysts open version 1 of a finding; the first saves. Each change the second then makes
// from the page they opened is 409: the page again with what they typed, the finding as stored
// now and an error summary saying so, its forms carrying the version now stored; nothing is
// stored or audited. Made again from that page, the change goes through.
TEST_F(FindingRoutesTest, AChangeMadeAfterSomeoneElsesIsRefusedShowingBoth) {
  const Finding f = StoreFinding(kPlanId, "We want places to go after school.");
  ASSERT_EQ(f.version, 1);
  const std::string page = "/findings/" + std::to_string(f.id);
  TestClient first(*site_);
  ASSERT_TRUE(first.SignIn(kAnalyst));
  TestClient second(*site_);
  ASSERT_TRUE(second.SignIn(kAnalyst));
  ASSERT_EQ(first.Get(page).status, 200);
  ASSERT_EQ(second.Get(page).status, 200);
  ASSERT_EQ(first.Post(page, FindingForm("First analyst's words.") + Version(1)).status, 303);
  const Finding stored = Stored()[0];
  ASSERT_EQ(stored.version, 2);
  const std::size_t audit_before = AuditCount();

  const auto expect_stale = [&](const Response& res, const std::string& typed,
                                const std::string& then) {
    EXPECT_EQ(res.status, 409) << then;
    EXPECT_THAT(res.body, HasSubstr("Someone else changed this finding after you opened it"));
    EXPECT_THAT(res.body, HasSubstr(then));
    EXPECT_THAT(res.body, HasSubstr("href=\"#stored-now\""));
    EXPECT_THAT(res.body, HasSubstr("id=\"stored-now\""));
    EXPECT_THAT(res.body, HasSubstr("The finding as it is stored now"));
    EXPECT_THAT(res.body, HasSubstr("First analyst&#39;s words."));
    EXPECT_THAT(res.body, HasSubstr(typed));
    EXPECT_THAT(res.body, HasSubstr("<input type=\"hidden\" name=\"version\" value=\"2\">"));
    EXPECT_THAT(res.body,
                Not(HasSubstr("<input type=\"hidden\" name=\"version\" value=\"1\">")));
    EXPECT_EQ(Stored().size(), 1u);
    EXPECT_EQ(Stored()[0], stored);
    EXPECT_EQ(AuditCount(), audit_before);
  };
  expect_stale(second.Post(page, FindingForm("Second analyst's words.") + Version(1)),
               "Second analyst&#39;s words.", "save it again");
  expect_stale(second.Post(page + "/answers",
                           AnswerForm("action:fb-community-spaces", "we-did",
                                      "We opened a youth club.") +
                               Version(1)),
               "We opened a youth club.", "save the answer again");
  expect_stale(second.Post(page + "/answers/remove",
                           Field("target", "action:fb-community-spaces") + Version(1)),
               "We are opening rooms after school.", "remove the answer again");
  expect_stale(second.Post(page + "/delete", "version=1"), "We are opening rooms after school.",
               "delete it again");
  // Stale and with bad fields: still 409, naming the fields too.
  Response res = second.Post(page, FindingForm("", "Bad Key") + Version(1));
  expect_stale(res, "Bad Key", "save it again");
  EXPECT_THAT(res.body, HasSubstr("href=\"#said\""));
  EXPECT_THAT(res.body, HasSubstr("href=\"#key\""));
  // A version newer than the stored one is as wrong as an older one.
  expect_stale(second.Post(page + "/delete", "version=3"), "We are opening rooms after school.",
               "delete it again");

  // From the page the 409 showed (version 2), the change is saved.
  res = second.Post(page, FindingForm("Second analyst's words.") + Version(2));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(Stored()[0].said, "Second analyst's words.");
  EXPECT_EQ(Stored()[0].version, 3);
  EXPECT_EQ(AuditCount(), audit_before + 1);
}

// Every form that changes a stored finding must say which version it was opened at: without a
// whole-number version it is 400 naming the field, and nothing changes.
TEST_F(FindingRoutesTest, AFormWithoutAWholeNumberVersionIsRefused) {
  const Finding f = StoreFinding(kPlanId, "We want places to go after school.");
  const std::string page = "/findings/" + std::to_string(f.id);
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  ASSERT_EQ(analyst.Get(page).status, 200);
  const std::size_t audit_before = AuditCount();
  const std::vector<std::pair<std::string, std::string>> posts = {
      {page, FindingForm("Changed.")},
      {page + "/answers", AnswerForm("action:fb-community-spaces", "we-did", "We did it.")},
      {page + "/answers/remove", Field("target", "action:fb-community-spaces")},
      {page + "/delete", "confirm=yes"}};
  for (const auto& [path, body] : posts) {
    for (const std::string version :
         {"", "&version=", "&version=abc", "&version=-1", "&version=1.0", "&version= 1",
          "&version=99999999999"}) {
      const Response res = analyst.Post(path, body + version);
      EXPECT_EQ(res.status, 400) << path << version;
      EXPECT_THAT(res.body, HasSubstr("ersion: the form&#39;s version is missing or not a whole "
                                      "number"))
          << path << version;
    }
  }
  EXPECT_EQ(Stored()[0], f);
  EXPECT_EQ(AuditCount(), audit_before);
  // A new finding has no version to name.
  EXPECT_EQ(analyst.Post("/findings", FindingForm("A new finding.")).status, 303);
}

TEST_F(FindingRoutesTest, WithoutTheCsrfTokenOrTheRightRoleNothingChanges) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  EXPECT_EQ(analyst.Post("/findings", FindingForm("Said."), "not-the-token").status, 403);
  EXPECT_TRUE(Stored().empty());
  const Finding f = StoreFinding(kPlanId, "Stored.");
  EXPECT_EQ(
      analyst.Post("/findings/" + std::to_string(f.id) + "/delete", "version=1", "not-the-token")
          .status,
      403);
  EXPECT_EQ(Stored().size(), 1u);

  for (const char* who : {kPartner, kBoard}) {
    TestClient other(*site_);
    ASSERT_TRUE(other.SignIn(who));
    EXPECT_EQ(other.Get("/findings").status, 403) << who;
    EXPECT_EQ(other.Post("/findings", FindingForm("Said.")).status, 403) << who;
  }
  TestClient visitor(*site_);
  EXPECT_EQ(visitor.Get("/findings").status, 303);
  EXPECT_EQ(Stored().size(), 1u);
}

TEST_F(FindingRoutesTest, YoungPeopleSeeThePublishedPlansFindingsOnly) {
  StoreFinding(kPlanId, "We want places to go after school.");
  StoreFinding("barnet-2019-23-draft", "A draft finding.");
  TestClient visitor(*site_);
  Response res = visitor.Get("/young-people");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("What you told us"));
  EXPECT_THAT(res.body, HasSubstr("You said: We want places to go after school."));
  EXPECT_THAT(res.body, HasSubstr("<strong class=\"govuk-tag govuk-tag--grey\">Example</strong> "
                                  "<strong>We are doing:</strong> We are opening rooms"));
  EXPECT_THAT(res.body, HasSubstr("What happens next"));
  EXPECT_THAT(res.body, Not(HasSubstr("A draft finding.")));
  EXPECT_THAT(visitor.Get("/").body, HasSubstr("href=\"/young-people\""));
  EXPECT_EQ(visitor.Get("/young-people?plan=barnet-2019-23-draft").status, 404);
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  res = analyst.Get("/young-people?plan=barnet-2019-23-draft");
  EXPECT_EQ(res.status, 404);
  EXPECT_THAT(res.body, Not(HasSubstr("A draft finding.")));
}

}  // namespace
}  // namespace waymark::web::testing
