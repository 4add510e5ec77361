// `waymark report ...`: board reports from the command line. `report
// outcome|plan|exceptions|children` renders one from the data as it stands now (HTML, PDF, Excel or CSV); `report issue` freezes
// one for a board; `report list` and `report show` read the frozen ones back exactly as issued;
// `report review|approve|publish` take the sign-off steps (with --as, audited); `report
// comment|commentary` (commentary_commands.cc) write and list the analyst's commentary.
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "cli/progress_display.h"
#include "cli/table_text.h"
#include "core/board_report.h"
#include "core/clock.h"
#include "report/board_formats.h"
#include "report/children_pages.h"
#include "report/table.h"
#include "store/store.h"
#include "web/report_source.h"

namespace waymark::cli {
namespace {

struct ReportOptions {
  std::string plan;
  std::string kind;  // for `report issue`
  std::string outcome;
  std::string cycle;
  std::string board;
  std::string format = "html";
  std::string output;
  std::string table;
  std::string site_url;
};

// The scope of the options, or the problem naming the option.
Result<web::ReportScope> ScopeOf(ReportKind kind, const ReportOptions& o) {
  web::ReportScope scope;
  scope.plan_id = o.plan;
  scope.kind = kind;
  if (kind == ReportKind::kOutcome && o.outcome.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "--outcome: an outcome report needs one");
  }
  if (kind != ReportKind::kOutcome && !o.outcome.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--outcome: only an outcome report covers one outcome");
  }
  scope.outcome_id = o.outcome;
  if (!o.cycle.empty()) {
    scope.cycle_id = ParseId(o.cycle);
    if (!scope.cycle_id) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("--cycle: '{}' is not a cycle id (see 'waymark cycle list')",
                                   o.cycle));
    }
  }
  return scope;
}

Status WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write the file", path));
  return {};
}

// Every table as DIR/NAME.csv, or the one named by --table as the --output file.
Result<std::vector<std::string>> WriteCsv(const std::vector<report::Table>& tables,
                                          const ReportOptions& o) {
  std::vector<std::string> written;
  if (!o.table.empty()) {
    if (const report::Table* t = report::FindTable(tables, o.table); t != nullptr) {
      WAYMARK_ASSIGN_OR_RETURN(const std::string csv, report::TableCsv(*t));
      WAYMARK_TRY(WriteFile(o.output, csv));
      return std::vector<std::string>{o.output};
    }
    std::vector<std::string> names;
    names.reserve(tables.size());
    for (const report::Table& t : tables) names.push_back(t.name);
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--table: no table '{}'; this report has: {}", o.table,
                                 fmt::join(names, ", ")));
  }
  std::error_code ec;
  std::filesystem::create_directories(o.output, ec);
  if (ec) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: cannot make the directory: {}", o.output, ec.message()));
  }
  for (const report::Table& t : tables) {
    WAYMARK_ASSIGN_OR_RETURN(const std::string csv, report::TableCsv(t));
    const std::string path = (std::filesystem::path(o.output) / (report::TableFileStem(t) + ".csv")).string();
    WAYMARK_TRY(WriteFile(path, csv));
    written.push_back(path);
  }
  return written;
}

report::RenderOptions RenderOptionsOf(const Context& ctx, const ReportOptions& o) {
  report::RenderOptions options;
  options.site_url = o.site_url;
  options.created_unix_seconds = ctx.clock->NowUnixSeconds();
  return options;
}

int Written(Context& ctx, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) *ctx.out << "wrote " << p << "\n";
  return 0;
}

// For the children's version: the readability of each outcome's wording, on standard error
// (the progress line, if any, cleared first).
void PrintReadability(Context& ctx, const report::BoardReport& model, ProgressDisplay* progress) {
  if (model.kind != ReportKind::kChildren) return;
  if (progress != nullptr) progress->Clear();
  for (const report::WordingReadability& r : report::ChildrensWordingReadability(model)) {
    *ctx.err << PrintableText(report::ReadabilityLine(r)) << "\n";
  }
}

