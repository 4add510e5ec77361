// Reads a plan's facts ([[facts]] and [[outcomes.facts]], docs/plan-format.md) into data:
// the value as a number with its unit or as words, the period, area, comparators, source and
// catalogue indicator, each checked with its position.
#pragma once

#include <string_view>

#include <toml++/toml.h>

#include "core/fact.h"
#include "ingest/toml_reader.h"

namespace waymark::ingest {

// One fact table; problems go to `reader` with their positions.
Fact ReadPlanFact(TomlReader& reader, const toml::table& t, std::string_view where);

}  // namespace waymark::ingest
