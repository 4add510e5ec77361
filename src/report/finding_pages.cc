// "You said, we did" pages (finding_pages.h), in the GOV.UK design system.
#include "report/finding_pages.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/plain_text.h"
#include "report/children_pages.h"
#include "report/form_kit.h"
#include "report/html.h"

namespace waymark::report {
namespace {

std::string WithPlan(const Links& links, std::string path) {
  if (links.CarriesPlan()) path.append("?plan=").append(UrlEncode(links.PlanId()));
  return path;
}

std::vector<const Finding*> OfOutcome(const std::vector<Finding>& findings,
                                      const std::string& outcome_id) {
  std::vector<const Finding*> out;
  for (const Finding& f : findings) {
    if (f.outcome_id == outcome_id) out.push_back(&f);
  }
  return out;
}

std::string SourceLine(const Finding& f) {
  std::string line = fmt::format("{}: {}, {}", FindingSourceLabel(f.source), f.source_name,
                                 f.date.ToString());
  if (f.participants > 0) line += fmt::format(" ({} took part)", Thousands(f.participants));
  return line;
}

void ExampleTag(Html& h, bool illustrative) {
  if (!illustrative) return;
  h.Element("strong", {{"class", "govuk-tag govuk-tag--grey"}}, "Example");
  h.Text(" ");
}

void AnswerList(Html& h, const Plan& plan, const Finding& f) {
  if (f.answers.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No answer yet.");
    return;
  }
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const FindingAnswer& a : f.answers) {
    h.Open("li");
    ExampleTag(h, a.illustrative);
    h.Text(fmt::format("{} ({}): {}", AnswerKindLabel(a.kind), FindingTargetTitle(plan, a.target),
                       a.text));
    h.Close("li");
  }
  h.Close("ul");
}

std::vector<std::pair<std::string, std::string>> OutcomeOptions(const Plan& plan) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Outcome& o : plan.outcomes) out.emplace_back(o.id, o.title);
  return out;
}

// The objectives and actions of the finding's outcome (of every outcome when it has none).
std::vector<std::pair<std::string, std::string>> TargetOptions(const Plan& plan,
                                                               const std::string& outcome_id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Outcome& o : plan.outcomes) {
    if (!outcome_id.empty() && o.id != outcome_id) continue;
    for (const Objective& obj : o.objectives) {
      out.emplace_back("objective:" + obj.id, "Objective: " + obj.title);
      for (const Action& a : obj.actions) out.emplace_back("action:" + a.id, "Action: " + a.title);
    }
  }
  return out;
}

// The version a form of a stored finding was read at.
void HiddenVersion(Html& h, const Finding& finding) {
  HiddenField(h, "version", std::to_string(finding.version));
}

// The finding as stored now, after someone else changed it, to compare with what was typed.
void StoredNow(Html& h, const FindingFormPage& page) {
  if (!page.stale) return;
  const Finding& f = page.finding;
  h.Open("div", {{"class", "govuk-inset-text"}, {"id", std::string(kStoredNowId)}});
  h.Element("h2", {{"class", "govuk-heading-m"}}, "The finding as it is stored now");
  h.Element("p", {{"class", "govuk-body"}},
            "Someone else changed this finding after you opened this page. What is stored now is "
            "below; what you typed is still in the form. Check both, then try again.");
  h.Open("dl", {{"class", "govuk-summary-list"}});
  const auto row = [&h](std::string_view key, const std::string& value) {
    h.Open("div", {{"class", "govuk-summary-list__row"}});
    h.Element("dt", {{"class", "govuk-summary-list__key"}}, key);
    h.Element("dd", {{"class", "govuk-summary-list__value"}}, value);
    h.Close("div");
  };
  const Outcome* outcome = nullptr;
  for (const Outcome& o : page.plan->outcomes) {
    if (o.id == f.outcome_id) outcome = &o;
  }
  row("Outcome", outcome != nullptr ? outcome->title : f.outcome_id);
  row("What children and young people told us", f.said);
  row("How and where it was said", SourceLine(f));
  row("Key", f.key.empty() ? std::string("None") : f.key);
  row("Version", std::to_string(f.version));
  h.Close("dl");
  h.Element("h3", {{"class", "govuk-heading-s"}}, "Its answers now");
  AnswerList(h, *page.plan, f);
  h.Close("div");
}

