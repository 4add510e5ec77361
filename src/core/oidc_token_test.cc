// Tests of the OpenID Connect token rules: base64url (RFC 4648), PKCE (RFC 7636 Appendix B),
// the JWS examples of RFC 7515 Appendix A.2 and A.3, tokens signed here with fresh OpenSSL
// keys, key sets, and each ID token claim check on both sides of its threshold.
#include "core/oidc_token.h"
#include "core/jws_test_signer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace waymark {
namespace {

using nlohmann::json;
using testing::EcJwk;
using ::testing::HasSubstr;
using testing::KeySet;
using testing::NumberParam;
using testing::RsaJwk;
using testing::Signed;

// ---- base64url and PKCE ----

TEST(Base64UrlTest, EncodesTheVectorsOfRfc4648WithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");  // "+/8=" in plain base64
}

TEST(Base64UrlTest, DecodesWhatItEncodes) {
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  for (std::size_t n = 0; n <= every_byte.size(); n += 37) {
    const std::string bytes = every_byte.substr(0, n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)), bytes);
  }
  EXPECT_EQ(Base64UrlDecode("Zm9vYmE"), "fooba");
  EXPECT_EQ(Base64UrlDecode("-_8"), "\xfb\xff");
  EXPECT_EQ(Base64UrlDecode(""), "");
}

