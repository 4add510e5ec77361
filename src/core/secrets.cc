// libsodium behind the secrets interface: crypto_pwhash_str (Argon2id), randombytes,
// crypto_generichash (BLAKE2b) and sodium_memcmp.
#include "core/secrets.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>

namespace waymark {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init fails only when no source of randomness exists; nothing secret can be made.
    if (sodium_init() < 0) std::abort();
  });
}

std::pair<unsigned long long, size_t> Limits(PasswordCost cost) {
  if (cost == PasswordCost::kTestMinimum) {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  const auto [ops, mem] = Limits(cost);
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return MakeError(ErrorCode::kInternal, "out of memory while hashing a password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password, PasswordCost cost) {
  static const std::string kInteractive = HashPassword("waymark-dummy-password").value_or("");
  static const std::string kMinimum =
      HashPassword("waymark-dummy-password", PasswordCost::kTestMinimum).value_or("");
  (void)VerifyPassword(cost == PasswordCost::kInteractive ? kInteractive : kMinimum, password);
}

std::string RandomToken(std::string_view prefix) {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(prefix) + text.data();
}

std::uint32_t RandomBelow(std::uint32_t n) {
  EnsureSodium();
  return randombytes_uniform(n);
}

std::uint64_t RandomBits() {
  EnsureSodium();
  std::uint64_t bits = 0;
  randombytes_buf(&bits, sizeof bits);
  return bits;
}

std::string TokenDigest(std::string_view token, std::string_view purpose) {
  EnsureSodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  const auto* p = reinterpret_cast<const unsigned char*>(purpose.data());
  crypto_generichash_update(&state, p, purpose.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(token.data()),
                            token.size());
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace waymark
