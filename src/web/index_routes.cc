// Handlers of the index page and the index API: plan, year and area from the query, validated
// (400 naming the parameter; 404 for an unknown plan, index or area), results from the store.
#include "web/index_routes.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

#include "assess/export.h"
#include "assess/ffi.h"
#include "report/index_page.h"
#include "report/plan_pages.h"
#include "web/api.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

using nlohmann::json;

// What a request asks for.
struct Selection {
  std::shared_ptr<const Plan> plan;
  bool carry_plan = false;
  std::optional<store::IndexResults> results;  // empty: not computed yet
  std::string home_area;
  int year = 0;      // 0: every year (API without ?year=)
  std::string area;  // "" : every area (API without ?area=)
};

bool HasRow(const store::IndexResults& r, int year, std::string_view area) {
  return std::any_of(r.rows.begin(), r.rows.end(), [&](const store::IndexAreaYear& row) {
    return (year == 0 || row.year == year) && (area.empty() || row.area == area);
  });
}

// Resolves ?plan=, ?year= and ?area=. `page` picks defaults (the latest year, the plan's own
// council) where the API means "all".
Answer<Selection> Select(PlanSource& plans, const report::IndicatorData& data,
                         const Request& request, bool page) {
  auto view = PlanOf(plans, request);
  if (!view) return tl::unexpected(std::move(view.error()));
  Selection s;
  s.plan = view->plan;
  s.carry_plan = view->plans.size() > 1;
  if (!s.plan->index) {
    return Refuse(request, 404, "plan '" + s.plan->id + "' has no composite index");
  }
  auto results = plans.WithStore([&](store::Store& st) { return st.LoadIndexResults(s.plan->id); });
  if (!results && results.error().code != ErrorCode::kNotFound) {
    return Refuse(request, 500, "the database could not be read");
  }
  if (results) s.results = std::move(*results);
  s.home_area = assess::HomeArea(*s.plan, data.Areas(), {});
  const std::vector<int> years = s.results ? report::IndexYears(*s.results) : std::vector<int>{};
  if (const auto year = request.Query("year")) {
    const auto [end, ec] = std::from_chars(year->data(), year->data() + year->size(), s.year);
    if (ec != std::errc() || end != year->data() + year->size() ||
        std::find(years.begin(), years.end(), s.year) == years.end()) {
      return Refuse(request, 400, "year must be a year with index results", "year");
    }
  } else if (page && !years.empty()) {
    s.year = years.back();
  }
  if (const auto area = request.Query("area")) {
    if (!IsAreaCode(*area)) {
      return Refuse(request, 400, "area must be an area code such as E09000003", "area");
    }
    if (!s.results || !HasRow(*s.results, 0, *area)) {
      return Refuse(request, 404, "the index has no score for area '" + *area + "'");
    }
    s.area = *area;
  } else if (page && s.results) {
    s.area = HasRow(*s.results, 0, s.home_area) || s.results->rows.empty()
                 ? s.home_area
                 : s.results->rows.front().area;
  }
  return s;
}

Response IndexPage(PlanSource& plans, IndicatorSource& indicators, const Request& request) {
  const auto snapshot = SnapshotFor(indicators, request);
  if (!snapshot) return snapshot.error();
  const auto selected = Select(plans, *snapshot->data, request, /*page=*/true);
  if (!selected) return selected.error();
  const Selection& s = *selected;
  report::IndexPage page;
  page.plan = s.plan.get();
  page.results = s.results ? &*s.results : nullptr;
  page.data = snapshot->data.get();
  page.home_area = s.home_area;
  page.year = s.year;
  page.area = s.area;
  page.links = report::Links(s.plan->id, s.carry_plan);
  return Response::Html(200, report::RenderIndexPage(page));
}

json Number(double x) { return HasValue(x) ? json(x) : json(nullptr); }

