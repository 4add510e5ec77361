// `waymark areas|indicators|data|assess`: the area registry, the indicator catalogue, loading
// figures and deriving every judgement (exporting them: export_commands.cc).
#include <algorithm>
#include <map>
#include <optional>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "assess/export.h"
#include "assess/import_figures.h"
#include "assess/rejudge.h"
#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/progress_display.h"
#include "core/clock.h"
#include "ingest/areas_file.h"
#include "ingest/boundaries_file.h"
#include "ingest/catalogue_file.h"
#include "ingest/data_import.h"
#include "ingest/indicator_json.h"
#include "ingest/plan_file.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

int Fail(Context& ctx, const Error& error) {
  *ctx.err << "waymark: " << error.ToString() << "\n";
  return 1;
}

int Problems(Context& ctx, const Diagnostics& problems, std::size_t total) {
  for (const auto& p : problems) *ctx.err << p.ToString() << "\n";
  if (total > problems.size()) *ctx.err << fmt::format("… and {} more\n", total - problems.size());
  *ctx.err << fmt::format("{} problem{} found; nothing was imported\n", total,
                          total == 1 ? "" : "s");
  return 1;
}

int ImportAreas(Context& ctx, const std::vector<std::string>& files,
                const std::string& neighbours) {
  std::vector<Area> areas;
  for (const std::string& file : files) {
    auto report = ingest::ReadAreasFile(file, areas);
    if (!report.ok()) return Problems(ctx, report.problems, report.problems.size());
    areas.insert(areas.end(), report.areas.begin(), report.areas.end());
  }
  std::vector<ComparatorGroup> groups;
  if (!neighbours.empty()) {
    auto sn = ingest::ReadNeighboursFile(neighbours, areas);
    if (!sn.ok()) return Problems(ctx, sn.problems, sn.problems.size());
    groups = std::move(sn.groups);
  }
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kCreate);
  if (!store) return Fail(ctx, store.error());
  auto audit = CommandAudit(ctx, **store, "areas.import");
  if (!audit) return Fail(ctx, audit.error());
  const Status saved = AuditedChange(**store, *audit, "areas", "", [&]() -> AuditedAfter {
    WAYMARK_TRY((*store)->SaveAreas(areas, groups));
    return nlohmann::ordered_json{{"areas", areas.size()},
                                  {"comparator_groups", groups.size()},
                                  {"sources", files},
                                  {"neighbours", neighbours}};
  });
  if (!saved) return Fail(ctx, saved.error());
  *ctx.out << fmt::format("imported {} areas and {} comparator groups\n", areas.size(),
                          groups.size());
  return 0;
}

// Replaces the stored area outlines with those of a GeoJSON file, for areas already imported.
int ImportBoundaries(Context& ctx, const std::string& file, const std::string& code_property) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kCreate);
  if (!store) return Fail(ctx, store.error());
  auto areas = (*store)->ListAreas();
  if (!areas) return Fail(ctx, areas.error());
  auto report = ingest::ReadBoundariesFile(file, code_property, *areas);
  if (!report.ok()) return Problems(ctx, report.problems, report.problems.size());
  auto audit = CommandAudit(ctx, **store, "boundaries.import");
  if (!audit) return Fail(ctx, audit.error());
  const Status saved = AuditedChange(**store, *audit, "boundaries", "", [&]() -> AuditedAfter {
    WAYMARK_TRY((*store)->SaveBoundaries(report.boundaries));
    return nlohmann::ordered_json{{"boundaries", report.boundaries.size()},
                                  {"skipped", report.skipped.size()},
                                  {"source", file}};
  });
  if (!saved) return Fail(ctx, saved.error());
  *ctx.out << fmt::format("imported {} boundaries", report.boundaries.size());
  if (!report.skipped.empty()) {
    constexpr std::size_t kNamed = 5;
    const std::size_t named = std::min(report.skipped.size(), kNamed);
    *ctx.out << fmt::format(
        "; skipped {} features of unknown areas ({}{})", report.skipped.size(),
        fmt::join(report.skipped.begin(), report.skipped.begin() + static_cast<long>(named), ", "),
        report.skipped.size() > named ? ", …" : "");
  }
  *ctx.out << "\n";
  return 0;
}

