// The commentary pages of board reports (commentary_pages.h).
#include "report/commentary_pages.h"

#include <algorithm>
#include <set>

#include "report/form_kit.h"
#include "report/plan_text.h"
#include "report/progress.h"

namespace waymark::report {
namespace {

const Commentary* WrittenOn(const std::vector<Commentary>& written, std::string_view subject) {
  const auto it = std::find_if(written.begin(), written.end(),
                               [&](const Commentary& c) { return c.subject == subject; });
  return it == written.end() ? nullptr : &*it;
}

std::string SavedBy(const Commentary& c) {
  return "Last saved by " + c.author + ", " + LongTime(c.updated_at);
}

void SubjectRow(Html& h, const CommentaryListPage& page, const CommentarySubject& s) {
  const Commentary* c = WrittenOn(page.written, s.subject);
  h.Open("div", {{"class", "govuk-summary-list__row"}, {"id", CommentaryRowId(s.subject)}});
  h.Open("dt", {{"class", "govuk-summary-list__key"}});
  h.Element("span",
            {{"class",
              "govuk-!-display-block govuk-!-font-size-16 govuk-!-font-weight-regular "
              "waymark-muted"}},
            s.kind);
  h.Text(s.title);
  h.Close("dt");
  h.Open("dd", {{"class", "govuk-summary-list__value"}});
  if (c == nullptr) {
    h.Element("p", {{"class", "govuk-body waymark-muted"}}, "No commentary");
  } else {
    h.Element("p", {{"class", "govuk-body waymark-prewrap"}}, c->text);
    h.Element("p", {{"class", "govuk-body-s"}}, SavedBy(*c));
  }
  h.Close("dd");
  h.Open("dd", {{"class", "govuk-summary-list__actions"}});
  h.Open("a", {{"class", "govuk-link"},
               {"href", CommentaryHref(page.links, page.cycle_id, s.subject, true)}});
  h.Text(c == nullptr ? "Add" : "Change");
  h.Element("span", {{"class", "govuk-visually-hidden"}}, " commentary on " + s.title);
  h.Close("a").Close("dd").Close("div");
}

void CycleChoice(Html& h, const CommentaryListPage& page) {
  if (page.cycles.empty()) return;
  ChoiceForm form;
  form.action = "/reports/commentary";
  if (page.links.CarriesPlan()) form.keep.emplace_back("plan", page.links.PlanId());
  form.name = "cycle";
  form.label = "Reporting cycle";
  for (const ReportingCycle& c : page.cycles) {
    form.options.emplace_back(std::to_string(c.id), c.name);
  }
  form.selected = page.cycle_id ? std::to_string(*page.cycle_id) : "";
  form.button = "Show";
  RenderChoiceForm(h, form);
}

void TheirVersion(Html& h, const Commentary& theirs) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, "The commentary as it now stands");
  h.Element("p", {{"class", "govuk-body"}},
            "Someone saved this commentary after you opened the form. Their text is below; what "
            "you typed is still in the box. Check both, then save again.");
  h.Open("div", {{"class", "govuk-inset-text"}});
  h.Element("p", {{"class", "govuk-body-s"}}, SavedBy(theirs));
  h.Element("p", {{"class", "govuk-body waymark-prewrap"}},
            theirs.text.empty() ? "(removed)" : theirs.text);
  h.Close("div");
}

}  // namespace

std::vector<CommentarySubject> CommentarySubjects(const Plan& plan, const IndicatorData* data) {
  std::vector<CommentarySubject> out = {{"plan", "Whole plan", plan.title, ""}};
  std::set<std::string, std::less<>> indicators_seen;
  for (const Outcome& o : plan.outcomes) {
    out.push_back({"outcome:" + o.id, "Outcome", o.title, o.id});
    for (const Objective& obj : o.objectives) {
      out.push_back({"objective:" + obj.id, "Objective", obj.title, o.id});
      if (data != nullptr) {
        for (const IndicatorSeries* s : ObjectiveIndicators(*data, plan, obj)) {
          if (!indicators_seen.insert(s->indicator.id).second) continue;
          out.push_back({"indicator:" + s->indicator.id, "Indicator", s->indicator.title, o.id});
        }
      }
      for (const Action& a : obj.actions) {
        out.push_back({"action:" + a.id, "Action", a.title, o.id});
      }
    }
  }
  return out;
}

