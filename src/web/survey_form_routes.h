// The survey response form for children and young people, with no account: GET /s lists the
// surveys open today; GET /s/{code} starts one (choose the age group for the wording, then the
// introduction and consent); POST /s/{code} moves through the pages, "check your answers" and
// sending (then 303 to GET /s/{code}/sent). The answers travel in the form; the response is
// stored only when sent, with the day and nothing else (no address, agent or time; see
// store.h), and nothing about it is logged or audited.
#pragma once

#include "core/clock.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

void AddSurveyFormRoutes(Router& router, PlanSource& plans, const Clock& clock);

}  // namespace waymark::web
