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

// A record of the plan this plan continues, as a `continues` key names it, with where: the
// earlier plan is another file, so its ids are checked when it is at hand (CheckContinued).
struct ContinuedId {
  std::string kind;  // "outcome" or "objective"
  std::string id;    // the earlier plan's record
  std::string by;    // the record of this plan that names it
  SourcePos pos;
};

// The outcome of reading one plan file: a plan only when there are no problems.
struct PlanFileReport {
  std::optional<Plan> plan;
  Diagnostics problems;  // in file order; empty when `plan` is set
  std::vector<ContinuedId> continued = {};  // every id a `continues` key names

  bool ok() const { return plan.has_value(); }
};

// Parses and validates TOML text; `file_name` is used in positions only.
PlanFileReport ParsePlanText(std::string_view text, const std::string& file_name);

// The problems of `report`'s `continues` keys against the plan its [plan] continues: each id
// must be a record of that kind in `earlier`. Empty when every id is found.
Diagnostics CheckContinued(const PlanFileReport& report, const Plan& earlier);

// Reads the file at `path` and parses it. An unreadable or empty file is one problem.
PlanFileReport ReadPlanFile(const std::string& path);

// The largest file ReadTextFile reads.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t{256} << 20;

// Reads a whole file into memory; errors name the file. A file larger than kMaxTextFileBytes
// is refused before it is read.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace waymark::ingest
