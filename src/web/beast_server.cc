// The Boost.Beast + Asio adapter of Server: one C++20 coroutine per connection on its own
// strand, N threads running one io_context. With http_client.cc, the only files of the project
// that include Beast.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "web/server.h"

namespace waymark::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kDrainLimit = std::size_t{256} * 1024;
constexpr std::chrono::seconds kDrainTime{1};
// An upload's body is read in pieces of up to this size (Beast reads no more at once). Each
// read waits its turn among every connection's work, so with the connection's small buffer
// (4 KB pieces) a large upload would crawl while the server is busy.
constexpr std::size_t kUploadReadSize = std::size_t{64} * 1024;

// One client connection. `reading` and `closing` are touched only on the connection's strand.
struct Conn {
  explicit Conn(tcp::socket socket) : stream(std::move(socket)) {
    beast::error_code ec;
    const auto remote = stream.socket().remote_endpoint(ec);
    if (!ec) peer = remote.address().to_string();
  }
  beast::tcp_stream stream;
  std::string peer;  // the client's address
  bool reading = false;
  bool closing = false;
};

// The status of a response to a request that could not be parsed, or 0 when the connection
// just ended (closed, reset, timed out) and nothing should be sent.
int ParseErrorStatus(const beast::error_code& ec) {
  if (ec == http::error::body_limit) return 413;
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec.category() == http::make_error_code(http::error::bad_target).category()) return 400;
  return 0;
}

std::string HeaderSafe(std::string value) {
  for (char& c : value) {
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  }
  return value;
}

http::response<http::string_body> ToBeast(Response res, unsigned version, bool keep_alive,
                                          bool head) {
  http::response<http::string_body> msg{static_cast<http::status>(res.status), version};
  // insert, not set: a header may come more than once (Set-Cookie).
  for (auto& [name, value] : res.headers)
    msg.insert(HeaderSafe(name), HeaderSafe(std::move(value)));
  msg.keep_alive(keep_alive);
  msg.body() = std::move(res.body);
  // A 304 has no body and says nothing of its length (Content-Length: 0 would be wrong).
  if (res.status != 304) msg.prepare_payload();
  if (head) msg.body().clear();
  return msg;
}

// The request line and header fields of `msg` as a Request (the body is the caller's).
template <typename Body>
Request FromBeast(const http::request<Body>& msg, Target target, std::string peer) {
  Request req;
  req.client_address = std::move(peer);
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.path = std::move(target.path);
  req.query = std::move(target.query);
  for (const auto& field : msg) {
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  return req;
}

// A file a streamed body is written to, deleted when this goes.
class BodyFile {
 public:
  BodyFile() = default;
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  ~BodyFile() { Remove(); }

  // Makes a new file (mode 0600) in `dir` and hands it to `body` for writing.
  bool Create(const std::filesystem::path& dir, http::file_body::value_type& body) {
    std::error_code dir_ec;
    const std::filesystem::path where =
        dir.empty() ? std::filesystem::temp_directory_path(dir_ec) : dir;
    if (dir_ec) return false;
    std::string name = (where / "waymark-upload-XXXXXX").string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) return false;
    path_ = std::move(name);
    beast::file_posix file;
    file.native_handle(fd);
    beast::error_code ec;
    body.reset(std::move(file), ec);
    return !ec;
  }
  void Remove() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    path_.clear();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The 413 page's words for an upload over `limit`.
std::string UploadTooLarge(std::size_t limit) {
  return "The file is larger than " + SizeText(limit) + ", the most that can be uploaded.";
}

// What reading a request's body gave: the request, or a status to refuse it with (and what to
// say), or neither when the connection ended (closed, reset, timed out). `whole` when the
// request was read to its end, so that the connection may serve another.
struct Received {
  std::optional<Request> request;
  int refuse = 0;
  std::string detail;
  bool whole = false;
  bool keep_alive = false;
};

// Fills `got` from a wholly read request (its body is the caller's to take): the request, or
// 400 when its target is not a valid address. True when there is a request.
template <typename Parser>
bool TakeRequest(Parser& parser, const std::string& peer, Received& got) {
  got.whole = true;
  got.keep_alive = parser.get().keep_alive();
  auto target = ParseTarget(parser.get().target());
  if (!target) {
    got.refuse = 400;
    got.detail = "The address of the page is not valid.";
    return false;
  }
  got.request = FromBeast(parser.get(), std::move(*target), peer);
  return true;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, HttpApp& a)
      : options(std::move(o)), app(a), control(asio::make_strand(ioc)), grace(control) {}

  Response Dispatch(Request request, Served& served);
  Response SafeError(int status, std::string_view detail);
  bool StreamsBody(const http::request<http::empty_body>& head) const;
  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<Conn> conn);
  asio::awaitable<void> Serve(Conn& conn);
  // Reads the body of the request whose header `head` holds into memory (up to body_limit).
  asio::awaitable<Received> ReadToMemory(Conn& conn, beast::flat_buffer& buffer,
                                         http::request_parser<http::empty_body>&& head);
  // Streams it to a new file (up to upload_limit), which `file` deletes.
  asio::awaitable<Received> ReadToFile(Conn& conn, beast::flat_buffer& buffer,
                                       http::request_parser<http::empty_body>&& head,
                                       BodyFile& file);
  asio::awaitable<void> SendError(Conn& conn, int status, unsigned version,
                                  std::string_view detail = {});
  void BeginStop();
  void Forget(const std::shared_ptr<Conn>& conn);

  ServerOptions options;
  HttpApp& app;
  asio::io_context ioc;
  // Starting and stopping (acceptor, signals, grace timer) happen on this strand.
  asio::strand<asio::io_context::executor_type> control;
  asio::steady_timer grace;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::signal_set> signals;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;

  std::mutex mu;  // guards conns and stopping
  std::set<std::shared_ptr<Conn>> conns;
  bool stopping = false;
  std::mutex join_mu;  // guards threads
};

