// `waymark idp ...`: the OpenID Connect providers staff sign in through (core/identity_provider.h):
// add, list, disable and enable them, make the site's secret key, and switch password sign-in
// off for the whole site or one organisation. A client secret is read from a file and kept only
// sealed with the site's secret key (cli/site_key.h).
#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/audit_context.h"
#include "cli/cli.h"
#include "cli/command_kit.h"
#include "cli/site_key.h"
#include "cli/table_text.h"
#include "core/identity_provider.h"
#include "core/secrets.h"
#include "ingest/plan_file.h"
#include "stats/csv.h"
#include "store/store.h"

namespace waymark::cli {
namespace {

constexpr std::size_t kMaxSecretLength = 4096;
constexpr std::size_t kMaxClientIdLength = 255;

struct NewProviderOptions {
  std::string name;
  std::string issuer;
  std::string client_id;
  std::string secret_file;
  std::string organisation;
  std::vector<std::string> email_domains;
  std::string scopes = "openid email profile";
  bool provision = false;
};

// The client secret from its file: the first line, without its line ending.
Result<std::string> ReadClientSecret(const std::string& path) {
  WAYMARK_ASSIGN_OR_RETURN(std::string text, ingest::ReadTextFile(path));
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty() || text.size() > kMaxSecretLength) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("--client-secret-file: {} must hold the secret on its first line "
                                 "(1-{} characters)",
                                 path, kMaxSecretLength));
  }
  return text;
}

Status CheckClientId(std::string_view id) {
  const bool ok = !id.empty() && id.size() <= kMaxClientIdLength &&
                  std::all_of(id.begin(), id.end(), [](char c) {
                    const auto u = static_cast<unsigned char>(c);
                    return u > 0x20 && u < 0x7F;
                  });
  if (ok) return {};
  return MakeError(ErrorCode::kInvalidArgument,
                   "--client-id: must be 1-255 printable characters without spaces");
}

// The provider the options describe, checked, with its secret sealed.
Result<IdentityProvider> ProviderFromOptions(const Context& ctx, store::Store& store,
                                             const NewProviderOptions& opts) {
  WAYMARK_TRY(CheckProviderName(opts.name));
  WAYMARK_TRY(CheckIssuerUrl(opts.issuer));
  WAYMARK_TRY(CheckClientId(opts.client_id));
  WAYMARK_TRY(CheckScopes(opts.scopes));
  IdentityProvider p;
  p.name = opts.name;
  p.issuer = opts.issuer;
  p.client_id = opts.client_id;
  p.scopes = opts.scopes;
  p.provision = opts.provision;
  for (const auto& d : opts.email_domains) {
    WAYMARK_ASSIGN_OR_RETURN(std::string domain, NormaliseEmailDomain(d));
    if (std::find(p.email_domains.begin(), p.email_domains.end(), domain) == p.email_domains.end())
      p.email_domains.push_back(std::move(domain));
  }
  if (!opts.organisation.empty()) {
    WAYMARK_ASSIGN_OR_RETURN(std::vector<Partner> orgs, store.ListOrganisations());
    const bool known = std::any_of(orgs.begin(), orgs.end(),
                                   [&](const Partner& o) { return o.id == opts.organisation; });
    if (!known) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("--org: no organisation '{}' (a partner id of a stored plan)",
                                   opts.organisation));
    }
    p.organisation = opts.organisation;
  }
  if (p.provision && (p.organisation.empty() || p.email_domains.empty())) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--provision: needs --org (the organisation new users join) and at least "
                     "one --email-domain (whose people it may create)");
  }
  WAYMARK_ASSIGN_OR_RETURN(std::string secret, ReadClientSecret(opts.secret_file));
  WAYMARK_ASSIGN_OR_RETURN(std::string key, SiteSecretKey(ctx));
  p.sealed_secret = SealSecret(key, secret);
  return p;
}

