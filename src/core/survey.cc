// Survey definitions (see survey.h): the fixed band lists and Likert scales, the checks of a
// definition, and finding questions, wording and waves.
#include "core/survey.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/cycle.h"
#include "core/plain_text.h"
#include "core/readability.h"

namespace waymark {
namespace {

constexpr std::size_t kMaxTitleLength = 120;
constexpr std::size_t kMaxQuestionTextLength = 300;
constexpr std::size_t kMaxHintLength = 500;
constexpr std::size_t kMaxIntroLength = 1000;
constexpr std::size_t kMaxWordingLength = 1500;
constexpr std::size_t kMaxLabelLength = 200;
constexpr std::size_t kMaxWaveNameLength = 80;
constexpr std::size_t kMinCodeLength = 3;
constexpr std::size_t kMaxCodeLength = 40;
constexpr std::size_t kMinOptions = 2;
constexpr std::size_t kMaxOptions = 30;
constexpr std::size_t kMaxLikertOptions = 11;

const std::array<SurveyOption, 5> kAgeBands = {{{"8-10", "8 to 10"},
                                                {"11-13", "11 to 13"},
                                                {"14-16", "14 to 16"},
                                                {"17-19", "17 to 19"},
                                                {"20-25", "20 to 25"}}};
const std::array<SurveyOption, 4> kSchoolPhases = {
    {{"primary", "Primary school"},
     {"secondary", "Secondary school"},
     {"college", "College or sixth form"},
     {"not-in-education", "Not in school or college"}}};
const std::array<SurveyOption, 3> kGenders = {{{"girl", "Girl or young woman"},
                                               {"boy", "Boy or young man"},
                                               {"another-way", "In another way"}}};
const std::array<SurveyOption, 3> kSend = {
    {{"yes", "Yes"}, {"no", "No"}, {"not-sure", "Not sure"}}};
const std::array<SurveyOption, 3> kCare = {{{"in-care", "I am in care"},
                                            {"care-experienced", "I have been in care"},
                                            {"neither", "Neither"}}};

const std::array<std::string_view, 4> kScaleNames = {"agree5", "agree3", "often5", "happy5"};
const std::array<SurveyOption, 5> kAgree5 = {{{"strongly-agree", "Strongly agree"},
                                              {"agree", "Agree"},
                                              {"neither", "Neither agree nor disagree"},
                                              {"disagree", "Disagree"},
                                              {"strongly-disagree", "Strongly disagree"}}};
const std::array<SurveyOption, 3> kAgree3 = {
    {{"agree", "Agree"}, {"not-sure", "Not sure"}, {"disagree", "Disagree"}}};
const std::array<SurveyOption, 5> kOften5 = {{{"always", "Always"},
                                              {"often", "Often"},
                                              {"sometimes", "Sometimes"},
                                              {"rarely", "Rarely"},
                                              {"never", "Never"}}};
const std::array<SurveyOption, 5> kHappy5 = {{{"very-happy", "Very happy"},
                                              {"happy", "Happy"},
                                              {"okay", "Okay"},
                                              {"unhappy", "Unhappy"},
                                              {"very-unhappy", "Very unhappy"}}};


bool IsBlank(std::string_view text) { return TrimBlank(text).empty(); }

// Collects problems under a path prefix.
class Checker {
 public:
  explicit Checker(FieldErrors& errors) : errors_(errors) {}
  void Add(std::string field, std::string message) {
    errors_.push_back(FieldError{std::move(field), std::move(message)});
  }
  void Slug(const std::string& field, std::string_view id, std::string_view what) {
    if (id.empty()) return Add(field, fmt::format("Enter the {} id", what));
    if (!IsValidSlug(id)) {
      Add(field, fmt::format("The {} id '{}' must be 1 to 64 characters of a-z, 0-9 and '-', "
                             "not starting or ending with '-'",
                             what, id));
    }
  }
  // A required one-line (or, with `breaks`, multi-line) text of at most `max` characters.
  void Text(const std::string& field, std::string_view text, std::size_t max,
            std::string_view label, bool required, LineBreaks breaks = LineBreaks::kRefused) {
    if (IsBlank(text)) {
      if (required) Add(field, fmt::format("Enter the {}", label));
      return;
    }
    std::string upper(label);
    upper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[0])));
    if (auto problem = PlainTextProblem(text, max, upper, breaks)) Add(field, *problem);
  }
  void PlainWords(const std::string& field, std::string_view text) {
    for (const ReadabilityProblem& p : PlainWordsProblems(text)) {
      Add(field, fmt::format("Use plain words: sentence {} (\"{}\"): {}", p.sentence, p.excerpt,
                             p.message));
    }
  }

 private:
  FieldErrors& errors_;
};

