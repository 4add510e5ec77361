// ETags, If-None-Match and Cache-Control for the site's answers, and the finishing step.
#include "web/cache_policy.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fstream>

#include "web/compression.h"

namespace waymark::web {
namespace {

constexpr std::size_t kTagBytes = 16;

// Lower-case hex of a digest (libsodium's bin2hex; no secret is involved, any form would do).
std::string Hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

// libsodium picks its fastest BLAKE2b when initialised; once is enough.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

std::string ContentHash(std::string_view a, std::string_view b) {
  (void)SodiumReady();  // without it the portable implementation is used: slower, same result
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kTagBytes);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  std::array<unsigned char, kTagBytes> out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return Hex(out.data(), out.size());
}

namespace {

std::string ComputeBuildId() {
  if (!SodiumReady()) return "unknown";
  std::ifstream in("/proc/self/exe", std::ios::binary);
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kTagBytes);
  std::array<char, 1 << 16> chunk{};
  bool any = false;
  while (in) {
    in.read(chunk.data(), chunk.size());
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    any = true;
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()), n);
  }
  if (!any) {
    // The program cannot be read: every start is then a new build, which is safe.
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    return "start-" + std::to_string(now);
  }
  std::array<unsigned char, kTagBytes> out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return Hex(out.data(), out.size());
}

void Remove(Response& response, std::string_view name) {
  auto& h = response.headers;
  h.erase(std::remove_if(h.begin(), h.end(),
                         [&](const auto& field) {
                           return field.first.size() == name.size() &&
                                  std::equal(name.begin(), name.end(), field.first.begin(),
                                             [](char x, char y) {
                                               return std::tolower(static_cast<unsigned char>(x)) ==
                                                      std::tolower(static_cast<unsigned char>(y));
                                             });
                         }),
          h.end());
}

// The opaque tag of an entity tag (the quoted part, quotes included), without W/.
std::string_view Opaque(std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  return etag;
}

bool IsOws(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string_view BuildId() {
  static const std::string kId = ComputeBuildId();
  return kId;
}

std::string VersionEtag(std::string_view version) {
  return "\"v" + ContentHash(BuildId(), version).substr(0, 24) + "\"";
}

std::string BodyEtag(std::string_view body) {
  return "\"b" + ContentHash(body).substr(0, 24) + "\"";
}

bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag) {
  const std::string_view ours = Opaque(etag);
  std::string_view rest = if_none_match;
  while (!rest.empty() && IsOws(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && IsOws(rest.back())) rest.remove_suffix(1);
  if (rest == "*") return !ours.empty();
  while (!rest.empty()) {
    if (rest.front() == ',' || IsOws(rest.front())) {
      rest.remove_prefix(1);
      continue;
    }
    if (rest.starts_with("W/")) rest.remove_prefix(2);
    if (rest.empty() || rest.front() != '"') return false;
    const size_t close = rest.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (rest.substr(0, close + 1) == ours) return true;
    rest.remove_prefix(close + 1);
  }
  return false;
}

void ApplyCachePolicy(const Request& request, Response& response, bool personal) {
  const auto cache_control = response.Get("Cache-Control");
  if (personal || (cache_control && cache_control->find("no-store") != std::string::npos)) {
    response.Set("Cache-Control", std::string(kPrivateNoStore));
    Remove(response, "ETag");
    return;
  }
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (!get || response.status != 200) {
    Remove(response, "ETag");
    return;
  }
  if (!cache_control) response.Set("Cache-Control", std::string(kRevalidate));
  if (!response.Get("ETag")) response.Set("ETag", BodyEtag(response.body));
  const auto asked = request.Header("If-None-Match");
  const auto etag = response.Get("ETag");
  if (!asked || !etag || !IfNoneMatchMatches(*asked, *etag)) return;
  // The 304 carries what the 200 would have said about caching, and no body.
  if (const auto type = response.Get("Content-Type");
      type && WorthCompressing(*type, response.body.size())) {
    AddVary(response, "Accept-Encoding");
    // The 200 would have been compressed, with its ETag weakened.
    if (AcceptsGzip(request.Header("Accept-Encoding")) && !etag->starts_with("W/")) {
      response.Set("ETag", "W/" + *etag);
    }
  }
  response.status = 304;
  response.body.clear();
  Remove(response, "Content-Type");
  Remove(response, "Content-Disposition");
  Remove(response, "Content-Length");
}

void FinishResponse(const Request& request, Response& response, bool personal) {
  ApplyCachePolicy(request, response, personal);
  CompressResponse(request, response);
}

}  // namespace waymark::web
