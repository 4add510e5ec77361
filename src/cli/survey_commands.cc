// `waymark survey ...`: surveys of children and young people (docs/survey-format.md). `survey
// import` checks and stores a survey file, with the ward bands of the plan's council and the
// catalogue's indicators; `survey list` shows the surveys and their waves; `survey codes` makes
// one-time codes for a wave; `survey results` writes a wave's results, with small numbers
// suppressed, as CSV or an Excel workbook. Changes are audited by the store.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "assess/ffi.h"
#include "assess/stored_survey_results.h"
#include "assess/survey_feed.h"
#include "assess/survey_results.h"
#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "cli/survey_options.h"
#include "cli/table_text.h"
#include "core/clock.h"
#include "core/cycle.h"
#include "core/survey.h"
#include "ingest/survey_aggregate_file.h"
#include "ingest/survey_file.h"
#include "report/survey_tables.h"
#include "report/table.h"
#include "report/xlsx_book.h"
#include "stats/csv.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

constexpr char kSeeList[] = "(see 'waymark survey list')";

Result<std::string> OnlyPlanId(store::Store& store, const std::string& plan_id) {
  if (!plan_id.empty()) return plan_id;
  WAYMARK_ASSIGN_OR_RETURN(std::vector<PlanSummary> plans, store.ListPlans());
  if (plans.empty()) return std::string();
  if (plans.size() > 1) {
    std::vector<std::string> ids;
    ids.reserve(plans.size());
    for (const PlanSummary& p : plans) ids.push_back(p.id);
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--plan: several plans are stored ({}); name the one whose "
                                 "council's wards the survey asks about",
                                 fmt::join(ids, ", ")));
  }
  return plans.front().id;
}

// What a survey file is read against: the wards of the plan's council (none when no plan is
// stored) and the ids of the catalogue's indicators.
Result<ingest::SurveyFileContext> FileContext(store::Store& store, const std::string& plan_opt) {
  ingest::SurveyFileContext context;
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Indicator> indicators, store.ListIndicators());
  for (const Indicator& i : indicators) context.indicators.push_back(i.id);
  WAYMARK_ASSIGN_OR_RETURN(const std::string plan_id, OnlyPlanId(store, plan_opt));
  if (plan_id.empty()) return context;
  auto plan = store.LoadPlan(plan_id);
  if (!plan && plan.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("--plan: no plan '{}' (see 'waymark plan list')", plan_id));
  }
  if (!plan) return tl::unexpected(plan.error());
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Area> areas, store.ListAreas());
  const std::string council = assess::HomeArea(*plan, areas, {});
  context.area = council;
  if (!council.empty()) context.wards = ingest::WardBands(areas, council);
  return context;
}

std::size_t QuestionCount(const Survey& survey) {
  std::size_t n = 0;
  for (const SurveySection& s : survey.sections) n += s.questions.size();
  return n;
}

int Import(Context& ctx, const std::string& path, const std::string& plan_opt) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto context = FileContext(**store, plan_opt);
  if (!context) return Fail(ctx, context.error());
  const ingest::SurveyFileReport report = ingest::ReadSurveyFile(path, *context);
  if (!report.ok()) return PrintProblems(ctx, report.problems);
  const Survey& survey = *report.survey;
  auto stored = (*store)->FindSurvey(survey.id);
  if (stored && *stored == survey) {
    *ctx.out << fmt::format("unchanged survey {}\n", survey.id);
    return 0;
  }
  auto audit = CommandAudit(ctx, **store, "survey.import");
  if (!audit) return Fail(ctx, audit.error());
  auto created = (*store)->SaveSurvey(survey, ctx.clock->NowUnixSeconds(), *audit);
  if (!created) return Fail(ctx, created.error());
  *ctx.out << fmt::format("{} survey {} ({} questions, {} waves)\n",
                          *created ? "imported" : "updated", survey.id, QuestionCount(survey),
                          survey.waves.size());
  return 0;
}

