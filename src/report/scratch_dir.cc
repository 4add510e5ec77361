// ScratchDir: making, and always removing, a private temporary directory.
#include "report/scratch_dir.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include <stdlib.h>  // NOLINT(modernize-deprecated-headers): mkdtemp is POSIX

#include <fmt/format.h>

namespace waymark::report {

Result<ScratchDir> ScratchDir::Create(std::string_view prefix) {
  std::error_code ec;
  const std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) {
    return MakeError(ErrorCode::kIo, "no temporary directory: " + ec.message());
  }
  std::string pattern = (base / fmt::format("waymark-{}-XXXXXX", prefix)).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot make a temporary directory in {}: {}",
                                                 base.string(), std::strerror(errno)));
  }
  return ScratchDir(std::filesystem::path(buffer.data()));
}

ScratchDir::ScratchDir(ScratchDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}

ScratchDir& ScratchDir::operator=(ScratchDir&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

ScratchDir::~ScratchDir() { Remove(); }

void ScratchDir::Remove() noexcept {
  if (path_.empty()) return;
  std::error_code ec;  // a directory that cannot be removed is left behind in $TMPDIR
  std::filesystem::remove_all(path_, ec);
  path_.clear();
}

std::string ScratchDir::File(std::string_view name) const { return (path_ / name).string(); }

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, fmt::format("cannot read {}", path));
  return std::move(bytes).str();
}

}  // namespace waymark::report