// What rendering in `format` is called on the progress line.
std::string RenderingStage(report::ReportFormat format) {
  switch (format) {
    case report::ReportFormat::kHtml: return "writing the HTML";
    case report::ReportFormat::kPdf: return "rendering the PDF";
    case report::ReportFormat::kXlsx: return "writing the workbook";
    case report::ReportFormat::kCsv: break;
  }
  return "writing the CSV files";
}

// Steps of a report on the progress line: reading the data, rendering, writing the file.
constexpr std::uint64_t kRenderSteps = 3;

int RenderLive(Context& ctx, ReportKind kind, const ReportOptions& o) {
  const auto format = report::ParseReportFormat(o.format);
  auto scope = ScopeOf(kind, o);
  if (!scope) return Fail(ctx, scope.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  const std::string name = "report " + std::string(ReportKindName(kind));
  auto progress = StartProgress(ctx, {name, "steps", ProgressMeasure::kCount, false});
  const auto fail = [&](const Error& error) {
    progress.reset();
    return Fail(ctx, error);
  };
  const auto step = [&](std::uint64_t done, const std::string& stage) {
    if (progress) progress->Step(done, kRenderSteps, stage);
  };
  const auto finish = [&] {
    if (progress) {
      progress->Advance(kRenderSteps, kRenderSteps);
      progress->Finish();
    }
    progress.reset();
  };
  step(0, "reading the data");
  auto model = web::LoadBoardReport(**store, *scope, *ctx.clock);
  if (!model) return fail(model.error());
  PrintReadability(ctx, *model, progress.get());
  step(1, RenderingStage(*format));
  if (format == report::ReportFormat::kCsv) {
    auto written = WriteCsv(report::BoardReportTables(*model), o);
    if (!written) return fail(written.error());
    finish();
    return Written(ctx, *written);
  }
  auto bytes = report::RenderBoardReport(*model, *format, RenderOptionsOf(ctx, o));
  if (!bytes) return fail(bytes.error());
  step(2, "writing the file");
  if (auto w = WriteFile(o.output, *bytes); !w) return fail(w.error());
  finish();
  return Written(ctx, {o.output});
}

int Issue(Context& ctx, const ReportOptions& o) {
  const auto kind = ParseReportKind(o.kind);
  if (!kind) {
    return Fail(ctx, fmt::format("--kind: '{}' is not outcome, plan, exceptions or children",
                                 o.kind));
  }
  auto scope = ScopeOf(*kind, o);
  if (!scope) return Fail(ctx, scope.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto audit = CommandAudit(ctx, **store, "report.issue");
  if (!audit) return Fail(ctx, audit.error());
  // Two steps: reading the data, then rendering the HTML and PDF and storing them.
  auto progress = StartProgress(ctx, {"report issue", "steps", ProgressMeasure::kCount, false});
  if (progress) progress->Step(0, 2, "reading the data");
  auto model = web::LoadBoardReport(**store, *scope, *ctx.clock);
  if (!model) {
    progress.reset();
    return Fail(ctx, model.error());
  }
  PrintReadability(ctx, *model, progress.get());
  if (progress) progress->Step(1, 2, "rendering the PDF and storing the report");
  auto issued = web::IssueBoardReport(**store, *model, *scope, o.board, RenderOptionsOf(ctx, o),
                                      *ctx.clock, *audit);
  if (progress && issued) {
    progress->Advance(2, 2);
    progress->Finish();
  }
  progress.reset();
  if (!issued) return Fail(ctx, issued.error());
  *ctx.out << fmt::format("issued report {}: {} (draft; data as of {})\n", issued->id,
                          issued->title, issued->data_as_of);
  return 0;
}

nlohmann::ordered_json ReportJson(const IssuedReport& r) {
  return {{"id", r.id},
          {"plan", r.plan_id},
          {"kind", ReportKindName(r.kind)},
          {"outcome", r.outcome_id},
          {"cycle", r.cycle_id ? nlohmann::ordered_json(*r.cycle_id) : nlohmann::ordered_json()},
          {"board", r.board},
          {"title", r.title},
          {"state", ReportStateName(r.state)},
          {"data_as_of", r.data_as_of},
          {"issued_by", r.issued_by},
          {"issued_at", r.issued_at},
          {"reviewed_by", r.reviewed_by},
          {"approved_by", r.approved_by},
          {"published_at", r.published_at}};
}

int List(Context& ctx, const std::string& plan, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto reports = (*store)->ListIssuedReports(plan);
  if (!reports) return Fail(ctx, reports.error());
  if (format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const IssuedReport& r : *reports) all.push_back(ReportJson(r));
    *ctx.out << all.dump(2) << "\n";
    return 0;
  }
  if (reports->empty()) {
    *ctx.out << "no reports have been issued (see 'waymark report issue')\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "PLAN", "KIND", "STATE", "ISSUED", "BOARD", "TITLE"}};
  for (const IssuedReport& r : *reports) {
    rows.push_back({std::to_string(r.id), r.plan_id, std::string(ReportKindName(r.kind)),
                    std::string(ReportStateName(r.state)), r.issued_at, r.board,
                    PrintableText(r.title)});
  }
  *ctx.out << AlignedTable(rows);
  return 0;
}

Result<IssuedReport> FindReport(store::Store& store, const std::string& id_text) {
  const auto id = ParseId(id_text);
  if (!id) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("ID: '{}' is not a report id (see 'waymark report list')",
                                 id_text));
  }
  auto found = store.FindIssuedReport(*id);
  if (!found && found.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("ID: no report {} (see 'waymark report list')", *id));
  }
  return found;
}

