// Judging from the store, one indicator at a time, so that only one indicator's figures and
// judgements are held at once (Store::JudgeAndSave): every indicator (`waymark assess --all`,
// a new database), or again after figures change, only the indicators whose figures an import
// changed, so that a small import (a figure typed into a form, an uploaded file of one
// indicator) does not recompute every judgement.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/result.h"
#include "store/store.h"

namespace waymark::assess {

struct RejudgeStats {
  std::size_t indicators = 0;   // indicators judged again
  std::size_t assessments = 0;  // judgements they now have
};

// Judges `indicator_ids` again from their stored figures (with the stored catalogue, areas and
// comparator groups) and replaces their stored assessments in one transaction
// (Store::JudgeAndSave); every other indicator's judgements stay as they were. An id that is
// not in the catalogue loses its judgements, as a full recompute would leave it none. Every id
// named is no longer marked to be judged (Store::IndicatorsToJudge), unless marked again after
// its figures were read. `progress` hears how many of the indicators named are judged.
Result<RejudgeStats> RejudgeIndicators(store::Store& store,
                                       const std::vector<std::string>& indicator_ids,
                                       Progress* progress = nullptr);

// Judges every catalogue indicator and replaces every stored judgement (an indicator no longer
// in the catalogue keeps none), clearing the marks made before its figures were read.
// `progress` hears how many of the catalogue's indicators are judged.
Result<RejudgeStats> JudgeEverything(store::Store& store, Progress* progress = nullptr);

}  // namespace waymark::assess
