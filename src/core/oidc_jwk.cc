// An identity provider's JSON Web Key Set (RFC 7517, RFC 7518 §6) read into OpenSSL public
// keys: RSA keys of 2048 bits or more and EC keys on P-256; everything else is left out.
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "core/oidc_token.h"

namespace waymark {
namespace {

using nlohmann::json;

constexpr int kMinRsaBits = 2048;
constexpr std::size_t kP256CoordinateBytes = 32;

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// What one entry of the key set comes to: a key we accept, or why it was left out.
using KeyOutcome = std::variant<Jwk, SkippedJwk>;

tl::unexpected<Error> Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

// The string member `name` of `entry`; "" when absent, an error when not a string.
Result<std::string> OptionalString(const json& entry, const char* name, const std::string& where) {
  const auto it = entry.find(name);
  if (it == entry.end()) return std::string();
  if (!it->is_string()) return Invalid(fmt::format("{}'s '{}' is not a string", where, name));
  return it->get<std::string>();
}

Result<std::string> RequiredString(const json& entry, const char* name, const std::string& where) {
  if (!entry.contains(name)) return Invalid(fmt::format("{} has no '{}'", where, name));
  return OptionalString(entry, name, where);
}

// The bytes of the base64url member `name` (present and not empty).
Result<std::string> RequiredBytes(const json& entry, const char* name, const std::string& where) {
  WAYMARK_ASSIGN_OR_RETURN(const std::string text, RequiredString(entry, name, where));
  auto bytes = Base64UrlDecode(text);
  if (!bytes || bytes->empty()) {
    return Invalid(fmt::format("{}'s '{}' is not base64url", where, name));
  }
  return std::move(*bytes);
}

BnPtr ToBignum(const std::string& bytes) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<int>(bytes.size()), nullptr));
}

// A public key of `type_name` ("RSA", "EC") from the parameters in `bld`; null on failure.
PkeyPtr PublicKeyFrom(const char* type_name, OSSL_PARAM_BLD* bld) {
  const std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, type_name, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    ERR_clear_error();
    return nullptr;
  }
  return PkeyPtr(key);
}

// True when `key` passes OpenSSL's public key check (for EC: the point is on the curve).
bool PublicKeyChecks(EVP_PKEY* key) {
  const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  const bool ok = ctx && EVP_PKEY_public_check(ctx.get()) == 1;
  ERR_clear_error();
  return ok;
}

Result<KeyOutcome> ReadRsaKey(const json& entry, Jwk jwk, const std::string& where) {
  WAYMARK_ASSIGN_OR_RETURN(const std::string n_bytes, RequiredBytes(entry, "n", where));
  WAYMARK_ASSIGN_OR_RETURN(const std::string e_bytes, RequiredBytes(entry, "e", where));
  const BnPtr n = ToBignum(n_bytes);
  const BnPtr e = ToBignum(e_bytes);
  if (!n || !e) return MakeError(ErrorCode::kInternal, "out of memory reading the key set");
  const int bits = BN_num_bits(n.get());
  if (bits < kMinRsaBits) {
    return SkippedJwk{jwk.kid,
                      fmt::format("an RSA key of {} bits ({} at least)", bits, kMinRsaBits)};
  }
  const std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return MakeError(ErrorCode::kInternal, "out of memory reading the key set");
  }
  jwk.key = PublicKeyFrom("RSA", bld.get());
  if (!jwk.key) return Invalid(fmt::format("{} is not a usable RSA public key", where));
  jwk.type = JwkType::kRsa;
  return KeyOutcome(std::move(jwk));
}

Result<std::string> ReadCoordinate(const json& entry, const char* name, const std::string& where) {
  WAYMARK_ASSIGN_OR_RETURN(std::string bytes, RequiredBytes(entry, name, where));
  if (bytes.size() != kP256CoordinateBytes) {
    return Invalid(fmt::format("{}'s '{}' is not {} bytes", where, name, kP256CoordinateBytes));
  }
  return bytes;
}

Result<KeyOutcome> ReadEcKey(const json& entry, Jwk jwk, const std::string& where) {
  WAYMARK_ASSIGN_OR_RETURN(const std::string crv, RequiredString(entry, "crv", where));
  if (crv != "P-256") return SkippedJwk{jwk.kid, fmt::format("an EC key on curve '{}'", crv)};
  WAYMARK_ASSIGN_OR_RETURN(const std::string x, ReadCoordinate(entry, "x", where));
  WAYMARK_ASSIGN_OR_RETURN(const std::string y, ReadCoordinate(entry, "y", where));
  // The uncompressed point (SEC 1 §2.3.3): 0x04, x, y.
  std::string point = "\x04" + x + y;
  const std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return MakeError(ErrorCode::kInternal, "out of memory reading the key set");
  }
  jwk.key = PublicKeyFrom("EC", bld.get());
  if (!jwk.key || !PublicKeyChecks(jwk.key.get())) {
    return Invalid(fmt::format("{}'s 'x' and 'y' are not a point on P-256", where));
  }
  jwk.type = JwkType::kEcP256;
  return KeyOutcome(std::move(jwk));
}

// Entry `index` (from 0) of the key set's "keys".
Result<KeyOutcome> ReadKey(const json& entry, std::size_t index) {
  const std::string where = fmt::format("the key set's key {}", index + 1);
  if (!entry.is_object()) return Invalid(fmt::format("{} is not a JSON object", where));
  Jwk jwk;
  WAYMARK_ASSIGN_OR_RETURN(jwk.kid, OptionalString(entry, "kid", where));
  WAYMARK_ASSIGN_OR_RETURN(jwk.alg, OptionalString(entry, "alg", where));
  WAYMARK_ASSIGN_OR_RETURN(const std::string kty, RequiredString(entry, "kty", where));
  WAYMARK_ASSIGN_OR_RETURN(const std::string use, OptionalString(entry, "use", where));
  if (!use.empty() && use != "sig") {
    return SkippedJwk{jwk.kid, fmt::format("a key for use '{}', not 'sig'", use)};
  }
  if (kty == "RSA") return ReadRsaKey(entry, std::move(jwk), where);
  if (kty == "EC") return ReadEcKey(entry, std::move(jwk), where);
  return SkippedJwk{jwk.kid, fmt::format("a key of type '{}'", kty)};
}

}  // namespace

void EvpPkeyFree::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

Result<JwkSet> JwkSet::Parse(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Invalid("the key set is not valid JSON");
  if (!doc.is_object()) return Invalid("the key set is not a JSON object");
  const auto keys = doc.find("keys");
  if (keys == doc.end() || !keys->is_array()) return Invalid("the key set has no 'keys' array");
  JwkSet set;
  for (std::size_t i = 0; i < keys->size(); ++i) {
    WAYMARK_ASSIGN_OR_RETURN(KeyOutcome outcome, ReadKey((*keys)[i], i));
    if (auto* key = std::get_if<Jwk>(&outcome)) {
      set.keys_.push_back(std::move(*key));
    } else {
      set.skipped_.push_back(std::get<SkippedJwk>(std::move(outcome)));
    }
  }
  return set;
}

bool JwkSet::HasKey(std::string_view kid) const {
  for (const Jwk& key : keys_) {
    if (key.kid == kid) return true;
  }
  return false;
}

}  // namespace waymark
