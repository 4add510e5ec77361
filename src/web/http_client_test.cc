// Tests of the outgoing HTTP client: URLs it accepts (https, or plain http to loopback only),
// the origins it writes into a Content-Security-Policy, and real requests to a server on
// 127.0.0.1:0 (status and body, a POST's body and headers, the body bound, a refused
// connection, and https to a server that does not speak TLS).
#include "web/http_client.h"

#include <gtest/gtest.h>

#include "web/server.h"

namespace waymark::web {
namespace {

TEST(HttpUrl, HttpsAnywhereAndPlainHttpToLoopbackOnly) {
  auto url = ParseHttpUrl("https://login.example.org/t/v2.0/.well-known/openid-configuration");
  ASSERT_TRUE(url.has_value());
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "login.example.org");
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target, "/t/v2.0/.well-known/openid-configuration");
  url = ParseHttpUrl("http://127.0.0.1:4000");
  ASSERT_TRUE(url.has_value());
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->port, "4000");
  EXPECT_EQ(url->target, "/");
  url = ParseHttpUrl("http://[::1]:8080/x?y=1");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->target, "/x?y=1");
  for (std::string_view bad :
       {"http://login.example.org/", "http://127.0.0.1@evil.example/", "ftp://x.example/",
        "https://", "https://x.example:44a/", "https://x.example/#f", "https://a b.example/",
        "https://user@x.example/"}) {
    EXPECT_FALSE(ParseHttpUrl(bad).has_value()) << bad;
  }
}

TEST(HttpUrl, OriginsAreSafeForAPolicy) {
  EXPECT_EQ(UrlOrigin("https://login.microsoftonline.com/t/oauth2/v2.0/authorize"),
            "https://login.microsoftonline.com");
  EXPECT_EQ(UrlOrigin("https://idp.example:8443/auth"), "https://idp.example:8443");
  EXPECT_EQ(UrlOrigin("http://127.0.0.1:4000/auth"), "http://127.0.0.1:4000");
  EXPECT_EQ(UrlOrigin("http://[::1]/auth"), "http://[::1]");
  EXPECT_EQ(UrlOrigin("https://idp.example;script-src*/"), "");
  EXPECT_EQ(UrlOrigin("https://idp.example'/"), "");
  EXPECT_EQ(UrlOrigin("http://idp.example/"), "");
}

// Answers /json, echoes a POST's body and its Authorization header, and sends 2 MB on /big.
class EchoApp final : public HttpApp {
 public:
  Response Handle(Request request) override {
    if (request.path == "/big") return Response::Text(200, std::string(2 << 20, 'x'));
    if (request.method == "POST") {
      return Response::Text(201, request.body + "|" + request.Header("Authorization").value_or(""));
    }
    if (request.path == "/json") return Response::Json(200, "{\"ok\":true}");
    return Response::Text(404, "none");
  }
  Response Error(int status, std::string_view) override { return Response::Text(status, "error"); }
};

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start().has_value()); }
  std::string Url(std::string_view path) {
    return "http://127.0.0.1:" + std::to_string(server_.Port()) + std::string(path);
  }
  EchoApp app_;
  Server server_{ServerOptions{}, app_};
};

TEST_F(HttpClientTest, GetsStatusTypeAndBody) {
  FetchRequest request;
  request.url = Url("/json");
  auto reply = Fetch(request);
  ASSERT_TRUE(reply.has_value()) << reply.error().ToString();
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->content_type.rfind("application/json", 0), 0u);
  EXPECT_EQ(reply->body, "{\"ok\":true}");
  request.url = Url("/none");
  EXPECT_EQ(Fetch(request)->status, 404);
}

TEST_F(HttpClientTest, PostsItsBodyAndHeaders) {
  FetchRequest request;
  request.method = "POST";
  request.url = Url("/token");
  request.body = "grant_type=authorization_code";
  request.headers.emplace_back("Authorization", "Basic abc");
  auto reply = Fetch(request);
  ASSERT_TRUE(reply.has_value()) << reply.error().ToString();
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, "grant_type=authorization_code|Basic abc");
}

TEST_F(HttpClientTest, ABodyOverTheBoundIsAnError) {
  FetchRequest request;
  request.url = Url("/big");
  FetchOptions options;
  options.body_limit = 1 << 20;
  auto reply = Fetch(request, options);
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kIo);
  options.body_limit = 4 << 20;
  EXPECT_EQ(Fetch(request, options)->body.size(), std::size_t{2} << 20);
}

TEST_F(HttpClientTest, HttpsToAServerWithoutTlsFailsTheHandshake) {
  FetchRequest request;
  request.url = "https://127.0.0.1:" + std::to_string(server_.Port()) + "/json";
  auto reply = Fetch(request);
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kIo);
  EXPECT_NE(reply.error().message.find("TLS handshake"), std::string::npos)
      << reply.error().message;
}

TEST(HttpClient, ARefusedConnectionIsAnError) {
  EchoApp app;
  Server server(ServerOptions{}, app);
  ASSERT_TRUE(server.Start().has_value());
  const std::string url = "http://127.0.0.1:" + std::to_string(server.Port()) + "/json";
  server.Stop();
  FetchRequest request;
  request.url = url;
  auto reply = Fetch(request);
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kIo);
  request.url = "http://example.org/";  // never sent: plain http to another host
  EXPECT_EQ(Fetch(request).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace waymark::web
