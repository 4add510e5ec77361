// `waymark cycle ...` and `waymark update ...`: reporting cycles (open, list, close) and the
// action updates partners owe in them (list, and a bulk import from a CSV file, for moving
// from a spreadsheet tracker). Every change is audited by the store with the command's entry.
#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "cli/cycle_text.h"
#include "cli/update_import.h"
#include "core/clock.h"
#include "core/cycle.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

int FailAll(Context& ctx, const std::vector<std::string>& problems) {
  for (const std::string& problem : problems) Fail(ctx, problem);
  return 1;
}

// The options of `cycle open`.
struct NewCycleOptions {
  std::string plan;
  std::string name;
  std::string from;
  std::string to;
  std::string due;
};

std::string NotACycleId(std::string_view option, const std::string& text) {
  return fmt::format("{}: '{}' is not a cycle id (see 'waymark cycle list')", option, text);
}

// The problem with `plan_id` when no such plan is stored, naming the stored ones.
Result<std::optional<std::string>> PlanProblem(store::Store& store, std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<PlanSummary> plans, store.ListPlans());
  std::vector<std::string> ids;
  for (const PlanSummary& p : plans) {
    if (p.id == plan_id) return std::optional<std::string>();
    ids.push_back(p.id);
  }
  if (ids.empty()) {
    return fmt::format("--plan: no plan '{}'; no plan is stored yet (see 'waymark plan import')",
                       plan_id);
  }
  return fmt::format("--plan: no plan '{}'; the stored plans are: {}", plan_id,
                     fmt::join(ids, ", "));
}

// The problem when the plan has an open cycle already.
Result<std::optional<std::string>> OpenCycleProblem(store::Store& store, std::string_view plan_id) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<ReportingCycle> cycles, store.ListCycles(plan_id));
  for (const ReportingCycle& c : cycles) {
    if (c.state != CycleState::kOpen) continue;
    return fmt::format(
        "plan {} has an open cycle already: {} ({}, due {}); a plan has one open cycle at a "
        "time, so close it first with 'waymark cycle close {}'",
        plan_id, c.id, c.name, c.due.ToString(), c.id);
  }
  return std::optional<std::string>();
}

// Every problem that stops `cycle open`: the fields, then the plan and its open cycle.
Result<std::vector<std::string>> NewCycleProblems(store::Store& store, const NewCycleOptions& o,
                                                  const CycleCheck& check) {
  std::vector<std::string> problems;
  for (const FieldError& e : check.errors) {
    problems.push_back(fmt::format("--{}: {}", e.field, e.message));
  }
  WAYMARK_ASSIGN_OR_RETURN(std::optional<std::string> plan, PlanProblem(store, o.plan));
  if (plan) {
    problems.push_back(std::move(*plan));
    return problems;
  }
  WAYMARK_ASSIGN_OR_RETURN(std::optional<std::string> open, OpenCycleProblem(store, o.plan));
  if (open) problems.push_back(std::move(*open));
  return problems;
}

int OpenCycle(Context& ctx, const NewCycleOptions& o) {
  const CycleCheck check = CheckCycleInput(o.plan, CycleInput{o.name, o.from, o.to, o.due});
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto problems = NewCycleProblems(**store, o, check);
  if (!problems) return Fail(ctx, problems.error());
  if (!problems->empty()) return FailAll(ctx, *problems);
  auto audit = CommandAudit(ctx, **store, "cycle.open");
  if (!audit) return Fail(ctx, audit.error());
  auto opened = (*store)->OpenCycle(check.cycle, ctx.clock->NowUnixSeconds(), *audit);
  if (!opened) return Fail(ctx, opened.error());
  *ctx.out << fmt::format("opened cycle {} of {}: {}, {} to {}, due {}\n", opened->id,
                          opened->plan_id, opened->name, opened->from.ToString(),
                          opened->to.ToString(), opened->due.ToString());
  return 0;
}

// The ids of the actions of a plan, loaded once per plan.
class PlanActions {
 public:
  explicit PlanActions(store::Store& store) : store_(store) {}

  Result<const std::set<std::string>*> Of(const std::string& plan_id) {
    if (const auto known = ids_.find(plan_id); known != ids_.end()) return &known->second;
    WAYMARK_ASSIGN_OR_RETURN(Plan plan, store_.LoadPlan(plan_id));
    std::set<std::string> ids;
    for (const Outcome& outcome : plan.outcomes) {
      for (const Objective& objective : outcome.objectives) {
        for (const Action& action : objective.actions) ids.insert(action.id);
      }
    }
    return &ids_.emplace(plan_id, std::move(ids)).first->second;
  }

 private:
  store::Store& store_;
  std::map<std::string, std::set<std::string>> ids_;
};

