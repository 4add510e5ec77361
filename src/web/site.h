// The web application: every route of the dashboard (HTML pages, JSON/CSV API, static assets,
// /healthz) and the error pages, behind the HttpApp interface the server calls.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "report/plan_pages.h"
#include "web/indicator_source.h"
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
};

class Site final : public HttpApp {
 public:
  Site(PlanSource& plans, SiteOptions options);

  Response Handle(Request request) override;
  Response Error(int status, std::string_view detail) override;

 private:
  void AddPages();
  void AddAssets();
  Response Overview(const Request& request);
  Response OutcomePage(const Request& request);
  Response SearchPage(const Request& request);
  Response StaticFile(const Request& request);
  Response AssetFile(const Request& request);
  // The plan a page request names (?plan=), or an error response.
  Result<PlanView> PlanFor(const Request& request, Response& error);
  // The page for `request` from the cache, or rendered (and kept when it is a 200).
  Response Cached(const PlanView& view, const Request& request,
                  const std::function<Response()>& render);

  PlanSource& plans_;
  IndicatorSource indicators_;
  SiteOptions options_;
  StaticFiles frontend_;
  StaticFiles frontend_assets_;
  PageCache pages_;
  Router router_;
};

// The GOV.UK Frontend directory to serve when none is given: node_modules/govuk-frontend/
// dist/govuk under the current directory, else under the source tree the program was built
// from, else under the parent directories of the executable.
std::filesystem::path DefaultFrontendDir();

}  // namespace waymark::web
