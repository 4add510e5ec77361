// Tests of one-time survey codes: their shape and alphabet, that they differ, normalisation,
// and digests that match however a code is typed and differ between codes and purposes.
#include "core/survey_code.h"

#include <set>

#include <gtest/gtest.h>

#include "core/secrets.h"

namespace waymark {
namespace {

TEST(SurveyCodeTest, CodesAreGroupedFromTheUnambiguousAlphabet) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = RandomSurveyCode();
    ASSERT_EQ(code.size(), 12u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    const std::string plain = NormaliseSurveyCode(code);
    ASSERT_EQ(plain.size(), kSurveyCodeLength);
    for (const char c : plain) {
      EXPECT_NE(kSurveyCodeAlphabet.find(c), std::string_view::npos) << code;
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
  for (const char c : std::string_view("ILO01")) {
    EXPECT_EQ(kSurveyCodeAlphabet.find(c), std::string_view::npos) << c;
  }
}

TEST(SurveyCodeTest, NormalisingUpperCasesAndDropsHyphensAndSpaces) {
  EXPECT_EQ(NormaliseSurveyCode("k7qx-m2hb 9r"), "K7QXM2HB9R");
  EXPECT_EQ(NormaliseSurveyCode(" K7QX--M2HB-9R "), "K7QXM2HB9R");
  EXPECT_EQ(NormaliseSurveyCode(""), "");
  EXPECT_EQ(NormaliseSurveyCode("ab_c.é"), "AB_C.é");
}

TEST(SurveyCodeTest, TheDigestIgnoresHowTheCodeIsTyped) {
  const std::string digest = SurveyCodeDigest("K7QX-M2HB-9R");
  EXPECT_EQ(digest, SurveyCodeDigest("k7qx m2hb 9r"));
  EXPECT_EQ(digest, TokenDigest("K7QXM2HB9R", kSurveyCodePurpose));
  EXPECT_NE(digest, SurveyCodeDigest("K7QX-M2HB-9S"));
  EXPECT_NE(digest, TokenDigest("K7QXM2HB9R", kApiTokenPurpose));
  EXPECT_EQ(digest.size(), 64u);
}

}  // namespace
}  // namespace waymark
