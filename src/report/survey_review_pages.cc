// The review of a wave's free-text answers (survey_results_pages.h): each answer alone (its
// day, text and flags, never the rest of its response), with forms to mark it reviewed and to
// flag it for safeguarding. Answers flagged for safeguarding are shown, with the local
// procedure, only to reviewers who hold the safeguarding permission; others are told how many
// there are and who can see them.
#include <fmt/format.h>

#include "report/form_kit.h"
#include "report/layout.h"
#include "report/plan_text.h"
#include "report/survey_results_pages.h"

namespace waymark::report {
namespace {

std::string AnswerAnchor(const store::FreeTextAnswer& a) { return "answer-" + a.id; }

void ReviewForm(Html& h, const FreeTextReviewPage& page, const store::FreeTextAnswer& a,
                std::string_view action, std::string_view text, ButtonKind kind) {
  h.Open("form", {{"method", "post"},
                  {"action", "/surveys/" + UrlEncode(page.survey_id) + "/free-text"},
                  {"class", "waymark-inline-form"}});
  HiddenCsrf(h, page.csrf_token);
  HiddenField(h, "wave", page.wave.id);
  HiddenField(h, "answer", a.id);
  SubmitButton(h, text, kind, "action", action);
  h.Close("form");
}

void AnswerCard(Html& h, const FreeTextReviewPage& page, const store::FreeTextAnswer& a,
                std::size_t number) {
  h.Open("div",
         {{"class", a.safeguarding ? "waymark-answer waymark-answer--flagged" : "waymark-answer"},
          {"id", AnswerAnchor(a)}});
  h.Open("h3", {{"class", "govuk-heading-s"}});
  h.Text(fmt::format("Answer {}", number));
  h.Element("span", {{"class", "govuk-body-s waymark-muted"}}, " · " + LongDate(a.day));
  h.Close("h3");
  h.Open("p", {{"class", "govuk-body"}});
  h.Element("strong",
            {{"class", a.reviewed ? "govuk-tag govuk-tag--green" : "govuk-tag govuk-tag--grey"}},
            a.reviewed ? "Reviewed" : "Not reviewed");
  if (a.safeguarding) {
    h.Text(" ");
    h.Element("strong", {{"class", "govuk-tag govuk-tag--red"}}, "Flagged for safeguarding");
  }
  h.Close("p");
  h.Element("p", {{"class", "govuk-body waymark-prewrap waymark-answer__text"}}, a.text);
  h.Open("div", {{"class", "govuk-button-group"}});
  const std::string n = std::to_string(number);
  if (a.reviewed) {
    ReviewForm(h, page, a, kReviewMarkUnreviewed, "Mark answer " + n + " as not reviewed",
               ButtonKind::kSecondary);
  } else {
    ReviewForm(h, page, a, kReviewMarkReviewed, "Mark answer " + n + " as reviewed",
               ButtonKind::kSecondary);
  }
  if (!a.safeguarding) {
    ReviewForm(h, page, a, kReviewFlag, "Flag answer " + n + " for safeguarding",
               ButtonKind::kWarning);
  } else if (page.sees_safeguarding) {
    ReviewForm(h, page, a, kReviewUnflag, "Remove the safeguarding flag from answer " + n,
               ButtonKind::kSecondary);
  }
  h.Close("div");
  h.Close("div");
}

void HiddenFlagged(Html& h, std::size_t hidden) {
  if (hidden == 0) return;
  h.Open("div", {{"class", "govuk-inset-text"}});
  h.Text(
      fmt::format("{} {} flagged for safeguarding and {} visible only to analysts with the "
                  "safeguarding permission.",
                  hidden == 1 ? std::string("1 answer") : fmt::format("{} answers", hidden),
                  hidden == 1 ? "is" : "are", hidden == 1 ? "is" : "are"));
  h.Close("div");
}

void Procedure(Html& h, const FreeTextReviewPage& page) {
  std::size_t flagged = 0;
  for (const FreeTextQuestionAnswers& q : page.questions) {
    for (const store::FreeTextAnswer& a : q.answers) flagged += a.safeguarding ? 1 : 0;
  }
  h.Open("div", {{"class", "govuk-warning-text"}, {"id", "safeguarding-procedure"}});
  h.Element("span", {{"class", "govuk-warning-text__icon"}, {"aria-hidden", "true"}}, "!");
  h.Open("div", {{"class", "govuk-warning-text__text"}});
  h.Element("span", {{"class", "govuk-visually-hidden"}}, "Warning");
  h.Element("h2", {{"class", "govuk-heading-s"}},
            flagged == 0 ? std::string("Safeguarding procedure")
                         : fmt::format("Safeguarding procedure: {} flagged {} in this wave",
                                       flagged, flagged == 1 ? "answer" : "answers"));
  h.Element("p", {{"class", "govuk-body waymark-prewrap"}}, page.procedure);
  h.Close("div").Close("div");
}

void WaveChoice(Html& h, const FreeTextReviewPage& page) {
  if (page.waves.size() < 2) return;
  ChoiceForm form;
  form.action = "/surveys/" + UrlEncode(page.survey_id) + "/free-text";
  form.name = "wave";
  form.label = "Wave";
  form.options = page.waves;
  form.selected = page.wave.id;
  form.button = "Show wave";
  RenderChoiceForm(h, form);
}

}  // namespace

std::string RenderFreeTextReviewPage(const FreeTextReviewPage& page) {
  Html h;
  ErrorSummary(h, page.errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, page.survey_title + " · " + page.wave.name);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Written answers");
  h.Element("p", {{"class", "govuk-body"}},
            "Each written answer is shown on its own, never with the rest of the response it "
            "came with. They are never published. Mark each one reviewed once read; flag any "
            "answer that tells of harm to a child for safeguarding.");
  if (page.sees_safeguarding) Procedure(h, page);
  WaveChoice(h, page);
  if (page.questions.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "This survey asks no question with a written answer.");
  }
  for (const FreeTextQuestionAnswers& q : page.questions) {
    h.Element("h2", {{"class", "govuk-heading-m"}}, q.question_text);
    HiddenFlagged(h, q.hidden_flagged);
    if (q.answers.empty() && q.hidden_flagged == 0) {
      h.Element("p", {{"class", "govuk-body"}}, "No written answers in this wave.");
    }
    std::size_t number = 0;
    for (const store::FreeTextAnswer& a : q.answers) AnswerCard(h, page, a, ++number);
  }
  PageFrame frame{
      TitleWithErrors("Written answers: " + page.survey_title + ", " + page.wave.name, page.errors),
      {{"Plan overview", "/"},
       {"Surveys", "/surveys"},
       {page.survey_title + ": " + page.wave.name, SurveyResultsHref(page.survey_id, page.wave.id)},
       {"Written answers", ""}},
      NavItem::kNone,
      Links{}};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
