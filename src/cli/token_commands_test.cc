// End-to-end tests of `waymark token ...`: a created token is printed once and found by its
// digest, never stored or logged in the clear; revoked and expired tokens say so; refused
// commands change nothing.
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/account_test_fixture.h"
#include "cli/commands_test_util.h"
#include "core/secrets.h"

namespace waymark::cli {
namespace {

using testing::AccountTest;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class TokenCommandsTest : public AccountTest {
 protected:
  void SetUp() override {
    AccountTest::SetUp();
    AddUser("admin@barnet.example", "admin");
    AddUser("a@barnet.example", "analyst");
  }

  // Creates a token; returns the secret printed on the first line.
  std::string CreateToken(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"token", "create", "a@barnet.example", "--name", "Power BI"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = Waymark(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }
};

TEST_F(TokenCommandsTest, CreatePrintsTheTokenOnceAndStoresItsDigest) {
  const auto r = Waymark(
      {"token", "create", "A@barnet.example", "--name", "Power BI", "--expires", "2027-03-31"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string token, notice;
  std::getline(lines, token);
  std::getline(lines, notice);
  EXPECT_THAT(token, StartsWith("wmk_"));
  EXPECT_EQ(token.size(), 4u + 43u);
  EXPECT_EQ(notice,
            "token 1 'Power BI' acts as a@barnet.example (analyst) on /api/v1 until the end of "
            "2027-03-31; it is shown only once: keep it now");

  const auto found = OpenStore()->FindApiToken(TokenDigest(token, "api-token"));
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  EXPECT_EQ(found->user.email, "a@barnet.example");
  EXPECT_EQ(found->token.name, "Power BI");
  EXPECT_EQ(found->token.expires_on, "2027-03-31");

  const std::string everything = Waymark({"token", "list"}).out +
                                 Waymark({"token", "list", "--format", "csv"}).out +
                                 Waymark({"audit", "list", "--format", "csv"}).out;
  EXPECT_THAT(everything, Not(HasSubstr(token)));
  EXPECT_THAT(everything, Not(HasSubstr(token.substr(4))));
  EXPECT_THAT(Waymark({"audit", "list", "--action", "token.create"}).out,
              HasSubstr("os:analyst  waymark token create  token.create  token 1\n"));
}

TEST_F(TokenCommandsTest, ListShowsActiveRevokedAndExpired) {
  CreateToken();
  CreateToken({"--expires", "2026-11-23"});
  CreateToken({"--expires", "2026-11-22"});
  ASSERT_EQ(Waymark({"token", "revoke", "1"}).out,
            "revoked token 1 'Power BI' of a@barnet.example\n");
  auto list = Waymark({"token", "list", "--format", "csv"});
  EXPECT_EQ(list.out,
            "id,user,name,created_at,expires_on,last_used_at,status\n"
            "3,a@barnet.example,Power BI,2026-11-22T20:15:00Z,2026-11-22,,active\n"
            "2,a@barnet.example,Power BI,2026-11-22T20:15:00Z,2026-11-23,,active\n"
            "1,a@barnet.example,Power BI,2026-11-22T20:15:00Z,,,revoked\n");
  clock_.Advance(kDay);
  list = Waymark({"token", "list"});
  EXPECT_THAT(list.out, HasSubstr("id  user              name      created               expires"
                                  "     last used  status\n"));
  EXPECT_THAT(list.out, HasSubstr("3   a@barnet.example  Power BI  2026-11-22T20:15:00Z  "
                                  "2026-11-22  never      expired\n"));
  EXPECT_THAT(list.out, HasSubstr("2026-11-23  never      active\n"));
  EXPECT_THAT(list.out, HasSubstr("never       never      revoked\n"));
  EXPECT_EQ(Waymark({"token", "revoke", "1"}).out,
            "token 1 was revoked already, at 2026-11-22T20:15:00Z\n");
}

TEST_F(TokenCommandsTest, ListFiltersByUser) {
  CreateToken();
  ASSERT_EQ(Waymark({"token", "create", "admin@barnet.example", "--name", "Mine"}).code, 0);
  const auto r = Waymark({"token", "list", "--user", "ADMIN@barnet.example", "--format", "csv"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("admin@barnet.example,Mine"));
  EXPECT_THAT(r.out, Not(HasSubstr("Power BI")));
  const auto unknown = Waymark({"token", "list", "--user", "who@barnet.example"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err, "waymark: no user who@barnet.example\n");
}

TEST_F(TokenCommandsTest, RefusedCommandsChangeNothing) {
  CreateToken();
  ASSERT_EQ(Waymark({"user", "disable", "a@barnet.example"}).code, 0);
  const std::string before = State();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"token", "create", "who@barnet.example", "--name", "X"},
       "waymark: no user who@barnet.example\n"},
      {{"token", "create", "a@barnet.example", "--name", "X"},
       "waymark: user a@barnet.example is disabled; enable them first\n"},
      {{"token", "create", "admin@barnet.example", "--name", "X", "--expires", "2026-11-21"},
       "waymark: --expires: 2026-11-21 is in the past\n"},
      {{"token", "create", "admin@barnet.example", "--name", "X", "--expires", "2027-02-30"},
       "waymark: --expires: '2027-02-30' is not a date (YYYY-MM-DD)\n"},
      {{"token", "create", "admin@barnet.example", "--name", ""}, "waymark: --name: must not"},
      {{"token", "revoke", "9"}, "waymark: no API token 9\n"},
      {{"token", "revoke", "one"}, "waymark: ID: 'one' is not a token id"},
      {{"--as", "a@barnet.example", "token", "revoke", "1"},
       "waymark: --as: no enabled user a@barnet.example\n"},
  };
  for (const Case& c : cases) {
    const auto r = Waymark(c.args);
    EXPECT_EQ(r.code, 1) << c.message;
    EXPECT_THAT(r.err, HasSubstr(c.message));
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(State(), before);
}

TEST_F(TokenCommandsTest, HostileNamesAreDefusedInCsv) {
  ASSERT_EQ(
      Waymark({"token", "create", "admin@barnet.example", "--name", "=HYPERLINK(\"x\")"}).code, 0);
  const auto r = Waymark({"token", "list", "--format", "csv"});
  EXPECT_THAT(r.out, HasSubstr(",admin@barnet.example,\"'=HYPERLINK(\"\"x\"\")\","));
}

}  // namespace
}  // namespace waymark::cli
