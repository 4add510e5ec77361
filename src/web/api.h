// The JSON API (/api/v1/...) with CSV variants (?format=csv) and its OpenAPI 3 document.
#pragma once

#include <string>
#include <string_view>

#include "web/http.h"
#include "web/plan_source.h"
#include "web/router.h"

namespace waymark::web {

// Registers every /api/v1 route on `router`.
void AddApiRoutes(Router& router, PlanSource& plans);

// {"error":{"status":S,"message":M[,"parameter":P]}} with status S.
Response ApiError(int status, std::string_view message, std::string_view parameter = {});
// Whether `text` can be an area code (GSS or older): 1 to 16 letters and digits.
bool IsAreaCode(std::string_view text);

// The OpenAPI 3.0 description of the API, as JSON text.
std::string OpenApiDocument();

}  // namespace waymark::web
