// Routes of the dashboard: pages of the plan, static assets, health check and error pages.
#include "web/site.h"

#include <array>

#include "report/indicator_pages.h"
#include "report/plan_pages.h"
#include "web/api.h"
#include "web/index_routes.h"
#include "web/indicator_routes.h"

namespace waymark::web {
namespace {

// Our own additions to GOV.UK Frontend: no inline style or script is allowed by the CSP.
constexpr std::string_view kSiteCss =
    ".waymark-table th, .waymark-table td, .govuk-summary-list__key,\n"
    ".govuk-summary-list__value { overflow-wrap: break-word; }\n"
    // On narrow screens each table row becomes a block with the column name above each cell.
    "@media (max-width: 40.0525em) {\n"
    "  .waymark-table th, .waymark-table td, .govuk-summary-list__key,\n"
    "  .govuk-summary-list__value { overflow-wrap: anywhere; }\n"
    "  .waymark-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden;\n"
    "    clip: rect(0 0 0 0); }\n"
    "  .waymark-table caption { display: block; }\n"
    "  .waymark-table, .waymark-table tbody, .waymark-table tr, .waymark-table td,\n"
    "  .waymark-table tbody th { display: block; width: 100%; }\n"
    "  .waymark-table tr { border-bottom: 1px solid #b1b4b6; padding: 10px 0; }\n"
    "  .waymark-table td, .waymark-table tbody th { border: 0; padding: 5px 0; }\n"
    "  .waymark-table td::before { content: attr(data-label); display: block;\n"
    "    font-weight: 700; }\n"
    "}\n"
    ".waymark-outcome { border-top: 1px solid #cecece; padding-top: 20px; margin-bottom: 20px; }\n"
    ".waymark-objective { margin-bottom: 40px; }\n"
    ".waymark-objective > p { max-width: 40em; }\n"
    ".waymark-select { max-width: 100%; min-width: 0; }\n"
    ".waymark-search-hit { margin-bottom: 20px; }\n"
    // Charts scale to their container; the table beside each gives the same figures.
    ".waymark-figure { margin: 0 0 20px; max-width: 640px; }\n"
    ".waymark-chart { display: block; width: 100%; height: auto; }\n"
    ".waymark-spine .waymark-chart { max-width: 300px; min-width: 150px; }\n"
    ".waymark-highlight th, .waymark-highlight td { background: #fff7bf; }\n"
    ".waymark-scroll { overflow-x: auto; max-width: 100%; margin-bottom: 20px; position: relative; "
    "}\n"
    ".waymark-scroll:focus { outline: 3px solid #ffdd00; }\n"
    ".waymark-rug { border-collapse: collapse; }\n"
    ".waymark-rug th, .waymark-rug td { padding: 4px; font-size: 16px; }\n"
    ".waymark-rug thead .waymark-rug-area { writing-mode: vertical-rl; transform: rotate(180deg);\n"
    "  white-space: nowrap; vertical-align: bottom; }\n"
    ".waymark-rug tbody th { min-width: 10em; }\n"
    ".waymark-rug-cell { text-align: center; font-weight: 700; border: 1px solid #ffffff;\n"
    "  display: table-cell; min-width: 1.6em; }\n"
    ".waymark-legend .waymark-rug-cell { display: inline-block; padding: 2px 6px; }\n"
    ".waymark-j-B { background: #92D050; color: #0b0c0c; }\n"
    ".waymark-j-S { background: #FFC000; color: #0b0c0c; }\n"
    ".waymark-j-W { background: #C00000; color: #ffffff; }\n"
    ".waymark-j-H { background: #BED2FF; color: #0b0c0c; }\n"
    ".waymark-j-L { background: #5555E6; color: #ffffff; }\n"
    ".waymark-j-N { background: #C9C9C9; color: #0b0c0c; }\n"
    ".waymark-j-X { background: #ffffff; color: #0b0c0c; }\n"
    ".waymark-counts li { margin-bottom: 5px; }\n"
    ".waymark-map-figure { max-width: 560px; }\n"
    ".waymark-map-legend li { display: flex; align-items: center; gap: 8px; }\n"
    ".waymark-swatch { flex: none; }\n";

// Progressive enhancement: GOV.UK Frontend's components. Pages work without it.
constexpr std::string_view kSiteScript =
    "import { initAll } from '/static/govuk-frontend.min.js';\n"
    "document.body.classList.add('js-enabled', 'govuk-frontend-supported');\n"
    "initAll();\n";

constexpr std::string_view kFrontendSubdir = "node_modules/govuk-frontend/dist/govuk";

bool IsFrontendDir(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "govuk-frontend.min.css", ec);
}

Response Own(std::string_view body, std::string_view type) {
  Response res{200, {}, std::string(body)};
  res.Set("Content-Type", std::string(type));
  res.Set("Cache-Control", "public, max-age=3600");
  return res;
}

}  // namespace

