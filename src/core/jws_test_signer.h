// Test support: signing compact JWS tokens with OpenSSL keys made in a test, and writing
// those keys as JSON Web Keys, for the tests of the ID token checks (core) and of the sign-in
// routes (web). Not part of any library.
#pragma once

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/oidc_token.h"

namespace waymark::testing {

using nlohmann::json;

// The big-endian bytes of the number parameter `name` of `key`, left-padded to `width` if set.
inline std::string NumberParam(const EVP_PKEY* key, const char* name, int width = 0) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) return "";
  std::string bytes(static_cast<std::size_t>(width > 0 ? width : BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  BN_free(bn);
  return bytes;
}

inline json RsaJwk(const EVP_PKEY* key, std::string_view kid) {
  return {{"kty", "RSA"},
          {"kid", kid},
          {"use", "sig"},
          {"n", Base64UrlEncode(NumberParam(key, OSSL_PKEY_PARAM_RSA_N))},
          {"e", Base64UrlEncode(NumberParam(key, OSSL_PKEY_PARAM_RSA_E))}};
}

inline json EcJwk(const EVP_PKEY* key, std::string_view kid) {
  return {{"kty", "EC"},
          {"crv", "P-256"},
          {"kid", kid},
          {"x", Base64UrlEncode(NumberParam(key, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
          {"y", Base64UrlEncode(NumberParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
}

inline std::string KeySet(const std::vector<json>& keys) { return json{{"keys", keys}}.dump(); }

// The raw r||s of an ECDSA P-256 signature in DER.
inline std::string RawEcdsa(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  std::string raw(64, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  BN_bn2binpad(r, out, 32);
  BN_bn2binpad(s, out + 32, 32);
  ECDSA_SIG_free(sig);
  return raw;
}

// A compact JWS of `header` and `payload` signed with SHA-256 by `key`: PKCS #1 v1.5 for an
// RSA key, raw r||s ECDSA for an EC key (or DER when `der` is set).
inline std::string Signed(EVP_PKEY* key, const json& header, const json& payload,
                          bool der = false) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  EVP_DigestSign(ctx, nullptr, &size, data, input.size());
  std::string signature(size, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                 input.size());
  EVP_MD_CTX_free(ctx);
  signature.resize(size);
  if (EVP_PKEY_is_a(key, "EC") && !der) signature = RawEcdsa(signature);
  return input + "." + Base64UrlEncode(signature);
}

}  // namespace waymark::testing