TEST(Base64UrlTest, RefusesBadCharactersLengthsAndTrailingBits) {
  EXPECT_EQ(Base64UrlDecode("Zg=="), std::nullopt);  // padding
  EXPECT_EQ(Base64UrlDecode("+/8"), std::nullopt);   // the plain alphabet
  EXPECT_EQ(Base64UrlDecode("Zm9v Zg"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9vY"), std::nullopt);  // 4n + 1 characters
  EXPECT_EQ(Base64UrlDecode("Z"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zh"), std::nullopt);  // "Zg" with unused bits set
  EXPECT_EQ(Base64UrlDecode(std::string_view("Zg\0", 3)), std::nullopt);
}

TEST(PkceTest, MatchesRfc7636AppendixB) {
  EXPECT_EQ(PkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

// ---- RFC 7515 Appendix A ----

// The payload of the examples: {"iss":"joe",\r\n "exp":1300819380,\r\n
// "http://example.com/is_root":true}
constexpr std::string_view kRfcPayload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0"
    "cnVlfQ";

constexpr std::string_view kRfcRsaKeySet = R"({"keys":[{"kty":"RSA",
 "n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
 "e":"AQAB"}]})";

constexpr std::string_view kRfcRsaSignature =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5"
    "jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb"
    "1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QO"
    "YEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

constexpr std::string_view kRfcEcKeySet = R"({"keys":[{"kty":"EC","crv":"P-256",
 "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
 "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})";

constexpr std::string_view kRfcEcSignature =
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

std::string Compact(std::string_view header, std::string_view payload, std::string_view signature) {
  return std::string(header) + "." + std::string(payload) + "." + std::string(signature);
}

// `compact` with its decoded payload or signature changed by one byte, and still parseable.
std::string WithPayloadByteChanged(std::string_view compact) {
  const auto first = compact.find('.');
  const auto second = compact.find('.', first + 1);
  std::string payload = *Base64UrlDecode(compact.substr(first + 1, second - first - 1));
  payload[payload.find("joe") + 2] = 'x';  // "jox"
  return std::string(compact.substr(0, first)) + "." + Base64UrlEncode(payload) +
         std::string(compact.substr(second));
}

std::string WithSignatureByteChanged(std::string_view compact) {
  const auto second = compact.rfind('.');
  std::string signature = *Base64UrlDecode(compact.substr(second + 1));
  signature[signature.size() / 2] ^= 0x01;
  return std::string(compact.substr(0, second + 1)) + Base64UrlEncode(signature);
}

Status VerifyCompact(std::string_view compact, std::string_view key_set) {
  auto jws = Jws::Parse(compact);
  if (!jws) return tl::unexpected(jws.error());
  auto keys = JwkSet::Parse(key_set);
  if (!keys) return tl::unexpected(keys.error());
  return VerifyJwsSignature(*jws, *keys);
}

// The message of a failed `status`, whose code must be `code`; "passed" when it did not fail.
std::string FailureMessage(const Status& status, ErrorCode code) {
  if (status) return "passed";
  EXPECT_EQ(status.error().code, code) << status.error().message;
  return status.error().message;
}

TEST(JwsTest, Rfc7515AppendixA2Rs256Verifies) {
  const std::string compact = Compact("eyJhbGciOiJSUzI1NiJ9", kRfcPayload, kRfcRsaSignature);
  auto jws = Jws::Parse(compact);
  ASSERT_TRUE(jws) << jws.error().message;
  EXPECT_EQ(jws->alg, "RS256");
  EXPECT_EQ(jws->kid, "");
  EXPECT_EQ(jws->payload["iss"], "joe");
  EXPECT_EQ(jws->payload["exp"], 1300819380);
  EXPECT_EQ(jws->signing_input, "eyJhbGciOiJSUzI1NiJ9." + std::string(kRfcPayload));
  EXPECT_EQ(jws->signature.size(), 256U);
  auto keys = JwkSet::Parse(kRfcRsaKeySet);
  ASSERT_TRUE(keys) << keys.error().message;
  EXPECT_EQ(keys->size(), 1U);
  EXPECT_TRUE(keys->HasKey(""));
  EXPECT_TRUE(VerifyJwsSignature(*jws, *keys));
}

TEST(JwsTest, Rfc7515AppendixA2FailsWithOneByteChanged) {
  const std::string compact = Compact("eyJhbGciOiJSUzI1NiJ9", kRfcPayload, kRfcRsaSignature);
  for (const std::string& changed :
       {WithPayloadByteChanged(compact), WithSignatureByteChanged(compact)}) {
    EXPECT_EQ(FailureMessage(VerifyCompact(changed, kRfcRsaKeySet), ErrorCode::kPermissionDenied),
              "the token's RS256 signature does not verify with key ''");
  }
}

TEST(JwsTest, Rfc7515AppendixA3Es256Verifies) {
  const std::string compact = Compact("eyJhbGciOiJFUzI1NiJ9", kRfcPayload, kRfcEcSignature);
  const Status status = VerifyCompact(compact, kRfcEcKeySet);
  EXPECT_TRUE(status) << status.error().message;
  for (const std::string& changed :
       {WithPayloadByteChanged(compact), WithSignatureByteChanged(compact)}) {
    EXPECT_EQ(FailureMessage(VerifyCompact(changed, kRfcEcKeySet), ErrorCode::kPermissionDenied),
              "the token's ES256 signature does not verify with key ''");
  }
  // The A.2 RSA key does not fit an ES256 token, nor the EC key an RS256 one.
  EXPECT_EQ(FailureMessage(VerifyCompact(compact, kRfcRsaKeySet), ErrorCode::kNotFound),
            "the token names no key ('kid') and the key set has no EC P-256 key");
  const std::string rs256 = Compact("eyJhbGciOiJSUzI1NiJ9", kRfcPayload, kRfcRsaSignature);
  EXPECT_EQ(FailureMessage(VerifyCompact(rs256, kRfcEcKeySet), ErrorCode::kNotFound),
            "the token names no key ('kid') and the key set has no RSA key");
}

TEST(JwsTest, ParseRefusesWhatIsNotACompactJws) {
  const std::string header = Base64UrlEncode(R"({"alg":"RS256","kid":"k"})");
  const std::string payload = Base64UrlEncode(R"({"sub":"1"})");
  ASSERT_TRUE(Jws::Parse(header + "." + payload + ".c2ln"));
  EXPECT_EQ(Jws::Parse(header + "." + payload + ".c2ln")->kid, "k");
  EXPECT_EQ(Jws::Parse(header + "." + payload + ".c2ln")->signature, "sig");
  const std::string bad[] = {
      "",
      header + "." + payload,                                   // two parts
      header + "." + payload + ".c2ln.c2ln",                    // four parts (JWE has five)
      header + "." + payload + ".c2ln=",                        // padding
      header + "." + payload + "+.c2ln",                        // not base64url
      Base64UrlEncode("not json") + "." + payload + ".",        // header not JSON
      Base64UrlEncode(R"(["RS256"])") + "." + payload + ".",    // header not an object
      Base64UrlEncode(R"({"kid":"k"})") + "." + payload + ".",  // no alg
      Base64UrlEncode(R"({"alg":256})") + "." + payload + ".",
      Base64UrlEncode(R"({"alg":"RS256","kid":7})") + "." + payload + ".",
      header + "." + Base64UrlEncode("[1]") + ".",        // payload not an object
      header + "." + Base64UrlEncode("{\"sub\":") + ".",  // payload not JSON
      header + "..",
  };
  for (const std::string& compact : bad) {
    auto jws = Jws::Parse(compact);
    ASSERT_FALSE(jws) << compact;
    EXPECT_EQ(jws.error().code, ErrorCode::kInvalidArgument) << compact;
  }
}

// ---- tokens signed here ----

using Pkey = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// Keys are made once: RSA key generation takes a while.
EVP_PKEY* RsaKey() {
  static const Pkey key(EVP_RSA_gen(2048));
  return key.get();
}
EVP_PKEY* OtherRsaKey() {
  static const Pkey key(EVP_RSA_gen(2048));
  return key.get();
}
EVP_PKEY* SmallRsaKey() {
  static const Pkey key(EVP_RSA_gen(1024));
  return key.get();
}
EVP_PKEY* EcKey() {
  static const Pkey key(EVP_EC_gen("P-256"));
  return key.get();
}
EVP_PKEY* OtherEcKey() {
  static const Pkey key(EVP_EC_gen("P-256"));
  return key.get();
}

const json kClaims = {{"iss", "https://idp.example"}, {"sub", "248289761001"}};

json Header(std::string_view alg, std::string_view kid) {
  json header = {{"alg", alg}, {"typ", "JWT"}};
  if (!kid.empty()) header["kid"] = kid;
  return header;
}

class JwsSignedHereTest : public ::testing::Test {
 protected:
  std::string key_set_ = KeySet({RsaJwk(RsaKey(), "rsa-1"), EcJwk(EcKey(), "ec-1")});

  std::string Refusal(std::string_view token, ErrorCode code = ErrorCode::kPermissionDenied) {
    return FailureMessage(VerifyCompact(token, key_set_), code);
  }
};

TEST_F(JwsSignedHereTest, RightKeysPass) {
  Status status = VerifyCompact(Signed(RsaKey(), Header("RS256", "rsa-1"), kClaims), key_set_);
  EXPECT_TRUE(status) << status.error().message;
  status = VerifyCompact(Signed(EcKey(), Header("ES256", "ec-1"), kClaims), key_set_);
  EXPECT_TRUE(status) << status.error().message;
}

TEST_F(JwsSignedHereTest, AnotherKeyUnderTheSameKidFails) {
  EXPECT_EQ(Refusal(Signed(OtherRsaKey(), Header("RS256", "rsa-1"), kClaims)),
            "the token's RS256 signature does not verify with key 'rsa-1'");
  EXPECT_EQ(Refusal(Signed(OtherEcKey(), Header("ES256", "ec-1"), kClaims)),
            "the token's ES256 signature does not verify with key 'ec-1'");
}

TEST_F(JwsSignedHereTest, UnknownKidIsNotFoundSoTheKeySetCanBeFetchedAgain) {
  const std::string token = Signed(OtherRsaKey(), Header("RS256", "rsa-2"), kClaims);
  EXPECT_EQ(Refusal(token, ErrorCode::kNotFound), "no key in the key set has kid 'rsa-2'");
  // After the provider's keys rotate, the fetched set has it.
  const std::string rotated = KeySet({RsaJwk(OtherRsaKey(), "rsa-2"), EcJwk(EcKey(), "ec-1")});
  EXPECT_TRUE(VerifyCompact(token, rotated));
}

TEST_F(JwsSignedHereTest, AlgNoneAndHs256AreRefused) {
  const std::string claims = "." + Base64UrlEncode(kClaims.dump());
  EXPECT_THAT(Refusal(Base64UrlEncode(Header("none", "rsa-1").dump()) + claims + "."),
              HasSubstr("algorithm 'none' is not accepted"));
  // HS256 keyed with the RSA public key's bytes: the classic confusion.
  const std::string input = Base64UrlEncode(Header("HS256", "rsa-1").dump()) + claims;
  const std::string secret = NumberParam(RsaKey(), OSSL_PKEY_PARAM_RSA_N);
  std::string mac(EVP_MAX_MD_SIZE, '\0');
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(),
       reinterpret_cast<unsigned char*>(mac.data()), &mac_size);
  mac.resize(mac_size);
  EXPECT_THAT(Refusal(input + "." + Base64UrlEncode(mac)),
              HasSubstr("algorithm 'HS256' is not accepted"));
  for (const char* alg : {"RS512", "PS256", "ES384", "rs256", ""}) {
    EXPECT_THAT(Refusal(Signed(RsaKey(), Header(alg, "rsa-1"), kClaims)),
                HasSubstr("is not accepted (only RS256 and ES256)"));
  }
}

TEST_F(JwsSignedHereTest, KeyTypeMustMatchAlg) {
  EXPECT_EQ(Refusal(Signed(EcKey(), Header("RS256", "ec-1"), kClaims)),
            "the token is signed with RS256 but key 'ec-1' is an EC P-256 key");
  EXPECT_EQ(Refusal(Signed(RsaKey(), Header("ES256", "rsa-1"), kClaims)),
            "the token is signed with ES256 but key 'rsa-1' is an RSA key");
}

TEST_F(JwsSignedHereTest, KeyOwnAlgMustMatchTheToken) {
  json jwk = RsaJwk(RsaKey(), "rsa-1");
  jwk["alg"] = "RS256";
  const std::string token = Signed(RsaKey(), Header("RS256", "rsa-1"), kClaims);
  EXPECT_TRUE(VerifyCompact(token, KeySet({jwk})));
  jwk["alg"] = "PS256";
  EXPECT_EQ(FailureMessage(VerifyCompact(token, KeySet({jwk})), ErrorCode::kPermissionDenied),
            "the token is signed with RS256 but key 'rsa-1' is for 'PS256'");
}

TEST_F(JwsSignedHereTest, Es256SignatureMustBeRaw64Bytes) {
  // DER is usually 70 to 72 bytes, shorter when r or s begins with a zero byte: the message
  // names the length of this token's own signature.
  const std::string token = Signed(EcKey(), Header("ES256", "ec-1"), kClaims, /*der=*/true);
  const auto signature = Base64UrlDecode(token.substr(token.rfind('.') + 1));
  ASSERT_TRUE(signature.has_value());
  ASSERT_NE(signature->size(), 64U);
  EXPECT_THAT(Refusal(token), HasSubstr("the token's ES256 signature has " +
                                        std::to_string(signature->size()) + " bytes, not 64"));
}

TEST_F(JwsSignedHereTest, CriticalHeaderExtensionsAreRefused) {
  json header = Header("RS256", "rsa-1");
  header["crit"] = {"exp"};
  header["exp"] = 1;
  EXPECT_THAT(Refusal(Signed(RsaKey(), header, kClaims)), HasSubstr("'crit'"));
}

TEST_F(JwsSignedHereTest, TokenWithoutKidUsesTheOnlyKeyOfItsType) {
  const std::string token = Signed(RsaKey(), Header("RS256", ""), kClaims);
  EXPECT_TRUE(VerifyCompact(token, key_set_));  // one RSA key, one EC key
  const std::string two_rsa = KeySet({RsaJwk(RsaKey(), "rsa-1"), RsaJwk(OtherRsaKey(), "rsa-2")});
  EXPECT_EQ(FailureMessage(VerifyCompact(token, two_rsa), ErrorCode::kPermissionDenied),
            "the token names no key ('kid') and the key set has 2 keys for RS256");
  EXPECT_EQ(
      FailureMessage(VerifyCompact(token, KeySet({EcJwk(EcKey(), "ec-1")})), ErrorCode::kNotFound),
      "the token names no key ('kid') and the key set has no RSA key");
}

// An RSA key under 2048 bits is skipped, not an error: the other keys stay usable, and a
// token naming it is kNotFound with the reason.
TEST_F(JwsSignedHereTest, RsaKeyUnder2048BitsIsSkipped) {
  const std::string with_small =
      KeySet({RsaJwk(SmallRsaKey(), "small"), RsaJwk(RsaKey(), "rsa-1")});
  auto keys = JwkSet::Parse(with_small);
  ASSERT_TRUE(keys) << keys.error().message;
  EXPECT_EQ(keys->size(), 1U);
  EXPECT_FALSE(keys->HasKey("small"));
  EXPECT_TRUE(keys->HasKey("rsa-1"));
  ASSERT_EQ(keys->skipped().size(), 1U);
  EXPECT_EQ(keys->skipped()[0].kid, "small");
  EXPECT_EQ(keys->skipped()[0].reason, "an RSA key of 1024 bits (2048 at least)");
  EXPECT_EQ(FailureMessage(
                VerifyCompact(Signed(SmallRsaKey(), Header("RS256", "small"), kClaims), with_small),
                ErrorCode::kNotFound),
            "no key in the key set has kid 'small' (it holds an RSA key of 1024 bits (2048 at "
            "least), which is not accepted)");
  EXPECT_TRUE(VerifyCompact(Signed(RsaKey(), Header("RS256", "rsa-1"), kClaims), with_small));
}

// ---- key sets ----

TEST(JwkSetTest, SkipsKeysOfOtherUsesTypesAndCurves) {
  json enc = RsaJwk(RsaKey(), "enc-1");
  enc["use"] = "enc";
  json p384 = EcJwk(EcKey(), "p384");
  p384["crv"] = "P-384";
  json no_kid = EcJwk(EcKey(), "");
  no_kid.erase("kid");
  const json oct = {{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}};
  auto keys = JwkSet::Parse(KeySet({enc, p384, oct, RsaJwk(RsaKey(), "rsa-1"), no_kid}));
  ASSERT_TRUE(keys) << keys.error().message;
  EXPECT_EQ(keys->size(), 2U);
  EXPECT_TRUE(keys->HasKey("rsa-1"));
  EXPECT_TRUE(keys->HasKey(""));
  EXPECT_FALSE(keys->HasKey("enc-1"));
  EXPECT_FALSE(keys->HasKey("p384"));
  EXPECT_FALSE(keys->HasKey("hmac"));
  EXPECT_EQ(keys->skipped().size(), 3U);
  EXPECT_EQ(keys->keys()[0].type, JwkType::kRsa);
  EXPECT_EQ(keys->keys()[1].type, JwkType::kEcP256);
}

TEST(JwkSetTest, EmptySetParses) {
  auto keys = JwkSet::Parse(R"({"keys":[]})");
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys->size(), 0U);
}

