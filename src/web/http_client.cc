// The outgoing HTTP client on Boost.Beast: a coroutine on its own io_context, so the deadline
// covers resolving, connecting, the TLS handshake, writing and reading.
#include "web/http_client.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>

#include "core/identity_provider.h"

namespace waymark::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::awaitable;
using tcp = asio::ip::tcp;

constexpr std::string_view kUserAgent = "Waymark";

Error IoError(std::string_view what, const HttpUrl& url, const beast::error_code& ec) {
  return Error{ErrorCode::kIo,
               fmt::format("{} {}:{} failed: {}", what, url.host, url.port, ec.message()),
               {}};
}

http::request<http::string_body> BuildRequest(const FetchRequest& request, const HttpUrl& url) {
  http::request<http::string_body> req;
  req.method_string(request.method);
  req.target(url.target);
  req.version(11);
  const bool default_port = url.port == (url.tls ? "443" : "80");
  const bool v6 = url.host.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + url.host + "]" : url.host;
  req.set(http::field::host, default_port ? host : host + ":" + url.port);
  req.set(http::field::user_agent, kUserAgent);
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  if (!request.body.empty() || request.method == "POST") {
    req.body() = request.body;
    req.prepare_payload();
  }
  return req;
}

// Writes the request and reads the reply on a connected (and, for TLS, shaken hands) stream.
template <typename Stream>
awaitable<Result<FetchReply>> Exchange(Stream& stream, const FetchRequest& request,
                                       const HttpUrl& url, std::size_t body_limit) {
  beast::error_code ec;
  auto req = BuildRequest(request, url);
  co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("writing to", url, ec));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("reading from", url, ec));
  auto res = parser.release();
  FetchReply reply;
  reply.status = static_cast<int>(res.result_int());
  reply.content_type = std::string(res[http::field::content_type]);
  reply.body = std::move(res.body());
  co_return reply;
}

awaitable<Result<FetchReply>> FetchPlain(const FetchRequest& request, const HttpUrl& url,
                                         const FetchOptions& options) {
  auto executor = co_await asio::this_coro::executor;
  beast::error_code ec;
  tcp::resolver resolver(executor);
  const auto endpoints = co_await resolver.async_resolve(
      url.host, url.port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("resolving", url, ec));
  beast::tcp_stream stream(executor);
  stream.expires_after(options.timeout);
  co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("connecting to", url, ec));
  co_return co_await Exchange(stream, request, url, options.body_limit);
}

awaitable<Result<FetchReply>> FetchTls(const FetchRequest& request, const HttpUrl& url,
                                       const FetchOptions& options, ssl::context& tls) {
  auto executor = co_await asio::this_coro::executor;
  beast::error_code ec;
  tcp::resolver resolver(executor);
  const auto endpoints = co_await resolver.async_resolve(
      url.host, url.port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("resolving", url, ec));
  beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
  // SNI, and the certificate must name the host.
  if (SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()) != 1) {
    co_return MakeError(ErrorCode::kIo, fmt::format("TLS with {} could not be set up", url.host));
  }
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(ssl::host_name_verification(url.host));
  beast::get_lowest_layer(stream).expires_after(options.timeout);
  co_await beast::get_lowest_layer(stream).async_connect(
      endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("connecting to", url, ec));
  co_await stream.async_handshake(ssl::stream_base::client,
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(IoError("the TLS handshake with", url, ec));
  co_return co_await Exchange(stream, request, url, options.body_limit);
}

}  // namespace

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  HttpUrl out;
  std::string_view rest;
  if (url.starts_with("https://")) {
    out.tls = true;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not an http(s) URL", url));
  }
  const auto path_at = rest.find('/');
  std::string_view authority = rest.substr(0, path_at);
  out.target = path_at == std::string_view::npos ? "/" : std::string(rest.substr(path_at));
  const bool bad = authority.empty() || authority.find('@') != std::string_view::npos ||
                   url.find('#') != std::string_view::npos ||
                   url.find_first_of(" \t\r\n") != std::string_view::npos;
  if (bad)
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a usable URL", url));
  std::string_view port;
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a usable URL", url));
    }
    out.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':')
      port = authority.substr(close + 2);
  } else {
    const auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  out.port = port.empty() ? (out.tls ? "443" : "80") : std::string(port);
  if (out.host.empty() || out.port.find_first_not_of("0123456789") != std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a usable URL", url));
  }
  if (!out.tls && !IsLoopbackUrl(url)) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("'{}' must use https:// (plain http:// only to a loopback host)", url));
  }
  return out;
}

std::string UrlOrigin(std::string_view url) {
  const auto parsed = ParseHttpUrl(url);
  if (!parsed) return "";
  const bool v6 = parsed->host.find(':') != std::string::npos;
  const bool host_ok = std::all_of(parsed->host.begin(), parsed->host.end(), [v6](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' ||
           (v6 && c == ':');
  });
  if (!host_ok) return "";
  std::string origin =
      (parsed->tls ? "https://" : "http://") + (v6 ? "[" + parsed->host + "]" : parsed->host);
  if (parsed->port != (parsed->tls ? "443" : "80")) origin += ":" + parsed->port;
  return origin;
}

Result<FetchReply> Fetch(const FetchRequest& request, const FetchOptions& options) {
  WAYMARK_ASSIGN_OR_RETURN(HttpUrl url, ParseHttpUrl(request.url));
  asio::io_context ioc;
  ssl::context tls(ssl::context::tls_client);
  beast::error_code ec;
  tls.set_default_verify_paths(ec);
  if (!ec && !options.ca_file.empty()) tls.load_verify_file(options.ca_file, ec);
  if (ec)
    return MakeError(ErrorCode::kIo,
                     "the certificate authorities could not be loaded: " + ec.message());
  std::optional<Result<FetchReply>> result;
  auto work = url.tls ? FetchTls(request, url, options, tls) : FetchPlain(request, url, options);
  asio::co_spawn(ioc, std::move(work),
                 [&result](const std::exception_ptr& error, Result<FetchReply> reply) {
                   if (error) {
                     result = MakeError(ErrorCode::kIo, "the request failed unexpectedly");
                   } else {
                     result = std::move(reply);
                   }
                 });
  ioc.run_for(options.timeout + std::chrono::seconds(1));
  if (!result) {
    return MakeError(ErrorCode::kIo, fmt::format("{}:{} did not answer within {} ms", url.host,
                                                 url.port, options.timeout.count()));
  }
  return std::move(*result);
}

}  // namespace waymark::web
