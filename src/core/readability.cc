// Readability: splitting UTF-8 text into sentences and words, counting syllables, the Flesch
// scores, and the plain-words problems.
#include "core/readability.h"

#include <algorithm>
#include <cstddef>
#include <set>

#include <fmt/format.h>

namespace waymark {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr int kExcerptWords = 8;

// The code point at `at` and its length in bytes; an invalid byte is U+FFFD of length 1.
char32_t Decode(std::string_view text, size_t at, size_t& length) {
  const auto lead = static_cast<unsigned char>(text[at]);
  length = 1;
  if (lead < 0x80) return lead;
  size_t extra = 0;
  char32_t code = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    code = lead & 0x07;
  } else {
    return kReplacement;
  }
  if (at + extra >= text.size()) return kReplacement;
  for (size_t i = 1; i <= extra; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return kReplacement;
    code = (code << 6) | (next & 0x3F);
  }
  length = extra + 1;
  return code;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Non-ASCII punctuation, spaces and symbols: they separate words.
bool IsNonAsciiSeparator(char32_t c) {
  return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F) || c >= 0xFFF0;
}

bool IsLetter(char32_t c) { return IsAsciiLetter(c) || (c >= 0x80 && !IsNonAsciiSeparator(c)); }
bool IsWordChar(char32_t c) { return IsLetter(c) || IsDigit(c); }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsSentenceEnd(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

struct Sentence {
  Span span;
  std::vector<Span> words;
};

// Splits text into sentences of words, as described in the header.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::vector<Sentence> Run() {
    size_t at = 0;
    while (at < text_.size()) {
      size_t length = 0;
      const char32_t c = Decode(text_, at, length);
      if (IsWordChar(c)) {
        at = ReadWord(at);
        continue;
      }
      const size_t next = at + length;
      if ((IsSentenceEnd(c) && !IsWordChar(CodeAt(next))) || (c == '\n' && BlankLineFrom(next))) {
        EndSentence(next);
      }
      at = next;
    }
    EndSentence(text_.size());
    return std::move(sentences_);
  }

 private:
  char32_t CodeAt(size_t at) const {
    if (at >= text_.size()) return 0;
    size_t length = 0;
    return Decode(text_, at, length);
  }

  // True when only spaces, tabs and carriage returns lie between `at` and the next line break.
  bool BlankLineFrom(size_t at) const {
    for (; at < text_.size(); ++at) {
      if (text_[at] == '\n') return true;
      if (text_[at] != ' ' && text_[at] != '\t' && text_[at] != '\r') return false;
    }
    return false;
  }

  // Whether the joiner `c` at `at` (ending at `next`) continues the word it follows.
  bool Joins(char32_t c, char32_t previous, size_t next) const {
    const char32_t following = CodeAt(next);
    if (IsApostrophe(c) || IsHyphen(c)) return IsWordChar(previous) && IsWordChar(following);
    if (c == '.' || c == ',') return IsDigit(previous) && IsDigit(following);
    return false;
  }

  size_t ReadWord(size_t begin) {
    size_t at = begin;
    char32_t previous = 0;
    while (at < text_.size()) {
      size_t length = 0;
      const char32_t c = Decode(text_, at, length);
      if (!IsWordChar(c) && !Joins(c, previous, at + length)) break;
      previous = c;
      at += length;
    }
    current_.words.push_back({begin, at});
    return at;
  }

  void EndSentence(size_t end) {
    if (!current_.words.empty()) {
      current_.span = {current_.words.front().begin, end};
      sentences_.push_back(std::move(current_));
    }
    current_ = Sentence{};
  }

  std::string_view text_;
  std::vector<Sentence> sentences_;
  Sentence current_;
};

bool IsVowelAt(const std::string& word, size_t i) {
  const char c = word[i];
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (c == 'y' && i > 0);
}

bool EndsWith(std::string_view word, std::string_view end) {
  return word.size() >= end.size() && word.substr(word.size() - end.size()) == end;
}

bool HasSilentFinalE(const std::string& word) {
  const size_t n = word.size();
  return n >= 2 && word[n - 1] == 'e' && !IsVowelAt(word, n - 2);
}

int VowelGroups(const std::string& word) {
  int groups = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    if (IsVowelAt(word, i) && (i == 0 || !IsVowelAt(word, i - 1))) ++groups;
  }
  return groups;
}

