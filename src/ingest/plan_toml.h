// Writes a plan back as a plan file (docs/plan-format.md). Reading the output with
// ParsePlanText gives a plan equal to the input.
#pragma once

#include <string>

#include "core/plan.h"

namespace waymark::ingest {

std::string WritePlanToml(const Plan& plan);

// A TOML basic string literal for `text`, quoted and escaped ("""-quoted when multi-line).
std::string TomlString(const std::string& text);

}  // namespace waymark::ingest
