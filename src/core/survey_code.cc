// One-time survey codes drawn without bias (RandomBelow), digested by TokenDigest.
#include "core/survey_code.h"

#include <cstdint>

#include "core/secrets.h"

namespace waymark {
namespace {

// A code is shown in groups of this many characters.
constexpr std::size_t kGroup = 4;

}  // namespace

std::string RandomSurveyCode() {
  std::string code;
  for (std::size_t i = 0; i < kSurveyCodeLength; ++i) {
    if (i > 0 && i % kGroup == 0) code.push_back('-');
    const auto pick = RandomBelow(static_cast<std::uint32_t>(kSurveyCodeAlphabet.size()));
    code.push_back(kSurveyCodeAlphabet[pick]);
  }
  return code;
}

std::string NormaliseSurveyCode(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string SurveyCodeDigest(std::string_view code) {
  return TokenDigest(NormaliseSurveyCode(code), kSurveyCodePurpose);
}

}  // namespace waymark
