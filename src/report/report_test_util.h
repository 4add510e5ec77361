// Helper of the report tests: how many times a part occurs in a page, a chart or a PDF's text,
// overlapping occurrences included.
#pragma once

#include <cstddef>
#include <string_view>

namespace waymark::report::testing {

inline std::size_t Count(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace waymark::report::testing
