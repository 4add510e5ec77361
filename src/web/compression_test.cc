// Tests of the gzip step: Accept-Encoding negotiation, the size and type threshold, a round
// trip through zlib, and what is never compressed.
#include "web/compression.h"

#include <gtest/gtest.h>

#include <string>

#include "web/gunzip_test_util.h"

namespace waymark::web {
namespace {

using testing::Gunzip;

// A page-like body that compresses well.
std::string PageBody(std::size_t size) {
  std::string body;
  while (body.size() < size) {
    body += "<p class=\"govuk-body\">Figure " + std::to_string(body.size()) + "</p>\n";
  }
  body.resize(size);
  return body;
}

Request WithAcceptEncoding(std::string value) {
  Request r;
  r.method = "GET";
  r.headers.emplace_back("Accept-Encoding", std::move(value));
  return r;
}

TEST(AcceptsGzip, RefusesWithoutTheHeaderOrWithIdentityOnly) {
  EXPECT_FALSE(AcceptsGzip(std::nullopt));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip(" , ,"));
}

TEST(AcceptsGzip, AcceptsGzipAndItsAliasInAnyCase) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("GZip"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
}

TEST(AcceptsGzip, QValuesOfZeroRefuse) {
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzip ; Q=0.0, identity"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=1"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=1.000"));
}

TEST(AcceptsGzip, MalformedQValuesRefuse) {
  EXPECT_FALSE(AcceptsGzip("gzip;q=2"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=1.5"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.0001"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=abc"));
  EXPECT_FALSE(AcceptsGzip("gzip;q="));
  EXPECT_FALSE(AcceptsGzip("gzip;q"));
}

TEST(AcceptsGzip, StarCountsUnlessGzipIsNamed) {
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("br, *;q=0.5"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, *"));  // named, then refused: the star does not bring it back
  EXPECT_TRUE(AcceptsGzip("gzip, *;q=0"));
}

TEST(WorthCompressing, TextTypesFromTheThresholdOn) {
  EXPECT_FALSE(WorthCompressing("text/html; charset=utf-8", kCompressMinBytes - 1));
  EXPECT_TRUE(WorthCompressing("text/html; charset=utf-8", kCompressMinBytes));
  for (const char* type :
       {"text/css; charset=utf-8", "text/javascript; charset=utf-8", "application/json",
        "text/csv; charset=utf-8", "image/svg+xml", "text/plain; charset=utf-8", "TEXT/HTML"}) {
    EXPECT_TRUE(WorthCompressing(type, 5000)) << type;
    EXPECT_FALSE(WorthCompressing(type, 100)) << type;
  }
  for (const char* type : {"image/png", "font/woff2", "application/octet-stream", "image/x-icon",
                           "application/pdf", ""}) {
    EXPECT_FALSE(WorthCompressing(type, 100000)) << type;
  }
}

TEST(Gzip, RoundTripsThroughZlib) {
  const std::string body = PageBody(50000);
  const auto gz = Gzip(body);
  ASSERT_TRUE(gz.has_value());
  EXPECT_LT(gz->size(), body.size() / 4);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);  // the gzip magic number
  EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
  EXPECT_EQ(Gunzip(*gz), body);
  EXPECT_EQ(Gunzip(*Gzip("")), "");
}

TEST(CompressResponse, CompressesWhenAcceptedAndWorthIt) {
  const std::string body = PageBody(kCompressMinBytes);
  Response res = Response::Html(200, body);
  res.Set("ETag", "\"abc\"");
  CompressResponse(WithAcceptEncoding("gzip"), res);
  EXPECT_EQ(res.Get("Content-Encoding"), "gzip");
  EXPECT_EQ(res.Get("Vary"), "Accept-Encoding");
  EXPECT_EQ(res.Get("ETag"), "W/\"abc\"");  // other bytes than the plain answer's
  EXPECT_EQ(Gunzip(res.body), body);
}

TEST(CompressResponse, LeavesSmallBodiesAlone) {
  const std::string body = PageBody(kCompressMinBytes - 1);
  Response res = Response::Html(200, body);
  CompressResponse(WithAcceptEncoding("gzip"), res);
  EXPECT_EQ(res.body, body);
  EXPECT_FALSE(res.Get("Content-Encoding").has_value());
  EXPECT_FALSE(res.Get("Vary").has_value());
}

TEST(CompressResponse, VariesButSendsPlainToClientsThatRefuse) {
  const std::string body = PageBody(4000);
  for (const char* accept : {"identity", "gzip;q=0", "br"}) {
    Response res = Response::Json(200, body);
    CompressResponse(WithAcceptEncoding(accept), res);
    EXPECT_EQ(res.body, body) << accept;
    EXPECT_FALSE(res.Get("Content-Encoding").has_value()) << accept;
    EXPECT_EQ(res.Get("Vary"), "Accept-Encoding") << accept;
  }
  Response res = Response::Json(200, body);
  Request no_header;
  no_header.method = "GET";
  CompressResponse(no_header, res);
  EXPECT_EQ(res.body, body);
  EXPECT_FALSE(res.Get("Content-Encoding").has_value());
}

TEST(CompressResponse, NeverTouchesPartialEmptyOrEncodedBodies) {
  const std::string body = PageBody(4000);
  for (int status : {204, 206, 304, 101}) {
    Response res = Response::Html(status, body);
    CompressResponse(WithAcceptEncoding("gzip"), res);
    EXPECT_EQ(res.body, body) << status;
    EXPECT_FALSE(res.Get("Content-Encoding").has_value()) << status;
  }
  // Already compressed (by the route): not again.
  const std::string once = *Gzip(body);
  Response res = Response::Text(200, once);
  res.Set("Content-Encoding", "gzip");
  CompressResponse(WithAcceptEncoding("gzip"), res);
  EXPECT_EQ(res.body, once);
  EXPECT_EQ(Gunzip(res.body), body);
  // Error pages are compressed like any other.
  Response missing = Response::Html(404, body);
  CompressResponse(WithAcceptEncoding("gzip"), missing);
  EXPECT_EQ(missing.Get("Content-Encoding"), "gzip");
}

// A public answer with a strong ETag is compressed once and kept under that ETag, which stands
// for its plain body (as a 304 already assumes): a second answer with the same ETag gets the
// kept bytes. Without an ETag, with a weak one or when private, every answer is compressed anew.
TEST(CompressResponse, KeepsPublicBodiesByTheirStrongEtagOnly) {
  const std::string body = PageBody(8000);
  std::string other = body;
  other[100] = other[100] == 'x' ? 'y' : 'x';
  const auto answer = [](const std::string& text, const char* cache, const char* etag) {
    Response res = Response::Html(200, text);
    res.Set("Cache-Control", cache);
    if (etag != nullptr) res.Set("ETag", etag);
    CompressResponse(WithAcceptEncoding("gzip"), res);
    return res;
  };
  const Response first = answer(body, "no-cache", "\"kept-1\"");
  EXPECT_EQ(Gunzip(first.body), body);
  EXPECT_EQ(first.Get("ETag"), "W/\"kept-1\"");
  // The same ETag: the kept bytes, whatever the body now says.
  EXPECT_EQ(Gunzip(answer(other, "no-cache", "\"kept-1\"").body), body);
  // Another ETag, none, a weak one, or a private answer: compressed from its own body.
  EXPECT_EQ(Gunzip(answer(other, "no-cache", "\"kept-2\"").body), other);
  EXPECT_EQ(Gunzip(answer(other, "no-cache", nullptr).body), other);
  EXPECT_EQ(Gunzip(answer(body, "no-cache", "W/\"weak-1\"").body), body);
  EXPECT_EQ(Gunzip(answer(other, "no-cache", "W/\"weak-1\"").body), other);
  EXPECT_EQ(Gunzip(answer(body, "private, no-store", "\"private-1\"").body), body);
  EXPECT_EQ(Gunzip(answer(other, "private, no-store", "\"private-1\"").body), other);
}

TEST(AddVary, AppendsOnceInAnyCase) {
  Response res;
  res.Set("Vary", "Cookie");
  AddVary(res, "Accept-Encoding");
  EXPECT_EQ(res.Get("Vary"), "Cookie, Accept-Encoding");
  AddVary(res, "accept-encoding");
  EXPECT_EQ(res.Get("Vary"), "Cookie, Accept-Encoding");
  Response star;
  star.Set("Vary", "*");
  AddVary(star, "Accept-Encoding");
  EXPECT_EQ(star.Get("Vary"), "*");
}

}  // namespace
}  // namespace waymark::web
