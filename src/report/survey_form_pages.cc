// The pages of the survey response form (see survey_form_pages.h).
#include "report/survey_form_pages.h"

#include <algorithm>

#include "report/form_kit.h"
#include "report/layout.h"

namespace waymark::report {
namespace {

std::string SurveyPath(const Survey& survey) { return "/s/" + UrlEncode(survey.code); }

std::string AgesLabel(std::string_view ages) {
  for (const SurveyOption& band : AgeBands()) {
    if (band.id == ages) return band.label;
  }
  return std::string(ages);
}

void OpenColumn(Html& h) {
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
}

std::string Page(std::string_view title, const FieldErrors& errors, Html& h) {
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors(title, errors), {}, NavItem::kNone, Links{}};
  return RenderPage(frame, h);
}

void OpenForm(Html& h, const SurveyFormContext& c, std::string_view id = {}) {
  std::vector<Attr> attrs = {{"method", "post"},
                             {"action", ""},
                             {"novalidate", "novalidate"},
                             {"autocomplete", "off"}};
  const std::string action = SurveyPath(*c.survey);
  attrs[1].value = action;
  if (!id.empty()) attrs.push_back({"id", id});
  h.Open("form", attrs);
  HiddenCsrf(h, c.csrf_token);
  HiddenField(h, kSurveyAgesField, c.ages);
}

// The answers of every question not in `except` as hidden fields.
void CarryAnswers(Html& h, const ResponseInput& answers, const std::vector<std::string>& except) {
  for (const auto& [id, values] : answers) {
    if (std::find(except.begin(), except.end(), id) != except.end()) continue;
    for (const std::string& v : values) HiddenField(h, id, v);
  }
}

std::vector<std::pair<std::string, std::string>> OptionPairs(const Question& q) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const SurveyOption& o : q.options) out.emplace_back(o.id, o.label);
  return out;
}

std::string Legend(const Question& q) {
  return q.required ? q.text : q.text + " (optional)";
}

std::string NumberHint(const Question& q) {
  std::string hint = q.hint;
  if (!hint.empty()) hint += " ";
  auto number = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  };
  hint += "Enter a " + std::string(q.whole ? "whole number" : "number") + " from " +
          number(*q.min) + " to " + number(*q.max) + ".";
  return hint;
}

void QuestionField(Html& h, const Question& q, const std::vector<std::string>& values,
                   const FieldErrors& errors) {
  const std::string legend = Legend(q);
  const std::string first = values.empty() ? std::string() : values.front();
  switch (q.kind) {
    case QuestionKind::kSingleChoice:
    case QuestionKind::kLikert:
      Radios(h, {.name = q.id, .legend = legend, .hint = q.hint, .options = OptionPairs(q),
                 .selected = first, .legend_size = "m"},
             errors);
      return;
    case QuestionKind::kMultipleChoice:
      Checkboxes(h, {.name = q.id, .legend = legend, .hint = q.hint, .options = OptionPairs(q),
                     .selected = values, .legend_size = "m"},
                 errors);
      return;
    case QuestionKind::kNumber: {
      const std::string hint = NumberHint(q);
      TextInput(h, {.id = q.id, .label = legend, .value = first, .hint = hint,
                    .width = "govuk-input--width-4", .inputmode = q.whole ? "numeric" : "decimal",
                    .label_size = "m"},
                errors);
      return;
    }
    case QuestionKind::kFreeText:
      TextArea(h, {.id = q.id, .label = legend, .value = first, .hint = q.hint,
                   .max_characters = q.max_length, .label_size = "m"},
               errors);
      return;
  }
}

std::vector<std::string> ValuesOf(const ResponseInput& answers, std::string_view id) {
  const auto it = answers.find(id);
  return it == answers.end() ? std::vector<std::string>{} : it->second;
}

void ButtonGroup(Html& h, std::string_view primary, std::string_view primary_value,
                 bool with_back) {
  h.Open("div", {{"class", "govuk-button-group"}});
  SubmitButton(h, primary, ButtonKind::kPrimary, kSurveyGoField, primary_value);
  if (with_back) SubmitButton(h, "Back", ButtonKind::kSecondary, kSurveyGoField, "back");
  h.Close("div");
}