const CommentarySubject* FindCommentarySubject(const std::vector<CommentarySubject>& subjects,
                                               std::string_view subject) {
  const auto it = std::find_if(subjects.begin(), subjects.end(),
                               [&](const CommentarySubject& s) { return s.subject == subject; });
  return it == subjects.end() ? nullptr : &*it;
}

std::string CommentaryRowId(std::string_view subject) {
  std::string id = "c-";
  id.append(subject);
  std::replace(id.begin(), id.end(), ':', '-');
  return id;
}

std::string CommentaryHref(const Links& links, std::optional<std::int64_t> cycle_id,
                           std::string_view subject, bool edit) {
  std::string href = edit ? "/reports/commentary/edit" : "/reports/commentary";
  char sep = '?';
  auto add = [&](std::string_view name, std::string_view value) {
    href.push_back(sep);
    href.append(name).append("=").append(UrlEncode(value));
    sep = '&';
  };
  if (links.CarriesPlan()) add("plan", links.PlanId());
  if (cycle_id) add("cycle", std::to_string(*cycle_id));
  if (!subject.empty()) add("subject", subject);
  return href;
}

std::string RenderCommentaryListPage(const CommentaryListPage& page) {
  Html h;
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Commentary for board reports");
  h.Element("p", {{"class", "govuk-body"}},
            "Commentary is kept per reporting cycle. It goes into every report issued for that "
            "cycle; a report already issued keeps the commentary it was issued with.");
  CycleChoice(h, page);
  std::string outcome_id = "-";
  bool open = false;
  for (const CommentarySubject& s : page.subjects) {
    if (s.outcome_id != outcome_id) {
      if (open) h.Close("dl");
      outcome_id = s.outcome_id;
      h.Element("h2", {{"class", "govuk-heading-m"}}, s.outcome_id.empty() ? "Whole plan" : s.title);
      h.Open("dl", {{"class", "govuk-summary-list"}});
      open = true;
    }
    SubjectRow(h, page, s);
  }
  if (open) h.Close("dl");
  PageFrame frame{"Commentary for board reports",
                  {{"Plan overview", page.links.Home()},
                   {"Board reports", "/reports"},
                   {"Commentary", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderCommentaryFormPage(const CommentaryFormPage& page) {
  const CommentarySubject& s = page.subject;
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  ErrorSummary(h, page.errors);
  h.Element("span", {{"class", "govuk-caption-l"}},
            page.cycle_name.empty() ? s.kind : s.kind + " · " + page.cycle_name);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Commentary on " + s.title);
  if (page.theirs) TheirVersion(h, *page.theirs);
  std::string action = "/reports/commentary";
  if (page.links.CarriesPlan()) action += "?plan=" + UrlEncode(page.links.PlanId());
  h.Open("form", {{"method", "post"}, {"action", action}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  HiddenField(h, "subject", s.subject);
  HiddenField(h, "cycle", page.cycle_id ? std::to_string(*page.cycle_id) : "");
  HiddenField(h, "version", std::to_string(page.version));
  const std::string hint =
      (page.cycle_name.empty() ? std::string("It goes into every report issued.")
                               : "It goes into every report issued for " + page.cycle_name + ".") +
      " Plain text. Leave the box empty and save to remove the commentary.";
  TextArea(h,
           {.id = "text",
            .label = "Commentary",
            .value = page.text,
            .hint = hint,
            .max_characters = kMaxCommentaryLength,
            .rows = 8},
           page.errors);
  h.Open("div", {{"class", "govuk-button-group"}});
  SubmitButton(h, "Save commentary");
  h.Link(CommentaryHref(page.links, page.cycle_id) + "#" + CommentaryRowId(s.subject), "Cancel");
  h.Close("div");
  h.Close("form");
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors("Commentary on " + s.title, page.errors),
                  {{"Plan overview", page.links.Home()},
                   {"Board reports", "/reports"},
                   {"Commentary", CommentaryHref(page.links, page.cycle_id)},
                   {s.title, ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
