// The site's answers as a browser sees them: public pages and API answers with an ETag and
// `no-cache` (304 on a revisit), compressed when asked, pages naming fingerprinted assets;
// signed-in, token and form answers `private, no-store` with no ETag; and over a real server,
// HEAD giving GET's headers and a 304 with no body.
#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <regex>

#include "core/secrets.h"
#include "report/account_pages.h"
#include "web/asset_catalog.h"
#include "web/embedded_assets.h"
#include "web/gunzip_test_util.h"
#include "web/server.h"
#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using testing::SiteFixture;
using testing::TestClient;
using Headers = std::vector<std::pair<std::string, std::string>>;

using testing::Gunzip;

class HttpCachingTest : public SiteFixture {
 protected:
  // A kept page of `target` keeps its ETag; a change of the account bar's demo notice changes
  // the page and its ETag (a 200, not a stale 304).
  void ExpectTheDemoNoticeChangesTheEtag(const char* target) {
    TestClient c(*site_);
    const Response first = c.Get(target);
    ASSERT_EQ(first.status, 200) << target;
    const auto etag = first.Get("ETag");
    ASSERT_TRUE(etag.has_value()) << target;
    EXPECT_EQ(c.Get(target).Get("ETag"), etag) << target;
    EXPECT_EQ(c.Get(target).body, first.body) << target;
    const bool shown = first.body.find("waymark-demo") != std::string::npos;
    ASSERT_TRUE(
        Db().SetSetting("demo", shown ? "false" : "true", testing::TestAudit("setting.set")));
    clock_.Advance(61);  // the account bar's settings are read again after a minute
    const Response changed = c.Send("GET", target, "", {{"If-None-Match", *etag}});
    EXPECT_EQ(changed.status, 200) << target;
    EXPECT_NE(changed.body, first.body) << target;
    EXPECT_NE(changed.Get("ETag"), etag) << target;
  }
};

TEST_F(HttpCachingTest, PublicPagesRevalidateWithAnEtag) {
  TestClient c(*site_);
  for (const char* target : {"/", "/outcomes/health-and-wellbeing", "/api/v1/plans",
                             "/api/v1/assessments?indicator=excess-weight-year-6&area=E09000003",
                             "/indicators/excess-weight-year-6", "/static/waymark.css"}) {
    const Response first = c.Get(target);
    ASSERT_EQ(first.status, 200) << target;
    EXPECT_TRUE(first.Get("Cache-Control")->ends_with("no-cache")) << target;
    const auto etag = first.Get("ETag");
    ASSERT_TRUE(etag.has_value()) << target;
    const Response again = c.Send("GET", target, "", {{"If-None-Match", *etag}});
    EXPECT_EQ(again.status, 304) << target;
    EXPECT_TRUE(again.body.empty()) << target;
    EXPECT_EQ(again.Get("ETag"), etag) << target;
    const Response changed = c.Send("GET", target, "", {{"If-None-Match", "\"old\""}});
    EXPECT_EQ(changed.status, 200) << target;
    EXPECT_EQ(changed.body, first.body) << target;
  }
}

TEST_F(HttpCachingTest, PlanPagesTakeTheirEtagFromTheDataVersion) {
  TestClient c(*site_);
  const auto etag = c.Get("/").Get("ETag");
  ASSERT_TRUE(etag.has_value());
  EXPECT_TRUE(etag->starts_with("\"v")) << *etag;  // not a hash of the body
  EXPECT_EQ(c.Get("/").Get("ETag"), etag);
  EXPECT_NE(c.Get("/?plan=barnet-2013-16").Get("ETag"), etag);
  // A new day changes what the page may say (due dates): a new ETag.
  clock_.Advance(86400);
  EXPECT_NE(c.Get("/").Get("ETag"), etag);
}

TEST_F(HttpCachingTest, KeptPagesEtagsStillCoverTheAccountBar) {
  for (const char* target : {"/indicators/excess-weight-year-6", "/"}) {
    ExpectTheDemoNoticeChangesTheEtag(target);
    if (HasFailure()) return;
  }
}