std::filesystem::path DefaultFrontendDir() {
  std::error_code ec;
  auto here = std::filesystem::current_path(ec) / kFrontendSubdir;
  if (!ec && IsFrontendDir(here)) return here;
  auto dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  for (int i = 0; !ec && i < 4 && !dir.empty(); ++i) {
    if (IsFrontendDir(dir / kFrontendSubdir)) return dir / kFrontendSubdir;
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return here;
}

Site::Site(PlanSource& plans, SiteOptions options)
    : plans_(plans),
      indicators_(plans),
      options_(std::move(options)),
      frontend_(options_.frontend_dir),
      frontend_assets_(options_.frontend_dir / "assets") {
  if (!options_.slots.overview_outcome) {
    options_.slots.overview_outcome = [this](const Plan& plan, const Outcome& outcome) {
      return report::OverviewIndicatorSummary(*indicators_.Get().data, plan, outcome);
    };
  }
  if (!options_.slots.outcome_page) {
    options_.slots.outcome_page = [this](const Plan& plan, const Outcome& outcome) {
      return report::OutcomeIndicatorSpine(*indicators_.Get().data, plan, outcome);
    };
  }
  AddPages();
  AddAssets();
  AddIndicatorPages(router_, indicators_);
  AddApiRoutes(router_, plans_);
  AddIndicatorApi(router_, indicators_);
  AddIndexRoutes(router_, plans_, indicators_);
  router_.Add("GET", "/healthz", [](const Request&) { return Response::Text(200, "ok\n"); });
}

void Site::AddPages() {
  router_.Add("GET", "/", [this](const Request& r) { return Overview(r); });
  router_.Add("GET", "/outcomes/{id}", [this](const Request& r) { return OutcomePage(r); });
  router_.Add("GET", "/search", [this](const Request& r) { return SearchPage(r); });
}

void Site::AddAssets() {
  router_.Add("GET", "/static/{file}", [this](const Request& r) { return StaticFile(r); });
  router_.Add("GET", "/assets/{path*}", [this](const Request& r) { return AssetFile(r); });
}

Response Site::Handle(Request request) {
  Match match = router_.Find(request.method, request.path);
  const bool api = request.path.starts_with("/api/");
  if (match.kind == Match::Kind::kNotFound) {
    return api ? ApiError(404, "no such resource") : Error(404, "");
  }
  if (match.kind == Match::Kind::kMethodNotAllowed) {
    std::string allow;
    for (const std::string& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response res = api ? ApiError(405, "method not allowed") : Error(405, "");
    res.Set("Allow", allow);
    return res;
  }
  request.params = std::move(match.params);
  return (*match.handler)(request);
}

Response Site::Error(int status, std::string_view detail) {
  return Response::Html(status, report::RenderErrorPage(status, detail, report::Links{}));
}

Result<PlanView> Site::PlanFor(const Request& request, Response& error) {
  const auto plan_id = request.Query("plan");
  if (plan_id && !IsValidSlug(*plan_id)) {
    error = Error(400, "The plan named in the address is not a valid plan id.");
    return MakeError(ErrorCode::kInvalidArgument, "plan");
  }
  auto view = plans_.Resolve(plan_id);
  if (!view) {
    const bool missing = view.error().code == ErrorCode::kNotFound;
    error =
        missing ? Error(404, "There is no plan '" + plan_id.value_or("") + "'.") : Error(500, "");
    if (missing && !plan_id) error = Error(404, "The database holds no plan yet.");
  }
  return view;
}

Response Site::Cached(const PlanView& view, const Request& request,
                      const std::function<Response()>& render) {
  const std::string key = view.version + "\n" + std::to_string(indicators_.Get().generation) +
                          "\n" + view.plan->id + "\n" + request.path;
  if (auto page = pages_.Get(key)) return Response::Html(200, *page);
  Response res = render();
  if (res.status == 200) pages_.Put(key, std::make_shared<const std::string>(res.body));
  return res;
}

Response Site::Overview(const Request& request) {
  Response error;
  auto view = PlanFor(request, error);
  if (!view) return error;
  return Cached(*view, request, [&] {
    const Plan& plan = *view->plan;
    const report::Links links(plan.id, view->plans.size() > 1);
    const report::PlanChoice choice{view->plans, plan.id};
    return Response::Html(200, report::RenderOverview(plan, choice, links, options_.slots));
  });
}

Response Site::OutcomePage(const Request& request) {
  Response error;
  auto view = PlanFor(request, error);
  if (!view) return error;
  return Cached(*view, request, [&] {
    const Plan& plan = *view->plan;
    const report::Links links(plan.id, view->plans.size() > 1);
    const std::string& id = request.Param("id");
    for (const Outcome& outcome : plan.outcomes) {
      if (outcome.id == id) {
        return Response::Html(200, report::RenderOutcome(plan, outcome, links, options_.slots));
      }
    }
    return Response::Html(404,
                          report::RenderErrorPage(404, "This plan has no such outcome.", links));
  });
}

Response Site::SearchPage(const Request& request) {
  Response error;
  auto view = PlanFor(request, error);
  if (!view) return error;
  const Plan& plan = *view->plan;
  const report::Links links(plan.id, view->plans.size() > 1);
  const std::string query = request.Query("q").value_or("");
  if (query.size() > 200) {
    return Response::Html(
        400, report::RenderErrorPage(400, "The search text is too long (200 characters at most).",
                                     links));
  }
  const auto hits = report::SearchPlan(plan, query);
  const auto snapshot = indicators_.Get();
  std::vector<const report::IndicatorSeries*> found;
  if (query.find_first_not_of(" \t\r\n\f\v") != std::string::npos) {
    for (const report::IndicatorSeries* s : report::SearchIndicators(*snapshot.data, query)) {
      if (s->indicator.plan.empty() || s->indicator.plan == plan.id) found.push_back(s);
    }
  }
  return Response::Html(200, report::RenderSearch(plan, query, found, hits, links));
}

Response Site::StaticFile(const Request& request) {
  const std::string& file = request.Param("file");
  if (file == "waymark.css") return Own(kSiteCss, "text/css; charset=utf-8");
  if (file == "waymark.mjs") return Own(kSiteScript, "text/javascript; charset=utf-8");
  static constexpr std::array<std::string_view, 2> kFrontendFiles = {"govuk-frontend.min.css",
                                                                     "govuk-frontend.min.js"};
  for (std::string_view name : kFrontendFiles) {
    if (file != name) continue;
    if (auto res = frontend_.Serve(name)) return *res;
  }
  return Error(404, "");
}

Response Site::AssetFile(const Request& request) {
  if (auto res = frontend_assets_.Serve(request.Param("path"))) return *res;
  return Error(404, "");
}

}  // namespace waymark::web
