// The plan as text for a terminal: numbered outcomes, objectives and actions with their
// responsible partners and monitoring bodies.
#pragma once

#include <optional>
#include <string>

#include "core/plan.h"

namespace waymark::cli {

struct PlanCounts {
  std::size_t outcomes = 0;
  std::size_t objectives = 0;
  std::size_t actions = 0;
  std::size_t measures = 0;
  std::size_t partners = 0;
  std::size_t bodies = 0;
  std::size_t strategies = 0;
};

PlanCounts CountPlan(const Plan& plan);
// "7 outcomes, 24 objectives, 80 actions, ..."
std::string DescribeCounts(const PlanCounts& counts);
// "2019-04-01 to 2023-03-31", or "period not stated" when the plan has no period.
std::string PeriodText(const std::optional<Date>& start, const std::optional<Date>& end);
std::string PlanToText(const Plan& plan);

}  // namespace waymark::cli
