// ScratchDir: a private temporary directory (mode 0700, made by mkdtemp under the system's
// temporary directory, $TMPDIR) for the files the workbook writer and the PDF renderer need
// on the way to their bytes. It is removed with everything in it when the ScratchDir goes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace waymark::report {

class ScratchDir {
 public:
  // A new directory named "waymark-PREFIX-XXXXXX". Errors (kIo) when it cannot be made.
  static Result<ScratchDir> Create(std::string_view prefix);

  ScratchDir(ScratchDir&& other) noexcept;
  ScratchDir& operator=(ScratchDir&& other) noexcept;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir();

  const std::filesystem::path& path() const { return path_; }
  // The full path of `name` inside the directory.
  std::string File(std::string_view name) const;

 private:
  explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
  void Remove() noexcept;

  std::filesystem::path path_;  // empty once moved from
};

// The whole content of the file at `path`. Errors (kIo) name the file.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace waymark::report
