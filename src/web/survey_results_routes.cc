// Routes of survey results: the list of surveys, a wave's results page and its downloads, the
// publication of a wave, and the review of written answers (survey_results_routes.h). The
// results are computed by assess (disclosure control applied there) from rows read under the
// store's lock, outside it; the page and the downloads are the same tables
// (report/survey_tables.h). Whoever may not see a wave's results is answered 404, as if the
// wave did not exist.
#include "web/survey_results_routes.h"

#include <algorithm>

#include "assess/stored_survey_results.h"
#include "assess/survey_feed.h"
#include "core/cycle.h"
#include "report/survey_results_pages.h"
#include "report/survey_tables.h"
#include "report/xlsx_book.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Date Today(const ProgressRoutes& r) { return DateOfUnixSeconds(r.clock.NowUnixSeconds()); }

// The survey of the path with its waves' publications.
struct StoredSurvey {
  Survey survey;
  std::vector<store::SurveyPublication> publications;

  const store::SurveyPublication* PublicationOf(std::string_view wave) const {
    const auto it =
        std::find_if(publications.begin(), publications.end(),
                     [&](const store::SurveyPublication& p) { return p.wave_id == wave; });
    return it == publications.end() ? nullptr : &*it;
  }
};

Answer<StoredSurvey> SurveyOf(const ProgressRoutes& r, const Request& request) {
  const std::string& id = request.Param("id");
  auto found = r.plans.WithStore([&](store::Store& s) -> Result<StoredSurvey> {
    WAYMARK_ASSIGN_OR_RETURN(Survey survey, s.FindSurvey(id));
    WAYMARK_ASSIGN_OR_RETURN(auto publications, s.ListSurveyPublications(id));
    return StoredSurvey{std::move(survey), std::move(publications)};
  });
  if (found) return std::move(*found);
  if (found.error().code == ErrorCode::kNotFound) return Refuse(request, 404, "no such survey");
  return Refuse(request, 500, "the survey could not be read");
}

// The waves `request`'s principal may see results of, in the survey's order: every wave for
// analysts, the published ones for everyone else.
std::vector<const SurveyWave*> VisibleWaves(const Request& request, const StoredSurvey& stored) {
  std::vector<const SurveyWave*> out;
  const bool analyst = CanReviewSurveyAnswers(request.principal);
  for (const SurveyWave& w : stored.survey.waves) {
    if (analyst || stored.PublicationOf(w.id) != nullptr) out.push_back(&w);
  }
  return out;
}

// The wave `wave_id` names ("" for the default: the latest that has opened, for those who see
// only published waves the latest published), if the principal may see it; 404 otherwise.
Answer<const SurveyWave*> WaveOf(const ProgressRoutes& r, const Request& request,
                                 const StoredSurvey& stored, std::string_view wave_id) {
  const auto visible = VisibleWaves(request, stored);
  if (!wave_id.empty()) {
    for (const SurveyWave* w : visible) {
      if (w->id == wave_id) return w;
    }
    return Refuse(request, 404, "no such wave of this survey", "wave");
  }
  const SurveyWave* chosen = nullptr;
  for (const SurveyWave* w : visible) {
    if (w->opens <= Today(r) && (chosen == nullptr || chosen->opens < w->opens)) chosen = w;
  }
  if (chosen == nullptr) return Refuse(request, 404, "this survey has no results to show", "wave");
  return chosen;
}

std::vector<std::pair<std::string, std::string>> WaveOptions(
    const std::vector<const SurveyWave*>& waves) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(waves.size());
  for (const SurveyWave* w : waves) out.emplace_back(w->id, w->name);
  return out;
}

Answer<assess::SurveyResults> ResultsOf(const ProgressRoutes& r, const Request& request,
                                        const Survey& survey, const SurveyWave& wave) {
  auto responses = r.plans.WithStore(
      [&](store::Store& s) { return assess::LoadWaveResponses(s, survey, wave.id); });
  if (!responses) return Refuse(request, 500, "the responses could not be read");
  auto results = assess::WaveResultsOf(survey, *responses);
  if (!results) return Refuse(request, 500, "the results could not be worked out");
  return std::move(*results);
}

