// `waymark init` and `waymark plan ...`: validate, import, list, show, export and history.
#include <fstream>
#include <optional>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/plan_text.h"
#include "core/clock.h"
#include "ingest/plan_file.h"
#include "ingest/plan_json.h"
#include "ingest/plan_toml.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

int Fail(Context& ctx, const Error& error) {
  *ctx.err << "waymark: " << error.ToString() << "\n";
  return 1;
}

Result<std::unique_ptr<store::Store>> OpenStore(Context& ctx, store::OpenMode mode) {
  return store::OpenStore(ctx.db_path, mode);
}

int PrintProblems(Context& ctx, const Diagnostics& problems) {
  for (const auto& p : problems) *ctx.err << p.ToString() << "\n";
  *ctx.err << fmt::format("{} problem{} found\n", problems.size(), problems.size() == 1 ? "" : "s");
  return 1;
}

int Init(Context& ctx) {
  auto store = OpenStore(ctx, store::OpenMode::kCreate);
  if (!store) return Fail(ctx, store.error());
  *ctx.out << fmt::format("initialised {} (schema version {})\n", store::DatabaseName(ctx.db_path),
                          (*store)->SchemaVersion());
  return 0;
}

int Validate(Context& ctx, const std::string& file) {
  const auto report = ingest::ReadPlanFile(file);
  if (!report.ok()) return PrintProblems(ctx, report.problems);
  const PlanCounts counts = CountPlan(*report.plan);
  *ctx.out << fmt::format("{}: plan '{}' is valid ({})\n", file, report.plan->id,
                          DescribeCounts(counts));
  return 0;
}

// The ids that the plan's `continues` keys name, checked against the plan it continues when
// the database holds that plan (else a note says they are checked once it does). Non-zero when
// an id is not found: nothing is imported.
int CheckContinued(Context& ctx, store::Store& store, const ingest::PlanFileReport& report) {
  const std::string& earlier_id = report.plan->continues;
  if (earlier_id.empty()) return 0;
  auto earlier = store.LoadPlan(earlier_id);
  if (!earlier && earlier.error().code == ErrorCode::kNotFound) {
    *ctx.out << fmt::format(
        "note: plan '{}', which this plan continues, is not in the database; "
        "the aims it carries over are checked when it is\n",
        earlier_id);
    return 0;
  }
  if (!earlier) return Fail(ctx, earlier.error());
  const Diagnostics problems = ingest::CheckContinued(report, *earlier);
  if (problems.empty()) return 0;
  PrintProblems(ctx, problems);
  *ctx.err << "nothing was imported\n";
  return 1;
}

int Import(Context& ctx, const std::string& file) {
  const auto report = ingest::ReadPlanFile(file);
  if (!report.ok()) {
    PrintProblems(ctx, report.problems);
    *ctx.err << "nothing was imported\n";
    return 1;
  }
  auto store = OpenStore(ctx, store::OpenMode::kCreate);
  if (!store) return Fail(ctx, store.error());
  if (const int checked = CheckContinued(ctx, **store, report); checked != 0) return checked;
  auto audit = CommandAudit(ctx, **store, "plan.import");
  if (!audit) return Fail(ctx, audit.error());
  // The history names the same person as the audit log (--as EMAIL, else the OS user).
  const std::string who = ctx.as_user.empty() ? ctx.user : audit->actor;
  const store::ImportContext import_ctx{who, file, ctx.clock->NowUnixSeconds()};
  std::optional<store::ImportResult> result;
  const Status saved =
      AuditedChange(**store, *audit, "plan", report.plan->id, [&]() -> AuditedAfter {
        WAYMARK_ASSIGN_OR_RETURN(result, (*store)->ImportPlan(*report.plan, import_ctx));
        return nlohmann::ordered_json{
            {"revision", result->revision}, {"changes", result->changes.size()}, {"source", file}};
      });
  if (!saved) {
    Fail(ctx, saved.error());
    *ctx.err << "nothing was imported\n";
    return 1;
  }
  const auto counts = DescribeCounts(CountPlan(*report.plan));
  if (result->created) {
    *ctx.out << fmt::format("imported plan '{}' as revision 1 ({})\n", result->plan_id, counts);
  } else if (result->changes.empty()) {
    *ctx.out << fmt::format("plan '{}' unchanged (revision {})\n", result->plan_id,
                            result->revision);
  } else {
    *ctx.out << fmt::format("updated plan '{}' to revision {}: {} change{}\n", result->plan_id,
                            result->revision, result->changes.size(),
                            result->changes.size() == 1 ? "" : "s");
    for (const auto& c : result->changes) *ctx.out << "  " << store::DescribeChange(c) << "\n";
  }
  return 0;
}