TEST(JwkSetTest, NamesWhatIsMalformed) {
  const json rsa = RsaJwk(RsaKey(), "rsa-1");
  const json ec = EcJwk(EcKey(), "ec-1");
  auto without = [](json key, const char* name) {
    key.erase(name);
    return key;
  };
  auto with = [](json key, const char* name, json value) {
    key[name] = std::move(value);
    return key;
  };
  // A point off the curve: y of the real point, x one more.
  std::string x = *Base64UrlDecode(ec["x"].get<std::string>());
  x.back() = static_cast<char>(x.back() + 1);
  const std::pair<std::string, std::string> cases[] = {
      {"{\"keys\":", "the key set is not valid JSON"},
      {"[]", "the key set is not a JSON object"},
      {"{}", "the key set has no 'keys' array"},
      {R"({"keys":{}})", "the key set has no 'keys' array"},
      {KeySet({rsa, "rsa"}), "the key set's key 2 is not a JSON object"},
      {KeySet({ec, without(rsa, "n")}), "the key set's key 2 has no 'n'"},
      {KeySet({without(rsa, "e")}), "the key set's key 1 has no 'e'"},
      {KeySet({without(rsa, "kty")}), "the key set's key 1 has no 'kty'"},
      {KeySet({with(rsa, "n", "a+b")}), "the key set's key 1's 'n' is not base64url"},
      {KeySet({with(rsa, "n", "")}), "the key set's key 1's 'n' is not base64url"},
      {KeySet({with(rsa, "e", 65537)}), "the key set's key 1's 'e' is not a string"},
      {KeySet({with(rsa, "kid", 1)}), "the key set's key 1's 'kid' is not a string"},
      {KeySet({with(rsa, "use", true)}), "the key set's key 1's 'use' is not a string"},
      {KeySet({without(ec, "crv")}), "the key set's key 1 has no 'crv'"},
      {KeySet({without(ec, "y")}), "the key set's key 1 has no 'y'"},
      {KeySet({with(ec, "x", "AAAA")}), "the key set's key 1's 'x' is not 32 bytes"},
      {KeySet({with(ec, "x", Base64UrlEncode(x))}),
       "the key set's key 1's 'x' and 'y' are not a point on P-256"},
  };
  for (const auto& [text, message] : cases) {
    auto keys = JwkSet::Parse(text);
    ASSERT_FALSE(keys) << text;
    EXPECT_EQ(keys.error().code, ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(keys.error().message, message) << text;
  }
}

// ---- ID token claims ----

constexpr std::int64_t kNow = 1796378400;  // 2026-12-04T10:00:00Z

class OidcClaimsTest : public ::testing::Test {
 protected:
  IdTokenExpectations expect_{
      "https://idp.example", "waymark-client", "n-0S6_WzA2Mj", kNow, 120, 600};
  json payload_ = {
      {"iss", "https://idp.example"},   {"sub", "248289761001"},  {"aud", "waymark-client"},
      {"nonce", "n-0S6_WzA2Mj"},        {"exp", kNow + 300},      {"iat", kNow - 10},
      {"email", "jane@barnet.example"}, {"email_verified", true}, {"name", "Jane Doe"}};

  // The message of the failure the payload with `name` set to `value` causes ("" when it passes).
  std::string FailureWith(const char* name, json value) {
    json payload = payload_;
    payload[name] = std::move(value);
    return Failure(payload);
  }
  std::string FailureWithout(const char* name) {
    json payload = payload_;
    payload.erase(name);
    return Failure(payload);
  }
  std::string Failure(const json& payload) {
    auto claims = CheckIdTokenClaims(payload, expect_);
    if (claims) return "";
    EXPECT_EQ(claims.error().code, ErrorCode::kPermissionDenied);
    return claims.error().message;
  }
};

TEST_F(OidcClaimsTest, GoodTokenGivesItsClaims) {
  auto claims = CheckIdTokenClaims(payload_, expect_);
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->issuer, "https://idp.example");
  EXPECT_EQ(claims->subject, "248289761001");
  EXPECT_EQ(claims->email, "jane@barnet.example");
  EXPECT_EQ(claims->name, "Jane Doe");
  EXPECT_TRUE(claims->email_verified);
  EXPECT_EQ(claims->issued_at, kNow - 10);
  EXPECT_EQ(claims->expires_at, kNow + 300);
}