// Readers who are not signed in share one kept copy of a plan page with its account bar filled
// in: the same bytes and ETag for each, with no cookie. A signed-in reader's bar, and the bar
// of an address with a query or an escape, are their own.
TEST_F(HttpCachingTest, ReadersNotSignedInShareTheKeptPageWithItsBar) {
  const std::string target = "/outcomes/health-and-wellbeing";
  const std::string sign_in = "href=\"/sign-in?next=%2Foutcomes%2Fhealth-and-wellbeing\"";
  TestClient first(*site_);
  const Response kept = first.Get(target);
  ASSERT_EQ(kept.status, 200);
  EXPECT_NE(kept.body.find(sign_in), std::string::npos);
  EXPECT_EQ(kept.body.find(report::kAccountBarMarker), std::string::npos);
  EXPECT_FALSE(kept.Get("Set-Cookie").has_value());
  TestClient signed_in(*site_);
  ASSERT_TRUE(signed_in.SignIn("board@barnet.example"));
  const Response own = signed_in.Get(target);
  EXPECT_NE(own.body.find("Sign out"), std::string::npos);
  EXPECT_EQ(own.body.find(sign_in), std::string::npos);
  TestClient second(*site_);
  const Response again = second.Get(target);
  EXPECT_EQ(again.body, kept.body);
  EXPECT_EQ(again.Get("ETag"), kept.Get("ETag"));
  EXPECT_FALSE(again.Get("Set-Cookie").has_value());
  const Response query = second.Get(target + "?plan=barnet-2019-23");
  EXPECT_NE(query.body.find("next=%2Foutcomes%2Fhealth-and-wellbeing%3Fplan%3Dbarnet-2019-23"),
            std::string::npos);
  EXPECT_NE(query.Get("ETag"), kept.Get("ETag"));
  const Response escaped = second.Get("/outcomes/health%2Dand-wellbeing");
  ASSERT_EQ(escaped.status, 200);
  EXPECT_NE(escaped.body.find("next=%2Foutcomes%2Fhealth%252Dand-wellbeing"), std::string::npos);
  EXPECT_EQ(second.Get(target).body, kept.body);
}

