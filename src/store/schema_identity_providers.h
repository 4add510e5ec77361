// Migration 17 of the SQLite schema (schema.cc lists it): identity providers for signing in
// with an organisation's own account (core/identity_provider.h), the sign-ins that have gone
// to a provider and not yet come back, and the mark on users a provider created until an
// administrator reviews them.
//
// A provider's client secret is kept only sealed with the site's secret key; a started
// sign-in is known by the digest of its state and deleted when it comes back or expires.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kIdentityProvidersMigration = R"sql(
ALTER TABLE users ADD COLUMN awaiting_review TEXT NOT NULL DEFAULT '';
CREATE TABLE identity_providers (
  name TEXT PRIMARY KEY,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  email_domains TEXT NOT NULL DEFAULT '',  -- separated by spaces
  scopes TEXT NOT NULL,
  provision INTEGER NOT NULL DEFAULT 0 CHECK (provision IN (0, 1)),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE oidc_logins (
  state_digest TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  browser_digest TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  next_path TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX oidc_logins_by_time ON oidc_logins(created_at);
)sql";

}  // namespace waymark::store