TEST_F(OidcClaimsTest, ExpiryAllowsTheSkewAndNoMore) {
  EXPECT_EQ(FailureWith("exp", kNow - 119), "");  // now < exp + skew
  EXPECT_EQ(FailureWith("exp", kNow - 120), "the ID token expired at 2026-12-04T09:58:00Z");
  EXPECT_EQ(FailureWith("exp", kNow - 86400), "the ID token expired at 2026-12-03T10:00:00Z");
  // A fraction is dropped: now - 118.5 is now - 119, now - 119.5 is now - 120.
  EXPECT_EQ(FailureWith("exp", kNow - 118.5), "");
  EXPECT_EQ(FailureWith("exp", kNow - 119.5), "the ID token expired at 2026-12-04T09:58:00Z");
  EXPECT_EQ(FailureWithout("exp"), "the ID token has no expiry time ('exp')");
  EXPECT_EQ(FailureWith("exp", "1796378700"), "the ID token's expiry time ('exp') is not a time");
  EXPECT_EQ(FailureWith("exp", 1e300), "the ID token's expiry time ('exp') is not a time");
  EXPECT_EQ(FailureWith("exp", std::numeric_limits<std::uint64_t>::max()),
            "the ID token's expiry time ('exp') is not a time");
  EXPECT_EQ(FailureWith("exp", std::numeric_limits<std::int64_t>::min()),
            "the ID token expired at Unix time -9223372036854775808");
  EXPECT_EQ(FailureWith("exp", std::numeric_limits<std::int64_t>::max()), "");
}

