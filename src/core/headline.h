// The headline breakdown of an indicator: the series its pages, the tartan rug and the Family
// Friendly Index lead with, chosen by one rule so that they always show the same figures.
#pragma once

#include <cstddef>
#include <map>
#include <optional>

#include "core/indicator.h"

namespace waymark {

// Among the breakdowns with figures (and how many figures each has): the whole population (no
// category) first, then persons, then no age band, then the most figures; ties go to the first
// in Breakdown order. None when there are no breakdowns.
std::optional<Breakdown> HeadlineBreakdown(const std::map<Breakdown, std::size_t>& counts);

}  // namespace waymark
