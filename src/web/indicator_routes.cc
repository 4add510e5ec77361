// Indicator pages and API handlers over the current indicator snapshot.
#include "web/indicator_routes.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "assess/export.h"
#include "ingest/indicator_json.h"
#include "report/indicator_pages.h"
#include "report/inequality_section.h"
#include "report/period_selector.h"
#include "report/plan_pages.h"
#include "stats/csv.h"
#include "web/api.h"
#include "web/inequality_routes.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

using nlohmann::json;
using report::IndicatorData;
using report::IndicatorSeries;

Response Page(int status, std::string body) { return Response::Html(status, std::move(body)); }

// The area named by ?area= (or the indicator's default); an error message when it is unknown.
std::optional<std::string> AreaOf(const IndicatorData& data, const IndicatorSeries* s,
                                  const Request& request, std::string& message) {
  const auto area = request.Query("area");
  if (!area) return s ? data.DefaultArea(*s) : std::string(report::kDefaultArea);
  if (!IsAreaCode(*area) || data.FindArea(*area) == nullptr) {
    message = "area must be the code of a known area, such as E09000003";
    return std::nullopt;
  }
  return *area;
}

// The period chosen with ?period= (none when absent or empty: the page's default); false with
// a 400 page in `error` when it is not a period label or no figure is for that period.
bool PeriodOf(const Request& request, const std::vector<Period>& periods,
              std::optional<Period>& out, Response& error) {
  const auto label = request.Query("period");
  if (!label || label->empty()) return true;
  out = ParsePeriod(*label);
  if (!out) {
    error = Fail(request, 400, "period must be a period label such as 2022/23");
    return false;
  }
  if (std::find(periods.begin(), periods.end(), *out) == periods.end()) {
    error = Fail(request, 400,
                 "period must be one of the periods offered on the page: there are no "
                 "figures for " +
                     out->Label() + ".");
    return false;
  }
  return true;
}

Response IndicatorList(const IndicatorSnapshot& snapshot, const Request& request) {
  const std::string q = request.Query("q").value_or("");
  if (q.size() > 200)
    return Fail(request, 400, "The search text is too long (200 characters at most).");
  return Page(200, report::RenderIndicatorList(*snapshot.data, q));
}

// `keep` is cleared when a part of the page could not be read (it is then not kept).
Response IndicatorPage(IndicatorSource& source, const IndicatorSnapshot& snapshot,
                       const Request& request, bool& keep) {
  const IndicatorData& data = *snapshot.data;
  std::string id = request.Param("id");
  const bool csv = id.ends_with(".csv");
  if (csv) id.resize(id.size() - 4);
  const IndicatorSeries* s = data.Find(id);
  if (s == nullptr) return Fail(request, 404, "There is no such indicator.");
  std::string message;
  const auto area = AreaOf(data, s, request, message);
  if (!area) return Fail(request, 400, "The area in the address is not known.");
  std::optional<Period> period;
  Response error;
  if (!PeriodOf(request, s->periods, period, error)) return error;
  if (csv) {
    return Response::Csv(200, report::IndicatorPageCsv(data, *s, *area, period),
                         id + "-" + *area + ".csv");
  }
  auto inequalities = IndicatorInequalities(source.Plans(), data, *s, *area, period);
  keep = inequalities.has_value();
  return Page(
      200, report::RenderIndicatorPage(
               data, *s, *area, period,
               inequalities ? std::move(*inequalities) : report::InequalitySectionUnavailable()));
}

Response ComparePage(const IndicatorSnapshot& snapshot, const Request& request) {
  const IndicatorData& data = *snapshot.data;
  const IndicatorSeries* s = data.Find(request.Param("indicator"));
  if (s == nullptr) return Fail(request, 404, "There is no such indicator.");
  std::string message;
  const auto area = AreaOf(data, s, request, message);
  if (!area) return Fail(request, 400, "The area in the address is not known.");
  std::optional<Period> period;
  Response error;
  if (!PeriodOf(request, s->periods, period, error)) return error;
  return Page(200, report::RenderComparePage(data, *s, *area, period));
}

Response TartanRug(const IndicatorSnapshot& snapshot, const Request& request) {
  std::optional<Period> period;
  Response error;
  if (!PeriodOf(request, report::PeriodsNewestFirst(*snapshot.data), period, error)) return error;
  return Page(200, report::RenderTartanRug(*snapshot.data, period));
}

