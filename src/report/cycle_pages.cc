// The reporting cycle pages and the cycle CSV (cycle_pages.h).
#include "report/cycle_pages.h"

#include "report/action_pages.h"
#include "report/form_kit.h"
#include "report/plan_text.h"
#include "stats/csv.h"

namespace waymark::report {
namespace {

std::string CycleHref(const Links& links, std::int64_t id) {
  std::string href = "/cycles/" + std::to_string(id);
  if (links.CarriesPlan()) href += "?plan=" + UrlEncode(links.PlanId());
  return href;
}

void CycleTable(Html& h, const CyclesPage& page) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--m"}},
            "Cycles of " + page.plan->title);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view col : {"Cycle", "Period", "Due", "State"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const ReportingCycle& c : page.cycles) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Cycle"}});
    h.Link(CycleHref(page.links, c.id), c.name);
    h.Close("td");
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Period"}},
              LongDate(c.from) + " to " + LongDate(c.to));
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Due"}}, LongDate(c.due));
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "State"}});
    h.Element("strong",
              {{"class", c.state == CycleState::kOpen ? "govuk-tag govuk-tag--green"
                                                      : "govuk-tag govuk-tag--grey"}},
              c.state == CycleState::kOpen ? "Open" : "Closed");
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

void OpenForm(Html& h, const CyclesPage& page) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Open a new cycle");
  h.Element("p", {{"class", "govuk-body"}},
            "Each action of the plan then owes one update for the cycle. A plan has one open "
            "cycle at a time: close the current one first.");
  std::string action = "/cycles";
  if (page.links.CarriesPlan()) action += "?plan=" + UrlEncode(page.links.PlanId());
  h.Open("form", {{"method", "post"}, {"action", action}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  TextInput(h, {.id = "name", .label = "Name", .value = page.input.name,
                .hint = "For example, 2026–27 Q3", .width = "govuk-input--width-20"},
            page.errors);
  TextInput(h, {.id = "from", .label = "First day of the period", .value = page.input.from,
                .hint = "As YYYY-MM-DD, for example 2026-10-01", .width = "govuk-input--width-10"},
            page.errors);
  TextInput(h, {.id = "to", .label = "Last day of the period", .value = page.input.to,
                .hint = "As YYYY-MM-DD", .width = "govuk-input--width-10"},
            page.errors);
  TextInput(h, {.id = "due", .label = "Updates due by", .value = page.input.due,
                .hint = "As YYYY-MM-DD", .width = "govuk-input--width-10"},
            page.errors);
  SubmitButton(h, "Open cycle");
  h.Close("form");
}

void CompletionTable(Html& h, const CyclePage& page) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--m"}},
            "Completion by organisation, least complete first");
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "Organisation");
  for (std::string_view col : {"Actions", "Submitted", "Drafts", "No update"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header govuk-table__header--numeric"}},
              col);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const OrganisationCompletion& row : page.completion) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, row.name);
    for (auto [label, n] : {std::pair<std::string_view, int>{"Actions", row.owed},
                            {"Submitted", row.submitted},
                            {"Drafts", row.drafts},
                            {"No update", row.missing}}) {
      h.Element("td", {{"class", "govuk-table__cell govuk-table__cell--numeric"}, {"data-label", label}},
                std::to_string(n));
    }
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

std::string StandingText(const ActionProgress& a) {
  if (a.standing.status) return std::string(ActionStatusName(*a.standing.status));
  return a.standing.overdue ? "overdue" : "no-update";
}

}  // namespace

std::string RenderCyclesPage(const CyclesPage& page) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  ErrorSummary(h, page.errors);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Reporting cycles");
  if (page.cycles.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, page.plan->title + " has had no reporting cycle yet.");
  } else {
    CycleTable(h, page);
  }
  if (page.can_run) OpenForm(h, page);
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors("Reporting cycles", page.errors),
                  {{"Plan overview", page.links.Home()}, {"Reporting cycles", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderCyclePage(const CyclePage& page) {
  const ReportingCycle& c = page.cycle;
  Html h;
  h.Element("span", {{"class", "govuk-caption-l"}}, "Reporting cycle");
  h.Element("h1", {{"class", "govuk-heading-l"}}, c.name);
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Plan", page.plan->title);
  SummaryRow(h, "Period", LongDate(c.from) + " to " + LongDate(c.to));
  SummaryRow(h, "Updates due by", LongDate(c.due));
  SummaryRow(h, "State", c.state == CycleState::kOpen
                            ? "Open"
                            : "Closed on " + LongTime(c.closed_at) + " by " + c.closed_by);
  SummaryRow(h, "Opened", LongTime(c.opened_at) + " by " + c.opened_by);
  h.Close("dl");
  h.Append(ProgressSummary(*page.progress, page.links));
  CompletionTable(h, page);
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(page.csv_href, "Download every action's standing in this cycle as CSV");
  h.Close("p");
  if (page.can_run && c.state == CycleState::kOpen) {
    h.Element("h2", {{"class", "govuk-heading-m"}}, "Close the cycle");
    h.Element("p", {{"class", "govuk-body"}},
              "Closing locks every update of the cycle, drafts included. It cannot be undone.");
    std::string action = "/cycles/" + std::to_string(c.id) + "/close";
    if (page.links.CarriesPlan()) action += "?plan=" + UrlEncode(page.links.PlanId());
    h.Open("form", {{"method", "post"}, {"action", action}});
    HiddenCsrf(h, page.csrf_token);
    SubmitButton(h, "Close cycle", ButtonKind::kWarning);
    h.Close("form");
  }
  PageFrame frame{c.name,
                  {{"Plan overview", page.links.Home()},
                   {"Reporting cycles", page.links.Cycles()},
                   {c.name, ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string CycleCsv(const Plan& plan, const PlanProgress& progress) {
  std::string csv = stats::CsvLine({"cycle", "outcome", "objective", "action_id", "action",
                                    "responsible", "standing", "update_state", "organisation",
                                    "author", "updated_at", "submitted_at", "evidence_disagrees"}) +
                    "\r\n";
  const std::string cycle = progress.cycle ? progress.cycle->name : "";
  for (const ActionProgress& a : progress.actions) {
    const std::string responsible = JoinNames(PartnerNames(plan, a.action->responsible));
    const ActionUpdate* u = a.update;
    csv += stats::CsvLine({cycle, a.outcome->title, a.objective->title, a.action->id,
                           a.action->title, responsible, StandingText(a),
                           u == nullptr ? "" : std::string(UpdateStateName(u->state)),
                           u == nullptr ? "" : u->organisation, u == nullptr ? "" : u->author,
                           u == nullptr ? "" : u->updated_at, u == nullptr ? "" : u->submitted_at,
                           a.disagrees ? "yes" : "no"}) +
           "\r\n";
  }
  return csv;
}

}  // namespace waymark::report