TEST_F(OidcClaimsTest, IssueTimeWithinTheSkewAndMaxAge) {
  EXPECT_EQ(FailureWith("iat", kNow + 120), "");  // not later than now + skew
  EXPECT_EQ(FailureWith("iat", kNow + 121),
            "the ID token was issued in the future, at 2026-12-04T10:02:01Z");
  EXPECT_EQ(FailureWith("iat", kNow - 720), "");  // no older than now - max_age - skew
  EXPECT_EQ(FailureWith("iat", kNow - 721),
            "the ID token was issued at 2026-12-04T09:47:59Z, more than 600 seconds ago");
  EXPECT_EQ(FailureWithout("iat"), "the ID token has no issue time ('iat')");
  expect_.max_age = 3600;
  EXPECT_EQ(FailureWith("iat", kNow - 721), "");
}

TEST_F(OidcClaimsTest, IssuerMustMatchExactly) {
  EXPECT_EQ(FailureWith("iss", "https://idp.example/"),
            "the ID token's issuer 'https://idp.example/' is not the expected "
            "'https://idp.example'");
  EXPECT_EQ(FailureWith("iss", "https://evil.example"),
            "the ID token's issuer 'https://evil.example' is not the expected "
            "'https://idp.example'");
  EXPECT_EQ(FailureWithout("iss"), "the ID token has no issuer ('iss')");
  EXPECT_EQ(FailureWith("iss", "https://evil.example\nforged log line"),
            "the ID token's issuer 'https://evil.example?forged log line' is not the expected "
            "'https://idp.example'");
}

