// The HTTP/1.1 server: accepts connections on a loopback (or given) address and hands each
// request, as plain Request/Response values, to an HttpApp. Keep-alive, request size limits,
// read/idle/write timeouts and a graceful stop. The Beast/Asio adapter is in beast_server.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "web/http.h"
#include "web/request_observer.h"

namespace waymark::web {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 0;            // 0: any free port (see Server::Port())
  int threads = 2;                   // threads running the I/O loop and the handlers
  std::size_t body_limit = 1 << 20;  // larger bodies are refused with 413
  // Bodies the app streams to disk (HttpApp::StreamsBody, e.g. file uploads) may be this large;
  // larger ones are refused with 413. They are written to a new file in `upload_dir` ("": the
  // system's temporary directory), never held in memory, and must arrive within
  // `upload_timeout`, with no pause longer than `read_timeout`.
  std::size_t upload_limit = std::size_t{200} << 20;
  std::filesystem::path upload_dir;
  std::chrono::milliseconds upload_timeout{15 * 60'000};
  std::size_t header_limit = std::size_t{16} * 1024;  // larger headers are refused with 431
  std::chrono::milliseconds idle_timeout{30'000};     // keep-alive wait for the next request
  std::chrono::milliseconds read_timeout{10'000};     // to receive a whole request once begun
  std::chrono::milliseconds write_timeout{10'000};    // to send a whole response
  std::chrono::milliseconds stop_grace{5'000};        // in-flight requests get this long on Stop()
  bool stop_on_signals = false;                       // SIGINT and SIGTERM stop the server
  // Told of every request and its answer (the access log, the metrics); they outlive the server.
  std::vector<RequestObserver*> observers;
};

// What the server calls. Handle() answers a parsed request; Error() renders the pages for
// problems found before a request reaches Handle() (400, 413, 431, 500), with `detail` saying
// what was wrong when there is more to say. StreamsBody() is asked once a request's header has
// arrived: true when its body is to be written to a file (Request::body_file, up to
// ServerOptions::upload_limit) rather than read into memory (Request::body, up to
// body_limit). The server adds the security headers to every response. All may be called from
// several threads.
class HttpApp {
 public:
  virtual ~HttpApp() = default;
  virtual Response Handle(Request request) = 0;
  // Handle(), also saying who asked and which route answered (what the server calls).
  virtual Response HandleServed(Request request, Served& /*served*/) {
    return Handle(std::move(request));
  }
  virtual Response Error(int status, std::string_view detail) = 0;
  virtual bool StreamsBody(std::string_view /*method*/, std::string_view /*path*/) const {
    return false;
  }
};

// "200 MB", "64 KB", "512 bytes": a size limit in words, for refusals.
std::string SizeText(std::size_t bytes);

class Server {
 public:
  Server(ServerOptions options, HttpApp& app);
  ~Server();  // stops and waits
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. kInvalidArgument for a bad address, kIo when the
  // address cannot be bound.
  Status Start();
  // The bound port (after Start).
  std::uint16_t Port() const;
  // Stops accepting, closes idle connections and lets requests in flight finish (up to
  // stop_grace). Returns at once; safe from any thread, also from a handler.
  void Stop();
  // Blocks until the server has stopped and its threads have ended.
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace waymark::web
