// HTTP tests of the figures of local measures entered in the action update form: the form
// carries fields for the measures the writer's organisation keeps and no others; the update
// and its figures are checked together and saved together (judged and audited), or neither is;
// blank fields mean no figure this time; forged fields for another organisation's measure are
// not read; the form still needs its CSRF token. Also the period a cycle's figures are for.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/action_test_fixture.h"
#include "web/local_figures.h"

namespace waymark::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kHeard = "young-people-heard";  // kept by Public Health
constexpr const char* kWaits = "clinic-waits";        // kept by Barnet CCG
constexpr const char* kCcg = "barnet-ccg@partners.example";
constexpr const char* kCcgAction = "hw-chin-paediatric-clinics";  // Barnet CCG's, same objective

class ActionFiguresTest : public ActionRoutesTest {
 protected:
  void SetUp() override {
    ActionRoutesTest::SetUp();
    Indicator heard;
    heard.id = kHeard;
    heard.title = "Young people who feel heard";
    heard.value_type = ValueType::kProportion;
    heard.unit = "%";
    heard.multiplier = 100;
    heard.polarity = Polarity::kHigh;
    heard.method = CiMethod::kWilson;
    heard.plan = "barnet-2019-23";
    heard.objectives = {"hw-best-start"};
    heard.local = true;
    heard.owner = "public-health";
    Indicator waits = heard;
    waits.id = kWaits;
    waits.title = "Clinic waits within 18 weeks";
    waits.owner = "barnet-ccg";
    ASSERT_TRUE(Db().SaveIndicators({heard, waits}, kTestNow).has_value());
    User ccg;
    ccg.email = kCcg;
    ccg.name = "Test CCG";
    ccg.organisation = "barnet-ccg";
    ccg.role = Role::kPartner;
    const std::string hash = *HashPassword(kTestPassword, PasswordCost::kTestMinimum);
    ASSERT_TRUE(Db().CreateUser(ccg, hash, TestAudit("user.create")).has_value());
  }

  // The figure fields of measure `id` as the form sends them.
  static std::string Figure(const std::string& id, const std::string& value,
                            const std::string& count = "", const std::string& denominator = "",
                            const std::string& note = "", const std::string& area = "E09000003") {
    const std::string p = "figure-" + id + "-";
    return Field(p + "area", area) + "&" + Field(p + "value", value) + "&" +
           Field(p + "count", count) + "&" + Field(p + "denominator", denominator) + "&" +
           Field(p + "note", note);
  }
  std::size_t Figures() { return *Db().CountObservations(); }
  std::size_t Audits(const std::string& action) {
    AuditFilter f;
    f.action = action;
    return Db().ListAudit(f)->size();
  }
  // The form of `client` for `action`, read first so that the client holds its CSRF token.
  Response Post(TestClient& client, const char* action, const std::string& body) {
    client.Get(UpdatePath(action));
    return client.Post(UpdatePath(action), body);
  }
};

TEST_F(ActionFiguresTest, TheFormCarriesFieldsForTheMeasuresTheWritersOrganisationKeeps) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  Response res = partner.Get(UpdatePath(kOwnAction));
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("Figures for your local measures"));
  EXPECT_THAT(res.body, HasSubstr("the figure for 2026/27 Q2"));
  EXPECT_THAT(res.body,
              HasSubstr("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
                        "Young people who feel heard</legend>"));
  for (const char* field : {"area", "value", "count", "denominator", "note"}) {
    EXPECT_THAT(res.body, HasSubstr(std::string("id=\"figure-young-people-heard-") + field + "\""))
        << field;
  }
  EXPECT_THAT(res.body, Not(HasSubstr("id=\"figure-young-people-heard-period\"")));
  EXPECT_THAT(res.body, HasSubstr("<option value=\"E09000003\" selected=\"selected\">Barnet"));
  EXPECT_THAT(res.body, HasSubstr("href=\"/indicators/young-people-heard/figures\""));
  // The CCG's measure is linked, with no fields.
  EXPECT_THAT(res.body, Not(HasSubstr("figure-clinic-waits-")));
  EXPECT_THAT(res.body, HasSubstr("href=\"/indicators/clinic-waits\""));
  EXPECT_THAT(res.body, Not(HasSubstr("/indicators/clinic-waits/figures")));

  // The CCG's user sees fields for its own measure only.
  TestClient ccg(*site_);
  ASSERT_TRUE(ccg.SignIn(kCcg));
  res = ccg.Get(UpdatePath(kCcgAction));
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("id=\"figure-clinic-waits-value\""));
  EXPECT_THAT(res.body, Not(HasSubstr("figure-young-people-heard-")));

  // An analyst may enter every local measure.
  TestClient analyst(*site_);
  ASSERT_TRUE(analyst.SignIn(kAnalyst));
  res = analyst.Get(UpdatePath(kOwnAction));
  EXPECT_THAT(res.body, HasSubstr("id=\"figure-young-people-heard-value\""));
  EXPECT_THAT(res.body, HasSubstr("id=\"figure-clinic-waits-value\""));
}

