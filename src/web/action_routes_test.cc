// HTTP tests of reporting cycles and action updates through the whole site: opening cycles,
// the update form (draft, submit, locking, reopening, stale saves), another organisation's
// action, hostile input, the progress on the plan pages and the API.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "web/action_test_fixture.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(ActionRoutesTest, AnAnalystOpensACycleFromTheWebAndOnlyOneIsOpen) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  ASSERT_EQ(analyst.Get("/cycles").status, 200);
  Response res = analyst.Post("/cycles", "name=2026-27+Q2&from=2026-07-01&to=2026-09-30&due=2026-10-31");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.Get("Location"), "/cycles/1?plan=barnet-2019-23");
  res = analyst.Get("/cycles/1");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("0 of 78 actions have a submitted update"));
  EXPECT_THAT(res.body, HasSubstr("Public Health"));
  res = analyst.Post("/cycles", "name=Another&from=2026-10-01&to=2026-12-31&due=2027-01-31");
  EXPECT_EQ(res.status, 409);
  EXPECT_THAT(res.body, HasSubstr("already has an open cycle"));
  EXPECT_EQ(Db().ListCycles("barnet-2019-23")->size(), 1u);
  res = analyst.Post("/cycles/1/close", "");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(Db().FindCycle(1)->state, CycleState::kClosed);
}

TEST_F(ActionRoutesTest, ABadCycleFormNamesEveryFieldAndOpensNothing) {
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  const Response res = analyst.Post("/cycles", "name=&from=2026-02-31&to=2026-09-30&due=2026-01-01");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#name\""));
  EXPECT_THAT(res.body, HasSubstr("href=\"#from\""));
  EXPECT_THAT(res.body, HasSubstr("<title>Error: "));
  EXPECT_TRUE(Db().ListCycles("")->empty());
}

TEST_F(ActionRoutesTest, OnlyAnalystsRunCyclesAndPartnersDoNotSeeThem) {
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Get("/cycles").status, 403);
  EXPECT_EQ(partner.Post("/cycles", "name=x&from=2026-07-01&to=2026-09-30&due=2026-10-31").status,
            403);
  TestClient board(*site_);
  ASSERT_TRUE(board.SignIn("board@barnet.example"));
  EXPECT_EQ(board.Get("/cycles").status, 200);
  EXPECT_THAT(board.Get("/cycles").body, Not(HasSubstr("Open a new cycle")));
  EXPECT_TRUE(Db().ListCycles("")->empty());
}

TEST_F(ActionRoutesTest, APartnerFindsItsOverdueActionAndSubmitsAnUpdate) {
  OpenCycle("2026-10-31");  // due before the fixture's today: overdue
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  Response res = partner.Get("/my-actions");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("comprehensive healthy child programme"));
  EXPECT_THAT(res.body, HasSubstr("Overdue"));
  EXPECT_THAT(res.body, Not(HasSubstr(kOtherAction)));
  res = partner.Get(UpdatePath(kOwnAction));
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("name=\"version\" value=\"0\""));
  res = partner.Post(UpdatePath(kOwnAction),
                     UpdateForm("on-track", "Health visitors reached 96% of new births.", 0,
                                "submit", "https://www.barnet.gov.uk/health", "2027-03-31"));
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.Get("Location"),
            std::string("/actions/") + kOwnAction + "?plan=barnet-2019-23&saved=submitted");
  const auto stored = Updates(kOwnAction);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].state, UpdateState::kSubmitted);
  EXPECT_EQ(stored[0].organisation, "public-health");
  EXPECT_EQ(stored[0].author, kPartner);
  EXPECT_EQ(stored[0].fields.evidence, std::vector<std::string>{"https://www.barnet.gov.uk/health"});
  res = partner.Get(std::string("/actions/") + kOwnAction + "?saved=submitted");
  EXPECT_THAT(res.body, HasSubstr("Your update has been submitted"));
  EXPECT_THAT(res.body, HasSubstr("Health visitors reached 96% of new births."));
  // The public sees the submitted status on the outcome page and the overview.
  TestClient anyone(*site_);
  res = anyone.Get("/outcomes/health-and-wellbeing");
  EXPECT_THAT(res.body, HasSubstr("Actions in 2026-27 Q2"));
  EXPECT_THAT(res.body, HasSubstr("On track</strong> 1"));
  EXPECT_THAT(anyone.Get("/").body, HasSubstr("1 of 78 actions have a submitted update"));
}

