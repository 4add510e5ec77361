// End-to-end tests of `waymark user ...` and the --as option: what each command prints, that
// every refused command leaves the database as it was, that passwords appear nowhere, and that
// the partnership cannot lock itself out.
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/account_test_fixture.h"
#include "core/secrets.h"

namespace waymark::cli {
namespace {

using testing::AccountTest;
using ::testing::HasSubstr;
using testing::kPassword;
using ::testing::Not;

class UserCommandsTest : public AccountTest {};

TEST_F(UserCommandsTest, AddThenListAsTextAndCsv) {
  const auto r = Waymark({"user", "add", "Admin@Barnet.Example", "--name", "Ada Admin", "--org",
                          "barnet-council", "--role", "admin"},
                         kPassword + "\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "added user admin@barnet.example (admin, barnet-council)\n");
  AddUser("ph@partners.example", "partner", "public-health", "Pat Partner");

  const auto text = Waymark({"user", "list"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("email                 name         organisation    role     "
                                  "status   created\n"));
  EXPECT_THAT(text.out, HasSubstr("admin@barnet.example  Ada Admin    barnet-council  admin    "
                                  "enabled  2026-11-22T20:15:00Z\n"));
  const auto csv = Waymark({"user", "list", "--format", "csv"});
  EXPECT_EQ(csv.out,
            "email,name,organisation,role,status,created_at,awaiting_review\n"
            "admin@barnet.example,Ada Admin,barnet-council,admin,enabled,2026-11-22T20:15:00Z,\n"
            "ph@partners.example,Pat Partner,public-health,partner,enabled,"
            "2026-11-22T20:15:00Z,\n");
}

TEST_F(UserCommandsTest, PasswordIsTheFirstLineWithoutItsLineEnding) {
  ASSERT_EQ(Waymark({"user", "add", "a@barnet.example", "--name", "A", "--org", "barnet-council",
                     "--role", "analyst"},
                    kPassword + "\r\nsecond line\n")
                .code,
            0);
  const auto stored = OpenStore()->FindUser("a@barnet.example");
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(VerifyPassword(stored->password_hash, kPassword));
  EXPECT_FALSE(VerifyPassword(stored->password_hash, kPassword + "\r"));
}

TEST_F(UserCommandsTest, RefusedAddsChangeNothing) {
  AddUser("admin@barnet.example", "admin");
  const std::string before = State();
  struct Case {
    std::vector<std::string> args;
    std::string input;
    std::string message;
  };
  const std::vector<std::string> ok = {"new@barnet.example", "--name", "N",      "--org",
                                       "barnet-council",     "--role", "analyst"};
  auto with = [&ok](std::size_t at, const std::string& value) {
    std::vector<std::string> args = {"user", "add"};
    args.insert(args.end(), ok.begin(), ok.end());
    args[at + 2] = value;
    return args;
  };
  const std::vector<Case> cases = {
      {with(0, "not-an-email"), kPassword, "waymark: email: must be one address"},
      {with(2, " "), kPassword, "waymark: --name: must not be empty"},
      {with(4, "nowhere"), kPassword,
       "waymark: --org: no organisation 'nowhere'; organisations are the partners of the "
       "stored plans: "},
      {with(6, "owner"), kPassword,
       "waymark: --role: must be one of admin, analyst, partner, "
       "board\n"},
      {with(0, "new@barnet.example"), "short", "waymark: password: must be at least 12"},
      {with(0, "new@barnet.example"), "password1234\n", "waymark: password: is one of the most"},
      {with(0, "new@barnet.example"), "new@barnet.example\n", "must not be the email address"},
      {with(0, "ADMIN@barnet.example"), kPassword, "exists already"},
      {with(0, "new@barnet.example"), "", "waymark: no password on standard input"},
      {with(0, "new@barnet.example"), "\n", "waymark: no password on standard input"},
  };
  for (const Case& c : cases) {
    const auto r = Waymark(c.args, c.input);
    EXPECT_EQ(r.code, 1) << c.message;
    EXPECT_THAT(r.err, HasSubstr(c.message));
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(State(), before);
}

TEST_F(UserCommandsTest, UnknownOrganisationListsTheKnownOnes) {
  const auto r = Waymark(
      {"user", "add", "x@barnet.example", "--name", "X", "--org", "nope", "--role", "partner"},
      kPassword);
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("barnet-council, "));
  EXPECT_THAT(r.err, HasSubstr("public-health"));
}

TEST_F(UserCommandsTest, PasswordsAppearInNoOutputNorTheAuditLog) {
  std::string printed;
  auto run = [&](std::vector<std::string> args, const std::string& input = "") {
    const auto r = Waymark(std::move(args), input);
    EXPECT_EQ(r.code, 0) << r.err;
    printed += r.out + r.err;
  };
  const std::string second = "another long passphrase";
  run({"user", "add", "admin@barnet.example", "--name", "A", "--org", "barnet-council", "--role",
       "admin"},
      kPassword + "\n");
  run({"user", "reset-password", "admin@barnet.example"}, second + "\n");
  run({"user", "list"});
  run({"user", "list", "--format", "csv"});
  run({"audit", "list"});
  run({"audit", "list", "--format", "csv"});
  EXPECT_THAT(printed, Not(HasSubstr(kPassword)));
  EXPECT_THAT(printed, Not(HasSubstr(second)));
  EXPECT_THAT(printed, Not(HasSubstr("argon2")));
  EXPECT_THAT(printed, HasSubstr("\"password_changed\":true"));
  const auto stored = OpenStore()->FindUser("admin@barnet.example");
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(VerifyPassword(stored->password_hash, second));
}

TEST_F(UserCommandsTest, ActorIsTheOsUserOrTheAsUser) {
  AddUser("admin@barnet.example", "admin");
  const auto as = Waymark({"--as", "Admin@Barnet.example", "user", "add", "b@barnet.example",
                           "--name", "B", "--org", "the-partnership", "--role", "board"},
                          kPassword);
  ASSERT_EQ(as.code, 0) << as.err;
  const auto log = Waymark({"audit", "list", "--format", "csv"});
  EXPECT_THAT(log.out, HasSubstr(",2026-11-22T20:15:00Z,admin@barnet.example,waymark user add,"
                                 "user.create,user,b@barnet.example,,"));
  EXPECT_THAT(log.out, HasSubstr(",2026-11-22T20:15:00Z,os:analyst,waymark user add,"
                                 "user.create,user,admin@barnet.example,,"));
}

TEST_F(UserCommandsTest, AsMustNameAnEnabledUser) {
  AddUser("admin@barnet.example", "admin");
  AddUser("gone@barnet.example", "admin");
  ASSERT_EQ(Waymark({"user", "disable", "gone@barnet.example"}).code, 0);
  const std::string before = State();
  for (const std::string as : {"nobody@barnet.example", "gone@barnet.example", "not an email"}) {
    const auto r = Waymark({"--as", as, "user", "set-role", "admin@barnet.example", "analyst"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "waymark: --as: no enabled user " + as + "\n");
    const auto add = Waymark({"--as", as, "user", "add", "c@barnet.example", "--name", "C", "--org",
                              "barnet-council", "--role", "analyst"},
                             kPassword);
    EXPECT_EQ(add.code, 1);
    EXPECT_THAT(add.err, HasSubstr("--as: no enabled user"));
  }
  EXPECT_EQ(State(), before);
}

TEST_F(UserCommandsTest, SetRoleDisableEnableAndResetAreAudited) {
  AddUser("admin@barnet.example", "admin");
  AddUser("a@barnet.example", "analyst");
  auto r = Waymark({"user", "set-role", "A@barnet.example", "board"});
  EXPECT_EQ(r.out, "user a@barnet.example is now board (was analyst); their sessions were ended\n");
  r = Waymark({"user", "set-role", "a@barnet.example", "board"});
  EXPECT_EQ(r.out, "user a@barnet.example is board already\n");
  r = Waymark({"user", "disable", "a@barnet.example"});
  EXPECT_EQ(r.out, "disabled user a@barnet.example; their sessions were ended\n");
  EXPECT_THAT(Waymark({"user", "list"}).out, HasSubstr("board  disabled"));
  r = Waymark({"user", "enable", "a@barnet.example"});
  EXPECT_EQ(r.out, "enabled user a@barnet.example\n");
  r = Waymark({"user", "reset-password", "a@barnet.example"}, "a brand new password\n");
  EXPECT_EQ(r.out, "reset the password of a@barnet.example; their sessions were ended\n");
  const auto log = Waymark({"audit", "list", "--entity", "user"}).out;
  for (const auto& [command, action] : std::vector<std::pair<std::string, std::string>>{
           {"add", "user.create"},
           {"set-role", "user.set-role"},
           {"disable", "user.disable"},
           {"enable", "user.enable"},
           {"reset-password", "user.reset-password"}}) {
    std::string line = "os:analyst  waymark user ";
    line.append(command).append("  ").append(action).append("  user a@barnet.example");
    EXPECT_THAT(log, HasSubstr(line));
  }
  EXPECT_THAT(log, HasSubstr("    before: {\"email\":\"a@barnet.example\""));
}

TEST_F(UserCommandsTest, TheSafeguardingPermissionIsForAnalystsAndAudited) {
  AddUser("admin@barnet.example", "admin");
  AddUser("a@barnet.example", "analyst");
  auto r = Waymark({"user", "safeguarding", "a@barnet.example", "on"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "user a@barnet.example now holds the safeguarding permission; their sessions were "
            "ended\n");
  EXPECT_TRUE(OpenStore()->FindUser("a@barnet.example")->user.safeguarding);
  r = Waymark({"user", "safeguarding", "a@barnet.example", "on"});
  EXPECT_EQ(r.out, "user a@barnet.example holds the safeguarding permission already\n");
  const auto log = Waymark({"audit", "list", "--action", "user.safeguarding"}).out;
  EXPECT_THAT(log,
              HasSubstr("waymark user safeguarding  user.safeguarding  user a@barnet.example"));
  EXPECT_THAT(log, HasSubstr("\"safeguarding\":true"));
  r = Waymark({"user", "safeguarding", "a@barnet.example", "off"});
  EXPECT_EQ(r.out,
            "user a@barnet.example no longer holds the safeguarding permission; their sessions "
            "were ended\n");
  EXPECT_FALSE(OpenStore()->FindUser("a@barnet.example")->user.safeguarding);

  const std::string before = State();
  r = Waymark({"user", "safeguarding", "admin@barnet.example", "on"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "waymark: admin@barnet.example is admin; only analysts may hold the safeguarding "
            "permission (docs/access.md)\n");
  EXPECT_NE(Waymark({"user", "safeguarding", "a@barnet.example", "yes"}).code, 0);
  EXPECT_EQ(Waymark({"user", "safeguarding", "who@barnet.example", "on"}).err,
            "waymark: no user who@barnet.example\n");
  EXPECT_EQ(State(), before);
}

TEST_F(UserCommandsTest, UnknownUserOrRoleIsRefused) {
  AddUser("admin@barnet.example", "admin");
  const std::string before = State();
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"user", "set-role", "who@barnet.example", "admin"},
                                             {"user", "disable", "who@barnet.example"},
                                             {"user", "enable", "who@barnet.example"},
                                             {"user", "reset-password", "who@barnet.example"}}) {
    const auto r = Waymark(args, kPassword);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "waymark: no user who@barnet.example\n");
  }
  const auto role = Waymark({"user", "set-role", "admin@barnet.example", "king"});
  EXPECT_EQ(role.code, 1);
  EXPECT_THAT(role.err, HasSubstr("must be one of admin, analyst, partner, board"));
  const auto weak = Waymark({"user", "reset-password", "admin@barnet.example"}, "abc\n");
  EXPECT_EQ(weak.code, 1);
  EXPECT_THAT(weak.err, HasSubstr("password: must be at least 12 characters"));
  EXPECT_EQ(State(), before);
}

TEST_F(UserCommandsTest, TheLastEnabledAdminCanBeNeitherDemotedNorDisabled) {
  AddUser("admin@barnet.example", "admin");
  AddUser("other@barnet.example", "admin");
  ASSERT_EQ(Waymark({"user", "disable", "other@barnet.example"}).code, 0);
  const std::string before = State();
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"user", "disable", "admin@barnet.example"},
           {"user", "set-role", "admin@barnet.example", "analyst"}}) {
    const auto r = Waymark(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("waymark: admin@barnet.example is the last enabled admin"));
  }
  EXPECT_EQ(State(), before);
  // A disabled admin may be demoted; once another admin is enabled the first may go.
  EXPECT_EQ(Waymark({"user", "set-role", "other@barnet.example", "analyst"}).code, 0);
  ASSERT_EQ(Waymark({"user", "set-role", "other@barnet.example", "admin"}).code, 0);
  ASSERT_EQ(Waymark({"user", "enable", "other@barnet.example"}).code, 0);
  EXPECT_EQ(Waymark({"user", "disable", "admin@barnet.example"}).code, 0);
  EXPECT_EQ(Waymark({"user", "disable", "other@barnet.example"}).code, 1);
}

TEST_F(UserCommandsTest, ListOnAnEmptyDatabaseSaysHowToAdd) {
  const auto r = Waymark({"user", "list"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no users (add one with 'waymark user add"));
}

}  // namespace
}  // namespace waymark::cli
