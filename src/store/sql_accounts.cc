// SqlStore: users, browser sessions, API tokens (migration 8) and the organisations users
// belong to. Every change is audited in its own transaction, with the records as JSON that
// never holds a password hash or a token digest.
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kUserEntity = "user";
constexpr std::string_view kSessionEntity = "session";
constexpr std::string_view kTokenEntity = "token";

// The nine columns ReadUser reads, from `users` aliased as u.
constexpr std::string_view kUserColumns =
    "u.id, u.email, u.name, u.organisation, u.role, u.disabled, u.created_at, u.safeguarding, "
    "u.awaiting_review";
// The eight columns ReadToken reads, from `api_tokens` as t joined with `users` as u.
constexpr std::string_view kTokenColumns =
    "t.id, t.user_id, u.email, t.name, t.created_at, t.expires_on, t.last_used_at, "
    "t.revoked_at";
constexpr int kUserColumnCount = 9;
constexpr int kTokenColumnCount = 8;

std::string Dump(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json UserObject(const User& user) {
  nlohmann::ordered_json json;
  json["email"] = user.email;
  json["name"] = user.name;
  json["organisation"] = user.organisation;
  json["role"] = RoleName(user.role);
  json["disabled"] = user.disabled;
  json["safeguarding"] = user.safeguarding;
  if (!user.awaiting_review.empty()) json["awaiting_review"] = user.awaiting_review;
  return json;
}

std::string UserJson(const User& user) { return Dump(UserObject(user)); }

std::string SessionJson(std::string_view email, std::int64_t created_at) {
  nlohmann::ordered_json json;
  json["user"] = email;
  json["created_at"] = created_at;
  return Dump(json);
}

std::string TokenJson(const ApiToken& token) {
  nlohmann::ordered_json json;
  json["id"] = token.id;
  json["user"] = token.user_email;
  json["name"] = token.name;
  json["expires_on"] = token.expires_on;
  json["revoked_at"] = token.revoked_at;
  return Dump(json);
}

Result<User> ReadUser(const Statement& s, int first) {
  const std::string role = s.Text(first + 4);
  const std::optional<Role> parsed = ParseRole(role);
  if (!parsed) {
    return MakeError(ErrorCode::kDatabase,
                     fmt::format("user '{}' has an unknown role '{}'", s.Text(first + 1), role));
  }
  return User{s.Int(first),     s.Text(first + 1),     s.Text(first + 2), s.Text(first + 3),
              *parsed,          s.Int(first + 5) != 0, s.Text(first + 6), s.Int(first + 7) != 0,
              s.Text(first + 8)};
}

ApiToken ReadToken(const Statement& s, int first) {
  return ApiToken{s.Int(first),      s.Int(first + 1),  s.Text(first + 2), s.Text(first + 3),
                  s.Text(first + 4), s.Text(first + 5), s.Text(first + 6), s.Text(first + 7)};
}

Error NoUser(std::string_view email) {
  return Error{ErrorCode::kNotFound, fmt::format("no user with email {}", email), {}};
}

// The user with `email` and the hash of their password; nullopt when there is none.
Result<std::optional<StoredUser>> ReadStoredUser(Db& db, std::string_view email) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(
          fmt::format("SELECT {}, u.password_hash FROM users u WHERE u.email = ?1", kUserColumns)));
  select.Bind(1, email);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<StoredUser>();
  WAYMARK_ASSIGN_OR_RETURN(User user, ReadUser(select, 0));
  return std::optional<StoredUser>(StoredUser{std::move(user), select.Text(kUserColumnCount)});
}

Result<std::string> UserEmail(Db& db, std::int64_t user_id) {
  WAYMARK_ASSIGN_OR_RETURN(Statement select, db.Prepare("SELECT email FROM users WHERE id = ?1"));
  select.Bind(1, user_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return MakeError(ErrorCode::kNotFound, fmt::format("no user with id {}", user_id));
  return select.Text(0);
}

Result<std::optional<ApiToken>> ReadTokenById(Db& db, std::int64_t token_id) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(fmt::format("SELECT {} FROM api_tokens t JOIN users u ON u.id = t.user_id "
                             "WHERE t.id = ?1",
                             kTokenColumns)));
  select.Bind(1, token_id);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<ApiToken>();
  return std::optional<ApiToken>(ReadToken(select, 0));
}