void CheckHeader(const Survey& s, Checker& c) {
  c.Slug("survey.id", s.id, "survey");
  if (s.code.empty()) {
    c.Add("survey.code", "Enter the survey code (its address is /s/CODE)");
  } else if (!IsValidSlug(s.code) || s.code.size() < kMinCodeLength ||
             s.code.size() > kMaxCodeLength) {
    c.Add("survey.code", fmt::format("The survey code '{}' must be {} to {} characters of a-z, "
                                     "0-9 and '-', not starting or ending with '-'",
                                     s.code, kMinCodeLength, kMaxCodeLength));
  }
  c.Text("survey.title", s.title, kMaxTitleLength, "survey title", true);
  if (s.threshold < kMinThreshold || s.threshold > kMaxThreshold) {
    c.Add("survey.threshold", fmt::format("The threshold must be a whole number from {} to {}",
                                          kMinThreshold, kMaxThreshold));
  }
}

void CheckWording(const Survey& s, Checker& c) {
  if (s.wording.empty()) {
    c.Add("wording", "Give the introduction and consent wording for at least one age band");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s.wording.size(); ++i) {
    const AgeWording& w = s.wording[i];
    const std::string path = fmt::format("wording[{}]", i);
    const auto bands = AgeBands();
    if (std::none_of(bands.begin(), bands.end(), [&](const auto& b) { return b.id == w.ages; })) {
      c.Add(path + ".ages", fmt::format("The age band '{}' must be one of 8-10, 11-13, 14-16, "
                                        "17-19, 20-25",
                                        w.ages));
    } else if (!seen.insert(w.ages).second) {
      c.Add(path + ".ages", fmt::format("The age band '{}' has wording twice", w.ages));
    }
    c.Text(path + ".introduction", w.introduction, kMaxWordingLength, "introduction", true,
           LineBreaks::kNewline);
    c.PlainWords(path + ".introduction", w.introduction);
    c.Text(path + ".consent", w.consent, kMaxWordingLength, "consent wording", true,
           LineBreaks::kNewline);
    c.PlainWords(path + ".consent", w.consent);
  }
}

void CheckWards(const Survey& s, Checker& c) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s.wards.size(); ++i) {
    const std::string path = fmt::format("wards[{}]", i);
    const SurveyOption& ward = s.wards[i];
    if (ward.id.empty() || ward.id == kPreferNotToSay) {
      c.Add(path + ".id", "Give each ward its code");
    } else if (!seen.insert(ward.id).second) {
      c.Add(path + ".id", fmt::format("The ward '{}' is listed twice", ward.id));
    }
    c.Text(path + ".label", ward.label, kMaxLabelLength, "ward name", true);
  }
}

void CheckOptions(const Question& q, const std::string& path, std::size_t max_options, Checker& c) {
  if (q.options.size() < kMinOptions || q.options.size() > max_options) {
    c.Add(path + ".options", fmt::format("Give from {} to {} options", kMinOptions, max_options));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const std::string op = fmt::format("{}.options[{}]", path, i);
    const SurveyOption& o = q.options[i];
    c.Slug(op + ".id", o.id, "option");
    if (!o.id.empty() && !seen.insert(o.id).second) {
      c.Add(op + ".id", fmt::format("The option id '{}' is used twice in this question", o.id));
    }
    c.Text(op + ".label", o.label, kMaxLabelLength, "option label", true);
  }
}

void CheckAboutYou(const Survey& s, const Question& q, const std::string& path, Checker& c) {
  if (q.kind != QuestionKind::kSingleChoice) {
    c.Add(path + ".kind", "An about-you question is a single choice among its bands");
  }
  if (q.required) c.Add(path + ".required", "About-you questions are always optional");
  if (*q.about_you == AboutYou::kWard && s.wards.empty()) {
    c.Add(path + ".about_you", "The ward question needs the list of wards: import the areas first");
  } else if (q.options != BandOptions(*q.about_you, s.wards)) {
    c.Add(path + ".options",
          fmt::format("An about-you question offers only the fixed bands of '{}'",
                      AboutYouName(*q.about_you)));
  }
  if (q.feeds) c.Add(path + ".feeds", "An about-you question cannot feed an indicator");
}

