// The plan comparison's section on plan generations: for each step from an earlier plan to the
// plan that continues it, the aims carried over (and those not), and the indicators that
// persist across the step with Barnet's figures from the start of the earliest plan to the
// latest, so a reader sees the trend across the whole span.
#pragma once

#include <vector>

#include "core/plan_lineage.h"
#include "report/html.h"
#include "report/indicator_data.h"

namespace waymark::report {

// Nothing when `steps` is empty. `data` may be null (no figures loaded).
Html GenerationsSection(const std::vector<GenerationStep>& steps, const IndicatorData* data);

}  // namespace waymark::report
