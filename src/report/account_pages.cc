// The sign-in page, the account bar and the audit log page.
#include "report/account_pages.h"

#include "report/form_kit.h"
#include "report/html.h"
#include "report/layout.h"
#include "stats/csv.h"

namespace waymark::report {
namespace {

// The pages of the signed-in side this user's role opens.
void AccountLinks(Html& h, const Principal& p) {
  std::vector<std::pair<std::string_view, std::string_view>> links;
  if (Allows(p.role, Permission::kUpdateActions)) links.emplace_back("/my-actions", "My actions");
  if (Allows(p.role, Permission::kReadDrafts)) links.emplace_back("/cycles", "Reporting cycles");
  if (Allows(p.role, Permission::kReadDrafts)) links.emplace_back("/reports", "Board reports");
  if (CanReviewSurveyAnswers(p)) links.emplace_back("/surveys", "Surveys");
  if (Allows(p.role, Permission::kViewAudit)) links.emplace_back("/admin/audit", "Audit log");
  if (links.empty()) return;
  h.Open("nav", {{"class", "waymark-account__links"}, {"aria-label", "Your pages"}});
  h.Open("ul", {{"class", "govuk-list waymark-account__list"}});
  for (const auto& [href, text] : links) {
    h.Open("li").Link(href, text).Close("li");
  }
  h.Close("ul").Close("nav");
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

// A button per identity provider, each its own small form (no script needed).
void ProviderButtons(Html& h, const SignInForm& form) {
  if (form.providers.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-m"}}, "With your organisation's account");
  for (const std::string& name : form.providers) {
    h.Open("form", {{"method", "post"},
                    {"action", "/sign-in/oidc/" + name},
                    {"class", "waymark-sign-in__provider"}});
    HiddenCsrf(h, form.csrf_token);
    h.Void("input", {{"type", "hidden"}, {"name", "next"}, {"value", form.next}});
    h.Element("button",
              {{"type", "submit"},
               {"class", "govuk-button govuk-button--secondary"},
               {"data-module", "govuk-button"}},
              "Sign in with " + name);
    h.Close("form");
  }
}

}  // namespace

std::string RenderSignInPage(const SignInForm& form) {
  constexpr std::string_view kProblem = "Enter a correct email address and password";
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  FieldErrors errors;
  if (form.failed) errors.push_back({"email", std::string(kProblem)});
  ErrorSummary(h, errors);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Sign in");
  h.Element("p", {{"class", "govuk-body"}},
            form.providers.empty()
                ? "Sign in with the account your organisation's administrator gave you. The "
                  "public pages need no account."
                : "Sign in with your organisation's own account, or with the account your "
                  "organisation's Waymark administrator gave you. The public pages need no "
                  "account.");
  ProviderButtons(h, form);
  if (!form.local) {
    h.Close("div").Close("div");
    return RenderPage(PageFrame{"Sign in", {}, NavItem::kNone, Links{}}, h);
  }
  if (!form.providers.empty()) {
    h.Element("h2", {{"class", "govuk-heading-m"}}, "With an email address and password");
  }
  h.Open("form", {{"method", "post"}, {"action", "/sign-in"}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, form.csrf_token);
  h.Void("input", {{"type", "hidden"}, {"name", "next"}, {"value", form.next}});
  TextInput(h,
            {.id = "email",
             .label = "Email address",
             .value = form.email,
             .type = "email",
             .autocomplete = "username"},
            errors);
  TextInput(h,
            {.id = "password",
             .label = "Password",
             .type = "password",
             .autocomplete = "current-password"},
            {});
  h.Element("button",
            {{"type", "submit"}, {"class", "govuk-button"}, {"data-module", "govuk-button"}},
            "Sign in");
  h.Close("form");
  h.Close("div").Close("div");
  PageFrame frame{form.failed ? "Error: Sign in" : "Sign in", {}, NavItem::kNone, Links{}};
  return RenderPage(frame, h);
}

std::string RenderProviderRefusedPage() {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  h.Element("h1", {{"class", "govuk-heading-l"}}, "You could not be signed in");
  h.Element("p", {{"class", "govuk-body"}},
            "Your organisation's sign-in did not give Waymark what it needs to sign you in, "
            "or your Waymark account cannot be used.");
  h.Open("p", {{"class", "govuk-body"}});
  h.Link("/sign-in", "Try signing in again");
  h.Text(
      ". If it happens again, ask your organisation's Waymark administrator, who can see "
      "why in the audit log.");
  h.Close("p");
  h.Close("div").Close("div");
  return RenderPage(PageFrame{"You could not be signed in", {}, NavItem::kNone, Links{}}, h);
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
    AccountLinks(h, p);
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
  FieldErrors errors;
  if (!page.error.empty()) errors.push_back({"since", page.error});
  ErrorSummary(h, errors);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Audit log");
  h.Element("p", {{"class", "govuk-body"}},
            "Every change to users, tokens, sessions, plans, the catalogue, data and settings, "
            "newest first. The log can only be added to.");
  h.Open("form",
         {{"method", "get"}, {"action", "/admin/audit"}, {"class", "govuk-!-margin-bottom-6"}});
  TextInput(h,
            {.id = "since",
             .label = "Since (date, YYYY-MM-DD)",
             .value = page.filter.since,
             .width = "govuk-input--width-10"},
            errors);
  TextInput(h,
            {.id = "actor",
             .label = "Who (email, or os:NAME)",
             .value = page.filter.actor,
             .width = "govuk-input--width-20"},
            errors);
  TextInput(h,
            {.id = "entity",
             .label = "What (user, token, session, plan, catalogue, data, setting)",
             .value = page.filter.entity,
             .width = "govuk-input--width-10"},
            errors);
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