int List(Context& ctx) {
  auto store = OpenStore(ctx, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto plans = (*store)->ListPlans();
  if (!plans) return Fail(ctx, plans.error());
  if (plans->empty()) {
    *ctx.out << "no plans (import one with 'waymark plan import FILE')\n";
    return 0;
  }
  for (const auto& p : *plans) {
    *ctx.out << fmt::format("{:<24} {:<24}  {:<9}  rev {:<3} {}\n", p.id,
                            PeriodText(p.start, p.end), p.status, p.revision, p.title);
  }
  return 0;
}

// The plan named, or the only plan when none is named.
Result<Plan> ResolvePlan(store::Store& store, const std::string& plan_id) {
  if (!plan_id.empty()) return store.LoadPlan(plan_id);
  WAYMARK_ASSIGN_OR_RETURN(auto plans, store.ListPlans());
  if (plans.size() == 1) return store.LoadPlan(plans.front().id);
  if (plans.empty()) return MakeError(ErrorCode::kNotFound, "the database holds no plan");
  std::vector<std::string> ids;
  for (const auto& p : plans) ids.push_back(p.id);
  return MakeError(
      ErrorCode::kInvalidArgument,
      fmt::format("the database holds several plans; name one of: {}", fmt::join(ids, ", ")));
}

int Show(Context& ctx, const std::string& plan_id, const std::string& format) {
  auto store = OpenStore(ctx, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto plan = ResolvePlan(**store, plan_id);
  if (!plan) return Fail(ctx, plan.error());
  if (format == "json") {
    *ctx.out << ingest::PlanToJson(*plan).dump(2) << "\n";
  } else {
    *ctx.out << PlanToText(*plan);
  }
  return 0;
}

int Export(Context& ctx, const std::string& plan_id, int revision, const std::string& output) {
  auto store = OpenStore(ctx, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  Result<std::string> text = revision > 0 ? (*store)->PlanDocument(plan_id, revision)
                                          : (*store)->LoadPlan(plan_id).map(ingest::WritePlanToml);
  if (!text) return Fail(ctx, text.error());
  if (output.empty() || output == "-") {
    *ctx.out << *text;
    return 0;
  }
  std::ofstream out(output, std::ios::binary);
  out << *text;
  out.close();
  if (!out) return Fail(ctx, Error{ErrorCode::kIo, "cannot write file", SourcePos{output}});
  return 0;
}

int History(Context& ctx, const std::string& plan_id, bool with_changes) {
  auto store = OpenStore(ctx, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto history = (*store)->PlanHistory(plan_id);
  if (!history) return Fail(ctx, history.error());
  for (const auto& r : *history) {
    *ctx.out << fmt::format("revision {}  {}  by {}  from {}  ({} change{})\n", r.revision,
                            r.imported_at, r.imported_by, r.source, r.change_count,
                            r.change_count == 1 ? "" : "s");
    if (!with_changes) continue;
    auto changes = (*store)->PlanChanges(plan_id, r.revision);
    if (!changes) return Fail(ctx, changes.error());
    for (const auto& c : *changes) *ctx.out << "  " << store::DescribeChange(c) << "\n";
  }
  return 0;
}

}  // namespace

void AddPlanCommands(CLI::App& app, Context& ctx) {
  app.add_subcommand("init", "Create the database (or bring its schema up to date)")
      ->callback([&ctx] { ctx.exit_code = Init(ctx); });

  CLI::App* plan = app.add_subcommand("plan", "Plans: validate, import, list, show, export");
  plan->require_subcommand(1);

  auto& file = ctx.Keep<std::string>();
  CLI::App* validate = plan->add_subcommand("validate", "Check a plan file; list every problem");
  validate->add_option("FILE", file, "Plan file (TOML)")->required();
  validate->callback([&ctx, &file] { ctx.exit_code = Validate(ctx, file); });

  CLI::App* import = plan->add_subcommand("import", "Import a plan file (all or nothing)");
  import->add_option("FILE", file, "Plan file (TOML)")->required();
  import->callback([&ctx, &file] { ctx.exit_code = Import(ctx, file);
});

plan->add_subcommand("list", "List the stored plans")->callback([&ctx] {
  ctx.exit_code = List(ctx);
});

auto& plan_id = ctx.Keep<std::string>();
auto& format = ctx.Keep<std::string>("text");
CLI::App* show = plan->add_subcommand("show", "Show a stored plan");
show->add_option("PLAN_ID", plan_id, "Plan id (optional when there is one plan)");
show->add_option("--format", format, "text or json")
    ->check(CLI::IsMember({"text", "json"}))
    ->capture_default_str();
show->callback([&ctx, &plan_id, &format] { ctx.exit_code = Show(ctx, plan_id, format); });

auto& revision = ctx.Keep<int>(0);
auto& output = ctx.Keep<std::string>();
CLI::App* exp = plan->add_subcommand("export", "Write a stored plan as a plan file");
exp->add_option("PLAN_ID", plan_id, "Plan id")->required();
exp->add_option("--revision", revision, "Export an earlier revision")->check(CLI::PositiveNumber);
exp->add_option("-o,--output", output, "Output file (default: standard output)");
exp->callback([&ctx, &plan_id, &revision, &output] {
  ctx.exit_code = Export(ctx, plan_id, revision, output);
});

auto& changes = ctx.Keep<bool>(false);
CLI::App* history = plan->add_subcommand("history", "Show a plan's revisions: who, when, what");
history->add_option("PLAN_ID", plan_id, "Plan id")->required();
history->add_flag("--changes", changes, "List each revision's changes");
history->callback([&ctx, &plan_id, &changes] { ctx.exit_code = History(ctx, plan_id, changes); });
}  // namespace waymark::cli

}  // namespace waymark::cli