int ImportIndicators(Context& ctx, const std::string& file) {
  auto text = ingest::ReadTextFile(file);
  if (!text) return Fail(ctx, text.error());
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kCreate);
  if (!store) return Fail(ctx, store.error());
  const std::string plan_id = ingest::CataloguePlanId(*text);
  std::optional<Plan> plan;
  if (!plan_id.empty()) {
    auto loaded = (*store)->LoadPlan(plan_id);
    if (!loaded) {
      return Fail(ctx, Error{ErrorCode::kNotFound,
                             fmt::format("[catalogue] names plan '{}', which is not in the "
                                         "database; import the plan first",
                                         plan_id),
                             SourcePos{file}});
    }
    plan = std::move(*loaded);
  }
  auto report = ingest::ParseCatalogueText(*text, file, plan ? &*plan : nullptr);
  if (!report.ok()) return Problems(ctx, report.problems, report.problems.size());
  auto audit = CommandAudit(ctx, **store, "catalogue.import");
  if (!audit) return Fail(ctx, audit.error());
  const Status saved = AuditedChange(**store, *audit, "catalogue", plan_id, [&]() -> AuditedAfter {
    WAYMARK_TRY((*store)->SaveIndicators(*report.indicators, ctx.clock->NowUnixSeconds()));
    return nlohmann::ordered_json{{"indicators", report.indicators->size()}, {"source", file}};
  });
  if (!saved) return Fail(ctx, saved.error());
  *ctx.out << fmt::format("imported {} indicators\n", report.indicators->size());
  return 0;
}

int ListIndicators(Context& ctx, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto indicators = (*store)->ListIndicators();
  if (!indicators) return Fail(ctx, indicators.error());
  if (format == "csv") {
    *ctx.out << assess::IndicatorsCsv(*indicators);
    return 0;
  }
  for (const auto& i : *indicators) {
    *ctx.out << fmt::format("{:<36} {:<10} {:<7} {}\n", i.id, ValueTypeName(i.value_type),
                            PolarityName(i.polarity), i.title);
  }
  return 0;
}

int ShowIndicator(Context& ctx, const std::string& id) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto indicators = (*store)->ListIndicators();
  if (!indicators) return Fail(ctx, indicators.error());
  for (const auto& i : *indicators) {
    if (i.id == id) {
      *ctx.out << ingest::IndicatorToJson(i).dump(2) << "\n";
      return 0;
    }
  }
  return Fail(ctx, Error{ErrorCode::kNotFound, fmt::format("no indicator '{}'", id), {}});
}

int ImportData(Context& ctx, const std::string& format_name, const std::string& file) {
  const auto format = ParseSourceFormat(format_name);
  if (!format) return Fail(ctx, Error{ErrorCode::kInvalidArgument, "unknown format", {}});
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto audit = CommandAudit(ctx, **store, "data.import");
  if (!audit) return Fail(ctx, audit.error());
  // Judging again is left to `waymark assess`: after a large import it would take longer than
  // the import itself.
  auto progress = StartProgress(ctx, {"data import", "", ProgressMeasure::kBytes});
  const assess::FigureImportRequest request{*format,
                                            file,
                                            file,
                                            ctx.as_user.empty() ? ctx.user : audit->actor,
                                            ctx.clock->NowUnixSeconds(),
                                            false,
                                            progress.get()};
  std::optional<assess::FigureImportOutcome> outcome;
  const Status saved = AuditedChange(**store, *audit, "data", file, [&]() -> AuditedAfter {
    WAYMARK_ASSIGN_OR_RETURN(outcome, assess::ImportFigureFile(**store, request));
    if (!outcome->kept()) return std::nullopt;
    return nlohmann::ordered_json{{"format", format_name},
                                  {"rows", outcome->report.rows},
                                  {"inserted", outcome->stats->inserted},
                                  {"revised", outcome->stats->revised}};
  });
  if (progress && saved && outcome->kept()) progress->Finish();
  progress.reset();
  if (!saved) return Fail(ctx, saved.error());
  const ingest::DataImportReport& report = outcome->report;
  if (report.fatal) {
    Fail(ctx, *report.fatal);
    *ctx.err << "nothing was imported\n";
    return 1;
  }
  if (!outcome->kept()) return Problems(ctx, report.problems, report.problem_count);
  const store::ObservationImportStats& stats = *outcome->stats;
  *ctx.out << fmt::format(
      "{}: {} rows read: {} new, {} revised, {} unchanged, {} repeated in the file, {} skipped "
      "(not in the catalogue)\n",
      file, report.rows, stats.inserted, stats.revised, stats.unchanged, stats.repeated,
      report.skipped);
  return 0;
}

// Judges every indicator again and replaces every stored judgement, one indicator at a time
// (assess::JudgeEverything): `assess --all`, and `assess` when no indicator is up to date (as
// in a new database).
int AssessEverything(Context& ctx, store::Store& store) {
  auto audit = CommandAudit(ctx, store, "assessments.compute");
  if (!audit) return Fail(ctx, audit.error());
  auto progress = StartProgress(ctx, {"assess", "indicators"});
  assess::RejudgeStats judged;
  const Status saved = AuditedChange(store, *audit, "assessments", "", [&]() -> AuditedAfter {
    WAYMARK_ASSIGN_OR_RETURN(judged, assess::JudgeEverything(store, progress.get()));
    return nlohmann::ordered_json{{"assessments", judged.assessments},
                                  {"indicators", judged.indicators}};
  });
  if (!saved) {
    progress.reset();
    return Fail(ctx, saved.error());
  }
  if (progress) progress->Finish();
  progress.reset();
  *ctx.out << fmt::format("assessed {} observations of {} indicators\n", judged.assessments,
                          judged.indicators);
  return 0;
}

