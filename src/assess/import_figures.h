// Importing a data file into the store, all or nothing: the one path shared by `waymark data
// import` and uploads from the browser. The file is checked to be text, read in its format
// against the stored catalogue and areas, and its figures kept in one transaction only when no
// row has a problem; then, if asked, the indicators whose figures changed are judged again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "assess/rejudge.h"
#include "core/indicator.h"
#include "core/progress.h"
#include "core/result.h"
#include "ingest/data_import.h"
#include "store/store.h"

namespace waymark::assess {

struct FigureImportRequest {
  SourceFormat format = SourceFormat::kCsv;
  std::string path;          // the file to read
  std::string display_name;  // the name problems are reported with ("": the path)
  std::string user;          // recorded as the import's user (provenance)
  std::int64_t now = 0;      // Unix seconds
  bool rejudge = false;      // judge the changed indicators again once the figures are kept
  // Hears the bytes of the file read (ingest::ImportDataFile), then the stages after it.
  Progress* progress = nullptr;
};

struct FigureImportOutcome {
  // Rows read and skipped, and every problem (the first ingest::kMaxProblems of problem_count)
  // or the error that stopped the reading, each placed in the display name.
  ingest::DataImportReport report;
  // Set when the figures were kept; empty when the file had a problem (nothing was kept).
  std::optional<store::ObservationImportStats> stats;
  RejudgeStats rejudged;
  // Why judging again failed after the figures were kept (they stay kept; `waymark assess`
  // recomputes every judgement).
  std::optional<Error> rejudge_error;
  bool kept() const { return stats.has_value(); }
};

// Imports `request.path`. The store's own failures are errors; problems with the file are in
// the outcome's report, with nothing kept.
Result<FigureImportOutcome> ImportFigureFile(store::Store& store,
                                             const FigureImportRequest& request);

}  // namespace waymark::assess