void CheckKindFields(const Question& q, const std::string& path, Checker& c) {
  const bool choice = IsChoice(q.kind);
  if (!choice && !q.options.empty()) c.Add(path + ".options", "Only choice questions have options");
  if (q.kind != QuestionKind::kLikert && !q.scale.empty()) {
    c.Add(path + ".scale", "Only Likert questions have a scale");
  }
  if (q.kind != QuestionKind::kMultipleChoice && (q.min_choices != 0 || q.max_choices != 0)) {
    c.Add(path + ".max_choices", "Only multiple choice questions have limits on answers");
  }
  if (q.kind != QuestionKind::kNumber && (q.min || q.max)) {
    c.Add(path + ".min", "Only number questions have bounds");
  }
  if (q.kind != QuestionKind::kFreeText && q.max_length != 0) {
    c.Add(path + ".max_length", "Only free-text questions have a length limit");
  }
}

void CheckLikert(const Question& q, const std::string& path, Checker& c) {
  if (q.scale.empty()) return CheckOptions(q, path, kMaxLikertOptions, c);
  const auto preset = LikertScale(q.scale);
  if (!preset) {
    c.Add(path + ".scale", fmt::format("There is no Likert scale '{}' (scales: agree5, agree3, "
                                       "often5, happy5)",
                                       q.scale));
  } else if (q.options != *preset) {
    c.Add(path + ".options", "Give a scale or options, not both");
  }
}

void CheckChoices(const Question& q, const std::string& path, Checker& c) {
  const int n = static_cast<int>(q.options.size());
  if (q.min_choices < 0 || q.min_choices > n) {
    c.Add(path + ".min_choices", fmt::format("min_choices must be from 0 to {}", n));
  }
  if (q.max_choices < 0 || q.max_choices > n) {
    c.Add(path + ".max_choices", fmt::format("max_choices must be from 0 to {}", n));
  } else if (q.max_choices > 0 && q.min_choices > q.max_choices) {
    c.Add(path + ".max_choices", "max_choices must not be less than min_choices");
  }
}

void CheckNumber(const Question& q, const std::string& path, Checker& c) {
  const auto bound = [&](const std::optional<double>& v, std::string_view key) {
    const std::string field = fmt::format("{}.{}", path, key);
    if (!v) return c.Add(field, fmt::format("A number question needs its {} bound", key));
    if (!std::isfinite(*v) || std::fabs(*v) > kMaxNumberMagnitude) {
      return c.Add(field, fmt::format("The {} bound must be between -1,000,000,000 and "
                                      "1,000,000,000",
                                      key));
    }
    if (q.whole && std::trunc(*v) != *v) {
      c.Add(field, fmt::format("The {} bound must be a whole number", key));
    }
  };
  bound(q.min, "min");
  bound(q.max, "max");
  if (q.min && q.max && !(*q.min < *q.max)) c.Add(path + ".max", "max must be more than min");
}

void CheckShowIf(const Question& q, const std::string& path,
                 const std::map<std::string, const Question*>& earlier, const Survey& s,
                 Checker& c) {
  const ShowIf& rule = *q.show_if;
  const std::string field = path + ".show_if";
  const auto it = earlier.find(rule.question);
  if (it == earlier.end()) {
    if (rule.question == q.id) {
      c.Add(field + ".question", "A question cannot be shown on its own answer");
    } else if (FindQuestion(s, rule.question) != nullptr) {
      c.Add(field + ".question", fmt::format("Routing must refer to an earlier question: '{}' "
                                             "comes after this one",
                                             rule.question));
    } else {
      c.Add(field + ".question", fmt::format("There is no question '{}'", rule.question));
    }
    return;
  }
  const Question& target = *it->second;
  if (!IsChoice(target.kind)) {
    c.Add(field + ".question",
          fmt::format("Routing needs a choice question; '{}' is not one", rule.question));
    return;
  }
  if (rule.any_of.empty()) c.Add(field + ".any_of", "Name at least one option of routing");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < rule.any_of.size(); ++i) {
    const std::string f = fmt::format("{}.any_of[{}]", field, i);
    if (!HasOption(target, rule.any_of[i])) {
      c.Add(f, fmt::format("Question '{}' has no option '{}'", rule.question, rule.any_of[i]));
    } else if (!seen.insert(rule.any_of[i]).second) {
      c.Add(f, fmt::format("The option '{}' is named twice", rule.any_of[i]));
    }
  }
}