// Judges only the indicators marked out of date (`stale`, Store::IndicatorsToJudge) and
// replaces their judgements (assess::RejudgeIndicators), reading their figures inside the
// write transaction so that no import can come between; `catalogued` indicators in all.
int AssessOutOfDate(Context& ctx, store::Store& store, const std::vector<std::string>& stale,
                    std::size_t catalogued) {
  auto audit = CommandAudit(ctx, store, "assessments.compute");
  if (!audit) return Fail(ctx, audit.error());
  auto progress = StartProgress(ctx, {"assess", "indicators"});
  assess::RejudgeStats judged;
  const Status saved = AuditedChange(store, *audit, "assessments", "", [&]() -> AuditedAfter {
    if (stale.empty()) return std::nullopt;  // nothing to do, nothing to audit
    WAYMARK_ASSIGN_OR_RETURN(judged, assess::RejudgeIndicators(store, stale, progress.get()));
    return nlohmann::ordered_json{{"assessments", judged.assessments},
                                  {"indicators", judged.indicators},
                                  {"up_to_date", catalogued - judged.indicators}};
  });
  if (!saved) {
    progress.reset();
    return Fail(ctx, saved.error());
  }
  if (progress) progress->Finish();
  progress.reset();
  *ctx.out << fmt::format("assessed {} observations of {} indicator{}; {} already up to date\n",
                          judged.assessments, judged.indicators,
                          judged.indicators == 1 ? "" : "s", catalogued - judged.indicators);
  return 0;
}

// `waymark assess [--all]`: only the indicators whose judgements are out of date, unless
// `all` or none is up to date.
int Assess(Context& ctx, bool all) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto indicators = (*store)->ListIndicators();
  if (!indicators) return Fail(ctx, indicators.error());
  if (all) return AssessEverything(ctx, **store);
  auto stale = (*store)->IndicatorsToJudge();
  if (!stale) return Fail(ctx, stale.error());
  const std::size_t catalogued_stale = static_cast<std::size_t>(
      std::count_if(indicators->begin(), indicators->end(), [&](const Indicator& i) {
        return std::binary_search(stale->begin(), stale->end(), i.id);
      }));
  if (catalogued_stale == indicators->size()) return AssessEverything(ctx, **store);
  return AssessOutOfDate(ctx, **store, *stale, indicators->size());
}

// The text form of a figure's numbers: value (lower–upper) count/denominator, or the reason it
// is missing; small counts are not shown.
std::string FigureText(const store::FigureRecord& r, bool hide) {
  if (hide) return "suppressed (small count)";
  if (!HasValue(r.value)) return r.missing_reason.empty() ? "missing" : "missing: " + r.missing_reason;
  std::string text = fmt::format("{}", r.value);
  if (HasValue(r.lower95) && HasValue(r.upper95)) {
    text += fmt::format(" ({}–{})", r.lower95, r.upper95);
  }
  if (HasValue(r.count) && HasValue(r.denominator)) {
    text += fmt::format(" {}/{}", r.count, r.denominator);
  }
  return text;
}

int FigureHistory(Context& ctx, const std::string& indicator, const std::string& area,
                  const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto indicators = (*store)->ListIndicators();
  if (!indicators) return Fail(ctx, indicators.error());
  const auto ind = std::find_if(indicators->begin(), indicators->end(),
                                [&](const Indicator& i) { return i.id == indicator; });
  if (ind == indicators->end()) {
    return Fail(ctx, Error{ErrorCode::kNotFound, fmt::format("no indicator '{}'", indicator), {}});
  }
  if (const Status known = assess::CheckExportSelection(**store, "", area); !known) {
    return Fail(ctx, known.error());
  }
  auto records = (*store)->FigureHistory(indicator, area);
  if (!records) return Fail(ctx, records.error());
  if (format == "csv") {
    *ctx.out << assess::FigureHistoryCsv(*ind, *records);
    return 0;
  }
  if (records->empty()) {
    *ctx.out << fmt::format("no figures of '{}' for {}\n", indicator, area);
    return 0;
  }
  for (const auto& r : *records) {
    const Breakdown& b = r.breakdown;
    std::string breakdown = b.sex;
    for (const std::string* part : {&b.age, &b.category_type, &b.category}) {
      if (!part->empty()) breakdown += ", " + *part;
    }
    const std::string when = r.replaced_at.empty()
                                 ? "current"
                                 : fmt::format("replaced {}", r.replaced_at);
    *ctx.out << fmt::format("{:<14} {:<24} {:<40} {}:{} ({}, {}) {}\n", r.period.Label(),
                            breakdown, FigureText(r, IsSmallCount(*ind, r.count)), r.file,
                            r.source_row, r.imported_at, r.imported_by, when);
  }
  return 0;
}

}  // namespace