Response AreaPage(const IndicatorSnapshot& snapshot, const Request& request) {
  const report::IndicatorData& data = *snapshot.data;
  const Area* area = data.FindArea(request.Param("code"));
  if (area == nullptr) return Fail(request, 404, "There is no area with this code.");
  std::optional<Period> period;
  Response error;
  if (!PeriodOf(request, report::PeriodsNewestFirst(data, area->code), period, error)) {
    return error;
  }
  const IndicatorSeries* map = nullptr;
  if (const auto id = request.Query("map"); id && !id->empty()) {
    const auto wards = report::WardIndicators(data, area->code);
    const auto it = std::find_if(wards.begin(), wards.end(),
                                 [&](const IndicatorSeries* s) { return s->indicator.id == *id; });
    if (it == wards.end()) {
      return Fail(request, 400,
                  "map must be the id of an indicator with figures for this area's "
                  "wards.");
    }
    map = *it;
  }
  return Page(200, report::RenderAreaPage(data, *area, period, map));
}

Response ApiIndicators(const IndicatorSnapshot& snapshot, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const std::string q = request.Query("q").value_or("");
  if (q.size() > 200) return Fail(request, 400, "q must be at most 200 characters", "q");
  const auto found = report::SearchIndicators(*snapshot.data, q);
  if (*format == Format::kCsv) {
    std::vector<Indicator> list;
    list.reserve(found.size());
    for (const IndicatorSeries* s : found) list.push_back(s->indicator);
    return Response::Csv(200, assess::IndicatorsCsv(list), "indicators.csv");
  }
  json out = {{"indicators", json::array()}};
  for (const IndicatorSeries* s : found) {
    json item = ingest::IndicatorToJson(s->indicator);
    item["links"] = {{"data", "/api/v1/indicators/" + s->indicator.id + "/data"},
                     {"html", "/indicators/" + s->indicator.id}};
    out["indicators"].push_back(std::move(item));
  }
  return Response::Json(200, JsonText(out));
}

// Assessments as JSON ({"<key>": [...]}) or CSV.
Response AssessmentRows(const std::vector<const Assessment*>& rows, Format format, json out,
                        std::string_view filename) {
  if (format == Format::kCsv) {
    std::vector<Assessment> copy;
    copy.reserve(rows.size());
    for (const Assessment* a : rows) copy.push_back(*a);
    return Response::Csv(200, assess::AssessmentsCsv(copy), filename);
  }
  out["data"] = json::array();
  for (const Assessment* a : rows) out["data"].push_back(ingest::AssessmentToJson(*a));
  return Response::Json(200, JsonText(out));
}

Response ApiIndicatorData(const IndicatorSnapshot& snapshot, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const IndicatorData& data = *snapshot.data;
  const std::string& id = request.Param("id");
  const IndicatorSeries* s = data.Find(id);
  if (s == nullptr) return Fail(request, 404, "no indicator '" + id + "'");
  const auto area = request.Query("area");
  if (area && (!IsAreaCode(*area) || data.FindArea(*area) == nullptr)) {
    return Fail(request, 400, "area must be the code of a known area", "area");
  }
  std::optional<Period> period;
  if (const auto label = request.Query("period")) {
    period = ParsePeriod(*label);
    if (!period)
      return Fail(request, 400, "period must be a period label such as 2022/23", "period");
  }
  std::vector<const Assessment*> rows;
  for (const Assessment& a : s->rows) {
    if (area && a.area != *area) continue;
    if (period && !(a.period == *period)) continue;
    rows.push_back(&a);
  }
  json out = {{"indicator", {{"id", s->indicator.id}, {"title", s->indicator.title}}},
              {"breakdown",
               {{"sex", s->breakdown.sex},
                {"age", s->breakdown.age},
                {"category_type", s->breakdown.category_type},
                {"category", s->breakdown.category}}}};
  return AssessmentRows(rows, *format, std::move(out), id + ".csv");
}

Response ApiAreas(const IndicatorSnapshot& snapshot, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const auto& areas = snapshot.data->Areas();
  if (*format == Format::kCsv) {
    std::string csv = stats::CsvLine({"code", "name", "type", "parent", "old_code"}) + "\r\n";
    for (const Area& a : areas) {
      csv += stats::CsvLine(
                 {a.code, a.name, std::string(AreaTypeName(a.type)), a.parent, a.old_code}) +
             "\r\n";
    }
    return Response::Csv(200, std::move(csv), "areas.csv");
  }
  json out = {{"areas", json::array()}};
  for (const Area& a : areas) out["areas"].push_back(ingest::AreaToJson(a));
  return Response::Json(200, JsonText(out));
}

