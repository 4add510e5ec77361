// Routes for operators and their tools: /readyz (ready to serve: the database answers and its
// schema is this program's; for load balancers) and /metrics (web/metrics.h, for Prometheus),
// and the rule of internal routes (Router::AddInternal): a request from this machine, or a
// principal with the route's permission, else 404. /healthz (the process is alive) is in site.cc.
#pragma once

#include <optional>

#include "core/access.h"
#include "web/http.h"
#include "web/metrics.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

void AddOpsRoutes(Router& router, PlanSource& plans, const Metrics& metrics);

// True when `address` is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x.x.x).
bool IsLoopback(std::string_view address);

// True for a request from this machine: its client address is loopback and it names no
// forwarded client (X-Forwarded-For, Forwarded, X-Real-IP), so that a proxy on the same
// machine does not make every outside request local.
bool IsLocalRequest(const Request& request);

// The 404 for a request to an internal route that is neither local nor from a principal with
// `permission`; nullopt when it may have the route.
std::optional<Response> InternalRefusal(const Request& request, Permission permission);

}  // namespace waymark::web
