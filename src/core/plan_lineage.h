// Plan generations: a plan that continues an earlier one (Plan::continues) names, on its
// outcomes and objectives, the earlier records it carries over. These rules, with no I/O, say
// which aims carried over from one generation to the next, which earlier aims did not, and which
// catalogue indicators persist across the step (linked to an aim that carried over, on either
// side). Pointers are into the plans and indicators, which must outlive them.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/plan.h"

namespace waymark {

// The kinds of record a `continues` key may link.
enum class LineageKind { kOutcome, kObjective };

// One aim of the later plan with the earlier aims it carries over. `earlier` holds the records
// the earlier plan has; `missing` the ids it names that the earlier plan does not have.
struct CarriedAim {
  LineageKind kind = LineageKind::kOutcome;
  std::string id;
  std::string title;
  std::vector<std::pair<std::string, std::string>> earlier;  // id, title
  std::vector<std::string> missing;
};

// An indicator that evidences an aim on both sides of the step: `aims` are the later plan's
// aims through which it persists.
struct PersistingIndicator {
  const Indicator* indicator = nullptr;
  std::vector<std::string> aims;  // later aim ids
};

// One step between generations: `later` continues `earlier`.
struct GenerationStep {
  const Plan* earlier = nullptr;
  const Plan* later = nullptr;
  std::vector<CarriedAim> carried;  // in the later plan's order, outcomes before objectives
  // The earlier plan's aims that no later aim carries over, as (kind, id, title).
  std::vector<CarriedAim> not_carried;
  std::vector<PersistingIndicator> indicators;  // in catalogue order
};

// Whether `indicator` evidences the aim `id` (of `kind`) of `plan`: the catalogue links it to
// that aim (a catalogue naming no plan links every plan's aims of that id), or to an aim of the
// plan that `plan` continues which this aim carries over (`continues`). So a catalogue written
// for one plan keeps evidencing the aims the next generation carries over.
bool EvidencesAim(const Indicator& indicator, const Plan& plan, LineageKind kind,
                  std::string_view id, const std::vector<std::string>& continues);

// The step from `earlier` to `later` (which must continue it), with the indicators of
// `catalogue` that persist across it.
GenerationStep StepBetween(const Plan& earlier, const Plan& later,
                           std::span<const Indicator> catalogue);

// The plans from `earliest` to `latest` through `continues`, oldest first, looked up by id with
// `find` (nullptr when a plan is not at hand). Empty when `latest` does not descend from
// `earliest` through plans `find` returns, or when the chain loops.
std::vector<const Plan*> Generations(const Plan& earliest, const Plan& latest,
                                     const std::function<const Plan*(std::string_view)>& find);

}  // namespace waymark
