// Plan files: reads a plan's TOML text into the plan model and checks every rule of
// docs/plan-format.md, reporting each problem with its file, line and column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/plan.h"
#include "core/result.h"

namespace waymark::ingest {

// The outcome of reading one plan file: a plan only when there are no problems.
struct PlanFileReport {
  std::optional<Plan> plan;
  Diagnostics problems;  // in file order; empty when `plan` is set

  bool ok() const { return plan.has_value(); }
};

// Parses and validates TOML text; `file_name` is used in positions only.
PlanFileReport ParsePlanText(std::string_view text, const std::string& file_name);

// Reads the file at `path` and parses it. An unreadable or empty file is one problem.
PlanFileReport ReadPlanFile(const std::string& path);

// The largest file ReadTextFile reads.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t{256} << 20;

// Reads a whole file into memory; errors name the file. A file larger than kMaxTextFileBytes
// is refused before it is read.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace waymark::ingest