void CheckFeed(const Question& q, const std::string& path, Checker& c) {
  const IndicatorFeed& feed = *q.feeds;
  const std::string field = path + ".feeds";
  if (!IsChoice(q.kind)) {
    return c.Add(field, "Only choice and Likert questions can feed an indicator");
  }
  c.Slug(field + ".indicator", feed.indicator, "indicator");
  if (feed.counted.empty()) c.Add(field + ".counted", "Name the options the indicator counts");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < feed.counted.size(); ++i) {
    const std::string f = fmt::format("{}.counted[{}]", field, i);
    if (!HasOption(q, feed.counted[i])) {
      c.Add(f, fmt::format("This question has no option '{}'", feed.counted[i]));
    } else if (!seen.insert(feed.counted[i]).second) {
      c.Add(f, fmt::format("The option '{}' is counted twice", feed.counted[i]));
    }
  }
  if (!q.options.empty() && seen.size() == q.options.size()) {
    c.Add(field + ".counted", "Counting every option always gives 100%: leave some out");
  }
}

void CheckQuestion(const Survey& s, const Question& q, const std::string& path,
                   const std::map<std::string, const Question*>& earlier, Checker& c) {
  c.Slug(path + ".id", q.id, "question");
  c.Text(path + ".text", q.text, kMaxQuestionTextLength, "question text", true);
  c.Text(path + ".hint", q.hint, kMaxHintLength, "hint", false);
  CheckKindFields(q, path, c);
  if (q.about_you) {
    CheckAboutYou(s, q, path, c);
  } else if (q.kind == QuestionKind::kLikert) {
    CheckLikert(q, path, c);
  } else if (IsChoice(q.kind)) {
    if (!q.scale.empty()) c.Add(path + ".scale", "Only Likert questions have a scale");
    CheckOptions(q, path, kMaxOptions, c);
  } else if (q.kind == QuestionKind::kNumber) {
    CheckNumber(q, path, c);
  } else if (q.max_length < 1 || q.max_length > kMaxFreeTextLength) {
    c.Add(path + ".max_length",
          fmt::format("max_length must be from 1 to {}", Thousands(kMaxFreeTextLength)));
  }
  if (q.kind == QuestionKind::kMultipleChoice) CheckChoices(q, path, c);
  if (q.show_if) CheckShowIf(q, path, earlier, s, c);
  if (q.feeds) CheckFeed(q, path, c);
}

void CheckSections(const Survey& s, Checker& c) {
  if (s.sections.empty()) c.Add("sections", "Give the survey at least one section");
  std::set<std::string> section_ids;
  std::map<std::string, const Question*> earlier;
  std::set<AboutYou> bands_asked;
  for (std::size_t i = 0; i < s.sections.size(); ++i) {
    const SurveySection& section = s.sections[i];
    const std::string path = fmt::format("sections[{}]", i);
    c.Slug(path + ".id", section.id, "section");
    if (!section.id.empty() && !section_ids.insert(section.id).second) {
      c.Add(path + ".id", fmt::format("The section id '{}' is used twice", section.id));
    }
    c.Text(path + ".title", section.title, kMaxTitleLength, "section title", true);
    c.Text(path + ".intro", section.intro, kMaxIntroLength, "section introduction", false,
           LineBreaks::kNewline);
    if (section.questions.empty()) c.Add(path + ".questions", "Give the section a question");
    for (std::size_t j = 0; j < section.questions.size(); ++j) {
      const Question& q = section.questions[j];
      const std::string qpath = fmt::format("{}.questions[{}]", path, j);
      CheckQuestion(s, q, qpath, earlier, c);
      if (q.about_you && !bands_asked.insert(*q.about_you).second) {
        c.Add(qpath + ".about_you",
              fmt::format("The survey asks about '{}' twice", AboutYouName(*q.about_you)));
      }
      if (!q.id.empty() && !earlier.emplace(q.id, &q).second) {
        c.Add(qpath + ".id", fmt::format("The question id '{}' is used twice", q.id));
      }
    }
  }
}