void FindingFields(Html& h, const FindingFormPage& page) {
  const FindingForm& f = page.form;
  Radios(h, {.name = "outcome", .legend = "Outcome it is shown under",
             .options = OutcomeOptions(*page.plan), .selected = f.outcome},
         page.errors);
  TextArea(h, {.id = "said", .label = "What children and young people told us",
               .value = f.said, .hint = "In plain words. Nothing that could identify a child.",
               .max_characters = kMaxFindingSaid, .rows = 4},
           page.errors);
  std::vector<std::pair<std::string, std::string>> sources;
  sources.reserve(kAllFindingSources.size());
  for (FindingSource s : kAllFindingSources) {
    sources.emplace_back(std::string(FindingSourceName(s)), std::string(FindingSourceLabel(s)));
  }
  Radios(h, {.name = "source", .legend = "How it was said", .options = sources,
             .selected = f.source},
         page.errors);
  TextInput(h, {.id = "source_name", .label = "Where it was said", .value = f.source_name,
                .hint = "For example, Young People's Perception Survey 2017"},
            page.errors);
  TextInput(h, {.id = "date", .label = "Date it was said", .value = f.date,
                .hint = "For example, 2019-04-01", .width = "govuk-input--width-10"},
            page.errors);
  TextInput(h, {.id = "participants", .label = "How many took part", .value = f.participants,
                .hint = "0 if not known", .width = "govuk-input--width-5",
                .inputmode = "numeric"},
            page.errors);
  TextInput(h, {.id = "key", .label = "Key (optional)", .value = f.key,
                .hint = "Lower-case letters, digits and hyphens; names it in findings files",
                .width = "govuk-input--width-20"},
            page.errors);
}

void AnswerFields(Html& h, const FindingFormPage& page) {
  const AnswerForm& a = page.answer;
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Add or change an answer");
  Radios(h, {.name = "target", .legend = "Objective or action that answers it",
             .options = TargetOptions(*page.plan, page.finding.outcome_id), .selected = a.target},
         page.answer_errors);
  std::vector<std::pair<std::string, std::string>> kinds;
  kinds.reserve(kAllAnswerKinds.size());
  for (AnswerKind k : kAllAnswerKinds) {
    kinds.emplace_back(std::string(AnswerKindName(k)), std::string(AnswerKindLabel(k)));
  }
  Radios(h, {.name = "kind", .legend = "Answer", .options = kinds, .selected = a.kind,
             .inline_options = true},
         page.answer_errors);
  TextArea(h, {.id = "text", .label = "What we did, are doing, or why we cannot",
               .value = a.text, .hint = "A \"We cannot\" answer says why, with \"because\".",
               .max_characters = kMaxFindingAnswer, .rows = 4},
           page.answer_errors);
  TextInput(h, {.id = "answer_date", .label = "Date of the answer", .value = a.date,
                .hint = "For example, 2020-03-31", .width = "govuk-input--width-10"},
            page.answer_errors);
  TextInput(h, {.id = "answered_by", .label = "Who answered", .value = a.answered_by},
            page.answer_errors);
  Checkboxes(h, {.name = "illustrative", .legend = "Example",
                 .options = {{"true", "This answer is an example (shown as such)"}},
                 .selected = a.illustrative ? std::vector<std::string>{"true"}
                                            : std::vector<std::string>{}},
             page.answer_errors);
}

