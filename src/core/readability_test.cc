// Tests of readability: syllable counts of words, sentence and word splitting (UTF-8, numbers,
// ellipses, blank lines), the Flesch scores against values computed by hand, empty text, and
// the plain-words problems on both sides of each threshold.
#include "core/readability.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace waymark {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr double kTolerance = 1e-9;

TEST(SyllablesOf, CountsEverydayWords) {
  EXPECT_EQ(SyllablesOf("table"), 2);
  EXPECT_EQ(SyllablesOf("make"), 1);
  EXPECT_EQ(SyllablesOf("children"), 2);
  EXPECT_EQ(SyllablesOf("beautiful"), 3);
  EXPECT_EQ(SyllablesOf("people"), 2);
  EXPECT_EQ(SyllablesOf("the"), 1);
  EXPECT_EQ(SyllablesOf("cat"), 1);
  EXPECT_EQ(SyllablesOf("school"), 1);
  EXPECT_EQ(SyllablesOf("young"), 1);
  EXPECT_EQ(SyllablesOf("yes"), 1);
  EXPECT_EQ(SyllablesOf("happy"), 2);
  EXPECT_EQ(SyllablesOf("family"), 3);
  EXPECT_EQ(SyllablesOf("education"), 4);
  EXPECT_EQ(SyllablesOf("because"), 2);
  EXPECT_EQ(SyllablesOf("there"), 1);
}

TEST(SyllablesOf, FollowsTheRulesForEndings) {
  EXPECT_EQ(SyllablesOf("games"), 1);     // silent -es
  EXPECT_EQ(SyllablesOf("boxes"), 2);     // -es after x
  EXPECT_EQ(SyllablesOf("places"), 2);    // -es after c
  EXPECT_EQ(SyllablesOf("churches"), 2);  // -es after ch
  EXPECT_EQ(SyllablesOf("jumped"), 1);    // silent -ed
  EXPECT_EQ(SyllablesOf("wanted"), 2);    // -ed after t
  EXPECT_EQ(SyllablesOf("needed"), 2);    // -ed after d
  EXPECT_EQ(SyllablesOf("tables"), 2);    // -les after a consonant
  EXPECT_EQ(SyllablesOf("smiles"), 1);    // -les after a vowel
  EXPECT_EQ(SyllablesOf("whole"), 1);     // -le after a vowel is a silent e
  EXPECT_EQ(SyllablesOf("little"), 2);
  EXPECT_EQ(SyllablesOf("lovely"), 2);  // stem with a silent e + -ly
  EXPECT_EQ(SyllablesOf("hopeful"), 2);
  EXPECT_EQ(SyllablesOf("statement"), 2);
  EXPECT_EQ(SyllablesOf("useless"), 2);
  EXPECT_EQ(SyllablesOf("completely"), 3);
}

TEST(SyllablesOf, ReadsCapitalsApostrophesHyphensDigitsAndAccents) {
  EXPECT_EQ(SyllablesOf("Table"), 2);
  EXPECT_EQ(SyllablesOf("TABLE"), 2);
  EXPECT_EQ(SyllablesOf("don't"), 1);
  EXPECT_EQ(SyllablesOf("children’s"), 2);  // U+2019
  EXPECT_EQ(SyllablesOf("make-believe"), 3);
  EXPECT_EQ(SyllablesOf("2023"), 1);
  EXPECT_EQ(SyllablesOf("12.5"), 2);
  EXPECT_EQ(SyllablesOf("1,234"), 2);
  EXPECT_EQ(SyllablesOf("2019-23"), 2);
  EXPECT_EQ(SyllablesOf("10th"), 1);
  EXPECT_EQ(SyllablesOf("KS2"), 1);
  EXPECT_EQ(SyllablesOf("café"), 2);
  EXPECT_EQ(SyllablesOf("CAFÉ"), 2);
  EXPECT_EQ(SyllablesOf("brr"), 1);  // at least one
  EXPECT_EQ(SyllablesOf(""), 0);
  EXPECT_EQ(SyllablesOf("–"), 0);
}

TEST(ReadabilityOf, TheCatSatOnTheMat) {
  const TextStats stats = ReadabilityOf("The cat sat on the mat.");
  EXPECT_EQ(stats.sentences, 1);
  EXPECT_EQ(stats.words, 6);
  EXPECT_EQ(stats.syllables, 6);
  ASSERT_TRUE(stats.scores.has_value());
  // 206.835 - 1.015 * 6 - 84.6 * 1 and 0.39 * 6 + 11.8 * 1 - 15.59.
  EXPECT_THAT(stats.scores->reading_ease, DoubleNear(116.145, kTolerance));
  EXPECT_THAT(stats.scores->grade, DoubleNear(-1.45, kTolerance));
  EXPECT_THAT(stats.scores->reading_age, DoubleNear(3.55, kTolerance));
}

