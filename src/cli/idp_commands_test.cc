// Tests of `waymark idp ...` and `waymark user review`: providers added with their secret
// sealed by the site's key, refused with a clear message (and nothing changed) for bad input,
// listed, switched off and on; password sign-in switched off; provisioned users reviewed.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cli/account_test_fixture.h"
#include "core/secrets.h"
#include "store/sql_store.h"

namespace waymark::cli::testing {
namespace {

const std::string kKey(64, 'b');

CliEnv KeyEnv(std::string key) {
  CliEnv env;
  env.secret_key = std::move(key);
  return env;
}

class IdpCommandsTest : public AccountTest {
 protected:
  void SetUp() override {
    AccountTest::SetUp();
    std::ofstream(secret_file_) << "the-client-secret\n";
  }
  CliOutput Idp(std::vector<std::string> args, const CliEnv& env = KeyEnv(kKey)) {
    args.insert(args.begin(), "idp");
    return RunCli(db_, std::move(args), clock_, "", env);
  }
  std::vector<std::string> AddArgs(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"add",
                                     "barnet-entra",
                                     "--issuer",
                                     "https://login.microsoftonline.com/t/v2.0",
                                     "--client-id",
                                     "waymark-client",
                                     "--client-secret-file",
                                     secret_file_};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  std::string secret_file_ = dir_.File("secret.txt");
};

TEST_F(IdpCommandsTest, AddsAProviderWithItsSecretSealed) {
  const CliOutput r = Idp(AddArgs({"--org", "barnet-council", "--email-domain", "Barnet.gov.uk",
                                   "--email-domain", "barnet.gov.uk", "--provision"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("/sign-in/oidc/barnet-entra/callback"), std::string::npos) << r.out;
  auto store = OpenStore();
  const IdentityProvider p = store->FindIdentityProvider("barnet-entra").value();
  EXPECT_EQ(p.issuer, "https://login.microsoftonline.com/t/v2.0");
  EXPECT_EQ(p.client_id, "waymark-client");
  EXPECT_EQ(p.organisation, "barnet-council");
  EXPECT_EQ(p.email_domains, std::vector<std::string>{"barnet.gov.uk"});
  EXPECT_TRUE(p.provision);
  EXPECT_EQ(p.scopes, "openid email profile");
  EXPECT_EQ(p.sealed_secret.find("the-client-secret"), std::string::npos);
  EXPECT_EQ(OpenSecret(ParseSecretKey(kKey).value(), p.sealed_secret).value(), "the-client-secret");
  const std::string audit = Waymark({"audit", "list", "--format", "csv"}).out;
  EXPECT_NE(audit.find("idp.add"), std::string::npos);
  EXPECT_EQ(audit.find("sb1:"), std::string::npos);
  EXPECT_EQ(audit.find("the-client-secret"), std::string::npos);

  const CliOutput list = Idp({"list"});
  EXPECT_NE(list.out.find("barnet-entra"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("enabled"), std::string::npos);
  EXPECT_EQ(list.out.find("the-client-secret"), std::string::npos);
}

TEST_F(IdpCommandsTest, TheKeyMayComeFromAFile) {
  const std::string key_file = dir_.File("key.txt");
  std::ofstream(key_file) << kKey << "\n";
  const CliOutput r = Idp(AddArgs(), {.secret_key = "", .secret_key_file = key_file});
  ASSERT_EQ(r.code, 0) << r.err;
}

TEST_F(IdpCommandsTest, BadInputIsRefusedAndChangesNothing) {
  const std::string before = State();
  struct Case {
    std::vector<std::string> args;
    CliEnv env;
    std::string message;
  };
  const std::vector<Case> cases = {
      {AddArgs(), {}, "set WAYMARK_SECRET_KEY"},
      {AddArgs(), KeyEnv("abc"), "WAYMARK_SECRET_KEY: the secret key must be 64"},
      {{"add", "Bad Name", "--issuer", "https://x.example", "--client-id", "c",
        "--client-secret-file", secret_file_},
       KeyEnv(kKey),
       "name: 'Bad Name'"},
      {{"add", "p", "--issuer", "http://idp.example", "--client-id", "c", "--client-secret-file",
        secret_file_},
       KeyEnv(kKey),
       "must use https://"},
      {AddArgs({"--org", "nobody"}), KeyEnv(kKey), "--org: no organisation 'nobody'"},
      {AddArgs({"--provision"}), KeyEnv(kKey), "--provision: needs --org"},
      {AddArgs({"--email-domain", "not a domain"}), KeyEnv(kKey), "email-domain:"},
      {AddArgs({"--scopes", "email"}), KeyEnv(kKey), "scopes: must include 'openid'"},
      {{"add", "p", "--issuer", "https://x.example", "--client-id", "c", "--client-secret-file",
        dir_.File("missing.txt")},
       KeyEnv(kKey),
       "missing.txt"},
  };
  for (const Case& c : cases) {
    const CliOutput r = Idp(c.args, c.env);
    EXPECT_EQ(r.code, 1) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  std::ofstream(secret_file_) << "\n";
  const CliOutput empty = Idp(AddArgs());
  EXPECT_NE(empty.err.find("must hold the secret on its first line"), std::string::npos)
      << empty.err;
  EXPECT_EQ(State(), before);
  EXPECT_TRUE(OpenStore()->ListIdentityProviders()->empty());
}

TEST_F(IdpCommandsTest, ANameIsTakenOnce) {
  ASSERT_EQ(Idp(AddArgs()).code, 0);
  const CliOutput again = Idp(AddArgs());
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("exists already"), std::string::npos) << again.err;
}

TEST_F(IdpCommandsTest, DisableAndEnable) {
  ASSERT_EQ(Idp(AddArgs()).code, 0);
  EXPECT_EQ(Idp({"disable", "barnet-entra"}).code, 0);
  EXPECT_TRUE(OpenStore()->FindIdentityProvider("barnet-entra")->disabled);
  EXPECT_NE(Idp({"disable", "barnet-entra"}).out.find("disabled already"), std::string::npos);
  EXPECT_NE(Idp({"list"}).out.find("disabled"), std::string::npos);
  EXPECT_EQ(Idp({"enable", "barnet-entra"}).code, 0);
  EXPECT_FALSE(OpenStore()->FindIdentityProvider("barnet-entra")->disabled);
  const CliOutput none = Idp({"disable", "nhs"});
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("no identity provider named nhs"), std::string::npos);
  const std::string audit = Waymark({"audit", "list", "--format", "csv"}).out;
  EXPECT_NE(audit.find("idp.disable"), std::string::npos);
  EXPECT_NE(audit.find("idp.enable"), std::string::npos);
}

TEST_F(IdpCommandsTest, KeyPrintsANewUsableKey) {
  const CliOutput r = Idp({"key"}, {});
  ASSERT_EQ(r.code, 0);
  EXPECT_TRUE(ParseSecretKey(r.out).has_value()) << r.out;
}

TEST_F(IdpCommandsTest, LocalSignInIsSwitchedPerOrganisationOrForEveryone) {
  ASSERT_EQ(Idp({"local-sign-in", "off", "--org", "barnet-council"}).code, 0);
  EXPECT_EQ(OpenStore()->GetSetting("local-sign-in:barnet-council").value(), "off");
  ASSERT_EQ(Idp({"local-sign-in", "off"}).code, 0);
  EXPECT_EQ(OpenStore()->GetSetting("local-sign-in").value(), "off");
  ASSERT_EQ(Idp({"local-sign-in", "on"}).code, 0);
  EXPECT_EQ(OpenStore()->GetSetting("local-sign-in").value(), "on");
  const CliOutput bad = Idp({"local-sign-in", "off", "--org", "nobody"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(Idp({"local-sign-in", "maybe"}).code, 0);
}

TEST_F(IdpCommandsTest, ReviewClearsTheMarkOfAProvisionedUser) {
  AddUser("new@barnet.gov.uk", "partner");
  auto store = store::OpenStore(db_, store::OpenMode::kReadWrite);
  ASSERT_TRUE(store.has_value());
  ASSERT_TRUE(static_cast<store::SqlStore&>(**store).db().Exec(
      "UPDATE users SET awaiting_review = 'barnet-entra'"));
  store->reset();
  EXPECT_NE(Waymark({"user", "list"}).out.find("enabled, awaiting review (barnet-entra)"),
            std::string::npos);
  const CliOutput r = Waymark({"user", "review", "new@barnet.gov.uk"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("reviewed user new@barnet.gov.uk"), std::string::npos) << r.out;
  EXPECT_EQ(Waymark({"user", "list"}).out.find("awaiting review"), std::string::npos);
  EXPECT_NE(Waymark({"user", "review", "new@barnet.gov.uk"}).out.find("not awaiting review"),
            std::string::npos);
}

}  // namespace
}  // namespace waymark::cli::testing