json RowJson(const store::IndexAreaYear& row, const report::IndicatorData& data) {
  json measures = json::object();
  for (const store::IndexMeasureScore& m : row.measures) {
    measures[m.measure] = {{"score", Number(m.score)}, {"contribution", Number(m.contribution)}};
  }
  return {{"area_code", row.area},
          {"area_name", data.AreaName(row.area)},
          {"year", row.year},
          {"score", Number(row.score)},
          {"rank", Number(row.rank)},
          {"rank_median", Number(row.rank_median)},
          {"rank_p05", Number(row.rank_p05)},
          {"rank_p95", Number(row.rank_p95)},
          {"measures", measures}};
}

json MethodJson(const Plan& plan, const store::IndexResults& r) {
  json measures = json::array();
  for (const IndexMeasure& m : plan.index->measures) {
    const bool awaiting = std::count(r.measures_awaiting.begin(), r.measures_awaiting.end(), m.id);
    const bool goalposts =
        std::count(r.measures_goalposts.begin(), r.measures_goalposts.end(), m.id);
    json item = {{"id", m.id},
                 {"title", m.title},
                 {"status", awaiting ? "awaiting data" : (goalposts ? "local" : "used")}};
    if (m.goalposts) item["goalposts"] = {m.goalposts->first, m.goalposts->second};
    measures.push_back(std::move(item));
  }
  json sensitivity = json::array();
  for (const store::IndexSensitivity& s : r.sensitivity) {
    sensitivity.push_back({{"factor", s.factor},
                           {"first", Number(s.first)},
                           {"first_p05", Number(s.first_p05)},
                           {"first_p95", Number(s.first_p95)},
                           {"total", Number(s.total)},
                           {"total_p05", Number(s.total_p05)},
                           {"total_p95", Number(s.total_p95)}});
  }
  return {{"comparison", r.comparison},
          {"computed_at", r.computed_at},
          {"runs", r.runs},
          {"seed", r.seed},
          {"failed_runs", r.failed_runs},
          {"sensitivity_runs", r.sensitivity_runs},
          {"measures", measures},
          {"sensitivity", sensitivity}};
}

Response IndexApi(PlanSource& plans, IndicatorSource& indicators, const Request& request) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const auto snapshot = SnapshotFor(indicators, request);
  if (!snapshot) return snapshot.error();
  auto selected = Select(plans, *snapshot->data, request, /*page=*/false);
  if (!selected) return selected.error();
  Selection& s = *selected;
  if (!s.results) {
    return Fail(
        request, 404,
        "the index of plan '" + s.plan->id + "' has not been computed (waymark index compute)");
  }
  store::IndexResults& r = *s.results;
  std::erase_if(r.rows, [&](const store::IndexAreaYear& row) {
    return (s.year != 0 && row.year != s.year) || (!s.area.empty() && row.area != s.area);
  });
  if (*format == Format::kCsv) {
    return Response::Csv(200, assess::IndexCsv(r, *s.plan->index), s.plan->index->id + ".csv");
  }
  json rows = json::array();
  for (const store::IndexAreaYear& row : r.rows) rows.push_back(RowJson(row, *snapshot->data));
  const json body = {{"plan", s.plan->id},
                     {"index", {{"id", s.plan->index->id}, {"title", s.plan->index->title}}},
                     {"home_area", s.home_area},
                     {"method", MethodJson(*s.plan, r)},
                     {"rows", rows}};
  return Response::Json(200, JsonText(body));
}

}  // namespace

void AddIndexRoutes(Router& router, PlanSource& plans, IndicatorSource& indicators) {
  router.Add("GET", "/index", Permission::kPublic,
             [&plans, &indicators](const Request& r) { return IndexPage(plans, indicators, r); });
  router.Add("GET", "/api/v1/index", Permission::kPublic,
             [&plans, &indicators](const Request& r) { return IndexApi(plans, indicators, r); });
}

}  // namespace waymark::web
