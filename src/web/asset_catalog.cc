// Static files under plain and fingerprinted names (see asset_catalog.h).
#include "web/asset_catalog.h"

#include <array>

#include "web/cache_policy.h"
#include "web/embedded_assets.h"

namespace waymark::web {
namespace {

constexpr std::size_t kHashDigits = 10;
constexpr std::string_view kStatic = "/static/";
constexpr std::string_view kAssets = "/assets/";
constexpr std::string_view kFrontendScript = "/static/govuk-frontend.min.js";
// Plain names: the same for every reader, checked again each time (the site adds an ETag).
constexpr std::string_view kPublicRevalidate = "public, no-cache";

// The files under /static/ (the first two compiled in, the others GOV.UK Frontend's).
constexpr std::array<std::string_view, 4> kStaticFiles = {
    "waymark.css", "waymark.mjs", "govuk-frontend.min.css", "govuk-frontend.min.js"};
// The files pages name (report/layout.cc), by their plain addresses.
constexpr std::array<std::string_view, 6> kPageFiles = {
    "/static/govuk-frontend.min.css", "/static/govuk-frontend.min.js",
    "/static/waymark.css",            "/static/waymark.mjs",
    "/assets/images/favicon.ico",     "/assets/images/favicon.svg"};

bool IsStaticFile(std::string_view name) {
  for (std::string_view f : kStaticFiles) {
    if (f == name) return true;
  }
  return false;
}

bool IsLowerHex(std::string_view s) {
  return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

Response Serve(std::string body, std::string_view name, std::string_view cache_control) {
  Response res{200, {}, std::move(body)};
  res.Set("Content-Type", std::string(ContentTypeFor(name)));
  res.Set("Cache-Control", std::string(cache_control));
  return res;
}

}  // namespace

std::string Fingerprint(std::string_view content) {
  return ContentHash(content).substr(0, kHashDigits);
}

std::string FingerprintedName(std::string_view name, std::string_view hash) {
  const size_t slash = name.rfind('/');
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) ||
      dot == (slash == std::string_view::npos ? 0 : slash + 1)) {
    return std::string(name);
  }
  return std::string(name.substr(0, dot)) + "." + std::string(hash) +
         std::string(name.substr(dot));
}

std::optional<PlainName> ParseFingerprintedName(std::string_view name) {
  const size_t slash = name.rfind('/');
  const size_t start = slash == std::string_view::npos ? 0 : slash + 1;
  const size_t ext_dot = name.rfind('.');
  if (ext_dot == std::string_view::npos || ext_dot < start + kHashDigits + 2) return std::nullopt;
  const size_t hash_dot = ext_dot - kHashDigits - 1;
  if (name[hash_dot] != '.') return std::nullopt;
  const std::string_view hash = name.substr(hash_dot + 1, kHashDigits);
  if (!IsLowerHex(hash)) return std::nullopt;
  return PlainName{std::string(name.substr(0, hash_dot)) + std::string(name.substr(ext_dot)),
                   std::string(hash)};
}

AssetCatalog::AssetCatalog(const std::filesystem::path& frontend_dir)
    : frontend_(frontend_dir), frontend_assets_(frontend_dir / "assets") {}

std::shared_ptr<const std::string> AssetCatalog::Content(std::string_view url) {
  if (url.starts_with(kAssets)) return frontend_assets_.Read(url.substr(kAssets.size()));
  if (!url.starts_with(kStatic)) return nullptr;
  const std::string_view file = url.substr(kStatic.size());
  if (file == "waymark.css") {
    static const auto kStylesheet = std::make_shared<const std::string>(SiteStylesheet());
    return kStylesheet;
  }
  if (file == "waymark.mjs") {
    {
      std::lock_guard lock(mu_);
      if (script_) return script_;
    }
    // The module imports GOV.UK Frontend's script: by its fingerprinted name when there is one.
    std::string text(SiteScript());
    const std::string frontend_script = UrlOf(kFrontendScript);
    for (size_t at = text.find(kFrontendScript); at != std::string::npos;
         at = text.find(kFrontendScript, at + frontend_script.size())) {
      text.replace(at, kFrontendScript.size(), frontend_script);
    }
    auto script = std::make_shared<const std::string>(std::move(text));
    std::lock_guard lock(mu_);
    script_ = script;
    return script;
  }
  if (IsStaticFile(file)) return frontend_.Read(file);
  return nullptr;
}

std::string AssetCatalog::FingerprintOf(std::string_view url) {
  {
    std::lock_guard lock(mu_);
    if (const auto it = fingerprints_.find(url); it != fingerprints_.end()) return it->second;
  }
  const auto content = Content(url);
  if (!content) return "";
  std::string hash = Fingerprint(*content);
  std::lock_guard lock(mu_);
  fingerprints_.emplace(std::string(url), hash);
  return hash;
}

std::string AssetCatalog::UrlOf(std::string_view url) {
  const std::string hash = FingerprintOf(url);
  if (hash.empty()) return std::string(url);
  const size_t prefix = url.starts_with(kStatic) ? kStatic.size() : kAssets.size();
  return std::string(kAssets) + FingerprintedName(url.substr(prefix), hash);
}

std::map<std::string, std::string, std::less<>> AssetCatalog::PageUrls() {
  std::map<std::string, std::string, std::less<>> urls;
  for (std::string_view url : kPageFiles) urls[std::string(url)] = UrlOf(url);
  return urls;
}

std::string AssetCatalog::Version() {
  std::string all;
  for (const auto& [plain, url] : PageUrls()) all += url + "\n";
  return Fingerprint(all);
}

std::optional<Response> AssetCatalog::ServeStatic(std::string_view file) {
  if (!IsStaticFile(file)) return std::nullopt;
  const auto content = Content(std::string(kStatic) + std::string(file));
  if (!content) return std::nullopt;
  return Serve(*content, file, kPublicRevalidate);
}

std::optional<Response> AssetCatalog::ServeAsset(std::string_view path) {
  if (auto plain = frontend_assets_.Read(path)) return Serve(*plain, path, kPublicRevalidate);
  const auto parsed = ParseFingerprintedName(path);
  if (!parsed) return std::nullopt;
  const std::string url =
      (IsStaticFile(parsed->name) ? std::string(kStatic) : std::string(kAssets)) + parsed->name;
  const auto content = Content(url);
  if (!content || FingerprintOf(url) != parsed->hash) return std::nullopt;
  return Serve(*content, parsed->name, kImmutable);
}

}  // namespace waymark::web
