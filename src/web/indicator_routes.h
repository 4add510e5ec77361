// Routes of the indicator side of the dashboard: the pages (/indicators, /indicators/{id},
// /compare, /compare/{indicator}, /areas/{code}) and the API (/api/v1/indicators,
// /api/v1/indicators/{id}/data, /api/v1/areas, /api/v1/assessments), each API route also as CSV.
#pragma once

#include "web/indicator_source.h"
#include "web/router.h"

namespace waymark::web {

void AddIndicatorPages(Router& router, IndicatorSource& source);
void AddIndicatorApi(Router& router, IndicatorSource& source);

}  // namespace waymark::web
