// Tests of the "you said, we did" routes through the whole site: an analyst adds, changes and
// deletes a finding and saves and removes its answers (each audited); a refused form is 400
// naming its fields and a taken key 409, with nothing stored; a post without the CSRF token and
// other roles are refused; /young-people shows a published plan's findings with example answers
// marked, and never a draft's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/action_test_fixture.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPlanId[] = "barnet-2019-23";
constexpr char kBoard[] = "board@barnet.example";

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

  ASSERT_EQ(analyst.Get(page).status, 200);
  res = analyst.Post(page, FindingForm("We want places to go at weekends.", "weekends"));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(Stored()[0].said, "We want places to go at weekends.");
  EXPECT_EQ(Stored()[0].key, "weekends");

  res = analyst.Post(page + "/answers", AnswerForm("action:fb-community-spaces", "we-are-doing",
                                                   "We are opening rooms in libraries."));
  ASSERT_EQ(res.status, 303) << res.body;
  ASSERT_EQ(Stored()[0].answers.size(), 1u);
  EXPECT_TRUE(Stored()[0].answers[0].illustrative);
  EXPECT_THAT(analyst.Get(page).body, HasSubstr("We are opening rooms in libraries."));
  res = analyst.Post(page + "/answers/remove", Field("target", "action:fb-community-spaces"));
  ASSERT_EQ(res.status, 303);
  EXPECT_TRUE(Stored()[0].answers.empty());
  EXPECT_EQ(analyst.Post(page + "/answers/remove", Field("target", "action:fb-community-spaces"))
                .status,
            400);
  EXPECT_EQ(AuditCount(), audit_before + 4);

  ASSERT_EQ(analyst.Post(page + "/delete", "").status, 303);
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
  res = analyst.Post(page + "/answers", AnswerForm("action:nowhere", "we-cannot", "No."));
  ASSERT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#target\""));
  EXPECT_THAT(res.body, HasSubstr("href=\"#text\""));
  res = analyst.Post(page + "/answers", AnswerForm("action:fb-community-spaces", "maybe", "Yes."));
  ASSERT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#kind\""));
  EXPECT_TRUE(Stored()[0].answers.empty());
  EXPECT_EQ(AuditCount(), audit_before + 1);
  EXPECT_EQ(analyst.Get("/findings/999").status, 404);
  EXPECT_EQ(analyst.Get("/findings/abc").status, 404);
}

TEST_F(FindingRoutesTest, WithoutTheCsrfTokenOrTheRightRoleNothingChanges) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  EXPECT_EQ(analyst.Post("/findings", FindingForm("Said."), "not-the-token").status, 403);
  EXPECT_TRUE(Stored().empty());
  const Finding f = StoreFinding(kPlanId, "Stored.");
  EXPECT_EQ(
      analyst.Post("/findings/" + std::to_string(f.id) + "/delete", "", "not-the-token").status,
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
