// Routes of the signed-in side: GET and POST /sign-in (with a button for each identity
// provider, web/oidc_routes.h), POST /sign-out, and the audit log for
// administrators (GET /admin/audit, as CSV with ?format=csv).
#pragma once

#include "web/auth.h"
#include "web/oidc_client.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

void AddAccountRoutes(Router& router, Auth& auth, PlanSource& plans, OidcClient& oidc);

}  // namespace waymark::web
