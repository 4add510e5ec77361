// `waymark index compute|export`: the plan's composite index (the Family Friendly Index) from
// the stored assessments, with Monte Carlo rank bands and Sobol sensitivity indices
// (docs/family-friendly-index.md).
#include <fstream>
#include <map>
#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "assess/export.h"
#include "assess/ffi.h"
#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/progress_display.h"
#include "core/clock.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

int Fail(Context& ctx, const Error& error) {
  *ctx.err << "waymark: " << error.ToString() << "\n";
  return 1;
}

// The other stored plans that declare the same index as `plan` (docs/family-friendly-index.md
// §6: one index shared by plans).
Result<std::vector<std::string>> SharingPlans(store::Store& store, const Plan& plan) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<PlanSummary> summaries, store.ListPlans());
  std::vector<Plan> others;
  for (const PlanSummary& summary : summaries) {
    if (summary.id == plan.id) continue;
    WAYMARK_ASSIGN_OR_RETURN(Plan other, store.LoadPlan(summary.id));
    others.push_back(std::move(other));
  }
  return assess::PlansSharingIndex(plan, others);
}

// The plan named, or else the first published plan with an [index] (then any plan with one),
// in the order of ListPlans: latest start first, plans that state no period last.
Result<Plan> IndexPlan(store::Store& store, const std::string& plan_id) {
  if (!plan_id.empty()) return store.LoadPlan(plan_id);
  WAYMARK_ASSIGN_OR_RETURN(std::vector<PlanSummary> plans, store.ListPlans());
  std::optional<Plan> fallback;
  for (const PlanSummary& summary : plans) {
    WAYMARK_ASSIGN_OR_RETURN(Plan plan, store.LoadPlan(summary.id));
    if (!plan.index) continue;
    if (plan.status == "published") return plan;
    if (!fallback) fallback = std::move(plan);
  }
  if (fallback) return *std::move(fallback);
  return MakeError(ErrorCode::kNotFound, "no stored plan has an [index] section");
}

std::string Rank(double x) { return HasValue(x) ? fmt::format("{:g}", x) : "–"; }

std::string AreaName(const std::vector<Area>& areas, const std::string& code) {
  for (const Area& a : areas) {
    if (a.code == code) return a.name;
  }
  return code;
}

void PrintSummary(Context& ctx, const assess::IndexComputation& c, const std::vector<Area>& areas,
                  const std::string& index_id) {
  const store::IndexResults& r = c.results;
  std::ostream& out = *ctx.out;
  out << fmt::format("index {} (plan {}): {} of {} {} areas scored", index_id, r.plan_id,
                     c.areas_scored, c.comparison_size, r.comparison);
  if (!c.years.empty()) out << fmt::format(", years {}–{}", c.years.front(), c.years.back());
  out << "\n";
  out << fmt::format("measures used ({}): {}\n", r.measures_used.size(),
                     fmt::join(r.measures_used, ", "));
  if (!r.measures_awaiting.empty()) {
    out << fmt::format("awaiting local data ({}): {}\n", r.measures_awaiting.size(),
                       fmt::join(r.measures_awaiting, ", "));
  }
  for (const std::string& note : c.notes) out << "note: " << note << "\n";
  std::map<int, int> ranked;
  for (const store::IndexAreaYear& row : r.rows) ++ranked[row.year];
  const store::IndexAreaYear* latest = nullptr;
  if (!c.home_area.empty()) {
    out << fmt::format("{} ({}):\n", AreaName(areas, c.home_area), c.home_area);
    for (const store::IndexAreaYear& row : r.rows) {
      if (row.area != c.home_area) continue;
      out << fmt::format("  {}  score {:.1f}  rank {} of {}  median {}  5–95% {}–{}\n", row.year,
                         row.score, Rank(row.rank), ranked[row.year], Rank(row.rank_median),
                         Rank(row.rank_p05), Rank(row.rank_p95));
      latest = &row;
    }
  }
  if (latest != nullptr) {
    out << fmt::format("latest ({}): score {:.1f}, rank {} of {} (5–95% band {}–{})\n",
                       latest->year, latest->score, Rank(latest->rank), ranked[latest->year],
                       Rank(latest->rank_p05), Rank(latest->rank_p95));
  }
  const double per_second = c.monte_carlo_seconds > 0 ? r.runs / c.monte_carlo_seconds : 0.0;
  out << fmt::format(
      "monte carlo: {} runs (seed {}), {} failed, {:.2f} s, {:.0f} runs per second\n", r.runs,
      r.seed, c.failed_runs, c.monte_carlo_seconds, per_second);
  if (!r.measures_goalposts.empty()) {
    out << fmt::format("scaled by fixed goalposts (local measures): {}\n",
                       fmt::join(r.measures_goalposts, ", "));
  }
  if (r.sensitivity_runs == 0) return;
  out << fmt::format("sensitivity (Sobol indices of the mean rank shift, N = {}, {:.2f} s):\n",
                     r.sensitivity_runs, c.sensitivity_seconds);
  for (const store::IndexSensitivity& s : r.sensitivity) {
    out << fmt::format("  {:<14} first {:.3f} ({:.3f}–{:.3f})  total {:.3f} ({:.3f}–{:.3f})\n",
                       s.factor, s.first, s.first_p05, s.first_p95, s.total, s.total_p05,
                       s.total_p95);
  }
}

