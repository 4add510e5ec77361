// Helpers shared by the web tests: a text with markup and quotes that every page and API must
// escape, and writing a file (with its directories) for the tests that serve files.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace waymark::web::testing {

inline constexpr std::string_view kHostile = "<script>alert(1)</script> & \"q\"";

inline void WriteFile(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace waymark::web::testing
