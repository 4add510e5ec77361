// Tests of the board report routes through the whole site: an analyst issues a report, the
// public cannot see it until it is published, each sign-off step is taken by the right role,
// downloads in every format, the frozen document under its own CSP, and bad forms refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/pdf_render.h"
#include "web/action_test_fixture.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kBody[] = "family-services-improvement-board";

class ReportRoutesTest : public ActionRoutesTest {
 protected:
  // Issues a board pack as the analyst; its id.
  std::int64_t IssuePlanReport(TestClient& analyst) {
    const Response res = analyst.Post("/reports", std::string("kind=plan&board=") + kBody);
    EXPECT_EQ(res.status, 303) << res.body;
    const auto reports = *Db().ListIssuedReports("barnet-2019-23");
    return reports.empty() ? 0 : reports.front().id;
  }
};

TEST_F(ReportRoutesTest, IssuedReportsAreHiddenUntilPublishedAndSignedOffStepByStep) {
  if (!report::PdfRendererAvailable()) GTEST_SKIP() << "weasyprint is not installed";
  OpenCycle("2026-10-31");
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  ASSERT_EQ(analyst.Get("/reports/new").status, 200);
  const std::int64_t id = IssuePlanReport(analyst);
  ASSERT_EQ(id, 1);
  const std::string page = "/reports/1";

  TestClient public_reader(*site_);
  EXPECT_EQ(public_reader.Get(page).status, 404);
  EXPECT_EQ(public_reader.Get(page + "/document").status, 404);
  EXPECT_EQ(public_reader.Get(page + "/download?format=pdf").status, 404);
  EXPECT_THAT(public_reader.Get("/reports").body, Not(HasSubstr("Board pack")));
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Get(page).status, 404);

  Response res = analyst.Get(page);
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Mark as reviewed"));
  EXPECT_THAT(res.body, HasSubstr("Nothing in this report has changed since it was issued."));
  TestClient board(*site_);
  ASSERT_TRUE(board.SignIn(kBoard));
  EXPECT_EQ(board.Post(page + "/review", "").status, 403);   // an analyst's step
  EXPECT_EQ(analyst.Post(page + "/approve", "").status, 403);  // a board member's
  res = board.Get(page);
  EXPECT_THAT(res.body, Not(HasSubstr("Approve for the board")));  // not reviewed yet
  res = board.Post(page + "/approve", "");
  EXPECT_EQ(res.status, 409);  // the draft is reviewed first
  EXPECT_EQ(analyst.Post(page + "/review", "").status, 303);
  EXPECT_EQ(analyst.Post(page + "/review", "").status, 409);  // once only
  EXPECT_THAT(board.Get(page).body, HasSubstr("Approve for the board"));
  EXPECT_EQ(board.Post(page + "/approve", "").status, 303);
  EXPECT_EQ(public_reader.Get(page).status, 404);  // approved is not yet public
  EXPECT_EQ(analyst.Post(page + "/publish", "", "wrong-token").status, 403);  // CSRF
  EXPECT_EQ(analyst.Post(page + "/publish", "").status, 303);
  EXPECT_EQ(Db().FindIssuedReport(1)->state, ReportState::kPublished);
  EXPECT_EQ(public_reader.Get(page).status, 200);
  EXPECT_THAT(public_reader.Get("/reports").body, HasSubstr("Board pack"));
  const auto audit = *Db().ListAudit({});
  int steps = 0;
  for (const AuditEntry& e : audit) {
    if (e.entity == "report") ++steps;
  }
  EXPECT_EQ(steps, 4);  // issue, review, approve, publish
}

TEST_F(ReportRoutesTest, DownloadsInEveryFormatAndTheDocumentUnderItsOwnPolicy) {
  if (!report::PdfRendererAvailable()) GTEST_SKIP() << "weasyprint is not installed";
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  ASSERT_EQ(IssuePlanReport(analyst), 1);
  Response res = analyst.Get("/reports/1/document");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("<html lang=\"en-GB\">"));
  EXPECT_THAT(*res.Get("Content-Security-Policy"), HasSubstr("default-src 'none'"));
  EXPECT_THAT(*res.Get("Content-Security-Policy"), Not(HasSubstr("script-src")));
  res = analyst.Get("/reports/1/download?format=pdf");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(res.body, Db().FindIssuedReport(1)->pdf);
  EXPECT_THAT(*res.Get("Content-Disposition"), HasSubstr("report-1.pdf"));
  res = analyst.Get("/reports/1/download?format=xlsx");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.substr(0, 2), "PK");
  res = analyst.Get("/reports/1/download?format=csv&table=actions");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Outcome,Objective,Action id,Action,"));
  EXPECT_EQ(analyst.Get("/reports/1/download?format=csv&table=nope").status, 404);
  EXPECT_EQ(analyst.Get("/reports/1/download?format=doc").status, 400);
  EXPECT_EQ(analyst.Get("/reports/2").status, 404);
  EXPECT_EQ(analyst.Get("/reports/x").status, 404);
}

TEST_F(ReportRoutesTest, TheChildrensVersionIsIssuedWithItsReadabilityForTheAnalyst) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  EXPECT_THAT(analyst.Get("/reports/new").body, HasSubstr("value=\"children\""));
  if (!report::PdfRendererAvailable()) GTEST_SKIP() << "weasyprint is not installed";
  const Response res = analyst.Post("/reports", std::string("kind=children&board=") + kBody);
  ASSERT_EQ(res.status, 303) << res.body;
  const auto reports = *Db().ListIssuedReports("barnet-2019-23");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.front().kind, ReportKind::kChildren);
  const std::string page = "/reports/" + std::to_string(reports.front().id);
  const std::string body = analyst.Get(page).body;
  EXPECT_THAT(body, HasSubstr("How easy the words are to read"));
  EXPECT_THAT(body, HasSubstr(">Health and Wellbeing<"));
  EXPECT_THAT(analyst.Get(page + "/document").body,
              HasSubstr("<body class=\"report children\">"));
  TestClient board(*site_);
  ASSERT_TRUE(board.SignIn(kBoard));
  EXPECT_THAT(board.Get(page).body, Not(HasSubstr("How easy the words are to read")));
}

TEST_F(ReportRoutesTest, BadIssueFormsNameEachFieldAndIssueNothing) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  const std::size_t audit_before = AuditCount();
  Response res = analyst.Post("/reports", "kind=memo&board=nowhere&cycle=99");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#kind\""));
  EXPECT_THAT(res.body, HasSubstr("href=\"#cycle\""));
  EXPECT_THAT(res.body, HasSubstr("href=\"#board\""));
  res = analyst.Post("/reports", std::string("kind=outcome&board=") + kBody);
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("Choose the outcome the report covers"));
  EXPECT_TRUE(Db().ListIssuedReports("")->empty());
  EXPECT_EQ(AuditCount(), audit_before);
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Get("/reports/new").status, 403);
  EXPECT_EQ(partner.Post("/reports", std::string("kind=plan&board=") + kBody).status, 403);
  TestClient public_reader(*site_);
  EXPECT_EQ(public_reader.Get("/reports").status, 200);
  EXPECT_THAT(public_reader.Get("/reports").body, HasSubstr("No report has been published yet."));
}

}  // namespace
}  // namespace waymark::web::testing
