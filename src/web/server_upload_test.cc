// Streamed request bodies over loopback: a route marked for uploads gets its body as a file
// (never in memory, beyond the in-memory body limit, deleted once answered), up to its own
// limit; bodies over it, cut off or on other routes keep their limits; a busy server still reads
// an upload in large pieces. No sleeps: every wait is on a socket.
#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/temp_dir.h"
#include "web/router.h"
#include "web/server.h"

namespace waymark::web {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// What the upload handler saw.
struct Seen {
  std::size_t body_bytes = 0;
  std::string body_file;
  bool file_existed = false;
  std::string content;
};

// An app whose POST /upload streams its body to a file (through the router's mark) and whose
// POST /small reads it into memory.
class UploadApp final : public HttpApp {
 public:
  UploadApp() {
    router_.AddUpload("POST", "/upload", Permission::kPublic, [this](const Request& r) {
      std::lock_guard lock(mu_);
      seen_.body_bytes = r.body.size();
      seen_.body_file = r.body_file;
      seen_.file_existed = std::filesystem::exists(r.body_file);
      std::ifstream in(r.body_file, std::ios::binary);
      std::ostringstream out;
      out << in.rdbuf();
      seen_.content = out.str();
      return Response::Text(200, "stored " + std::to_string(seen_.content.size()));
    });
    router_.Add("POST", "/small", Permission::kPublic, [](const Request& r) {
      return Response::Text(200, std::to_string(r.body.size()));
    });
  }
  Response Handle(Request request) override {
    const Match match = router_.Find(request.method, request.path);
    if (match.kind != Match::Kind::kFound) return Response::Text(404, "none");
    return (*match.handler)(request);
  }
  Response Error(int status, std::string_view detail) override {
    return Response::Text(status, "error: " + std::string(detail));
  }
  bool StreamsBody(std::string_view method, std::string_view path) const override {
    return router_.Find(method, path).streams_body;
  }
  Seen seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  Router router_;
  std::mutex mu_;
  Seen seen_;
};

class ServerUploadTest : public ::testing::Test {
 protected:
  // A server of `app` (by default app_) whose in-memory bodies may have 1 KB and streamed ones
  // `upload_limit`, on `threads` threads.
  void Start(std::size_t upload_limit, HttpApp* app = nullptr, int threads = 2) {
    uploads_ = dir_.File("uploads");
    std::filesystem::create_directories(uploads_);
    ServerOptions options;
    options.body_limit = 1024;
    options.upload_limit = upload_limit;
    options.upload_dir = uploads_;
    options.threads = threads;
    server_ = std::make_unique<Server>(options, app != nullptr ? *app : app_);
    ASSERT_TRUE(server_->Start().has_value());
  }

  // Sends raw bytes (optionally closing the sending side) and returns all that is answered.
  std::string Raw(std::string_view request, bool close_sending = false) {
    tcp::socket socket(io_);
    socket.connect({asio::ip::make_address("127.0.0.1"), server_->Port()});
    asio::write(socket, asio::buffer(request));
    boost::system::error_code ec;
    if (close_sending) socket.shutdown(tcp::socket::shutdown_send, ec);
    std::string out;
    std::array<char, 4096> chunk{};
    for (;;) {
      const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
      if (ec) break;
      out.append(chunk.data(), n);
    }
    return out;
  }

  static std::string Post(std::string_view path, std::string_view body) {
    return "POST " + std::string(path) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
  }

  bool UploadsEmpty() const { return std::filesystem::is_empty(uploads_); }