// The results page of `wave`, for `by` (already checked).
Answer<report::SurveyResultsPage> ResultsPageOf(const ProgressRoutes& r, const Request& request,
                                                const StoredSurvey& stored, const SurveyWave& wave,
                                                std::string by) {
  auto results = ResultsOf(r, request, stored.survey, wave);
  if (!results) return tl::unexpected(results.error());
  report::SurveyResultsPage page;
  page.survey_id = stored.survey.id;
  page.tables = report::SurveyResultTables(*results);
  page.results = std::move(*results);
  page.wave = wave;
  page.waves = WaveOptions(VisibleWaves(request, stored));
  for (const Question* q : assess::AboutYouQuestions(stored.survey)) {
    page.about.emplace_back(q->id,
                            q->text.empty() ? std::string(AboutYouText(*q->about_you)) : q->text);
  }
  page.by = std::move(by);
  page.analyst = CanReviewSurveyAnswers(request.principal);
  page.closed = Today(r) > wave.closes;
  if (const auto* p = stored.PublicationOf(wave.id)) page.publication = *p;
  page.csrf_token = request.csrf_token;
  return page;
}

Response ResultsPage(const ProgressRoutes& r, const Request& request) {
  auto stored = SurveyOf(r, request);
  if (!stored) return stored.error();
  auto wave = WaveOf(r, request, *stored, request.Query("wave").value_or(""));
  if (!wave) return wave.error();
  const std::string by = request.Query("by").value_or("");
  if (!by.empty()) {
    const Question* q = FindQuestion(stored->survey, by);
    if (q == nullptr || !q->about_you) {
      return Fail(request, 400, "by: not an about-you question of this survey", "by");
    }
  }
  auto page = ResultsPageOf(r, request, *stored, **wave, by);
  if (!page) return page.error();
  return Response::Html(200, report::RenderSurveyResultsPage(*page));
}

Response Download(const ProgressRoutes& r, const Request& request, bool csv) {
  auto stored = SurveyOf(r, request);
  if (!stored) return stored.error();
  auto wave = WaveOf(r, request, *stored, request.Query("wave").value_or(""));
  if (!wave) return wave.error();
  const std::string table = request.Query("table").value_or("");
  if (csv && table.empty()) return Fail(request, 400, "table: name the table to download", "table");
  auto results = ResultsOf(r, request, stored->survey, **wave);
  if (!results) return results.error();
  const std::vector<report::Table> tables = report::SurveyResultTables(*results);
  const std::string stem = stored->survey.id + "-" + (*wave)->id;
  if (csv) {
    const report::Table* t = report::FindTable(tables, table);
    if (t == nullptr) return Fail(request, 404, "no such table in these results", "table");
    auto text = report::TableCsv(*t);
    if (!text) return Fail(request, 500, "the table could not be written");
    return Response::Csv(200, std::move(*text), stem + "-" + report::TableFileStem(*t) + ".csv");
  }
  report::XlsxMeta meta;
  meta.title = results->title + ": " + results->wave_name;
  meta.data_as_of = "Responses to wave " + results->wave_name;
  meta.created_unix_seconds = r.clock.NowUnixSeconds();
  auto bytes = report::XlsxBook(tables, meta);
  if (!bytes) return Fail(request, 500, "the workbook could not be written");
  Response response{200, {}, std::move(*bytes)};
  response.Set("Content-Type", std::string(kXlsxType));
  response.Set("Content-Disposition", "attachment; filename=\"" + stem + ".xlsx\"");
  return response;
}

// Why publishing was refused, in words for the page: the wave is still open, or its figures
// cannot be given to the indicators its questions feed (the store's or the feed's message).
std::string PublishRefusal(std::string_view message) {
  if (message.starts_with("wave:")) {
    return "These results can be published only once the wave has closed";
  }
  return "These results cannot be published, because their figures cannot be given to the "
         "indicators they feed: " +
         std::string(message);
}

