// Static files (the GOV.UK Frontend stylesheet, script, fonts and images) read from one
// directory: content type by extension, nothing outside the directory. How long they may be
// cached is the asset catalogue's business (asset_catalog.h).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "web/http.h"

namespace waymark::web {

// The Content-Type for a file name, by its extension.
std::string_view ContentTypeFor(std::string_view name);

// True when `relative` is a plain relative path: no empty, "." or ".." segment, no segment
// starting with '.', no backslash, NUL or colon.
bool IsSafeRelativePath(std::string_view relative);

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // The file at `relative` under the root, or nullptr when it is missing, not a regular file,
  // outside the root or not a safe path. Files are read once and kept.
  std::shared_ptr<const std::string> Read(std::string_view relative);

 private:
  std::filesystem::path root_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> cache_;
};

}  // namespace waymark::web
