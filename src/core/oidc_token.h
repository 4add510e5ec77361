// The rules of an OpenID Connect sign-in with an organisation's identity provider that need no
// I/O: base64url, the PKCE challenge, the provider's JSON Web Key Set, the signature of a
// compact JWS (RS256 and ES256 only) and the checks of an ID token's claims (OpenID Connect
// Core 1.0 §3.1.3.7). Fetching the key set and the token is the caller's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace waymark {

// base64url without padding (RFC 4648 §5). Decode returns nullopt on a character outside the
// alphabet (padding '=' included), an impossible length or non-zero unused trailing bits.
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// PKCE S256 (RFC 7636 §4.2): base64url(SHA-256(verifier)).
std::string PkceChallenge(std::string_view verifier);

// The kinds of public key a key set may hold for us.
enum class JwkType { kRsa, kEcP256 };

struct EvpPkeyFree {
  void operator()(evp_pkey_st* key) const;
};

// One accepted public key of a key set.
struct Jwk {
  std::string kid;  // "" when the key has none
  std::string alg;  // the key's own "alg", "" when it has none; when set, a token must use it
  JwkType type = JwkType::kRsa;
  std::unique_ptr<evp_pkey_st, EvpPkeyFree> key;
};

// A key the set left out that a token might name, kept so that "no key has this kid" can say why.
struct SkippedJwk {
  std::string kid;
  std::string reason;  // e.g. "an RSA key of 1024 bits (2048 at least)"
};

// A JSON Web Key Set (RFC 7517) holding the public signing keys we accept: RSA keys
// ("kty":"RSA", n, e; at least 2048 bits) and EC P-256 keys ("kty":"EC","crv":"P-256", x, y).
// Skipped, not an error: keys with "use" other than "sig", other kty or crv, and RSA keys under
// 2048 bits (listed in skipped()). A key without kid is kept with kid "". Parse fails
// (kInvalidArgument, the message naming the problem and the key by its position from 1, e.g.
// "the key set's key 2 has no 'n'") on malformed JSON or a malformed key of an accepted kind,
// including an EC point that is not on P-256. Move-only; owns the keys.
class JwkSet {
 public:
  static Result<JwkSet> Parse(std::string_view json);

  std::size_t size() const { return keys_.size(); }
  bool HasKey(std::string_view kid) const;
  const std::vector<Jwk>& keys() const { return keys_; }
  const std::vector<SkippedJwk>& skipped() const { return skipped_; }

 private:
  std::vector<Jwk> keys_;
  std::vector<SkippedJwk> skipped_;
};

// A compact JWS split and decoded (RFC 7515 §7.1). Parse fails (kInvalidArgument) on anything
// but 3 base64url parts, a header that isn't a JSON object or has no string "alg" (or a "kid"
// that isn't a string), or a payload that isn't a JSON object.
struct Jws {
  std::string alg, kid;
  nlohmann::json header, payload;
  std::string signing_input;  // "BASE64URL(header).BASE64URL(payload)"
  std::string signature;      // raw bytes

  static Result<Jws> Parse(std::string_view compact);
};

// Verifies the signature with the key of the JWS's kid (when kid is empty: the only key of the
// alg's type, if there is exactly one). Accepts only "RS256" (RSASSA-PKCS1-v1_5 SHA-256) and
// "ES256" (ECDSA P-256 SHA-256, the signature raw 64-byte r||s, RFC 7518 §3.4); "none", "HS256"
// and everything else are refused, as is a header with "crit". The key's type (and its "alg",
// when it has one) must match the token's alg. Returns kNotFound when no key has the kid (the
// caller may fetch the key set again: keys rotate), kPermissionDenied with a message saying why
// when the alg is refused, the key does not fit it or the signature is wrong.
Status VerifyJwsSignature(const Jws& jws, const JwkSet& keys);

// What Waymark takes from a checked ID token.
struct IdTokenClaims {
  std::string issuer, subject, email, name;
  bool email_verified = false;
  std::int64_t issued_at = 0, expires_at = 0;
};

struct IdTokenExpectations {
  std::string issuer;          // must equal "iss" exactly
  std::string client_id;       // must be in "aud" (string or array); when aud has several, or
                               // "azp" is present, "azp" must equal it
  std::string nonce;           // must equal "nonce" (constant-time compare)
  std::int64_t now = 0;        // Unix seconds
  std::int64_t skew = 120;     // allowed clock skew, seconds
  std::int64_t max_age = 600;  // iat must be no older than now - max_age - skew
};

// OpenID Connect Core 1.0 §3.1.3.7 checks on the payload (the signature is checked
// separately): iss, aud, azp, exp (now < exp + skew), iat (present; not later than now + skew;
// not earlier than now - max_age - skew), nonce, sub present and non-empty. exp and iat are
// JSON numbers (a fraction is dropped). email and name, when present, must be strings and are
// copied; email_verified is true for JSON true or the string "true", false otherwise. Each
// failure is kPermissionDenied with a message for the server log (never for the browser) saying
// which check failed, e.g. "the ID token expired at 2026-12-04T10:00:00Z"; kInvalidArgument
// when `expect` lacks an issuer, client id or nonce.
Result<IdTokenClaims> CheckIdTokenClaims(const nlohmann::json& payload,
                                         const IdTokenExpectations& expect);

}  // namespace waymark
