// Tests of accounts in the store: users, sessions, API tokens, settings, organisations
// and the append-only audit log that records every change without secrets; and the migration
// of a schema 7 database to schema 8.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "store/fresh_store_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

constexpr std::string_view kHash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g";
constexpr std::string_view kNewHash = "$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3aGFzaA";

AuditEntry Audit(std::string at, std::string action, std::string actor = "admin@example.org") {
  AuditEntry entry;
  entry.at = std::move(at);
  entry.actor = std::move(actor);
  entry.via = "test";
  entry.action = std::move(action);
  return entry;
}

User NewUser(std::string email, Role role = Role::kPartner) {
  User user;
  user.email = std::move(email);
  user.name = "Ada Lovelace";
  user.organisation = "fs";
  user.role = role;
  return user;
}

nlohmann::json Json(const std::string& text) { return nlohmann::json::parse(text); }

void ExpectNoSecrets(const AuditEntry& entry) {
  for (const std::string* text : {&entry.before, &entry.after}) {
    EXPECT_EQ(text->find("password_hash"), std::string::npos) << *text;
    EXPECT_EQ(text->find("$argon2"), std::string::npos) << *text;
    EXPECT_EQ(text->find("digest"), std::string::npos) << *text;
  }
}

class StoreAccountsTest : public FreshStoreTest {
 protected:
  User AddUser(const std::string& email, Role role = Role::kPartner) {
    auto user = store_->CreateUser(NewUser(email, role), kHash,
                                   Audit("2026-12-01T09:00:00Z", "user.create"));
    EXPECT_TRUE(user.has_value()) << user.error().ToString();
    return user.value_or(User{});
  }
  void AddSession(const std::string& digest, std::int64_t user_id, std::int64_t created,
                  std::int64_t seen) {
    ASSERT_TRUE(store_->CreateSession(Session{digest, user_id, created, seen},
                                      Audit("2026-12-01T09:30:00Z", "session.create")));
  }
  std::int64_t AuditCount() { return *db().QueryInt("SELECT count(*) FROM audit_log"); }
  std::int64_t SessionCount() { return *db().QueryInt("SELECT count(*) FROM sessions"); }
  AuditEntry LastAudit() {
    AuditFilter newest;
    newest.limit = 1;
    auto entries = store_->ListAudit(newest);
    EXPECT_TRUE(entries.has_value() && entries->size() == 1);
    return entries && !entries->empty() ? entries->front() : AuditEntry{};
  }
};

TEST_F(StoreAccountsTest, UsersAreCreatedFoundAndListed) {
  const User ada = AddUser("ada@example.org", Role::kAdmin);
  EXPECT_GT(ada.id, 0);
  EXPECT_EQ(ada.created_at, "2026-12-01T09:00:00Z");
  AddUser("bob@example.org");

  auto found = store_->FindUser("ada@example.org");
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  EXPECT_EQ(found->user, ada);
  EXPECT_EQ(found->password_hash, kHash);

  auto users = store_->ListUsers();
  ASSERT_TRUE(users.has_value());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].email, "ada@example.org");
  EXPECT_EQ((*users)[1].email, "bob@example.org");
  EXPECT_EQ((*users)[1].role, Role::kPartner);

  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "user.create");
  EXPECT_EQ(entry.entity, "user");
  EXPECT_EQ(entry.entity_id, "bob@example.org");
  EXPECT_EQ(entry.before, "");
  EXPECT_EQ(Json(entry.after), (nlohmann::json{{"email", "bob@example.org"},
                                               {"name", "Ada Lovelace"},
                                               {"organisation", "fs"},
                                               {"role", "partner"},
                                               {"disabled", false},
                                               {"safeguarding", false}}));
  ExpectNoSecrets(entry);
}