TEST_F(ActionFiguresTest, TheUpdateAndItsFiguresAreSavedTogether) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  const Response res =
      Post(partner, kOwnAction,
           UpdateForm("on-track", "More young people say they are heard.", 0, "submit") + "&" +
               Figure(kHeard, "57.5", "115", "200", "Spring survey"));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(res.Get("Location"), std::string("/actions/") + kOwnAction +
                                     "?plan=barnet-2019-23&saved=submitted&figures=1");
  const auto updates = Updates(kOwnAction);
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].state, UpdateState::kSubmitted);
  // The figure: for the cycle's period, kept like an imported one with who entered it.
  const auto history = *Db().FigureHistory(kHeard, "E09000003");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].period.Label(), "2026/27 Q2");
  EXPECT_DOUBLE_EQ(history[0].value, 57.5);
  EXPECT_DOUBLE_EQ(history[0].count, 115);
  EXPECT_DOUBLE_EQ(history[0].denominator, 200);
  EXPECT_EQ(history[0].note, "Spring survey");
  EXPECT_EQ(history[0].file, "web form");
  EXPECT_EQ(history[0].imported_by, "public-health@partners.example (public-health)");
  // Judged at once, and both audited.
  const auto judged = *Db().ListAssessments(kHeard, "E09000003");
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0].period.Label(), "2026/27 Q2");
  EXPECT_EQ(Audits("figures.add"), 1u);
  EXPECT_EQ(Audits("action-update.submit"), 1u);
  EXPECT_THAT(partner.Get(res.Get("Location").value_or("")).body,
              HasSubstr("Your update has been submitted, with the figure of 1 local measure"));
}

// A problem in a figure refuses the update too, and a problem in the update refuses the
// figures: every problem is listed, linked to its field, and nothing is kept.
TEST_F(ActionFiguresTest, AProblemInEitherSavesNeither) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  const std::size_t audit = AuditCount();
  struct Case {
    std::string body;
    std::vector<std::string> fields;
    std::string message;
  };
  const std::string good_update = UpdateForm("on-track", "Going well.", 0, "submit");
  const std::string good_figure = Figure(kHeard, "57.5", "115", "200");
  const std::vector<Case> cases = {
      {good_update + "&" + Figure(kHeard, "lots"),
       {"figure-young-people-heard-value"},
       "Young people who feel heard: enter the value as a number"},
      {good_update + "&" + Figure(kHeard, "57.5", "300", "200"),
       {"figure-young-people-heard-count"},
       "Young people who feel heard: the count (300) must not be greater than the denominator"},
      {good_update + "&" + Figure(kHeard, "57.5", "", "", "", "E09000007"),
       {"figure-young-people-heard-area"},
       "Young people who feel heard: select the area"},
      {good_update + "&" + Figure(kHeard, "", "115", "200"),
       {"figure-young-people-heard-value"},
       "Young people who feel heard: enter the value"},
      {UpdateForm("on-track", "", 0, "submit") + "&" + good_figure,
       {"narrative"},
       "Enter a narrative"},
      {UpdateForm("sideways", "Going well.", 0, "submit") + "&" + Figure(kHeard, "lots"),
       {"status", "figure-young-people-heard-value"},
       "enter the value as a number"},
  };
  for (const Case& c : cases) {
    const Response res = Post(partner, kOwnAction, c.body);
    EXPECT_EQ(res.status, 400) << c.message;
    for (const std::string& field : c.fields) {
      EXPECT_THAT(res.body, HasSubstr("href=\"#" + field + "\"")) << c.message;
    }
    EXPECT_THAT(res.body, HasSubstr(c.message));
    EXPECT_THAT(res.body, HasSubstr("<title>Error: "));
  }
  // What was typed is still in the form.
  const Response again = Post(partner, kOwnAction, good_update + "&" + Figure(kHeard, "lots"));
  EXPECT_THAT(again.body, HasSubstr("name=\"figure-young-people-heard-value\" type=\"text\" "
                                    "value=\"lots\""));
  EXPECT_TRUE(Updates(kOwnAction).empty());
  EXPECT_EQ(Figures(), 0u);
  EXPECT_TRUE(Db().ListAssessments(kHeard, "")->empty());
  EXPECT_EQ(AuditCount(), audit);
}