Response Server::Impl::SafeError(int status, std::string_view detail) {
  Response res;
  try {
    res = app.Error(status, detail);
  } catch (const std::exception&) {
    res = Response::Text(status, std::string(StatusText(status)) + "\n");
  }
  ApplySecurityHeaders(res);
  return res;
}

Response Server::Impl::Dispatch(Request request, Served& served) {
  Response res;
  try {
    res = app.HandleServed(std::move(request), served);
  } catch (const std::exception&) {
    return SafeError(500, "");
  }
  ApplySecurityHeaders(res);
  return res;
}

bool Server::Impl::StreamsBody(const http::request<http::empty_body>& head) const {
  const auto target = ParseTarget(head.target());
  return target && app.StreamsBody(head.method_string(), target->path);
}

asio::awaitable<void> Server::Impl::SendError(Conn& conn, int status, unsigned version,
                                              std::string_view detail) {
  auto msg = ToBeast(SafeError(status, detail), version, false, false);
  conn.stream.expires_after(options.write_timeout);
  auto [ec, n] = co_await http::async_write(conn.stream, msg, kAwait);
  if (ec) co_return;
  // Read and discard what the client still sends, briefly, so that closing does not reset
  // the connection before the client has read the response.
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn.stream.expires_after(kDrainTime);
  std::array<char, 8192> sink{};
  std::size_t drained = 0;
  while (drained < kDrainLimit) {
    auto [rec, got] = co_await conn.stream.async_read_some(asio::buffer(sink), kAwait);
    if (rec) break;
    drained += got;
  }
}

asio::awaitable<Received> Server::Impl::ReadToMemory(
    Conn& conn, beast::flat_buffer& buffer, http::request_parser<http::empty_body>&& head) {
  http::request_parser<http::string_body> parser(std::move(head));
  parser.body_limit(options.body_limit);
  Received got;
  if (parser.content_length().value_or(0) > options.body_limit) {
    got.refuse = 413;
    co_return got;
  }
  auto [ec, n] = co_await http::async_read(conn.stream, buffer, parser, kAwait);
  if (ec) {
    got.refuse = ParseErrorStatus(ec);
    co_return got;
  }
  if (TakeRequest(parser, conn.peer, got)) got.request->body = std::move(parser.get().body());
  co_return got;
}

