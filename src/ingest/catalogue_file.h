// Indicator catalogue files (docs/indicators.md): TOML with [catalogue] and [[indicators]],
// read and checked like plan files, every problem reported with its position.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/plan.h"
#include "core/result.h"

namespace waymark::ingest {

struct CatalogueFileReport {
  std::optional<std::vector<Indicator>> indicators;
  std::string plan;  // [catalogue] plan
  Diagnostics problems;
  bool ok() const { return indicators.has_value(); }
};

// Parses a catalogue. When `plan` is given, links (outcomes, objectives, measures, index
// measures) must name its ids; without it links are not checked.
CatalogueFileReport ParseCatalogueText(std::string_view text, const std::string& file_name,
                                       const Plan* plan = nullptr);
CatalogueFileReport ReadCatalogueFile(const std::string& path, const Plan* plan = nullptr);

// The plan id named by a catalogue's [catalogue] table, read without checking the rest.
std::string CataloguePlanId(std::string_view text);

}  // namespace waymark::ingest
