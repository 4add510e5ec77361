// The web application: every route of the dashboard (HTML pages, JSON/CSV API, static assets,
// /healthz) and the error pages, behind the HttpApp interface the server calls.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

#include "report/plan_pages.h"
#include "report/progress.h"
#include "web/asset_catalog.h"
#include "web/auth.h"
#include "web/data_routes.h"
#include "web/indicator_source.h"
#include "web/metrics.h"
#include "web/oidc_client.h"
#include "web/oidc_routes.h"
#include "web/page_cache.h"
#include "web/plan_source.h"
#include "web/router.h"
#include "web/server.h"
#include "web/static_files.h"

namespace waymark::web {

struct SiteOptions {
  // The GOV.UK Frontend build (node_modules/govuk-frontend/dist/govuk): its stylesheet and
  // script are served under /static/, its assets/ folder under /assets/.
  std::filesystem::path frontend_dir;
  // Markup that other layers add to the plan pages. When a slot is empty the site fills it with
  // the indicator summaries (overview counts, outcome spine charts) from the database.
  report::PageSlots slots;
  // Sessions, tokens, cookies and sign-in limits.
  AuthOptions auth;
  // The time for sessions, tokens and the audit log; nullptr: the system clock.
  const Clock* clock = nullptr;
  // Addresses of reverse proxies whose X-Forwarded-For names the client (its last entry).
  std::vector<std::string> trusted_proxies;
  // Sign-in through identity providers: the site's secret key, its public URL, the fetcher.
  OidcOptions oidc;
};

class Site final : public HttpApp {
 public:
  Site(PlanSource& plans, SiteOptions options);

  Response Handle(Request request) override;
  Response HandleServed(Request request, Served& served) override;
  Response Error(int status, std::string_view detail) override;
  // True for the routes added with Router::AddUpload (the data upload, web/data_routes.h).
  bool StreamsBody(std::string_view method, std::string_view path) const override {
    return router_.Find(method, path).streams_body;
  }
  // Every route with its permission (for the access matrix).
  std::vector<RouteInfo> Routes() const { return router_.Routes(); }
  // The request metrics /metrics shows: give them to the server as an observer.
  Metrics& RequestMetrics() { return metrics_; }

 private:
  void AddPages();
  void AddAssets();
  Response Overview(const Request& request);
  Response OutcomePage(const Request& request);
  Response StrategiesPage(const Request& request);
  Response StrategyPage(const Request& request);
  Response PlanComparisonPage(const Request& request);
  Response SearchPage(const Request& request);
  Response StaticFile(const Request& request);
  Response AssetFile(const Request& request);
  // The answer of the route `request` names, after its permission and CSRF checks.
  Response Route(Request& request, const Identity& identity, std::string& pattern);
  // The client's address: the peer, or the last X-Forwarded-For entry of a trusted proxy.
  std::string ClientAddress(const Request& request) const;
  // The answer when `request` may not use a route that needs `permission`, if it may not.
  std::optional<Response> Refusal(const Request& request, const Identity& identity,
                                  Permission permission);
  // Puts the account bar (who is signed in, the demo notice) into an HTML page; `demo`, when
  // given, is the demo flag already read for the page (so that the bar and a key made with it
  // agree), else the flag is read here.
  void FillAccountBar(Response& response, const Request& request,
                      std::optional<bool> demo = std::nullopt);
  // The demo flag and organisation names, read again at most once a minute.
  void RefreshAccountInfo();
  // The page for `request` from the cache, or rendered (and kept when it is a 200). Pages
  // show the progress of the plan's actions, so its progress version and today's date are in the
  // key.
  Response Cached(const PlanView& view, const Request& request,
                  const std::function<Response()>& render);
  // The slots of the plan pages with the public progress of `plan`'s actions added (as the
  // public sees it: submitted updates only, the same page for every reader).
  Result<report::PageSlots> SlotsWithProgress(const Plan& plan, const report::Links& links,
                                              std::shared_ptr<const report::PlanProgress>& keep);

  PlanSource& plans_;
  SystemClock system_clock_;
  Auth auth_;
  std::mutex info_mu_;
  std::int64_t info_read_at_ = -1;
  bool demo_ = false;
  std::map<std::string, std::string> organisation_names_;
  IndicatorSource indicators_;
  SiteOptions options_;
  OidcClient oidc_;
  AssetCatalog assets_;
  std::string assets_version_;  // changes when a file pages name does (AssetCatalog)
  PageCache pages_;
  Metrics metrics_;
  Router router_;
};

// The GOV.UK Frontend directory to serve when none is given: node_modules/govuk-frontend/
// dist/govuk under the current directory, else under the source tree the program was built
// from, else under the parent directories of the executable.
std::filesystem::path DefaultFrontendDir();

}  // namespace waymark::web
