// A small router: method + path pattern -> handler. Patterns are literal segments and captures:
// "/outcomes/{id}" captures one segment; a last segment "{name*}" captures the rest of the path.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/http.h"

namespace waymark::web {

using Handler = std::function<Response(const Request&)>;

struct Match {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Handler* handler = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // for kMethodNotAllowed: the methods the path accepts
};

class Router {
 public:
  // Adds a route. GET routes answer HEAD as well.
  void Add(std::string method, std::string_view pattern, Handler handler);
  // Finds the route for a decoded path. Captured segments are never empty.
  Match Find(std::string_view method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the capture name
    bool capture = false;
    bool rest = false;  // captures the remainder of the path
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    Handler handler;
  };
  static bool MatchPath(const Route& route, std::string_view path,
                        std::map<std::string, std::string>& params);

  std::vector<Route> routes_;
};

}  // namespace waymark::web