Response PublishPost(const ProgressRoutes& r, const Request& request, bool publish) {
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  auto stored = SurveyOf(r, request);
  if (!stored) return stored.error();
  const std::string wave_id = FormValue(*form, "wave");
  const SurveyWave* wave = FindSurveyWave(stored->survey, wave_id);
  if (wave == nullptr) {
    return Fail(request, 400, "wave: not a wave of this survey", "wave");
  }
  const AuditEntry audit =
      RequestAudit(request, r.clock, publish ? "survey.publish" : "survey.unpublish");
  const Status done = r.plans.WithStore([&](store::Store& s) -> Status {
    if (!publish)
      return s.UnpublishSurveyWave(stored->survey.id, wave_id, r.clock.NowUnixSeconds(), audit);
    auto published = assess::PublishWaveResults(s, stored->survey, *wave, Today(r),
                                                r.clock.NowUnixSeconds(), audit);
    if (!published) return tl::unexpected(published.error());
    return {};
  });
  if (!done && done.error().code == ErrorCode::kInvalidArgument) {
    auto page = ResultsPageOf(r, request, *stored, *wave, "");
    if (!page) return page.error();
    page->errors.push_back({"wave", PublishRefusal(done.error().message)});
    return Response::Html(400, report::RenderSurveyResultsPage(*page));
  }
  if (!done) return Fail(request, 500, "the publication could not be changed");
  if (publish) r.indicators.Invalidate();  // the figures the wave gave its indicators
  return SeeOther(report::SurveyResultsHref(stored->survey.id, wave_id));
}

// --- The list of surveys ---

Response SurveysPage(const ProgressRoutes& r, const Request& request) {
  const Date today = Today(r);
  auto page = r.plans.WithStore([&](store::Store& s) -> Result<report::SurveysPage> {
    WAYMARK_ASSIGN_OR_RETURN(const auto summaries, s.ListSurveys());
    WAYMARK_ASSIGN_OR_RETURN(const auto publications, s.ListSurveyPublications(""));
    report::SurveysPage out;
    for (const store::SurveySummary& summary : summaries) {
      WAYMARK_ASSIGN_OR_RETURN(const Survey survey, s.FindSurvey(summary.id));
      report::SurveyListing listing{summary.id, summary.title, survey.threshold, {}};
      for (const store::SurveyWaveSummary& w : summary.waves) {
        const bool published = std::any_of(
            publications.begin(), publications.end(), [&](const store::SurveyPublication& p) {
              return p.survey_id == summary.id && p.wave_id == w.wave.id;
            });
        listing.waves.push_back(
            {w.wave, report::WaveStateOn(w.wave, today), w.responses, published});
      }
      out.surveys.push_back(std::move(listing));
    }
    return out;
  });
  if (!page) return Fail(request, 500, "the surveys could not be read");
  return Response::Html(200, report::RenderSurveysPage(*page));
}

}  // namespace

void AddSurveyResultsPages(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/surveys", Permission::kEditPlans,
             [routes](const Request& r) { return SurveysPage(routes, r); });
  router.Add("GET", "/surveys/{id}/results", Permission::kPublic,
             [routes](const Request& r) { return ResultsPage(routes, r); });
  router.Add("GET", "/surveys/{id}/results.csv", Permission::kPublic,
             [routes](const Request& r) { return Download(routes, r, true); });
  router.Add("GET", "/surveys/{id}/results.xlsx", Permission::kPublic,
             [routes](const Request& r) { return Download(routes, r, false); });
  router.Add("POST", "/surveys/{id}/publish", Permission::kEditPlans,
             [routes](const Request& r) { return PublishPost(routes, r, true); });
  router.Add("POST", "/surveys/{id}/unpublish", Permission::kEditPlans,
             [routes](const Request& r) { return PublishPost(routes, r, false); });
  AddSurveyReviewPages(router, routes);
}

}  // namespace waymark::web