TEST_F(ActionRoutesTest, AnotherOrganisationsActionIsRefusedAndNothingStored) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  const std::size_t audit = AuditCount();
  EXPECT_EQ(partner.Get(UpdatePath(kOtherAction)).status, 403);
  const Response res =
      partner.Post(UpdatePath(kOtherAction), UpdateForm("on-track", "Not ours", 0, "submit"));
  EXPECT_EQ(res.status, 403);
  EXPECT_TRUE(Updates(kOtherAction).empty());
  EXPECT_EQ(AuditCount(), audit);
}

TEST_F(ActionRoutesTest, AStaleSaveIsRefusedWithBothTextsAndNothingLost) {
  OpenCycle("2026-12-31");
  TestClient first(*site_);
  ASSERT_TRUE(first.SignIn(kPartner));
  TestClient second(*site_);
  ASSERT_TRUE(second.SignIn(kAnalyst));
  ASSERT_EQ(first.Post(UpdatePath(kOwnAction), UpdateForm("at-risk", "First draft", 0, "save")).status,
            303);
  // Both read version 1; the analyst saves first.
  ASSERT_EQ(second.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "Analyst text", 1, "save"))
                .status,
            303);
  const Response res =
      first.Post(UpdatePath(kOwnAction), UpdateForm("off-track", "My careful words", 1, "save"));
  EXPECT_EQ(res.status, 409);
  EXPECT_THAT(res.body, HasSubstr("Analyst text"));      // theirs
  EXPECT_THAT(res.body, HasSubstr("My careful words"));  // mine, still in the form
  EXPECT_THAT(res.body, HasSubstr("name=\"version\" value=\"2\""));
  const auto stored = Updates(kOwnAction);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].fields.narrative, "Analyst text");
  EXPECT_EQ(stored[0].version, 2);
}

TEST_F(ActionRoutesTest, ASubmittedUpdateIsLockedUntilAnAnalystReopensIt) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  ASSERT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "Done", 0, "submit")).status,
            303);
  EXPECT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "Again", 1, "save")).status,
            409);
  EXPECT_EQ(partner.Get(UpdatePath(kOwnAction)).status, 409);
  EXPECT_EQ(partner.Post(std::string("/actions/") + kOwnAction + "/reopen", "reason=x").status, 403);
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  Response res = analyst.Post(std::string("/actions/") + kOwnAction + "/reopen", "reason=");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#reason\""));
  res = analyst.Post(std::string("/actions/") + kOwnAction + "/reopen",
                     "reason=Please+add+the+Q2+figures");
  ASSERT_EQ(res.status, 303);
  auto stored = Updates(kOwnAction);
  EXPECT_EQ(stored[0].state, UpdateState::kDraft);
  EXPECT_EQ(stored[0].reopened_reason, "Please add the Q2 figures");
  AuditFilter f;
  f.action = "action-update.reopen";
  EXPECT_EQ(Db().ListAudit(f)->size(), 1u);
  EXPECT_EQ(partner.Post(UpdatePath(kOwnAction),
                         UpdateForm("on-track", "Done, with figures", stored[0].version, "submit"))
                .status,
            303);
  EXPECT_EQ(Updates(kOwnAction)[0].fields.narrative, "Done, with figures");
}

