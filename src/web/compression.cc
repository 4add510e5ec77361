// gzip of text responses through zlib, and the Accept-Encoding negotiation that allows it.
#include "web/compression.h"

#include <zlib.h>

#include <array>
#include <cctype>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

namespace waymark::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A qvalue ("0", "0.5", "1.000") in thousandths; nullopt when it is not one.
std::optional<int> ParseQValue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  const int whole = text[0] - '0';
  if (text.size() == 1) return whole * 1000;
  if (text[1] != '.' || text.size() > 5) return std::nullopt;
  int thousandths = 0;
  int scale = 100;
  for (const char c : text.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    thousandths += (c - '0') * scale;
    scale /= 10;
  }
  if (whole == 1 && thousandths != 0) return std::nullopt;
  return whole * 1000 + thousandths;
}

// The q-value of one element of an Accept-Encoding list ("gzip;q=0.5"): 1000 when it has
// none, nullopt when it is malformed.
std::optional<int> QOf(std::string_view params) {
  int q = 1000;
  while (!params.empty()) {
    const size_t semi = params.find(';');
    const std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.empty()) continue;
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    if (Lower(Trim(param.substr(0, eq))) != "q") continue;
    const auto value = ParseQValue(Trim(param.substr(eq + 1)));
    if (!value) return std::nullopt;
    q = *value;
  }
  return q;
}

// Compressed bodies of answers that may be kept (public ones), by their strong ETag (which
// identifies the plain body: a 304 relies on it already), so that a page many read is
// compressed once rather than on every request, with no hash of the body. Oldest out first,
// within kBytes.
class GzipCache {
 public:
  static constexpr std::size_t kBytes = std::size_t{32} << 20;
  static constexpr std::size_t kLargestBody = std::size_t{4} << 20;

  std::shared_ptr<const std::string> Get(const std::string& key) {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second;
  }
  void Put(const std::string& key, std::shared_ptr<const std::string> gz) {
    std::lock_guard lock(mu_);
    if (!entries_.emplace(key, gz).second) return;
    order_.push_back(key);
    bytes_ += gz->size();
    while (bytes_ > kBytes && !order_.empty()) {
      const auto it = entries_.find(order_.front());
      bytes_ -= it->second->size();
      entries_.erase(it);
      order_.pop_front();
    }
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>> entries_;
  std::deque<std::string> order_;
  std::size_t bytes_ = 0;
};

GzipCache& Cache() {
  static GzipCache cache;
  return cache;
}

// The body compressed, from the cache when `key` (a public answer's ETag) is not empty and it
// is there.
std::shared_ptr<const std::string> Compressed(const std::string& body, const std::string& key) {
  const bool keep = !key.empty() && body.size() <= GzipCache::kLargestBody;
  if (keep) {
    if (auto hit = Cache().Get(key)) return hit;
  }
  auto gz = Gzip(body);
  if (!gz) return nullptr;
  auto out = std::make_shared<const std::string>(std::move(*gz));
  if (keep) Cache().Put(key, out);
  return out;
}

bool HasFullBody(int status) {
  return status >= 200 && status != 204 && status != 206 && status != 304;
}

}  // namespace

bool AcceptsGzip(std::optional<std::string_view> accept_encoding) {
  if (!accept_encoding) return false;
  std::optional<int> gzip_q;
  std::optional<int> any_q;
  std::string_view rest = *accept_encoding;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view element = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const size_t semi = element.find(';');
    const std::string coding = Lower(Trim(element.substr(0, semi)));
    if (coding.empty()) continue;
    // A malformed q-value refuses rather than guesses.
    const int q = QOf(semi == std::string_view::npos ? "" : element.substr(semi + 1)).value_or(0);
    if (coding == "gzip" || coding == "x-gzip") {
      gzip_q = gzip_q ? std::min(*gzip_q, q) : q;
    } else if (coding == "*") {
      any_q = any_q ? std::min(*any_q, q) : q;
    }
  }
  if (gzip_q) return *gzip_q > 0;
  return any_q.value_or(0) > 0;
}

bool WorthCompressing(std::string_view content_type, std::size_t size) {
  if (size < kCompressMinBytes) return false;
  const std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  static constexpr std::array<std::string_view, 9> kTypes = {
      "text/html",       "text/css",      "text/javascript", "application/javascript",
      "application/json", "text/csv",     "image/svg+xml",   "text/plain",
      "application/geo+json"};
  for (std::string_view t : kTypes) {
    if (type == t) return true;
  }
  return false;
}

Result<std::string> Gzip(std::string_view data, int level) {
  z_stream stream{};
  // 15 + 16: the largest window, with a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return MakeError(ErrorCode::kInternal, "zlib: cannot start compressing");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  const uLong written = stream.total_out;
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return MakeError(ErrorCode::kInternal, "zlib: compression failed");
  out.resize(written);
  return out;
}

void AddVary(Response& response, std::string_view field) {
  const auto vary = response.Get("Vary");
  if (!vary) {
    response.Set("Vary", std::string(field));
    return;
  }
  const std::string wanted = Lower(field);
  std::string_view rest = *vary;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string item = Lower(Trim(rest.substr(0, comma)));
    if (item == wanted || item == "*") return;
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  response.Set("Vary", *vary + ", " + std::string(field));
}

void CompressResponse(const Request& request, Response& response) {
  if (!HasFullBody(response.status) || response.Get("Content-Encoding")) return;
  const auto type = response.Get("Content-Type");
  if (!type || !WorthCompressing(*type, response.body.size())) return;
  AddVary(response, "Accept-Encoding");
  if (!AcceptsGzip(request.Header("Accept-Encoding"))) return;
  const auto cache_control = response.Get("Cache-Control");
  const auto etag = response.Get("ETag");
  const bool keep = etag && !etag->starts_with("W/") &&
                    (!cache_control || cache_control->find("no-store") == std::string::npos);
  const auto compressed = Compressed(response.body, keep ? std::string(*etag) : std::string());
  if (!compressed || compressed->size() >= response.body.size()) return;
  response.body = *compressed;
  response.Set("Content-Encoding", "gzip");
  if (etag && !etag->starts_with("W/")) response.Set("ETag", "W/" + std::string(*etag));
}

}  // namespace waymark::web
