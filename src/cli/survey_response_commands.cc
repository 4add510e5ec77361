// `waymark survey responses FILE --survey ID --wave ID`: reads a CSV file of responses given on
// paper (ingest/survey_response_file.h) against the stored survey and wave, prints every
// problem as FILE:LINE:COL, and otherwise stores them all in one transaction
// (Store::ImportSurveyResponses), audited "survey.responses.import" with the count only.
#include "cli/cli.h"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/command_kit.h"
#include "cli/survey_options.h"
#include "core/clock.h"
#include "core/survey.h"
#include "ingest/survey_response_file.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

struct ResponsesOptions {
  std::string path;
  std::string survey;
  std::string wave;
};

std::vector<store::SurveyResponseImport> ToImport(
    const std::vector<ingest::SurveyResponseRow>& rows, const std::string& path) {
  std::vector<store::SurveyResponseImport> out;
  out.reserve(rows.size());
  for (const ingest::SurveyResponseRow& row : rows) {
    out.push_back({row.day, row.answers, SourcePos{path, row.line, 0}});
  }
  return out;
}

int ImportResponses(Context& ctx, const ResponsesOptions& o) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto survey = FindNamedSurvey(**store, o.survey);
  if (!survey) return Fail(ctx, survey.error());
  auto wave = FindNamedWave(*survey, o.wave);
  if (!wave) return Fail(ctx, wave.error());
  const ingest::SurveyResponseFileReport report =
      ingest::ReadSurveyResponseFile(o.path, *survey, *wave);
  if (!report.ok()) return PrintProblems(ctx, report.problems, report.problem_count);
  auto audit = CommandAudit(ctx, **store, "survey.responses.import");
  if (!audit) return Fail(ctx, audit.error());
  auto imported =
      (*store)->ImportSurveyResponses(survey->id, wave->id, ToImport(*report.responses, o.path),
                                      ctx.clock->NowUnixSeconds(), *audit);
  if (!imported && !imported.error().pos.file.empty()) {
    return PrintProblems(ctx, {imported.error()}, 1);  // a row the store refused
  }
  if (!imported) return Fail(ctx, imported.error());
  const std::size_t n = report.responses->size();
  *ctx.out << fmt::format("imported {} response{} to wave {} of survey {}\n", n, n == 1 ? "" : "s",
                          wave->id, survey->id);
  return 0;
}

}  // namespace

void AddSurveyResponseCommands(CLI::App& survey, Context& ctx) {
  auto& o = ctx.Keep<ResponsesOptions>();
  CLI::App* cmd = survey.add_subcommand(
      "responses", "Import a wave's responses typed in from paper (a CSV file; all or nothing)");
  cmd->add_option("FILE", o.path, "The CSV file (docs/survey-format.md)")->required();
  cmd->add_option("--survey", o.survey, "The survey's id")->required();
  cmd->add_option("--wave", o.wave, "The wave's id (one with no aggregates)")->required();
  cmd->callback([&ctx, &o] { ctx.exit_code = ImportResponses(ctx, o); });
}

}  // namespace waymark::cli