int Show(Context& ctx, const std::string& id_text, const ReportOptions& o) {
  const auto format = report::ParseReportFormat(o.format);
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto issued = FindReport(**store, id_text);
  if (!issued) return Fail(ctx, issued.error());
  if (format == report::ReportFormat::kCsv) {
    auto model = report::ParseBoardReport(issued->model_json);
    if (!model) return Fail(ctx, model.error());
    auto written = WriteCsv(report::BoardReportTables(*model), o);
    if (!written) return Fail(ctx, written.error());
    return Written(ctx, *written);
  }
  report::RenderOptions options = RenderOptionsOf(ctx, o);
  options.created_unix_seconds = 0;
  auto bytes = web::RenderIssuedReport(*issued, *format, o.table, options);
  if (!bytes) return Fail(ctx, bytes.error());
  if (auto w = WriteFile(o.output, *bytes); !w) return Fail(ctx, w.error());
  return Written(ctx, {o.output});
}

int Step(Context& ctx, const std::string& id_text, ReportState to) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto issued = FindReport(**store, id_text);
  if (!issued) return Fail(ctx, issued.error());
  const std::string step(ReportStateName(to));
  auto who = CommandPrincipal(ctx, **store, "marking a report " + step);
  if (!who) return Fail(ctx, who.error());
  const char* action = to == ReportState::kReviewed   ? "report.review"
                       : to == ReportState::kApproved ? "report.approve"
                                                      : "report.publish";
  auto audit = CommandAudit(ctx, **store, action);
  if (!audit) return Fail(ctx, audit.error());
  auto moved = (*store)->TransitionReport(issued->id, to, *who, ctx.clock->NowUnixSeconds(), *audit);
  if (!moved) return Fail(ctx, moved.error());
  *ctx.out << fmt::format("report {} ({}) is now {}\n", moved->id, moved->title,
                          ReportStateName(moved->state));
  return 0;
}

