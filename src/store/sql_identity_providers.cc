// SqlStore: identity providers and the sign-ins that have gone to one (migration 17). A
// provider's changes are audited with its fields as JSON, never its sealed secret.
#include <sstream>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kProviderEntity = "identity-provider";
constexpr std::string_view kProviderColumns =
    "name, issuer, client_id, sealed_secret, organisation, email_domains, scopes, provision, "
    "disabled, created_at";

std::vector<std::string> SplitDomains(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string d; in >> d;) out.push_back(d);
  return out;
}

IdentityProvider ReadProvider(const Statement& s) {
  IdentityProvider p;
  p.name = s.Text(0);
  p.issuer = s.Text(1);
  p.client_id = s.Text(2);
  p.sealed_secret = s.Text(3);
  p.organisation = s.Text(4);
  p.email_domains = SplitDomains(s.Text(5));
  p.scopes = s.Text(6);
  p.provision = s.Int(7) != 0;
  p.disabled = s.Int(8) != 0;
  p.created_at = s.Text(9);
  return p;
}

std::string ProviderJson(const IdentityProvider& p) {
  nlohmann::ordered_json json;
  json["name"] = p.name;
  json["issuer"] = p.issuer;
  json["client_id"] = p.client_id;
  json["organisation"] = p.organisation;
  json["email_domains"] = p.email_domains;
  json["scopes"] = p.scopes;
  json["provision"] = p.provision;
  json["disabled"] = p.disabled;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::optional<IdentityProvider>> ReadProviderNamed(Db& db, std::string_view name) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select, db.Prepare(fmt::format("SELECT {} FROM identity_providers WHERE name = ?1",
                                               kProviderColumns)));
  select.Bind(1, name);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<IdentityProvider>();
  return std::optional<IdentityProvider>(ReadProvider(select));
}

Error NoProvider(std::string_view name) {
  return Error{ErrorCode::kNotFound, fmt::format("no identity provider named {}", name), {}};
}

}  // namespace

Result<IdentityProvider> SqlStore::AddIdentityProvider(const IdentityProvider& provider,
                                                       const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(auto existing, ReadProviderNamed(db_, provider.name));
  if (existing) {
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("an identity provider named {} exists already", provider.name));
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare(fmt::format("INSERT INTO identity_providers ({}, updated_at) VALUES (?1, ?2, "
                              "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                              kProviderColumns)));
  insert.Bind(1, provider.name)
      .Bind(2, provider.issuer)
      .Bind(3, provider.client_id)
      .Bind(4, provider.sealed_secret)
      .Bind(5, provider.organisation)
      .Bind(6, EmailDomainsText(provider))
      .Bind(7, provider.scopes)
      .Bind(8, provider.provision ? 1 : 0)
      .Bind(9, provider.disabled ? 1 : 0)
      .Bind(10, audit.at);
  WAYMARK_TRY(insert.Run());
  IdentityProvider added = provider;
  added.created_at = audit.at;
  WAYMARK_TRY(
      WriteAudit(db_, audit, {std::string(kProviderEntity), added.name, "", ProviderJson(added)}));
  WAYMARK_TRY(tx.Commit());
  return added;
}

Result<std::vector<IdentityProvider>> SqlStore::ListIdentityProviders() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select, db_.Prepare(fmt::format("SELECT {} FROM identity_providers ORDER BY name",
                                                kProviderColumns)));
  std::vector<IdentityProvider> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out.push_back(ReadProvider(select));
  }
}

Result<IdentityProvider> SqlStore::FindIdentityProvider(std::string_view name) {
  WAYMARK_ASSIGN_OR_RETURN(auto found, ReadProviderNamed(db_, name));
  if (!found) return tl::unexpected(NoProvider(name));
  return std::move(*found);
}

Result<IdentityProvider> SqlStore::SetIdentityProviderDisabled(std::string_view name, bool disabled,
                                                               const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(auto found, ReadProviderNamed(db_, name));
  if (!found) return tl::unexpected(NoProvider(name));
  if (found->disabled == disabled) return std::move(*found);
  IdentityProvider changed = *found;
  changed.disabled = disabled;
  WAYMARK_ASSIGN_OR_RETURN(
      Statement update,
      db_.Prepare("UPDATE identity_providers SET disabled = ?1, updated_at = ?2 WHERE name = ?3"));
  update.Bind(1, disabled ? 1 : 0).Bind(2, audit.at).Bind(3, name);
  WAYMARK_TRY(update.Run());
  WAYMARK_TRY(WriteAudit(
      db_, audit,
      {std::string(kProviderEntity), changed.name, ProviderJson(*found), ProviderJson(changed)}));
  WAYMARK_TRY(tx.Commit());
  return changed;
}

Status SqlStore::BeginOidcLogin(const OidcLogin& login, std::int64_t expired_before) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Statement prune,
                           db_.Prepare("DELETE FROM oidc_logins WHERE created_at < ?1"));
  prune.Bind(1, expired_before);
  WAYMARK_TRY(prune.Run());
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO oidc_logins (state_digest, provider, browser_digest, nonce, "
                  "code_verifier, next_path, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  insert.Bind(1, login.state_digest)
      .Bind(2, login.provider)
      .Bind(3, login.browser_digest)
      .Bind(4, login.nonce)
      .Bind(5, login.code_verifier)
      .Bind(6, login.next)
      .Bind(7, login.created_at);
  WAYMARK_TRY(insert.Run());
  return tx.Commit();
}

Result<OidcLogin> SqlStore::TakeOidcLogin(std::string_view state_digest) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT state_digest, provider, browser_digest, nonce, code_verifier, "
                  "next_path, created_at FROM oidc_logins WHERE state_digest = ?1"));
  select.Bind(1, state_digest);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) {
    return MakeError(ErrorCode::kNotFound, "no sign-in was started with this state");
  }
  OidcLogin login{select.Text(0), select.Text(1), select.Text(2), select.Text(3),
                  select.Text(4), select.Text(5), select.Int(6)};
  WAYMARK_ASSIGN_OR_RETURN(Statement remove,
                           db_.Prepare("DELETE FROM oidc_logins WHERE state_digest = ?1"));
  remove.Bind(1, state_digest);
  WAYMARK_TRY(remove.Run());
  WAYMARK_TRY(tx.Commit());
  return login;
}

}  // namespace waymark::store
