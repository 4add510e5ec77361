// An HTTP client for the few requests Waymark makes itself (an identity provider's discovery
// document, its keys, its token and userinfo endpoints): HTTPS with the system's certificate
// authorities and host name verification; plain http:// only to a loopback host (tests).
// One request per connection, a deadline for the whole exchange, a bound on the body, no
// redirects followed.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace waymark::web {

struct FetchRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct FetchReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

struct FetchOptions {
  std::chrono::milliseconds timeout{10000};
  std::size_t body_limit = std::size_t{1} << 20;
  // Extra certificate authorities (a PEM file) besides the system's; "" for none.
  std::string ca_file;
};

// A URL split for a request.
struct HttpUrl {
  bool tls = false;
  std::string host;    // without brackets for IPv6
  std::string port;    // "443" or "80" when not given
  std::string target;  // path and query, "/" when empty
};

// https://HOST[:PORT]/... or http://LOOPBACK[:PORT]/...; kInvalidArgument otherwise (user
// info, fragments and plain http to other hosts are refused).
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// "scheme://host[:port]" of a usable URL (the port only when it is not the scheme's default),
// or "" when the URL is not usable or its host has characters other than letters, digits, '.',
// '-' (or an IPv6 address's): safe to write into a Content-Security-Policy.
std::string UrlOrigin(std::string_view url);

// Sends `request` and reads the whole reply (any status). kIo for a connection, TLS
// (certificate) or protocol failure and for the deadline, kInvalidArgument for a bad URL.
Result<FetchReply> Fetch(const FetchRequest& request, const FetchOptions& options = {});

// The function the identity-provider client fetches with (tests inject their own).
using Fetcher = std::function<Result<FetchReply>(const FetchRequest&)>;

}  // namespace waymark::web