std::vector<std::vector<std::string>> ListRows(const std::vector<store::SurveySummary>& surveys,
                                               std::vector<std::string> header) {
  std::vector<std::vector<std::string>> rows = {std::move(header)};
  for (const store::SurveySummary& s : surveys) {
    if (s.waves.empty()) rows.push_back({s.id, s.code, s.title, "", "", "", "", ""});
    for (const store::SurveyWaveSummary& w : s.waves) {
      rows.push_back({s.id, s.code, s.title, w.wave.id, w.wave.name, w.wave.opens.ToString(),
                      w.wave.closes.ToString(), std::to_string(w.responses)});
    }
  }
  return rows;
}

int List(Context& ctx, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto surveys = (*store)->ListSurveys();
  if (!surveys) return Fail(ctx, surveys.error());
  if (format == "csv") {
    for (const auto& row : ListRows(*surveys, {"survey", "code", "title", "wave", "name", "opens",
                                               "closes", "responses"})) {
      *ctx.out << stats::CsvLine(row) << "\n";
    }
    return 0;
  }
  if (surveys->empty()) {
    *ctx.out << "no surveys are stored (see 'waymark survey import')\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = ListRows(
      *surveys, {"SURVEY", "CODE", "TITLE", "WAVE", "NAME", "OPENS", "CLOSES", "RESPONSES"});
  for (auto& row : rows) {
    for (std::string& cell : row) cell = PrintableText(cell);
  }
  *ctx.out << AlignedTable(rows);
  return 0;
}

Status WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return MakeError(ErrorCode::kIo, fmt::format("{}: cannot write the file", path));
  return {};
}

struct AggregatesOptions {
  std::string path;
  std::string survey;
  std::string wave;
};

// Imports a wave's results from elsewhere (a CSV of aggregates, docs/survey-format.md).
int Aggregates(Context& ctx, const AggregatesOptions& o) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto survey = FindNamedSurvey(**store, o.survey);
  if (!survey) return Fail(ctx, survey.error());
  auto wave = FindNamedWave(*survey, o.wave);
  if (!wave) return Fail(ctx, wave.error());
  const ingest::SurveyAggregateFileReport report =
      ingest::ReadSurveyAggregateFile(o.path, *survey);
  if (!report.ok()) return PrintProblems(ctx, report.problems);
  auto stored = (*store)->ListSurveyAggregates(survey->id, wave->id);
  if (!stored) return Fail(ctx, stored.error());
  if (*stored == *report.rows) {
    *ctx.out << fmt::format("unchanged results of wave {}\n", wave->id);
    return 0;
  }
  auto audit = CommandAudit(ctx, **store, "survey.aggregates");
  if (!audit) return Fail(ctx, audit.error());
  auto saved = (*store)->SaveSurveyAggregates(survey->id, wave->id, *report.rows,
                                              ctx.clock->NowUnixSeconds(), *audit);
  if (!saved) return Fail(ctx, saved.error());
  *ctx.out << fmt::format("imported {} result{} for wave {} of survey {}\n", report.rows->size(),
                          report.rows->size() == 1 ? "" : "s", wave->id, survey->id);
  return 0;
}

struct CodesOptions {
  std::string survey;
  std::string wave;
  std::string count;
  std::string output;
};

std::optional<int> ParseCount(const std::string& text) {
  int n = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || ptr != end || n < 1 || n > store::kMaxSurveyCodes) return std::nullopt;
  return n;
}

int Codes(Context& ctx, const CodesOptions& o) {
  const std::optional<int> count = ParseCount(o.count);
  if (!count) {
    return Fail(ctx, fmt::format("--count: '{}' is not a whole number from 1 to {}", o.count,
                                 store::kMaxSurveyCodes));
  }
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto survey = FindNamedSurvey(**store, o.survey);
  if (!survey) return Fail(ctx, survey.error());
  auto wave = FindNamedWave(*survey, o.wave);
  if (!wave) return Fail(ctx, wave.error());
  auto audit = CommandAudit(ctx, **store, "survey.codes");
  if (!audit) return Fail(ctx, audit.error());
  auto codes = (*store)->CreateSurveyCodes(survey->id, wave->id, *count,
                                           ctx.clock->NowUnixSeconds(), *audit);
  if (!codes) return Fail(ctx, codes.error());
  std::string text;
  for (const std::string& code : *codes) text.append(code).append("\n");
  if (o.output.empty()) {
    *ctx.out << text;
    return 0;
  }
  if (auto w = WriteFile(o.output, text); !w) return Fail(ctx, w.error());
  *ctx.out << fmt::format("wrote {} codes for wave {} to {}\n", codes->size(), wave->id, o.output);
  return 0;
}