TEST_F(HttpCachingTest, PagesAreCompressedWhenAskedAndNameFingerprintedAssets) {
  TestClient c(*site_);
  const Response plain = c.Get("/");
  const Response gz = c.Send("GET", "/", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.Get("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.Get("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain.Get("Vary"), "Accept-Encoding");
  EXPECT_FALSE(plain.Get("Content-Encoding").has_value());
  EXPECT_LT(gz.body.size(), plain.body.size() / 3);
  EXPECT_EQ(Gunzip(gz.body), plain.body);
  EXPECT_EQ(gz.Get("ETag"), "W/" + *plain.Get("ETag"));
  const Response refused = c.Send("GET", "/", "", {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(refused.body, plain.body);

  const std::string css = "/assets/waymark." + Fingerprint(SiteStylesheet()) + ".css";
  EXPECT_NE(plain.body.find("href=\"" + css + "\""), std::string::npos);
  EXPECT_EQ(plain.body.find("href=\"/static/waymark.css\""), std::string::npos);
  const Response asset = c.Get(css);
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.Get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.body, SiteStylesheet());
  EXPECT_EQ(c.Get("/assets/waymark.0000000000.css").status, 404);
  EXPECT_EQ(c.Get("/static/waymark.css").body, SiteStylesheet());  // old links still work
}

TEST_F(HttpCachingTest, SignedInPagesArePrivateAndNeverRevalidated) {
  TestClient anonymous(*site_);
  const auto public_etag = anonymous.Get("/").Get("ETag");
  ASSERT_TRUE(public_etag.has_value());
  TestClient c(*site_);
  ASSERT_TRUE(c.SignIn("board@barnet.example"));
  for (const char* target : {"/", "/outcomes/health-and-wellbeing", "/api/v1/plans"}) {
    const Response res = c.Send("GET", target, "",
                                {{"If-None-Match", *public_etag + ", *"},
                                 {"Accept-Encoding", "gzip"}});
    EXPECT_EQ(res.status, 200) << target;
    EXPECT_EQ(res.Get("Cache-Control"), "private, no-store") << target;
    EXPECT_FALSE(res.Get("ETag").has_value()) << target;
  }
  const Response page = c.Get("/");
  EXPECT_NE(page.body.find("Sign out"), std::string::npos);
  // Static files are the same for every reader: cached as for the public.
  const Response css = c.Get("/static/waymark.css");
  EXPECT_EQ(css.Get("Cache-Control"), "public, no-cache");
  EXPECT_TRUE(css.Get("ETag").has_value());
  const Response fingerprinted = c.Get("/assets/waymark." + Fingerprint(SiteStylesheet()) + ".css");
  EXPECT_EQ(fingerprinted.Get("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(HttpCachingTest, TokenAnswersAndFormsArePrivate) {
  const std::string token = RandomToken("wmk_");
  const auto user = Db().FindUser("analyst@barnet.example");
  ApiToken t;
  t.user_id = user->user.id;
  t.name = "test";
  t.created_at = FormatUtc(testing::kTestNow);
  ASSERT_TRUE(Db().CreateApiToken(t, TokenDigest(token, "api-token"), testing::TestAudit("t")));
  TestClient c(*site_);
  const Response api = c.Send("GET", "/api/v1/plans", "", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(api.status, 200);
  EXPECT_EQ(api.Get("Cache-Control"), "private, no-store");
  EXPECT_FALSE(api.Get("ETag").has_value());
  // The sign-in form carries the reader's CSRF token (and sets its cookie).
  const Response form = c.Get("/sign-in");
  EXPECT_EQ(form.status, 200);
  EXPECT_EQ(form.Get("Cache-Control"), "private, no-store");
  EXPECT_FALSE(form.Get("ETag").has_value());
  const Response again = c.Get("/sign-in");  // the cookie is set now: still the reader's own
  EXPECT_EQ(again.Get("Cache-Control"), "private, no-store");
}

TEST_F(HttpCachingTest, ErrorsAndPostsAreNotValidated) {
  TestClient c(*site_);
  const Response missing = c.Send("GET", "/outcomes/nothing", "", {{"If-None-Match", "*"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.Get("ETag").has_value());
}

// Over a real server: what the wire carries.
class HttpCachingServerTest : public SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    server_ = std::make_unique<Server>(ServerOptions{}, *site_);
    ASSERT_TRUE(server_->Start().has_value());
  }
  void TearDown() override { server_.reset(); }

  boost::beast::http::response<boost::beast::http::string_body> Send(
      boost::beast::http::verb method, const std::string& target, const Headers& headers) {
    namespace http = boost::beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_->Port()});
    http::request<http::empty_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) req.set(name, value);
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head);
    http::read(socket, buffer, parser);
    return parser.release();
  }

  std::unique_ptr<Server> server_;
};

std::map<std::string, std::string> HeadersOf(
    const boost::beast::http::response<boost::beast::http::string_body>& res) {
  std::map<std::string, std::string> out;
  for (const auto& field : res) out[std::string(field.name_string())] = field.value();
  return out;
}

TEST_F(HttpCachingServerTest, HeadGivesTheHeadersOfGet) {
  namespace http = boost::beast::http;
  for (const char* accept : {"gzip", "identity"}) {
    for (const char* target : {"/", "/api/v1/plans", "/static/waymark.css"}) {
      const auto get = Send(http::verb::get, target, {{"Accept-Encoding", accept}});
      const auto head = Send(http::verb::head, target, {{"Accept-Encoding", accept}});
      EXPECT_EQ(get.result_int(), 200) << target;
      EXPECT_EQ(HeadersOf(get), HeadersOf(head)) << target << " " << accept;
      EXPECT_TRUE(head.body().empty());
      EXPECT_EQ(get[http::field::content_length], std::to_string(get.body().size())) << target;
    }
  }
}

TEST_F(HttpCachingServerTest, A304HasNoBodyAndNoLength) {
  namespace http = boost::beast::http;
  const auto first = Send(http::verb::get, "/", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(first.result_int(), 200);
  EXPECT_EQ(first[http::field::content_encoding], "gzip");
  const std::string etag(first[http::field::etag]);
  const auto again =
      Send(http::verb::get, "/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[http::field::etag], etag);
  EXPECT_EQ(again.count(http::field::content_length), 0u);
  EXPECT_EQ(again[http::field::cache_control], "no-cache");
  EXPECT_EQ(again.count("Content-Security-Policy"), 1u);
}

}  // namespace
}  // namespace waymark::web
