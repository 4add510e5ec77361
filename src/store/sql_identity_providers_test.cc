// Tests of identity providers in the store: added, listed, found, switched off and on
// with audit entries that never hold the sealed secret; started sign-ins used once and
// pruned; users created by a provider awaiting review.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/fresh_store_fixture.h"

namespace waymark::store {
namespace {

AuditEntry OsAdminAudit(std::string at, std::string action) {
  AuditEntry entry;
  entry.at = std::move(at);
  entry.actor = "os:admin";
  entry.via = "test";
  entry.action = std::move(action);
  return entry;
}

IdentityProvider Entra() {
  IdentityProvider p;
  p.name = "barnet-entra";
  p.issuer = "https://login.microsoftonline.com/tenant/v2.0";
  p.client_id = "client-1";
  p.sealed_secret = "sb1:00112233";
  p.organisation = "lbb";
  p.email_domains = {"barnet.gov.uk", "barnet.nhs.uk"};
  p.provision = true;
  return p;
}

class StoreIdentityProvidersTest : public FreshStoreTest {
 protected:
  AuditEntry LastAudit() {
    AuditFilter newest;
    newest.limit = 1;
    auto entries = store_->ListAudit(newest);
    return entries && !entries->empty() ? entries->front() : AuditEntry{};
  }
  std::int64_t Count(const char* table) {
    return *db().QueryInt(std::string("SELECT count(*) FROM ") + table);
  }
};

TEST_F(StoreIdentityProvidersTest, AddedProvidersRoundTripAndAreAuditedWithoutTheSecret) {
  auto added =
      store_->AddIdentityProvider(Entra(), OsAdminAudit("2026-12-04T10:00:00Z", "idp.add"));
  ASSERT_TRUE(added.has_value()) << added.error().ToString();
  EXPECT_EQ(added->created_at, "2026-12-04T10:00:00Z");
  IdentityProvider expected = Entra();
  expected.created_at = "2026-12-04T10:00:00Z";
  EXPECT_EQ(store_->FindIdentityProvider("barnet-entra").value(), expected);
  ASSERT_EQ(store_->ListIdentityProviders()->size(), 1u);
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "idp.add");
  EXPECT_EQ(entry.entity, "identity-provider");
  EXPECT_EQ(entry.entity_id, "barnet-entra");
  EXPECT_EQ(entry.after.find("sb1:"), std::string::npos) << entry.after;
  EXPECT_EQ(nlohmann::json::parse(entry.after)["email_domains"][1], "barnet.nhs.uk");

  const auto again =
      store_->AddIdentityProvider(Entra(), OsAdminAudit("2026-12-04T10:01:00Z", "idp.add"));
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(store_->FindIdentityProvider("nhs").error().code, ErrorCode::kNotFound);
}

TEST_F(StoreIdentityProvidersTest, DisablingIsAuditedOnlyWhenItChanges) {
  ASSERT_TRUE(
      store_->AddIdentityProvider(Entra(), OsAdminAudit("2026-12-04T10:00:00Z", "idp.add")));
  auto off = store_->SetIdentityProviderDisabled(
      "barnet-entra", true, OsAdminAudit("2026-12-04T11:00:00Z", "idp.disable"));
  ASSERT_TRUE(off.has_value());
  EXPECT_TRUE(off->disabled);
  EXPECT_TRUE(store_->FindIdentityProvider("barnet-entra")->disabled);
  EXPECT_EQ(LastAudit().action, "idp.disable");
  const std::int64_t audits = Count("audit_log");
  ASSERT_TRUE(store_->SetIdentityProviderDisabled(
      "barnet-entra", true, OsAdminAudit("2026-12-04T11:01:00Z", "idp.disable")));
  EXPECT_EQ(Count("audit_log"), audits);
  ASSERT_TRUE(store_->SetIdentityProviderDisabled(
      "barnet-entra", false, OsAdminAudit("2026-12-04T11:02:00Z", "idp.enable")));
  EXPECT_FALSE(store_->FindIdentityProvider("barnet-entra")->disabled);
  EXPECT_EQ(store_->SetIdentityProviderDisabled("none", true, OsAdminAudit("x", "idp.disable"))
                .error()
                .code,
            ErrorCode::kNotFound);
}

OidcLogin Login(std::string state, std::int64_t at) {
  return OidcLogin{std::move(state), "barnet-entra", "browser", "nonce-1",
                   "verifier-1",     "/cycles",      at};
}

TEST_F(StoreIdentityProvidersTest, AStartedSignInIsTakenOnce) {
  ASSERT_TRUE(store_->BeginOidcLogin(Login("s1", 1000), 400));
  auto taken = store_->TakeOidcLogin("s1");
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->provider, "barnet-entra");
  EXPECT_EQ(taken->nonce, "nonce-1");
  EXPECT_EQ(taken->code_verifier, "verifier-1");
  EXPECT_EQ(taken->next, "/cycles");
  EXPECT_EQ(taken->created_at, 1000);
  EXPECT_EQ(store_->TakeOidcLogin("s1").error().code, ErrorCode::kNotFound);  // replayed
  EXPECT_EQ(Count("audit_log"), 0);
}

TEST_F(StoreIdentityProvidersTest, StartingASignInPrunesExpiredOnes) {
  ASSERT_TRUE(store_->BeginOidcLogin(Login("old", 1000), 0));
  ASSERT_TRUE(store_->BeginOidcLogin(Login("edge", 1600), 0));
  ASSERT_TRUE(store_->BeginOidcLogin(Login("new", 2200), 1600));  // keeps created_at >= 1600
  EXPECT_EQ(Count("oidc_logins"), 2);
  EXPECT_EQ(store_->TakeOidcLogin("old").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->TakeOidcLogin("edge").has_value());
}

TEST_F(StoreIdentityProvidersTest, ProvisionedUsersAwaitReviewWithoutLosingTheirSessions) {
  User user;
  user.email = "new@barnet.gov.uk";
  user.name = "Nadia New";
  user.organisation = "lbb";
  user.awaiting_review = "barnet-entra";
  auto created =
      store_->CreateUser(user, "", OsAdminAudit("2026-12-04T10:00:00Z", "user.provision"));
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(store_->FindUser("new@barnet.gov.uk")->user.awaiting_review, "barnet-entra");
  EXPECT_EQ(nlohmann::json::parse(LastAudit().after)["awaiting_review"], "barnet-entra");
  ASSERT_TRUE(store_->CreateSession(Session{"d1", created->id, 1, 1},
                                    OsAdminAudit("2026-12-04T10:00:01Z", "session.create")));
  UserUpdate reviewed;
  reviewed.reviewed = true;
  auto after = store_->UpdateUser("new@barnet.gov.uk", reviewed,
                                  OsAdminAudit("2026-12-04T12:00:00Z", "user.review"));
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->awaiting_review, "");
  EXPECT_EQ(store_->FindUser("new@barnet.gov.uk")->user.awaiting_review, "");
  EXPECT_EQ(Count("sessions"), 1);  // a review is not a change of access
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "user.review");
  EXPECT_TRUE(nlohmann::json::parse(entry.before).contains("awaiting_review"));
  EXPECT_FALSE(nlohmann::json::parse(entry.after).contains("awaiting_review"));
  // Reviewing again changes nothing and writes nothing.
  const std::int64_t audits = Count("audit_log");
  ASSERT_TRUE(store_->UpdateUser("new@barnet.gov.uk", reviewed,
                                 OsAdminAudit("2026-12-04T12:01:00Z", "user.review")));
  EXPECT_EQ(Count("audit_log"), audits);
}

}  // namespace
}  // namespace waymark::store