int AddProvider(Context& ctx, const NewProviderOptions& opts) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto provider = ProviderFromOptions(ctx, **store, opts);
  if (!provider) return Fail(ctx, provider.error());
  auto audit = CommandAudit(ctx, **store, "idp.add");
  if (!audit) return Fail(ctx, audit.error());
  auto added = (*store)->AddIdentityProvider(*provider, *audit);
  if (!added) return Fail(ctx, added.error());
  *ctx.out << fmt::format(
      "added identity provider {} ({}); register the redirect URI "
      "https://YOUR-SITE/sign-in/oidc/{}/callback with it\n",
      added->name, added->issuer, added->name);
  if (added->provision) {
    *ctx.out << fmt::format(
        "people of {} without an account become partners of {} at their first sign-in, "
        "awaiting review ('waymark user list')\n",
        EmailDomainsText(*added), added->organisation);
  }
  return 0;
}

int ListProviders(Context& ctx, const std::string& format) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadOnly);
  if (!store) return Fail(ctx, store.error());
  auto providers = (*store)->ListIdentityProviders();
  if (!providers) return Fail(ctx, providers.error());
  std::vector<std::vector<std::string>> rows;
  rows.push_back(
      {"name", "issuer", "client_id", "organisation", "email_domains", "provision", "status"});
  for (const IdentityProvider& p : *providers) {
    rows.push_back({p.name, p.issuer, p.client_id, p.organisation, EmailDomainsText(p),
                    p.provision ? "yes" : "no", p.disabled ? "disabled" : "enabled"});
  }
  if (format == "csv") {
    for (const auto& row : rows) *ctx.out << stats::CsvLine(row) << "\n";
  } else if (providers->empty()) {
    *ctx.out << "no identity providers (add one with 'waymark idp add NAME --issuer URL "
                "--client-id ID --client-secret-file FILE')\n";
  } else {
    *ctx.out << AlignedTable(rows);
  }
  return 0;
}

int SetProviderDisabled(Context& ctx, const std::string& name, bool disabled) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  auto before = (*store)->FindIdentityProvider(name);
  if (!before) return Fail(ctx, before.error());
  if (before->disabled == disabled) {
    *ctx.out << fmt::format("identity provider {} is {} already\n", name,
                            disabled ? "disabled" : "enabled");
    return 0;
  }
  auto audit = CommandAudit(ctx, **store, disabled ? "idp.disable" : "idp.enable");
  if (!audit) return Fail(ctx, audit.error());
  auto changed = (*store)->SetIdentityProviderDisabled(name, disabled, *audit);
  if (!changed) return Fail(ctx, changed.error());
  if (disabled) {
    *ctx.out << fmt::format("disabled identity provider {}: nobody can sign in through it\n", name);
  } else {
    *ctx.out << fmt::format("enabled identity provider {}\n", name);
  }
  return 0;
}

int PrintNewKey(Context& ctx) {
  *ctx.out << NewSecretKeyText() << "\n";
  *ctx.err << "waymark: keep this key in WAYMARK_SECRET_KEY (or a file named by "
              "WAYMARK_SECRET_KEY_FILE) for every 'waymark idp add' and 'waymark serve'; "
              "without it the stored client secrets cannot be opened\n";
  return 0;
}

// Password sign-in on or off, for the whole site ("" organisation) or one organisation.
int SetLocalSignIn(Context& ctx, const std::string& setting, const std::string& organisation) {
  auto store = store::OpenStore(ctx.db_path, store::OpenMode::kReadWrite);
  if (!store) return Fail(ctx, store.error());
  if (!organisation.empty()) {
    auto orgs = (*store)->ListOrganisations();
    if (!orgs) return Fail(ctx, orgs.error());
    if (std::none_of(orgs->begin(), orgs->end(),
                     [&](const Partner& o) { return o.id == organisation; })) {
      return Fail(ctx, fmt::format("--org: no organisation '{}'", organisation));
    }
  }
  auto audit = CommandAudit(ctx, **store, "setting.set");
  if (!audit) return Fail(ctx, audit.error());
  const std::string key = LocalSignInSettingKey(organisation);
  if (auto set = (*store)->SetSetting(key, setting, *audit); !set) return Fail(ctx, set.error());
  const std::string who = organisation.empty() ? "everyone" : "users of " + organisation;
  if (setting == "off") {
    *ctx.out << fmt::format(
        "password sign-in is off for {}: they sign in through an identity provider\n", who);
  } else {
    *ctx.out << fmt::format("password sign-in is on for {}\n", who);
  }
  return 0;
}