TEST(ReadabilityOf, TwoShortSentences) {
  // 10 words (5 a sentence), 11 syllables ("Children" 2).
  const TextStats stats = ReadabilityOf("We made a new park. Children play there each day.");
  EXPECT_EQ(stats.sentences, 2);
  EXPECT_EQ(stats.words, 10);
  EXPECT_EQ(stats.syllables, 11);
  ASSERT_TRUE(stats.scores.has_value());
  // 206.835 - 1.015 * 5 - 84.6 * 1.1 = 108.7; 0.39 * 5 + 11.8 * 1.1 - 15.59 = -0.66.
  EXPECT_THAT(stats.scores->reading_ease, DoubleNear(108.7, kTolerance));
  EXPECT_THAT(stats.scores->grade, DoubleNear(-0.66, kTolerance));
  EXPECT_THAT(stats.scores->reading_age, DoubleNear(4.34, kTolerance));
}

TEST(ReadabilityOf, JargonScoresBelowZeroAndIsNotClamped) {
  // The 1, partnership 3, will 1, commission 3, integrated 4, services 3: 15 syllables.
  const TextStats stats = ReadabilityOf("The partnership will commission integrated services.");
  EXPECT_EQ(stats.words, 6);
  EXPECT_EQ(stats.syllables, 15);
  ASSERT_TRUE(stats.scores.has_value());
  // 206.835 - 6.09 - 84.6 * 2.5 = -10.755; 2.34 + 11.8 * 2.5 - 15.59 = 16.25.
  EXPECT_THAT(stats.scores->reading_ease, DoubleNear(-10.755, kTolerance));
  EXPECT_THAT(stats.scores->grade, DoubleNear(16.25, kTolerance));
  EXPECT_THAT(stats.scores->reading_age, DoubleNear(21.25, kTolerance));
}

TEST(ReadabilityOf, TextWithoutWordsHasNoScores) {
  for (const char* text : {"", "   \n\n  ", "... !? – “ ”"}) {
    const TextStats stats = ReadabilityOf(text);
    EXPECT_EQ(stats.sentences, 0) << text;
    EXPECT_EQ(stats.words, 0) << text;
    EXPECT_EQ(stats.syllables, 0) << text;
    EXPECT_FALSE(stats.scores.has_value()) << text;
  }
}

TEST(ReadabilityOf, CurlyQuotesAndDashesCountAsPunctuation) {
  const TextStats curly = ReadabilityOf("“Let’s go,” she said – quickly.");
  const TextStats plain = ReadabilityOf("\"Let's go,\" she said - quickly.");
  EXPECT_EQ(curly.sentences, 1);
  EXPECT_EQ(curly.words, 5);
  EXPECT_EQ(curly.syllables, 6);  // quickly 2
  EXPECT_EQ(plain.sentences, curly.sentences);
  EXPECT_EQ(plain.words, curly.words);
  EXPECT_EQ(plain.syllables, curly.syllables);
  EXPECT_EQ(ReadabilityOf("Read—then play.").words, 3);  // em dash without spaces
  EXPECT_EQ(ReadabilityOf("Fun\u00a0time.").words, 2);   // no-break space
}

TEST(ReadabilityOf, FindsTheEndsOfSentences) {
  EXPECT_EQ(ReadabilityOf("Hello world").sentences, 1);  // no full stop
  EXPECT_EQ(ReadabilityOf("Stop! Why? Go.").sentences, 3);
  EXPECT_EQ(ReadabilityOf("We tried… It worked.").sentences, 2);
  EXPECT_EQ(ReadabilityOf("We tried... It worked!!").sentences, 2);
  EXPECT_EQ(ReadabilityOf("What we promised\n\nWe said we would help.").sentences, 2);
  EXPECT_EQ(ReadabilityOf("What we\npromised").sentences, 1);  // one line break does not end
  EXPECT_EQ(ReadabilityOf("(We played.) Then we ate.").sentences, 2);
  const TextStats numbers = ReadabilityOf("The rate was 12.5 in 2023. See waymark.org now.");
  EXPECT_EQ(numbers.sentences, 2);
  EXPECT_EQ(numbers.words, 10);  // The rate was 12.5 in 2023 / See waymark org now
}

TEST(ReadabilityOf, SurvivesInvalidUtf8) {
  const TextStats stats = ReadabilityOf("caf\xff ok. abc\xe2\x80");
  EXPECT_EQ(stats.words, 3);
  EXPECT_EQ(stats.sentences, 2);
}

std::string Words(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text.append(i == 0 ? "Word" : " word");
  return text + ".";
}

TEST(PlainWordsProblems, ASentenceOf20WordsIsFineAnd21IsLong) {
  EXPECT_THAT(PlainWordsProblems(Words(20)), IsEmpty());
  const std::vector<ReadabilityProblem> problems = PlainWordsProblems("Hi. " + Words(21));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].kind, ProblemKind::kLongSentence);
  EXPECT_EQ(problems[0].sentence, 2);
  EXPECT_EQ(problems[0].excerpt, "Word word word word word word word word…");
  EXPECT_EQ(problems[0].message, "sentence 2 has 21 words: keep sentences to 20 words or fewer");
}

