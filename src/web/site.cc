// Routes of the dashboard: pages of the plan, static assets, health check and error pages.
#include "web/site.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>

#include "core/plan_lineage.h"
#include "report/account_pages.h"
#include "report/action_pages.h"
#include "report/asset_urls.h"
#include "report/indicator_pages.h"
#include "report/methods_page.h"
#include "report/plan_compare_pages.h"
#include "report/plan_pages.h"
#include "report/strategy_pages.h"
#include "web/account_routes.h"
#include "web/action_routes.h"
#include "web/api.h"
#include "web/cache_policy.h"
#include "web/embedded_assets.h"
#include "web/finding_routes.h"
#include "web/index_routes.h"
#include "web/indicator_routes.h"
#include "web/inequality_api.h"
#include "web/inequality_routes.h"
#include "web/ops_routes.h"
#include "web/progress_source.h"
#include "web/route_kit.h"
#include "web/survey_form_routes.h"
#include "web/survey_results_routes.h"

namespace waymark::web {
namespace {

constexpr std::string_view kFrontendSubdir = "node_modules/govuk-frontend/dist/govuk";

bool IsFrontendDir(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "govuk-frontend.min.css", ec);
}

// True when `body` holds `token` (a form for this reader). Boyer-Moore-Horspool: a page is
// tens of kilobytes and a token's first character is common in it, so a plain find stopped at
// nearly every byte.
bool Carries(std::string_view body, std::string_view token) {
  if (token.empty()) return false;
  return std::search(body.begin(), body.end(),
                     std::boyer_moore_horspool_searcher(token.begin(), token.end())) != body.end();
}

// True when the reader is signed in: with a session, or with an API token.
bool IsSignedIn(const Request& request) {
  return request.principal.SignedIn() || request.principal.user_id != 0;
}

// True when an answer is for this reader only: signed in (a session or an API token), or it
// carries the reader's CSRF token (a form: `carries_token`) or sets a cookie. Such answers are
// never kept. A route that marks its answer public (static files) says it is the same for
// every reader.
bool IsPersonal(const Request& request, const Identity& identity, const Response& res,
                bool carries_token) {
  if (res.Get("Set-Cookie")) return true;
  if (const auto cache = res.Get("Cache-Control"); cache && cache->starts_with("public")) {
    return false;
  }
  if (IsSignedIn(request) || identity.bearer) {
    return true;
  }
  return carries_token;
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
      auth_(plans, options.clock != nullptr ? *options.clock : system_clock_, options.auth),
      indicators_(plans),
      options_(std::move(options)),
      oidc_(options_.oidc.fetch ? options_.oidc.fetch
                                : Fetcher([](const FetchRequest& r) { return Fetch(r); }),
            auth_.clock()),
      assets_(options_.frontend_dir),
      metrics_(auth_.clock().NowUnixSeconds()) {
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
  if (!options_.slots.fact_check) {
    options_.slots.fact_check = [this](const Plan& plan, const Fact& fact) {
      return report::RenderFactCheck(*indicators_.Get().data, plan, fact);
    };
  }
  if (!options_.slots.area_name) {
    options_.slots.area_name = [this](std::string_view code) {
      return indicators_.Get().data->AreaName(code);
    };
  }
  AddPages();
  AddAssets();
  report::SetAssetUrls(assets_.PageUrls());
  assets_version_ = assets_.Version();
  AddIndicatorPages(router_, indicators_);
  AddInequalityPages(router_, plans_, indicators_);
  AddApiRoutes(router_, plans_);
  AddIndicatorApi(router_, indicators_);
  AddInequalityApi(router_, plans_);
  AddIndexRoutes(router_, plans_, indicators_);
  AddAccountRoutes(router_, auth_, plans_, oidc_);
  AddOidcRoutes(router_, auth_, plans_, oidc_, options_.oidc);
  AddDataRoutes(router_, plans_, indicators_, auth_.clock());
  const ProgressRoutes progress{plans_, indicators_, auth_.clock()};
  AddActionPages(router_, progress);
  AddCyclePages(router_, progress);
  AddCommentaryPages(router_, progress);
  AddFindingRoutes(router_, progress);
  AddSurveyResultsPages(router_, progress);
  AddReportPages(router_, progress);
  AddActionApi(router_, progress);
  AddSurveyFormRoutes(router_, plans_, auth_.clock());
  router_.Add("GET", "/healthz", Permission::kPublic,
              [](const Request&) {
                Response res = Response::Text(200, "ok\n");
                res.Set("Cache-Control", "no-store");  // a health check is never kept
                return res;
              });
  AddOpsRoutes(router_, plans_, metrics_);
}

void Site::AddPages() {
  router_.Add("GET", "/", Permission::kPublic, [this](const Request& r) { return Overview(r); });
  router_.Add("GET", "/outcomes/{id}", Permission::kPublic,
              [this](const Request& r) { return OutcomePage(r); });
  router_.Add("GET", "/strategies", Permission::kPublic,
              [this](const Request& r) { return StrategiesPage(r); });
  router_.Add("GET", "/strategies/{id}", Permission::kPublic,
              [this](const Request& r) { return StrategyPage(r); });
  router_.Add("GET", "/plans/{from}/compare/{to}", Permission::kPublic,
              [this](const Request& r) { return PlanComparisonPage(r); });
  router_.Add("GET", "/search", Permission::kPublic,
              [this](const Request& r) { return SearchPage(r); });
  router_.Add("GET", "/methods", Permission::kPublic, [](const Request&) {
    static const std::string kPage = report::RenderMethodsPage(report::Links{});
    return Response::Html(200, kPage);
  });
}

void Site::AddAssets() {
  router_.Add("GET", "/static/{file}", Permission::kPublic,
              [this](const Request& r) { return StaticFile(r); });
  router_.Add("GET", "/assets/{path*}", Permission::kPublic,
              [this](const Request& r) { return AssetFile(r); });
}

Response Site::Handle(Request request) {
  Served served;
  return HandleServed(std::move(request), served);
}

Response Site::HandleServed(Request request, Served& served) {
  request.client_address = ClientAddress(request);
  const Identity identity = auth_.Identify(request);
  request.principal = identity.principal;
  request.csrf_token = identity.csrf_token;
  request.session_digest = identity.session_digest;
  Response res = Route(request, identity, served.route);
  if (request.principal.user_id != 0) served.user = std::to_string(request.principal.user_id);
  // Read before the account bar is filled in: a signed-in reader's bar holds the token too.
  const bool carries_token = !res.finished && Carries(res.body, identity.csrf_token);
  if (!identity.new_presession.empty() && carries_token) {
    res.Add("Set-Cookie", auth_.PresessionCookie(identity.new_presession));
  }
  if (!res.finished) FillAccountBar(res, request);
  FinishResponse(request, res, IsPersonal(request, identity, res, carries_token));
  return res;
}

Response Site::Route(Request& request, const Identity& identity, std::string& pattern) {
  Match match = router_.Find(request.method, request.path);
  if (match.kind == Match::Kind::kNotFound) {
    return Fail(request, 404, IsApi(request) ? "no such resource" : "");
  }
  if (match.kind == Match::Kind::kMethodNotAllowed) {
    std::string allow;
    for (const std::string& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response res = Fail(request, 405, IsApi(request) ? "method not allowed" : "");
    res.Set("Allow", allow);
    return res;
  }
  pattern = match.pattern;
  if (match.internal) {
    if (auto refused = InternalRefusal(request, match.permission)) return *refused;
  } else if (auto refused = Refusal(request, identity, match.permission)) {
    return *refused;
  }
  request.params = std::move(match.params);
  return (*match.handler)(request);
}

std::string Site::ClientAddress(const Request& request) const {
  const auto& proxies = options_.trusted_proxies;
  if (std::find(proxies.begin(), proxies.end(), request.client_address) == proxies.end()) {
    return request.client_address;
  }
  const auto forwarded = request.Header("X-Forwarded-For");
  if (!forwarded) return request.client_address;
  std::string last =
      forwarded->substr(forwarded->rfind(',') == std::string::npos ? 0 : forwarded->rfind(',') + 1);
  last.erase(0, last.find_first_not_of(' '));
  while (!last.empty() && last.back() == ' ') last.pop_back();
  const bool plausible = !last.empty() && last.size() <= 45 &&
                         last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
  return plausible ? last : request.client_address;
}

std::optional<Response> Site::Refusal(const Request& request, const Identity& identity,
                                      Permission permission) {
  if (identity.bearer && !identity.bearer_problem.empty()) {
    Response res = Fail(request, 401, identity.bearer_problem);
    res.Set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return res;
  }
  if (!Allows(request.principal.role, permission)) {
    if (request.principal.SignedIn()) {
      return Fail(request, 403, IsApi(request) ? "your account's role does not allow this" : "");
    }
    if (IsApi(request)) {
      Response res = Fail(request, 401, "sign in with an API token (Authorization: Bearer TOKEN)");
      res.Set("WWW-Authenticate", "Bearer");
      return res;
    }
    Response res = Response::Html(303, "");
    res.Set("Location", "/sign-in?next=" + report::UrlEncode(LocalPath(request.target)));
    return res;
  }
  const std::string& m = request.method;
  const bool changes = m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
  if (changes && !auth_.CsrfValid(request, identity)) {
    return Fail(request, 403,
                "the form had expired or did not come from this site; go back, reload the page "
                "and try again");
  }
  return std::nullopt;
}

void Site::RefreshAccountInfo() {
  const std::int64_t now = auth_.clock().NowUnixSeconds();
  std::lock_guard lock(info_mu_);
  if (info_read_at_ >= 0 && now - info_read_at_ < 60) return;
  info_read_at_ = now;
  plans_.WithStore([&](store::Store& s) {
    const auto demo = s.GetSetting("demo");
    demo_ = demo && *demo == "true";
    if (auto orgs = s.ListOrganisations()) {
      organisation_names_.clear();
      for (const Partner& p : *orgs) organisation_names_[p.id] = p.name;
    }
  });
}

void Site::FillAccountBar(Response& response, const Request& request, std::optional<bool> demo) {
  const auto type = response.Get("Content-Type");
  if (!type || !type->starts_with("text/html")) return;
  const size_t at = response.body.find(report::kAccountBarMarker);
  if (at == std::string::npos) return;
  RefreshAccountInfo();
  report::AccountBar bar;
  bar.principal = &request.principal;
  bar.csrf_token = request.csrf_token;
  bar.here = LocalPath(request.target);
  {
    std::lock_guard lock(info_mu_);
    bar.demo = demo.value_or(demo_);
    const auto it = organisation_names_.find(request.principal.organisation);
    if (it != organisation_names_.end()) bar.organisation_name = it->second;
  }
  const std::string html = report::RenderAccountBar(bar);
  response.body.replace(at, report::kAccountBarMarker.size(), html);
  // An ETag the route gave for its body covers the bar too.
  if (const auto etag = response.Get("ETag")) response.Set("ETag", VersionEtag(*etag + html));
}

Response Site::Error(int status, std::string_view detail) {
  Response res = Response::Html(status, report::RenderErrorPage(status, detail, report::Links{}));
  FillAccountBar(res, Request{});
  return res;
}

Response Site::Cached(const PlanView& view, const Request& request,
                      const std::function<Response()>& render) {
  // The plan's progress and the figures' version were read with the plan (PlanView).
  const std::string today = DateOfUnixSeconds(auth_.clock().NowUnixSeconds()).ToString();
  const std::string key = view.version + "\n" +
                          std::to_string(indicators_.GetAt(view.figures_version).generation) +
                          "\n" + view.plan->id + "\n" + std::to_string(view.progress) + "\n" +
                          today + "\n" + request.path;
  // The page's ETag: what it depends on, the addresses of the files it names and the build
  // (the account bar is folded in when it is filled in).
  const std::string etag = VersionEtag(key + "\n" + request.target + "\n" + assets_version_ + "\n");
  // Signed-in readers, and addresses with a query or an escape (which any reader can vary, and
  // which the bar's sign-in link carries), share the page without its bar.
  if (IsSignedIn(request) || request.target != request.path) {
    Response res = pages_.Answer(key, [&](bool&) { return render(); });
    if (res.status == 200) res.Set("ETag", etag);
    return res;
  }
  // Readers who are not signed in: the page as sent, its bar filled in.
  RefreshAccountInfo();
  bool demo = false;
  {
    std::lock_guard lock(info_mu_);
    demo = demo_;
  }
  const std::string sent_key = key + (demo ? "\nsent, demo" : "\nsent");
  return pages_.Answer(sent_key, [&](bool& keep) {
    Response res = render();
    if (res.status != 200) return res;
    res.Set("ETag", etag);
    if (Carries(res.body, request.csrf_token)) {  // a form for this reader: never kept
      keep = false;
      return res;
    }
    FillAccountBar(res, request, demo);
    res.finished = true;
    return res;
  });
}

Response Site::Overview(const Request& request) {
  auto view = PlanOf(plans_, request);
  if (!view) return view.error();
  return Cached(*view, request, [&] {
    const Plan& plan = *view->plan;
    const report::Links links = LinksOf(*view);
    const report::PlanChoice choice{view->plans, plan.id};
    std::shared_ptr<const report::PlanProgress> progress;
    auto slots = SlotsWithProgress(plan, links, progress);
    if (!slots) return Fail(request, 500, "the action updates could not be read");
    const auto snapshot = indicators_.Get();
    const auto gaps = PlanGapEntries(plans_, *snapshot.data, plan);
    if (!gaps) return Fail(request, 500, "the figures by group could not be read");
    const std::string area_name = snapshot.data->AreaName(report::kDefaultArea);
    slots->overview_gaps = [&](const Plan&) {
      return report::GapsSummary(links, area_name, *gaps);
    };
    return Response::Html(200, report::RenderOverview(plan, choice, links, *slots));
  });
}

Response Site::OutcomePage(const Request& request) {
  auto view = PlanOf(plans_, request);
  if (!view) return view.error();
  return Cached(*view, request, [&] {
    const Plan& plan = *view->plan;
    const report::Links links = LinksOf(*view);
    const std::string& id = request.Param("id");
    for (const Outcome& outcome : plan.outcomes) {
      if (outcome.id == id) {
        std::shared_ptr<const report::PlanProgress> progress;
        const auto slots = SlotsWithProgress(plan, links, progress);
        if (!slots) return Fail(request, 500, "the action updates could not be read");
        return Response::Html(200, report::RenderOutcome(plan, outcome, links, *slots));
      }
    }
    return Response::Html(404,
                          report::RenderErrorPage(404, "This plan has no such outcome.", links));
  });
}

Response Site::StrategiesPage(const Request& request) {
  auto view = PlanOf(plans_, request);
  if (!view) return view.error();
  return Cached(*view, request, [&] {
    const report::PlanChoice choice{view->plans, view->plan->id};
    return Response::Html(200, report::RenderStrategies(*view->plan, choice, LinksOf(*view)));
  });
}

Response Site::StrategyPage(const Request& request) {
  auto view = PlanOf(plans_, request);
  if (!view) return view.error();
  return Cached(*view, request, [&] {
    const Plan& plan = *view->plan;
    const report::Links links = LinksOf(*view);
    for (const Strategy& strategy : plan.strategies) {
      if (strategy.id == request.Param("id")) {
        return Response::Html(200, report::RenderStrategy(plan, strategy, links));
      }
    }
    return Response::Html(
        404, report::RenderErrorPage(404, "This plan has no such strategy.", links));
  });
}

// Two plans side by side; either one unknown or not visible to the reader is 404.
Response Site::PlanComparisonPage(const Request& request) {
  auto from = NamedPlan(plans_, request, request.Param("from"));
  if (!from) return from.error();
  auto to = NamedPlan(plans_, request, request.Param("to"));
  if (!to) return to.error();
  return Cached(*to, request, [&] {
    report::PlanComparison page{from->plan.get(), to->plan.get(), to->plans};
    const auto snapshot = indicators_.Get();
    std::vector<Indicator> catalogue;
    for (const report::IndicatorSeries& s : snapshot.data->Series()) {
      catalogue.push_back(s.indicator);
    }
    // The generations between the two plans, through plans the reader may see.
    std::vector<std::shared_ptr<const Plan>> held;
    const auto find = [&](std::string_view id) -> const Plan* {
      auto view = NamedPlan(plans_, request, id);
      if (!view) return nullptr;
      held.push_back(view->plan);
      return held.back().get();
    };
    auto chain = Generations(*from->plan, *to->plan, find);
    if (chain.empty()) chain = Generations(*to->plan, *from->plan, find);
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
      page.generations.push_back(StepBetween(*chain[i], *chain[i + 1], catalogue));
    }
    page.data = snapshot.data.get();
    return Response::Html(200, report::RenderPlanComparison(page));
  });
}

Result<report::PageSlots> Site::SlotsWithProgress(
    const Plan& plan, const report::Links& links,
    std::shared_ptr<const report::PlanProgress>& keep) {
  report::PageSlots slots = options_.slots;
  WAYMARK_ASSIGN_OR_RETURN(const StoredProgress stored, LoadCycles(plans_, plan.id));
  if (stored.Current() == nullptr) return slots;
  const auto snapshot = indicators_.Get();
  WAYMARK_ASSIGN_OR_RETURN(
      report::PlanProgress progress,
      LoadProgress(plans_, plan, stored, nullptr, Principal{}, auth_.clock(), snapshot.data.get()));
  keep = std::make_shared<const report::PlanProgress>(std::move(progress));
  const report::PlanProgress* p = keep.get();
  slots.overview_top = [p, links](const Plan&) { return report::ProgressSummary(*p, links); };
  auto with_progress = [p, links](
                           const std::function<report::Html(const Plan&, const Outcome&)>& base,
                           bool list_attention) {
    return [p, links, base, list_attention](const Plan& plan, const Outcome& outcome) {
      report::Html h;
      if (base) h.Append(base(plan, outcome));
      h.Append(report::OutcomeProgress(*p, outcome, links, list_attention));
      return h;
    };
  };
  slots.overview_outcome = with_progress(options_.slots.overview_outcome, false);
  slots.outcome_page = with_progress(options_.slots.outcome_page, true);
  return slots;
}

Response Site::SearchPage(const Request& request) {
  auto view = PlanOf(plans_, request);
  if (!view) return view.error();
  const Plan& plan = *view->plan;
  const report::Links links = LinksOf(*view);
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
  if (auto res = assets_.ServeStatic(request.Param("file"))) return *res;
  return Fail(request, 404, "");
}

Response Site::AssetFile(const Request& request) {
  if (auto res = assets_.ServeAsset(request.Param("path"))) return *res;
  return Fail(request, 404, "");
}

}  // namespace waymark::web
