// The assessment engine: derives every judgement for every observation of an indicator — the
// value and its intervals, comparison with England and the region, the recent trend, the
// quintile among English councils, ranks among London boroughs and statistical neighbours, and
// RAG against targets — with the official public-health methods of src/stats.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assess/geography.h"
#include "core/assessment.h"
#include "core/indicator.h"
#include "core/progress.h"
#include "core/result.h"

namespace waymark::assess {

// Every judgement for `observations` of `indicator` (any order). Observations of other
// indicators are ignored.
std::vector<Assessment> AssessIndicator(const Indicator& indicator,
                                        std::span<const Observation> observations,
                                        const Geography& geography);

// Every judgement for every indicator, in compact form (rows in catalogue order, then in the
// order given within an indicator); observations may be in any order. Indicators are split
// between threads. `progress` hears, on the calling thread, how many of the catalogue
// indicators' observations are judged: at the start, as each of the calling thread's
// indicators is done, and at the end.
AssessmentTable AssessAll(const std::vector<Indicator>& indicators,
                                  std::span<const Observation> observations,
                                  const Geography& geography, Progress* progress = nullptr);

}  // namespace waymark::assess