// A user as an update would leave them; `changed` is false when the update changes nothing.
struct UpdatedUser {
  User user;
  std::string password_hash;
  bool password_changed = false;
  bool changed = false;
  bool access_changed = false;  // anything but the review mark: sessions end
};

UpdatedUser ApplyUpdate(const StoredUser& stored, const UserUpdate& update) {
  UpdatedUser out{stored.user, stored.password_hash};
  if (update.role) out.user.role = *update.role;
  if (update.disabled) out.user.disabled = *update.disabled;
  if (update.safeguarding) out.user.safeguarding = *update.safeguarding;
  if (update.password_hash && *update.password_hash != stored.password_hash) {
    out.password_hash = *update.password_hash;
    out.password_changed = true;
  }
  out.access_changed = out.password_changed || out.user != stored.user;
  if (update.reviewed) out.user.awaiting_review.clear();
  out.changed = out.access_changed || out.user != stored.user;
  return out;
}

std::string UpdatedUserJson(const UpdatedUser& updated) {
  nlohmann::ordered_json json = UserObject(updated.user);
  if (updated.password_changed) json["password_changed"] = true;
  return Dump(json);
}

Status WriteUserRow(Db& db, const UpdatedUser& updated, std::string_view now) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement update, db.Prepare("UPDATE users SET role = ?1, disabled = ?2, password_hash = ?3, "
                                   "updated_at = ?4, safeguarding = ?6, awaiting_review = ?7 "
                                   "WHERE id = ?5"));
  update.Bind(1, RoleName(updated.user.role))
      .Bind(2, updated.user.disabled ? 1 : 0)
      .Bind(3, updated.password_hash)
      .Bind(4, now)
      .Bind(5, updated.user.id)
      .Bind(6, updated.user.safeguarding ? 1 : 0)
      .Bind(7, updated.user.awaiting_review);
  WAYMARK_TRY(update.Run());
  if (!updated.access_changed) return {};
  WAYMARK_ASSIGN_OR_RETURN(Statement end_sessions,
                           db.Prepare("DELETE FROM sessions WHERE user_id = ?1"));
  end_sessions.Bind(1, updated.user.id);
  return end_sessions.Run();
}

}  // namespace

// Organisations ------------------------------------------------------------------------------

Result<std::vector<Partner>> SqlStore::ListOrganisations() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare("SELECT id, name, kind FROM (SELECT p.id, p.name, p.kind, row_number() OVER "
                  "(PARTITION BY p.id ORDER BY pl.updated_at DESC, pl.id DESC) AS latest "
                  "FROM partners p JOIN plans pl ON pl.id = p.plan_id) AS ranked "
                  "WHERE latest = 1 ORDER BY id"));
  std::vector<Partner> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out.push_back(Partner{select.Text(0), select.Text(1), select.Text(2)});
  }
}

// Users --------------------------------------------------------------------------------------

Result<User> SqlStore::CreateUser(const User& user, std::string_view password_hash,
                                  const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<StoredUser> existing, ReadStoredUser(db_, user.email));
  if (existing) {
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("a user with email {} exists already", user.email));
  }
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO users (email, name, organisation, role, disabled, password_hash, "
                  "created_at, updated_at, safeguarding, awaiting_review) VALUES (?1, ?2, ?3, ?4, "
                  "?5, ?6, ?7, ?7, ?8, ?9)"));
  insert.Bind(1, user.email)
      .Bind(2, user.name)
      .Bind(3, user.organisation)
      .Bind(4, RoleName(user.role))
      .Bind(5, user.disabled ? 1 : 0)
      .Bind(6, password_hash)
      .Bind(7, audit.at)
      .Bind(8, user.safeguarding ? 1 : 0)
      .Bind(9, user.awaiting_review);
  WAYMARK_TRY(insert.Run());
  User created = user;
  WAYMARK_ASSIGN_OR_RETURN(created.id, db_.LastInsertRowid());
  created.created_at = audit.at;
  WAYMARK_TRY(
      WriteAudit(db_, audit, {std::string(kUserEntity), created.email, "", UserJson(created)}));
  WAYMARK_TRY(tx.Commit());
  return created;
}

