// Reading and serving static assets safely.
#include "web/static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

namespace waymark::web {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes = {{
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".map", "application/json"},
    {".json", "application/json"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".html", "text/html; charset=utf-8"},
}};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(name, ext)) return type;
  }
  return "application/octet-stream";
}

bool IsSafeRelativePath(std::string_view relative) {
  if (relative.empty() || relative.size() > 512) return false;
  if (relative.find_first_of(std::string_view("\\:\0", 3)) != std::string_view::npos) {
    return false;
  }
  while (true) {
    const size_t slash = relative.find('/');
    const std::string_view seg = relative.substr(0, slash);
    if (seg.empty() || seg.front() == '.') return false;
    if (slash == std::string_view::npos) return true;
    relative.remove_prefix(slash + 1);
  }
}

StaticFiles::StaticFiles(std::filesystem::path root) {
  std::error_code ec;
  root_ = std::filesystem::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
}

std::shared_ptr<const std::string> StaticFiles::Read(std::string_view relative) {
  if (!IsSafeRelativePath(relative)) return nullptr;
  {
    std::lock_guard lock(mu_);
    if (const auto it = cache_.find(relative); it != cache_.end()) return it->second;
  }
  std::error_code ec;
  const auto path = std::filesystem::weakly_canonical(root_ / std::string(relative), ec);
  if (ec) return nullptr;
  const auto [root_end, unused] =
      std::mismatch(root_.begin(), root_.end(), path.begin(), path.end());
  if (root_end != root_.end() || !std::filesystem::is_regular_file(path, ec)) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  auto data = std::make_shared<const std::string>(std::move(text).str());
  std::lock_guard lock(mu_);
  cache_.emplace(std::string(relative), data);
  return data;
}

}  // namespace waymark::web
