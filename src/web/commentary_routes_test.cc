// Tests of the commentary routes through the whole site: an analyst writes, changes and
// removes commentary per cycle (audited), a save against a newer one is 409 with both texts
// shown, bad forms change nothing, other roles are refused, and the commentary goes into the
// reports built for the cycle.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/action_test_fixture.h"
#include "web/report_source.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kOutcome[] = "outcome:family-and-belonging";
constexpr char kEditOutcome[] =
    "/reports/commentary/edit?subject=outcome%3Afamily-and-belonging";

class CommentaryRoutesTest : public ActionRoutesTest {
 protected:
  static std::string SaveForm(const std::string& subject, const std::string& text, int version,
                              const std::string& cycle = "") {
    return Field("subject", subject) + "&" + Field("cycle", cycle) + "&" +
           Field("text", text) + "&version=" + std::to_string(version);
  }
  std::vector<Commentary> Stored(std::optional<std::int64_t> cycle) {
    return *Db().ListCommentary(kPlanId, cycle);
  }
};

TEST_F(CommentaryRoutesTest, AnAnalystWritesChangesAndRemovesCommentaryOfTheCurrentCycle) {
  const std::int64_t cycle = OpenCycle("2026-10-31");
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Response res = analyst.Get("/reports/commentary");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Commentary for board reports"));
  EXPECT_THAT(res.body, HasSubstr("No commentary"));
  EXPECT_THAT(res.body, HasSubstr("id=\"c-outcome-family-and-belonging\""));
  EXPECT_THAT(res.body, HasSubstr("id=\"c-action-hw-digital-resilience\""));
  EXPECT_THAT(analyst.Get("/reports").body, HasSubstr("Write commentary"));

  res = analyst.Get(kEditOutcome);
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("name=\"version\" value=\"0\""));
  EXPECT_THAT(res.body, HasSubstr("You can enter up to 2000 characters"));
  const std::size_t audit_before = AuditCount();
  res = analyst.Post("/reports/commentary", SaveForm(kOutcome, "  Good progress\r\non schools. ", 0,
                                                     std::to_string(cycle)));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(res.Get("Location"), "/reports/commentary?plan=barnet-2019-23&cycle=" +
                                     std::to_string(cycle) + "#c-outcome-family-and-belonging");
  auto stored = Stored(cycle);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0].text, "Good progress\non schools.");
  EXPECT_EQ(stored[0].author, kAnalyst);
  EXPECT_EQ(stored[0].version, 1);
  EXPECT_EQ(AuditCount(), audit_before + 1);
  EXPECT_THAT(analyst.Get("/reports/commentary").body, HasSubstr("Good progress\non schools."));
  EXPECT_THAT(analyst.Get(kEditOutcome).body, HasSubstr("name=\"version\" value=\"1\""));

  res = analyst.Post("/reports/commentary", SaveForm(kOutcome, "Steady.", 1));
  ASSERT_EQ(res.status, 303);  // no cycle field: the current one
  EXPECT_EQ(Stored(cycle)[0].text, "Steady.");
  EXPECT_EQ(Stored(cycle)[0].version, 2);
  res = analyst.Post("/reports/commentary", SaveForm(kOutcome, "   ", 2));
  ASSERT_EQ(res.status, 303);
  EXPECT_TRUE(Stored(cycle).empty());
  EXPECT_EQ(AuditCount(), audit_before + 3);
}

TEST_F(CommentaryRoutesTest, ASaveAgainstANewerOneIsAConflictShowingBothTexts) {
  const std::int64_t cycle = OpenCycle("2026-10-31");
  TestClient first(*site_);
  ASSERT_TRUE(first.SignIn(kAnalyst));
  ASSERT_EQ(first.Post("/reports/commentary", SaveForm(kOutcome, "Theirs first.", 0)).status, 303);
  const std::size_t audit_before = AuditCount();
  const Response res = first.Post("/reports/commentary", SaveForm(kOutcome, "Mine second.", 0));
  EXPECT_EQ(res.status, 409);
  EXPECT_THAT(res.body, HasSubstr("The commentary as it now stands"));
  EXPECT_THAT(res.body, HasSubstr("Theirs first."));
  EXPECT_THAT(res.body, HasSubstr("Mine second."));  // still in the box
  EXPECT_THAT(res.body, HasSubstr("name=\"version\" value=\"1\""));  // saving again replaces
  EXPECT_EQ(Stored(cycle)[0].text, "Theirs first.");
  EXPECT_EQ(AuditCount(), audit_before);
}

