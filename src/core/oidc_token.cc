// base64url and PKCE with libsodium, compact JWS parsing and RS256/ES256 signature checks with
// OpenSSL, and the ID token claim checks of OpenID Connect Core 1.0 §3.1.3.7.
#include "core/oidc_token.h"

#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/clock.h"
#include "core/secrets.h"

namespace waymark {
namespace {

using nlohmann::json;

constexpr std::size_t kEs256SignatureBytes = 64;
constexpr std::size_t kQuotedMax = 80;
// The Unix times of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the dates FormatUtc shows.
constexpr std::int64_t kFirstShownTime = -62167219200;
constexpr std::int64_t kLastShownTime = 253402300799;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};

tl::unexpected<Error> Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

tl::unexpected<Error> Denied(std::string message) {
  return MakeError(ErrorCode::kPermissionDenied, std::move(message));
}

// `text` from a token, made safe for one line of a log: quoted, control characters replaced,
// long text cut.
std::string Quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text.substr(0, kQuotedMax)) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  if (text.size() > kQuotedMax) out += "...";
  return out + "'";
}

// A Unix time as an ISO 8601 UTC timestamp, or as the number when no calendar date fits.
std::string TimeText(std::int64_t unix_seconds) {
  if (unix_seconds < kFirstShownTime || unix_seconds > kLastShownTime) {
    return fmt::format("Unix time {}", unix_seconds);
  }
  return FormatUtc(unix_seconds);
}

std::optional<json> ParseObject(const std::string& bytes) {
  json doc = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

// The key type an accepted alg needs; nullopt for every other alg.
std::optional<JwkType> KeyTypeFor(std::string_view alg) {
  if (alg == "RS256") return JwkType::kRsa;
  if (alg == "ES256") return JwkType::kEcP256;
  return std::nullopt;
}

std::string_view KeyTypeName(JwkType type) {
  return type == JwkType::kRsa ? "RSA key" : "EC P-256 key";
}

std::string WhySkipped(const JwkSet& keys, std::string_view kid) {
  for (const SkippedJwk& skipped : keys.skipped()) {
    if (skipped.kid == kid) {
      return fmt::format(" (it holds {}, which is not accepted)", skipped.reason);
    }
  }
  return "";
}

// The key to check `jws` with: the one named by its kid, or the only one of `type` when the
// token names none.
Result<const Jwk*> FindKey(const Jws& jws, JwkType type, const JwkSet& keys) {
  if (jws.kid.empty()) {
    std::vector<const Jwk*> fitting;
    for (const Jwk& key : keys.keys()) {
      if (key.type == type) fitting.push_back(&key);
    }
    if (fitting.size() == 1) return fitting.front();
    if (fitting.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       fmt::format("the token names no key ('kid') and the key set has no {}",
                                   KeyTypeName(type)));
    }
    return Denied(fmt::format("the token names no key ('kid') and the key set has {} keys for {}",
                              fitting.size(), jws.alg));
  }
  const Jwk* named = nullptr;
  for (const Jwk& key : keys.keys()) {
    if (key.kid != jws.kid) continue;
    if (key.type == type) return &key;
    named = &key;
  }
  if (named == nullptr) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no key in the key set has kid {}{}",
                                                       Quoted(jws.kid), WhySkipped(keys, jws.kid)));
  }
  return Denied(fmt::format("the token is signed with {} but key {} is an {}", jws.alg,
                            Quoted(jws.kid), KeyTypeName(named->type)));
}

// The DER form OpenSSL verifies of an ES256 signature's r||s (RFC 7518 §3.4).
std::optional<std::string> EcdsaDer(std::string_view raw) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  const std::size_t half = raw.size() / 2;
  const std::unique_ptr<ECDSA_SIG, EcdsaSigFree> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(bytes + half, static_cast<int>(half), nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int size = i2d_ECDSA_SIG(sig.get(), &der);
  if (size <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

// True when `signature` is `key`'s SHA-256 signature of `data` (PKCS #1 v1.5 or DER ECDSA).
bool VerifySha256(EVP_PKEY* key, std::string_view data, std::string_view signature) {
  const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) == 1;
  ERR_clear_error();
  return ok;
}

// A NumericDate (RFC 7519 §2) as whole seconds; nullopt when `value` is no number in range.
std::optional<std::int64_t> NumericDate(const json& value) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  if (value.is_number_unsigned()) {
    const auto seconds = value.get<std::uint64_t>();
    if (seconds > static_cast<std::uint64_t>(kMax)) return std::nullopt;
    return static_cast<std::int64_t>(seconds);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double seconds = std::floor(value.get<double>());
    // 2^62 bounds every date of interest and converts exactly.
    constexpr double kBound = 4611686018427387904.0;
    if (!std::isfinite(seconds) || seconds >= kBound || seconds <= -kBound) return std::nullopt;
    return static_cast<std::int64_t>(seconds);
  }
  return std::nullopt;
}

