// The pages of reporting cycles: the list of a plan's cycles with the form to open one, and one
// cycle's completion by organisation (who has submitted, who has not) with its CSV, so that the
// chasing e-mail writes itself.
#pragma once

#include <string>
#include <vector>

#include "core/cycle.h"
#include "core/plan.h"
#include "report/layout.h"
#include "report/progress.h"

namespace waymark::report {

struct CyclesPage {
  const Plan* plan = nullptr;
  Links links;
  std::vector<ReportingCycle> cycles;  // newest first
  bool can_run = false;                // the reader may open and close cycles
  std::string csrf_token;
  CycleInput input;  // the open form as typed
  FieldErrors errors;
};
std::string RenderCyclesPage(const CyclesPage& page);

struct CyclePage {
  const Plan* plan = nullptr;
  Links links;
  ReportingCycle cycle;
  const PlanProgress* progress = nullptr;  // built for this cycle
  std::vector<OrganisationCompletion> completion;
  bool can_run = false;
  std::string csrf_token;
  std::string csv_href;
};
std::string RenderCyclePage(const CyclePage& page);

// One row per action of the plan: outcome, objective, action, responsible organisations,
// standing, update state, author and times (formula-safe cells, RFC 4180).
std::string CycleCsv(const Plan& plan, const PlanProgress& progress);

}  // namespace waymark::report