asio::awaitable<Received> Server::Impl::ReadToFile(Conn& conn, beast::flat_buffer& buffer,
                                                   http::request_parser<http::empty_body>&& head,
                                                   BodyFile& file) {
  http::request_parser<http::file_body> parser(std::move(head));
  parser.body_limit(options.upload_limit);
  Received got;
  if (parser.content_length().value_or(0) > options.upload_limit) {
    got.refuse = 413;
    got.detail = UploadTooLarge(options.upload_limit);
    co_return got;
  }
  if (!file.Create(options.upload_dir, parser.get().body())) {
    got.refuse = 500;
    got.detail = "The upload could not be stored on the server.";
    co_return got;
  }
  if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
    http::response<http::empty_body> go{http::status::continue_, parser.get().version()};
    conn.stream.expires_after(options.write_timeout);
    auto [wec, wn] = co_await http::async_write(conn.stream, go, kAwait);
    if (wec) co_return got;
  }
  buffer.reserve(kUploadReadSize);
  // A whole upload gets upload_timeout; each pause in it at most read_timeout.
  const auto deadline = std::chrono::steady_clock::now() + options.upload_timeout;
  while (!parser.is_done()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) co_return got;
    conn.stream.expires_after(std::min(left, options.read_timeout));
    auto [ec, n] = co_await http::async_read_some(conn.stream, buffer, parser, kAwait);
    if (ec) {
      got.refuse = ParseErrorStatus(ec);
      if (got.refuse == 413) got.detail = UploadTooLarge(options.upload_limit);
      co_return got;
    }
  }
  parser.get().body().close();
  buffer.shrink_to_fit();  // the connection goes back to its small buffer
  if (TakeRequest(parser, conn.peer, got)) got.request->body_file = file.path();
  co_return got;
}

asio::awaitable<void> Server::Impl::Serve(Conn& conn) {
  beast::flat_buffer buffer;
  while (!conn.closing) {
    http::request_parser<http::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(options.header_limit));
    head.body_limit(boost::none);  // the limit depends on the route: see ReadTo*
    conn.reading = true;
    if (buffer.size() == 0) {
      conn.stream.expires_after(options.idle_timeout);
      auto [ec, n] = co_await conn.stream.async_read_some(buffer.prepare(4096), kAwait);
      if (ec) co_return;
      buffer.commit(n);
    }
    RequestWatch watch(options.observers);  // the access log and the metrics
    RequestRecord record;
    conn.stream.expires_after(options.read_timeout);
    auto [ec, n] = co_await http::async_read_header(conn.stream, buffer, head, kAwait);
    if (ec) {
      conn.reading = false;
      if (const int status = ParseErrorStatus(ec); status != 0) {
        co_await SendError(conn, status, head.is_header_done() ? head.get().version() : 11);
        record.status = status;
        watch.Finish(std::move(record));
      }
      co_return;
    }
    record.method = std::string(head.get().method_string());
    record.target = std::string(head.get().target());
    const unsigned version = head.get().version();
    const bool is_head = head.get().method() == http::verb::head;
    BodyFile file;
    Received got;  // (co_await in a ?: is miscompiled by GCC 12)
    if (StreamsBody(head.get())) {
      got = co_await ReadToFile(conn, buffer, std::move(head), file);
    } else {
      got = co_await ReadToMemory(conn, buffer, std::move(head));
    }
    conn.reading = false;
    Response res;
    Served served;
    if (got.request) {
      res = Dispatch(std::move(*got.request), served);
      file.Remove();
    } else if (got.refuse != 0 && got.whole) {
      res = SafeError(got.refuse, got.detail);
    } else {
      file.Remove();  // before answering: nothing of a refused upload outlives the answer
      if (got.refuse != 0) co_await SendError(conn, got.refuse, version, got.detail);
      record.status = got.refuse;
      if (got.refuse != 0) watch.Finish(std::move(record));
      co_return;
    }
    bool keep_alive = got.keep_alive;
    {
      std::lock_guard lock(mu);
      keep_alive = keep_alive && !stopping && !conn.closing;
    }
    auto out = ToBeast(std::move(res), version, keep_alive, is_head);
    conn.stream.expires_after(options.write_timeout);
    auto [wec, wn] = co_await http::async_write(conn.stream, out, kAwait);
    if (!wec) {
      record.status = out.result_int();
      record.bytes = out.body().size();
      record.user = std::move(served.user);
      record.route = std::move(served.route);
      watch.Finish(std::move(record));
    }
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Conn> conn) {
  try {
    co_await Serve(*conn);
  } catch (const std::exception&) {
    // A failed connection ends here; the others go on.
  }
  beast::error_code ignored;
  conn->stream.socket().close(ignored);
  Forget(conn);
}