struct PublishOptions {
  std::string survey;
  std::string wave;
};

// "fed 2 indicators (children-feel-barnet-family-friendly 2025, ...)" and what was withheld.
void PrintFeed(Context& ctx, const assess::SurveyFeedOutcome& fed) {
  for (const Observation& o : fed.figures.observations) {
    *ctx.out << fmt::format("  {} {} {}: {:.1f}% ({} of {})\n", o.indicator, o.area,
                            o.period.Label(), o.value, o.count, o.denominator);
  }
  for (const std::string& id : fed.figures.withheld) {
    *ctx.out << fmt::format("  {}: withheld (too few respondents to show)\n", id);
  }
  *ctx.out << fmt::format("indicator figures: {} new, {} revised, {} unchanged; {} indicators "
                          "judged again\n",
                          fed.stats.inserted, fed.stats.revised, fed.stats.unchanged,
                          fed.rejudged.indicators);
}

// `survey publish`: the results to the public and the figures to the indicators they feed;
// `survey unpublish`: the results withdrawn from the public.
int Publish(Context& ctx, const PublishOptions& o, bool publish) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto survey = FindNamedSurvey(**store, o.survey);
  if (!survey) return Fail(ctx, survey.error());
  auto wave = FindNamedWave(*survey, o.wave);
  if (!wave) return Fail(ctx, wave.error());
  auto audit = CommandAudit(ctx, **store, publish ? "survey.publish" : "survey.unpublish");
  if (!audit) return Fail(ctx, audit.error());
  const std::int64_t now = ctx.clock->NowUnixSeconds();
  if (!publish) {
    if (auto done = (*store)->UnpublishSurveyWave(survey->id, wave->id, now, *audit); !done) {
      return Fail(ctx, done.error());
    }
    *ctx.out << fmt::format("results of wave {} are not public (indicator figures it gave are "
                            "kept)\n",
                            wave->id);
    return 0;
  }
  auto published =
      assess::PublishWaveResults(**store, *survey, *wave, DateOfUnixSeconds(now), now, *audit);
  if (!published) return Fail(ctx, published.error());
  *ctx.out << fmt::format("published the results of wave {} ({} by {})\n", wave->id,
                          published->publication.published_at,
                          published->publication.published_by);
  PrintFeed(ctx, published->fed);
  return 0;
}

struct ResultsOptions {
  std::string survey;
  std::string wave;
  std::string by;
  std::string format = "csv";
  std::string output;
  std::string table;
};

// The wave named by --wave, else the wave that opened last on or before today.
Result<SurveyWave> ResultsWave(const Survey& survey, const std::string& id, const Date& today) {
  if (!id.empty()) return FindNamedWave(survey, id);
  const SurveyWave* latest = assess::LatestOpenedWave(survey, today);
  if (latest == nullptr) {
    return MakeError(
        ErrorCode::kNotFound,
        fmt::format("--wave: no wave of survey '{}' has opened yet {}", survey.id, kSeeList));
  }
  return *latest;
}

// The about-you question named by --by, with the error naming the option and the choices.
Status CheckBy(const Survey& survey, const std::string& by) {
  if (by.empty()) return {};
  const Question* q = FindQuestion(survey, by);
  if (q != nullptr && q->about_you) return {};
  std::vector<std::string> ids;
  for (const Question* question : assess::AboutYouQuestions(survey)) ids.push_back(question->id);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("--by: '{}' is not an about-you question of survey '{}'; it has: "
                               "{}",
                               by, survey.id, fmt::join(ids, ", ")));
}

