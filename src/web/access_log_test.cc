// The access log: paths without query values, the line's fields, the file (mode 0600,
// appended, a bad path refused), whole lines under concurrent writers, and the lines a real
// server writes for a request with a query string and for a signed-in user.
#include "web/access_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "web/site_test_fixture.h"

namespace waymark::web {
namespace {

using json = nlohmann::json;

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(LoggedPath, KeepsParameterNamesAndDropsTheirValues) {
  EXPECT_EQ(LoggedPath("/api/v1/assessments?indicator=excess-weight&area=E09000003"),
            "/api/v1/assessments?indicator=&area=");
  EXPECT_EQ(LoggedPath("/search?q=jane+doe%40example.org"), "/search?q=");
  EXPECT_EQ(LoggedPath("/x?flag&b=1&&c="), "/x?flag=&b=&c=");
  EXPECT_EQ(LoggedPath("/outcomes/health"), "/outcomes/health");
  EXPECT_EQ(LoggedPath("/outcomes/health?"), "/outcomes/health");
  // The survey form's code is not kept: its route pattern is.
  EXPECT_EQ(LoggedPath("/s/ABCD-1234?ages=11-15", "/s/{code}"), "/s/{code}?ages=");
  EXPECT_EQ(LoggedPath("/sign-in?next=/s/ABC", "/sign-in"), "/sign-in?next=");
}

TEST(AccessLogLine, HasEveryFieldWithMillisecondsAndADashForThePublic) {
  EXPECT_EQ(FormatUtcMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(1795378500123), "2026-11-22T20:15:00.123Z");
  RequestRecord r{"GET", "/api/v1/areas?format=csv", 200, 1234, 2.34567, "", "/api/v1/areas"};
  const std::string line = AccessLogLine(r, 1795378500123);
  ASSERT_TRUE(line.ends_with("}\n"));
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const json j = json::parse(line);
  EXPECT_EQ(j["time"], "2026-11-22T20:15:00.123Z");
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["path"], "/api/v1/areas?format=");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["bytes"], 1234);
  EXPECT_DOUBLE_EQ(j["duration_ms"].get<double>(), 2.346);
  EXPECT_EQ(j["user"], "-");
  EXPECT_EQ(j["route"], "/api/v1/areas");
  r.user = "7";
  r.route = "";
  r.method = "";
  r.target = "/\xff\"\n?a=\xfe";  // bytes from the network: still one valid line
  const std::string odd = AccessLogLine(r, 0);
  EXPECT_EQ(odd.find('\n'), odd.size() - 1);
  const json k = json::parse(odd);
  EXPECT_EQ(k["user"], "7");
  EXPECT_EQ(k["route"], "-");
  EXPECT_EQ(k["method"], "-");
  EXPECT_EQ(k["path"].get<std::string>().find('\xfe'), std::string::npos);
}

TEST(AccessLog, AppendsToAFileMadeWithMode0600) {
  TempDir dir;
  const std::string path = dir.File("access.log");
  FixedClock clock(1795378500);
  RequestRecord r{"GET", "/", 200, 10, 1, "", "/"};
  for (int i = 0; i < 2; ++i) {  // opened twice: the second appends
    auto log = AccessLog::Open(path, clock);
    ASSERT_TRUE(log.has_value()) << log.error().ToString();
    (*log)->Ended(&r);
    (*log)->Ended(nullptr);  // a request cut off: no line
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto lines = Lines(path);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[1])["time"], "2026-11-22T20:15:00.000Z");
}

TEST(AccessLog, ABadPathIsRefusedNamingIt) {
  TempDir dir;
  FixedClock clock(0);
  const std::string path = dir.File("no-such-dir/access.log");
  auto log = AccessLog::Open(path, clock);
  ASSERT_FALSE(log.has_value());
  EXPECT_EQ(log.error().code, ErrorCode::kIo);
  EXPECT_NE(log.error().message.find(path), std::string::npos) << log.error().message;
  EXPECT_FALSE(AccessLog::Open(dir.File(""), clock).has_value());  // a directory
}

