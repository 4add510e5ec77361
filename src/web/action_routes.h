// Routes of the partnership at work. Pages: GET /my-actions (what the user's organisation owes
// this cycle), GET /actions/{id} (the action, its evidence and every update), GET and POST
// /actions/{id}/update (the update form: save a draft or submit), POST /actions/{id}/reopen
// (analysts reopen a submitted update with a reason); GET /cycles, POST /cycles (open one),
// GET /cycles/{id} (completion by organisation, ?format=csv) and POST /cycles/{id}/close.
// API: GET /api/v1/actions, GET and POST /api/v1/actions/{id}/updates.
#pragma once

#include "core/clock.h"
#include "web/indicator_source.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

struct ProgressRoutes {
  PlanSource& plans;
  IndicatorSource& indicators;
  const Clock& clock;
};

void AddActionPages(Router& router, const ProgressRoutes& routes);
void AddCyclePages(Router& router, const ProgressRoutes& routes);
void AddActionApi(Router& router, const ProgressRoutes& routes);
// Board reports (report_routes.cc): /reports, /reports/new, /reports/{id} and its document,
// downloads and sign-off steps.
void AddReportPages(Router& router, const ProgressRoutes& routes);
// The analyst's commentary for board reports (commentary_routes.cc): /reports/commentary and
// its form; registered before AddReportPages, whose /reports/{id} would take the path.
void AddCommentaryPages(Router& router, const ProgressRoutes& routes);

}  // namespace waymark::web