void StoredAnswers(Html& h, const FindingFormPage& page) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Answers");
  if (page.finding.answers.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No answer yet.");
    return;
  }
  h.Open("dl", {{"class", "govuk-summary-list"}});
  for (const FindingAnswer& a : page.finding.answers) {
    h.Open("div", {{"class", "govuk-summary-list__row"}});
    h.Element("dt", {{"class", "govuk-summary-list__key"}},
              FindingTargetTitle(*page.plan, a.target));
    h.Open("dd", {{"class", "govuk-summary-list__value"}});
    ExampleTag(h, a.illustrative);
    h.Text(fmt::format("{}: {} ({}, {})", AnswerKindLabel(a.kind), a.text, a.answered_by,
                       a.date.ToString()));
    h.Close("dd");
    h.Open("dd", {{"class", "govuk-summary-list__actions"}});
    h.Open("form", {{"method", "post"},
                    {"action", FindingHref(page.links, page.finding.id, "/answers/remove")}});
    HiddenCsrf(h, page.csrf_token);
    HiddenVersion(h, page.finding);
    HiddenField(h, "target", a.target);
    SubmitButton(h, "Remove", ButtonKind::kSecondary);
    h.Close("form");
    h.Close("dd");
    h.Close("div");
  }
  h.Close("dl");
}

}  // namespace

std::string FindingsHref(const Links& links) { return WithPlan(links, "/findings"); }

std::string FindingHref(const Links& links, std::int64_t id, std::string_view suffix) {
  return WithPlan(links, fmt::format("/findings/{}{}", id, suffix));
}

FindingForm FormOf(const Finding& f) {
  return FindingForm{f.key,
                     f.outcome_id,
                     f.said,
                     std::string(FindingSourceName(f.source)),
                     f.source_name,
                     f.date.ToString(),
                     std::to_string(f.participants)};
}

