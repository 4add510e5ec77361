// Unit tests of the parts of the web layer that need no socket: targets, router, static paths.
#include <gtest/gtest.h>

#include "web/http.h"
#include "web/router.h"
#include "web/static_files.h"

namespace waymark::web {
namespace {

TEST(ParseTarget, SplitsPathAndDecodesQuery) {
  auto t = ParseTarget("/search?q=child+rights%21&plan=barnet-2019-23&q=two");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/search");
  EXPECT_EQ(t->query.count("q"), 2u);
  EXPECT_EQ(t->query.find("q")->second, "child rights!");
  EXPECT_EQ(t->query.find("plan")->second, "barnet-2019-23");
}

TEST(ParseTarget, DecodesPathButNotPlus) {
  auto t = ParseTarget("/outcomes/a%20b+c");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/outcomes/a b+c");
}

TEST(ParseTarget, RefusesBrokenTargets) {
  EXPECT_FALSE(ParseTarget("").has_value());
  EXPECT_FALSE(ParseTarget("http://example.org/").has_value());
  EXPECT_FALSE(ParseTarget("/a%2").has_value());
  EXPECT_FALSE(ParseTarget("/a%zz").has_value());
  EXPECT_FALSE(ParseTarget("/a%00b").has_value());
  EXPECT_FALSE(ParseTarget("/?q=%").has_value());
}

TEST(PercentDecode, PlusOnlyInQueries) {
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("%41%62", false), "Ab");
}

TEST(SecurityHeaders, AreAddedAndKeepCacheControl) {
  Response r = Response::Text(200, "x");
  r.Set("Cache-Control", "public, max-age=60");
  ApplySecurityHeaders(r);
  EXPECT_EQ(r.Get("cache-control"), "public, max-age=60");
  EXPECT_EQ(r.Get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.Get("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.Get("Referrer-Policy"), "no-referrer");
  const auto csp = r.Get("Content-Security-Policy");
  ASSERT_TRUE(csp.has_value());
  EXPECT_EQ(csp->find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  Response plain = Response::Text(200, "x");
  ApplySecurityHeaders(plain);
  EXPECT_EQ(plain.Get("Cache-Control"), "no-store");
}

Response Named(std::string name) { return Response::Text(200, std::move(name)); }

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/", Permission::kPublic, [](const Request&) { return Named("root"); });
    router_.Add("GET", "/outcomes/{id}", Permission::kPublic,
                [](const Request&) { return Named("outcome"); });
    router_.Add("POST", "/outcomes/{id}", Permission::kPublic,
                [](const Request&) { return Named("post"); });
    router_.Add("GET", "/assets/{path*}", Permission::kPublic,
                [](const Request&) { return Named("asset"); });
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralsAndCaptures) {
  Match m = router_.Find("GET", "/outcomes/safe-and-secure");
  ASSERT_EQ(m.kind, Match::Kind::kFound);
  EXPECT_EQ(m.params.at("id"), "safe-and-secure");
  EXPECT_EQ((*m.handler)(Request{}).body, "outcome");
  EXPECT_EQ(router_.Find("GET", "/").kind, Match::Kind::kFound);
  EXPECT_EQ((*router_.Find("HEAD", "/").handler)(Request{}).body, "root");
}

TEST_F(RouterTest, RestCaptureTakesTheRemainder) {
  Match m = router_.Find("GET", "/assets/fonts/bold.woff2");
  ASSERT_EQ(m.kind, Match::Kind::kFound);
  EXPECT_EQ(m.params.at("path"), "fonts/bold.woff2");
  EXPECT_EQ(router_.Find("GET", "/assets/").kind, Match::Kind::kNotFound);
}

TEST_F(RouterTest, UnknownPathsAndEmptyCaptures) {
  EXPECT_EQ(router_.Find("GET", "/outcomes/").kind, Match::Kind::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/outcomes/a/b").kind, Match::Kind::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/nope").kind, Match::Kind::kNotFound);
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes) {
  Match m = router_.Find("DELETE", "/outcomes/x");
  ASSERT_EQ(m.kind, Match::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  EXPECT_EQ(router_.Find("POST", "/").kind, Match::Kind::kMethodNotAllowed);
}

TEST(StaticPaths, RefuseTraversalAndHiddenFiles) {
  EXPECT_TRUE(IsSafeRelativePath("fonts/bold.woff2"));
  EXPECT_FALSE(IsSafeRelativePath(""));
  EXPECT_FALSE(IsSafeRelativePath("../secret"));
  EXPECT_FALSE(IsSafeRelativePath("fonts/../../secret"));
  EXPECT_FALSE(IsSafeRelativePath("/etc/passwd"));
  EXPECT_FALSE(IsSafeRelativePath("fonts//x"));
  EXPECT_FALSE(IsSafeRelativePath(".env"));
  EXPECT_FALSE(IsSafeRelativePath("a\\..\\b"));
  EXPECT_FALSE(IsSafeRelativePath("c:x"));
}

TEST(StaticPaths, ContentTypes) {
  EXPECT_EQ(ContentTypeFor("govuk-frontend.min.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("x.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("fonts/bold.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("images/favicon.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("images/icon.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace waymark::web