TEST_F(ActionFiguresTest, BlankFieldsMeanNoFigureThisTime) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  Response res =
      Post(partner, kOwnAction,
           UpdateForm("at-risk", "No survey this quarter.", 0, "save") + "&" + Figure(kHeard, " "));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(res.Get("Location"),
            std::string("/actions/") + kOwnAction + "?plan=barnet-2019-23&saved=draft");
  EXPECT_EQ(Updates(kOwnAction).size(), 1u);
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Audits("figures.add"), 0u);
  // A note alone is a figure without its value.
  res = Post(partner, kOwnAction,
             UpdateForm("at-risk", "Still no survey.", 1, "save") + "&" +
                 Figure(kHeard, "", "", "", "Survey postponed"));
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#figure-young-people-heard-value\""));
  EXPECT_EQ(Updates(kOwnAction)[0].fields.narrative, "No survey this quarter.");
}

// A partner of another organisation sees no fields for the measure, and fields it forges for
// it are not read: its own update is saved, and no figure.
TEST_F(ActionFiguresTest, AnotherOrganisationsForgedFiguresAreNotKept) {
  OpenCycle("2026-12-31");
  TestClient ccg(*site_);
  ASSERT_TRUE(ccg.SignIn(kCcg));
  Response res = Post(ccg, kCcgAction,
                      UpdateForm("on-track", "Clinics open.", 0, "save") + "&" +
                          Figure(kHeard, "99", "199", "200"));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(Updates(kCcgAction).size(), 1u);
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Audits("figures.add"), 0u);
  // Through Public Health's action, the update is refused and nothing kept.
  const std::size_t audit = AuditCount();
  res = Post(ccg, kOwnAction,
             UpdateForm("on-track", "Not ours.", 0, "save") + "&" + Figure(kHeard, "99"));
  EXPECT_EQ(res.status, 403);
  EXPECT_TRUE(Updates(kOwnAction).empty());
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(AuditCount(), audit);
  // Its own measure's figure it may enter with its update.
  res = Post(ccg, kCcgAction,
             UpdateForm("on-track", "Clinics open.", 1, "save") + "&" + Figure(kWaits, "81"));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(Db().FigureHistory(kWaits, "E09000003")->size(), 1u);
  EXPECT_EQ(Figures(), 1u);
}

TEST_F(ActionFiguresTest, TheFormStillNeedsItsCsrfToken) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  partner.Get(UpdatePath(kOwnAction));
  const Response res = partner.Post(
      UpdatePath(kOwnAction),
      UpdateForm("on-track", "Going well.", 0, "submit") + "&" + Figure(kHeard, "57.5"),
      std::string(64, '0'));
  EXPECT_EQ(res.status, 403);
  EXPECT_TRUE(Updates(kOwnAction).empty());
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Audits("figures.add"), 0u);
}

// A save against a newer version keeps the typed figures in the form and keeps none of them.
TEST_F(ActionFiguresTest, AStaleSaveKeepsTheTypedFiguresAndSavesNone) {
  OpenCycle("2026-12-31");
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  ASSERT_EQ(Post(partner, kOwnAction, UpdateForm("at-risk", "First", 0, "save")).status, 303);
  ASSERT_EQ(Post(partner, kOwnAction, UpdateForm("at-risk", "Second", 1, "save")).status, 303);
  const Response res =
      Post(partner, kOwnAction,
           UpdateForm("on-track", "From an old form", 1, "save") + "&" + Figure(kHeard, "61.25"));
  EXPECT_EQ(res.status, 409);
  EXPECT_THAT(res.body, HasSubstr("value=\"61.25\""));
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Updates(kOwnAction)[0].fields.narrative, "Second");
}