Result<CycleRow> RowOf(store::Store& store, PlanActions& actions, const ReportingCycle& cycle,
                       const Date& today) {
  CycleRow row;
  row.cycle = cycle;
  row.overdue = CycleOverdue(cycle, today);
  WAYMARK_ASSIGN_OR_RETURN(const std::set<std::string>* ids, actions.Of(cycle.plan_id));
  row.actions = static_cast<int>(ids->size());
  store::UpdateFilter filter;
  filter.plan_id = cycle.plan_id;
  filter.cycle_id = cycle.id;
  WAYMARK_ASSIGN_OR_RETURN(std::vector<ActionUpdate> updates, store.ListActionUpdates(filter));
  for (const ActionUpdate& u : updates) {
    if (u.cycle_id != cycle.id || !ids->contains(u.action_id)) continue;
    ++(u.state == UpdateState::kSubmitted ? row.submitted : row.drafts);
  }
  return row;
}

int ListCycles(Context& ctx, const std::string& plan_id, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  if (!plan_id.empty()) {
    auto problem = PlanProblem(**store, plan_id);
    if (!problem) return Fail(ctx, problem.error());
    if (*problem) return Fail(ctx, **problem);
  }
  auto cycles = (*store)->ListCycles(plan_id);
  if (!cycles) return Fail(ctx, cycles.error());
  const Date today = DateOfUnixSeconds(ctx.clock->NowUnixSeconds());
  PlanActions actions(**store);
  std::vector<CycleRow> rows;
  for (const ReportingCycle& cycle : *cycles) {
    auto row = RowOf(**store, actions, cycle, today);
    if (!row) return Fail(ctx, row.error());
    rows.push_back(std::move(*row));
  }
  if (format == "csv") {
    *ctx.out << CyclesCsv(rows);
  } else if (format == "json") {
    *ctx.out << CyclesJson(rows).dump(2) << "\n";
  } else {
    *ctx.out << CyclesText(rows);
  }
  return 0;
}

// The cycle named by `id_text` (given as `option`), or the message saying why there is none.
Result<ReportingCycle> FindCycle(store::Store& store, std::string_view option,
                                 const std::string& id_text) {
  const std::optional<std::int64_t> id = ParseId(id_text);
  if (!id) return MakeError(ErrorCode::kInvalidArgument, NotACycleId(option, id_text));
  auto cycle = store.FindCycle(*id);
  if (!cycle && cycle.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("{}: no cycle {} (see 'waymark cycle list')", option, *id));
  }
  return cycle;
}

int CloseCycle(Context& ctx, const std::string& id_text) {
  if (!ParseId(id_text)) return Fail(ctx, NotACycleId("ID", id_text));
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto cycle = FindCycle(**store, "ID", id_text);
  if (!cycle) return Fail(ctx, cycle.error());
  if (cycle->state == CycleState::kClosed) {
    *ctx.out << fmt::format("cycle {} of {} ({}) was closed already, at {}\n", cycle->id,
                            cycle->plan_id, cycle->name, cycle->closed_at);
    return 0;
  }
  auto audit = CommandAudit(ctx, **store, "cycle.close");
  if (!audit) return Fail(ctx, audit.error());
  auto closed = (*store)->CloseCycle(cycle->id, ctx.clock->NowUnixSeconds(), *audit);
  if (!closed) return Fail(ctx, closed.error());
  *ctx.out << fmt::format("closed cycle {} of {} ({}); its updates can no longer change\n",
                          closed->id, closed->plan_id, closed->name);
  return 0;
}

Result<std::vector<ActionUpdate>> UpdatesOf(store::Store& store, const ReportingCycle& cycle) {
  store::UpdateFilter filter;
  filter.plan_id = cycle.plan_id;
  filter.cycle_id = cycle.id;
  return store.ListActionUpdates(filter);
}

int ListUpdates(Context& ctx, const std::string& id_text, const std::string& format) {
  if (!ParseId(id_text)) return Fail(ctx, NotACycleId("--cycle", id_text));
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto cycle = FindCycle(**store, "--cycle", id_text);
  if (!cycle) return Fail(ctx, cycle.error());
  auto updates = UpdatesOf(**store, *cycle);
  if (!updates) return Fail(ctx, updates.error());
  if (format == "csv") {
    *ctx.out << UpdatesCsv(*updates);
  } else if (format == "json") {
    *ctx.out << UpdatesJson(*updates).dump(2) << "\n";
  } else {
    *ctx.out << UpdatesText(*updates);
  }
  return 0;
}

int Problems(Context& ctx, const Diagnostics& problems) {
  for (const Error& p : problems) *ctx.err << p.ToString() << "\n";
  *ctx.err << fmt::format("{} problem{} found; nothing was imported\n", problems.size(),
                          problems.size() == 1 ? "" : "s");
  return 1;
}

// Saves the checked updates in file order, all or nothing, each audited with the command's entry.
int SaveUpdates(Context& ctx, store::Store& store, const std::string& file,
                const std::vector<PlannedUpdate>& updates, const AuditEntry& audit) {
  auto saved = SaveUpdateFile(store, file, updates, ctx.clock->NowUnixSeconds(), audit);
  if (!saved) {
    if (saved.error().code == ErrorCode::kDatabase) {
      return Fail(ctx, saved.error().ToString() + "; nothing was imported");
    }
    return Problems(ctx, {saved.error()});
  }
  const auto submitted =
      static_cast<int>(std::count_if(saved->begin(), saved->end(), [](const ActionUpdate& u) {
        return u.state == UpdateState::kSubmitted;
      }));
  const auto drafts = static_cast<int>(saved->size()) - submitted;
  *ctx.out << fmt::format("{}: imported {} update{} ({} submitted, {} draft{})\n", file,
                          saved->size(), saved->size() == 1 ? "" : "s", submitted, drafts,
                          drafts == 1 ? "" : "s");
  return 0;
}

