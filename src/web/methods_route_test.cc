// The methods page through Site::Handle: public to everyone, the account bar filled in, the
// anchors board reports link to, only GET and HEAD, and the footer link on other pages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/account_pages.h"
#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::SiteFixture;
using testing::TestClient;
using testing::TestUsers;

class MethodsRoute : public SiteFixture {};

TEST_F(MethodsRoute, IsPublicWithEveryAnchorBoardReportsLinkTo) {
  TestClient client(*site_);
  const Response res = client.Get("/methods");
  ASSERT_EQ(res.status, 200);
  EXPECT_THAT(res.Get("Content-Type").value_or(""), HasSubstr("text/html"));
  EXPECT_THAT(res.body, HasSubstr("<h1 class=\"govuk-heading-xl\">How the figures are judged"));
  for (const char* id : {"compared-with-england", "recent-trend", "spine-chart", "small-numbers",
                         "family-friendly-index"}) {
    EXPECT_THAT(res.body, HasSubstr("id=\"" + std::string(id) + "\"")) << id;
  }
  // The account bar replaced its marker: the public is offered signing in.
  EXPECT_THAT(res.body, Not(HasSubstr(std::string(report::kAccountBarMarker))));
  EXPECT_THAT(res.body, HasSubstr("/sign-in"));
}

TEST_F(MethodsRoute, EveryRoleGetsTheSamePageWithItsOwnAccountBar) {
  TestClient anonymous(*site_);
  const std::string public_page = anonymous.Get("/methods").body;
  int n = 1;
  for (const auto& user : TestUsers()) {
    TestClient client(*site_, "127.0.0." + std::to_string(++n));
    ASSERT_TRUE(client.SignIn(user.email)) << user.email;
    const Response res = client.Get("/methods");
    EXPECT_EQ(res.status, 200) << user.email;
    EXPECT_THAT(res.body, HasSubstr("Test " + std::string(RoleName(user.role)))) << user.email;
    EXPECT_THAT(public_page, Not(HasSubstr("Test " + std::string(RoleName(user.role)))));
  }
}

TEST_F(MethodsRoute, AnswersHeadAndRefusesOtherMethods) {
  TestClient client(*site_);
  EXPECT_EQ(client.Send("HEAD", "/methods").status, 200);
  client.Get("/sign-in");  // a CSRF token, so that only the method can be wrong
  const Response post = client.Post("/methods", "x=1");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Get("Allow").value_or(""), "GET, HEAD");
  EXPECT_EQ(client.Get("/methods/compared-with-england").status, 404);
}

TEST_F(MethodsRoute, OtherPagesLinkToItFromTheirFooter) {
  TestClient client(*site_);
  for (const char* path : {"/", "/indicators", "/sign-in", "/no-such-page"}) {
    const Response res = client.Get(path);
    EXPECT_THAT(res.body, HasSubstr("href=\"/methods\">How the figures are judged</a>")) << path;
  }
}

}  // namespace
}  // namespace waymark::web
