// Indicators and areas as JSON: the API's shape, and how the store keeps an indicator's
// metadata whole.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/assessment.h"
#include "core/indicator.h"
#include "core/result.h"

namespace waymark::ingest {

nlohmann::json IndicatorToJson(const Indicator& indicator);
Result<Indicator> IndicatorFromJson(const nlohmann::json& json);
nlohmann::json AreaToJson(const Area& area);
nlohmann::json AssessmentToJson(const Assessment& a);

}  // namespace waymark::ingest
