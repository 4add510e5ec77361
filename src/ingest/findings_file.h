// Findings files (docs/findings-format.md): what children and young people told the
// partnership, as TOML, each finding with its answers. Every problem is reported as
// FILE:LINE:COL: the shape here (unknown keys, types, names of sources and answer kinds, a
// missing or repeated key), and, when the plan is given, core's CheckFinding rules, each placed
// at the key of the field it names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/plan.h"
#include "core/result.h"

namespace waymark::ingest {

// The outcome of reading one findings file: findings only when there are no problems.
struct FindingsFileReport {
  std::vector<Finding> findings = {};  // in file order, each with `plan_id` = the plan's id
  Diagnostics problems = {};           // in file order

  bool ok() const { return problems.empty(); }
};

// Parses and checks TOML text against `plan` (the findings are the plan's); `file_name` is
// used in positions only.
FindingsFileReport ParseFindingsText(std::string_view text, const std::string& file_name,
                                     const Plan& plan);

// Reads the file at `path` and parses it. An unreadable or empty file is one problem.
FindingsFileReport ReadFindingsFile(const std::string& path, const Plan& plan);

}  // namespace waymark::ingest
