// Readability of plain English, for the children's version of reports: counts of sentences,
// words and syllables, the Flesch reading ease and Flesch-Kincaid grade with the reading age
// they imply, and the plain-words problems a writer for children should fix (long sentences,
// several numbers in one sentence, abbreviations not spelt out). Pure: no I/O.
//
// How text is read (UTF-8):
// - A word is a run of letters and digits, with apostrophes (' and U+2019) and hyphens inside
//   it ("don't", "well-being" and "2019-23" are one word each), and '.' or ',' between digits
//   ("12.5", "1,234"). Non-ASCII characters count as letters ("café" is one word) except
//   punctuation, spaces and symbols, which separate words: U+0080-U+00BF, U+00D7, U+00F7,
//   U+2000-U+2BFF (curly quotes, dashes, bullets, arrows), U+3000-U+303F, U+FE00-U+FE0F and
//   U+FFF0 upwards (emoji too); U+2010 and U+2011 are hyphens.
// - A sentence ends at '.', '!', '?' or '…' (U+2026) not followed by a letter or a digit
//   ("12.5" and "waymark.org" do not end one), and at a blank line (two line breaks). Text
//   after the last end with a word in it is a sentence too. "e.g." ends a sentence: plain
//   English avoids such abbreviations anyway.
// - Syllables (SyllablesOf) are counted by an English heuristic, for each hyphen-separated
//   part of a word: apostrophes are dropped; groups of vowels (a e i o u, and y except as the
//   first letter; á é è ê ë ï î ó ö ô ú ü û à â also) count one each; a final "e" after a
//   consonant is silent ("make" 1) unless it is the only vowel group ("the" 1) or ends "-le"
//   after a consonant ("table" 2, "people" 2); a final "es" or "ed" after a consonant is
//   silent too ("games" 1, "jumped" 1) except "-es" after s, x, z, c, g, ch or sh ("boxes"
//   2, "places" 2), "-ed" after t or d ("wanted" 2) and "-les"/"-led" after a consonant
//   ("tables" 2); the suffixes "ly", "ful", "ment", "ness" and "less" after a stem ending in a
//   silent "e" count one and the stem alone ("lovely" 2, "hopeful" 2, "statement" 2). Each
//   group of digits counts one ("2023" 1, "12.5" 2, "1,234" 2), and a part whose letters have
//   no vowel counts its digit groups only ("10th" 1, "KS2" 1). Every word has at least one.
//   The heuristic is right for most everyday words and wrong for some ("idea" 2, "recipe" 2,
//   "CAMHS" 1); it is a guide for the writer, not a judgement.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// The scores of a text with at least one word.
struct ReadabilityScores {
  // Flesch reading ease (Flesch, R. 1948. "A new readability yardstick", Journal of Applied
  // Psychology 32(3): 221-233): 206.835 - 1.015 x words/sentences - 84.6 x syllables/words.
  // Higher is easier; 90-100 is easily understood by an average 11-year-old. Not clamped, so
  // very simple text can score above 100.
  double reading_ease = 0;
  // Flesch-Kincaid grade level (Kincaid, J.P., Fishburne, R.P., Rogers, R.L. and Chissom, B.S.
  // 1975. "Derivation of new readability formulas ... for Navy enlisted personnel", Research
  // Branch Report 8-75): 0.39 x words/sentences + 11.8 x syllables/words - 15.59, a US school
  // grade. Not clamped, so very simple text can score below 0.
  double grade = 0;
  // The reading age in years: the grade + 5, the convention in the UK for turning a US grade
  // into an age (grade 1 is the year children turn 6 or 7, as Year 2 in England).
  double reading_age = 0;
};

struct TextStats {
  int sentences = 0;
  int words = 0;
  int syllables = 0;
  // nullopt when the text has no words (empty, blanks or punctuation only): nothing to score.
  std::optional<ReadabilityScores> scores;
};

TextStats ReadabilityOf(std::string_view text);

// The syllables of one word by the heuristic above; 0 for a text with no letter or digit.
int SyllablesOf(std::string_view word);

inline constexpr int kMaxSentenceWords = 20;      // more is a long sentence
inline constexpr int kMaxNumbersPerSentence = 1;  // more is too many numbers

enum class ProblemKind {
  kLongSentence,  // more than kMaxSentenceWords words
  kManyNumbers,   // more than kMaxNumbersPerSentence numbers (words with a digit)
  kAbbreviation,  // an abbreviation in capitals not spelt out before it is used
};

struct ReadabilityProblem {
  ProblemKind kind = ProblemKind::kLongSentence;
  int sentence = 0;     // 1-based, counting sentences as ReadabilityOf does
  std::string excerpt;  // the sentence's first words, to find it by
  std::string message;
};

// The plain-words problems of `text`, in order of sentence. An abbreviation is a word of two
// or more capital letters with no small letter (digits allowed: "KS2"; a plural or possessive
// "s" is not part of it: "GPs", "NHS's"). It is spelt out where it first appears either in
// brackets right after a word with a small letter ("Child and Adolescent Mental Health
// Services (CAMHS)") or followed by brackets holding a small letter ("CAMHS (Child and
// Adolescent Mental Health Services)"); each abbreviation used before that, or never spelt
// out, is reported once, at its first use.
std::vector<ReadabilityProblem> PlainWordsProblems(std::string_view text);

}  // namespace waymark