// One row of the check page: the question, its answer and the change button of its page.
void CheckRow(Html& h, const Question& q, const std::vector<std::string>& values,
              const std::string& page_key) {
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, q.text);
  h.Element("dd", {{"class", "govuk-summary-list__value waymark-prewrap"}},
            AnswerText(q, values));
  h.Open("dd", {{"class", "govuk-summary-list__actions"}});
  const std::string value = "page:" + page_key;
  h.Open("button", {{"type", "submit"},
                    {"form", "survey-change"},
                    {"class", "waymark-link-button govuk-link"},
                    {"name", kSurveyGoField},
                    {"value", value}});
  h.Text("Change");
  h.Element("span", {{"class", "govuk-visually-hidden"}}, " your answer to: " + q.text);
  h.Close("button");
  h.Close("dd").Close("div");
}

}  // namespace

std::string AnswerText(const Question& question, const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (v.empty()) continue;
    std::string shown = v;
    for (const SurveyOption& o : question.options) {
      if (o.id == v) shown = o.label;
    }
    if (!out.empty()) out += ", ";
    out += shown;
  }
  return out.empty() ? "Not answered" : out;
}

std::string RenderOpenSurveysPage(const std::vector<OpenSurvey>& surveys) {
  Html h;
  OpenColumn(h);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Surveys for children and young people");
  if (surveys.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "There are no surveys open at the moment.");
    return Page("Surveys for children and young people", {}, h);
  }
  h.Element("p", {{"class", "govuk-body"}},
            "Tell us what you think. You do not need to give your name, and nobody can tell "
            "who gave which answers.");
  h.Open("ul", {{"class", "govuk-list govuk-list--spaced"}});
  for (const OpenSurvey& s : surveys) {
    h.Open("li");
    h.Link("/s/" + UrlEncode(s.code), s.title);
    h.Element("span", {{"class", "govuk-hint waymark-survey-closes"}},
              s.wave_name + ": open until " + s.closes.ToString());
    h.Close("li");
  }
  h.Close("ul");
  return Page("Surveys for children and young people", {}, h);
}

std::string RenderSurveyStartPage(const Survey& survey, const SurveyWave& wave,
                                  const FieldErrors& errors) {
  Html h;
  OpenColumn(h);
  ErrorSummary(h, errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, wave.name);
  h.Element("h1", {{"class", "govuk-heading-l"}}, survey.title);
  h.Element("p", {{"class", "govuk-body"}},
            "You do not need to give your name. You can skip any question that is marked "
            "optional.");
  h.Open("form", {{"method", "get"}, {"action", SurveyPath(survey)}, {"novalidate", "novalidate"}});
  std::vector<std::pair<std::string, std::string>> bands;
  for (const AgeWording& w : survey.wording) bands.emplace_back(w.ages, AgesLabel(w.ages));
  Radios(h, {.name = "ages", .legend = "How old are you?",
             .hint = "We ask so that we can explain the survey in the right words. We do not "
                     "keep this answer.",
             .options = bands, .legend_size = "m"},
         errors);
  h.Element("button",
            {{"type", "submit"}, {"class", "govuk-button"}, {"data-module", "govuk-button"}},
            "Continue");
  h.Close("form");
  return Page(survey.title, errors, h);
}

std::string RenderSurveyConsentPage(const SurveyFormContext& c, const FieldErrors& errors) {
  const AgeWording* wording = WordingFor(*c.survey, c.ages);
  Html h;
  OpenColumn(h);
  ErrorSummary(h, errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, c.wave->name);
  h.Element("h1", {{"class", "govuk-heading-l"}}, c.survey->title);
  if (wording != nullptr) Paragraphs(h, wording->introduction);
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Taking part");
  if (wording != nullptr) Paragraphs(h, wording->consent);
  OpenForm(h, c);
  HiddenField(h, kSurveyStepField, "consent");
  Radios(h, {.name = kSurveyConsentField, .legend = "Do you want to take part?",
             .options = {{"yes", "Yes, I want to take part"}, {"no", "No, I do not want to"}},
             .legend_size = "m"},
         errors);
  ButtonGroup(h, "Continue", "next", false);
  h.Close("form");
  return Page(c.survey->title, errors, h);
}