TEST_F(StoreAccountsTest, ATakenEmailIsRefusedAndNothingIsWritten) {
  AddUser("ada@example.org");
  const std::int64_t audits = AuditCount();
  User again = NewUser("ada@example.org", Role::kAdmin);
  again.name = "Someone Else";
  auto refused = store_->CreateUser(again, kNewHash, Audit("2026-12-02T00:00:00Z", "user.create"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().message.find("ada@example.org"), std::string::npos);
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM users"), 1);
  EXPECT_EQ(store_->FindUser("ada@example.org")->user.name, "Ada Lovelace");
}

TEST_F(StoreAccountsTest, ChangingRoleDisabledOrPasswordEndsSessionsAndIsAudited) {
  const User ada = AddUser("ada@example.org");
  const User bob = AddUser("bob@example.org");
  AddSession("bob-session", bob.id, 100, 100);

  UserUpdate role;
  role.role = Role::kAnalyst;
  UserUpdate disable;
  disable.disabled = true;
  UserUpdate password;
  password.password_hash = std::string(kNewHash);
  for (const UserUpdate& update : {role, disable, password}) {
    AddSession("ada-session", ada.id, 100, 100);
    ASSERT_EQ(SessionCount(), 2);
    const std::int64_t audits = AuditCount();
    auto updated =
        store_->UpdateUser("ada@example.org", update, Audit("2026-12-03T00:00:00Z", "user.update"));
    ASSERT_TRUE(updated.has_value()) << updated.error().ToString();
    EXPECT_EQ(SessionCount(), 1);  // Bob's session stays
    EXPECT_FALSE(store_->FindSession("ada-session").has_value());
    EXPECT_EQ(AuditCount(), audits + 1);
    const AuditEntry entry = LastAudit();
    EXPECT_EQ(entry.entity, "user");
    EXPECT_EQ(entry.entity_id, "ada@example.org");
    EXPECT_FALSE(entry.before.empty());
    EXPECT_FALSE(entry.after.empty());
    ExpectNoSecrets(entry);
  }
  const AuditEntry last = LastAudit();
  EXPECT_EQ(Json(last.after)["password_changed"], true);
  EXPECT_EQ(Json(last.before).count("password_changed"), 0u);
  EXPECT_EQ(Json(last.after)["role"], "analyst");
  EXPECT_EQ(Json(last.after)["disabled"], true);

  auto stored = store_->FindUser("ada@example.org");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->user.role, Role::kAnalyst);
  EXPECT_TRUE(stored->user.disabled);
  EXPECT_EQ(stored->password_hash, kNewHash);
  EXPECT_EQ(store_->FindUser("bob@example.org")->password_hash, kHash);
}

TEST_F(StoreAccountsTest, AnUpdateThatChangesNothingWritesNothing) {
  const User ada = AddUser("ada@example.org", Role::kAnalyst);
  AddSession("ada-session", ada.id, 100, 100);
  const std::int64_t audits = AuditCount();
  UserUpdate same;
  same.role = Role::kAnalyst;
  same.disabled = false;
  same.password_hash = std::string(kHash);
  for (const UserUpdate& update : {same, UserUpdate{}}) {
    auto updated =
        store_->UpdateUser("ada@example.org", update, Audit("2026-12-03T00:00:00Z", "user.update"));
    ASSERT_TRUE(updated.has_value()) << updated.error().ToString();
    EXPECT_EQ(*updated, ada);
  }
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(SessionCount(), 1);
}

TEST_F(StoreAccountsTest, AnUnknownUserIsNotFound) {
  EXPECT_EQ(store_->FindUser("nobody@example.org").error().code, ErrorCode::kNotFound);
  UserUpdate update;
  update.disabled = true;
  auto updated = store_->UpdateUser("nobody@example.org", update,
                                    Audit("2026-12-03T00:00:00Z", "user.update"));
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AuditCount(), 0);
  auto session = store_->CreateSession(Session{"d", 42, 1, 1},
                                       Audit("2026-12-03T00:00:00Z", "session.create"));
  ASSERT_FALSE(session.has_value());
  EXPECT_EQ(session.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(SessionCount(), 0);
}

