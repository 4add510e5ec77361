// The inequality API: /api/v1/gaps (each group's gap against its comparison group) and
// /api/v1/slopes (the slope index of inequality across ordered deprivation groups), by the
// breakdowns the catalogue declares, as JSON or CSV (?format=csv); ?indicator=, ?area= and
// ?dimension= (a breakdown's label) choose the rows.
#pragma once

#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

void AddInequalityApi(Router& router, PlanSource& plans);

}  // namespace waymark::web
