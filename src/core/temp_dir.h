// TempDir: a fresh directory for one test, removed with everything in it when it goes out of
// scope. Used by tests that need real files (databases, plan files).
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace waymark {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("waymark-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  // The full path of `name` inside the directory.
  std::string File(std::string_view name) const { return (path_ / name).string(); }

  // Writes `text` to `name` and returns its full path.
  std::string Write(std::string_view name, std::string_view text) const {
    std::string path = File(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace waymark
