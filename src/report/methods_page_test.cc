// The methods page: the anchors board reports link to, one h1, a contents entry and the three
// parts for every section, the labels and rules taken from the code, and the footer link.
#include "report/methods_page.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <regex>
#include <set>

#include "core/comparison_basis.h"
#include "core/cycle.h"
#include "report/board_model.h"
#include "report/report_test_util.h"

namespace waymark::report {
namespace {

using testing::Count;
using ::testing::HasSubstr;
using ::testing::Not;

// The anchors board reports link to (board_pages.cc MethodsHref).
constexpr std::array<std::string_view, 5> kLinkedAnchors = {"compared-with-england", "recent-trend",
                                                            "spine-chart", "small-numbers",
                                                            "family-friendly-index"};

std::vector<std::string> Ids(const std::string& page) {
  std::vector<std::string> ids;
  const std::regex re(" id=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), re); it != std::sregex_iterator();
       ++it) {
    ids.push_back((*it)[1]);
  }
  return ids;
}

class MethodsPage : public ::testing::Test {
 protected:
  const std::string page_ = RenderMethodsPage(Links{});
};

TEST_F(MethodsPage, HasEveryAnchorBoardReportsLinkToAsASectionHeading) {
  for (std::string_view id : kLinkedAnchors) {
    const std::string heading = "<h2 class=\"govuk-heading-l\" id=\"" + std::string(id) + "\">";
    EXPECT_EQ(Count(page_, heading), 1u) << id;
    EXPECT_EQ(Count(page_, "id=\"" + std::string(id) + "\""), 1u) << id;
  }
  const auto ids = MethodsSectionIds();
  for (std::string_view id : kLinkedAnchors) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
}

TEST_F(MethodsPage, HasOneH1AndItsTitle) {
  EXPECT_EQ(Count(page_, "<h1"), 1u);
  EXPECT_THAT(page_, HasSubstr("<h1 class=\"govuk-heading-xl\">How the figures are judged</h1>"));
  EXPECT_THAT(page_, HasSubstr("<title>How the figures are judged – Waymark</title>"));
  EXPECT_THAT(page_, HasSubstr("<main class=\"govuk-main-wrapper\" id=\"main-content\""));
}

TEST_F(MethodsPage, EverySectionIsInTheContentsAndHasItsThreeParts) {
  const auto ids = MethodsSectionIds();
  ASSERT_GE(ids.size(), kLinkedAnchors.size());
  EXPECT_EQ(std::set<std::string_view>(ids.begin(), ids.end()).size(), ids.size());
  for (std::string_view id : ids) {
    EXPECT_EQ(Count(page_, "<h2 class=\"govuk-heading-l\" id=\"" + std::string(id) + "\">"), 1u)
        << id;
    EXPECT_EQ(Count(page_, "href=\"#" + std::string(id) + "\""), 1u) << id;
  }
  EXPECT_EQ(Count(page_, "<h2 class=\"govuk-heading-l\""), ids.size());
  for (const char* part : {">How it is worked out</h3>", ">How to read it</h3>", ">Sources</h3>"}) {
    EXPECT_EQ(Count(page_, part), ids.size()) << part;
  }
}

TEST_F(MethodsPage, NoIdIsUsedTwice) {
  const auto ids = Ids(page_);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

TEST_F(MethodsPage, NamesTheMethodsTheCodeUses) {
  for (const char* method :
       {"Wilson score interval", "Byar&#39;s method", "exact limits from the Poisson", "99.8%",
        "chi-squared test for trend", "(9.55, one degree of freedom)", "five most recent figures",
        "25th to the 75th percentile", "PERCENTILE.INC",
        "at least three quarters of English councils", "the straight line from the baseline",
        "two thirds of the measures", "Sobol", "5th to 95th",
        "Technical Guide: Confidence Intervals", "Armitage P",
        "Handbook on Constructing Composite Indicators"}) {
    EXPECT_THAT(page_, HasSubstr(method)) << method;
  }
}

TEST_F(MethodsPage, ShowsTheLabelsAndSuppressionTextThePagesUse) {
  for (const char* label :
       {">Better</strong>", ">Similar</strong>", ">Worse</strong>", ">Higher</strong>",
        ">Lower</strong>", ">Not compared</strong>", "Increasing and getting better",
        "Decreasing and getting worse", "No significant change", "Cannot be calculated"}) {
    EXPECT_THAT(page_, HasSubstr(label)) << label;
  }
  EXPECT_THAT(page_, HasSubstr("&quot;suppressed: fewer than 5&quot;"));
  // Every basis of a comparison, with its short label and its words.
  for (int i = 1; i < kComparisonBasisCount; ++i) {
    const auto basis = static_cast<ComparisonBasis>(i);
    std::string label = EscapeHtml(ComparisonBasisShort(basis));
    label.append("</span>");
    EXPECT_THAT(page_, HasSubstr(label));
    std::string words = EscapeHtml(ComparisonBasisText(basis)).substr(1);
    words.append(".</td>");
    EXPECT_THAT(page_, HasSubstr(words));
  }
  for (ActionStatus status : kAllActionStatuses) {
    EXPECT_THAT(page_, HasSubstr("<li>" + EscapeHtml(ActionStatusLabel(status)) + "</li>"));
  }
}

TEST_F(MethodsPage, ListsEveryExceptionRuleOfBoardReports) {
  for (ExceptionRule rule : {ExceptionRule::kWorseThanEngland, ExceptionRule::kGettingWorse,
                             ExceptionRule::kOffTrackTwice, ExceptionRule::kOffTrack,
                             ExceptionRule::kOverdue, ExceptionRule::kDisagree}) {
    const std::string text(ExceptionRuleText(rule));
    ASSERT_FALSE(text.empty()) << ExceptionRuleName(rule);
    EXPECT_THAT(page_, HasSubstr("<li>" + EscapeHtml(text) + "</li>")) << ExceptionRuleName(rule);
  }
}

TEST_F(MethodsPage, HomeLinkCarriesThePlanOnlyWhenAsked) {
  EXPECT_THAT(page_, HasSubstr("<a class=\"govuk-breadcrumbs__link\" href=\"/\">Home</a>"));
  const std::string many = RenderMethodsPage(Links("barnet-2019-23", true));
  EXPECT_THAT(many,
              HasSubstr("<a class=\"govuk-breadcrumbs__link\" href=\"/?plan=barnet-2019-23\">"));
  EXPECT_THAT(page_, Not(HasSubstr("?plan=")));
}

TEST_F(MethodsPage, HasNoInlineScriptOrStyle) {
  EXPECT_THAT(page_, Not(HasSubstr("<style")));
  EXPECT_THAT(page_, Not(HasSubstr(" style=")));
  EXPECT_THAT(page_, Not(HasSubstr("<script>")));
}

TEST(Footer, EveryPageLinksToTheMethodsPage) {
  Html main;
  main.Element("h1", {{"class", "govuk-heading-xl"}}, "Title");
  const std::string page = RenderPage({"Title", {}, NavItem::kNone, {}}, main);
  const auto footer = page.find("<footer");
  ASSERT_NE(footer, std::string::npos);
  EXPECT_NE(page.find("href=\"/methods\">How the figures are judged</a>", footer),
            std::string::npos);
}

}  // namespace
}  // namespace waymark::report
