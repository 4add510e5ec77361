// A finding ("you said, we did", core/finding.h) as JSON, one shape for the audit log's before
// and after and for `waymark finding list --format json`: id, plan_id, key, outcome_id, said,
// source, source_name, date, participants, version (how many times it has been saved) and
// answers (target, kind, text, date, answered_by, illustrative).
#pragma once

#include <nlohmann/json.hpp>

#include "core/finding.h"

namespace waymark::store {

nlohmann::ordered_json FindingToJson(const Finding& finding);

}  // namespace waymark::store
