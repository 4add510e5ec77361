// "You said, we did" routes (finding_routes.cc): the analysts' /findings pages and the public
// /young-people page.
#pragma once

#include "web/action_routes.h"
#include "web/router.h"

namespace waymark::web {

void AddFindingRoutes(Router& router, const ProgressRoutes& routes);

}  // namespace waymark::web
