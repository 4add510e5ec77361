// The OpenAPI 3.0 document of /api/v1, built as JSON so that it is always well formed.
#include <nlohmann/json.hpp>

#include "assess/inequality_export.h"
#include "core/comparison_basis.h"
#include "stats/gap.h"
#include "web/api.h"

namespace waymark::web {
namespace {

using nlohmann::json;

// Every comparison basis code, for the enum of comparison_basis_code ("" for judgements made
// before bases were kept).
json ComparisonBasisCodes() {
  json codes = json::array();
  for (int i = 0; i < kComparisonBasisCount; ++i) {
    codes.push_back(ComparisonBasisCode(static_cast<ComparisonBasis>(i)));
  }
  return codes;
}

json Ref(std::string_view schema) {
  return {{"$ref", "#/components/schemas/" + std::string(schema)}};
}

json FormatParam() {
  return {{"name", "format"},
          {"in", "query"},
          {"required", false},
          {"description",
           "json (default) or csv: the same rows as CSV, one row per item of the JSON list"},
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

json Query(std::string_view name, std::string_view description) {
  return json{{"name", std::string(name)},
              {"in", "query"},
              {"required", false},
              {"description", std::string(description)},
              {"schema", {{"type", "string"}}}};
}

// Actions and their updates: where each stands in a cycle, every update, and saving one.
json ActionPaths() {
  json paths;
  paths["/api/v1/actions"] = Operation(
      "listActions",
      "The plan's actions with where each stands in a reporting cycle (the current one unless "
      "?cycle= names another)",
      json::array({PlanParam(), Query("outcome", "Outcome id"),
                   Query("org", "Partner id: actions it is responsible for"),
                   Query("status",
                         "not-started, on-track, at-risk, off-track, complete, dropped, "
                         "no-update or overdue"),
                   Query("cycle", "Reporting cycle id")}),
      {{"200", Ok("The actions", "ActionList", false)},
       {"400", ErrorResponse("A parameter is not valid")},
       {"404", ErrorResponse("No such plan or cycle")}});
  json updates = Operation(
      "listActionUpdates",
      "Every update of the action the caller may see (drafts only for their writers), newest "
      "cycle first",
      json::array({IdParam("Action"), PlanParam()}),
      {{"200", Ok("The updates", "ActionUpdateList", false)},
       {"404", ErrorResponse("No such plan or action")}});
  json post = {
      {"operationId", "saveActionUpdate"},
      {"summary",
       "Saves (submit: false) or submits (submit: true) the action's update for the current "
       "cycle. Needs a bearer token of a partner whose organisation is responsible for the "
       "action, or of an analyst. version is the version read (0 when there was none)."},
      {"parameters", json::array({IdParam("Action"), PlanParam()})},
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", Ref("ActionUpdateInput")}}}}}}},
      {"responses",
       {{"200", Ok("The saved update", "ActionUpdate", false)},
        {"201", Ok("The first version of the update", "ActionUpdate", false)},
        {"400", ErrorResponse("The body is not JSON or has field errors (error.fields)")},
        {"401", ErrorResponse("No valid bearer token")},
        {"403", ErrorResponse("The token's user may not update this action")},
        {"404", ErrorResponse("No such plan or action")},
        {"409", ErrorResponse("No open cycle, a submitted (locked) update, or a newer version "
                              "(error.current holds it)")}}}};
  updates["post"] = std::move(post);
  paths["/api/v1/actions/{id}/updates"] = std::move(updates);
  return paths;
}

// Inequality gaps and slope indices by the catalogue's breakdowns.
json InequalityPaths() {
  const json params = json::array(
      {Query("indicator", "Indicator id (default: every indicator with breakdowns)"),
       Query("area", "Area code (GSS) (default: every area)"),
       Query("dimension",
             "A breakdown's label, e.g. Sex or Social care group (default: every breakdown)"),
       FormatParam()});
  json paths;
  paths["/api/v1/gaps"] = Operation(
      "listGaps",
      "Each group's gap against its breakdown's comparison group (absolute with 95% and 99.8% "
      "limits, relative with 95% limits) and the gap's recent trend, per area and period",
      params,
      {{"200", Ok("The gaps; a suppressed gap has null numbers", "GapList", true)},
       {"400", ErrorResponse("An unknown area or breakdown label, or a parameter not valid")},
       {"404", ErrorResponse("No such indicator")}});
  paths["/api/v1/slopes"] = Operation(
      "listSlopes",
      "The slope index of inequality (and relative index) across the ordered groups of each "
      "deprivation breakdown, per area, period, sex, age and category type",
      params,
      {{"200", Ok("The slope indices", "SlopeList", true)},
       {"400", ErrorResponse("An unknown area or breakdown label, or a parameter not valid")},
       {"404", ErrorResponse("No such indicator")}});
  return paths;
}

template <std::size_t N>
json Required(const std::array<std::string_view, N>& key) {
  json names = json::array();
  for (std::string_view name : key) names.push_back(std::string(name));
  return names;
}

json InequalitySchemas() {
  const json str = {{"type", "string"}};
  const json number = {{"type", "number"}, {"nullable", true}};
  json trends = json::array();
  for (stats::GapTrend t : {stats::GapTrend::kCannotBeCalculated, stats::GapTrend::kNarrowing,
                            stats::GapTrend::kWidening, stats::GapTrend::kNoSignificantChange}) {
    trends.push_back(std::string(stats::GapTrendLabel(t)));
  }
  json schemas;
  // indicator, dimension, area_code, period and the group's breakdown are each gap's key.
  schemas["Gap"] = {
      {"type", "object"},
      {"required", Required(assess::kGapKey)},
      {"properties",
       {{"indicator", str},
        {"dimension", {{"type", "string"}, {"description", "The breakdown's label"}}},
        {"dimension_kind",
         {{"type", "string"}, {"description", "sex, age, deprivation, social-care-group, ..."}}},
        {"area_code", str},
        {"period", str},
        {"sex", str},
        {"age", str},
        {"category_type", str},
        {"category", str},
        {"group", str},
        {"comparison", {{"type", "string"}, {"description", "The group compared with"}}},
        {"group_value", number},
        {"comparison_value", number},
        {"gap", {{"type", "number"}, {"nullable", true}, {"description", "group − comparison"}}},
        {"gap_lower_95", number},
        {"gap_upper_95", number},
        {"gap_lower_99_8", number},
        {"gap_upper_99_8", number},
        {"gap_method", str},
        {"ratio", {{"type", "number"}, {"nullable", true}, {"description", "group ÷ comparison"}}},
        {"ratio_lower_95", number},
        {"ratio_upper_95", number},
        {"ratio_method", str},
        {"trend", {{"type", "string"}, {"enum", trends}}},
        {"suppressed",
         {{"type", "boolean"},
          {"description", "A figure of either group is suppressed: every number is null"}}},
        {"note", {{"type", "string"}, {"description", "Why a number is missing"}}}}}};
  schemas["GapList"] = {
      {"type", "object"},
      {"properties", {{"data", {{"type", "array"}, {"items", Ref("Gap")}}}}}};
  // indicator, dimension, area_code, period, sex, age and category_type are each slope's key.
  schemas["Slope"] = {
      {"type", "object"},
      {"required", Required(assess::kSlopeKey)},
      {"properties",
       {{"indicator", str},
        {"dimension", str},
        {"area_code", str},
        {"period", str},
        {"sex", str},
        {"age", str},
        {"category_type", str},
        {"groups", {{"type", "integer"}, {"description", "The groups with a figure"}}},
        {"sii",
         {{"type", "number"},
          {"nullable", true},
          {"description", "In the indicator's units, from the first group's end to the last's"}}},
        {"sii_lower_95", number},
        {"sii_upper_95", number},
        {"intercept", number},
        {"rii", number},
        {"rii_lower_95", number},
        {"rii_upper_95", number},
        {"note", {{"type", "string"}, {"description", "Why the slope is missing"}}}}}};
  schemas["SlopeList"] = {
      {"type", "object"},
      {"properties", {{"data", {{"type", "array"}, {"items", Ref("Slope")}}}}}};
  return schemas;
}

// The schemas of actions and updates.
json ActionSchemas() {
  const json str = {{"type", "string"}};
  const json nullable_str = {{"type", "string"}, {"nullable", true}};
  const json strings = {{"type", "array"}, {"items", str}};
  const json status = {{"type", "string"},
                       {"enum", {"not-started", "on-track", "at-risk", "off-track", "complete",
                                 "dropped"}}};
  json schemas;
  schemas["ActionUpdateInput"] = {
      {"type", "object"},
      {"required", {"version"}},
      {"properties",
       {{"status", status},
        {"narrative", {{"type", "string"}, {"maxLength", 5000}}},
        {"evidence", {{"type", "array"}, {"items", {{"type", "string"}, {"format", "uri"}}}}},
        {"next_steps", {{"type", "string"}, {"maxLength", 2000}}},
        {"expected_completion", {{"type", "string"}, {"format", "date"}}},
        {"version", {{"type", "integer"}, {"minimum", 0}}},
        {"submit", {{"type", "boolean"}, {"default", false}}}}}};
  schemas["ActionUpdate"] = {
      {"type", "object"},
      {"properties",
       {{"cycle", {{"type", "integer"}}},
        {"plan", str},
        {"action", str},
        {"state", {{"type", "string"}, {"enum", {"draft", "submitted"}}}},
        {"version", {{"type", "integer"}}},
        {"status", status},
        {"narrative", str},
        {"evidence", strings},
        {"next_steps", str},
        {"expected_completion", nullable_str},
        {"organisation", str},
        {"author_name", str},
        {"author", {{"type", "string"}, {"description", "Email; only for signed-in callers"}}},
        {"updated_at", str},
        {"submitted_at", nullable_str},
        {"reopened_reason", nullable_str}}}};
  schemas["ActionUpdateList"] = {
      {"type", "object"},
      {"properties",
       {{"plan", str},
        {"action", str},
        {"updates", {{"type", "array"}, {"items", Ref("ActionUpdate")}}}}}};
  schemas["ReportingCycle"] = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"name", str},
        {"from", str},
        {"to", str},
        {"due", str},
        {"state", {{"type", "string"}, {"enum", {"open", "closed"}}}}}}};
  schemas["ActionList"] = {
      {"type", "object"},
      {"properties",
       {{"plan", str},
        {"cycle", Ref("ReportingCycle")},
        {"actions",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"id", str},
              {"title", str},
              {"outcome", str},
              {"objective", str},
              {"responsible", strings},
              {"monitoring", strings},
              {"standing", str},
              {"overdue", {{"type", "boolean"}}},
              {"update_state", nullable_str},
              {"update_version", {{"type", "integer"}}},
              {"evidence_disagrees", {{"type", "boolean"}}}}}}}}}}}};
  return schemas;
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
  const auto query = Query;
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
  paths.update(InequalityPaths());
  paths.update(ActionPaths());
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
  // indicator, area_code, period and the breakdown are each judgement's key.
  schemas["Assessment"] = {{"type", "object"},
                           {"required",
                            {"indicator", "area_code", "period", "sex", "age", "category_type",
                             "category"}},
                           {"additionalProperties", true},
                           {"properties",
                            {{"indicator", str},
                             {"area_code", str},
                             {"period", str},
                             {"sex", str},
                             {"age", str},
                             {"category_type",
                              {{"type", "string"},
                               {"description",
                                "The set the category belongs to, e.g. \"County & UA "
                                "deprivation deciles in England (IMD2019, 4/23 geography)\": "
                                "two sets may share category names"}}},
                             {"category", str},
                             {"value", number},
                             {"lower_95", number},
                             {"upper_95", number},
                             {"suppressed", {{"type", "boolean"}}},
                             {"compared_to_england", str},
                             {"comparison_basis", str},
                             {"comparison_basis_code",
                              {{"type", "string"},
                               {"enum", ComparisonBasisCodes()},
                               {"description",
                                "How compared_to_england was judged: an interval test "
                                "(wilson-95, byar-95, source-interval), the council's fifth "
                                "among English councils (quintile), or why no comparison was "
                                "made."}}},
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

// A plan's fact as data (core/fact.h): the figure with its unit, or words, or not stated.
json FactSchema() {
  const json& str = kString;
  return {
      {"type", "object"},
      {"properties",
       {{"label", str},
        {"value", {{"type", "string"},
                   {"description", "as shown: the figure in its unit, the words, or \"not stated\""}}},
        {"figure", {{"type", "number"}, {"nullable", true}}},
        {"unit", {{"type", "string"}, {"nullable", true}, {"enum", {"percent", "number", "rank"}}}},
        {"stated", {{"type", "boolean"}}},
        {"period", str},
        {"area", {{"type", "string"}, {"description", "GSS code; empty for none"}}},
        {"comparators",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties", {{"area", str}, {"figure", {{"type", "number"}}}}}}}}},
        {"source", str},
        {"indicator", {{"type", "string"}, {"nullable", true}}},
        {"detail", str}}}};
}

// Plans and their outcomes, objectives and actions.
json PlanSchemas() {
  const json& str = kString;
  const json strings = {{"type", "array"}, {"items", str}};
  json schemas;
  const json date = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  schemas["Period"] = {
      {"type", "object"},
      {"description",
       "The period the plan covers; start and end are both null when the plan states none"},
      {"required", {"start", "end"}},
      {"properties", {{"start", date}, {"end", date}}}};
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
                         {"monitoring_ids", strings},
                         {"also_serves", strings},
                         {"principles", strings},
                         {"badges", strings}}}};
  schemas["Measure"] = {
      {"type", "object"},
      {"properties",
       {{"id", str},
        {"title", str},
        {"direction",
         {{"type", "string"}, {"enum", {"increase", "decrease", "maintain", "not stated"}}}},
        {"baseline", str},
        {"target", str}}}};
  schemas["Objective"] = {{"type", "object"},
                          {"properties",
                           {{"id", str},
                            {"title", str},
                            {"description", str},
                            {"continues", strings},
                            {"measures", {{"type", "array"}, {"items", Ref("Measure")}}},
                            {"actions", {{"type", "array"}, {"items", Ref("Action")}}}}}};
  schemas["Outcome"] = {{"type", "object"},
                        {"properties",
                         {{"id", str},
                          {"title", str},
                          {"description", str},
                          {"kind", str},
                          {"badge", {{"type", "string"}, {"nullable", true}}},
                          {"continues", strings},
                          {"across", strings},
                          {"facts", {{"type", "array"}, {"items", Ref("Fact")}}},
                          {"voice", strings},
                          {"measures", {{"type", "array"}, {"items", Ref("Measure")}}},
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
                       {"ambition", str},
                       {"summary", str},
                       {"continues", {{"type", "string"}, {"nullable", true}}},
                       {"facts", {{"type", "array"}, {"items", Ref("Fact")}}},
                       {"principles", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                       {"badges", {{"type", "array"}, {"items", Ref("Badge")}}},
                       {"partners", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                       {"bodies", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                       {"governance", {{"type", "array"}, {"items", Ref("GovernanceRole")}}},
                       {"texts", {{"type", "array"}, {"items", Ref("PlanText")}}},
                       {"outcomes", {{"type", "array"}, {"items", Ref("Outcome")}}},
                       {"strategies", {{"type", "array"}, {"items", Ref("Strategy")}}}}}};
  return schemas;
}

// The parts of a plan beside its outcomes: badges, texts, governance and strategies.
json PlanPartSchemas() {
  const json& str = kString;
  const json strings = {{"type", "array"}, {"items", str}};
  json schemas;
  schemas["Badge"] = {{"type", "object"},
                      {"properties",
                       {{"id", str},
                        {"title", str},
                        {"description", str},
                        {"foundational", {{"type", "boolean"}}}}}};
  const json nullable_str = {{"type", "string"}, {"nullable", true}};
  schemas["PlanText"] = {
      {"type", "object"},
      {"properties",
       {{"kind",
         {{"type", "string"}, {"enum", {"foreword", "welcome", "introduction", "pledge"}}}},
        {"title", str},
        {"text", str},
        {"by", str},
        {"role", str},
        {"signatories", strings},
        {"signatory_ids", strings}}}};
  schemas["GovernanceRole"] = {
      {"type", "object"},
      {"description", "A body's part in governing the plan; body is null when the plan names none"},
      {"properties", {{"body", nullable_str}, {"role", str}}}};
  schemas["Strategy"] = {
      {"type", "object"},
      {"description",
       "A strategy that builds on the plan, with its governance; null where the source does not "
       "say"},
      {"properties",
       {{"id", str},
        {"title", str},
        {"description", str},
        {"period", str},
        {"owner", nullable_str},
        {"overseen_by", nullable_str},
        {"approved_by", nullable_str},
        {"approved_on",
         {{"type", "string"},
          {"nullable", true},
          {"pattern", "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
          {"description", "YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source"}}},
        {"aims_by", {{"type", "integer"}, {"nullable", true}}},
        {"outcomes", strings},
        {"objectives",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"id", str},
              {"title", str},
              {"kind", {{"type", "string"}, {"enum", {"objective", "priority", "ambition", "theme"}}}},
              {"outcomes", strings}}}}}}}}}};
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
  schemas.update(PlanPartSchemas());
  schemas["Fact"] = FactSchema();
  schemas.update(ActionSchemas());
  schemas.update(InequalitySchemas());
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
         "Access to the Children and Young People's Plans held by this Waymark server, and "
         "the action updates of the partnership (POST /api/v1/actions/{id}/updates). Every endpoint answers JSON, or CSV with ?format=csv. Bad parameters give "
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
