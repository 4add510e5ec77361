// The OpenAPI 3.0 document of /api/v1, built as JSON so that it is always well formed.
#include <nlohmann/json.hpp>

#include "web/api.h"

namespace waymark::web {
namespace {

using nlohmann::json;

json Ref(std::string_view schema) {
  return {{"$ref", "#/components/schemas/" + std::string(schema)}};
}

json FormatParam() {
  return {{"name", "format"},
          {"in", "query"},
          {"required", false},
          {"description", "json (default) or csv: the same data as CSV, one row per action"},
          {"schema", {{"type", "string"}, {"enum", {"json", "csv"}}, {"default", "json"}}}};
}

json PlanParam() {
  return {{"name", "plan"},
          {"in", "query"},
          {"required", false},
          {"description", "Plan id; the default plan (latest published) when absent"},
          {"schema", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]{0,63}$"}}}};
}

json IdParam(std::string_view what) {
  return {{"name", "id"},
          {"in", "path"},
          {"required", true},
          {"description", std::string(what) + " id"},
          {"schema", {{"type", "string"}}}};
}

json ErrorResponse(std::string_view description) {
  return {{"description", std::string(description)},
          {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
}

json Ok(std::string_view description, std::string_view schema, bool csv) {
  json content = {{"application/json", {{"schema", Ref(schema)}}}};
  if (csv) content["text/csv"] = {{"schema", {{"type", "string"}}}};
  return {{"description", std::string(description)}, {"content", content}};
}

json Operation(std::string_view id, std::string_view summary, json params, json responses) {
  responses["401"] =
      ErrorResponse("The bearer token is not valid, has been revoked or has expired");
  return {{"get",
           {{"operationId", std::string(id)},
            {"summary", std::string(summary)},
            {"parameters", std::move(params)},
            {"responses", std::move(responses)}}}};
}

json Paths() {
  json paths;
  paths["/api/v1/plans"] =
      Operation("listPlans", "Every plan in the database", json::array({FormatParam()}),
                {{"200", Ok("The plans", "PlanList", true)},
                 {"400", ErrorResponse("A parameter is not valid")}});
  paths["/api/v1/plans/{id}"] =
      Operation("getPlan", "One plan with its outcomes, objectives and actions",
                json::array({IdParam("Plan"), FormatParam()}),
                {{"200", Ok("The plan", "Plan", true)},
                 {"400", ErrorResponse("A parameter is not valid")},
                 {"404", ErrorResponse("No such plan")}});
  paths["/api/v1/outcomes/{id}"] =
      Operation("getOutcome", "One outcome of a plan with its objectives and actions",
                json::array({IdParam("Outcome"), PlanParam(), FormatParam()}),
                {{"200", Ok("The outcome", "OutcomeInPlan", true)},
                 {"400", ErrorResponse("A parameter is not valid")},
                 {"404", ErrorResponse("No such plan or outcome")}});
  auto query = [](std::string_view name, std::string_view description) {
    return json{{"name", std::string(name)},
                {"in", "query"},
                {"required", false},
                {"description", std::string(description)},
                {"schema", {{"type", "string"}}}};
  };
  paths["/api/v1/indicators"] = Operation(
      "listIndicators", "The indicator catalogue",
      json::array({query("q", "Words that every indicator listed contains"), FormatParam()}),
      {{"200", Ok("The indicators", "IndicatorList", true)},
       {"400", ErrorResponse("A parameter is not valid")}});
  paths["/api/v1/indicators/{id}/data"] = Operation(
      "getIndicatorData", "An indicator's figures and judgements (headline breakdown)",
      json::array({IdParam("Indicator"), query("area", "Area code (GSS), e.g. E09000003"),
                   query("period", "Period label, e.g. 2022/23"), FormatParam()}),
      {{"200", Ok("The figures; suppressed figures have null values", "AssessmentList", true)},
       {"400", ErrorResponse("A parameter is not valid")},
       {"404", ErrorResponse("No such indicator")}});
  paths["/api/v1/areas"] =
      Operation("listAreas", "Areas with their type and parent", json::array({FormatParam()}),
                {{"200", Ok("The areas", "AreaList", true)},
                 {"400", ErrorResponse("A parameter is not valid")}});
  paths["/api/v1/assessments"] = Operation(
      "listAssessments", "Judgements for an indicator, an area or both (at least one)",
      json::array(
          {query("indicator", "Indicator id"), query("area", "Area code (GSS)"), FormatParam()}),
      {{"200", Ok("The judgements; suppressed figures have null values", "AssessmentList", true)},
       {"400", ErrorResponse("A parameter is not valid")}});
  paths["/api/v1/index"] = Operation(
      "getIndex",
      "The plan's composite index (Family Friendly Index): score, rank and Monte Carlo rank "
      "band per area and year, each measure's score and contribution, and the method",
      json::array({PlanParam(), query("year", "Year, e.g. 2024 (default: every year)"),
                   query("area", "Area code (GSS) (default: every area)"), FormatParam()}),
      {{"200", Ok("The index results", "IndexResults", true)},
       {"400", ErrorResponse("A parameter is not valid")},
       {"404", ErrorResponse("No such plan or area, no index, or the index is not computed")}});
  paths["/api/v1/openapi.json"] =
      Operation("getOpenApi", "This document", json::array(),
                {{"200",
                  {{"description", "OpenAPI 3.0 document"},
                   {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}});
  return paths;
}

const json kString = {{"type", "string"}};

// Errors, indicators, areas, judgements and the composite index.
json DataSchemas() {
  const json& str = kString;
  json schemas;
  schemas["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"status", "message"}},
          {"properties",
           {{"status", {{"type", "integer"}}},
            {"message", str},
            {"parameter", {{"type", "string"}, {"description", "The parameter at fault"}}}}}}}}}};
  schemas["Indicator"] = {{"type", "object"},
                          {"required", {"id", "title"}},
                          {"additionalProperties", true},
                          {"properties", {{"id", str}, {"title", str}, {"definition", str}}}};
  schemas["IndicatorList"] = {
      {"type", "object"},
      {"properties", {{"indicators", {{"type", "array"}, {"items", Ref("Indicator")}}}}}};
  schemas["Area"] = {{"type", "object"},
                     {"required", {"code", "name"}},
                     {"additionalProperties", true},
                     {"properties", {{"code", str}, {"name", str}, {"type", str}}}};
  schemas["AreaList"] = {{"type", "object"},
                         {"properties", {{"areas", {{"type", "array"}, {"items", Ref("Area")}}}}}};
  const json number = {{"type", "number"}, {"nullable", true}};
  schemas["Assessment"] = {{"type", "object"},
                           {"additionalProperties", true},
                           {"properties",
                            {{"indicator", str},
                             {"area_code", str},
                             {"period", str},
                             {"value", number},
                             {"lower_95", number},
                             {"upper_95", number},
                             {"suppressed", {{"type", "boolean"}}},
                             {"compared_to_england", str},
                             {"recent_trend", str}}}};
  schemas["AssessmentList"] = {
      {"type", "object"},
      {"properties", {{"data", {{"type", "array"}, {"items", Ref("Assessment")}}}}}};
  schemas["IndexRow"] = {{"type", "object"},
                         {"properties",
                          {{"area_code", str},
                           {"area_name", str},
                           {"year", {{"type", "integer"}}},
                           {"score", number},
                           {"rank", number},
                           {"rank_median", number},
                           {"rank_p05", number},
                           {"rank_p95", number},
                           {"measures",
                            {{"type", "object"},
                             {"additionalProperties",
                              {{"type", "object"},
                               {"properties", {{"score", number}, {"contribution", number}}}}}}}}}};
  schemas["IndexResults"] = {
      {"type", "object"},
      {"properties",
       {{"plan", str},
        {"index", {{"type", "object"}, {"properties", {{"id", str}, {"title", str}}}}},
        {"home_area", str},
        {"method", {{"type", "object"}, {"additionalProperties", true}}},
        {"rows", {{"type", "array"}, {"items", Ref("IndexRow")}}}}}};
  return schemas;
}

// Plans and their outcomes, objectives and actions.
json PlanSchemas() {
  const json& str = kString;
  const json strings = {{"type", "array"}, {"items", str}};
  json schemas;
  schemas["Period"] = {{"type", "object"},
                       {"properties",
                        {{"start", {{"type", "string"}, {"format", "date"}}},
                         {"end", {{"type", "string"}, {"format", "date"}}}}}};
  schemas["PlanSummary"] = {
      {"type", "object"},
      {"required", {"id", "title", "status"}},
      {"properties",
       {{"id", str},
        {"title", str},
        {"organisation", str},
        {"status", str},
        {"period", Ref("Period")},
        {"revision", {{"type", "integer"}}},
        {"updated_at", str},
        {"links", {{"type", "object"}, {"properties", {{"self", str}, {"html", str}}}}}}}};
  schemas["PlanList"] = {
      {"type", "object"},
      {"properties",
       {{"plans", {{"type", "array"}, {"items", Ref("PlanSummary")}}}, {"default_plan", str}}}};
  schemas["Action"] = {{"type", "object"},
                       {"properties",
                        {{"id", str},
                         {"title", str},
                         {"responsible", strings},
                         {"monitoring", strings},
                         {"responsible_ids", strings},
                         {"monitoring_ids", strings}}}};
  schemas["Objective"] = {{"type", "object"},
                          {"properties",
                           {{"id", str},
                            {"title", str},
                            {"description", str},
                            {"measures", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                            {"actions", {{"type", "array"}, {"items", Ref("Action")}}}}}};
  schemas["Outcome"] = {{"type", "object"},
                        {"properties",
                         {{"id", str},
                          {"title", str},
                          {"description", str},
                          {"kind", str},
                          {"facts", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                          {"voice", strings},
                          {"objectives", {{"type", "array"}, {"items", Ref("Objective")}}}}}};
  schemas["Plan"] = {{"type", "object"},
                     {"required", {"id", "title", "outcomes"}},
                     {"properties",
                      {{"id", str},
                       {"title", str},
                       {"organisation", str},
                       {"status", str},
                       {"period", Ref("Period")},
                       {"vision", str},
                       {"summary", str},
                       {"principles", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                       {"partners", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                       {"bodies", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                       {"outcomes", {{"type", "array"}, {"items", Ref("Outcome")}}}}}};
  schemas["OutcomeInPlan"] = {
      {"type", "object"},
      {"properties",
       {{"plan", {{"type", "object"}, {"properties", {{"id", str}, {"title", str}}}}},
        {"outcome", Ref("Outcome")}}}};
  return schemas;
}

json Schemas() {
  json schemas = DataSchemas();
  schemas.update(PlanSchemas());
  return schemas;
}

}  // namespace

std::string OpenApiDocument() {
  const json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Waymark API"},
        {"version", "1.0.0"},
        {"description",
         "Read-only access to the Children and Young People's Plans held by this Waymark "
         "server. Every endpoint answers JSON, or CSV with ?format=csv. Bad parameters give "
         "400 with an error naming the parameter; unknown ids give 404. Without a token the "
         "API shows what the public may see: draft plans are unknown (404) and left out of "
         "lists. With 'Authorization: Bearer TOKEN' (a token from 'waymark token create') a "
         "request acts as the token's user; a token that is not valid, revoked or expired "
         "gives 401."}}},
      {"paths", Paths()},
      {"security", json::array({json::object(), {{"bearerAuth", json::array()}}})},
      {"components",
       {{"schemas", Schemas()},
        {"securitySchemes",
         {{"bearerAuth",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description",
             "An API token made with 'waymark token create EMAIL --name NAME'"}}}}}}}};
  return doc.dump(2) + "\n";
}

}  // namespace waymark::web
