// The local figures form (/indicators/{id}/figures) through Site::Handle: a figure entered by
// the owner's partner user is kept with its provenance, judged at once and shown; another
// organisation is refused with nothing kept; bad numbers and periods are field errors with
// nothing kept.
#include <gtest/gtest.h>

#include "web/data_test_fixture.h"
#include "web/local_figures.h"

namespace waymark::web {
namespace {

using testing::DataRoutesFixture;
using testing::TestClient;

constexpr std::string_view kFigure =
    "area=E09000003&period=2024%2F25&value=57.5&count=115&denominator=200&note=Spring+wave";
constexpr std::string_view kPage = "/indicators/young-people-heard/figures";

class LocalFiguresTest : public DataRoutesFixture {};

TEST_F(LocalFiguresTest, TheOwnersFigureIsKeptJudgedAndShownAtOnce) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("public-health@partners.example"));
  // The indicator page, read before the figure exists, has no figure for 2024/25.
  const Response before = c.Get("/indicators/young-people-heard");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body.find("2024/25"), std::string::npos);
  const Response form = c.Get(std::string(kPage));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Enter a figure"), std::string::npos);
  EXPECT_NE(form.body.find("name=\"csrf_token\""), std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"E09000003\" selected=\"selected\">Barnet</option>"),
            std::string::npos);
  EXPECT_NE(form.body.find("There are no figures for this measure yet."), std::string::npos);

  const Response saved = c.Post(std::string(kPage), std::string(kFigure));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.Get("Location"), std::string(kPage) + "?saved=1");

  // Kept like an imported figure, with who entered it.
  const auto history = *Db().FigureHistory("young-people-heard", "E09000003");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_DOUBLE_EQ(history[0].value, 57.5);
  EXPECT_DOUBLE_EQ(history[0].count, 115);
  EXPECT_DOUBLE_EQ(history[0].denominator, 200);
  EXPECT_EQ(history[0].note, "Spring wave");
  EXPECT_EQ(history[0].file, "web form");
  EXPECT_EQ(history[0].imported_by, "public-health@partners.example (public-health)");
  EXPECT_EQ(history[0].imported_at, FormatUtc(testing::kTestNow));
  // Judged at once, from its counts.
  const auto judged = *Db().ListAssessments("young-people-heard", "E09000003");
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0].period.Label(), "2024/25");
  EXPECT_DOUBLE_EQ(judged[0].value, 57.5);
  EXPECT_TRUE(HasValue(judged[0].lower95));
  // Audited.
  AuditFilter filter;
  filter.action = "figures.add";
  const auto audit = *Db().ListAudit(filter);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "public-health@partners.example");
  EXPECT_EQ(audit[0].entity, "indicator");
  EXPECT_EQ(audit[0].entity_id, "young-people-heard");
  EXPECT_NE(audit[0].after.find("\"value\":57.5"), std::string::npos);

  // The figures page lists it with who entered it; the indicator page shows it at once.
  const Response after = c.Get(std::string(kPage) + "?saved=1");
  EXPECT_NE(after.body.find("Figure saved"), std::string::npos);
  EXPECT_NE(after.body.find("public-health@partners.example (public-health)"), std::string::npos);
  EXPECT_NE(after.body.find("Spring wave"), std::string::npos);
  const Response page = c.Get("/indicators/young-people-heard");
  EXPECT_NE(page.body.find("2024/25"), std::string::npos);
  EXPECT_NE(page.body.find("57.5"), std::string::npos);
}

TEST_F(LocalFiguresTest, ANewFigureForTheSamePeriodKeepsTheOldOneAsARevision) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("analyst@barnet.example"));  // analysts may enter any local measure
  c.Get(std::string(kPage));
  ASSERT_EQ(c.Post(std::string(kPage), std::string(kFigure)).status, 303);
  c.Get(std::string(kPage));
  ASSERT_EQ(c.Post(std::string(kPage),
                   "area=E09000003&period=2024%2F25&value=60&count=120&denominator=200")
                .status,
            303);
  const auto history = *Db().FigureHistory("young-people-heard", "E09000003");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_DOUBLE_EQ(history[0].value, 60);
  EXPECT_EQ(history[0].imported_by, "analyst@barnet.example (barnet-council)");
  EXPECT_DOUBLE_EQ(history[1].value, 57.5);
  EXPECT_NE(history[1].replaced_at, "");
  EXPECT_DOUBLE_EQ(Db().ListAssessments("young-people-heard", "E09000003")->at(0).value, 60);
  EXPECT_EQ(Audits("figures.add"), 2u);
}

TEST_F(LocalFiguresTest, AnotherOrganisationsPartnerIsRefusedAndNothingIsKept) {
  TestClient police(*site_);
  ASSERT_TRUE(police.SignIn("police@partners.example"));
  EXPECT_EQ(police.Get(std::string(kPage)).status, 403);
  police.Get("/indicators/police-survey/figures");  // its own measure: a fresh CSRF token
  const Response refused = police.Post(std::string(kPage), std::string(kFigure));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Audits("figures.add"), 0u);
  EXPECT_TRUE(Db().ListAssessments("young-people-heard", "")->empty());
  // Its own organisation's measure it may enter.
  EXPECT_EQ(police.Get("/indicators/police-survey/figures").status, 200);
  // The board reads but does not enter figures; the public is sent to sign in.
  TestClient board(*site_);
  ASSERT_TRUE(board.SignIn("board@barnet.example"));
  EXPECT_EQ(board.Get(std::string(kPage)).status, 403);
  TestClient anyone(*site_);
  EXPECT_EQ(anyone.Get(std::string(kPage)).status, 303);
}

