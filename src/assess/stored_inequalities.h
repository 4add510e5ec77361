// The judged figures an indicator's inequalities are computed from, read from the store in one
// place for the command line, the API and the pages; the computation (inequalities.h) then runs
// outside the store's lock.
#pragma once

#include <string_view>
#include <vector>

#include "assess/inequalities.h"
#include "store/store.h"

namespace waymark::assess {

struct InequalityInputs {
  Indicator indicator;
  std::vector<Assessment> assessments;  // the figures of its breakdowns only
};

// The indicator `id` and its judged figures that belong to one of its breakdowns (of `area`
// only, unless ""). kNotFound for an unknown indicator; an indicator without breakdowns has no
// figures here.
Result<InequalityInputs> LoadInequalityInputs(store::Store& store, std::string_view id,
                                              std::string_view area);

// The catalogue's indicators that declare at least one breakdown, in catalogue order.
Result<std::vector<Indicator>> IndicatorsWithBreakdowns(store::Store& store);

// Every gap of `area` in every indicator with breakdowns (no slope indices: they take time),
// in catalogue order: what board reports and the plan's gaps list show.
Result<std::vector<GapRow>> AreaGaps(store::Store& store, std::string_view area);

}  // namespace waymark::assess