// The public's outcome page is kept between requests; each change of the plan's progress
// (store::ProgressVersion) makes it anew: a submitted update appears, a reopened one goes.
TEST_F(ActionRoutesTest, KeptPublicPagesFollowEveryChangeOfProgress) {
  const std::string page = "/outcomes/health-and-wellbeing";
  TestClient anyone(*site_);
  const Response before = anyone.Get(page);
  ASSERT_EQ(before.status, 200);
  EXPECT_THAT(before.body, Not(HasSubstr("On track</strong> 1")));
  OpenCycle("2026-12-31");
  const Response opened = anyone.Get(page);
  EXPECT_THAT(opened.body, HasSubstr("Actions in 2026-27 Q2"));
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  ASSERT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "Draft", 0, "save")).status,
            303);
  EXPECT_EQ(anyone.Get(page).body, opened.body);  // a draft is not public
  ASSERT_EQ(
      partner.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "Done", 1, "submit")).status,
      303);
  EXPECT_THAT(anyone.Get(page).body, HasSubstr("On track</strong> 1"));
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  ASSERT_EQ(
      analyst.Post(std::string("/actions/") + kOwnAction + "/reopen", "reason=Figures").status,
      303);
  EXPECT_EQ(anyone.Get(page).body, opened.body);
}

TEST_F(ActionRoutesTest, AClosedCycleTakesNoUpdate) {
  const std::int64_t id = OpenCycle("2026-12-31");
  ASSERT_TRUE(Db().CloseCycle(id, kTestNow, TestAudit("cycle.close")).has_value());
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  EXPECT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "Late", 0, "submit")).status,
            409);
  EXPECT_TRUE(Updates(kOwnAction).empty());
}

TEST_F(ActionRoutesTest, HostileFieldsAreRefusedByNameAndNothingStored) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  const std::size_t audit = AuditCount();
  struct Case {
    std::string form;
    std::string field;
  };
  const std::vector<Case> cases = {
      {UpdateForm("on-track", std::string(1 << 20, 'a'), 0, "submit"), "narrative"},
      {UpdateForm("on-track", "ok", 0, "submit", "javascript:alert(1)"), "evidence"},
      {UpdateForm("on-track", "ok", 0, "submit", "", "31/02/2027"), "expected_completion"},
      {UpdateForm("on-track", "ok", 0, "submit", "", "2027-02-31"), "expected_completion"},
      {UpdateForm("sideways", "ok", 0, "submit"), "status"},
      {UpdateForm("", "", 0, "submit"), "status"},
  };
  for (const Case& c : cases) {
    const Response res = partner.Post(UpdatePath(kOwnAction), c.form);
    EXPECT_EQ(res.status, 400) << c.field;
    EXPECT_THAT(res.body, HasSubstr("href=\"#" + c.field + "\"")) << c.field;
  }
  EXPECT_EQ(partner.Post(UpdatePath(kOwnAction), "status=on-track&version=abc&save=1").status, 400);
  EXPECT_TRUE(Updates(kOwnAction).empty());
  EXPECT_EQ(AuditCount(), audit);
  // Without the form's CSRF token nothing is stored either.
  EXPECT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("on-track", "ok", 0, "save"),
                         std::string(64, '0'))
                .status,
            403);
  EXPECT_TRUE(Updates(kOwnAction).empty());
}

TEST_F(ActionRoutesTest, DraftsAreSeenByTheirWritersNotByThePublic) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  ASSERT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("at-risk", "Secret draft", 0, "save"))
                .status,
            303);
  EXPECT_THAT(partner.Get(std::string("/actions/") + kOwnAction).body, HasSubstr("Secret draft"));
  TestClient anyone(*site_);
  EXPECT_THAT(anyone.Get(std::string("/actions/") + kOwnAction).body,
              Not(HasSubstr("Secret draft")));
  const Response api = anyone.Get(std::string("/api/v1/actions/") + kOwnAction + "/updates");
  EXPECT_EQ(nlohmann::json::parse(api.body)["updates"].size(), 0u);
}

