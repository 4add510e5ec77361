// A small router: method + path pattern -> handler. Patterns are literal segments and captures:
// "/outcomes/{id}" captures one segment; a last segment "{name*}" captures the rest of the path.
// Every route declares the permission it needs where it is added, so that the server checks it
// before the handler runs and the access matrix test can walk every route (Routes()).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "web/http.h"

namespace waymark::web {

using Handler = std::function<Response(const Request&)>;

struct Match {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Handler* handler = nullptr;
  Permission permission = Permission::kPublic;
  bool streams_body = false;  // the route was added with AddUpload
  bool internal = false;      // the route was added with AddInternal
  std::string pattern;        // the matched route's pattern (for kFound)
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // for kMethodNotAllowed: the methods the path accepts
};

// A route as registered: what the access matrix lists.
struct RouteInfo {
  std::string method;
  std::string pattern;
  Permission permission = Permission::kPublic;
};

class Router {
 public:
  // Adds a route that needs `permission`. GET routes answer HEAD as well.
  void Add(std::string method, std::string_view pattern, Permission permission, Handler handler);
  // Adds a route whose request bodies the server streams to a file (Request::body_file, up to
  // ServerOptions::upload_limit) instead of reading them into memory: file uploads.
  void AddUpload(std::string method, std::string_view pattern, Permission permission,
                 Handler handler);
  // Adds an operations route (/metrics): answered to a request from this machine (a loopback
  // peer, not through a proxy) whoever asks, and elsewhere only to a principal with
  // `permission`; to anyone else it is 404, as if it did not exist (web/ops_routes.h).
  void AddInternal(std::string method, std::string_view pattern, Permission permission,
                   Handler handler);
  // Finds the route for a decoded path. Captured segments are never empty.
  Match Find(std::string_view method, std::string_view path) const;
  // Every route in the order added.
  std::vector<RouteInfo> Routes() const;

 private:
  struct Segment {
    std::string text;  // literal text, or the capture name
    bool capture = false;
    bool rest = false;  // captures the remainder of the path
  };
  struct Route {
    std::string method;
    std::string pattern;
    Permission permission = Permission::kPublic;
    std::vector<Segment> segments;
    Handler handler;
    bool streams_body = false;
    bool internal = false;
  };
  static bool MatchPath(const Route& route, std::string_view path,
                        std::map<std::string, std::string>& params);

  std::vector<Route> routes_;
};

}  // namespace waymark::web
