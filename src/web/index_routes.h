// The composite index in the dashboard (/index) and the API (/api/v1/index), read from the
// results that `waymark index compute` stored.
#pragma once

#include "web/indicator_source.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

void AddIndexRoutes(Router& router, PlanSource& plans, IndicatorSource& indicators);

}  // namespace waymark::web