Result<std::vector<User>> SqlStore::ListUsers() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format("SELECT {} FROM users u ORDER BY u.email", kUserColumns)));
  std::vector<User> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    WAYMARK_ASSIGN_OR_RETURN(User user, ReadUser(select, 0));
    out.push_back(std::move(user));
  }
}

Result<StoredUser> SqlStore::FindUser(std::string_view email) {
  WAYMARK_ASSIGN_OR_RETURN(std::optional<StoredUser> stored, ReadStoredUser(db_, email));
  if (!stored) return tl::unexpected(NoUser(email));
  return std::move(*stored);
}

Result<User> SqlStore::UpdateUser(std::string_view email, const UserUpdate& update,
                                  const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<StoredUser> stored, ReadStoredUser(db_, email));
  if (!stored) return tl::unexpected(NoUser(email));
  const UpdatedUser updated = ApplyUpdate(*stored, update);
  if (!updated.changed) return stored->user;
  WAYMARK_TRY(WriteUserRow(db_, updated, audit.at));
  WAYMARK_TRY(WriteAudit(db_, audit,
                         {std::string(kUserEntity), updated.user.email, UserJson(stored->user),
                          UpdatedUserJson(updated)}));
  WAYMARK_TRY(tx.Commit());
  return updated.user;
}

// Sessions -----------------------------------------------------------------------------------

Status SqlStore::CreateSession(const Session& session, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::string email, UserEmail(db_, session.user_id));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO sessions (token_digest, user_id, created_at, last_seen_at) "
                  "VALUES (?1, ?2, ?3, ?4)"));
  insert.Bind(1, session.token_digest)
      .Bind(2, session.user_id)
      .Bind(3, session.created_at)
      .Bind(4, session.last_seen_at);
  WAYMARK_TRY(insert.Run());
  WAYMARK_TRY(
      WriteAudit(db_, audit,
                 {std::string(kSessionEntity), email, "", SessionJson(email, session.created_at)}));
  return tx.Commit();
}

Result<SessionWithUser> SqlStore::FindSession(std::string_view token_digest) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format("SELECT s.token_digest, s.user_id, s.created_at, s.last_seen_at, "
                              "{} FROM sessions s JOIN users u ON u.id = s.user_id "
                              "WHERE s.token_digest = ?1",
                              kUserColumns)));
  select.Bind(1, token_digest);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return MakeError(ErrorCode::kNotFound, "no such session");
  Session session{select.Text(0), select.Int(1), select.Int(2), select.Int(3)};
  WAYMARK_ASSIGN_OR_RETURN(User user, ReadUser(select, 4));
  return SessionWithUser{std::move(session), std::move(user)};
}

// Touching a session that has just ended (or never was) changes nothing and succeeds.
Status SqlStore::TouchSession(std::string_view token_digest, std::int64_t now) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement update,
      db_.Prepare("UPDATE sessions SET last_seen_at = ?1 WHERE token_digest = ?2"));
  update.Bind(1, now).Bind(2, token_digest);
  WAYMARK_TRY(update.Run());
  return tx.Commit();
}

Status SqlStore::EndSession(std::string_view token_digest, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select, db_.Prepare("SELECT u.email, s.created_at FROM sessions s JOIN users u ON "
                                    "u.id = s.user_id WHERE s.token_digest = ?1"));
  select.Bind(1, token_digest);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return {};
  const std::string email = select.Text(0);
  const std::int64_t created_at = select.Int(1);
  WAYMARK_ASSIGN_OR_RETURN(Statement del,
                           db_.Prepare("DELETE FROM sessions WHERE token_digest = ?1"));
  del.Bind(1, token_digest);
  WAYMARK_TRY(del.Run());
  WAYMARK_TRY(WriteAudit(db_, audit,
                         {std::string(kSessionEntity), email, SessionJson(email, created_at), ""}));
  return tx.Commit();
}

