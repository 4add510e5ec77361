// The plan as JSON: the shape of `waymark plan show --format json` and of the API.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/plan.h"

namespace waymark::ingest {

// {"id","title","organisation","status","period":{"start","end"},"vision","summary",
//  "principles":[...],"partners":[...],"bodies":[...],"facts":[...],"participation":[...],
//  "outcomes":[{"id","title","description","kind","facts","voice","objectives":[{"id","title",
//  "description","measures":[{"id","title","direction",...}],"actions":[{"id","title",
//  "responsible":[partner names],"monitoring":[body names],"responsible_ids","monitoring_ids"}]}]}],
//  "strategies":[...],"index":{...}}
nlohmann::json PlanToJson(const Plan& plan);

}  // namespace waymark::ingest