TEST_F(OidcClaimsTest, AudienceAsStringOrArray) {
  EXPECT_EQ(FailureWith("aud", json::array({"waymark-client"})), "");
  EXPECT_EQ(FailureWith("aud", "other-client"),
            "the ID token's audience ('aud') does not include client id 'waymark-client'");
  EXPECT_EQ(FailureWith("aud", json::array({"other-client"})),
            "the ID token's audience ('aud') does not include client id 'waymark-client'");
  EXPECT_EQ(FailureWith("aud", json::array()),
            "the ID token's audience ('aud') does not include client id 'waymark-client'");
  EXPECT_EQ(FailureWith("aud", json::array({"waymark-client", 7})),
            "the ID token's audience ('aud') is not a string or an array of strings");
  EXPECT_EQ(FailureWithout("aud"), "the ID token has no audience ('aud')");
}

TEST_F(OidcClaimsTest, SeveralAudiencesNeedAzpForThisClient) {
  payload_["aud"] = json::array({"waymark-client", "api.example"});
  EXPECT_EQ(Failure(payload_),
            "the ID token has several audiences and no authorized party ('azp')");
  EXPECT_EQ(FailureWith("azp", "waymark-client"), "");
  EXPECT_EQ(FailureWith("azp", "api.example"),
            "the ID token's authorized party ('azp') 'api.example' is not client id "
            "'waymark-client'");
  payload_["aud"] = "waymark-client";  // one audience: azp optional, but checked when present
  EXPECT_EQ(FailureWith("azp", "waymark-client"), "");
  EXPECT_EQ(FailureWith("azp", "api.example"),
            "the ID token's authorized party ('azp') 'api.example' is not client id "
            "'waymark-client'");
}