Response ApiAssessments(const IndicatorSnapshot& snapshot, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const IndicatorData& data = *snapshot.data;
  const auto indicator = request.Query("indicator");
  const auto area = request.Query("area");
  if (!indicator && !area) {
    return Fail(request, 400, "name an indicator, an area or both", "indicator");
  }
  if (indicator && data.Find(*indicator) == nullptr) {
    return Fail(request, 400, "indicator must be the id of a known indicator", "indicator");
  }
  if (area && (!IsAreaCode(*area) || data.FindArea(*area) == nullptr)) {
    return Fail(request, 400, "area must be the code of a known area", "area");
  }
  std::vector<const Assessment*> rows;
  for (const IndicatorSeries& s : data.Series()) {
    if (indicator && s.indicator.id != *indicator) continue;
    for (const Assessment& a : s.rows) {
      if (!area || a.area == *area) rows.push_back(&a);
    }
  }
  return AssessmentRows(rows, *format, json::object(), "assessments.csv");
}

using FiguresHandler = Response (*)(const IndicatorSnapshot&, const Request&);

// `handler`'s answer over `snapshot`, kept, or `snapshot`'s 503 answer.
Response FiguresAnswer(IndicatorSource& source, const Answer<IndicatorSnapshot>& snapshot,
                       const Request& request, FiguresHandler handler) {
  if (!snapshot) return snapshot.error();
  return KeptAnswer(source, *snapshot, request, [&](bool&) { return handler(*snapshot, request); });
}

// `handler` with the current snapshot, or the 503 answer when the figures cannot be read.
Handler WithFigures(IndicatorSource& source, FiguresHandler handler) {
  return [&source, handler](const Request& request) {
    return FiguresAnswer(source, SnapshotFor(source, request), request, handler);
  };
}

// The indicator a request is about: its path's `{param}` (without a ".csv" ending), else its
// `query` parameter; none when neither is given (the request is then about every indicator).
std::optional<std::string> IndicatorAsked(const Request& request, const char* param,
                                          const char* query) {
  if (param != nullptr) {
    std::string id = request.Param(param);
    if (id.ends_with(".csv")) id.resize(id.size() - 4);
    return id;
  }
  return request.Query(query);
}

// `handler` with a snapshot holding the indicator the request is about (read by itself when
// the whole snapshot is not at hand), or every indicator when it names none.
Handler WithIndicator(IndicatorSource& source, const char* param, const char* query,
                      FiguresHandler handler) {
  return [&source, param, query, handler](const Request& request) {
    const auto id = IndicatorAsked(request, param, query);
    return FiguresAnswer(source,
                         id ? SnapshotFor(source, request, *id) : SnapshotFor(source, request),
                         request, handler);
  };
}

}  // namespace

void AddIndicatorPages(Router& router, IndicatorSource& source) {
  router.Add("GET", "/indicators", Permission::kPublic, WithFigures(source, IndicatorList));
  router.Add("GET", "/indicators/{id}", Permission::kPublic, [&source](const Request& r) {
    const auto snapshot = SnapshotFor(source, r, *IndicatorAsked(r, "id", nullptr));
    if (!snapshot) return snapshot.error();
    return KeptAnswer(source, *snapshot, r,
                      [&](bool& keep) { return IndicatorPage(source, *snapshot, r, keep); });
  });
  router.Add("GET", "/compare", Permission::kPublic, WithFigures(source, TartanRug));
  router.Add("GET", "/compare/{indicator}", Permission::kPublic,
             WithIndicator(source, "indicator", nullptr, ComparePage));
  router.Add("GET", "/areas/{code}", Permission::kPublic, WithFigures(source, AreaPage));
}

void AddIndicatorApi(Router& router, IndicatorSource& source) {
  router.Add("GET", "/api/v1/indicators", Permission::kPublic, WithFigures(source, ApiIndicators));
  router.Add("GET", "/api/v1/indicators/{id}/data", Permission::kPublic,
             WithIndicator(source, "id", nullptr, ApiIndicatorData));
  router.Add("GET", "/api/v1/areas", Permission::kPublic, WithFigures(source, ApiAreas));
  router.Add("GET", "/api/v1/assessments", Permission::kPublic,
             WithIndicator(source, nullptr, "indicator", ApiAssessments));
}

}  // namespace waymark::web