  TempDir dir_;
  std::filesystem::path uploads_;
  UploadApp app_;
  asio::io_context io_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerUploadTest, AnUploadGoesToAFileNotToMemoryAndTheFileIsDeletedAfterwards) {
  Start(std::size_t{4} << 20);
  std::string body;
  for (int i = 0; body.size() < (std::size_t{3} << 20); ++i) body += std::to_string(i) + ",";
  const std::string reply = Raw(Post("/upload", body));
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply.substr(0, 80);
  EXPECT_NE(reply.find("stored " + std::to_string(body.size())), std::string::npos);
  const Seen seen = app_.seen();
  EXPECT_EQ(seen.body_bytes, 0u);  // nothing in memory, though 3000 times body_limit
  EXPECT_TRUE(seen.file_existed);
  EXPECT_EQ(std::filesystem::path(seen.body_file).parent_path(), uploads_);
  EXPECT_TRUE(seen.content == body);
  EXPECT_FALSE(std::filesystem::exists(seen.body_file));
  EXPECT_TRUE(UploadsEmpty());
}

TEST_F(ServerUploadTest, ChunkedUploadsAreStreamedToo) {
  Start(4096);
  const std::string reply = Raw(
      "POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply.substr(0, 80);
  EXPECT_EQ(app_.seen().content, "hello world");
  EXPECT_TRUE(UploadsEmpty());
}

TEST_F(ServerUploadTest, UploadsOverTheirLimitGet413WithTheLimitAndLeaveNoFile) {
  Start(4096);
  EXPECT_TRUE(Raw(Post("/upload", std::string(4096, 'a'))).starts_with("HTTP/1.1 200"));
  // Announced too large: refused before a byte of the body is read.
  const std::string announced = Raw(Post("/upload", std::string(4097, 'a')), true);
  EXPECT_TRUE(announced.starts_with("HTTP/1.1 413")) << announced.substr(0, 80);
  EXPECT_NE(announced.find("error: The file is larger than 4 KB, the most that can be uploaded."),
            std::string::npos);
  // Chunked, found too large on the way: refused, its file deleted.
  std::string chunked = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) chunked += "400\r\n" + std::string(1024, 'b') + "\r\n";
  chunked += "0\r\n\r\n";
  const std::string over = Raw(chunked, true);
  EXPECT_TRUE(over.starts_with("HTTP/1.1 413")) << over.substr(0, 80);
  EXPECT_NE(over.find("larger than 4 KB"), std::string::npos);
  EXPECT_TRUE(UploadsEmpty());
}

TEST_F(ServerUploadTest, AnUploadCutOffHalfWayReachesNoHandlerAndLeavesNoFile) {
  Start(std::size_t{1} << 20);
  const std::string reply =
      Raw("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" +
              std::string(50'000, 'c'),
          true);
  EXPECT_EQ(reply, "");  // the server closed without answering
  EXPECT_EQ(app_.seen().body_file, "");
  EXPECT_TRUE(UploadsEmpty());
}

TEST_F(ServerUploadTest, OtherRoutesKeepTheirBodyLimitInMemory) {
  Start(std::size_t{1} << 20);
  const std::string small = Raw(Post("/small", std::string(1024, 's')));
  ASSERT_TRUE(small.starts_with("HTTP/1.1 200")) << small.substr(0, 80);
  EXPECT_TRUE(small.ends_with("\r\n\r\n1024"));
  const std::string over = Raw(Post("/small", std::string(1025, 's')), true);
  EXPECT_TRUE(over.starts_with("HTTP/1.1 413")) << over.substr(0, 80);
  EXPECT_TRUE(UploadsEmpty());
}

TEST_F(ServerUploadTest, ExpectContinueIsAnsweredBeforeTheBodyIsSent) {
  Start(4096);
  tcp::socket socket(io_);
  socket.connect({asio::ip::make_address("127.0.0.1"), server_->Port()});
  asio::write(socket, asio::buffer(std::string_view(
                          "POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          "Expect: 100-continue\r\nContent-Length: 4\r\n\r\n")));
  boost::asio::streambuf interim;
  asio::read_until(socket, interim, "\r\n\r\n");
  std::string first(asio::buffers_begin(interim.data()), asio::buffers_end(interim.data()));
  EXPECT_TRUE(first.starts_with("HTTP/1.1 100 Continue")) << first;
  asio::write(socket, asio::buffer(std::string_view("data")));
  boost::system::error_code ec;
  std::string rest;
  std::array<char, 1024> chunk{};
  for (;;) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    if (ec) break;
    rest.append(chunk.data(), n);
  }
  EXPECT_NE((first + rest).find("HTTP/1.1 200"), std::string::npos);
  EXPECT_EQ(app_.seen().content, "data");
}

// Answers GET /tick, counting them; holds the server's thread in GET /hold until released; and
// streams POST /upload, noting how many ticks had been answered when its header arrived and
// when its body was complete.
class TickApp final : public HttpApp {
 public:
  Response Handle(Request request) override {
    if (request.path == "/hold") {
      held_ = true;
      released_.wait();
      return Response::Text(200, "released");
    }
    if (request.path == "/upload") {
      ticks_at_end_ = ticks_.load();
      return Response::Text(200, "stored");
    }
    ++ticks_;
    return Response::Text(200, "t");
  }
  Response Error(int status, std::string_view detail) override {
    return Response::Text(status, std::string(detail));
  }
  bool StreamsBody(std::string_view /*method*/, std::string_view path) const override {
    if (path != "/upload") return false;
    ticks_at_start_ = ticks_.load();
    return true;
  }

  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  std::atomic<bool> held_{false};
  std::atomic<int> ticks_{0};
  mutable std::atomic<int> ticks_at_start_{-1};
  std::atomic<int> ticks_at_end_{-1};
};

// Each read of an upload waits its turn among the other connections' work, so an upload read
// a few KB at a time takes hundreds of turns on a busy server. The server's one thread is held
// while a neighbour queues thousands of requests and the whole upload is sent, then the ticks
// answered while the upload's body is read count its turns.
TEST_F(ServerUploadTest, ABusyServerReadsAnUploadInLargePieces) {
  TickApp app;
  Start(std::size_t{8} << 20, &app, 1);
  const tcp::endpoint at{asio::ip::make_address("127.0.0.1"), server_->Port()};
  tcp::socket holder(io_);
  holder.connect(at);
  asio::write(holder, asio::buffer(std::string_view("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")));
  while (!app.held_.load()) std::this_thread::yield();
  constexpr int kTicks = 4000;
  std::string ticks;
  for (int i = 0; i < kTicks; ++i) ticks += "GET /tick HTTP/1.1\r\nHost: x\r\n\r\n";
  tcp::socket neighbour(io_);
  neighbour.connect(at);
  asio::write(neighbour, asio::buffer(ticks));
  tcp::socket uploader(io_);
  uploader.connect(at);
  asio::write(uploader, asio::buffer(Post("/upload", std::string(std::size_t{1} << 20, 'u'))));
  app.release_.set_value();

  std::string reply;
  boost::system::error_code ec;
  std::array<char, 4096> chunk{};
  while (!ec) reply.append(chunk.data(), uploader.read_some(asio::buffer(chunk), ec));
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply.substr(0, 80);
  const int start = app.ticks_at_start_.load();
  const int end = app.ticks_at_end_.load();
  ASSERT_GE(start, 0);
  ASSERT_LT(end, kTicks);  // the neighbour still had requests waiting when the upload was read
  // 1 MB in 64 KB pieces is 16 reads; in 4 KB pieces it was 256, letting through some 90 ticks.
  EXPECT_LT(end - start, 40) << "ticks answered while the upload's body was read";
  server_.reset();  // before `app` goes
}

TEST(SizeTextTest, SaysLimitsInWords) {
  EXPECT_EQ(SizeText(std::size_t{200} << 20), "200 MB");
  EXPECT_EQ(SizeText(2048), "2 KB");
  EXPECT_EQ(SizeText(1500), "1500 bytes");
  EXPECT_EQ(SizeText(1), "1 byte");
}

TEST(RouterUploadTest, OnlyRoutesAddedAsUploadsStreamTheirBodies) {
  Router router;
  router.Add("GET", "/data/import", Permission::kEditPlans,
             [](const Request&) { return Response{}; });
  router.AddUpload("POST", "/data/import", Permission::kEditPlans,
                   [](const Request&) { return Response{}; });
  EXPECT_TRUE(router.Find("POST", "/data/import").streams_body);
  EXPECT_FALSE(router.Find("GET", "/data/import").streams_body);
  EXPECT_FALSE(router.Find("POST", "/elsewhere").streams_body);
  EXPECT_EQ(router.Routes().size(), 2u);
}

}  // namespace
}  // namespace waymark::web
