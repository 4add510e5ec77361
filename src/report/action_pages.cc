// The action page, the update form, "my actions" and the progress summaries (action_pages.h).
#include "report/action_pages.h"

#include <algorithm>

#include "report/data_pages.h"
#include "report/form_kit.h"
#include "report/indicator_pages.h"
#include "report/plan_text.h"
#include "report/rights_pages.h"

namespace waymark::report {
namespace {

// How many actions needing attention the overview lists (the outcome pages list them all).
constexpr std::size_t kOverviewAttentionItems = 8;

std::string_view TagClass(ActionStatus status) {
  switch (status) {
    case ActionStatus::kOnTrack:
      return "govuk-tag govuk-tag--green";
    case ActionStatus::kAtRisk:
      return "govuk-tag govuk-tag--yellow";
    case ActionStatus::kOffTrack:
      return "govuk-tag govuk-tag--red";
    case ActionStatus::kComplete:
      return "govuk-tag govuk-tag--blue";
    case ActionStatus::kNotStarted:
    case ActionStatus::kDropped:
      return "govuk-tag govuk-tag--grey";
  }
  return "govuk-tag";
}

std::string CycleLine(const ReportingCycle& cycle) {
  std::string text = cycle.name + ": " + LongDate(cycle.from) + " to " + LongDate(cycle.to) +
                     ". Updates due by " + LongDate(cycle.due);
  text += cycle.state == CycleState::kClosed ? " (the cycle is closed)." : ".";
  return text;
}

void CountItem(Html& h, std::string_view label, int count, std::string_view cls) {
  h.Open("li");
  h.Element("strong", {{"class", cls}}, label);
  h.Text(" ");
  h.Text(std::to_string(count));
  h.Close("li");
}

void CountsList(Html& h, const StatusCounts& counts, std::string_view label) {
  h.Open("ul", {{"class", "govuk-list waymark-status-counts"}, {"aria-label", label}});
  for (ActionStatus s : kAllActionStatuses) {
    if (counts.Of(s) > 0) CountItem(h, ActionStatusLabel(s), counts.Of(s), TagClass(s));
  }
  CountItem(h, "No update", counts.no_update, "govuk-tag govuk-tag--grey");
  if (counts.overdue > 0) CountItem(h, "Overdue", counts.overdue, "govuk-tag govuk-tag--red");
  h.Close("ul");
}

bool NeedsAttention(const ActionProgress& a) {
  return a.standing.overdue || a.disagrees || a.standing.status == ActionStatus::kOffTrack ||
         a.standing.status == ActionStatus::kAtRisk;
}

// Why an action needs attention, in words.
std::string AttentionReason(const ActionProgress& a) {
  if (a.disagrees) return "the evidence and the update disagree";
  if (a.standing.overdue) return "update overdue";
  return std::string(ActionStatusLabel(*a.standing.status));
}

// The actions of `only` (nullptr: every outcome) that need attention, most urgent first: the
// evidence disagrees, off track, overdue, at risk. At most `limit` are listed (0: all), then
// how many more there are.
void AttentionList(Html& h, const PlanProgress& progress, const Outcome* only, const Links& links,
                   std::size_t limit) {
  std::vector<const ActionProgress*> items;
  for (const ActionProgress& a : progress.actions) {
    if ((only == nullptr || a.outcome == only) && NeedsAttention(a)) items.push_back(&a);
  }
  if (items.empty()) return;
  std::stable_sort(items.begin(), items.end(), [](const auto* x, const auto* y) {
    auto rank = [](const ActionProgress* a) {
      if (a->disagrees) return 0;
      if (a->standing.status == ActionStatus::kOffTrack) return 1;
      if (a->standing.overdue) return 2;
      return 3;
    };
    return rank(x) < rank(y);
  });
  h.Element("h3", {{"class", "govuk-heading-s"}}, "Needing attention");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  const std::size_t shown = limit == 0 ? items.size() : std::min(limit, items.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const ActionProgress* a = items[i];
    h.Open("li");
    h.Link(links.Action(a->action->id), a->action->title);
    h.Text(" (" + AttentionReason(*a) + ")");
    h.Close("li");
  }
  h.Close("ul");
  if (shown < items.size()) {
    const std::size_t more = items.size() - shown;
    h.Element("p", {{"class", "govuk-body"}},
              "and " + std::to_string(more) + (more == 1 ? " more action" : " more actions") +
                  " needing attention, listed on each outcome's page.");
  }
}

void UpdateBody(Html& h, const ActionUpdate& u) {
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Status", u.fields.status ? ActionStatusLabel(*u.fields.status) : "Not given");
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, "Progress");
  h.Element("dd", {{"class", "govuk-summary-list__value waymark-update__text"}},
            u.fields.narrative.empty() ? "Not given" : u.fields.narrative);
  h.Close("div");
  if (!u.fields.next_steps.empty()) {
    h.Open("div", {{"class", "govuk-summary-list__row"}});
    h.Element("dt", {{"class", "govuk-summary-list__key"}}, "Next steps");
    h.Element("dd", {{"class", "govuk-summary-list__value waymark-update__text"}},
              u.fields.next_steps);
    h.Close("div");
  }
  if (u.fields.expected_completion) {
    SummaryRow(h, "Expected completion", LongDate(*u.fields.expected_completion));
  }
  if (!u.fields.evidence.empty()) {
    h.Open("div", {{"class", "govuk-summary-list__row"}});
    h.Element("dt", {{"class", "govuk-summary-list__key"}}, "Evidence");
    h.Open("dd", {{"class", "govuk-summary-list__value"}});
    h.Open("ul", {{"class", "govuk-list"}});
    for (const std::string& link : u.fields.evidence) {
      h.Open("li");
      h.Open("a", {{"class", "govuk-link waymark-update__text"}, {"href", link}, {"rel", "noopener noreferrer"}});
      h.Text(link).Close("a");
      h.Close("li");
    }
    h.Close("ul").Close("dd").Close("div");
  }
  h.Close("dl");
}

// "Submitted on 3 December 2026 at 14:13 by NAME, ORGANISATION".
std::string WrittenBy(const Plan& plan, const ActionUpdate& u) {
  std::string text = u.state == UpdateState::kSubmitted
                         ? "Submitted on " + LongTime(u.submitted_at)
                         : "Draft saved on " + LongTime(u.updated_at);
  text += " by ";
  text += u.author_name.empty() ? u.author : u.author_name;
  if (!u.organisation.empty()) {
    text += ", ";
    text += JoinNames(PartnerNames(plan, {u.organisation}));
  }
  return text;
}

void History(Html& h, const ActionPage& page) {
  h.Element("h2", {{"class", "govuk-heading-l"}}, "Updates");
  if (page.history.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No update has been submitted for this action yet.");
    return;
  }
  for (const UpdateEntry& e : page.history) {
    h.Open("section", {{"class", "waymark-update"}});
    h.Element("h3", {{"class", "govuk-heading-m"}}, e.cycle_name);
    h.Open("p", {{"class", "govuk-body-s"}});
    if (e.update.state == UpdateState::kDraft) {
      h.Element("strong", {{"class", "govuk-tag govuk-tag--grey"}}, "Draft");
      h.Text(" ");
    }
    h.Text(WrittenBy(*page.plan, e.update));
    h.Close("p");
    if (!e.update.reopened_reason.empty()) {
      h.Element("p", {{"class", "govuk-body-s"}},
                "Reopened by an analyst: " + e.update.reopened_reason);
    }
    UpdateBody(h, e.update);
    h.Close("section");
  }
}

void LinkedIndicators(Html& h, const ActionPage& page) {
  if (page.data == nullptr) return;
  const auto series = ObjectiveIndicators(*page.data, *page.plan, *page.place.objective);
  h.Element("h2", {{"class", "govuk-heading-l"}}, "The evidence");
  if (series.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No indicator of the catalogue measures this "
                                              "action's objective yet.");
    return;
  }
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}},
            "Indicators of the objective, latest figure for " +
                page.data->AreaName(kDefaultArea));
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view col : {"Indicator", "Period", "Value", "Compared with England", "Trend"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const IndicatorSeries* s : series) {
    const auto rows = page.data->ForArea(*s, kDefaultArea);
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Indicator"}});
    h.Link("/indicators/" + UrlEncode(s->indicator.id), s->indicator.title);
    h.Close("td");
    if (rows.empty()) {
      Cell(h, "Period", "No figures yet");
      Cell(h, "Value", "");
      Cell(h, "Compared with England", "");
      Cell(h, "Trend", "");
    } else {
      const Assessment& a = *rows.back();
      Cell(h, "Period", a.period.Label());
      Cell(h, "Value", DisplayValue(s->indicator, a));
      h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with England"}});
      EnglandJudgement(h, a);
      h.Close("td");
      h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Trend"}});
      TrendText(h, Words(a.recent_trend));
      h.Close("td");
    }
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void ReopenForm(Html& h, const ActionPage& page) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Reopen the submitted update");
  h.Open("form", {{"method", "post"},
                  {"action", page.links.Action(page.place.action->id, "/reopen")},
                  {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  TextArea(h,
           {.id = "reason",
            .label = "Why it needs changing",
            .value = page.reason,
            .hint = "The partner sees this reason; it is kept in the audit log.",
            .max_characters = kMaxReopenReasonLength,
            .rows = 3},
           page.errors);
  SubmitButton(h, "Reopen for changes", ButtonKind::kSecondary);
  h.Close("form");
}

void CurrentCycleBlock(Html& h, const ActionPage& page) {
  if (!page.cycle) return;
  h.Element("h2", {{"class", "govuk-heading-l"}}, "This cycle");
  h.Element("p", {{"class", "govuk-body"}}, CycleLine(*page.cycle));
  h.Open("p", {{"class", "govuk-body"}});
  StandingTag(h, page.standing);
  h.Close("p");
  if (page.disagrees) DisagreementWarning(h);
  if (page.can_update) {
    h.Open("a", {{"href", page.links.Action(page.place.action->id, "/update")},
                 {"role", "button"},
                 {"draggable", "false"},
                 {"class", "govuk-button"},
                 {"data-module", "govuk-button"}});
    h.Text("Write this cycle's update").Close("a");
  }
}

// The sets of fields of the figures of the writer's local measures, inside the update form.
void FigureFieldsets(Html& h, const UpdateFormPage& page) {
  if (page.figures.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Figures for your local measures");
  const std::string period = page.figure_period.empty() ? std::string("this period's figure")
                                                        : "the figure for " + page.figure_period;
  h.Element("p", {{"class", "govuk-body"}},
            "You may enter the figures of these local measures of the objective. Enter " + period +
                " of each, or leave a measure's fields empty when there is no figure this time. "
                "The figures are checked with the update and kept only with it; then they are "
                "judged at once.");
  for (const FigureFieldset& f : page.figures) {
    h.Open("div", {{"class", "govuk-form-group"}});
    h.Open("fieldset", {{"class", "govuk-fieldset"}});
    h.Element("legend", {{"class", "govuk-fieldset__legend govuk-fieldset__legend--s"}},
              f.indicator.title);
    LocalFigureFields(
        h, {&f.indicator, f.prefix, &page.figure_areas, &f.input, page.figure_period.empty()},
        page.errors);
    h.Open("p", {{"class", "govuk-body"}});
    h.Open("a", {{"class", "govuk-link"},
                 {"href", "/indicators/" + UrlEncode(f.indicator.id) + "/figures"}});
    h.Text("Figures already kept, and other areas and periods");
    h.Element("span", {{"class", "govuk-visually-hidden"}}, " of " + f.indicator.title);
    h.Close("a").Close("p");
    h.Close("fieldset").Close("div");
  }
}

// The objective's local measures whose figures others keep, linked to their pages.
void OtherMeasures(Html& h, const UpdateFormPage& page) {
  if (page.other_measures.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Other local measures of the objective");
  h.Element("p", {{"class", "govuk-body"}},
            "Their figures come from the organisations that keep them.");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const auto& [id, title] : page.other_measures) {
    h.Open("li").Link("/indicators/" + UrlEncode(id), title).Close("li");
  }
  h.Close("ul");
}

}  // namespace

void StandingTag(Html& h, const ActionStanding& standing) {
  if (standing.status) {
    h.Element("strong", {{"class", TagClass(*standing.status)}},
              ActionStatusLabel(*standing.status));
  } else if (standing.overdue) {
    h.Element("strong", {{"class", "govuk-tag govuk-tag--red"}}, "Overdue");
  } else {
    h.Element("strong", {{"class", "govuk-tag govuk-tag--grey"}}, "No update");
  }
}

void DisagreementWarning(Html& h) {
  h.Open("div", {{"class", "govuk-warning-text"}});
  h.Element("span", {{"class", "govuk-warning-text__icon"}, {"aria-hidden", "true"}}, "!");
  h.Open("strong", {{"class", "govuk-warning-text__text"}});
  h.Element("span", {{"class", "govuk-visually-hidden"}}, "Warning");
  h.Text(
      "The evidence and the update disagree: the update says this action is on track, but an "
      "indicator of its objective is getting worse.");
  h.Close("strong").Close("div");
}

Html ProgressSummary(const PlanProgress& progress, const Links& links) {
  Html h;
  if (!progress.cycle) return h;
  h.Element("h2", {{"class", "govuk-heading-l"}}, "How the actions are going");
  h.Element("p", {{"class", "govuk-body"}}, CycleLine(*progress.cycle));
  h.Element("p", {{"class", "govuk-body"}},
            std::to_string(progress.counts.total - progress.counts.no_update) + " of " +
                std::to_string(progress.counts.total) + " actions have a submitted update.");
  CountsList(h, progress.counts, "Actions by status");
  AttentionList(h, progress, nullptr, links, kOverviewAttentionItems);
  return h;
}

Html OutcomeProgress(const PlanProgress& progress, const Outcome& outcome, const Links& links,
                     bool list_attention) {
  Html h;
  const StatusCounts* counts = progress.CountsOf(outcome.id);
  if (!progress.cycle || counts == nullptr || counts->total == 0) return h;
  h.Element("h3", {{"class", "govuk-heading-s"}}, "Actions in " + progress.cycle->name);
  CountsList(h, *counts, "Actions of this outcome by status");
  if (list_attention) AttentionList(h, progress, &outcome, links, 0);
  return h;
}

std::string RenderActionPage(const ActionPage& page) {
  const Action& action = *page.place.action;
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  if (!page.notice.empty()) {
    h.Open("div", {{"class", "govuk-notification-banner govuk-notification-banner--success"},
                   {"role", "alert"},
                   {"aria-labelledby", "notice-title"},
                   {"data-module", "govuk-notification-banner"}});
    h.Open("div", {{"class", "govuk-notification-banner__header"}});
    h.Element("h2", {{"class", "govuk-notification-banner__title"}, {"id", "notice-title"}},
              "Success");
    h.Close("div").Open("div", {{"class", "govuk-notification-banner__content"}});
    h.Element("p", {{"class", "govuk-notification-banner__heading"}}, page.notice);
    h.Close("div").Close("div");
  }
  ErrorSummary(h, page.errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, "Action");
  h.Element("h1", {{"class", "govuk-heading-l"}}, action.title);
  h.Open("dl", {{"class", "govuk-summary-list"}});
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, KindLabel(page.place.outcome->kind));
  h.Open("dd", {{"class", "govuk-summary-list__value"}});
  h.Link(page.links.Outcome(page.place.outcome->id), page.place.outcome->title);
  h.Close("dd").Close("div");
  SummaryRow(h, "Objective", page.place.objective->title);
  const std::string partners = JoinNames(PartnerNames(*page.plan, action.responsible));
  const std::string bodies = JoinNames(BodyNames(*page.plan, action.monitoring));
  SummaryRow(h, "Responsible", partners.empty() ? "Not stated" : partners);
  SummaryRow(h, "Monitored by", bodies.empty() ? "Not stated" : bodies);
  ActionServesRows(h, *page.plan, action, *page.place.outcome, page.links);
  h.Close("dl");
  CurrentCycleBlock(h, page);
  if (page.can_reopen) ReopenForm(h, page);
  LinkedIndicators(h, page);
  History(h, page);
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors(action.title, page.errors),
                  {{"Plan overview", page.links.Home()},
                   {page.place.outcome->title, page.links.Outcome(page.place.outcome->id)},
                   {"Action", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

ActionUpdateInput InputOf(const ActionUpdate* update) {
  ActionUpdateInput in;
  if (update == nullptr) return in;
  const ActionUpdateFields& f = update->fields;
  if (f.status) in.status = ActionStatusName(*f.status);
  in.narrative = f.narrative;
  for (const std::string& link : f.evidence) {
    if (!in.evidence.empty()) in.evidence += '\n';
    in.evidence += link;
  }
  in.next_steps = f.next_steps;
  if (f.expected_completion) in.expected_completion = f.expected_completion->ToString();
  return in;
}

std::string RenderUpdateForm(const UpdateFormPage& page) {
  const Action& action = *page.place.action;
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  ErrorSummary(h, page.errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, page.cycle.name);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Update: " + action.title);
  if (page.newer) {
    h.Element("h2", {{"class", "govuk-heading-m"}}, "The update as it now stands");
    h.Element("p", {{"class", "govuk-body"}},
              "Someone saved this update after you opened the form. Their version is below; what "
              "you typed is still in the form. Check both, then save again.");
    h.Open("div", {{"class", "waymark-update"}});
    h.Element("p", {{"class", "govuk-body-s"}}, WrittenBy(*page.plan, *page.newer));
    UpdateBody(h, *page.newer);
    h.Close("div");
  }
  h.Element("p", {{"class", "govuk-body"}}, CycleLine(page.cycle));
  h.Open("form", {{"method", "post"},
                  {"action", page.links.Action(action.id, "/update")},
                  {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  HiddenField(h, "version", std::to_string(page.version));
  RadiosField status{.name = "status", .legend = "How is the action going?"};
  for (ActionStatus s : kAllActionStatuses) {
    status.options.emplace_back(ActionStatusName(s), ActionStatusLabel(s));
  }
  status.selected = page.input.status;
  Radios(h, status, page.errors);
  TextArea(h,
           {.id = "narrative",
            .label = "What has happened this period",
            .value = page.input.narrative,
            .hint = "Plain words, no names of children or families.",
            .max_characters = kMaxNarrativeLength,
            .rows = 8},
           page.errors);
  TextArea(h,
           {.id = "evidence",
            .label = "Evidence (optional)",
            .value = page.input.evidence,
            .hint = "Links to reports or pages that show the progress, one a line, each "
                    "starting https:// or http://",
            .rows = 3},
           page.errors);
  TextArea(h,
           {.id = "next_steps",
            .label = "Next steps (optional)",
            .value = page.input.next_steps,
            .max_characters = kMaxNextStepsLength,
            .rows = 4},
           page.errors);
  TextInput(h,
            {.id = "expected_completion",
             .label = "Expected completion (optional)",
             .value = page.input.expected_completion,
             .hint = "As YYYY-MM-DD, for example 2027-03-31",
             .width = "govuk-input--width-10"},
            page.errors);
  FigureFieldsets(h, page);
  h.Open("div", {{"class", "govuk-button-group"}});
  SubmitButton(h, "Submit update", ButtonKind::kPrimary, "submit", "1");
  SubmitButton(h, "Save as draft", ButtonKind::kSecondary, "save", "1");
  h.Close("div");
  h.Element("p", {{"class", "govuk-body-s"}},
            "A submitted update is locked; an analyst can reopen it if it needs changing.");
  h.Close("form");
  OtherMeasures(h, page);
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors("Update: " + action.title, page.errors),
                  {{"My actions", page.links.MyActions()},
                   {action.title, page.links.Action(action.id)},
                   {"Update", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderMyActions(const MyActionsPage& page) {
  Html h;
  h.Element("h1", {{"class", "govuk-heading-l"}}, "My actions");
  const PlanProgress& progress = *page.progress;
  if (!progress.cycle || progress.cycle->state == CycleState::kClosed) {
    h.Element("p", {{"class", "govuk-body"}},
              "There is no open reporting cycle for " + page.plan->title +
                  ", so no update is owed now.");
  } else {
    h.Element("p", {{"class", "govuk-body"}}, CycleLine(*progress.cycle));
  }
  h.Element("p", {{"class", "govuk-body"}},
            page.every_action ? "Every action of the plan, overdue first."
                              : "The actions " + page.organisation_name +
                                    " is responsible for, overdue first.");
  if (page.actions.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No action of this plan names your organisation.");
  }
  for (const Outcome& outcome : page.plan->outcomes) {
    std::vector<const ActionProgress*> mine;
    for (const ActionProgress* a : page.actions) {
      if (a->outcome == &outcome) mine.push_back(a);
    }
    if (mine.empty()) continue;
    h.Element("h2", {{"class", "govuk-heading-m"}}, outcome.title);
    h.Open("table", {{"class", "govuk-table waymark-table"}});
    h.Element("caption", {{"class", "govuk-visually-hidden"}}, "Actions of " + outcome.title);
    h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
    for (std::string_view col : {"Action", "This cycle", "Update"}) {
      h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
    }
    h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
    for (const ActionProgress* a : mine) {
      h.Open("tr", {{"class", "govuk-table__row"}});
      h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Action"}});
      h.Link(page.links.Action(a->action->id), a->action->title);
      h.Close("td");
      h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "This cycle"}});
      StandingTag(h, a->standing);
      if (a->update != nullptr && a->update->state == UpdateState::kDraft) {
        h.Text(" ");
        h.Element("strong", {{"class", "govuk-tag govuk-tag--grey"}}, "Draft saved");
      }
      h.Close("td");
      h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Update"}});
      const bool open = progress.cycle && progress.cycle->state == CycleState::kOpen;
      const bool locked = a->update != nullptr && a->update->state == UpdateState::kSubmitted;
      if (open && !locked) {
        h.Open("a", {{"class", "govuk-link"}, {"href", page.links.Action(a->action->id, "/update")}});
        h.Text(a->update == nullptr ? "Write update" : "Continue update");
        h.Element("span", {{"class", "govuk-visually-hidden"}}, " for " + a->action->title);
        h.Close("a");
      } else {
        h.Text(locked ? "Submitted" : "–");
      }
      h.Close("td").Close("tr");
    }
    h.Close("tbody").Close("table");
  }
  PageFrame frame{"My actions", {{"Plan overview", page.links.Home()}, {"My actions", ""}},
                  NavItem::kNone, page.links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
