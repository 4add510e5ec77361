// Routes of survey results (survey_results_routes.cc): GET /surveys (analysts), GET
// /surveys/{id}/results?wave=&by= with its downloads /surveys/{id}/results.csv?wave=&table= and
// /surveys/{id}/results.xlsx?wave= (analysts: any wave; everyone else: published waves only,
// any other is 404), POST /surveys/{id}/publish and /unpublish (analysts), and the review of
// written answers GET and POST /surveys/{id}/free-text?wave= (analysts; answers flagged for
// safeguarding only for holders of the safeguarding permission, core/access.h).
#pragma once

#include "web/action_routes.h"
#include "web/router.h"

namespace waymark::web {

// Every route above; the review of written answers through AddSurveyReviewPages.
void AddSurveyResultsPages(Router& router, const ProgressRoutes& routes);
// GET and POST /surveys/{id}/free-text (survey_review_routes.cc).
void AddSurveyReviewPages(Router& router, const ProgressRoutes& routes);

}  // namespace waymark::web