int Compute(Context& ctx, const std::string& plan_id, const assess::IndexOptions& options) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto plan = IndexPlan(**store, plan_id);
  if (!plan) return Fail(ctx, plan.error());
  auto indicators = (*store)->ListIndicators();
  if (!indicators) return Fail(ctx, indicators.error());
  auto areas = (*store)->ListAreas();
  if (!areas) return Fail(ctx, areas.error());
  auto groups = (*store)->ListComparatorGroups();
  if (!groups) return Fail(ctx, groups.error());
  auto progress = StartProgress(ctx, {"index compute", "runs"});
  const auto fail = [&](const Error& error) {
    progress.reset();
    return Fail(ctx, error);
  };
  if (progress) progress->Stage("reading the judgements");
  // The index reads each indicator's headline series only (assess/ffi.cc).
  auto assessments = (*store)->ListHeadlineAssessments("");
  if (!assessments) return fail(assessments.error());
  auto audit = CommandAudit(ctx, **store, "index.compute");
  if (!audit) return fail(audit.error());
  auto sharing = SharingPlans(**store, *plan);
  if (!sharing) return fail(sharing.error());
  const assess::IndexInputs inputs{*plan,        *indicators, *areas,
                                   *groups,      *assessments, std::move(*sharing)};
  if (progress) progress->Stage("building the index");
  auto computed = assess::ComputeIndex(inputs, options, progress.get());
  if (!computed) return fail(computed.error());
  computed->results.computed_at = FormatUtc(ctx.clock->NowUnixSeconds());
  if (progress) progress->Stage("saving the results");
  const Status saved = AuditedChange(**store, *audit, "plan", plan->id, [&]() -> AuditedAfter {
    WAYMARK_TRY((*store)->SaveIndexResults(computed->results));
    return nlohmann::ordered_json{{"index", plan->index->id},
                                  {"runs", computed->results.runs},
                                  {"seed", computed->results.seed},
                                  {"areas_scored", computed->areas_scored}};
  });
  if (!saved) return fail(saved.error());
  if (progress) progress->Finish();
  progress.reset();
  PrintSummary(ctx, *computed, *areas, plan->index->id);
  return 0;
}

int Export(Context& ctx, const std::string& plan_id, const std::string& output) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto plan = IndexPlan(**store, plan_id);
  if (!plan) return Fail(ctx, plan.error());
  if (!plan->index) {
    return Fail(
        ctx,
        Error{ErrorCode::kNotFound, fmt::format("plan '{}' has no [index] section", plan->id), {}});
  }
  auto results = (*store)->LoadIndexResults(plan->id);
  if (!results) return Fail(ctx, results.error());
  const std::string csv = assess::IndexCsv(*results, *plan->index);
  if (output.empty()) {
    *ctx.out << csv;
    return 0;
  }
  std::ofstream file(output, std::ios::binary);
  if (!file) return Fail(ctx, Error{ErrorCode::kIo, "cannot open file for writing", {output}});
  file << csv;
  return file ? 0 : Fail(ctx, Error{ErrorCode::kIo, "cannot write file", {output}});
}

}  // namespace

void AddIndexCommands(CLI::App& app, Context& ctx) {
  CLI::App* index =
      app.add_subcommand("index", "The plan's composite index (Family Friendly Index)");
  index->require_subcommand(1);
  auto& plan_id = ctx.Keep<std::string>();
  auto& runs = ctx.Keep<int>(0);
  auto& seed = ctx.Keep<std::uint64_t>(0);
  auto& sensitivity = ctx.Keep<int>(0);
  auto& format = ctx.Keep<std::string>("csv");
  auto& output = ctx.Keep<std::string>();

  CLI::App* compute =
      index->add_subcommand("compute", "Compute and store the index with rank bands");
  compute->add_option("--plan", plan_id, "Plan id (default: the published plan with an index)");
  CLI::Option* runs_option =
      compute->add_option("--runs", runs, "Monte Carlo runs (default: the plan's, else 1000)")
          ->check(CLI::Range(1, 1000000));
  CLI::Option* seed_option =
      compute->add_option("--seed", seed, "Monte Carlo seed (default: the plan's, else 1)");
  CLI::Option* sensitivity_option =
      compute
          ->add_option("--sensitivity", sensitivity,
                       "Saltelli base sample N for the Sobol sensitivity indices, N × (factors + "
                       "2) runs; 0 skips them (default: the plan's, else 0)")
          ->check(CLI::Range(0, 100000));
  compute->callback(
      [&ctx, &plan_id, &runs, &seed, &sensitivity, runs_option, seed_option, sensitivity_option] {
        assess::IndexOptions options;
        if (runs_option->count() > 0) options.runs = runs;
        if (seed_option->count() > 0) options.seed = seed;
        if (sensitivity_option->count() > 0) options.sensitivity_runs = sensitivity;
        ctx.exit_code = Compute(ctx, plan_id, options);
      });

  CLI::App* exp = index->add_subcommand("export", "Export the stored index results");
  exp->add_option("--plan", plan_id, "Plan id (default: the published plan with an index)");
  exp->add_option("--format", format, "csv")->check(CLI::IsMember({"csv"}));
  exp->add_option("-o,--output", output, "Output file (default: standard output)");
  exp->callback([&ctx, &plan_id, &output] { ctx.exit_code = Export(ctx, plan_id, output); });
}

}  // namespace waymark::cli