void AddProviderAddCommand(CLI::App& idp, Context& ctx) {
  auto& opts = ctx.Keep<NewProviderOptions>();
  CLI::App* add = idp.add_subcommand("add", "Add an OpenID Connect provider staff sign in through");
  add->add_option("NAME", opts.name, "Short name, in the callback path (e.g. barnet-entra)")
      ->required();
  add->add_option("--issuer", opts.issuer, "The issuer URL (https://...)")->required();
  add->add_option("--client-id", opts.client_id, "Waymark's client id at the provider")->required();
  add->add_option("--client-secret-file", opts.secret_file,
                  "A file whose first line is the client secret")
      ->required();
  add->add_option("--org", opts.organisation, "The organisation (partner id) new users join");
  add->add_option("--email-domain", opts.email_domains,
                  "An email domain the provider vouches for; may be repeated (default: any)");
  add->add_option("--scopes", opts.scopes, "Scopes to ask for")->capture_default_str();
  add->add_flag("--provision", opts.provision,
                "Create an unknown user at their first sign-in (a partner of --org, for "
                "--email-domain only), for an administrator to review");
  add->callback([&ctx, &opts] { ctx.exit_code = AddProvider(ctx, opts); });
}

}  // namespace

void AddIdpCommands(CLI::App& app, Context& ctx) {
  CLI::App* idp = app.add_subcommand(
      "idp", "Identity providers (OpenID Connect) staff sign in through: add, list, disable");
  idp->require_subcommand(1);
  AddProviderAddCommand(*idp, ctx);

  auto& format = ctx.Keep<std::string>("text");
  CLI::App* list = idp->add_subcommand("list", "List the identity providers (never the secrets)");
  list->add_option("--format", format, "text or csv")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  list->callback([&ctx, &format] { ctx.exit_code = ListProviders(ctx, format); });

  auto& name = ctx.Keep<std::string>();
  CLI::App* disable = idp->add_subcommand("disable", "Stop sign-ins through a provider");
  disable->add_option("NAME", name, "The provider's name")->required();
  disable->callback([&ctx, &name] { ctx.exit_code = SetProviderDisabled(ctx, name, true); });
  CLI::App* enable = idp->add_subcommand("enable", "Allow sign-ins through a provider again");
  enable->add_option("NAME", name, "The provider's name")->required();
  enable->callback([&ctx, &name] { ctx.exit_code = SetProviderDisabled(ctx, name, false); });

  CLI::App* key = idp->add_subcommand("key", "Print a new site secret key (WAYMARK_SECRET_KEY)");
  key->callback([&ctx] { ctx.exit_code = PrintNewKey(ctx); });

  auto& setting = ctx.Keep<std::string>();
  auto& org = ctx.Keep<std::string>();
  CLI::App* local = idp->add_subcommand(
      "local-sign-in", "Switch password sign-in on or off, for everyone or one organisation");
  local->add_option("SETTING", setting, "on or off")
      ->required()
      ->check(CLI::IsMember({"on", "off"}));
  local->add_option("--org", org, "Only this organisation's users (default: everyone)");
  local->callback([&ctx, &setting, &org] { ctx.exit_code = SetLocalSignIn(ctx, setting, org); });
}

}  // namespace waymark::cli