TEST_F(OidcClaimsTest, NonceMustMatch) {
  EXPECT_EQ(FailureWith("nonce", "n-0S6_WzA2Mk"), "the ID token's nonce does not match");
  EXPECT_EQ(FailureWith("nonce", "n-0S6_WzA2M"), "the ID token's nonce does not match");
  EXPECT_EQ(FailureWith("nonce", ""), "the ID token's nonce does not match");
  EXPECT_EQ(FailureWithout("nonce"), "the ID token has no nonce");
  EXPECT_EQ(FailureWith("nonce", 12), "the ID token's 'nonce' is not a string");
}

TEST_F(OidcClaimsTest, SubjectMustBePresent) {
  EXPECT_EQ(FailureWithout("sub"), "the ID token has no subject ('sub')");
  EXPECT_EQ(FailureWith("sub", ""), "the ID token has no subject ('sub')");
  EXPECT_EQ(FailureWith("sub", 42), "the ID token's 'sub' is not a string");
}

TEST_F(OidcClaimsTest, EmailVerifiedOnlyWhenTrue) {
  auto verified = [this](const json* value) {
    json payload = payload_;
    payload.erase("email_verified");
    if (value != nullptr) payload["email_verified"] = *value;
    auto claims = CheckIdTokenClaims(payload, expect_);
    EXPECT_TRUE(claims) << claims.error().message;
    return claims && claims->email_verified;
  };
  const json yes = true, no = false, yes_text = "true", no_text = "false", one = 1;
  EXPECT_TRUE(verified(&yes));
  EXPECT_TRUE(verified(&yes_text));
  EXPECT_FALSE(verified(&no));
  EXPECT_FALSE(verified(&no_text));
  EXPECT_FALSE(verified(&one));
  EXPECT_FALSE(verified(nullptr));
}

