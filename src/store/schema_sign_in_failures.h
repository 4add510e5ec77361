// Migration 24, in both dialects (schema.cc and pg_schema.cc list it): the failed sign-ins of
// the last throttle window (core/sign_in_throttle.h), kept in the database so that every web
// node counts the failures made through every node. Rows older than the window are deleted as
// new ones are added; nothing else refers to them, and they are never copied (database_copy.h).
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kSignInFailuresMigration = R"sql(
CREATE TABLE sign_in_failures (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_account ON sign_in_failures(account, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures(address, at);
)sql";

inline constexpr std::string_view kPgSignInFailuresMigration = R"sql(
CREATE TABLE sign_in_failures (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_account ON sign_in_failures(account, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures(address, at);
)sql";

}  // namespace waymark::store