// Whether the final "e", "es" or "ed" of `word` (more than one vowel group) is silent.
bool FinalSyllableIsSilent(const std::string& word) {
  const size_t n = word.size();
  if (HasSilentFinalE(word)) {
    const bool le_after_consonant = n >= 3 && word[n - 2] == 'l' && !IsVowelAt(word, n - 3);
    return !le_after_consonant;
  }
  if (n < 3 || IsVowelAt(word, n - 3)) return false;
  const char before = word[n - 3];
  if (before == 'l' && n >= 4 && !IsVowelAt(word, n - 4)) return false;  // tables, cycled
  if (EndsWith(word, "es")) {
    const bool ch_or_sh = before == 'h' && n >= 4 && (word[n - 4] == 'c' || word[n - 4] == 's');
    return std::string_view("sxzcg").find(before) == std::string_view::npos && !ch_or_sh;
  }
  if (EndsWith(word, "ed")) return before != 't' && before != 'd';
  return false;
}

// Syllables of a lower-case word of ASCII letters (accented vowels mapped to 'a').
int LetterSyllables(const std::string& word) {
  for (const std::string_view suffix : {"ly", "ful", "ment", "ness", "less"}) {
    if (!EndsWith(word, suffix) || word.size() < suffix.size() + 3) continue;
    const std::string stem = word.substr(0, word.size() - suffix.size());
    if (HasSilentFinalE(stem)) return LetterSyllables(stem) + 1;
  }
  int groups = VowelGroups(word);
  if (groups > 1 && FinalSyllableIsSilent(word)) --groups;
  return std::max(groups, 1);
}

bool IsAccentedVowel(char32_t lower) {
  return (lower >= 0xE0 && lower <= 0xE6) || (lower >= 0xE8 && lower <= 0xEF) ||
         (lower >= 0xF2 && lower <= 0xF6) || (lower >= 0xF8 && lower <= 0xFC) || lower == 0xFF;
}

// One hyphen-separated part of a word: its letters for the heuristic and its digit groups.
int PartSyllables(std::string_view part) {
  std::string letters;
  int digit_groups = 0;
  bool in_digits = false;
  for (size_t at = 0; at < part.size();) {
    size_t length = 0;
    char32_t c = Decode(part, at, length);
    at += length;
    const bool digit = IsDigit(c);
    if (digit && !in_digits) ++digit_groups;
    in_digits = digit;
    if (digit || !IsLetter(c)) continue;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) c += 0x20;
    if (c < 0x80) {
      letters.push_back(static_cast<char>(c));
    } else {
      letters.push_back(IsAccentedVowel(c) ? 'a' : 'k');
    }
  }
  if (letters.empty() && digit_groups == 0) return 0;
  const int from_letters = letters.empty() ? 0 : LetterSyllables(letters);
  if (!letters.empty() && VowelGroups(letters) == 0 && digit_groups > 0) {
    return digit_groups;  // "10th", "KS2": the number carries the word
  }
  return std::max(1, from_letters + digit_groups);
}

