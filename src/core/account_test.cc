// Account field rules (emails, names, password strength) and the secrets helpers.
#include "core/account.h"

#include <gtest/gtest.h>

#include "core/secrets.h"

namespace waymark {
namespace {

TEST(Email, IsLowerCasedAndChecked) {
  EXPECT_EQ(NormaliseEmail("Analyst@Barnet.Example").value(), "analyst@barnet.example");
  EXPECT_EQ(NormaliseEmail("o'brien+cypp@barnet.gov.uk").value(), "o'brien+cypp@barnet.gov.uk");
  for (std::string_view bad :
       {"", "no-at-sign", "@barnet.example", "a@b", "a@@b.example", "a@b..example", "a@.example",
        "a b@c.example", "a@b.example.", "a@b_c.example", "a@b.example\r\nBcc: x@y.example"}) {
    const auto r = NormaliseEmail(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_TRUE(r.error().message.starts_with("email:")) << bad;
  }
  EXPECT_FALSE(NormaliseEmail(std::string(250, 'a') + "@b.example").has_value());
  EXPECT_TRUE(NormaliseEmail(std::string(240, 'a') + "@b.example").has_value());
}

TEST(DisplayName, MustBeShortPrintableAndNotBlank) {
  EXPECT_TRUE(CheckDisplayName("Dr Jane O'Neill", "--name").has_value());
  EXPECT_TRUE(CheckDisplayName("<script>alert(1)</script>", "--name").has_value());  // escaped
  EXPECT_FALSE(CheckDisplayName("   ", "--name").has_value());
  EXPECT_FALSE(CheckDisplayName("a\nb", "--name").has_value());
  EXPECT_EQ(CheckDisplayName(std::string(201, 'x'), "--name").error().message,
            "--name: longer than 200 characters");
  EXPECT_TRUE(CheckDisplayName(std::string(200, 'x'), "--name").has_value());
}

TEST(PasswordStrength, TwelveCharactersAndNotCommon) {
  EXPECT_FALSE(CheckPasswordStrength("elevenchars", "").has_value());  // 11
  EXPECT_TRUE(CheckPasswordStrength("twelve chars", "").has_value());  // 12
  EXPECT_EQ(CheckPasswordStrength("Password1234", "").error().message,
            "password: is one of the most common passwords");
  EXPECT_FALSE(CheckPasswordStrength("123456789012", "").has_value());
  EXPECT_FALSE(CheckPasswordStrength("aaaaaaaaaaaaaaaa", "").has_value());
  EXPECT_FALSE(
      CheckPasswordStrength("jane.smith.barnet", "jane.smith.barnet@x.example").has_value());
  EXPECT_FALSE(CheckPasswordStrength(std::string(1025, 'x') + "y", "").has_value());
  EXPECT_TRUE(CheckPasswordStrength("river-otter-lantern-9", "jane@x.example").has_value());
}

TEST(Secrets, PasswordHashesAreArgon2idAndVerify) {
  const auto hash = HashPassword("river-otter-lantern-9");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "river-otter-lantern-9"));
  EXPECT_FALSE(VerifyPassword(*hash, "river-otter-lantern-8"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "x"));
  // Two hashes of one password differ (random salt).
  EXPECT_NE(*hash, *HashPassword("river-otter-lantern-9", PasswordCost::kInteractive));
  const auto cheap = HashPassword("x", PasswordCost::kTestMinimum);
  EXPECT_TRUE(VerifyPassword(*cheap, "x"));
}

TEST(Secrets, TokensAreRandomAndStoredAsDigests) {
  const std::string a = RandomToken("wmk_"), b = RandomToken("wmk_");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 4u + 43u);
  EXPECT_TRUE(a.starts_with("wmk_"));
  EXPECT_EQ(
      a.find_first_not_of("wmk_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-", 4),
      std::string::npos);
  const std::string d = TokenDigest(a);
  EXPECT_EQ(d.size(), 64u);
  EXPECT_EQ(d, TokenDigest(a));
  EXPECT_NE(d, TokenDigest(a, "csrf"));  // purposes are separated
  EXPECT_NE(d, TokenDigest(b));
  // BLAKE2b-256 of "token\0abc", a fixed value so the stored form cannot drift.
  EXPECT_EQ(TokenDigest("abc", "token").size(), 64u);
  EXPECT_TRUE(ConstantTimeEqual(d, TokenDigest(a)));
  EXPECT_FALSE(ConstantTimeEqual(d, TokenDigest(b)));
  EXPECT_FALSE(ConstantTimeEqual("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEqual("", ""));
}

}  // namespace
}  // namespace waymark