bool HasFeeds(const Survey& s) {
  return std::any_of(s.sections.begin(), s.sections.end(), [](const SurveySection& section) {
    return std::any_of(section.questions.begin(), section.questions.end(),
                       [](const Question& q) { return q.feeds.has_value(); });
  });
}

// A wave's period must be a period and, when the survey feeds indicators, not the period of an
// earlier wave: their figures for those indicators would replace each other.
void CheckWavePeriod(const Survey& s, std::size_t i, Checker& c) {
  const SurveyWave& w = s.waves[i];
  const std::string path = fmt::format("waves[{}].period", i);
  const std::optional<Period> period = WavePeriod(w);
  if (!period) {
    c.Add(path, fmt::format("'{}' is not a period: write a year (2025), a financial or academic "
                            "year (2025/26) or another period label of docs/indicators.md",
                            w.period));
    return;
  }
  if (!IsRealDate(w.opens) || !HasFeeds(s)) return;
  for (std::size_t j = 0; j < i; ++j) {
    const std::optional<Period> other = IsRealDate(s.waves[j].opens) ? WavePeriod(s.waves[j])
                                                                     : std::nullopt;
    if (other && *other == *period) {
      c.Add(path, fmt::format("The waves '{}' and '{}' are both for {}: give one of them "
                              "another period",
                              s.waves[j].id, w.id, period->Label()));
      return;
    }
  }
}

void CheckWaves(const Survey& s, Checker& c) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s.waves.size(); ++i) {
    const SurveyWave& w = s.waves[i];
    const std::string path = fmt::format("waves[{}]", i);
    c.Slug(path + ".id", w.id, "wave");
    if (!w.id.empty() && !seen.insert(w.id).second) {
      c.Add(path + ".id", fmt::format("The wave id '{}' is used twice", w.id));
    }
    c.Text(path + ".name", w.name, kMaxWaveNameLength, "wave name", true);
    const bool dates = IsRealDate(w.opens) && IsRealDate(w.closes);
    if (!IsRealDate(w.opens)) c.Add(path + ".opens", "Enter the date the wave opens");
    if (!IsRealDate(w.closes)) c.Add(path + ".closes", "Enter the date the wave closes");
    if (dates && w.closes < w.opens) {
      c.Add(path + ".closes", fmt::format("The wave closes ({}) before it opens ({})",
                                          w.closes.ToString(), w.opens.ToString()));
      continue;
    }
    CheckWavePeriod(s, i, c);
    for (std::size_t j = 0; dates && j < i; ++j) {
      const SurveyWave& o = s.waves[j];
      if (!IsRealDate(o.opens) || !IsRealDate(o.closes) || o.closes < o.opens) continue;
      if (w.opens <= o.closes && o.opens <= w.closes) {
        c.Add(path + ".opens", fmt::format("The wave '{}' ({} to {}) overlaps the wave '{}' ({} "
                                           "to {})",
                                           w.id, w.opens.ToString(), w.closes.ToString(), o.id,
                                           o.opens.ToString(), o.closes.ToString()));
      }
    }
  }
}

}  // namespace

std::string_view QuestionKindName(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kSingleChoice:
      return "single-choice";
    case QuestionKind::kMultipleChoice:
      return "multiple-choice";
    case QuestionKind::kLikert:
      return "likert";
    case QuestionKind::kNumber:
      return "number";
    case QuestionKind::kFreeText:
      return "free-text";
  }
  return "single-choice";
}

