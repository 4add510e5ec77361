// Survey files (docs/survey-format.md): reads a survey's TOML text into core::Survey, reporting
// every problem as FILE:LINE:COL like plan files (the structure here, the rules by
// CheckSurvey, each placed at the key it names), and writes a survey back as TOML.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/result.h"
#include "core/survey.h"

namespace waymark::ingest {

// What a survey file is read against, from outside the file.
struct SurveyFileContext {
  std::vector<SurveyOption> wards = {};      // the ward bands (code, name) of a ward question
  std::string area = {};                     // the council's area code (Survey::area)
  std::vector<std::string> indicators = {};  // when not empty, the indicator ids feeds may name
};

// The outcome of reading one survey file: a survey only when there are no problems.
struct SurveyFileReport {
  std::optional<Survey> survey;
  Diagnostics problems;  // in file order; empty when `survey` is set

  bool ok() const { return survey.has_value(); }
};

// Parses and checks TOML text; `file_name` is used in positions only.
SurveyFileReport ParseSurveyText(std::string_view text, const std::string& file_name,
                                 const SurveyFileContext& context = {});

// Reads the file at `path` and parses it. An unreadable or empty file is one problem.
SurveyFileReport ReadSurveyFile(const std::string& path, const SurveyFileContext& context = {});

// The ward bands of the council `council_code`: its wards among `areas`, in the order given.
std::vector<SurveyOption> WardBands(const std::vector<Area>& areas, std::string_view council_code);

// `survey` as a survey file. Reading it back with the same wards gives an equal survey; the
// wards themselves are not written (they come from the area registry).
std::string WriteSurveyToml(const Survey& survey);

}  // namespace waymark::ingest
