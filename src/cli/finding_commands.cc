// `waymark finding ...`: "you said, we did" (docs/findings-format.md). `finding import` checks
// a findings file against the stored plan and stores it all or nothing (a finding whose key is
// stored is updated only when it changed, so importing the same file again changes nothing);
// `finding list` shows a plan's findings with their answers as text, CSV or JSON. Changes are
// audited by the store.
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "cli/table_text.h"
#include "core/clock.h"
#include "core/finding.h"
#include "ingest/findings_file.h"
#include "stats/csv.h"
#include "store/finding_json.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

// The stored plan named by --plan, with the error naming the option.
Result<Plan> NamedPlan(store::Store& store, const std::string& plan_id) {
  auto plan = store.LoadPlan(plan_id);
  if (!plan && plan.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("--plan: no plan '{}' (see 'waymark plan list')", plan_id));
  }
  return plan;
}

int Import(Context& ctx, const std::string& path, const std::string& plan_id) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto plan = NamedPlan(**store, plan_id);
  if (!plan) return Fail(ctx, plan.error());
  const ingest::FindingsFileReport report = ingest::ReadFindingsFile(path, *plan);
  if (!report.ok()) return PrintProblems(ctx, report.problems);
  auto audit = CommandAudit(ctx, **store, "finding.import");
  if (!audit) return Fail(ctx, audit.error());
  auto stats = (*store)->ImportFindings(plan_id, report.findings, ctx.clock->NowUnixSeconds(),
                                        *audit);
  if (!stats) return Fail(ctx, stats.error());
  *ctx.out << fmt::format("findings of {}: {} created, {} updated, {} unchanged\n", plan_id,
                          stats->created, stats->updated, stats->unchanged);
  return 0;
}


// One row per answer (a finding without answers has one row with the answer columns empty).
std::vector<std::vector<std::string>> ListRows(const std::vector<Finding>& findings,
                                               std::vector<std::string> header, bool all) {
  std::vector<std::vector<std::string>> rows = {std::move(header)};
  for (const Finding& f : findings) {
    std::vector<std::string> lead = {std::to_string(f.id), f.key, f.outcome_id, f.said};
    if (all) {
      lead.insert(lead.end(), {std::string(FindingSourceName(f.source)), f.source_name,
                               f.date.ToString(), std::to_string(f.participants)});
    }
    if (f.answers.empty()) {
      rows.push_back(lead);
      rows.back().resize(rows.front().size());
    }
    for (const FindingAnswer& a : f.answers) {
      std::vector<std::string> row = lead;
      row.insert(row.end(), {a.target, std::string(AnswerKindName(a.kind)), a.text});
      if (all) {
        row.insert(row.end(),
                   {a.date.ToString(), a.answered_by, a.illustrative ? "true" : "false"});
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

int List(Context& ctx, const std::string& plan_id, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto plan = NamedPlan(**store, plan_id);
  if (!plan) return Fail(ctx, plan.error());
  auto findings = (*store)->ListFindings(plan_id);
  if (!findings) return Fail(ctx, findings.error());
  if (format == "json") {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const Finding& f : *findings) json.push_back(store::FindingToJson(f));
    *ctx.out << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  if (format == "csv") {
    for (const auto& row :
         ListRows(*findings,
                  {"id", "key", "outcome", "said", "source", "source_name", "date",
                   "participants", "target", "kind", "answer", "answer_date", "answered_by",
                   "illustrative"},
                  true)) {
      *ctx.out << stats::CsvLine(row) << "\n";
    }
    return 0;
  }
  if (findings->empty()) {
    *ctx.out << fmt::format("plan {} has no findings (see 'waymark finding import')\n", plan_id);
    return 0;
  }
  auto rows =
      ListRows(*findings, {"ID", "KEY", "OUTCOME", "SAID", "TARGET", "KIND", "ANSWER"}, false);
  for (auto& row : rows) {
    for (std::string& cell : row) cell = PrintableText(cell);
  }
  *ctx.out << AlignedTable(rows);
  return 0;
}

void AddImport(CLI::App& finding, Context& ctx) {
  auto& path = ctx.Keep<std::string>();
  auto& plan = ctx.Keep<std::string>();
  CLI::App* cmd = finding.add_subcommand(
      "import", "Check a findings file against the plan and store it (all or nothing)");
  cmd->add_option("FILE", path, "The findings file (docs/findings-format.md)")->required();
  cmd->add_option("--plan", plan, "The plan the findings belong to")->required();
  cmd->callback([&ctx, &path, &plan] { ctx.exit_code = Import(ctx, path, plan); });
}

void AddList(CLI::App& finding, Context& ctx) {
  auto& plan = ctx.Keep<std::string>();
  auto& format = ctx.Keep<std::string>("text");
  CLI::App* cmd = finding.add_subcommand("list", "List a plan's findings and their answers");
  cmd->add_option("--plan", plan, "The plan's id")->required();
  cmd->add_option("--format", format, "text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}))
      ->capture_default_str();
  cmd->callback([&ctx, &plan, &format] { ctx.exit_code = List(ctx, plan, format); });
}

}  // namespace

void AddFindingCommands(CLI::App& app, Context& ctx) {
  CLI::App* finding = app.add_subcommand(
      "finding", "What children and young people told us, and our answers: import and list");
  finding->require_subcommand(1);
  AddImport(*finding, ctx);
  AddList(*finding, ctx);
}

}  // namespace waymark::cli
