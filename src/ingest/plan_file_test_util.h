// Helpers of the plan file tests: a plan text's problems as "FILE:LINE:COL: message" strings,
// and a text with one passage replaced (the test fails when the passage is not there).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/plan_file.h"

namespace waymark::ingest::testing {

inline std::vector<std::string> Problems(std::string_view text) {
  const auto report = ParsePlanText(text, "p.toml");
  std::vector<std::string> out;
  for (const auto& p : report.problems) out.push_back(p.ToString());
  return out;
}

inline std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace waymark::ingest::testing