// Every table as DIR/NAME.csv, or the one named by --table as the --output file.
Result<std::vector<std::string>> WriteCsv(const std::vector<report::Table>& tables,
                                          const ResultsOptions& o) {
  if (!o.table.empty()) {
    const report::Table* t = report::FindTable(tables, o.table);
    if (t == nullptr) {
      std::vector<std::string> names;
      names.reserve(tables.size());
      for (const report::Table& table : tables) names.push_back(table.name);
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("--table: no table '{}'; these results have: {}", o.table,
                                   fmt::join(names, ", ")));
    }
    WAYMARK_ASSIGN_OR_RETURN(const std::string csv, report::TableCsv(*t));
    WAYMARK_TRY(WriteFile(o.output, csv));
    return std::vector<std::string>{o.output};
  }
  std::error_code ec;
  std::filesystem::create_directories(o.output, ec);
  if (ec) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{}: cannot make the directory: {}", o.output, ec.message()));
  }
  std::vector<std::string> written;
  for (const report::Table& t : tables) {
    WAYMARK_ASSIGN_OR_RETURN(const std::string csv, report::TableCsv(t));
    const std::filesystem::path path =
        std::filesystem::path(o.output) / (report::TableFileStem(t) + ".csv");
    WAYMARK_TRY(WriteFile(path.string(), csv));
    written.push_back(path.string());
  }
  return written;
}

Result<assess::SurveyResults> LoadResults(Context& ctx, store::Store& store,
                                          const ResultsOptions& o) {
  WAYMARK_ASSIGN_OR_RETURN(const Survey survey, FindNamedSurvey(store, o.survey));
  WAYMARK_ASSIGN_OR_RETURN(
      const SurveyWave wave,
      ResultsWave(survey, o.wave, DateOfUnixSeconds(ctx.clock->NowUnixSeconds())));
  WAYMARK_TRY(CheckBy(survey, o.by));
  WAYMARK_ASSIGN_OR_RETURN(const assess::WaveResponses responses,
                           assess::LoadWaveResponses(store, survey, wave.id));
  return assess::WaveResultsOf(survey, responses);
}

int Results(Context& ctx, const ResultsOptions& o) {
  if (o.format == "xlsx" && !o.table.empty()) {
    return Fail(ctx, "--table: only CSV writes one table; a workbook has them all");
  }
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto results = LoadResults(ctx, **store, o);
  if (!results) return Fail(ctx, results.error());
  const std::vector<report::Table> tables =
      report::SurveyTablesBy(report::SurveyResultTables(*results), o.by);
  if (o.format == "csv") {
    auto written = WriteCsv(tables, o);
    if (!written) return Fail(ctx, written.error());
    for (const std::string& p : *written) *ctx.out << "wrote " << p << "\n";
    return 0;
  }
  report::XlsxMeta meta;
  meta.title = fmt::format("{}: {}", results->title, results->wave_name);
  meta.data_as_of = fmt::format("Responses to wave {}", results->wave_name);
  meta.created_unix_seconds = ctx.clock->NowUnixSeconds();
  auto bytes = report::XlsxBook(tables, meta);
  if (!bytes) return Fail(ctx, bytes.error());
  if (auto w = WriteFile(o.output, *bytes); !w) return Fail(ctx, w.error());
  *ctx.out << "wrote " << o.output << "\n";
  return 0;
}

void AddImport(CLI::App& survey, Context& ctx) {
  auto& path = ctx.Keep<std::string>();
  auto& plan = ctx.Keep<std::string>();
  CLI::App* cmd = survey.add_subcommand(
      "import", "Check a survey file and store it (created, or its definition replaced)");
  cmd->add_option("FILE", path, "The survey file (docs/survey-format.md)")->required();
  cmd->add_option("--plan", plan,
                  "The plan whose council's wards the ward question offers (default: the only "
                  "stored plan)");
  cmd->callback([&ctx, &path, &plan] { ctx.exit_code = Import(ctx, path, plan); });
}

void AddList(CLI::App& survey, Context& ctx) {
  auto& format = ctx.Keep<std::string>("text");
  CLI::App* cmd = survey.add_subcommand("list", "List the stored surveys and their waves");
  cmd->add_option("--format", format, "text or csv")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  cmd->callback([&ctx, &format] { ctx.exit_code = List(ctx, format); });
}