Result<std::size_t> SqlStore::PruneSessions(std::int64_t idle_before, std::int64_t created_before) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement del,
      db_.Prepare("DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2"));
  del.Bind(1, idle_before).Bind(2, created_before);
  WAYMARK_TRY(del.Run());
  const auto pruned = static_cast<std::size_t>(db_.Changes());
  WAYMARK_TRY(tx.Commit());
  return pruned;
}

// API tokens ---------------------------------------------------------------------------------

// The token's creation time is the caller's when given, else the audit entry's.
Result<ApiToken> SqlStore::CreateApiToken(const ApiToken& token, std::string_view token_digest,
                                          const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  ApiToken created = token;
  WAYMARK_ASSIGN_OR_RETURN(created.user_email, UserEmail(db_, token.user_id));
  if (created.created_at.empty()) created.created_at = audit.at;
  created.last_used_at.clear();
  created.revoked_at.clear();
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO api_tokens (token_digest, user_id, name, created_at, expires_on) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.Bind(1, token_digest)
      .Bind(2, created.user_id)
      .Bind(3, created.name)
      .Bind(4, created.created_at)
      .Bind(5, created.expires_on);
  WAYMARK_TRY(insert.Run());
  WAYMARK_ASSIGN_OR_RETURN(created.id, db_.LastInsertRowid());
  WAYMARK_TRY(WriteAudit(
      db_, audit, {std::string(kTokenEntity), std::to_string(created.id), "", TokenJson(created)}));
  WAYMARK_TRY(tx.Commit());
  return created;
}

Result<std::vector<ApiToken>> SqlStore::ListApiTokens(std::string_view user_email) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select,
      db_.Prepare(fmt::format("SELECT {} FROM api_tokens t JOIN users u ON u.id = t.user_id "
                              "WHERE ?1 = '' OR u.email = ?1 ORDER BY t.id DESC",
                              kTokenColumns)));
  select.Bind(1, user_email);
  std::vector<ApiToken> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out.push_back(ReadToken(select, 0));
  }
}

Result<ApiTokenWithUser> SqlStore::FindApiToken(std::string_view token_digest) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement select, db_.Prepare(fmt::format("SELECT {}, {} FROM api_tokens t JOIN users u ON "
                                                "u.id = t.user_id WHERE t.token_digest = ?1",
                                                kTokenColumns, kUserColumns)));
  select.Bind(1, token_digest);
  WAYMARK_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return MakeError(ErrorCode::kNotFound, "no such API token");
  ApiToken token = ReadToken(select, 0);
  WAYMARK_ASSIGN_OR_RETURN(User user, ReadUser(select, kTokenColumnCount));
  return ApiTokenWithUser{std::move(token), std::move(user)};
}

// Touching an unknown token changes nothing and succeeds.
Status SqlStore::TouchApiToken(std::int64_t token_id, std::string_view now) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(Statement update,
                           db_.Prepare("UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2"));
  update.Bind(1, now).Bind(2, token_id);
  WAYMARK_TRY(update.Run());
  return tx.Commit();
}

// The token is revoked as of `audit.at`, which must be set.
Status SqlStore::RevokeApiToken(std::int64_t token_id, const AuditEntry& audit) {
  if (audit.at.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "revoking a token needs the time (audit.at)");
  }
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_ASSIGN_OR_RETURN(std::optional<ApiToken> token, ReadTokenById(db_, token_id));
  if (!token) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no API token with id {}", token_id));
  }
  if (!token->revoked_at.empty()) return {};
  ApiToken revoked = *token;
  revoked.revoked_at = audit.at;
  WAYMARK_ASSIGN_OR_RETURN(Statement update,
                           db_.Prepare("UPDATE api_tokens SET revoked_at = ?1 WHERE id = ?2"));
  update.Bind(1, revoked.revoked_at).Bind(2, token_id);
  WAYMARK_TRY(update.Run());
  WAYMARK_TRY(WriteAudit(db_, audit,
                         {std::string(kTokenEntity), std::to_string(token_id), TokenJson(*token),
                          TokenJson(revoked)}));
  return tx.Commit();
}

}  // namespace waymark::store
