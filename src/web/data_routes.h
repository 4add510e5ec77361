// Routes for putting figures in from the browser: a local measure's figures
// (GET and POST /indicators/{id}/figures: partner users of the owning organisation and
// analysts) and the upload of a data file (GET and POST /data/import: analysts), whose POST
// body the server streams to disk (Router::AddUpload).
#pragma once

#include "core/clock.h"
#include "web/indicator_source.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

void AddDataRoutes(Router& router, PlanSource& plans, IndicatorSource& indicators,
                   const Clock& clock);

}  // namespace waymark::web
