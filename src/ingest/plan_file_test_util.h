// Helper of the plan file tests: a plan text's problems as "FILE:LINE:COL: message" strings.
#pragma once

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

}  // namespace waymark::ingest::testing