void Server::Impl::Forget(const std::shared_ptr<Conn>& conn) {
  std::lock_guard lock(mu);
  conns.erase(conn);
  if (stopping && conns.empty()) {
    asio::post(control, [this] { grace.cancel(); });
  }
}

asio::awaitable<void> Server::Impl::Accept() {
  asio::steady_timer backoff(ioc);
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc));
    auto [ec] = co_await acceptor->async_accept(socket, kAwait);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
      // Out of descriptors or a similar passing failure: wait a little before trying again.
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(kAwait);
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto conn = std::make_shared<Conn>(std::move(socket));
    {
      std::lock_guard lock(mu);
      if (stopping) co_return;
      conns.insert(conn);
    }
    asio::co_spawn(conn->stream.get_executor(), Session(conn), asio::detached);
  }
}

void Server::Impl::BeginStop() {
  std::vector<std::shared_ptr<Conn>> open;
  {
    std::lock_guard lock(mu);
    if (stopping) return;
    stopping = true;
    open.assign(conns.begin(), conns.end());
  }
  beast::error_code ignored;
  if (acceptor) acceptor->close(ignored);
  if (signals) signals->cancel(ignored);
  for (const auto& conn : open) {
    asio::post(conn->stream.get_executor(), [conn] {
      conn->closing = true;
      if (conn->reading) conn->stream.cancel();
    });
  }
  grace.expires_after(options.stop_grace);
  grace.async_wait([this](const beast::error_code& ec) {
    if (!ec) ioc.stop();
  });
  if (open.empty()) grace.cancel();
}

Server::Server(ServerOptions options, HttpApp& app)
    : impl_(std::make_unique<Impl>(std::move(options), app)) {}

Server::~Server() {
  Stop();
  Wait();
}

Status Server::Start() {
  Impl& s = *impl_;
  beast::error_code ec;
  const auto address = asio::ip::make_address(s.options.bind, ec);
  if (ec) return MakeError(ErrorCode::kInvalidArgument, "not an IP address: " + s.options.bind);
  tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.emplace(s.ioc);
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError(ErrorCode::kIo, "cannot listen on " + s.options.bind + ":" +
                                         std::to_string(s.options.port) + ": " + ec.message());
  }
  s.port = s.acceptor->local_endpoint().port();
  if (s.options.stop_on_signals) {
    s.signals.emplace(s.ioc, SIGINT, SIGTERM);
    s.signals->async_wait(
        asio::bind_executor(s.control, [&s](const beast::error_code& sig_ec, int) {
          if (!sig_ec) s.BeginStop();
        }));
  }
  asio::co_spawn(s.control, s.Accept(), asio::detached);
  const int n = s.options.threads < 1 ? 1 : s.options.threads;
  std::lock_guard lock(s.join_mu);
  for (int i = 0; i < n; ++i) {
    s.threads.emplace_back([&s] {
      for (;;) {
        try {
          s.ioc.run();
          return;
        } catch (const std::exception&) {
          // A handler escaped its coroutine; keep the loop running.
        }
      }
    });
  }
  return {};
}

std::uint16_t Server::Port() const { return impl_->port; }

void Server::Stop() {
  Impl& s = *impl_;
  asio::post(s.control, [&s] { s.BeginStop(); });
}

void Server::Wait() {
  std::lock_guard lock(impl_->join_mu);
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
}

std::string SizeText(std::size_t bytes) {
  constexpr std::size_t kKilo = 1024;
  if (bytes >= kKilo * kKilo && bytes % (kKilo * kKilo) == 0) {
    return std::to_string(bytes / (kKilo * kKilo)) + " MB";
  }
  if (bytes >= kKilo && bytes % kKilo == 0) return std::to_string(bytes / kKilo) + " KB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

}  // namespace waymark::web