TEST_F(ActionRoutesTest, TheApiSavesWithABearerTokenAndTheSameRules) {
  OpenCycle("2026-12-31");
  const std::string token = MakeToken(kPartner);
  TestClient api(*site_);
  auto post = [&](const std::string& action, const nlohmann::json& body) {
    return api.Send("POST", "/api/v1/actions/" + action + "/updates", body.dump(),
                    {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  };
  Response res = post(kOwnAction, {{"status", "at-risk"},
                                   {"narrative", "Staff shortages"},
                                   {"evidence", {"https://www.nhs.uk/"}},
                                   {"version", 0},
                                   {"submit", false}});
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(nlohmann::json::parse(res.body)["version"], 1);
  res = post(kOwnAction, {{"status", "at-risk"}, {"narrative", "x"}, {"version", 0}});
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["current"]["narrative"], "Staff shortages");
  res = post(kOwnAction, {{"status", "at-risk"}, {"evidence", {"ftp://x"}}, {"version", 1}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["fields"][0]["field"], "evidence");
  res = post(kOtherAction, {{"status", "on-track"}, {"narrative", "x"}, {"version", 0}});
  EXPECT_EQ(res.status, 403);
  res = api.Send("POST", std::string("/api/v1/actions/") + kOwnAction + "/updates", "{not json",
                 {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(res.status, 400);
  res = post(kOwnAction, {{"status", "on-track"}, {"narrative", "Recovered"}, {"version", 1},
                          {"submit", true}});
  ASSERT_EQ(res.status, 200) << res.body;
  res = api.Get("/api/v1/actions?status=on-track");
  ASSERT_EQ(res.status, 200);
  const auto list = nlohmann::json::parse(res.body);
  ASSERT_EQ(list["actions"].size(), 1u);
  EXPECT_EQ(list["actions"][0]["id"], kOwnAction);
  EXPECT_EQ(list["cycle"]["name"], "2026-27 Q2");
  EXPECT_EQ(api.Get("/api/v1/actions?status=sideways").status, 400);
  EXPECT_EQ(api.Get("/api/v1/actions?cycle=99").status, 404);
  const auto by_org = nlohmann::json::parse(api.Get("/api/v1/actions?org=public-health").body);
  EXPECT_EQ(by_org["actions"].size(), 7u);
  // Without a token the API asks for one and stores nothing.
  res = api.Send("POST", std::string("/api/v1/actions/") + kOwnAction + "/updates", "{}",
                 {{"Content-Type", "application/json"}});
  EXPECT_EQ(res.status, 401);
}

TEST_F(ActionRoutesTest, TheCycleCsvListsEveryActionWithItsStanding) {
  const std::int64_t id = OpenCycle("2026-10-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  ASSERT_EQ(partner.Post(UpdatePath(kOwnAction), UpdateForm("complete", "Done", 0, "submit")).status,
            303);
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  const Response res = analyst.Get("/cycles/" + std::to_string(id) + "?format=csv");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr(std::string(",") + kOwnAction + ","));
  EXPECT_THAT(res.body, HasSubstr(",complete,submitted,public-health,"));
  EXPECT_THAT(res.body, HasSubstr(",overdue,,"));
  std::size_t lines = 0;
  for (char c : res.body) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 79u);  // header and 78 actions
}

// Every API route of the router is described, with its method, and every schema it names exists.
TEST_F(ActionRoutesTest, TheOpenApiDocumentDescribesEveryApiRoute) {
  TestClient anyone(*site_);
  const auto doc = nlohmann::json::parse(anyone.Get("/api/v1/openapi.json").body);
  for (const RouteInfo& route : site_->Routes()) {
    if (!route.pattern.starts_with("/api/")) continue;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << route.method << " " << route.pattern;
  }
  const std::string text = doc.dump();
  const std::string prefix = "#/components/schemas/";
  for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
    const std::size_t start = at + prefix.size();
    const std::string name = text.substr(start, text.find('"', start) - start);
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << name;
  }
}

}  // namespace
}  // namespace waymark::web::testing
