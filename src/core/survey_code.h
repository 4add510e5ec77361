// One-time survey codes: short random codes handed out on paper so that each can be used for
// one response of one wave. A code is typed by a child, so it uses an alphabet without
// look-alike characters and is grouped like ABCD-EFGH-JK; the store keeps only its digest.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waymark {

// The characters of a code: capital letters and digits without I, L, O, 0 and 1.
inline constexpr std::string_view kSurveyCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
// How many characters of the alphabet a code has (about 50 bits of randomness).
inline constexpr std::size_t kSurveyCodeLength = 10;
// TokenDigest's purpose for survey codes.
inline constexpr std::string_view kSurveyCodePurpose = "survey-code";

// A new random code from libsodium's generator, e.g. "K7QX-M2HB-9R".
std::string RandomSurveyCode();

// The code as it is digested: ASCII letters in upper case, hyphens and spaces removed
// ("k7qx-m2hb 9r" -> "K7QXM2HB9R"). Any other character is kept as it is.
std::string NormaliseSurveyCode(std::string_view code);

// The stored form of a code: TokenDigest of the normalised code for kSurveyCodePurpose, so that
// the same code typed with other case, hyphens or spaces has the same digest.
std::string SurveyCodeDigest(std::string_view code);

}  // namespace waymark
