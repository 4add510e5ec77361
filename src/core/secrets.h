// Secrets with libsodium: Argon2id password hashes, random tokens, their digests and
// constant-time comparison. Sessions and API tokens are stored only as digests, so a copy of
// the database signs nobody in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace waymark {

// How hard a password hash is to compute: libsodium's interactive limits (Argon2id, 2 passes,
// 64 MiB) for real use; the minimum only for tests, which hash many passwords.
enum class PasswordCost { kInteractive, kTestMinimum };

// An Argon2id hash in the PHC string format ("$argon2id$v=19$m=65536,t=2,p=1$...").
Result<std::string> HashPassword(std::string_view password,
                                 PasswordCost cost = PasswordCost::kInteractive);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// Verifies against a fixed hash, so that a sign-in for an unknown email takes as long as one
// for a known email (no timing difference says whether an account exists).
void VerifyAgainstDummy(std::string_view password, PasswordCost cost);

// What a digest is for (TokenDigest's `purpose`): the same token digests differently in each.
inline constexpr std::string_view kApiTokenPurpose = "api-token";
inline constexpr std::string_view kSessionPurpose = "session";
inline constexpr std::string_view kCsrfPurpose = "csrf";

// A new random secret: `prefix` followed by 32 random bytes in unpadded base64url (43 chars).
std::string RandomToken(std::string_view prefix = {});
// The stored form of a token: the hex BLAKE2b-256 digest of `purpose` and the token.
std::string TokenDigest(std::string_view token, std::string_view purpose = "token");
// A uniformly random whole number below `n` (n >= 1), without modulo bias.
std::uint32_t RandomBelow(std::uint32_t n);
// 64 random bits.
std::uint64_t RandomBits();
// Equality that takes the same time wherever the inputs differ (sizes may leak).
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// The site's secret key, which seals secrets kept in the database (identity providers' client
// secrets): 32 bytes, written as 64 hexadecimal digits (surrounding white space ignored).
// kInvalidArgument when `text` is not such a key.
Result<std::string> ParseSecretKey(std::string_view text);
// A new random key in that form (`waymark idp key`).
std::string NewSecretKeyText();
// `plain` encrypted and authenticated with `key` (libsodium secretbox, XSalsa20-Poly1305, a
// random nonce): "sb1:" and hexadecimal. `key` is a parsed key of 32 bytes.
std::string SealSecret(std::string_view key, std::string_view plain);
// The secret `sealed` holds; kPermissionDenied when the key is not the one it was sealed with
// or the text was changed, kInvalidArgument when it is not sealed text.
Result<std::string> OpenSecret(std::string_view key, std::string_view sealed);

}  // namespace waymark
