// Plain HTTP values for the web layer: what a handler sees (Request) and returns (Response).
// No Beast types here, so that routes, pages and tests do not depend on the server library.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/access.h"

namespace waymark::web {

struct Request {
  std::string method;                             // "GET", "HEAD", "POST", ...
  std::string target;                             // as received: path and query
  std::string path;                               // percent-decoded path
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // For routes whose bodies are streamed to disk (Router::AddUpload): the file holding the
  // body, which the server deletes once the handler has answered; `body` is then empty.
  std::string body_file;
  std::map<std::string, std::string> params;  // {name} captures of the matched route
  std::string client_address;                 // the peer's IP address ("" when unknown)
  // Set by the site before a handler runs (web/auth.h): who is asking, and the CSRF token the
  // forms of the answer must carry.
  Principal principal;
  std::string csrf_token;
  std::string session_digest;  // the signed-in session's digest, "" otherwise

  // The first value of a query parameter, if given.
  std::optional<std::string> Query(std::string_view name) const;
  // A header value (case-insensitive name), if present.
  std::optional<std::string> Header(std::string_view name) const;
  // The value of a route capture; empty when the route has no such capture.
  const std::string& Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set on a kept page whose account bar is already filled in for a reader who is not signed in
  // (Site::Cached): such readers all see the same bar, and a kept page never holds a reader's
  // CSRF token, so the site neither fills the bar again nor searches the body for the token.
  bool finished = false;

  // Sets (replacing) a header.
  void Set(std::string_view name, std::string value);
  // Adds a header even when one of that name is set (Set-Cookie).
  void Add(std::string_view name, std::string value);
  // A header's value, if set (case-insensitive name).
  std::optional<std::string> Get(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Json(int status, std::string body);
  static Response Csv(int status, std::string body, std::string_view filename);
  static Response Text(int status, std::string body);
};

// The reason phrase of a status code ("Not Found").
std::string_view StatusText(int status);

// Adds the headers every response carries: Content-Security-Policy (unless the route set its
// own, stricter one), X-Content-Type-Options, Referrer-Policy, X-Frame-Options, and
// Cache-Control: no-store unless one is set.
void ApplySecurityHeaders(Response& response);
// The site's Content-Security-Policy, with `form_origins` (e.g. "https://login.example") added
// to its form-action: the sign-in page's buttons post to the site, which sends the browser on
// to an identity provider, and browsers check every step of that against form-action.
std::string ContentSecurityPolicy(const std::vector<std::string>& form_origins = {});

// Splits a request target into a decoded path and query parameters. nullopt when the target is
// not an origin-form path or its percent-encoding is broken, or the path decodes to a NUL.
struct Target {
  std::string path;
  std::multimap<std::string, std::string> query;
};
std::optional<Target> ParseTarget(std::string_view target);

// Parses an application/x-www-form-urlencoded body; nullopt when an escape is broken or a
// value decodes to a NUL.
std::optional<std::multimap<std::string, std::string>> ParseForm(std::string_view body);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), if present.
std::optional<std::string> CookieValue(std::string_view header, std::string_view name);

// Decodes %XX escapes (and '+' as space when `plus_is_space`); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace waymark::web