// A cycle whose span is no published period asks for each figure's period.
TEST_F(ActionFiguresTest, ACycleThatIsNoPeriodAsksForThePeriod) {
  ReportingCycle c;
  c.plan_id = "barnet-2019-23";
  c.name = "Summer";
  c.from = {2026, 6, 15};
  c.to = {2026, 9, 15};
  c.due = {2026, 12, 31};
  ASSERT_TRUE(Db().OpenCycle(c, kTestNow, TestAudit("cycle.open")).has_value());
  TestClient partner(*site_);
  ASSERT_TRUE(partner.SignIn(kPartner));
  const Response form = partner.Get(UpdatePath(kOwnAction));
  EXPECT_THAT(form.body, HasSubstr("id=\"figure-young-people-heard-period\""));
  const std::string update = UpdateForm("on-track", "Going well.", 0, "save");
  Response res = Post(partner, kOwnAction,
                      update + "&" + Figure(kHeard, "57.5") + "&figure-young-people-heard-period=");
  EXPECT_EQ(res.status, 400);
  EXPECT_THAT(res.body, HasSubstr("href=\"#figure-young-people-heard-period\""));
  EXPECT_EQ(Figures(), 0u);
  res = Post(partner, kOwnAction,
             update + "&" + Figure(kHeard, "57.5") + "&figure-young-people-heard-period=2026%2F27");
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(Db().FigureHistory(kHeard, "E09000003")->at(0).period.Label(), "2026/27");
}

ReportingCycle Spanning(Date from, Date to) {
  ReportingCycle c;
  c.from = from;
  c.to = to;
  c.due = to;
  return c;
}

std::string PeriodOf(Date from, Date to) {
  const auto p = CyclePeriod(Spanning(from, to));
  return p ? p->Label() : "none";
}

TEST(CyclePeriodTest, ACycleCoveringAPublishedPeriodIsThatPeriod) {
  EXPECT_EQ(PeriodOf({2026, 4, 1}, {2026, 6, 30}), "2026/27 Q1");
  EXPECT_EQ(PeriodOf({2026, 7, 1}, {2026, 9, 30}), "2026/27 Q2");
  EXPECT_EQ(PeriodOf({2026, 10, 1}, {2026, 12, 31}), "2026/27 Q3");
  EXPECT_EQ(PeriodOf({2027, 1, 1}, {2027, 3, 31}), "2026/27 Q4");
  EXPECT_EQ(PeriodOf({2026, 4, 1}, {2027, 3, 31}), "2026/27");
  EXPECT_EQ(PeriodOf({2026, 9, 1}, {2027, 8, 31}), "2026/27");
  EXPECT_EQ(PeriodOf({2026, 1, 1}, {2026, 12, 31}), "2026");
  EXPECT_EQ(PeriodOf({2026, 5, 1}, {2026, 5, 31}), "May 2026");
  EXPECT_EQ(PeriodOf({2028, 2, 1}, {2028, 2, 29}), "Feb 2028");  // a leap year
  EXPECT_EQ(PeriodOf({2100, 2, 1}, {2100, 2, 28}), "Feb 2100");  // not one
  // Each label reads back as the period it names.
  EXPECT_EQ(ParsePeriod("2026/27 Q4")->Label(), "2026/27 Q4");
}

TEST(CyclePeriodTest, AnyOtherSpanIsNoPeriod) {
  EXPECT_EQ(PeriodOf({2026, 7, 2}, {2026, 9, 30}), "none");  // a day late starting
  EXPECT_EQ(PeriodOf({2026, 7, 1}, {2026, 9, 29}), "none");  // a day early ending
  EXPECT_EQ(PeriodOf({2028, 2, 1}, {2028, 2, 28}), "none");  // not the leap year's last day
  EXPECT_EQ(PeriodOf({2026, 5, 1}, {2026, 7, 31}), "none");  // three months, not a quarter
  EXPECT_EQ(PeriodOf({2026, 7, 1}, {2026, 8, 31}), "none");  // two months
  EXPECT_EQ(PeriodOf({2026, 7, 1}, {2027, 6, 30}), "none");  // a year from July
  EXPECT_EQ(PeriodOf({2026, 4, 1}, {2028, 3, 31}), "none");  // two years
}

}  // namespace
}  // namespace waymark::web::testing
