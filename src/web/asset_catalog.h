// The site's static files (GOV.UK Frontend's stylesheet, script, fonts and images, and our own
// compiled-in waymark.css and waymark.mjs), each also under a fingerprinted name
// `/assets/NAME.HASH.EXT` (HASH: the first 10 hex digits of a BLAKE2b hash of the content),
// which is cached for a year as immutable. Plain names keep working, revalidated each time.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "web/http.h"
#include "web/static_files.h"

namespace waymark::web {

// The fingerprint of `content`: 10 lowercase hex digits.
std::string Fingerprint(std::string_view content);
// "images/favicon.svg" with fingerprint "0123456789" → "images/favicon.0123456789.svg";
// a name without an extension is returned as it is.
std::string FingerprintedName(std::string_view name, std::string_view hash);
// The plain name and the fingerprint of a fingerprinted name, if it is one.
struct PlainName {
  std::string name;
  std::string hash;
};
std::optional<PlainName> ParseFingerprintedName(std::string_view name);

class AssetCatalog {
 public:
  // `frontend_dir`: GOV.UK Frontend's dist/govuk (its stylesheet, script and assets/).
  explicit AssetCatalog(const std::filesystem::path& frontend_dir);

  // /static/{file}: waymark.css, waymark.mjs, govuk-frontend.min.css or .js; nullopt: 404.
  std::optional<Response> ServeStatic(std::string_view file);
  // /assets/{path}: a file of GOV.UK Frontend's assets/, or any of the files above under its
  // fingerprinted name; nullopt (404) for a fingerprint that is not the content's.
  std::optional<Response> ServeAsset(std::string_view path);

  // The fingerprinted address of every file pages name, by its plain address
  // ("/static/waymark.css" → "/assets/waymark.0123456789.css"), for report::SetAssetUrls.
  std::map<std::string, std::string, std::less<>> PageUrls();
  // A hash of PageUrls(): it changes when any file pages name does.
  std::string Version();

 private:
  // The content of the file at a plain address ("/static/waymark.css", "/assets/images/x.png").
  std::shared_ptr<const std::string> Content(std::string_view url);
  std::string FingerprintOf(std::string_view url);
  // The fingerprinted address of the file at `url`, or `url` when there is no such file.
  std::string UrlOf(std::string_view url);

  StaticFiles frontend_;
  StaticFiles frontend_assets_;
  std::mutex mu_;
  std::shared_ptr<const std::string> script_;  // waymark.mjs naming the fingerprinted script
  std::map<std::string, std::string, std::less<>> fingerprints_;  // plain address → hash
};

}  // namespace waymark::web
