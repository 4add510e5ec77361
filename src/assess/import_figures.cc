// The all-or-nothing import of a data file, then re-judging what it changed.
#include "assess/import_figures.h"

#include <unordered_set>

#include "ingest/text_check.h"

namespace waymark::assess {
namespace {

// Names `path` as `name` in the report's positions.
void Rename(ingest::DataImportReport& report, const std::string& path, const std::string& name) {
  const auto rename = [&](Error& e) {
    if (e.pos.file == path) e.pos.file = name;
  };
  for (Error& e : report.problems) rename(e);
  if (report.fatal) rename(*report.fatal);
}

}  // namespace

Result<FigureImportOutcome> ImportFigureFile(store::Store& store,
                                             const FigureImportRequest& request) {
  const std::string& name = request.display_name.empty() ? request.path : request.display_name;
  FigureImportOutcome outcome;
  if (auto binary = ingest::CheckTextFile(request.path, name)) {
    outcome.report.fatal = std::move(*binary);
    return outcome;
  }
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> indicators, store.ListIndicators());
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Area> areas, store.ListAreas());
  std::unordered_set<std::string> codes;
  for (const Area& a : areas) codes.insert(a.code);
  WAYMARK_ASSIGN_OR_RETURN(
      auto batch, store.BeginObservationImport({name, std::string(SourceFormatName(request.format)),
                                                request.user, request.now}));
  outcome.report = ingest::ImportDataFile(
      request.format, request.path, indicators, codes,
      [&](const Observation& o) { return batch->Add(o); }, [&] { return batch->Finish(); },
      request.progress);
  Rename(outcome.report, request.path, name);
  if (!outcome.report.ok()) return outcome;
  if (request.progress != nullptr) request.progress->Stage("saving the figures");
  WAYMARK_ASSIGN_OR_RETURN(outcome.stats, batch->Commit(outcome.report.rows));
  batch.reset();
  if (!request.rejudge) return outcome;
  if (request.progress != nullptr) request.progress->Stage("judging the changed indicators");
  auto rejudged = RejudgeIndicators(store, outcome.stats->changed_indicators);
  if (rejudged) {
    outcome.rejudged = *rejudged;
  } else {
    outcome.rejudge_error = rejudged.error();
  }
  return outcome;
}

}  // namespace waymark::assess
