// The sign-in page, the account bar and the audit log page.
#include "report/account_pages.h"

#include "report/html.h"
#include "report/layout.h"
#include "stats/csv.h"

namespace waymark::report {
namespace {

void HiddenCsrf(Html& h, std::string_view token) {
  h.Void("input", {{"type", "hidden"}, {"name", "csrf_token"}, {"value", token}});
}

void ErrorSummary(Html& h, std::string_view message, std::string_view href) {
  h.Open("div", {{"class", "govuk-error-summary"}, {"data-module", "govuk-error-summary"}});
  h.Open("div", {{"role", "alert"}});
  h.Element("h2", {{"class", "govuk-error-summary__title"}}, "There is a problem");
  h.Open("div", {{"class", "govuk-error-summary__body"}});
  h.Open("ul", {{"class", "govuk-list govuk-error-summary__list"}});
  h.Open("li");
  h.Link(href, message, "");
  h.Close("li").Close("ul").Close("div").Close("div").Close("div");
}

void TextInput(Html& h, std::string_view id, std::string_view label, std::string_view type,
               std::string_view value, std::string_view autocomplete, std::string_view error,
               std::string_view width = "") {
  h.Open("div", {{"class", error.empty() ? "govuk-form-group"
                                         : "govuk-form-group govuk-form-group--error"}});
  h.Element("label", {{"class", "govuk-label"}, {"for", id}}, label);
  if (!error.empty()) {
    h.Open("p", {{"class", "govuk-error-message"}, {"id", std::string(id) + "-error"}});
    h.Element("span", {{"class", "govuk-visually-hidden"}}, "Error:");
    h.Text(" ");
    h.Text(error);
    h.Close("p");
  }
  std::string cls = error.empty() ? "govuk-input" : "govuk-input govuk-input--error";
  if (!width.empty()) cls.append(" ").append(width);
  const std::string described = std::string(id) + "-error";
  if (error.empty()) {
    h.Void("input", {{"class", cls},
                     {"id", id},
                     {"name", id},
                     {"type", type},
                     {"value", value},
                     {"autocomplete", autocomplete},
                     {"spellcheck", "false"}});
  } else {
    h.Void("input", {{"class", cls},
                     {"id", id},
                     {"name", id},
                     {"type", type},
                     {"value", value},
                     {"autocomplete", autocomplete},
                     {"spellcheck", "false"},
                     {"aria-describedby", described}});
  }
  h.Close("div");
}

void Cell(Html& h, std::string_view label, std::string_view text) {
  h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", label}}, text);
}

// One entry: the states before and after fold away in a <details> (no script needed).
void AuditRow(Html& h, const AuditEntry& e) {
  h.Open("tr", {{"class", "govuk-table__row"}});
  Cell(h, "When", e.at);
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Who and through what"}});
  h.Text(e.actor);
  h.Element("span", {{"class", "govuk-body-s waymark-audit__via"}}, e.via);
  h.Close("td");
  Cell(h, "Change", e.action);
  std::string record = e.entity;
  if (!e.entity_id.empty()) record.append(" ").append(e.entity_id);
  Cell(h, "Record", record);
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Details"}});
  if (!e.before.empty() || !e.after.empty()) {
    h.Open("details", {{"class", "govuk-details govuk-!-margin-bottom-0"}});
    h.Open("summary", {{"class", "govuk-details__summary"}});
    h.Element("span", {{"class", "govuk-details__summary-text"}}, "Before and after");
    h.Close("summary");
    h.Open("div", {{"class", "govuk-details__text"}});
    if (!e.before.empty())
      h.Element("p", {{"class", "govuk-body-s waymark-json"}}, "Before: " + e.before);
    if (!e.after.empty())
      h.Element("p", {{"class", "govuk-body-s waymark-json"}}, "After: " + e.after);
    h.Close("div").Close("details");
  }
  h.Close("td");
  h.Close("tr");
}

}  // namespace

std::string RenderSignInPage(const SignInForm& form) {
  constexpr std::string_view kProblem = "Enter a correct email address and password";
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  if (form.failed) ErrorSummary(h, kProblem, "#email");
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Sign in");
  h.Element("p", {{"class", "govuk-body"}},
            "Sign in with the account your organisation's administrator gave you. The public "
            "pages need no account.");
  h.Open("form", {{"method", "post"}, {"action", "/sign-in"}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, form.csrf_token);
  h.Void("input", {{"type", "hidden"}, {"name", "next"}, {"value", form.next}});
  TextInput(h, "email", "Email address", "email", form.email, "username",
            form.failed ? kProblem : "");
  TextInput(h, "password", "Password", "password", "", "current-password", "");
  h.Element("button",
            {{"type", "submit"}, {"class", "govuk-button"}, {"data-module", "govuk-button"}},
            "Sign in");
  h.Close("form");
  h.Close("div").Close("div");
  PageFrame frame{form.failed ? "Error: Sign in" : "Sign in", {}, NavItem::kNone, Links{}};
  return RenderPage(frame, h);
}

std::string RenderThrottledPage(long long retry_after) {
  const long long minutes = (retry_after + 59) / 60;
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Too many attempts to sign in");
  h.Element("p", {{"class", "govuk-body"}},
            "For your security, signing in is paused after several wrong passwords.");
  h.Element("p", {{"class", "govuk-body"}},
            "Wait " + std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes") +
                ", then try again. If you have forgotten your password, ask your "
                "organisation's Waymark administrator to reset it.");
  h.Close("div").Close("div");
  PageFrame frame{"Too many attempts to sign in", {}, NavItem::kNone, Links{}};
  return RenderPage(frame, h);
}

std::string RenderAccountBar(const AccountBar& bar) {
  Html h;
  h.Open("div", {{"class", "govuk-width-container waymark-account"}});
  if (bar.demo) {
    h.Open("div", {{"class", "govuk-inset-text waymark-demo"}});
    h.Element("strong", {{"class", "govuk-tag govuk-tag--orange"}}, "Demo");
    h.Text(
        " This is a demonstration database. Its figures are real published data; its users "
        "and passwords are examples.");
    h.Close("div");
  }
  if (bar.principal != nullptr && bar.principal->SignedIn()) {
    const Principal& p = *bar.principal;
    h.Open("div", {{"class", "waymark-account__row"}});
    h.Open("p", {{"class", "govuk-body-s waymark-account__who"}});
    h.Text("Signed in as ");
    h.Element("strong", {}, p.name);
    h.Text(", " + (bar.organisation_name.empty() ? p.organisation : bar.organisation_name) + " (" +
           std::string(RoleName(*p.role)) + ")");
    h.Close("p");
    h.Open("form",
           {{"method", "post"}, {"action", "/sign-out"}, {"class", "waymark-account__form"}});
    HiddenCsrf(h, bar.csrf_token);
    h.Element("button",
              {{"type", "submit"},
               {"class", "govuk-button govuk-button--secondary waymark-account__button"},
               {"data-module", "govuk-button"}},
              "Sign out");
    h.Close("form");
    h.Close("div");
  } else if (!bar.here.starts_with("/sign-in")) {
    h.Open("p", {{"class", "govuk-body-s waymark-account__who"}});
    h.Link("/sign-in?next=" + UrlEncode(bar.here), "Sign in");
    h.Text(" (partnership members)");
    h.Close("p");
  }
  h.Close("div");
  return h.Take();
}

std::string RenderAuditPage(const AuditPage& page) {
  Html h;
  if (!page.error.empty()) ErrorSummary(h, page.error, "#since");
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Audit log");
  h.Element("p", {{"class", "govuk-body"}},
            "Every change to users, tokens, sessions, plans, the catalogue, data and settings, "
            "newest first. The log can only be added to.");
  h.Open("form",
         {{"method", "get"}, {"action", "/admin/audit"}, {"class", "govuk-!-margin-bottom-6"}});
  TextInput(h, "since", "Since (date, YYYY-MM-DD)", "text", page.filter.since, "off",
            page.error.empty() ? "" : page.error, "govuk-input--width-10");
  TextInput(h, "actor", "Who (email, or os:NAME)", "text", page.filter.actor, "off", "",
            "govuk-input--width-20");
  TextInput(h, "entity", "What (user, token, session, plan, catalogue, data, setting)", "text",
            page.filter.entity, "off", "", "govuk-input--width-10");
  h.Element("button",
            {{"type", "submit"},
             {"class", "govuk-button govuk-button--secondary"},
             {"data-module", "govuk-button"}},
            "Filter");
  h.Close("form");
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(page.csv_href, "Download these entries as CSV");
  h.Close("p");
  if (page.entries.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No entries match.");
  } else {
    h.Open("div", {{"class", "waymark-scroll"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", "Audit entries"}});
    h.Open("table", {{"class", "govuk-table waymark-table waymark-audit"}});
    h.Element(
        "caption", {{"class", "govuk-table__caption govuk-table__caption--m"}},
        std::to_string(page.entries.size()) + (page.truncated ? " newest entries" : " entries"));
    h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
    for (std::string_view col : {"When", "Who and through what", "Change", "Record", "Details"}) {
      h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
    }
    h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
    for (const AuditEntry& e : page.entries) AuditRow(h, e);
    h.Close("tbody").Close("table").Close("div");
  }
  PageFrame frame{page.error.empty() ? "Audit log" : "Error: Audit log",
                  {{"Plan overview", "/"}, {"Audit log", ""}},
                  NavItem::kNone,
                  Links{}};
  return RenderPage(frame, h);
}

std::string AuditCsv(const std::vector<AuditEntry>& entries) {
  std::string csv = stats::CsvLine({"id", "at", "actor", "via", "action", "entity", "entity_id",
                                    "before", "after"}) +
                    "\r\n";
  for (const AuditEntry& e : entries) {
    csv += stats::CsvLine({std::to_string(e.id), e.at, e.actor, e.via, e.action, e.entity,
                           e.entity_id, e.before, e.after}) +
           "\r\n";
  }
  return csv;
}

}  // namespace waymark::report