TEST_F(StoreAccountsTest, SessionsAreCreatedFoundTouchedAndEnded) {
  const User ada = AddUser("ada@example.org", Role::kBoard);
  AddSession("digest-1", ada.id, 1000, 1000);
  const AuditEntry created = LastAudit();
  EXPECT_EQ(created.entity, "session");
  EXPECT_EQ(created.entity_id, "ada@example.org");
  EXPECT_EQ(Json(created.after),
            (nlohmann::json{{"user", "ada@example.org"}, {"created_at", 1000}}));
  EXPECT_EQ(created.after.find("digest-1"), std::string::npos);

  auto found = store_->FindSession("digest-1");
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  EXPECT_EQ(found->session.user_id, ada.id);
  EXPECT_EQ(found->session.created_at, 1000);
  EXPECT_EQ(found->user, ada);
  EXPECT_EQ(store_->FindSession("digest-2").error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(store_->TouchSession("digest-1", 1500));
  EXPECT_EQ(store_->FindSession("digest-1")->session.last_seen_at, 1500);
  EXPECT_EQ(store_->FindSession("digest-1")->session.created_at, 1000);

  const std::int64_t audits = AuditCount();
  ASSERT_TRUE(store_->EndSession("digest-2", Audit("2026-12-04T00:00:00Z", "session.end")));
  EXPECT_EQ(AuditCount(), audits);
  ASSERT_TRUE(store_->EndSession("digest-1", Audit("2026-12-04T00:00:00Z", "session.end")));
  EXPECT_EQ(AuditCount(), audits + 1);
  EXPECT_EQ(store_->FindSession("digest-1").error().code, ErrorCode::kNotFound);
  const AuditEntry ended = LastAudit();
  EXPECT_EQ(ended.action, "session.end");
  EXPECT_EQ(ended.entity_id, "ada@example.org");
  EXPECT_EQ(Json(ended.before)["created_at"], 1000);
  EXPECT_EQ(ended.after, "");
}

TEST_F(StoreAccountsTest, PruningDeletesSessionsPastEitherCutOffOnly) {
  const User ada = AddUser("ada@example.org");
  AddSession("fresh", ada.id, 100, 500);      // kept
  AddSession("idle", ada.id, 300, 399);       // idle since before 400: pruned
  AddSession("old", ada.id, 59, 1000);        // created before 60: pruned
  AddSession("on-the-cut", ada.id, 60, 400);  // exactly at both cut-offs: kept
  const std::int64_t audits = AuditCount();
  auto pruned = store_->PruneSessions(400, 60);
  ASSERT_TRUE(pruned.has_value()) << pruned.error().ToString();
  EXPECT_EQ(*pruned, 2u);
  EXPECT_TRUE(store_->FindSession("fresh").has_value());
  EXPECT_TRUE(store_->FindSession("on-the-cut").has_value());
  EXPECT_FALSE(store_->FindSession("idle").has_value());
  EXPECT_FALSE(store_->FindSession("old").has_value());
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(*store_->PruneSessions(400, 60), 0u);
}

TEST_F(StoreAccountsTest, TokensAreCreatedListedFoundAndRevokedOnce) {
  const User ada = AddUser("ada@example.org", Role::kAnalyst);
  const User bob = AddUser("bob@example.org");
  ApiToken wanted;
  wanted.user_id = ada.id;
  wanted.name = "nightly import";
  wanted.expires_on = "2027-03-31";
  auto first = store_->CreateApiToken(wanted, "token-digest-1",
                                      Audit("2026-12-05T00:00:00Z", "token.create"));
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_GT(first->id, 0);
  EXPECT_EQ(first->user_email, "ada@example.org");
  EXPECT_EQ(first->created_at, "2026-12-05T00:00:00Z");
  const AuditEntry created = LastAudit();
  EXPECT_EQ(created.entity, "token");
  EXPECT_EQ(created.entity_id, std::to_string(first->id));
  EXPECT_EQ(Json(created.after), (nlohmann::json{{"id", first->id},
                                                 {"user", "ada@example.org"},
                                                 {"name", "nightly import"},
                                                 {"expires_on", "2027-03-31"},
                                                 {"revoked_at", ""}}));
  EXPECT_EQ(created.after.find("token-digest-1"), std::string::npos);
  wanted.user_id = bob.id;
  wanted.name = "bob's";
  auto second = store_->CreateApiToken(wanted, "token-digest-2",
                                       Audit("2026-12-05T01:00:00Z", "token.create"));
  ASSERT_TRUE(second.has_value());
  wanted.user_id = 999;
  EXPECT_EQ(
      store_
          ->CreateApiToken(wanted, "token-digest-3", Audit("2026-12-05T01:00:00Z", "token.create"))
          .error()
          .code,
      ErrorCode::kNotFound);

  auto all = store_->ListApiTokens("");
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, second->id);  // newest first
  EXPECT_EQ((*all)[0].user_email, "bob@example.org");
  EXPECT_EQ((*all)[1].id, first->id);
  auto adas = store_->ListApiTokens("ada@example.org");
  ASSERT_EQ(adas->size(), 1u);
  EXPECT_EQ((*adas)[0].name, "nightly import");
  EXPECT_TRUE(store_->ListApiTokens("nobody@example.org")->empty());

  ASSERT_TRUE(store_->TouchApiToken(first->id, "2026-12-06T00:00:00Z"));
  auto found = store_->FindApiToken("token-digest-1");
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  EXPECT_EQ(found->token.last_used_at, "2026-12-06T00:00:00Z");
  EXPECT_EQ(found->user, ada);
  EXPECT_EQ(store_->FindApiToken("token-digest-9").error().code, ErrorCode::kNotFound);

  const std::int64_t audits = AuditCount();
  ASSERT_TRUE(store_->RevokeApiToken(first->id, Audit("2026-12-07T00:00:00Z", "token.revoke")));
  EXPECT_EQ(AuditCount(), audits + 1);
  const AuditEntry revoked = LastAudit();
  EXPECT_EQ(Json(revoked.before)["revoked_at"], "");
  EXPECT_EQ(Json(revoked.after)["revoked_at"], "2026-12-07T00:00:00Z");
  ASSERT_TRUE(store_->RevokeApiToken(first->id, Audit("2026-12-08T00:00:00Z", "token.revoke")));
  EXPECT_EQ(AuditCount(), audits + 1);
  found = store_->FindApiToken("token-digest-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->token.revoked_at, "2026-12-07T00:00:00Z");
  EXPECT_EQ(
      store_->RevokeApiToken(12345, Audit("2026-12-08T00:00:00Z", "token.revoke")).error().code,
      ErrorCode::kNotFound);
}

TEST_F(StoreAccountsTest, TheAuditLogIsAppendOnly) {
  AuditEntry entry = Audit("2026-12-01T10:00:00Z", "plan.import");
  entry.entity = "plan";
  entry.entity_id = "barnet-2019-23";
  entry.after = R"({"revision":1})";
  ASSERT_TRUE(store_->AppendAudit(entry));
  for (const char* sql : {"UPDATE audit_log SET actor = 'intruder'", "DELETE FROM audit_log"}) {
    auto changed = db().Exec(sql);
    ASSERT_FALSE(changed.has_value()) << sql;
    EXPECT_NE(changed.error().message.find("append-only"), std::string::npos)
        << changed.error().message;
  }
  auto entries = store_->ListAudit({});
  ASSERT_TRUE(entries.has_value());
  ASSERT_EQ(entries->size(), 1u);
  const AuditEntry& stored = (*entries)[0];
  EXPECT_EQ(stored.actor, "admin@example.org");
  EXPECT_EQ(stored.entity, "plan");
  EXPECT_EQ(stored.entity_id, "barnet-2019-23");
  EXPECT_EQ(stored.after, entry.after);
  EXPECT_EQ(stored.at, entry.at);
}

TEST_F(StoreAccountsTest, ListAuditFiltersAndGivesTheNewestFirst) {
  struct Row {
    const char* at;
    const char* actor;
    const char* entity;
    const char* action;
  };
  for (const Row& row : {Row{"2026-11-30T23:59:59Z", "ana@example.org", "user", "user.create"},
                         Row{"2026-12-01T10:00:00Z", "os:bob", "plan", "plan.import"},
                         Row{"2026-12-02T00:00:00Z", "ana@example.org", "user", "user.update"}}) {
    AuditEntry entry = Audit(row.at, row.action, row.actor);
    entry.entity = row.entity;
    ASSERT_TRUE(store_->AppendAudit(entry));
  }
  // The actions of the entries a filter set up by `set` lists.
  auto actions = [&](void (*set)(AuditFilter&)) {
    AuditFilter filter;
    set(filter);
    const auto entries = store_->ListAudit(filter);
    EXPECT_TRUE(entries.has_value()) << entries.error().ToString();
    std::vector<std::string> out;
    for (const AuditEntry& e : entries.value_or(std::vector<AuditEntry>{})) {
      out.push_back(e.action);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(actions([](AuditFilter&) {}), (V{"user.update", "plan.import", "user.create"}));
  EXPECT_EQ(actions([](AuditFilter& f) { f.since = "2026-12-01"; }),
            (V{"user.update", "plan.import"}));
  EXPECT_EQ(actions([](AuditFilter& f) { f.since = "2026-12-01T10:00:00Z"; }),
            (V{"user.update", "plan.import"}));
  EXPECT_EQ(actions([](AuditFilter& f) { f.since = "2026-12-03"; }), V{});
  EXPECT_EQ(actions([](AuditFilter& f) { f.actor = "ana@example.org"; }),
            (V{"user.update", "user.create"}));
  EXPECT_EQ(actions([](AuditFilter& f) { f.entity = "plan"; }), V{"plan.import"});
  EXPECT_EQ(actions([](AuditFilter& f) { f.action = "user.create"; }), V{"user.create"});
  EXPECT_EQ(actions([](AuditFilter& f) {
              f.since = "2026-12-01";
              f.actor = "ana@example.org";
            }),
            V{"user.update"});
  EXPECT_EQ(actions([](AuditFilter& f) { f.limit = 2; }), (V{"user.update", "plan.import"}));
  EXPECT_EQ(actions([](AuditFilter& f) { f.actor = "x' OR '1'='1"; }), V{});
}

TEST_F(StoreAccountsTest, SettingsAreSetOverwrittenAndAudited) {
  EXPECT_EQ(store_->GetSetting("demo").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->SetSetting("demo", "true", Audit("2026-12-01T00:00:00Z", "setting.set")));
  EXPECT_EQ(*store_->GetSetting("demo"), "true");
  AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.entity, "setting");
  EXPECT_EQ(entry.entity_id, "demo");
  EXPECT_EQ(entry.before, "");
  EXPECT_EQ(Json(entry.after), (nlohmann::json{{"key", "demo"}, {"value", "true"}}));

  ASSERT_TRUE(store_->SetSetting("demo", "false", Audit("2026-12-02T00:00:00Z", "setting.set")));
  EXPECT_EQ(*store_->GetSetting("demo"), "false");
  entry = LastAudit();
  EXPECT_EQ(Json(entry.before)["value"], "true");
  EXPECT_EQ(Json(entry.after)["value"], "false");

  const std::int64_t audits = AuditCount();
  ASSERT_TRUE(store_->SetSetting("demo", "false", Audit("2026-12-03T00:00:00Z", "setting.set")));
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(store_->SetSetting("", "x", Audit("2026-12-03T00:00:00Z", "setting.set")).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(StoreAccountsTest, AtomicallyKeepsAChangeWithItsAuditEntryOrNeither) {
  const std::int64_t audits = AuditCount();
  AuditEntry imported = Audit("2026-12-04T00:00:00Z", "data.import");
  imported.entity = "data";
  // Both writes kept together.
  ASSERT_TRUE(store_->Atomically([&]() -> Status {
    WAYMARK_TRY(store_->SetSetting("demo", "true", Audit("2026-12-04T00:00:00Z", "setting.set")));
    return store_->AppendAudit(imported);
  }));
  EXPECT_EQ(*store_->GetSetting("demo"), "true");
  EXPECT_EQ(AuditCount(), audits + 2);

  // A failure after the first write undoes it: neither is kept.
  const Status failed = store_->Atomically([&]() -> Status {
    WAYMARK_TRY(store_->SetSetting("demo", "false", Audit("2026-12-05T00:00:00Z", "setting.set")));
    return MakeError(ErrorCode::kIo, "the audit entry could not be written");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().message, "the audit entry could not be written");
  EXPECT_EQ(*store_->GetSetting("demo"), "true");
  EXPECT_EQ(AuditCount(), audits + 2);

  // A write that fails inside undoes only its own part; the rest of the change is kept.
  ASSERT_TRUE(store_->Atomically([&]() -> Status {
    EXPECT_FALSE(store_->SetSetting("", "x", Audit("2026-12-06T00:00:00Z", "setting.set")));
    WAYMARK_TRY(store_->SetSetting("demo", "false", Audit("2026-12-06T00:00:00Z", "setting.set")));
    // Nested: a change run atomically inside another joins it.
    return store_->Atomically([&] { return store_->AppendAudit(imported); });
  }));
  EXPECT_EQ(*store_->GetSetting("demo"), "false");
  EXPECT_EQ(AuditCount(), audits + 4);
  // The connection is out of every transaction afterwards: a plain write commits at once.
  ASSERT_TRUE(store_->AppendAudit(imported));
  EXPECT_EQ(AuditCount(), audits + 5);
}

Plan SmallPlan(std::string id, std::vector<Partner> partners) {
  Plan plan;
  plan.id = std::move(id);
  plan.title = "Plan " + plan.id;
  plan.organisation = "Council";
  plan.start = {2024, 4, 1};
  plan.end = {2027, 3, 31};
  plan.status = "published";
  plan.partners = std::move(partners);
  return plan;
}

TEST_F(StoreAccountsTest, OrganisationsAreThePartnersOfEveryPlanNamedByTheLatest) {
  EXPECT_TRUE(store_->ListOrganisations()->empty());
  const Plan newer = SmallPlan("newer", {{"fs", "Family Services Directorate", "council"},
                                         {"police", "Metropolitan Police", "police"}});
  const Plan older =
      SmallPlan("older", {{"fs", "Family Services", "council"}, {"ph", "Public Health", "health"}});
  ASSERT_TRUE(store_->ImportPlan(newer, ImportContext{"analyst", "newer.toml", 1800000000}));
  ASSERT_TRUE(store_->ImportPlan(older, ImportContext{"analyst", "older.toml", 1700000000}));
  auto organisations = store_->ListOrganisations();
  ASSERT_TRUE(organisations.has_value()) << organisations.error().ToString();
  EXPECT_EQ(*organisations, (std::vector<Partner>{{"fs", "Family Services Directorate", "council"},
                                                  {"ph", "Public Health", "health"},
                                                  {"police", "Metropolitan Police", "police"}}));
}

// A database at schema 7 opens, is migrated to 8 and keeps what it held.
TEST(SqliteAccountsMigrationTest, ASchemaSevenDatabaseMigratesKeepingItsData) {
  TempDir dir;
  const std::string path = dir.File("v7.db");
  {
    auto db = SqliteAtVersion(path, kPackedFiguresVersion);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON"));
    ASSERT_TRUE(
        db->Exec("INSERT INTO areas (code, name, type, parent_code, old_code) VALUES "
                 "('E09000003', 'Barnet', 'borough', 'E12000007', '')"));
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  auto areas = store.ListAreas();
  ASSERT_TRUE(areas.has_value());
  ASSERT_EQ(areas->size(), 1u);
  EXPECT_EQ((*areas)[0].name, "Barnet");
  auto user = store.CreateUser(NewUser("ada@example.org"), kHash,
                               Audit("2026-12-01T00:00:00Z", "user.create"));
  ASSERT_TRUE(user.has_value()) << user.error().ToString();
  EXPECT_EQ(store.ListAudit({})->size(), 1u);
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

// Failed sign-ins are kept for every node to count: listed by account or address within the
// window, pruned as new ones come, and forgotten for one account and address after a success.
TEST_F(StoreAccountsTest, FailedSignInsAreKeptPrunedAndForgotten) {
  ASSERT_TRUE(store_->RecordSignInFailure({"a@x.org", "10.0.0.1", 100}, 0).has_value());
  ASSERT_TRUE(store_->RecordSignInFailure({"a@x.org", "10.0.0.2", 200}, 0).has_value());
  ASSERT_TRUE(store_->RecordSignInFailure({"b@x.org", "10.0.0.1", 300}, 0).has_value());
  ASSERT_TRUE(store_->RecordSignInFailure({"c@x.org", "10.0.0.3", 400}, 0).has_value());
  using F = SignInFailure;
  EXPECT_EQ(*store_->RecentSignInFailures("a@x.org", "10.0.0.1", 0),
            (std::vector<F>{{"a@x.org", "10.0.0.1", 100},
                            {"a@x.org", "10.0.0.2", 200},
                            {"b@x.org", "10.0.0.1", 300}}));
  EXPECT_EQ(*store_->RecentSignInFailures("a@x.org", "10.0.0.9", 150),
            (std::vector<F>{{"a@x.org", "10.0.0.2", 200}}));  // on both sides of `since`
  EXPECT_EQ(*store_->RecentSignInFailures("a@x.org", "10.0.0.9", 201), std::vector<F>{});
  // A new failure deletes those before its window.
  ASSERT_TRUE(store_->RecordSignInFailure({"c@x.org", "10.0.0.3", 500}, 300).has_value());
  EXPECT_EQ(*store_->RecentSignInFailures("a@x.org", "10.0.0.1", 0),
            (std::vector<F>{{"b@x.org", "10.0.0.1", 300}}));
  ASSERT_TRUE(store_->ForgetSignInFailures("c@x.org", "10.0.0.3").has_value());
  EXPECT_EQ(*store_->RecentSignInFailures("c@x.org", "10.0.0.3", 0), std::vector<F>{});
  ASSERT_TRUE(store_->ForgetSignInFailures("b@x.org", "10.0.0.2").has_value());  // not its address
  EXPECT_EQ(store_->RecentSignInFailures("b@x.org", "", 0)->size(), 1U);
}

}  // namespace
}  // namespace waymark::store