TEST_F(LocalFiguresTest, MeasuresThatAreNotLocalOrUnknownAreNotFound) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("analyst@barnet.example"));
  EXPECT_EQ(c.Get("/indicators/excess-weight-year-6/figures").status, 404);
  EXPECT_EQ(c.Get("/indicators/no-such-measure/figures").status, 404);
  c.Get(std::string(kPage));
  EXPECT_EQ(c.Post("/indicators/excess-weight-year-6/figures", std::string(kFigure)).status, 404);
  EXPECT_EQ(Figures(), 0u);
}

TEST_F(LocalFiguresTest, BadNumbersAndPeriodsAreFieldErrorsAndNothingIsKept) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("public-health@partners.example"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"area=E09000003&period=2024&value=50&count=150&denominator=100", "count"},
      {"area=E09000003&period=2024&value=1e999", "value"},
      {"area=E09000003&period=2024&value=NaN", "value"},
      {"area=E09000003&period=2024&value=", "value"},
      {"area=E09000003&period=31%2F02%2F2024&value=50", "period"},
      {"area=E09000003&period=2024&value=50&count=-1", "count"},
      {"area=E09000007&period=2024&value=50", "area"},
  };
  for (const auto& [fields, field] : cases) {
    c.Get(std::string(kPage));
    const Response res = c.Post(std::string(kPage), fields);
    EXPECT_EQ(res.status, 400) << fields;
    EXPECT_NE(res.body.find("govuk-error-summary"), std::string::npos) << fields;
    EXPECT_NE(res.body.find("href=\"#" + field + "\""), std::string::npos) << fields;
    EXPECT_NE(res.body.find("id=\"" + field + "-error\""), std::string::npos) << fields;
    EXPECT_NE(res.body.find("<title>Error: "), std::string::npos) << fields;
  }
  // What was typed comes back in the form.
  c.Get(std::string(kPage));
  const Response typed = c.Post(std::string(kPage), "area=E09000003&period=2024&value=1e999");
  EXPECT_NE(typed.body.find("value=\"1e999\""), std::string::npos);
  EXPECT_EQ(Figures(), 0u);
  EXPECT_EQ(Audits("figures.add"), 0u);
}

TEST_F(LocalFiguresTest, AFormWithoutItsCsrfTokenIsRefused) {
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("public-health@partners.example"));
  EXPECT_EQ(c.Post(std::string(kPage), std::string(kFigure), std::string(64, '0')).status, 403);
  EXPECT_EQ(Figures(), 0u);
}

TEST(LocalFiguresRules, WhoMayEnterFigures) {
  Indicator measure;
  measure.local = true;
  measure.owner = "public-health";
  Principal partner{1, "p@x", "P", "public-health", Role::kPartner, 0};
  Principal other{2, "o@x", "O", "police", Role::kPartner, 0};
  Principal analyst{3, "a@x", "A", "barnet-council", Role::kAnalyst, 0};
  Principal board{4, "b@x", "B", "the-partnership", Role::kBoard, 0};
  Principal admin{5, "d@x", "D", "public-health", Role::kAdmin, 0};
  EXPECT_TRUE(MayEnterFigures(partner, measure));
  EXPECT_FALSE(MayEnterFigures(other, measure));
  EXPECT_TRUE(MayEnterFigures(analyst, measure));
  EXPECT_FALSE(MayEnterFigures(board, measure));
  EXPECT_FALSE(MayEnterFigures(admin, measure));
  EXPECT_FALSE(MayEnterFigures(Principal{}, measure));
  Indicator unowned = measure;
  unowned.owner.clear();
  EXPECT_FALSE(MayEnterFigures(partner, unowned));
  EXPECT_TRUE(MayEnterFigures(analyst, unowned));
  Indicator published = measure;
  published.local = false;
  EXPECT_FALSE(MayEnterFigures(analyst, published));
  const std::vector<Indicator> catalogue = {published, measure, unowned};
  EXPECT_EQ(EnterableMeasures(catalogue, partner).size(), 1u);
  EXPECT_EQ(EnterableMeasures(catalogue, analyst).size(), 2u);
}

TEST(LocalFiguresRules, FigureAreasAreTheCouncilThenItsWardsByName) {
  const std::vector<Area> areas = {
      {"E05000050", "West Hendon", AreaType::kWard, "E09000003", ""},
      {"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""},
      {"E05000043", "Brunswick Park", AreaType::kWard, "E09000003", ""},
      {"E05000130", "Belsize", AreaType::kWard, "E09000007", ""},
      {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""}};
  const auto offered = FigureAreas(areas);
  ASSERT_EQ(offered.size(), 3u);
  EXPECT_EQ(offered[0].first, "E09000003");
  EXPECT_EQ(offered[1].second, "Brunswick Park");
  EXPECT_EQ(offered[2].second, "West Hendon");
  EXPECT_TRUE(FigureAreas({areas[1], areas[3]}).empty());
}

}  // namespace
}  // namespace waymark::web