Result<std::int64_t> RequiredDate(const json& payload, const char* name, std::string_view what) {
  const auto it = payload.find(name);
  if (it == payload.end()) return Denied(fmt::format("the ID token has no {} ('{}')", what, name));
  const auto seconds = NumericDate(*it);
  if (!seconds) return Denied(fmt::format("the ID token's {} ('{}') is not a time", what, name));
  return *seconds;
}

// The string claim `name`; nullopt when absent, an error when present but not a string.
Result<std::optional<std::string>> StringClaim(const json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end()) return std::optional<std::string>();
  if (!it->is_string()) return Denied(fmt::format("the ID token's '{}' is not a string", name));
  return std::optional<std::string>(it->get<std::string>());
}

Status CheckIssuer(const json& payload, const IdTokenExpectations& expect) {
  WAYMARK_ASSIGN_OR_RETURN(const auto iss, StringClaim(payload, "iss"));
  if (!iss) return Denied("the ID token has no issuer ('iss')");
  if (*iss != expect.issuer) {
    return Denied(fmt::format("the ID token's issuer {} is not the expected {}", Quoted(*iss),
                              Quoted(expect.issuer)));
  }
  return {};
}

// "aud" (one string or an array of strings) must hold the client id; "azp" must be it when
// there are several audiences, and whenever it is present.
Status CheckAudience(const json& payload, const IdTokenExpectations& expect) {
  const auto aud = payload.find("aud");
  if (aud == payload.end()) return Denied("the ID token has no audience ('aud')");
  std::vector<std::string> audiences;
  if (aud->is_string()) {
    audiences.push_back(aud->get<std::string>());
  } else if (aud->is_array() &&
             std::all_of(aud->begin(), aud->end(), [](const json& a) { return a.is_string(); })) {
    audiences = aud->get<std::vector<std::string>>();
  } else {
    return Denied("the ID token's audience ('aud') is not a string or an array of strings");
  }
  if (std::find(audiences.begin(), audiences.end(), expect.client_id) == audiences.end()) {
    return Denied(fmt::format("the ID token's audience ('aud') does not include client id {}",
                              Quoted(expect.client_id)));
  }
  WAYMARK_ASSIGN_OR_RETURN(const auto azp, StringClaim(payload, "azp"));
  if (!azp && audiences.size() > 1) {
    return Denied("the ID token has several audiences and no authorized party ('azp')");
  }
  if (azp && *azp != expect.client_id) {
    return Denied(fmt::format("the ID token's authorized party ('azp') {} is not client id {}",
                              Quoted(*azp), Quoted(expect.client_id)));
  }
  return {};
}

// exp and iat, with the allowed skew; the overflow-free forms of now < exp + skew,
// iat <= now + skew and iat >= now - max_age - skew.
Status CheckTimes(const json& payload, const IdTokenExpectations& expect, IdTokenClaims& claims) {
  WAYMARK_ASSIGN_OR_RETURN(claims.expires_at, RequiredDate(payload, "exp", "expiry time"));
  WAYMARK_ASSIGN_OR_RETURN(claims.issued_at, RequiredDate(payload, "iat", "issue time"));
  if (claims.expires_at <= expect.now - expect.skew) {
    return Denied(fmt::format("the ID token expired at {}", TimeText(claims.expires_at)));
  }
  if (claims.issued_at > expect.now + expect.skew) {
    return Denied(
        fmt::format("the ID token was issued in the future, at {}", TimeText(claims.issued_at)));
  }
  if (claims.issued_at < expect.now - expect.max_age - expect.skew) {
    return Denied(fmt::format("the ID token was issued at {}, more than {} seconds ago",
                              TimeText(claims.issued_at), expect.max_age));
  }
  return {};
}

Status CheckNonce(const json& payload, const IdTokenExpectations& expect) {
  WAYMARK_ASSIGN_OR_RETURN(const auto nonce, StringClaim(payload, "nonce"));
  if (!nonce) return Denied("the ID token has no nonce");
  if (!ConstantTimeEqual(*nonce, expect.nonce)) {
    return Denied("the ID token's nonce does not match");
  }
  return {};
}

