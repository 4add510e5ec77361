// `waymark serve`: the web dashboard and JSON API over the database, until SIGINT or SIGTERM.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <memory>
#include <ostream>

#include "cli/cli.h"
#include "cli/site_key.h"
#include "core/identity_provider.h"
#include "store/store.h"
#include "web/access_log.h"
#include "web/plan_source.h"
#include "web/server.h"
#include "web/site.h"

namespace waymark::cli {
namespace {

// Pages and answers of 50 KB to 1 MB are built, copied and freed on every request. glibc's
// defaults hand freed memory back to the kernel (heap trimming in each thread's arena, and a
// fresh mapping for each block over its moving threshold), so the next request took the
// pages again one fault at a time: about half of a busy server's time went to that. Blocks
// under 4 MiB now stay in the process and a heap is trimmed only past 64 MiB free; larger
// blocks (a whole snapshot's vectors) are still mapped and returned. Measured on an
// indicator page at national scale: 5,484 requests/s before, 11,445 after (wrk, 64
// connections, docs/performance.md).
void KeepServingMemory() {
#ifdef __GLIBC__
  constexpr int kMapAbove = 4 << 20;
  constexpr int kTrimAbove = 64 << 20;
  mallopt(M_MMAP_THRESHOLD, kMapAbove);
  mallopt(M_TRIM_THRESHOLD, kTrimAbove);
#endif
}

struct ServeOptions {
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::string assets;
  int threads = 2;
  bool insecure_cookies = false;
  std::vector<std::string> trusted_proxies;
  std::string public_url;
  std::string log_file;  // the access log; "" for standard error
};

int Serve(Context& ctx, const ServeOptions& opts) {
  // Read-write: sessions, sign-ins and their audit entries are written by the server. Never
  // migrated here: a schema other than this program's stops the server (`waymark migrate`).
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWriteCurrent);
  if (!store) {
    *ctx.err << "waymark: " << store.error().ToString() << "\n";
    return 1;
  }
  std::unique_ptr<web::AccessLog> access_log;
  const Clock& clock = *ctx.clock;
  if (opts.log_file.empty()) {
    access_log = std::make_unique<web::AccessLog>(2, clock);  // standard error
  } else if (auto opened = web::AccessLog::Open(opts.log_file, clock)) {
    access_log = std::move(*opened);
  } else {
    *ctx.err << "waymark: --log-file: " << opened.error().ToString() << "\n";
    return 1;
  }
  web::PlanSource plans(std::move(*store));
  web::SiteOptions site_options;
  site_options.frontend_dir =
      opts.assets.empty() ? web::DefaultFrontendDir() : std::filesystem::path(opts.assets);
  if (!std::filesystem::exists(site_options.frontend_dir / "govuk-frontend.min.css")) {
    *ctx.err << "waymark: warning: no GOV.UK Frontend in " << site_options.frontend_dir.string()
             << " (run 'npm ci' or pass --assets); pages will have no styles\n";
  }
  site_options.auth.secure_cookies = !opts.insecure_cookies;
  site_options.trusted_proxies = opts.trusted_proxies;
  site_options.clock = ctx.clock;
  if (!opts.public_url.empty()) {
    if (auto ok = CheckIssuerUrl(opts.public_url); !ok) {
      *ctx.err << "waymark: --public-url: '" << opts.public_url
               << "' must be the site's https:// address (http:// only on loopback)\n";
      return 1;
    }
  }
  site_options.oidc.public_url = opts.public_url;
  if (auto key = SiteSecretKey(ctx)) {
    site_options.oidc.secret_key = std::move(*key);
  } else if (!ctx.secret_key.empty() || !ctx.secret_key_file.empty()) {
    *ctx.err << "waymark: " << key.error().ToString() << "\n";
    return 1;
  }
  web::Site site(plans, std::move(site_options));
  web::ServerOptions server_options;
  server_options.bind = opts.bind;
  server_options.port = static_cast<std::uint16_t>(opts.port);
  server_options.threads = opts.threads;
  server_options.stop_on_signals = true;
  server_options.observers = {access_log.get(), &site.RequestMetrics()};
  KeepServingMemory();
  web::Server server(server_options, site);
  if (auto started = server.Start(); !started) {
    *ctx.err << "waymark: " << started.error().ToString() << "\n";
    return 1;
  }
  const bool v6 = opts.bind.find(':') != std::string::npos;
  *ctx.out << fmt::format("Waymark is serving {} at http://{}{}{}:{}/\n",
                          store::DatabaseName(ctx.db_path), v6 ? "[" : "", opts.bind, v6 ? "]" : "",
                          server.Port())
           << std::flush;
  server.Wait();
  *ctx.out << "Waymark has stopped\n" << std::flush;
  return 0;
}

}  // namespace

void AddServeCommands(CLI::App& app, Context& ctx) {
  auto& opts = ctx.Keep<ServeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the dashboard and the JSON API over HTTP");
  serve->add_option("--port", opts.port, "TCP port (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->add_option("--bind", opts.bind, "Address to listen on")->capture_default_str();
  serve->add_option("--assets", opts.assets,
                    "GOV.UK Frontend directory (default: node_modules/govuk-frontend/dist/govuk "
                    "under the working directory or the program's source tree)");
  serve->add_option("--threads", opts.threads, "Threads serving requests")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve->add_flag("--insecure-cookies", opts.insecure_cookies,
                  "Send the session cookie without 'Secure', for plain-HTTP use on loopback "
                  "(the demo); never behind a public address");
  serve->add_option("--trusted-proxy", opts.trusted_proxies,
                    "Address of a reverse proxy whose X-Forwarded-For names the client (for "
                    "the per-address sign-in limit and the audit log); may be repeated");
  serve->add_option("--public-url", opts.public_url,
                    "The site's address as users and identity providers know it "
                    "(https://waymark.example.org): the base of the sign-in redirect URIs");
  serve->add_option("--log-file", opts.log_file,
                    "Append the access log (one JSON line per request) to this file, created "
                    "with mode 0600 (default: standard error)");
  serve->callback([&ctx, &opts] { ctx.exit_code = Serve(ctx, opts); });
}

}  // namespace waymark::cli
