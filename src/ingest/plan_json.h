// The plan as JSON: the shape of `waymark plan show --format json` and of the API.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/plan.h"
#include "core/result.h"

namespace waymark::ingest {

// {"id","title","organisation","status","period":{"start","end"} (each null when the plan
//  states no period),"vision","ambition","summary",
//  "principles":[...],"partners":[...],"bodies":[...],"participation":[...],
//  "facts":[{"label","value" (as shown),"figure","unit" (null for words or not stated),
//  "stated","period","area","comparators":[{"area","figure"}],"source","indicator","detail"}],
//  "outcomes":[{"id","title","description","kind","across","facts","voice",
//  "objectives":[{"id","title","description","measures":[{"id","title","direction",...}],
//  "actions":[{"id","title",
//  "responsible":[partner names],"monitoring":[body names],"responsible_ids","monitoring_ids"}]}]}],
//  "strategies":[...],"index":{...}}
nlohmann::json PlanToJson(const Plan& plan);

// {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}, each null when the plan states no period.
nlohmann::json PeriodJson(const std::optional<Date>& start, const std::optional<Date>& end);

// The index method as a JSON object with only the keys that are set (the [index.method] key
// names), and back. Errors: kParse for text that is not such an object.
nlohmann::json IndexMethodToJson(const IndexMethod& method);
Result<IndexMethod> IndexMethodFromJson(std::string_view text);

}  // namespace waymark::ingest
