// `waymark report comment` and `waymark report commentary`: the analyst's commentary for board
// reports from the command line, per plan and reporting cycle (the current one by default).
// `comment` writes (or, with an empty text, removes) the commentary on one item; `commentary`
// lists what is written. Saves are versioned and audited by the store like the web form's.
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "cli/table_text.h"
#include "core/board_report.h"
#include "core/clock.h"
#include "core/cycle.h"
#include "report/commentary_pages.h"
#include "store/store.h"
#include "web/report_source.h"

namespace waymark::cli {
namespace {

struct CommentOptions {
  std::string plan;
  std::string cycle;
  std::string subject;
  std::optional<std::string> text;
  std::string file;
  std::optional<int> version;
  std::string format = "text";
};

// The cycle --cycle names (or the plan's current one; nullopt when the plan has none).
Result<std::optional<std::int64_t>> CycleOf(store::Store& store, const CommentOptions& o) {
  WAYMARK_ASSIGN_OR_RETURN(const auto cycles, store.ListCycles(o.plan));
  if (o.cycle.empty()) {
    const ReportingCycle* current = CurrentCycle(cycles);
    if (current == nullptr) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(current->id);
  }
  const auto id = ParseId(o.cycle);
  for (const ReportingCycle& c : cycles) {
    if (id && c.id == *id) return std::optional<std::int64_t>(c.id);
  }
  return MakeError(ErrorCode::kNotFound,
                   fmt::format("--cycle: no cycle '{}' in plan {} (see 'waymark cycle list')",
                               o.cycle, o.plan));
}

// The text of --text, or of the --file (UTF-8 plain text).
Result<std::string> TextOf(const CommentOptions& o) {
  if (o.text.has_value() == !o.file.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "give the text with --text or --file (one)");
  }
  if (o.text) return CommentaryFromForm(*o.text);
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot read the file", o.file));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return CommentaryFromForm(bytes.str());
}

// The version the save replaces: --version, else the one stored now (0 when none).
Result<int> VersionOf(store::Store& store, const Commentary& c, const CommentOptions& o) {
  if (o.version) return *o.version;
  WAYMARK_ASSIGN_OR_RETURN(const auto written, store.ListCommentary(c.plan_id, c.cycle_id));
  for (const Commentary& w : written) {
    if (w.subject == c.subject) return w.version;
  }
  return 0;
}

int Comment(Context& ctx, const CommentOptions& o) {
  auto text = TextOf(o);
  if (!text) return Fail(ctx, text.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto plan = (*store)->LoadPlan(o.plan);
  if (!plan) return Fail(ctx, plan.error());
  auto data = web::LoadIndicatorData(**store);
  if (!data) return Fail(ctx, data.error());
  const auto subjects = report::CommentarySubjects(*plan, &*data);
  if (report::FindCommentarySubject(subjects, o.subject) == nullptr) {
    return Fail(ctx, fmt::format("--subject: no item '{}' in plan {} (plan, outcome:ID, "
                                 "objective:ID, indicator:ID or action:ID)",
                                 o.subject, o.plan));
  }
  auto cycle = CycleOf(**store, o);
  if (!cycle) return Fail(ctx, cycle.error());
  auto audit = CommandAudit(ctx, **store, "commentary.save");
  if (!audit) return Fail(ctx, audit.error());
  Commentary c;
  c.plan_id = o.plan;
  c.cycle_id = *cycle;
  c.subject = o.subject;
  c.text = std::move(*text);
  auto version = VersionOf(**store, c, o);
  if (!version) return Fail(ctx, version.error());
  auto saved = (*store)->SaveCommentary(c, *version, ctx.clock->NowUnixSeconds(), *audit);
  if (!saved) return Fail(ctx, saved.error());
  if (saved->version == 0) {
    *ctx.out << fmt::format("removed the commentary on {}\n", o.subject);
  } else {
    *ctx.out << fmt::format("saved the commentary on {} (version {})\n", o.subject,
                            saved->version);
  }
  return 0;
}

int List(Context& ctx, const CommentOptions& o) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto cycle = CycleOf(**store, o);
  if (!cycle) return Fail(ctx, cycle.error());
  auto written = (*store)->ListCommentary(o.plan, *cycle);
  if (!written) return Fail(ctx, written.error());
  if (o.format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const Commentary& c : *written) {
      all.push_back({{"subject", c.subject},
                     {"cycle", c.cycle_id ? nlohmann::ordered_json(*c.cycle_id) : nullptr},
                     {"version", c.version},
                     {"author", c.author},
                     {"updated_at", c.updated_at},
                     {"text", c.text}});
    }
    *ctx.out << all.dump(2) << "\n";
    return 0;
  }
  if (written->empty()) {
    *ctx.out << "no commentary in this cycle (see 'waymark report comment')\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"SUBJECT", "VERSION", "AUTHOR", "SAVED", "TEXT"}};
  for (const Commentary& c : *written) {
    rows.push_back({c.subject, std::to_string(c.version), c.author, c.updated_at,
                    PrintableText(c.text)});
  }
  *ctx.out << AlignedTable(rows);
  return 0;
}

}  // namespace

void AddCommentaryCommands(CLI::App& report, Context& ctx) {
  auto& o = ctx.Keep<CommentOptions>();
  CLI::App* comment = report.add_subcommand(
      "comment", "Write the commentary on an item for the cycle's reports (audited)");
  comment->add_option("--plan", o.plan, "The plan's id (see 'waymark plan list')")->required();
  comment->add_option("--cycle", o.cycle, "The cycle's id (default: the current cycle)");
  comment->add_option("--subject", o.subject,
                      "plan, outcome:ID, objective:ID, indicator:ID or action:ID")
      ->required();
  comment->add_option("--text", o.text, "The commentary (empty: remove it)");
  comment->add_option("--file", o.file, "A UTF-8 text file holding the commentary");
  comment->add_option("--version", o.version,
                      "The version it replaces (default: the one stored now); a newer one "
                      "stored meanwhile refuses the save");
  comment->callback([&ctx, &o] { ctx.exit_code = Comment(ctx, o); });

  auto& l = ctx.Keep<CommentOptions>();
  CLI::App* list = report.add_subcommand("commentary", "List the commentary of a cycle");
  list->add_option("--plan", l.plan, "The plan's id (see 'waymark plan list')")->required();
  list->add_option("--cycle", l.cycle, "The cycle's id (default: the current cycle)");
  list->add_option("--format", l.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  list->callback([&ctx, &l] { ctx.exit_code = List(ctx, l); });
}

}  // namespace waymark::cli
