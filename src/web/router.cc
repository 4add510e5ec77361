// Route matching by path segments.
#include "web/router.h"

#include <algorithm>

namespace waymark::web {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

}  // namespace

void Router::Add(std::string method, std::string_view pattern, Permission permission,
                 Handler handler) {
  Route route{std::move(method), std::string(pattern), permission, {}, std::move(handler)};
  for (std::string_view part : SplitPath(pattern)) {
    Segment seg;
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      seg.capture = true;
      part = part.substr(1, part.size() - 2);
      if (part.back() == '*') {
        seg.rest = true;
        part.remove_suffix(1);
      }
    }
    seg.text = std::string(part);
    route.segments.push_back(std::move(seg));
  }
  routes_.push_back(std::move(route));
}

void Router::AddUpload(std::string method, std::string_view pattern, Permission permission,
                       Handler handler) {
  Add(std::move(method), pattern, permission, std::move(handler));
  routes_.back().streams_body = true;
}

void Router::AddInternal(std::string method, std::string_view pattern, Permission permission,
                         Handler handler) {
  Add(std::move(method), pattern, permission, std::move(handler));
  routes_.back().internal = true;
}

bool Router::MatchPath(const Route& route, std::string_view path,
                       std::map<std::string, std::string>& params) {
  const std::vector<std::string_view> parts = SplitPath(path);
  params.clear();
  size_t i = 0;
  for (; i < route.segments.size(); ++i) {
    const Segment& seg = route.segments[i];
    if (i >= parts.size()) return false;
    if (seg.rest) {
      std::string rest;
      for (size_t j = i; j < parts.size(); ++j) {
        if (j > i) rest += '/';
        rest += parts[j];
      }
      if (rest.empty()) return false;
      params[seg.text] = std::move(rest);
      return true;
    }
    if (seg.capture) {
      if (parts[i].empty()) return false;
      params[seg.text] = std::string(parts[i]);
    } else if (parts[i] != seg.text) {
      return false;
    }
  }
  return i == parts.size();
}

Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (!MatchPath(route, path, params)) continue;
    const bool same = route.method == method || (method == "HEAD" && route.method == "GET");
    if (same) {
      match.kind = Match::Kind::kFound;
      match.handler = &route.handler;
      match.permission = route.permission;
      match.streams_body = route.streams_body;
      match.internal = route.internal;
      match.pattern = route.pattern;
      match.params = std::move(params);
      match.allowed.clear();
      return match;
    }
    match.kind = Match::Kind::kMethodNotAllowed;
    if (std::find(match.allowed.begin(), match.allowed.end(), route.method) ==
        match.allowed.end()) {
      match.allowed.push_back(route.method);
      if (route.method == "GET") match.allowed.push_back("HEAD");
    }
  }
  return match;
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& route : routes_) out.push_back({route.method, route.pattern, route.permission});
  return out;
}

}  // namespace waymark::web