std::string RenderSurveyQuestionPage(const SurveyFormContext& c,
                                     const std::vector<SurveyFormPage>& pages, std::size_t index,
                                     const FieldErrors& errors) {
  const SurveyFormPage& page = pages.at(index);
  const SurveySection& section = c.survey->sections.at(page.section);
  Html h;
  OpenColumn(h);
  ErrorSummary(h, errors);
  h.Element("span", {{"class", "govuk-caption-l"}},
            "Page " + std::to_string(index + 1) + " of " + std::to_string(pages.size()));
  h.Element("h1", {{"class", "govuk-heading-l"}}, section.title);
  if (page.first_of_section) Paragraphs(h, section.intro);
  OpenForm(h, c);
  HiddenField(h, kSurveyConsentField, "yes");
  HiddenField(h, kSurveyPageField, page.key);
  CarryAnswers(h, c.answers, page.questions);
  for (const std::string& id : page.questions) {
    const Question* q = FindQuestion(*c.survey, id);
    if (q != nullptr) QuestionField(h, *q, ValuesOf(c.answers, id), errors);
  }
  ButtonGroup(h, "Continue", "next", true);
  h.Close("form");
  return Page(section.title + " – " + c.survey->title, errors, h);
}

std::string RenderSurveyCheckPage(const SurveyFormContext& c,
                                  const std::vector<SurveyFormPage>& pages, std::string_view code,
                                  const FieldErrors& errors) {
  Html h;
  OpenColumn(h);
  ErrorSummary(h, errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, c.survey->title);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Check your answers before sending them");
  // The change buttons belong to this form (by their form attribute), so that pressing Enter
  // in the code box below sends the response rather than changing an answer.
  OpenForm(h, c, "survey-change");
  HiddenField(h, kSurveyConsentField, "yes");
  CarryAnswers(h, c.answers, {});
  h.Close("form");
  std::optional<std::size_t> open_section;
  for (const SurveyFormPage& page : pages) {
    if (open_section != page.section) {
      if (open_section) h.Close("dl");
      open_section = page.section;
      h.Element("h2", {{"class", "govuk-heading-m"}}, c.survey->sections[page.section].title);
      h.Open("dl", {{"class", "govuk-summary-list govuk-!-margin-bottom-9"}});
    }
    for (const std::string& id : page.questions) {
      const Question* q = FindQuestion(*c.survey, id);
      if (q != nullptr) CheckRow(h, *q, ValuesOf(c.answers, id), page.key);
    }
  }
  if (open_section) h.Close("dl");
  OpenForm(h, c);
  HiddenField(h, kSurveyConsentField, "yes");
  CarryAnswers(h, c.answers, {});
  TextInput(h, {.id = kSurveyCodeField, .label = "Code from your school or group (optional)",
                .value = code,
                .hint = "Only if you were given one, like ABCD-EFGH-JK. It is not kept with "
                        "your answers.",
                .width = "govuk-input--width-10", .label_size = "s"},
            errors);
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Now send your answers");
  h.Element("p", {{"class", "govuk-body"}},
            "When you send your answers, you cannot change them. Nobody will know they came "
            "from you.");
  ButtonGroup(h, "Send your answers", "submit", true);
  h.Close("form");
  return Page("Check your answers – " + c.survey->title, errors, h);
}

std::string RenderSurveySentPage(const Survey& survey) {
  Html h;
  OpenColumn(h);
  h.Open("div", {{"class", "govuk-panel govuk-panel--confirmation"}});
  h.Element("h1", {{"class", "govuk-panel__title"}}, "Your answers have been sent");
  h.Element("div", {{"class", "govuk-panel__body"}}, "Thank you for taking part");
  h.Close("div");
  h.Element("h2", {{"class", "govuk-heading-m"}}, "What happens next");
  h.Element("p", {{"class", "govuk-body"}},
            "We read what everyone tells us. We will share what young people said and what we "
            "are doing about it.");
  h.Open("p", {{"class", "govuk-body"}});
  h.Link("/young-people", "See what young people told us and what we did");
  h.Close("p");
  return Page("Your answers have been sent – " + survey.title, {}, h);
}

std::string RenderSurveyDeclinedPage(const Survey& survey) {
  Html h;
  OpenColumn(h);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "You have chosen not to take part");
  h.Element("p", {{"class", "govuk-body"}},
            "That is fine. Nothing has been kept. If you change your mind, you can start again.");
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(SurveyPath(survey), "Start the survey again");
  h.Close("p");
  return Page("You have chosen not to take part – " + survey.title, {}, h);
}

std::string RenderSurveyClosedPage(const Survey& survey) {
  Html h;
  OpenColumn(h);
  h.Element("h1", {{"class", "govuk-heading-l"}}, survey.title);
  h.Element("p", {{"class", "govuk-body"}}, "This survey is not open at the moment.");
  h.Open("p", {{"class", "govuk-body"}});
  h.Link("/s", "See the surveys that are open");
  h.Close("p");
  return Page(survey.title, {}, h);
}

}  // namespace waymark::report
