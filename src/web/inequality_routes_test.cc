// The inequalities on the dashboard through Site::Handle: an indicator page with breakdowns has
// its section (Barnet's gaps by sex, England's slope index by deprivation, a suppressed gap as
// words), one without has none, an unknown indicator is still 404, and /gaps lists the plan's
// gaps for Barnet with links to each section, hiding a draft plan from the public.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::SiteFixture;
using testing::TestClient;

constexpr std::string_view kQuintileType = "Deprivation quintiles";
const std::vector<std::string> kQuintiles = {"Most", "Second", "Middle", "Fourth", "Least"};

Assessment Figure(std::string_view area, int year, Breakdown b, double value) {
  Assessment a;
  a.indicator = "injuries";
  a.area = std::string(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.breakdown = std::move(b);
  a.value = value;
  a.lower95 = value - 1;
  a.upper95 = value + 1;
  a.count = value * 10;
  a.denominator = 10000;
  a.value_source = ValueSource::kSupplied;
  return a;
}

class InequalityRoutes : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Indicator ind;
    ind.id = "injuries";
    ind.title = "Injuries to children";
    ind.value_type = ValueType::kRate;
    ind.multiplier = 1000;
    ind.unit = "per 1,000";
    ind.disclosure_min_count = 5;
    ind.plan = "barnet-2019-23";
    ind.outcomes = {"safe-and-secure"};
    ind.objectives = {"ss-safe-supportive-families"};
    BreakdownDimension sex{DimensionKind::kSex, "Sex", {}, {}, "Female", "", ""};
    BreakdownDimension dep{DimensionKind::kDeprivation,
                           "Deprivation quintile",
                           {std::string(kQuintileType)},
                           kQuintiles,
                           "Least",
                           "County & UA",
                           ""};
    ind.breakdowns = {sex, dep};
    auto catalogue = Db().ListIndicators();
    ASSERT_TRUE(catalogue.has_value());
    catalogue->push_back(ind);
    ASSERT_TRUE(Db().SaveIndicators(*catalogue, testing::kTestNow).has_value());
    auto rows = Db().ListAssessments("", "");
    ASSERT_TRUE(rows.has_value());
    for (int y = 2017; y <= 2021; ++y) {
      rows->push_back(Figure("E09000003", y, {"Persons", "", "", ""}, 55));
      rows->push_back(Figure("E09000003", y, {"Female", "", "", ""}, 50));
      Assessment male = Figure("E09000003", y, {"Male", "", "", ""}, 60);
      if (y == 2021) {
        male.value = 313.7;  // suppressed: neither it nor its gap (263.7) may show
        male.suppressed = true;
      }
      rows->push_back(male);
    }
    for (std::size_t i = 0; i < kQuintiles.size(); ++i) {
      rows->push_back(Figure("E92000001", 2021,
                             {"Persons", "", std::string(kQuintileType), kQuintiles[i]},
                             90 - 10.0 * static_cast<double>(i)));
    }
    ASSERT_TRUE(Db().SaveAssessments(*rows).has_value());
  }
};

TEST_F(InequalityRoutes, TheIndicatorPageHasItsInequalitiesSection) {
  TestClient client(*site_);
  const Response res = client.Get("/indicators/injuries?period=2020");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("<h2 class=\"govuk-heading-l\" id=\"inequalities\">"));
  EXPECT_THAT(res.body, HasSubstr("id=\"inequalities-sex\">By sex</h3>"));
  EXPECT_THAT(res.body, HasSubstr("Figures for Barnet in 2020."));  // the chosen period
  EXPECT_THAT(res.body, HasSubstr(">+10.0</td>"));
  // England's deprivation quintiles, with the slope index (90 to 50 over equal fifths: -50).
  EXPECT_THAT(res.body, HasSubstr("id=\"inequalities-deprivation-quintile\""));
  EXPECT_THAT(res.body, HasSubstr("Slope index of inequality (SII), England, 2021: "
                                  "<strong>-50.0 per 1,000</strong>"));
  const Response latest = client.Get("/indicators/injuries");
  ASSERT_EQ(latest.status, 200);
  EXPECT_THAT(latest.body, HasSubstr("Figures for Barnet in 2021."));
  EXPECT_THAT(latest.body, HasSubstr(">suppressed (small numbers)</td>"));
  for (const char* hidden : {"313.7", "263.7"}) {
    EXPECT_THAT(latest.body, Not(HasSubstr(hidden))) << hidden;
  }
}

TEST_F(InequalityRoutes, OtherIndicatorsHaveNoSectionAndUnknownOnesAreNotFound) {
  TestClient client(*site_);
  const Response plain = client.Get("/indicators/excess-weight-year-6");
  ASSERT_EQ(plain.status, 200);
  EXPECT_THAT(plain.body, Not(HasSubstr("id=\"inequalities\"")));
  EXPECT_THAT(plain.body, HasSubstr("href=\"/gaps\""));  // the navigation
  EXPECT_EQ(client.Get("/indicators/no-such-indicator").status, 404);
  EXPECT_EQ(client.Get("/indicators/injuries?area=E09999999").status, 400);
  EXPECT_EQ(client.Get("/indicators/injuries?period=1999").status, 400);
}

TEST_F(InequalityRoutes, GapsListsThePlansGapsForBarnet) {
  TestClient client(*site_);
  const Response res = client.Get("/gaps");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.Get("Content-Type").value_or(""), HasSubstr("text/html"));
  EXPECT_THAT(res.body, HasSubstr("<h1 class=\"govuk-heading-xl\">Inequality gaps</h1>"));
  EXPECT_THAT(res.body, HasSubstr("href=\"/indicators/injuries?area=E09000003#inequalities-sex\">"
                                  "Male</a>"));
  EXPECT_THAT(res.body, HasSubstr(">Outcome: Safe and Secure</a>"));
  EXPECT_THAT(res.body, HasSubstr("#objective-ss-safe-supportive-families\">Objective: "));
  EXPECT_THAT(res.body, HasSubstr(">suppressed (small numbers)</td>"));
  EXPECT_THAT(res.body, Not(HasSubstr("313.7")));
  EXPECT_THAT(res.body, HasSubstr("No figures for Barnet: see England&#39;s"));
  EXPECT_THAT(res.body, Not(HasSubstr("excess-weight-year-6")));  // no breakdowns
  EXPECT_EQ(client.Get("/gaps?plan=barnet-2019-23-draft").status, 404);
  EXPECT_EQ(client.Get("/gaps?plan=NOT%20A%20PLAN").status, 400);
  // The older plan's indicators are not linked to it: none of them is listed.
  const Response older = client.Get("/gaps?plan=barnet-2013-16");
  ASSERT_EQ(older.status, 200);
  EXPECT_THAT(older.body, HasSubstr("None of this plan&#39;s indicators is published by group"));
  EXPECT_EQ(client.Send("POST", "/gaps").status, 405);
}

TEST_F(InequalityRoutes, TheOverviewSumsUpThePlansGaps) {
  TestClient client(*site_);
  const Response res = client.Get("/");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.body, HasSubstr("id=\"overview-gap-counts\""));
  EXPECT_THAT(res.body, HasSubstr("The latest gaps between groups of children in Barnet"));
  EXPECT_THAT(res.body, Not(HasSubstr("313.7")));
  // The older plan has no indicator published by group: no paragraph.
  const Response older = client.Get("/?plan=barnet-2013-16");
  ASSERT_EQ(older.status, 200);
  EXPECT_THAT(older.body, Not(HasSubstr("overview-gap-counts")));
}

}  // namespace
}  // namespace waymark::web
