// Tests of the cache policy: ETags and If-None-Match (weak comparison, lists, "*"), 304s,
// personal answers kept private, and the finishing step with compression.
#include "web/cache_policy.h"

#include <gtest/gtest.h>

#include "web/compression.h"

namespace waymark::web {
namespace {

Request Get(std::vector<std::pair<std::string, std::string>> headers = {},
            std::string method = "GET") {
  Request r;
  r.method = std::move(method);
  r.headers = std::move(headers);
  return r;
}

std::string LongPage() { return std::string(3000, 'x') + "<p>page</p>"; }

TEST(IfNoneMatch, ComparesOpaqueTagsWeakly) {
  EXPECT_TRUE(IfNoneMatchMatches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches("\"abc\"", "W/\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches(" \"x\", W/\"abc\" ", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches("\"a,b\", \"abc\"", "\"abc\""));  // a comma inside a tag
  EXPECT_TRUE(IfNoneMatchMatches("*", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"ab\"", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("abc", "\"abc\""));          // not quoted
  EXPECT_FALSE(IfNoneMatchMatches("\"abc", "\"abc\""));        // unterminated
  EXPECT_FALSE(IfNoneMatchMatches("", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("*", ""));
}

TEST(Etags, VersionAndBodyTagsAreStrongAndDistinct) {
  const std::string a = VersionEtag("plan 3\ngeneration 7");
  EXPECT_EQ(a, VersionEtag("plan 3\ngeneration 7"));
  EXPECT_NE(a, VersionEtag("plan 3\ngeneration 8"));
  EXPECT_TRUE(a.starts_with("\"") && a.ends_with("\"")) << a;
  EXPECT_EQ(BodyEtag("one"), BodyEtag("one"));
  EXPECT_NE(BodyEtag("one"), BodyEtag("two"));
  EXPECT_NE(BodyEtag("one"), VersionEtag("one"));
  EXPECT_FALSE(BuildId().empty());
}

TEST(CachePolicy, PublicPagesGetAnEtagAndRevalidate) {
  Response res = Response::Html(200, LongPage());
  ApplyCachePolicy(Get(), res, false);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Get("Cache-Control"), "no-cache");
  EXPECT_EQ(res.Get("ETag"), BodyEtag(LongPage()));
  EXPECT_EQ(res.body, LongPage());
}

TEST(CachePolicy, MatchingIfNoneMatchGives304WithoutBody) {
  const std::string etag = BodyEtag(LongPage());
  for (const std::string& asked : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    Response res = Response::Html(200, LongPage());
    ApplyCachePolicy(Get({{"If-None-Match", asked}}), res, false);
    EXPECT_EQ(res.status, 304) << asked;
    EXPECT_TRUE(res.body.empty());
    EXPECT_EQ(res.Get("ETag"), etag);
    EXPECT_EQ(res.Get("Cache-Control"), "no-cache");
    EXPECT_EQ(res.Get("Vary"), "Accept-Encoding");  // as the 200 would have said
    EXPECT_FALSE(res.Get("Content-Type").has_value());
  }
}

TEST(CachePolicy, OtherIfNoneMatchGives200) {
  Response res = Response::Html(200, LongPage());
  ApplyCachePolicy(Get({{"If-None-Match", "\"stale\""}}), res, false);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, LongPage());
  EXPECT_TRUE(res.Get("ETag").has_value());
}

TEST(CachePolicy, TheRoutesEtagAndLifetimeAreKept) {
  Response res = Response::Html(200, LongPage());
  res.Set("ETag", "\"v1\"");
  res.Set("Cache-Control", std::string(kImmutable));
  ApplyCachePolicy(Get({{"If-None-Match", "\"v1\""}}), res, false);
  EXPECT_EQ(res.status, 304);
  EXPECT_EQ(res.Get("Cache-Control"), kImmutable);
  EXPECT_EQ(res.Get("ETag"), "\"v1\"");
}

TEST(CachePolicy, PersonalAnswersArePrivateWithoutEtag) {
  Response res = Response::Html(200, LongPage());
  res.Set("ETag", "\"v1\"");
  ApplyCachePolicy(Get({{"If-None-Match", "\"v1\""}}), res, true);
  EXPECT_EQ(res.status, 200);  // never a 304 from what another reader was sent
  EXPECT_EQ(res.body, LongPage());
  EXPECT_EQ(res.Get("Cache-Control"), "private, no-store");
  EXPECT_FALSE(res.Get("ETag").has_value());
}

TEST(CachePolicy, ARouteAskingForNoStoreIsPrivate) {
  Response res = Response::Html(200, LongPage());
  res.Set("Cache-Control", "no-store");
  ApplyCachePolicy(Get({{"If-None-Match", "*"}}), res, false);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Get("Cache-Control"), "private, no-store");
  EXPECT_FALSE(res.Get("ETag").has_value());
}

TEST(CachePolicy, OnlySuccessfulGetsAreValidated) {
  Response post = Response::Html(200, LongPage());
  ApplyCachePolicy(Get({{"If-None-Match", "*"}}, "POST"), post, false);
  EXPECT_EQ(post.status, 200);
  EXPECT_FALSE(post.Get("ETag").has_value());
  EXPECT_FALSE(post.Get("Cache-Control").has_value());  // ApplySecurityHeaders: no-store
  Response missing = Response::Html(404, LongPage());
  ApplyCachePolicy(Get({{"If-None-Match", "*"}}), missing, false);
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.Get("ETag").has_value());
}

TEST(FinishResponse, HeadGivesTheHeadersOfGet) {
  for (const char* accept : {"gzip", "identity"}) {
    Response get = Response::Html(200, LongPage());
    Response head = Response::Html(200, LongPage());
    FinishResponse(Get({{"Accept-Encoding", accept}}), get, false);
    FinishResponse(Get({{"Accept-Encoding", accept}}, "HEAD"), head, false);
    EXPECT_EQ(get.headers, head.headers) << accept;
    EXPECT_EQ(get.body.size(), head.body.size()) << accept;  // the server drops HEAD's body
  }
}

TEST(FinishResponse, CompressedAnswersCarryAWeakEtagThatStillMatches) {
  Response first = Response::Html(200, LongPage());
  FinishResponse(Get({{"Accept-Encoding", "gzip"}}), first, false);
  ASSERT_EQ(first.Get("Content-Encoding"), "gzip");
  const auto etag = first.Get("ETag");
  ASSERT_TRUE(etag && etag->starts_with("W/\"")) << etag.value_or("");
  Response again = Response::Html(200, LongPage());
  FinishResponse(Get({{"Accept-Encoding", "gzip"}, {"If-None-Match", *etag}}), again, false);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Get("ETag"), etag);
  EXPECT_FALSE(again.Get("Content-Encoding").has_value());
  EXPECT_EQ(again.Get("Vary"), "Accept-Encoding");
}

}  // namespace
}  // namespace waymark::web
