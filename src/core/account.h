// Accounts: users, their browser sessions and API tokens, and the audit log's entries. Plain
// values with no I/O, and the rules a new account must meet (email, name, password strength).
// Secrets never appear here in the clear: sessions and tokens are known by their digests
// (secrets.h), passwords by their Argon2id hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/access.h"
#include "core/result.h"

namespace waymark {

struct User {
  std::int64_t id = 0;
  std::string email;  // lower case; unique
  std::string name;
  std::string organisation;  // a partner id of a stored plan
  Role role = Role::kPartner;
  bool disabled = false;
  std::string created_at;     // ISO 8601 UTC
  bool safeguarding = false;  // sees survey answers flagged for safeguarding (core/access.h)
  // The identity provider that created the account at its first sign-in, until an
  // administrator reviews it; "" otherwise (core/identity_provider.h).
  std::string awaiting_review;
  bool operator==(const User&) const = default;
};

// A user as stored, with the Argon2id hash of the password (never shown or exported).
struct StoredUser {
  User user;
  std::string password_hash;
};

// What `UpdateUser` changes; unset fields stay as they are.
struct UserUpdate {
  std::optional<Role> role;
  std::optional<bool> disabled;
  std::optional<std::string> password_hash;
  std::optional<bool> safeguarding;
  bool reviewed = false;  // clears awaiting_review
};

// A browser session, known by the digest of its cookie's token. Times in Unix seconds.
struct Session {
  std::string token_digest;
  std::int64_t user_id = 0;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
};

// A signed-in session or token with the user it acts as.
struct SessionWithUser {
  Session session;
  User user;
};

// An API token: a named secret that acts as its user on /api/v1.
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string user_email;
  std::string name;
  std::string created_at;    // ISO 8601 UTC
  std::string expires_on;    // YYYY-MM-DD: the last day it works; "" never expires
  std::string last_used_at;  // ISO 8601 UTC, "" when never used
  std::string revoked_at;    // ISO 8601 UTC, "" while in force
};

struct ApiTokenWithUser {
  ApiToken token;
  User user;
};

// One entry of the append-only audit log. The caller says when, who, through what and what
// kind of change (`action`); the store fills the entity, its id and the states before and
// after for the changes it makes itself.
struct AuditEntry {
  std::int64_t id = 0;
  std::string at;         // ISO 8601 UTC
  std::string actor;      // Principal::AuditName(), or "os:NAME" for the command line
  std::string via;        // the command ("waymark user add") or route ("POST /sign-in")
  std::string action;     // e.g. "user.create", "session.create", "plan.import"
  std::string entity;     // e.g. "user", "plan"
  std::string entity_id;  // e.g. the email, the plan id
  std::string before;     // JSON; "" when there was nothing before
  std::string after;      // JSON; "" when nothing is left after
};

// Which audit entries to list; empty fields do not filter. Newest first.
struct AuditFilter {
  std::string since;      // ISO 8601 date or timestamp: entries at or after it
  std::string actor;      // exact actor
  std::string entity;     // exact entity kind
  std::string action;     // exact action
  std::size_t limit = 0;  // 0: all
};

// The principal a user acts as (a browser session or the user an action is checked for).
Principal PrincipalOf(const User& user);

// Limits on account fields.
inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// The email in canonical (lower-case) form, or kInvalidArgument naming the problem.
Result<std::string> NormaliseEmail(std::string_view email);
// A person's or a token's name: 1-200 characters, no control characters.
Status CheckDisplayName(std::string_view name, std::string_view field);
// At least 12 characters, at most 1024 bytes, not one of the common passwords (case
// insensitive), not the email or its local part, not one character repeated.
Status CheckPasswordStrength(std::string_view password, std::string_view email);

}  // namespace waymark