// The parts of a word between hyphens.
std::vector<std::string_view> HyphenParts(std::string_view word) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = 0; at < word.size();) {
    size_t length = 0;
    const char32_t c = Decode(word, at, length);
    if (IsHyphen(c)) {
      parts.push_back(word.substr(start, at - start));
      start = at + length;
    }
    at += length;
  }
  parts.push_back(word.substr(start));
  return parts;
}

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The abbreviation a word part is ("CAMHS" from "CAMHS", "GPs" or "NHS's"), or "".
std::string AbbreviationOf(std::string_view part) {
  for (const std::string_view possessive : {"'s", "\u2019s"}) {
    if (EndsWith(part, possessive)) part.remove_suffix(possessive.size());
  }
  if (EndsWith(part, "s")) part.remove_suffix(1);
  int capitals = 0;
  for (const char c : part) {
    if (c >= 'a' && c <= 'z') return "";
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2 ? std::string(part) : "";
}

std::string Excerpt(std::string_view text, const Sentence& sentence) {
  const size_t shown = std::min<size_t>(sentence.words.size(), kExcerptWords);
  std::string excerpt(text.substr(sentence.words.front().begin,
                                  sentence.words[shown - 1].end - sentence.words.front().begin));
  if (shown < sentence.words.size()) excerpt.append("\u2026");
  return excerpt;
}

bool HasSmallLetter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

size_t SkipSpaces(std::string_view text, size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

// Whether the abbreviation in `word` (the i-th word of `sentence`) is spelt out there.
bool SpeltOutAt(std::string_view text, const Sentence& sentence, size_t i) {
  const Span word = sentence.words[i];
  // "words in full (ABBR)": in brackets, after a word with a small letter.
  if (i > 0 && word.begin > 0 && text[word.begin - 1] == '(' && word.end < text.size() &&
      text[word.end] == ')') {
    const Span before = sentence.words[i - 1];
    return HasSmallLetter(text.substr(before.begin, before.end - before.begin));
  }
  // "ABBR (words in full)": brackets next, holding a word with a small letter.
  const size_t open = SkipSpaces(text, word.end);
  if (open >= text.size() || text[open] != '(') return false;
  const size_t close = text.find(')', open);
  const std::string_view inside = text.substr(
      open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1);
  return HasSmallLetter(inside);
}

void SentenceProblems(std::string_view text, const Sentence& sentence, int index,
                      std::vector<ReadabilityProblem>& problems) {
  const int words = static_cast<int>(sentence.words.size());
  if (words > kMaxSentenceWords) {
    problems.push_back({ProblemKind::kLongSentence, index, Excerpt(text, sentence),
                        fmt::format("sentence {} has {} words: keep sentences to {} words or "
                                    "fewer",
                                    index, words, kMaxSentenceWords)});
  }
  const auto numbers = std::count_if(sentence.words.begin(), sentence.words.end(), [&](Span w) {
    return HasDigit(text.substr(w.begin, w.end - w.begin));
  });
  if (numbers > kMaxNumbersPerSentence) {
    problems.push_back({ProblemKind::kManyNumbers, index, Excerpt(text, sentence),
                        fmt::format("sentence {} has {} numbers: use no more than {} in a "
                                    "sentence",
                                    index, numbers, kMaxNumbersPerSentence)});
  }
}

void AbbreviationProblems(std::string_view text, const Sentence& sentence, int index,
                          std::set<std::string>& known, std::vector<ReadabilityProblem>& problems) {
  for (size_t i = 0; i < sentence.words.size(); ++i) {
    const Span word = sentence.words[i];
    for (const std::string_view part :
         HyphenParts(text.substr(word.begin, word.end - word.begin))) {
      const std::string abbreviation = AbbreviationOf(part);
      if (abbreviation.empty() || known.count(abbreviation) > 0) continue;
      known.insert(abbreviation);
      if (SpeltOutAt(text, sentence, i)) continue;
      problems.push_back(
          {ProblemKind::kAbbreviation, index, Excerpt(text, sentence),
           fmt::format("sentence {}: {} is not spelt out; the first time, write the words in "
                       "full with ({}) after them",
                       index, abbreviation, abbreviation)});
    }
  }
}

}  // namespace

int SyllablesOf(std::string_view word) {
  int syllables = 0;
  for (const std::string_view part : HyphenParts(word)) syllables += PartSyllables(part);
  return syllables;
}

TextStats ReadabilityOf(std::string_view text) {
  TextStats stats;
  for (const Sentence& sentence : Scanner(text).Run()) {
    ++stats.sentences;
    for (const Span word : sentence.words) {
      ++stats.words;
      stats.syllables += std::max(1, SyllablesOf(text.substr(word.begin, word.end - word.begin)));
    }
  }
  if (stats.words == 0) return stats;
  const double words_per_sentence = static_cast<double>(stats.words) / stats.sentences;
  const double syllables_per_word = static_cast<double>(stats.syllables) / stats.words;
  ReadabilityScores scores;
  scores.reading_ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word;
  scores.grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59;
  scores.reading_age = scores.grade + 5;
  stats.scores = scores;
  return stats;
}

std::vector<ReadabilityProblem> PlainWordsProblems(std::string_view text) {
  std::vector<ReadabilityProblem> problems;
  std::set<std::string> known;  // abbreviations spelt out or already reported
  int index = 0;
  for (const Sentence& sentence : Scanner(text).Run()) {
    ++index;
    SentenceProblems(text, sentence, index, problems);
    AbbreviationProblems(text, sentence, index, known, problems);
  }
  return problems;
}

}  // namespace waymark
