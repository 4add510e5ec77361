// Helpers shared by the ingest tests: the source tree and the Barnet 2019-23 example's
// directory, a text with one passage replaced (the test fails when the passage is not there),
// and a catalogue text's problems as "FILE:LINE:COL: message" strings.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/catalogue_file.h"

namespace waymark::ingest::testing {

inline const std::string kRoot = WAYMARK_SOURCE_DIR;
inline const std::string kExample = std::string(WAYMARK_SOURCE_DIR) + "/examples/barnet-2019-23/";

inline std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The problems of catalogue text `text` (as c.toml), checked against `plan` when given.
inline std::vector<std::string> CatalogueProblems(std::string_view text,
                                                  const Plan* plan = nullptr) {
  std::vector<std::string> out;
  for (const auto& p : ParseCatalogueText(text, "c.toml", plan).problems) {
    out.push_back(p.ToString());
  }
  return out;
}

}  // namespace waymark::ingest::testing