std::optional<QuestionKind> ParseQuestionKind(std::string_view text) {
  for (QuestionKind k : {QuestionKind::kSingleChoice, QuestionKind::kMultipleChoice,
                         QuestionKind::kLikert, QuestionKind::kNumber, QuestionKind::kFreeText}) {
    if (QuestionKindName(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view AboutYouName(AboutYou about) {
  switch (about) {
    case AboutYou::kAgeBand:
      return "age-band";
    case AboutYou::kSchoolPhase:
      return "school-phase";
    case AboutYou::kGender:
      return "gender";
    case AboutYou::kWard:
      return "ward";
    case AboutYou::kSend:
      return "send";
    case AboutYou::kCare:
      return "care";
  }
  return "age-band";
}

std::optional<AboutYou> ParseAboutYou(std::string_view text) {
  for (AboutYou a : kAllAboutYou) {
    if (AboutYouName(a) == text) return a;
  }
  return std::nullopt;
}

std::string_view AboutYouText(AboutYou about) {
  switch (about) {
    case AboutYou::kAgeBand:
      return "How old are you?";
    case AboutYou::kSchoolPhase:
      return "Where do you learn?";
    case AboutYou::kGender:
      return "Which of these describes you?";
    case AboutYou::kWard:
      return "Which area do you live in?";
    case AboutYou::kSend:
      return "Do you have special educational needs or a disability (SEND)?";
    case AboutYou::kCare:
      return "Are you in care, or have you been in care?";
  }
  return "";
}

std::span<const SurveyOption> AgeBands() { return kAgeBands; }

std::vector<SurveyOption> BandOptions(AboutYou about, std::span<const SurveyOption> wards) {
  std::vector<SurveyOption> out;
  const auto add = [&](std::span<const SurveyOption> bands) {
    out.assign(bands.begin(), bands.end());
  };
  switch (about) {
    case AboutYou::kAgeBand:
      add(kAgeBands);
      break;
    case AboutYou::kSchoolPhase:
      add(kSchoolPhases);
      break;
    case AboutYou::kGender:
      add(kGenders);
      break;
    case AboutYou::kWard:
      add(wards);
      break;
    case AboutYou::kSend:
      add(kSend);
      break;
    case AboutYou::kCare:
      add(kCare);
      break;
  }
  out.push_back(SurveyOption{std::string(kPreferNotToSay), "Prefer not to say"});
  return out;
}

std::span<const std::string_view> LikertScaleNames() { return kScaleNames; }

std::optional<std::vector<SurveyOption>> LikertScale(std::string_view name) {
  const auto make = [](std::span<const SurveyOption> s) {
    return std::vector<SurveyOption>(s.begin(), s.end());
  };
  if (name == "agree5") return make(kAgree5);
  if (name == "agree3") return make(kAgree3);
  if (name == "often5") return make(kOften5);
  if (name == "happy5") return make(kHappy5);
  return std::nullopt;
}

FieldErrors CheckSurvey(const Survey& survey) {
  FieldErrors errors;
  Checker c(errors);
  CheckHeader(survey, c);
  CheckWording(survey, c);
  CheckWards(survey, c);
  CheckSections(survey, c);
  CheckWaves(survey, c);
  return errors;
}

bool IsChoice(QuestionKind kind) {
  return kind == QuestionKind::kSingleChoice || kind == QuestionKind::kMultipleChoice ||
         kind == QuestionKind::kLikert;
}

bool HasOption(const Question& q, std::string_view id) {
  return std::any_of(q.options.begin(), q.options.end(),
                     [&](const SurveyOption& o) { return o.id == id; });
}

const SurveyWave* FindSurveyWave(const Survey& survey, std::string_view id) {
  const auto it = std::find_if(survey.waves.begin(), survey.waves.end(),
                               [&](const SurveyWave& w) { return w.id == id; });
  return it == survey.waves.end() ? nullptr : &*it;
}

std::optional<Period> WavePeriod(const SurveyWave& wave) {
  if (!wave.period.empty()) return ParsePeriod(wave.period);
  Period year;
  year.kind = PeriodKind::kCalendarYear;
  year.start_year = wave.opens.year;
  return year;
}

const Question* FindQuestion(const Survey& survey, std::string_view id) {
  for (const SurveySection& section : survey.sections) {
    for (const Question& q : section.questions) {
      if (q.id == id) return &q;
    }
  }
  return nullptr;
}

const AgeWording* WordingFor(const Survey& survey, std::string_view ages) {
  for (const AgeWording& w : survey.wording) {
    if (w.ages == ages) return &w;
  }
  return nullptr;
}

const SurveyWave* WaveOn(const Survey& survey, const Date& day) {
  for (const SurveyWave& w : survey.waves) {
    if (w.opens <= day && day <= w.closes) return &w;
  }
  return nullptr;
}

const SurveyWave* PreviousWave(const Survey& survey, std::string_view id) {
  const SurveyWave* wave = nullptr;
  for (const SurveyWave& w : survey.waves) {
    if (w.id == id) wave = &w;
  }
  if (wave == nullptr) return nullptr;
  const SurveyWave* previous = nullptr;
  for (const SurveyWave& w : survey.waves) {
    if (w.closes < wave->opens && (previous == nullptr || previous->closes < w.closes)) {
      previous = &w;
    }
  }
  return previous;
}

}  // namespace waymark