void AddDataCommands(CLI::App& app, Context& ctx) {
  auto& file = ctx.Keep<std::string>();
  auto& second = ctx.Keep<std::string>();
  auto& format = ctx.Keep<std::string>("text");

  CLI::App* areas = app.add_subcommand("areas", "The area registry and comparator groups");
  areas->require_subcommand(1);
  auto& area_files = ctx.Keep<std::vector<std::string>>();
  CLI::App* areas_import =
      areas->add_subcommand("import", "Load areas files (and neighbours) in one transaction");
  areas_import
      ->add_option("FILE", area_files,
                   "areas.csv files: code,name,type,parent_code,old_code; a parent may be in an "
                   "earlier file")
      ->required();
  areas_import->add_option("--neighbours", second, "area_code,neighbour_code,rank,closeness,model");
  areas_import->callback(
      [&ctx, &area_files, &second] { ctx.exit_code = ImportAreas(ctx, area_files, second); });
  auto& code_property = ctx.Keep<std::string>("code");
  CLI::App* boundaries = areas->add_subcommand(
      "boundaries", "Replace the area outlines drawn on maps (GeoJSON, areas already imported)");
  boundaries->add_option("FILE", file, "GeoJSON FeatureCollection of Polygons/MultiPolygons")
      ->required();
  boundaries->add_option("--code-property", code_property,
                         "the feature property holding the area code (default: code)");
  boundaries->callback([&ctx, &file, &code_property] {
    ctx.exit_code = ImportBoundaries(ctx, file, code_property);
  });

  CLI::App* indicators = app.add_subcommand("indicators", "The indicator catalogue");
  indicators->require_subcommand(1);
  indicators->add_subcommand("import", "Load a catalogue file (all or nothing)")
      ->callback([&ctx, &file] { ctx.exit_code = ImportIndicators(ctx, file); })
      ->add_option("FILE", file, "Catalogue (TOML)")
      ->required();
  CLI::App* list = indicators->add_subcommand("list", "List the catalogue");
  list->add_option("--format", format, "text or csv")->check(CLI::IsMember({"text", "csv"}));
  list->callback([&ctx, &format] { ctx.exit_code = ListIndicators(ctx, format); });
  indicators->add_subcommand("show", "Show one indicator's definition (JSON)")
      ->callback([&ctx, &file] { ctx.exit_code = ShowIndicator(ctx, file); })
      ->add_option("ID", file, "Indicator id")
      ->required();

  CLI::App* data = app.add_subcommand("data", "Figures for the catalogue's indicators");
  data->require_subcommand(1);
  auto& data_format = ctx.Keep<std::string>();
  CLI::App* data_import = data->add_subcommand("import", "Load a data file (all or nothing)");
  data_import->add_option("--format", data_format, "fingertips, lait, ees or csv")
      ->required()
      ->check(CLI::IsMember({"fingertips", "lait", "ees", "csv"}));
  data_import->add_option("FILE", file, "Data file (CSV)")->required();
  data_import->callback(
      [&ctx, &data_format, &file] { ctx.exit_code = ImportData(ctx, data_format, file); });

  CLI::App* history = data->add_subcommand(
      "history", "Every figure of an indicator for an area, with its file, row and import, "
                 "and the earlier values later imports revised");
  auto& history_indicator = ctx.Keep<std::string>();
  auto& history_area = ctx.Keep<std::string>();
  history->add_option("--indicator", history_indicator, "Indicator id")->required();
  history->add_option("--area", history_area, "Area (GSS code)")->required();
  history->add_option("--format", format, "text or csv")->check(CLI::IsMember({"text", "csv"}));
  history->callback([&ctx, &history_indicator, &history_area, &format] {
    ctx.exit_code = FigureHistory(ctx, history_indicator, history_area, format);
  });

  CLI::App* assess = app.add_subcommand(
      "assess", "Judge the indicators whose judgements are out of date (new or revised "
                "figures, a changed definition, changed areas)");
  auto& assess_all = ctx.Keep<bool>();
  assess->add_flag("--all", assess_all, "Judge every indicator again");
  assess->callback([&ctx, &assess_all] { ctx.exit_code = Assess(ctx, assess_all); });
}

}  // namespace waymark::cli