TEST(PlainWordsProblems, OneNumberInASentenceIsFineAndTwoAreTooMany) {
  EXPECT_THAT(PlainWordsProblems("We helped 12.5 thousand children."), IsEmpty());
  EXPECT_THAT(PlainWordsProblems("In 2023 we helped. Then 45 more came."), IsEmpty());
  const std::vector<ReadabilityProblem> problems =
      PlainWordsProblems("We opened a park. In 2023, 45 children used it.");
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].kind, ProblemKind::kManyNumbers);
  EXPECT_EQ(problems[0].sentence, 2);
  EXPECT_EQ(problems[0].excerpt, "In 2023, 45 children used it");
  EXPECT_EQ(problems[0].message, "sentence 2 has 2 numbers: use no more than 1 in a sentence");
}

TEST(PlainWordsProblems, AnAbbreviationNotSpeltOutIsReportedOnceAtItsFirstUse) {
  const std::vector<ReadabilityProblem> problems =
      PlainWordsProblems("We like it. CAMHS helps children. CAMHS is free. Ask CAMHS.");
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].kind, ProblemKind::kAbbreviation);
  EXPECT_EQ(problems[0].sentence, 2);
  EXPECT_EQ(problems[0].message,
            "sentence 2: CAMHS is not spelt out; the first time, write the words in full with "
            "(CAMHS) after them");
}

TEST(PlainWordsProblems, AnAbbreviationSpeltOutInBracketsEitherWayIsFine) {
  EXPECT_THAT(PlainWordsProblems("Child and Adolescent Mental Health Services (CAMHS) help "
                                 "children. CAMHS is free."),
              IsEmpty());
  EXPECT_THAT(PlainWordsProblems("CAMHS (Child and Adolescent Mental Health Services) help. "
                                 "CAMHS is free."),
              IsEmpty());
}

TEST(PlainWordsProblems, SpellingOutAfterTheFirstUseIsTooLate) {
  const std::vector<ReadabilityProblem> problems = PlainWordsProblems(
      "SEND support grew. Special educational needs and disabilities (SEND) matter.");
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].sentence, 1);
  EXPECT_THAT(problems[0].message, HasSubstr("SEND is not spelt out"));
}

TEST(PlainWordsProblems, BracketsNeedWordsBeforeOrSmallLettersInside) {
  EXPECT_THAT(PlainWordsProblems("(CAMHS) helps."),
              ElementsAre(Field(&ReadabilityProblem::kind, ProblemKind::kAbbreviation)));
  EXPECT_THAT(PlainWordsProblems("CAMHS (NHS) helps."),
              ElementsAre(Field(&ReadabilityProblem::message, HasSubstr("CAMHS is not")),
                          Field(&ReadabilityProblem::message, HasSubstr("NHS is not"))));
}

TEST(PlainWordsProblems, FindsAbbreviationsInPluralsPossessivesAndHyphenatedWords) {
  EXPECT_THAT(PlainWordsProblems("Ask GPs."),
              ElementsAre(Field(&ReadabilityProblem::message, HasSubstr(" GP is not"))));
  EXPECT_THAT(PlainWordsProblems("The NHS’s help."),
              ElementsAre(Field(&ReadabilityProblem::message, HasSubstr(" NHS is not"))));
  EXPECT_THAT(PlainWordsProblems("SEND-related help."),
              ElementsAre(Field(&ReadabilityProblem::message, HasSubstr(" SEND is not"))));
  EXPECT_THAT(PlainWordsProblems("Pupils in KS2 read."),
              ElementsAre(Field(&ReadabilityProblem::message, HasSubstr(" KS2 is not"))));
}

TEST(PlainWordsProblems, SingleCapitalsAndOrdinaryWordsAreNotAbbreviations) {
  EXPECT_THAT(PlainWordsProblems("I think A is first. Barnet is in London. It is OK."),
              ElementsAre(Field(&ReadabilityProblem::message, HasSubstr(" OK is not"))));
  EXPECT_THAT(PlainWordsProblems(""), IsEmpty());
}

TEST(PlainWordsProblems, ReportsEveryKindInOneSentenceInOrder) {
  const std::string text = "In 2023 and 2024 the NHS " + Words(18);
  EXPECT_THAT(PlainWordsProblems(text),
              ElementsAre(Field(&ReadabilityProblem::kind, ProblemKind::kLongSentence),
                          Field(&ReadabilityProblem::kind, ProblemKind::kManyNumbers),
                          Field(&ReadabilityProblem::kind, ProblemKind::kAbbreviation)));
}

}  // namespace
}  // namespace waymark