std::string RenderFindingListPage(const FindingListPage& page) {
  Html h;
  h.Element("h1", {{"class", "govuk-heading-l"}}, "You said, we did");
  h.Element("p", {{"class", "govuk-body"}},
            "What children and young people told us, by outcome, with our answers. Published "
            "plans' findings are shown to children and young people at /young-people.");
  h.Link(WithPlan(page.links, "/findings/new"), "Add a finding", "govuk-button");
  for (const Outcome& o : page.plan->outcomes) {
    const auto mine = OfOutcome(page.findings, o.id);
    h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "outcome-" + o.id}}, o.title);
    if (mine.empty()) {
      h.Element("p", {{"class", "govuk-body"}}, "No findings yet.");
      continue;
    }
    for (const Finding* f : mine) {
      h.Open("div", {{"class", "govuk-summary-card"}, {"id", fmt::format("finding-{}", f->id)}});
      h.Open("div", {{"class", "govuk-summary-card__title-wrapper"}});
      h.Element("h3", {{"class", "govuk-summary-card__title"}}, f->said);
      h.Open("ul", {{"class", "govuk-summary-card__actions"}});
      h.Open("li", {{"class", "govuk-summary-card__action"}});
      h.Link(FindingHref(page.links, f->id), "Edit");
      h.Close("li").Close("ul").Close("div");
      h.Open("div", {{"class", "govuk-summary-card__content"}});
      h.Element("p", {{"class", "govuk-body-s"}}, SourceLine(*f));
      AnswerList(h, *page.plan, *f);
      h.Close("div").Close("div");
    }
  }
  PageFrame frame{"You said, we did",
                  {{"Plan overview", page.links.Home()}, {"You said, we did", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderFindingFormPage(const FindingFormPage& page) {
  const bool is_new = page.finding.id == 0;
  const std::string title = is_new ? "Add a finding" : "Change a finding";
  FieldErrors all = page.errors;
  all.insert(all.end(), page.answer_errors.begin(), page.answer_errors.end());
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  ErrorSummary(h, all);
  h.Element("h1", {{"class", "govuk-heading-l"}}, title);
  StoredNow(h, page);
  const std::string action =
      is_new ? WithPlan(page.links, "/findings") : FindingHref(page.links, page.finding.id);
  h.Open("form", {{"method", "post"}, {"action", action}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  if (!is_new) HiddenVersion(h, page.finding);
  FindingFields(h, page);
  h.Open("div", {{"class", "govuk-button-group"}});
  SubmitButton(h, "Save finding");
  h.Link(FindingsHref(page.links), "Cancel");
  h.Close("div");
  h.Close("form");
  if (!is_new) {
    StoredAnswers(h, page);
    h.Open("form", {{"method", "post"},
                    {"action", FindingHref(page.links, page.finding.id, "/answers")},
                    {"novalidate", "novalidate"}});
    HiddenCsrf(h, page.csrf_token);
    HiddenVersion(h, page.finding);
    AnswerFields(h, page);
    SubmitButton(h, "Save answer");
    h.Close("form");
    h.Element("h2", {{"class", "govuk-heading-m"}}, "Delete this finding");
    h.Open("form", {{"method", "post"},
                    {"action", FindingHref(page.links, page.finding.id, "/delete")}});
    HiddenCsrf(h, page.csrf_token);
    HiddenVersion(h, page.finding);
    SubmitButton(h, "Delete finding", ButtonKind::kWarning);
    h.Close("form");
  }
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors(title, all),
                  {{"Plan overview", page.links.Home()},
                   {"You said, we did", FindingsHref(page.links)},
                   {title, ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderYoungPeoplePage(const YoungPeoplePage& page) {
  Html h;
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "You said, we did");
  h.Element("p", {{"class", "govuk-body-l"}},
            "Children and young people told us what matters to them. This page says what we "
            "did about it, what we are still doing, and what we cannot do and why.");
  h.Open("p", {{"class", "govuk-body"}});
  h.Text("Tell us what you think: ");
  h.Link("/s", "answer one of our surveys");
  h.Text(". You do not need to give your name.");
  h.Close("p");
  h.Open("p", {{"class", "govuk-body"}});
  h.Element("strong", {{"class", "govuk-tag govuk-tag--grey"}}, "Example");
  h.Text(" means the answer is an example. It shows the kind of answer we will give.");
  h.Close("p");
  if (page.findings.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "We have not written anything here yet.");
  }
  for (const Outcome& o : page.plan->outcomes) {
    const auto mine = OfOutcome(page.findings, o.id);
    if (mine.empty()) continue;
    h.Open("section", {{"class", "young-people-outcome"}, {"id", "outcome-" + o.id}});
    h.Element("h2", {{"class", "govuk-heading-l"}}, o.title);
    h.Element("h3", {{"class", "govuk-heading-m"}}, "What you told us");
    for (const Finding* f : mine) {
      h.Open("div", {{"class", "govuk-inset-text"}});
      h.Element("p", {{"class", "govuk-body govuk-!-font-weight-bold"}},
                fmt::format("You said: {}", f->said));
      if (f->answers.empty()) {
        h.Element("p", {{"class", "govuk-body"}}, "We are still working out what to do.");
      }
      for (const FindingAnswer& a : f->answers) {
        h.Open("p", {{"class", "govuk-body"}});
        ExampleTag(h, a.illustrative);
        h.Element("strong", {}, fmt::format("{}:", AnswerKindLabel(a.kind)));
        h.Text(fmt::format(" {}", a.text));
        h.Close("p");
      }
      h.Close("div");
    }
    h.Element("h3", {{"class", "govuk-heading-m"}}, "What happens next");
    h.Element("p", {{"class", "govuk-body"}},
              o.children.next.empty() ? std::string(kWordsStillBeingWritten) : o.children.next);
    h.Close("section");
  }
  PageFrame frame{"You said, we did",
                  {{"Plan overview", page.links.Home()}, {"You said, we did", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string YouSaidWeDid(const Finding& f) {
  std::string line = fmt::format("You said: {}", f.said);
  for (const FindingAnswer& a : f.answers) {
    line.append(" ").append(AnswerKindLabel(a.kind)).append(": ").append(a.text);
    if (a.illustrative) line.append(" (an example)");
  }
  return line;
}

}  // namespace waymark::report
