// Pages for putting figures in from the browser: a local measure's figures form with the
// figures already entered (/indicators/{id}/figures), the fields of one figure (shared with the
// action update form), and the upload of a data file
// (/data/import) with its problems or its summary. GOV.UK Frontend markup, no JavaScript
// needed; each form carries the CSRF token it is given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/field_error.h"
#include "core/indicator.h"
#include "ingest/local_figure.h"
#include "report/html.h"

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

// The fields of one figure of a local measure, each with the id and name `prefix` + its name:
// the area (a select of `areas`, as code and name), the period (only when `ask_period`), the
// value, the count and the denominator (their hints from the measure's unit, numerator and
// denominator) and a note; each shows its problem from `errors`. The figures page has one set
// (prefix ""), the action update form one for each local measure the writer supplies.
struct FigureFields {
  const Indicator* indicator = nullptr;
  std::string_view prefix = {};
  const std::vector<std::pair<std::string, std::string>>* areas = nullptr;
  const ingest::LocalFigureInput* input = nullptr;
  bool ask_period = true;
};
void LocalFigureFields(Html& h, const FigureFields& fields, const FieldErrors& errors);

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
