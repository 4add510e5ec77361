// Pages for putting figures in from the browser: a local measure's figures form with the
// figures already entered (/indicators/{id}/figures), and the upload of a data file
// (/data/import) with its problems or its summary. GOV.UK Frontend markup, no JavaScript
// needed; each form carries the CSRF token it is given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/field_error.h"
#include "core/indicator.h"
#include "ingest/local_figure.h"

namespace waymark::report {

// One figure of a local measure as stored, with who entered or imported it.
struct EnteredFigure {
  std::string area_name;
  std::string period;
  double value = kNoValue;
  double count = kNoValue;
  double denominator = kNoValue;
  std::string note;
  std::string source;   // "web form" or the imported file's name
  std::string by;       // "EMAIL (ORGANISATION)" for figures entered in a form
  std::string at;       // ISO 8601 UTC
  bool current = true;  // false for a figure a later one revised
};

struct LocalFiguresPage {
  Indicator indicator;
  std::string owner_name;                                  // the owning organisation's name
  std::vector<std::pair<std::string, std::string>> areas;  // code, name: the choices
  ingest::LocalFigureInput input;                          // as typed (or the defaults)
  FieldErrors errors;
  std::string csrf_token;
  std::string saved;                  // after a save: what was kept, for the success banner
  std::vector<EnteredFigure> recent;  // newest first
};
std::string RenderLocalFiguresPage(const LocalFiguresPage& page);

// What an upload kept.
struct ImportSummary {
  std::string file;
  std::size_t rows = 0;
  std::size_t inserted = 0;
  std::size_t revised = 0;
  std::size_t unchanged = 0;
  std::size_t repeated = 0;
  std::size_t skipped = 0;
  std::size_t indicators_rejudged = 0;
  std::size_t assessments = 0;
  std::string rejudge_problem;  // why judging again failed ("" when it did not)
};

inline constexpr std::size_t kProblemsShown = 100;

struct DataImportPage {
  std::string csrf_token;
  std::string format;  // the format chosen ("" for none)
  std::string limit;   // the upload limit in words ("200 MB")
  FieldErrors errors;  // problems with the form's fields ("format", "file")
  // The file's problems as FILE:LINE:COL: message (at most kProblemsShown) and how many there
  // were in all.
  std::vector<std::string> problems;
  std::size_t problem_count = 0;
  std::optional<ImportSummary> summary;
};
std::string RenderDataImportPage(const DataImportPage& page);

}  // namespace waymark::report