void AddAggregates(CLI::App& survey, Context& ctx) {
  auto& o = ctx.Keep<AggregatesOptions>();
  CLI::App* cmd = survey.add_subcommand(
      "aggregates", "Import a wave's results from elsewhere (a CSV of counts or percentages)");
  cmd->add_option("FILE", o.path, "The CSV file (docs/survey-format.md)")->required();
  cmd->add_option("--survey", o.survey, "The survey's id")->required();
  cmd->add_option("--wave", o.wave, "The wave's id (one with no responses here)")->required();
  cmd->callback([&ctx, &o] { ctx.exit_code = Aggregates(ctx, o); });
}

void AddCodes(CLI::App& survey, Context& ctx) {
  auto& o = ctx.Keep<CodesOptions>();
  CLI::App* cmd = survey.add_subcommand(
      "codes", "Make one-time codes for a wave (printed this once; only digests are kept)");
  cmd->add_option("--survey", o.survey, "The survey's id")->required();
  cmd->add_option("--wave", o.wave, "The wave's id")->required();
  cmd->add_option("--count", o.count,
                  fmt::format("How many codes (1 to {})", store::kMaxSurveyCodes))
      ->required();
  cmd->add_option("--output", o.output, "Write the codes, one a line, to this file");
  cmd->callback([&ctx, &o] { ctx.exit_code = Codes(ctx, o); });
}

void AddPublish(CLI::App& survey, Context& ctx) {
  for (const bool publish : {true, false}) {
    auto& o = ctx.Keep<PublishOptions>();
    CLI::App* cmd = survey.add_subcommand(
        publish ? "publish" : "unpublish",
        publish ? "Publish a closed wave's results and give its figures to the indicators its "
                  "questions feed"
                : "Withdraw a wave's results from the public");
    cmd->add_option("--survey", o.survey, "The survey's id")->required();
    cmd->add_option("--wave", o.wave, "The wave's id")->required();
    cmd->callback([&ctx, &o, publish] { ctx.exit_code = Publish(ctx, o, publish); });
  }
}

void AddResults(CLI::App& survey, Context& ctx) {
  auto& o = ctx.Keep<ResultsOptions>();
  CLI::App* cmd = survey.add_subcommand(
      "results", "Write a wave's results, small numbers suppressed ('c'), as CSV or Excel");
  cmd->add_option("--survey", o.survey, "The survey's id")->required();
  cmd->add_option("--wave", o.wave, "The wave's id (default: the latest wave that has opened)");
  cmd->add_option("--by", o.by, "Only the tables by this about-you question");
  cmd->add_option("--format", o.format, "csv or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("--output", o.output,
                  "The file to write (for csv: a directory that gets one file per table, or "
                  "the file of the one --table)")
      ->required();
  cmd->add_option("--table", o.table, "csv only: the one table to write");
  cmd->callback([&ctx, &o] { ctx.exit_code = Results(ctx, o); });
}

}  // namespace

Result<Survey> FindNamedSurvey(store::Store& store, const std::string& id) {
  auto survey = store.FindSurvey(id);
  if (!survey && survey.error().code == ErrorCode::kNotFound) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("--survey: no survey '{}' {}", id, kSeeList));
  }
  return survey;
}

Result<SurveyWave> FindNamedWave(const Survey& survey, const std::string& id) {
  if (const SurveyWave* wave = FindSurveyWave(survey, id)) return *wave;
  return MakeError(ErrorCode::kNotFound,
                   fmt::format("--wave: survey '{}' has no wave '{}' {}", survey.id, id, kSeeList));
}

void AddSurveyCommands(CLI::App& app, Context& ctx) {
  CLI::App* survey = app.add_subcommand(
      "survey",
      "Surveys of children and young people: import, list, codes, responses, aggregates, results "
      "and publication");
  survey->require_subcommand(1);
  AddImport(*survey, ctx);
  AddList(*survey, ctx);
  AddCodes(*survey, ctx);
  AddAggregates(*survey, ctx);
  AddSurveyResponseCommands(*survey, ctx);
  AddResults(*survey, ctx);
  AddPublish(*survey, ctx);
}

}  // namespace waymark::cli
