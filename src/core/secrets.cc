// libsodium behind the secrets interface: crypto_pwhash_str (Argon2id), randombytes,
// crypto_generichash (BLAKE2b), sodium_memcmp and crypto_secretbox.
#include "core/secrets.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>
#include <optional>

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

namespace waymark {
namespace {

constexpr std::string_view kSealedPrefix = "sb1:";

std::string ToHex(const unsigned char* bytes, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

// The bytes `hex` spells, or nullopt when it is not hexadecimal of an even length.
std::optional<std::string> FromHex(std::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  std::size_t written = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                     hex.size(), nullptr, &written, &end) != 0 ||
      written != bytes.size() || end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

Result<std::string> ParseSecretKey(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  const std::string_view hex =
      first == std::string_view::npos ? std::string_view() : text.substr(first, last - first + 1);
  auto bytes = hex.size() == crypto_secretbox_KEYBYTES * 2 ? FromHex(hex) : std::nullopt;
  if (!bytes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the secret key must be 64 hexadecimal digits (32 bytes); make one with "
                     "'waymark idp key'");
  }
  return std::move(*bytes);
}

std::string NewSecretKeyText() {
  EnsureSodium();
  std::array<unsigned char, crypto_secretbox_KEYBYTES> key{};
  crypto_secretbox_keygen(key.data());
  std::string text = ToHex(key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  return text;
}

std::string SealSecret(std::string_view key, std::string_view plain) {
  EnsureSodium();
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), bytes,
                        reinterpret_cast<const unsigned char*>(key.data()));
  return std::string(kSealedPrefix) + ToHex(bytes, out.size());
}

Result<std::string> OpenSecret(std::string_view key, std::string_view sealed) {
  EnsureSodium();
  std::optional<std::string> bytes;
  if (sealed.starts_with(kSealedPrefix)) bytes = FromHex(sealed.substr(kSealedPrefix.size()));
  if (!bytes || bytes->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return MakeError(ErrorCode::kInvalidArgument, "the stored secret is not sealed text");
  }
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return MakeError(ErrorCode::kInvalidArgument, "the secret key is not 32 bytes");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(bytes->data());
  std::string plain(bytes->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 in + crypto_secretbox_NONCEBYTES,
                                 bytes->size() - crypto_secretbox_NONCEBYTES, in,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "the stored secret cannot be opened with this secret key (was "
                     "WAYMARK_SECRET_KEY changed?)");
  }
  return plain;
}

}  // namespace waymark