// email, email_verified and name, which a provider may leave out.
Status CopyProfile(const json& payload, IdTokenClaims& claims) {
  WAYMARK_ASSIGN_OR_RETURN(const auto email, StringClaim(payload, "email"));
  WAYMARK_ASSIGN_OR_RETURN(const auto name, StringClaim(payload, "name"));
  claims.email = email.value_or("");
  claims.name = name.value_or("");
  const auto verified = payload.find("email_verified");
  if (verified != payload.end()) {
    // Some providers send the string "true" rather than JSON true.
    claims.email_verified = (verified->is_boolean() && verified->get<bool>()) ||
                            (verified->is_string() && verified->get<std::string>() == "true");
  }
  return {};
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.pop_back();  // the terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 2, '\0');
  std::size_t written = 0;
  // With no characters to ignore and no end pointer, libsodium refuses any character outside
  // the alphabet, an impossible length and non-zero unused bits.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &written, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(written);
  return out;
}

std::string PkceChallenge(std::string_view verifier) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return Base64UrlEncode(digest);
}

Result<Jws> Jws::Parse(std::string_view compact) {
  const auto first = compact.find('.');
  const auto second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    return Invalid("the token is not three parts separated by '.'");
  }
  const auto header_bytes = Base64UrlDecode(compact.substr(0, first));
  const auto payload_bytes = Base64UrlDecode(compact.substr(first + 1, second - first - 1));
  auto signature = Base64UrlDecode(compact.substr(second + 1));
  if (!header_bytes || !payload_bytes || !signature) {
    return Invalid("the token's parts are not all base64url");
  }
  Jws jws;
  auto header = ParseObject(*header_bytes);
  if (!header) return Invalid("the token's header is not a JSON object");
  jws.header = std::move(*header);
  const auto alg = jws.header.find("alg");
  if (alg == jws.header.end() || !alg->is_string()) {
    return Invalid("the token's header has no 'alg'");
  }
  jws.alg = alg->get<std::string>();
  const auto kid = jws.header.find("kid");
  if (kid != jws.header.end()) {
    if (!kid->is_string()) return Invalid("the token's 'kid' is not a string");
    jws.kid = kid->get<std::string>();
  }
  auto payload = ParseObject(*payload_bytes);
  if (!payload) return Invalid("the token's payload is not a JSON object");
  jws.payload = std::move(*payload);
  jws.signing_input = std::string(compact.substr(0, second));
  jws.signature = std::move(*signature);
  return jws;
}

Status VerifyJwsSignature(const Jws& jws, const JwkSet& keys) {
  const auto type = KeyTypeFor(jws.alg);
  if (!type) {
    return Denied(fmt::format("the token's algorithm {} is not accepted (only RS256 and ES256)",
                              Quoted(jws.alg)));
  }
  if (jws.header.contains("crit")) {
    return Denied("the token's header has critical extensions ('crit'), none of which are known");
  }
  WAYMARK_ASSIGN_OR_RETURN(const Jwk* key, FindKey(jws, *type, keys));
  if (!key->alg.empty() && key->alg != jws.alg) {
    return Denied(fmt::format("the token is signed with {} but key {} is for {}", jws.alg,
                              Quoted(key->kid), Quoted(key->alg)));
  }
  std::string signature = jws.signature;
  if (*type == JwkType::kEcP256) {
    if (signature.size() != kEs256SignatureBytes) {
      return Denied(fmt::format("the token's ES256 signature has {} bytes, not {}",
                                signature.size(), kEs256SignatureBytes));
    }
    auto der = EcdsaDer(signature);
    if (!der) return MakeError(ErrorCode::kInternal, "out of memory checking a signature");
    signature = std::move(*der);
  }
  if (!VerifySha256(key->key.get(), jws.signing_input, signature)) {
    return Denied(fmt::format("the token's {} signature does not verify with key {}", jws.alg,
                              Quoted(key->kid)));
  }
  return {};
}

Result<IdTokenClaims> CheckIdTokenClaims(const json& payload, const IdTokenExpectations& expect) {
  if (expect.issuer.empty() || expect.client_id.empty() || expect.nonce.empty()) {
    return Invalid("an ID token is checked against an issuer, a client id and a nonce");
  }
  if (!payload.is_object()) return Denied("the ID token's payload is not a JSON object");
  IdTokenClaims claims;
  WAYMARK_TRY(CheckIssuer(payload, expect));
  WAYMARK_TRY(CheckAudience(payload, expect));
  WAYMARK_TRY(CheckTimes(payload, expect, claims));
  WAYMARK_TRY(CheckNonce(payload, expect));
  WAYMARK_ASSIGN_OR_RETURN(const auto sub, StringClaim(payload, "sub"));
  if (!sub || sub->empty()) return Denied("the ID token has no subject ('sub')");
  WAYMARK_TRY(CopyProfile(payload, claims));
  claims.issuer = expect.issuer;
  claims.subject = *sub;
  return claims;
}

}  // namespace waymark