TEST_F(CommentaryRoutesTest, BadFormsAreRefusedByFieldAndChangeNothing) {
  const std::int64_t cycle = OpenCycle("2026-10-31");
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  const std::size_t audit_before = AuditCount();
  Response res = analyst.Post("/reports/commentary", SaveForm(kOutcome, std::string(2001, 'a'), 0));
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#text\""));
  EXPECT_THAT(res.body, HasSubstr("Error: Commentary on"));
  res = analyst.Post("/reports/commentary", SaveForm(kOutcome, "bell\x07", 0));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(analyst.Post("/reports/commentary", SaveForm("outcome:nowhere", "x", 0)).status, 400);
  EXPECT_EQ(analyst.Post("/reports/commentary", SaveForm("plan", "x", 0, "999")).status, 400);
  EXPECT_EQ(analyst.Post("/reports/commentary", SaveForm("plan", "x", 0, "one")).status, 400);
  EXPECT_EQ(analyst.Post("/reports/commentary", Field("subject", "plan") + "&text=x&version=-1")
                .status,
            400);
  EXPECT_EQ(analyst.Post("/reports/commentary", SaveForm("plan", "x", 0), "wrong-token").status,
            403);
  EXPECT_EQ(analyst.Get("/reports/commentary/edit?subject=action%3Anowhere").status, 404);
  EXPECT_EQ(analyst.Get("/reports/commentary?cycle=999").status, 400);
  EXPECT_TRUE(Stored(cycle).empty());
  EXPECT_EQ(AuditCount(), audit_before);
}

TEST_F(CommentaryRoutesTest, OnlyThoseWhoKeepReportsMayWriteCommentary) {
  OpenCycle("2026-10-31");
  TestClient public_reader(*site_);
  EXPECT_EQ(public_reader.Get("/reports/commentary").status, 303);  // asked to sign in
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Get("/reports/commentary").status, 403);
  EXPECT_EQ(partner.Post("/reports/commentary", SaveForm("plan", "x", 0)).status, 403);
  EXPECT_THAT(partner.Get("/reports").body, Not(HasSubstr("Write commentary")));
  EXPECT_TRUE(Db().ListCommentary(kPlanId, std::nullopt)->empty());
}

TEST_F(CommentaryRoutesTest, CommentaryGoesIntoTheCyclesReportsOnEveryItemKind) {
  const std::int64_t cycle = OpenCycle("2026-10-31");
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  for (const char* subject : {"plan", "outcome:family-and-belonging",
                              "objective:fb-build-resilience", "action:hw-digital-resilience"}) {
    ASSERT_EQ(analyst.Post("/reports/commentary",
                           SaveForm(subject, std::string("Note on ") + subject, 0))
                  .status,
              303)
        << subject;
  }
  ReportScope scope{kPlanId, ReportKind::kPlan, "", cycle};
  auto report = LoadBoardReport(Db(), scope, clock_, nullptr);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->commentary, "Note on plan");
  bool outcome = false;
  bool objective = false;
  bool action = false;
  for (const report::ReportOutcome& o : report->outcomes) {
    outcome = outcome || o.commentary == "Note on outcome:family-and-belonging";
    for (const report::ReportObjective& obj : o.objectives) {
      objective = objective || obj.commentary == "Note on objective:fb-build-resilience";
      for (const report::ReportAction& a : obj.actions) {
        action = action || a.commentary == "Note on action:hw-digital-resilience";
      }
    }
  }
  EXPECT_TRUE(outcome);
  EXPECT_TRUE(objective);
  EXPECT_TRUE(action);
}

}  // namespace
}  // namespace waymark::web::testing
