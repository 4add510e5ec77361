// Handlers of the local figures form and the data upload.
#include "web/data_routes.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "assess/import_figures.h"
#include "report/data_pages.h"
#include "report/layout.h"
#include "web/local_figures.h"
#include "web/multipart.h"
#include "web/route_kit.h"
#include "web/server.h"

namespace waymark::web {
namespace {

constexpr std::size_t kRecentFigures = 50;

// --- /indicators/{id}/figures ---

// What the figures page shows besides the form, read in one go from the store.
struct FiguresContext {
  Indicator indicator;
  std::string owner_name;
  std::vector<std::pair<std::string, std::string>> areas;
  std::vector<report::EnteredFigure> recent;
};

Result<std::vector<report::EnteredFigure>> Recent(
    store::Store& s, const std::string& id,
    const std::vector<std::pair<std::string, std::string>>& areas) {
  std::vector<report::EnteredFigure> out;
  for (const auto& [code, name] : areas) {
    WAYMARK_ASSIGN_OR_RETURN(const auto records, s.FigureHistory(id, code));
    for (const store::FigureRecord& r : records) {
      const bool current = r.replaced_at.empty();
      // The file's name, without the server's directory it was imported from.
      const std::string source = std::filesystem::path(r.file).filename().string();
      out.push_back({name, r.period.Label(), r.value, r.count, r.denominator, r.note, source,
                     r.imported_by, r.imported_at, current});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.at > b.at; });
  if (out.size() > kRecentFigures) out.resize(kRecentFigures);
  return out;
}

// The local measure the path names, as its principal may use it: 404 when there is no such
// local measure, 403 when the principal may not enter its figures; then what its page shows.
Answer<FiguresContext> FiguresOf(PlanSource& plans, const Request& request) {
  const std::string& id = request.Param("id");
  auto found = plans.WithStore([&](store::Store& s) -> Result<std::optional<Indicator>> {
    WAYMARK_ASSIGN_OR_RETURN(const auto catalogue, s.ListIndicators());
    for (const Indicator& i : catalogue) {
      if (i.id == id && i.local) return i;
    }
    return std::nullopt;
  });
  if (!found) return Refuse(request, 500, "The catalogue could not be read.");
  if (!*found) return Refuse(request, 404, "There is no local measure with this id.");
  if (!MayEnterFigures(request.principal, **found)) {
    return Refuse(request, 403,
                  "Only the users of the organisation that keeps this measure, and analysts, "
                  "may enter its figures.");
  }
  auto context = plans.WithStore([&](store::Store& s) -> Result<FiguresContext> {
    FiguresContext c;
    c.indicator = std::move(**found);
    WAYMARK_ASSIGN_OR_RETURN(const auto areas, s.ListAreas());
    c.areas = FigureAreas(areas);
    WAYMARK_ASSIGN_OR_RETURN(const auto organisations, s.ListOrganisations());
    for (const Partner& p : organisations) {
      if (p.id == c.indicator.owner) c.owner_name = p.name;
    }
    WAYMARK_ASSIGN_OR_RETURN(c.recent, Recent(s, id, c.areas));
    return c;
  });
  if (!context) return Refuse(request, 500, "The figures could not be read.");
  return std::move(*context);
}

report::LocalFiguresPage FiguresPage(FiguresContext&& c, const Request& request) {
  report::LocalFiguresPage page;
  page.indicator = std::move(c.indicator);
  page.owner_name = std::move(c.owner_name);
  page.areas = std::move(c.areas);
  page.recent = std::move(c.recent);
  page.csrf_token = request.csrf_token;
  page.input.area = std::string(report::kDefaultArea);
  return page;
}

Response FiguresForm(PlanSource& plans, const Request& request) {
  auto context = FiguresOf(plans, request);
  if (!context) return context.error();
  report::LocalFiguresPage page = FiguresPage(std::move(*context), request);
  if (request.Query("saved")) {
    page.saved =
        "The figure is kept with your name and organisation, and the measure has been "
        "judged again.";
  }
  return Response::Html(200, report::RenderLocalFiguresPage(page));
}

Response FiguresPost(PlanSource& plans, IndicatorSource& indicators, const Clock& clock,
                     const Request& request) {
  auto context = FiguresOf(plans, request);
  if (!context) return context.error();
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "The form could not be read.");
  LocalFigureEntry entry;
  entry.indicator = context->indicator.id;
  entry.input = {FormValue(*form, "area"),        FormValue(*form, "period"),
                 FormValue(*form, "value"),       FormValue(*form, "count"),
                 FormValue(*form, "denominator"), FormValue(*form, "note")};
  auto saved = SaveLocalFigures(plans, indicators, clock, request, {entry});
  if (!saved) return saved.error();
  if (saved->ok()) {
    return SeeOther("/indicators/" + report::UrlEncode(entry.indicator) + "/figures?saved=1");
  }
  report::LocalFiguresPage page = FiguresPage(std::move(*context), request);
  page.input = entry.input;
  page.errors = std::move(saved->errors);
  return Response::Html(400, report::RenderLocalFiguresPage(page));
}

// --- /data/import ---

// A new private directory for the parts of one upload, removed with its files when this goes.
class PartsDir {
 public:
  explicit PartsDir(const std::filesystem::path& near) {
    std::error_code ec;
    std::filesystem::path base = near.empty() ? std::filesystem::temp_directory_path(ec) : near;
    if (ec) return;
    std::string name = (base / "waymark-parts-XXXXXX").string();
    if (::mkdtemp(name.data()) != nullptr) path_ = name;
  }
  PartsDir(const PartsDir&) = delete;
  PartsDir& operator=(const PartsDir&) = delete;
  ~PartsDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

report::DataImportPage ImportPage(const Request& request) {
  report::DataImportPage page;
  page.csrf_token = request.csrf_token;
  page.limit = SizeText(ServerOptions{}.upload_limit);
  return page;
}

Response ImportForm(const Request& request) {
  return Response::Html(200, report::RenderDataImportPage(ImportPage(request)));
}

Response ImportRefused(report::DataImportPage& page, std::string field, std::string message) {
  page.errors.push_back({std::move(field), std::move(message)});
  return Response::Html(400, report::RenderDataImportPage(page));
}

// The body's form: its fields, and its file written to `dir`.
Result<MultipartForm> ReadUpload(const Request& request, const std::string& boundary,
                                 const std::filesystem::path& dir) {
  if (!request.body_file.empty()) {
    std::ifstream in(request.body_file, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kIo, "the upload could not be read on the server");
    return ReadMultipart(in, boundary, dir);
  }
  std::istringstream in(request.body);
  return ReadMultipart(in, boundary, dir);
}

// The page after an import that ran: its problems, or what it kept.
Response ImportResult(report::DataImportPage& page, const assess::FigureImportOutcome& outcome,
                      const std::string& file) {
  const ingest::DataImportReport& report = outcome.report;
  if (report.fatal || !outcome.kept()) {
    if (report.fatal) page.problems.push_back(report.fatal->ToString());
    for (const Error& e : report.problems) {
      if (page.problems.size() >= report::kProblemsShown) break;
      page.problems.push_back(e.ToString());
    }
    page.problem_count = report.fatal ? 1 : report.problem_count;
    page.errors.push_back(
        {"file", page.problem_count == 1
                     ? "The file has a problem, listed on this page; nothing was imported"
                     : "The file has " + std::to_string(page.problem_count) +
                           " problems, listed on this page; nothing was imported"});
    return Response::Html(400, report::RenderDataImportPage(page));
  }
  const store::ObservationImportStats& stats = *outcome.stats;
  page.summary = report::ImportSummary{file,
                                       report.rows,
                                       stats.inserted,
                                       stats.revised,
                                       stats.unchanged,
                                       stats.repeated,
                                       report.skipped,
                                       outcome.rejudged.indicators,
                                       outcome.rejudged.assessments,
                                       outcome.rejudge_error ? outcome.rejudge_error->message : ""};
  page.format.clear();
  return Response::Html(200, report::RenderDataImportPage(page));
}

// The audit entry of an upload whose figures were kept.
AuditEntry ImportAudit(const Request& request, const Clock& clock, const std::string& format,
                       const std::string& filename, const assess::FigureImportOutcome& outcome) {
  AuditEntry audit = RequestAudit(request, clock, "data.import");
  audit.entity = "import";
  audit.entity_id = filename;
  const nlohmann::ordered_json after = {{"format", format},
                                        {"rows", outcome.report.rows},
                                        {"inserted", outcome.stats->inserted},
                                        {"revised", outcome.stats->revised},
                                        {"unchanged", outcome.stats->unchanged},
                                        {"rejudged", outcome.stats->changed_indicators}};
  audit.after = after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return audit;
}

Response ImportPost(PlanSource& plans, IndicatorSource& indicators, const Clock& clock,
                    const Request& request) {
  report::DataImportPage page = ImportPage(request);
  const auto boundary = MultipartBoundary(request.Header("Content-Type").value_or(""));
  if (!boundary) {
    return ImportRefused(page, "file", "Send the file with the form on this page");
  }
  const PartsDir dir(request.body_file.empty()
                         ? std::filesystem::path()
                         : std::filesystem::path(request.body_file).parent_path());
  if (dir.path().empty()) return Fail(request, 500, "The upload could not be stored.");
  auto form = ReadUpload(request, *boundary, dir.path());
  if (!form) {
    if (form.error().code != ErrorCode::kParse) {
      return Fail(request, 500, "The upload could not be stored.");
    }
    std::string message = form.error().message;
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    return ImportRefused(page, "file", message);
  }
  page.format = FormValue(form->fields, "format");
  const auto format = ParseSourceFormat(page.format);
  if (!format) page.errors.push_back({"format", "Select the format of the file"});
  const MultipartFile* file = form->files.empty() ? nullptr : &form->files.front();
  if (file == nullptr || file->field != "file" || file->filename.empty()) {
    page.errors.push_back({"file", "Select a data file to upload"});
  } else if (file->size == 0) {
    page.errors.push_back({"file", "The selected file is empty"});
  }
  if (!page.errors.empty()) return Response::Html(400, report::RenderDataImportPage(page));
  const Principal& who = request.principal;
  const assess::FigureImportRequest run{*format,
                                        file->path.string(),
                                        file->filename,
                                        who.email + " (" + who.organisation + ")",
                                        clock.NowUnixSeconds(),
                                        true};
  // The figures, their judgements and the audit entry are kept together or not at all.
  std::optional<assess::FigureImportOutcome> outcome;
  const Status saved = plans.WithStore([&](store::Store& s) {
    return s.Atomically([&]() -> Status {
      WAYMARK_ASSIGN_OR_RETURN(outcome, assess::ImportFigureFile(s, run));
      if (!outcome->kept()) return {};
      return s.AppendAudit(ImportAudit(request, clock, page.format, file->filename, *outcome));
    });
  });
  if (!saved) return Fail(request, 500, "The figures could not be imported.");
  if (outcome->kept()) indicators.Invalidate();
  return ImportResult(page, *outcome, file->filename);
}

}  // namespace

void AddDataRoutes(Router& router, PlanSource& plans, IndicatorSource& indicators,
                   const Clock& clock) {
  router.Add("GET", "/indicators/{id}/figures", Permission::kUpdateActions,
             [&plans](const Request& r) { return FiguresForm(plans, r); });
  router.Add("POST", "/indicators/{id}/figures", Permission::kUpdateActions,
             [&plans, &indicators, &clock](const Request& r) {
               return FiguresPost(plans, indicators, clock, r);
             });
  router.Add("GET", "/data/import", Permission::kEditPlans,
             [](const Request& r) { return ImportForm(r); });
  router.AddUpload("POST", "/data/import", Permission::kEditPlans,
                   [&plans, &indicators, &clock](const Request& r) {
                     return ImportPost(plans, indicators, clock, r);
                   });
}

}  // namespace waymark::web