TEST_F(OidcClaimsTest, ProfileClaimsAreOptionalButMustBeStrings) {
  payload_.erase("email");
  payload_.erase("name");
  auto claims = CheckIdTokenClaims(payload_, expect_);
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->email, "");
  EXPECT_EQ(claims->name, "");
  EXPECT_EQ(FailureWith("email", json::array({"a@b.example"})),
            "the ID token's 'email' is not a string");
}

TEST_F(OidcClaimsTest, ExpectationsMustBeSet) {
  expect_.nonce = "";
  auto claims = CheckIdTokenClaims(payload_, expect_);
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().code, ErrorCode::kInvalidArgument);
}

// The whole way: a token signed here, its signature checked, then its claims.
TEST_F(OidcClaimsTest, SignedTokenEndToEnd) {
  const std::string token = Signed(EcKey(), Header("ES256", "ec-1"), payload_);
  auto jws = Jws::Parse(token);
  ASSERT_TRUE(jws) << jws.error().message;
  auto keys = JwkSet::Parse(KeySet({EcJwk(EcKey(), "ec-1")}));
  ASSERT_TRUE(keys) << keys.error().message;
  ASSERT_TRUE(VerifyJwsSignature(*jws, *keys));
  auto claims = CheckIdTokenClaims(jws->payload, expect_);
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->email, "jane@barnet.example");
}

}  // namespace
}  // namespace waymark
