// The survey and wave a `waymark survey` command names with --survey and --wave, looked up in
// the store with errors that name the option (defined in survey_commands.cc).
#pragma once

#include <string>

#include "core/result.h"
#include "core/survey.h"
#include "store/store.h"

namespace waymark::cli {

// The stored survey `id`; kNotFound "--survey: no survey 'ID' (see 'waymark survey list')".
Result<Survey> FindNamedSurvey(store::Store& store, const std::string& id);
// The wave `id` of `survey`; kNotFound "--wave: survey 'S' has no wave 'ID' (see ...)".
Result<SurveyWave> FindNamedWave(const Survey& survey, const std::string& id);

}  // namespace waymark::cli
