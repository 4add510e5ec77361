// `waymark export assessments|gaps|slopes`: every judgement, and the inequality gaps and slope
// indices of the catalogue's breakdowns (assess/inequality_export.h), to standard output or a
// file.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "assess/export.h"
#include "assess/inequality_export.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

// The options of every export (one export runs at a time, so they share one set).
struct ExportOptions {
  std::string indicator;
  std::string area;
  std::string dimension;
  std::string format = "csv";
  std::string output;
};

int ExportAssessments(Context& ctx, const ExportOptions& o) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  if (const Status chosen = assess::CheckExportSelection(**store, o.indicator, o.area); !chosen) {
    return Fail(ctx, chosen.error());
  }
  // Written a series at a time as it is read: at national scale the judgements do not all fit
  // in memory at once as rows.
  return StreamOutput(ctx, o.output, [&](std::ostream& out) {
    out << assess::AssessmentsCsvHeader();
    std::string lines;
    return (*store)->ForEachAssessmentSeries(o.indicator, o.area,
                                             [&](std::vector<Assessment>& series) {
                                               lines.clear();
                                               assess::AppendAssessmentsCsv(series, lines);
                                               out << lines;
                                               return Status{};
                                             });
  });
}

enum class Rows { kGaps, kSlopes };

int ExportInequalities(Context& ctx, const ExportOptions& o, Rows kind) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  const assess::InequalitySelection selection{o.indicator, o.area, o.dimension};
  const auto inputs = assess::LoadSelectedInequalities(**store, selection);
  if (!inputs) return Fail(ctx, inputs.error().error);
  const bool slopes = kind == Rows::kSlopes;
  const assess::Inequalities rows = assess::ComputeSelectedInequalities(*inputs, selection, slopes);
  if (o.format == "json") {
    const nlohmann::json doc =
        slopes ? assess::SlopesJson(rows.slopes) : assess::GapsJson(rows.gaps);
    return WriteOutput(
        ctx, doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", o.output);
  }
  return WriteOutput(ctx, slopes ? assess::SlopesCsv(rows.slopes) : assess::GapsCsv(rows.gaps),
                     o.output);
}

void AddOutputOption(CLI::App* cmd, ExportOptions& o) {
  cmd->add_option("-o,--output", o.output, "Output file (default: standard output)");
}

// `export gaps` or `export slopes`.
void AddInequalityExport(CLI::App* exp, Context& ctx, ExportOptions& o, Rows kind,
                         const std::string& name, const std::string& description) {
  CLI::App* cmd = exp->add_subcommand(name, description);
  cmd->add_option("--indicator", o.indicator,
                  "Only this indicator (default: every indicator with breakdowns)");
  cmd->add_option("--area", o.area, "Only this area (GSS code)");
  cmd->add_option("--dimension", o.dimension, "Only the breakdown with this label, e.g. Sex");
  cmd->add_option("--format", o.format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
  AddOutputOption(cmd, o);
  cmd->callback([&ctx, &o, kind] { ctx.exit_code = ExportInequalities(ctx, o, kind); });
}

}  // namespace

void AddExportCommands(CLI::App& app, Context& ctx) {
  CLI::App* exp =
      app.add_subcommand("export", "Export judgements, inequality gaps and slope indices");
  exp->require_subcommand(1);
  auto& o = ctx.Keep<ExportOptions>();
  CLI::App* assessments = exp->add_subcommand("assessments", "One CSV row per judgement");
  assessments->add_option("--indicator", o.indicator, "Only this indicator");
  assessments->add_option("--area", o.area, "Only this area (GSS code)");
  assessments->add_option("--format", o.format, "csv")->check(CLI::IsMember({"csv"}));
  AddOutputOption(assessments, o);
  assessments->callback([&ctx, &o] { ctx.exit_code = ExportAssessments(ctx, o); });
  AddInequalityExport(exp, ctx, o, Rows::kGaps, "gaps",
                      "One row per group's gap against its breakdown's comparison group, with "
                      "intervals and trend");
  AddInequalityExport(exp, ctx, o, Rows::kSlopes, "slopes",
                      "One row per slope index of inequality across a deprivation breakdown's "
                      "groups");
}

}  // namespace waymark::cli
