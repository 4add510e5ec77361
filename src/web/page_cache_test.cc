// Tests of the cache of rendered answers: bounded by count and by the bodies' bytes, starting
// again empty when either would be passed; an answer larger than the bound is not kept.
#include "web/page_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace waymark::web {
namespace {

std::shared_ptr<const Response> Page(std::size_t bytes) {
  return std::make_shared<const Response>(Response::Html(200, std::string(bytes, 'x')));
}

TEST(PageCacheTest, KeepsAnswersUntilTheCountIsReached) {
  PageCache cache(2, 1000);
  cache.Put("a", Page(10));
  cache.Put("b", Page(10));
  EXPECT_NE(cache.Get("a"), nullptr);
  EXPECT_EQ(cache.Get("a")->body.size(), 10U);
  EXPECT_EQ(cache.Get("c"), nullptr);
  cache.Put("c", Page(10));  // a third: starts again with it alone
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_EQ(cache.Get("b"), nullptr);
  EXPECT_NE(cache.Get("c"), nullptr);
}

TEST(PageCacheTest, KeepsAnswersUntilTheirBytesAreReached) {
  PageCache cache(100, 1000);
  cache.Put("a", Page(400));
  cache.Put("b", Page(600));  // exactly the bound: both kept
  EXPECT_NE(cache.Get("a"), nullptr);
  EXPECT_NE(cache.Get("b"), nullptr);
  cache.Put("a", Page(300));  // replacing one counts its bytes once
  EXPECT_EQ(cache.Get("a")->body.size(), 300U);
  EXPECT_NE(cache.Get("b"), nullptr);
  cache.Put("c", Page(101));  // 1,001 bytes: starts again with it alone
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_NE(cache.Get("c"), nullptr);
  cache.Put("big", Page(1001));  // larger than the bound: not kept, nothing dropped
  EXPECT_EQ(cache.Get("big"), nullptr);
  EXPECT_NE(cache.Get("c"), nullptr);
}

TEST(PageCacheTest, AnAnswerIsRenderedOnceUnlessItIsNotToBeKept) {
  PageCache cache;
  int rendered = 0;
  const auto render = [&rendered](int status, bool keep_it) {
    return [&rendered, status, keep_it](bool& keep) {
      keep = keep_it;
      return Response::Html(status, std::to_string(++rendered));
    };
  };
  EXPECT_EQ(cache.Answer("a", render(200, true)).body, "1");
  EXPECT_EQ(cache.Answer("a", render(200, true)).body, "1");  // kept
  EXPECT_EQ(cache.Answer("b", render(404, true)).body, "2");
  EXPECT_EQ(cache.Answer("b", render(404, true)).body, "3");  // a refusal is not kept
  EXPECT_EQ(cache.Answer("c", render(200, false)).body, "4");
  EXPECT_EQ(cache.Get("c"), nullptr);  // nor a page with a part unread
}

}  // namespace
}  // namespace waymark::web