TEST(AccessLog, LinesFromManyThreadsNeverInterleave) {
  TempDir dir;
  const std::string path = dir.File("access.log");
  FixedClock clock(1795378500);
  auto log = AccessLog::Open(path, clock);
  ASSERT_TRUE(log.has_value());
  constexpr int kThreads = 8, kEach = 400;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // A long target, so that a line is larger than what one write of a pipe keeps whole.
      RequestRecord r{"GET", "/t" + std::to_string(t) + "/" + std::string(5000, 'a'), 200, 1, 1,
                      std::to_string(t), "/t"};
      for (int i = 0; i < kEach; ++i) (*log)->Ended(&r);
    });
  }
  for (auto& th : threads) th.join();
  const auto lines = Lines(path);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kEach));
  for (const std::string& line : lines) {
    const json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line.substr(0, 80);
    EXPECT_EQ(j["path"].get<std::string>().substr(2, 1), j["user"].get<std::string>());
  }
}

// Through a real server: the lines the server writes.
class ServerAccessLog : public testing::SiteFixture {
 protected:
  void SetUp() override {
    SiteFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto log = AccessLog::Open(dir_.File("access.log"), clock_);
    ASSERT_TRUE(log.has_value());
    log_ = std::move(*log);
    ServerOptions options;
    options.observers = {log_.get()};
    server_ = std::make_unique<Server>(options, *site_);
    ASSERT_TRUE(server_->Start().has_value());
  }
  void TearDown() override { server_.reset(); }

  int Get(const std::string& target, const std::string& cookie = "") {
    namespace http = boost::beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_->Port()});
    http::request<http::string_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return static_cast<int>(res.result_int());
  }

  std::unique_ptr<AccessLog> log_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerAccessLog, AQueryStringLeavesNoValuesAndASignedInUserIsNamedById) {
  ASSERT_EQ(Get("/api/v1/assessments?indicator=excess-weight-year-6&area=E09000003"), 200);
  testing::TestClient browser(*site_);
  ASSERT_TRUE(browser.SignIn("analyst@barnet.example"));
  const std::string session = "waymark_session=" + browser.Cookies()["waymark_session"];
  ASSERT_EQ(Get("/outcomes/health-and-wellbeing?plan=barnet-2019-23", session), 200);
  ASSERT_EQ(Get("/no-such-page"), 404);
  server_.reset();  // every line written
  // Each line is written once its answer has gone, so lines from separate
  // connections may land in either order: find each by its path.
  const auto lines = Lines(dir_.File("access.log"));
  ASSERT_EQ(lines.size(), 3u);
  const auto line_for = [&lines](std::string_view path_start) {
    for (const auto& line : lines) {
      const json entry = json::parse(line);
      if (entry["path"].get<std::string>().starts_with(path_start)) return entry;
    }
    ADD_FAILURE() << "no line for " << path_start;
    return json::object({{"path", ""}, {"user", ""}, {"route", ""}, {"status", 0}});
  };
  const json api = line_for("/api/");
  const std::string api_line = api.dump();
  EXPECT_EQ(api["path"], "/api/v1/assessments?indicator=&area=");
  EXPECT_EQ(api_line.find("E09000003"), std::string::npos);
  EXPECT_EQ(api_line.find("excess-weight"), std::string::npos);
  EXPECT_EQ(api["route"], "/api/v1/assessments");
  EXPECT_EQ(api["user"], "-");
  EXPECT_EQ(api["status"], 200);
  EXPECT_GT(api["bytes"].get<int>(), 0);
  EXPECT_GE(api["duration_ms"].get<double>(), 0);
  EXPECT_EQ(api["time"], "2026-11-22T20:15:00.000Z");  // the injected clock
  const auto analyst = Db().FindUser("analyst@barnet.example");
  ASSERT_TRUE(analyst.has_value());
  const json page = line_for("/outcomes/");
  EXPECT_EQ(page["user"], std::to_string(analyst->user.id));
  EXPECT_EQ(page["path"], "/outcomes/health-and-wellbeing?plan=");
  EXPECT_EQ(page["route"], "/outcomes/{id}");
  const json missing = line_for("/no-such-page");
  EXPECT_EQ(missing["status"], 404);
  EXPECT_EQ(missing["route"], "-");
}

}  // namespace
}  // namespace waymark::web
