// The plan's composite index (the Family Friendly Index) from stored assessments: each index
// measure's catalogue indicators, values per area of the comparison set and year, the nominal
// build of src/index, each measure's contribution and the Monte Carlo rank bands.
// Method statement: docs/family-friendly-index.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "core/plan.h"
#include "core/progress.h"
#include "core/result.h"
#include "index/spec.h"
#include "store/store.h"

namespace waymark::assess {

// Command-line overrides of the plan's Monte Carlo settings.
struct IndexOptions {
  std::optional<int> runs;
  std::optional<std::uint64_t> seed;
  std::optional<int> sensitivity_runs;  // Saltelli base N; 0 skips the Sobol indices
};

// Everything the computation reads; references must outlive the call.
struct IndexInputs {
  const Plan& plan;
  const std::vector<Indicator>& indicators;
  const std::vector<Area>& areas;
  const std::vector<ComparatorGroup>& groups;
  const std::vector<Assessment>& assessments;
  // Other plans that declare an index with the same id (one index shared by plans): catalogue
  // indicators linked to plan `p` of these count for the measure of the same id here too.
  // Indicators of any other plan's catalogue never count.
  std::vector<std::string> sharing_plans = {};
};

// The ids of the plans other than `plan` whose index has the id of `plan`'s index.
std::vector<std::string> PlansSharingIndex(const Plan& plan, const std::vector<Plan>& others);

struct IndexComputation {
  store::IndexResults results;
  std::string home_area;            // the plan's own council ("" when not identified)
  std::size_t comparison_size = 0;  // areas in the comparison set
  std::size_t areas_scored = 0;     // areas with a score in at least one year
  std::vector<int> years;           // years with at least one score
  std::size_t failed_runs = 0;      // Monte Carlo runs whose method could not be computed
  double monte_carlo_seconds = 0;
  double sensitivity_seconds = 0;
  std::vector<std::string> notes;  // indicators left out and why
};

// The plan's own council: the council whose name the plan's organisation contains (the longest
// such name), else the owner of the only comparator group; "" when neither identifies one.
std::string HomeArea(const Plan& plan, const std::vector<Area>& areas,
                     const std::vector<ComparatorGroup>& groups);

// The nominal method of the plan's [index.method] over the FFI defaults (FfiNominalSpec).
// Carrying forward happens before the engine runs (see ComputeIndex), so the spec's panel step
// is "none". Errors: kValidation for an unknown method name.
Result<index::MethodSpec> NominalIndexSpec(const IndexMethod& method);

// Computes the plan's index. Errors: kNotFound when the plan has no [index]; kValidation when
// no measure has data or no area-year meets the coverage rule; engine errors otherwise.
// `progress` hears the runs done of all the Monte Carlo and sensitivity runs, with the stage.
Result<IndexComputation> ComputeIndex(const IndexInputs& inputs, const IndexOptions& options,
                                      Progress* progress = nullptr);

}  // namespace waymark::assess
