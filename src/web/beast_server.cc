// The Boost.Beast + Asio adapter of Server: one C++20 coroutine per connection on its own
// strand, N threads running one io_context. The only file of the project that includes Beast.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <csignal>
#include <exception>
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
  for (auto& [name, value] : res.headers) msg.set(HeaderSafe(name), HeaderSafe(std::move(value)));
  msg.keep_alive(keep_alive);
  msg.body() = std::move(res.body);
  msg.prepare_payload();
  if (head) msg.body().clear();
  return msg;
}

Request FromBeast(http::request<http::string_body>&& msg, Target target, std::string peer) {
  Request req;
  req.client_address = std::move(peer);
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.path = std::move(target.path);
  req.query = std::move(target.query);
  for (const auto& field : msg) {
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  req.body = std::move(msg.body());
  return req;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, HttpApp& a)
      : options(std::move(o)), app(a), control(asio::make_strand(ioc)), grace(control) {}

  Response Dispatch(http::request<http::string_body>&& msg, std::string peer);
  Response SafeError(int status, std::string_view detail);
  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<Conn> conn);
  asio::awaitable<void> Serve(Conn& conn);
  asio::awaitable<void> SendError(Conn& conn, int status, unsigned version);
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

Response Server::Impl::Dispatch(http::request<http::string_body>&& msg, std::string peer) {
  auto target = ParseTarget(msg.target());
  if (!target) return SafeError(400, "The address of the page is not valid.");
  Response res;
  try {
    res = app.Handle(FromBeast(std::move(msg), std::move(*target), std::move(peer)));
  } catch (const std::exception&) {
    return SafeError(500, "");
  }
  ApplySecurityHeaders(res);
  return res;
}

asio::awaitable<void> Server::Impl::SendError(Conn& conn, int status, unsigned version) {
  auto msg = ToBeast(SafeError(status, ""), version, false, false);
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

asio::awaitable<void> Server::Impl::Serve(Conn& conn) {
  beast::flat_buffer buffer;
  while (!conn.closing) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);
    conn.reading = true;
    if (buffer.size() == 0) {
      conn.stream.expires_after(options.idle_timeout);
      auto [ec, n] = co_await conn.stream.async_read_some(buffer.prepare(4096), kAwait);
      if (ec) co_return;
      buffer.commit(n);
    }
    conn.stream.expires_after(options.read_timeout);
    auto [ec, n] = co_await http::async_read(conn.stream, buffer, parser, kAwait);
    conn.reading = false;
    if (ec) {
      if (const int status = ParseErrorStatus(ec); status != 0) {
        co_await SendError(conn, status, parser.is_header_done() ? parser.get().version() : 11);
      }
      co_return;
    }
    auto& msg = parser.get();
    const unsigned version = msg.version();
    const bool head = msg.method() == http::verb::head;
    bool keep_alive = msg.keep_alive();
    Response res = Dispatch(parser.release(), conn.peer);
    {
      std::lock_guard lock(mu);
      keep_alive = keep_alive && !stopping && !conn.closing;
    }
    auto out = ToBeast(std::move(res), version, keep_alive, head);
    conn.stream.expires_after(options.write_timeout);
    auto [wec, wn] = co_await http::async_write(conn.stream, out, kAwait);
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

}  // namespace waymark::web