void AddFormatOptions(CLI::App* cmd, ReportOptions& o) {
  cmd->add_option("--format", o.format, "html, pdf, xlsx or csv")
      ->check(CLI::IsMember({"html", "pdf", "xlsx", "csv"}))
      ->capture_default_str();
  cmd->add_option("--output", o.output,
                  "The file to write (for csv: a directory that gets one file per table, or "
                  "the file of the one --table)")
      ->required();
  cmd->add_option("--table", o.table,
                  "csv only: the one table to write (Summary, Exceptions, Indicators, Actions, "
                  "Commentary, Index; the children's version has Summary and Actions)");
  cmd->add_option("--site-url", o.site_url,
                  "The site's address, so that the methods links work away from it");
}

void AddScopeOptions(CLI::App* cmd, ReportOptions& o) {
  cmd->add_option("--plan", o.plan, "The plan's id (see 'waymark plan list')")->required();
  cmd->add_option("--outcome", o.outcome, "The outcome's id (outcome reports)");
  cmd->add_option("--cycle", o.cycle, "The cycle's id (default: the current cycle)");
}

}  // namespace

void AddReportCommands(CLI::App& app, Context& ctx) {
  CLI::App* report = app.add_subcommand(
      "report", "Board reports: render, issue (freeze), list, show and sign off");
  report->require_subcommand(1);
  for (const ReportKind kind : kAllReportKinds) {
    auto& o = ctx.Keep<ReportOptions>();
    CLI::App* cmd = report->add_subcommand(
        std::string(ReportKindName(kind)),
        fmt::format("Render the {} from the data as it stands now", ReportKindLabel(kind)));
    AddScopeOptions(cmd, o);
    AddFormatOptions(cmd, o);
    cmd->callback([&ctx, &o, kind] { ctx.exit_code = RenderLive(ctx, kind, o); });
  }

  auto& issue_opts = ctx.Keep<ReportOptions>();
  CLI::App* issue = report->add_subcommand(
      "issue", "Freeze a report for a board: its figures, updates and commentary as they are now");
  AddScopeOptions(issue, issue_opts);
  issue->add_option("--kind", issue_opts.kind, "outcome, plan, exceptions or children")
      ->required();
  issue->add_option("--board", issue_opts.board,
                    "The monitoring body it goes to (its id in the plan)")
      ->required();
  issue->add_option("--site-url", issue_opts.site_url,
                    "The site's address, so that the methods links work away from it");
  issue->callback([&ctx, &issue_opts] { ctx.exit_code = Issue(ctx, issue_opts); });

  auto& plan = ctx.Keep<std::string>();
  auto& list_format = ctx.Keep<std::string>("text");
  CLI::App* list = report->add_subcommand("list", "List the issued reports, newest first");
  list->add_option("--plan", plan, "Only this plan's reports");
  list->add_option("--format", list_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  list->callback([&ctx, &plan, &list_format] { ctx.exit_code = List(ctx, plan, list_format); });

  auto& id = ctx.Keep<std::string>();
  auto& show_opts = ctx.Keep<ReportOptions>();
  CLI::App* show = report->add_subcommand(
      "show", "Write an issued report exactly as it was issued (its PDF byte for byte)");
  show->add_option("ID", id, "The report's id (see 'waymark report list')")->required();
  AddFormatOptions(show, show_opts);
  show->callback([&ctx, &id, &show_opts] { ctx.exit_code = Show(ctx, id, show_opts); });

  for (const auto& [name, state, help] :
       {std::tuple{"review", ReportState::kReviewed, "Mark a draft report reviewed (analyst)"},
        std::tuple{"approve", ReportState::kApproved,
                   "Approve a reviewed report (a board member other than the reviewer)"},
        std::tuple{"publish", ReportState::kPublished,
                   "Publish an approved report: it becomes public (analyst)"}}) {
    auto& step_id = ctx.Keep<std::string>();
    CLI::App* cmd = report->add_subcommand(name, std::string(help) + "; needs --as EMAIL");
    cmd->add_option("ID", step_id, "The report's id (see 'waymark report list')")->required();
    cmd->callback([&ctx, &step_id, to = state] { ctx.exit_code = Step(ctx, step_id, to); });
  }
  AddCommentaryCommands(*report, ctx);
}

}  // namespace waymark::cli