int ImportUpdates(Context& ctx, const std::string& id_text, const std::string& file) {
  if (!ParseId(id_text)) return Fail(ctx, NotACycleId("--cycle", id_text));
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto cycle = FindCycle(**store, "--cycle", id_text);
  if (!cycle) return Fail(ctx, cycle.error());
  if (cycle->state == CycleState::kClosed) {
    return Fail(ctx, fmt::format("cycle {} of {} ({}) is closed; its updates can no longer "
                                 "change; nothing was imported",
                                 cycle->id, cycle->plan_id, cycle->name));
  }
  auto audit = CommandAudit(ctx, **store, "action-update.save");
  if (!audit) return Fail(ctx, audit.error());
  auto plan = (*store)->LoadPlan(cycle->plan_id);
  if (!plan) return Fail(ctx, plan.error());
  auto stored = UpdatesOf(**store, *cycle);
  if (!stored) return Fail(ctx, stored.error());
  auto check = CheckUpdateFile(file, *cycle, *plan, *stored, **store);
  if (!check) return Fail(ctx, check.error());
  if (!check->ok()) return Problems(ctx, check->problems);
  return SaveUpdates(ctx, **store, file, check->updates, *audit);
}

void AddCycleSubcommands(CLI::App& app, Context& ctx) {
  CLI::App* cycle = app.add_subcommand(
      "cycle", "Reporting cycles: the periods in which each action of a plan owes an update");
  cycle->require_subcommand(1);

  auto& opts = ctx.Keep<NewCycleOptions>();
  CLI::App* open = cycle->add_subcommand(
      "open", "Open a cycle for a plan (one open cycle per plan); all dates YYYY-MM-DD");
  open->add_option("--plan", opts.plan, "The plan's id (see 'waymark plan list')")->required();
  open->add_option("--name", opts.name, "The cycle's name, e.g. '2026–27 Q2'")->required();
  open->add_option("--from", opts.from, "The first day the updates cover")->required();
  open->add_option("--to", opts.to, "The last day the updates cover")->required();
  open->add_option("--due", opts.due, "The day the updates are due (on or after --to)")->required();
  open->callback([&ctx, &opts] { ctx.exit_code = OpenCycle(ctx, opts); });

  auto& plan = ctx.Keep<std::string>();
  auto& format = ctx.Keep<std::string>("text");
  CLI::App* list = cycle->add_subcommand(
      "list", "List the cycles, newest first, with how many actions have an update");
  list->add_option("--plan", plan, "Only this plan's cycles");
  list->add_option("--format", format, "text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}))
      ->capture_default_str();
  list->callback([&ctx, &plan, &format] { ctx.exit_code = ListCycles(ctx, plan, format); });

  auto& id = ctx.Keep<std::string>();
  CLI::App* close =
      cycle->add_subcommand("close", "Close a cycle: its updates can no longer change");
  close->add_option("ID", id, "The cycle's id (see 'waymark cycle list')")->required();
  close->callback([&ctx, &id] { ctx.exit_code = CloseCycle(ctx, id); });
}

void AddUpdateSubcommands(CLI::App& app, Context& ctx) {
  CLI::App* update =
      app.add_subcommand("update", "Action updates of a reporting cycle: import, list");
  update->require_subcommand(1);

  auto& cycle = ctx.Keep<std::string>();
  auto& file = ctx.Keep<std::string>();
  CLI::App* import = update->add_subcommand(
      "import", "Load action updates from a CSV file into an open cycle (all or nothing)");
  import->add_option("--cycle", cycle, "The cycle's id (see 'waymark cycle list')")->required();
  import
      ->add_option("FILE", file,
                   "CSV with the columns action, author, state, status, narrative, evidence, "
                   "next_steps, expected_completion")
      ->required();
  import->callback([&ctx, &cycle, &file] { ctx.exit_code = ImportUpdates(ctx, cycle, file);
});

auto& format = ctx.Keep<std::string>("text");
CLI::App* list = update->add_subcommand("list", "List the updates of a cycle, by action");
list->add_option("--cycle", cycle, "The cycle's id (see 'waymark cycle list')")->required();
list->add_option("--format", format, "text, csv or json")
    ->check(CLI::IsMember({"text", "csv", "json"}))
    ->capture_default_str();
list->callback([&ctx, &cycle, &format] { ctx.exit_code = ListUpdates(ctx, cycle, format); });
}  // namespace

}  // namespace waymark::cli

void AddCycleCommands(CLI::App& app, Context& ctx) {
  AddCycleSubcommands(app, ctx);
  AddUpdateSubcommands(app, ctx);
}

}  // namespace waymark::cli
