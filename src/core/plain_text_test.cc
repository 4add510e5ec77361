// Tests of the plain-text checks: UTF-8 counted in code points with malformed forms refused,
// control characters by what each kind of field accepts, thousands and the field message on
// both sides of its limit.
#include "core/plain_text.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

TEST(PlainText, Utf8LengthCountsCodePointsAndRefusesMalformedForms) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("Barnet"), 6u);
  EXPECT_EQ(Utf8Length("2026–27 “Q2” 🙂"), 14u);
  EXPECT_FALSE(Utf8Length("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(Utf8Length("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(Utf8Length("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(Utf8Length("caf\xC3"));           // cut short
  EXPECT_FALSE(Utf8Length("\xFF"));
}

TEST(PlainText, ControlCharactersByWhatTheFieldAccepts) {
  EXPECT_FALSE(HasControl("one line", LineBreaks::kRefused));
  EXPECT_TRUE(HasControl("two\nlines", LineBreaks::kRefused));
  EXPECT_FALSE(HasControl("two\nlines", LineBreaks::kNewline));
  EXPECT_TRUE(HasControl("two\r\nlines", LineBreaks::kNewline));
  EXPECT_FALSE(HasControl("two\r\n\tlines", LineBreaks::kWhitespace));
  EXPECT_TRUE(HasControl("bell\a", LineBreaks::kWhitespace));
  EXPECT_TRUE(HasControl("del\x7F", LineBreaks::kWhitespace));
}

TEST(PlainText, TheFieldMessageOnBothSidesOfItsLimit) {
  EXPECT_EQ(Thousands(0), "0");
  EXPECT_EQ(Thousands(999), "999");
  EXPECT_EQ(Thousands(5000), "5,000");
  EXPECT_EQ(Thousands(1234567), "1,234,567");
  EXPECT_FALSE(PlainTextProblem("ééé", 3, "Title", LineBreaks::kRefused));
  EXPECT_EQ(*PlainTextProblem("éééé", 3, "Title", LineBreaks::kRefused),
            "Title must be 3 characters or fewer");
  EXPECT_EQ(*PlainTextProblem("a\x01", 3, "Title", LineBreaks::kRefused),
            "Title must not contain control characters");
  EXPECT_EQ(*PlainTextProblem("\xFF", 3, "Title", LineBreaks::kRefused),
            "Title must be plain text (UTF-8)");
}

}  // namespace
}  // namespace waymark
