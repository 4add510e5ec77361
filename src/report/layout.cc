// The GOV.UK Frontend page template, written with the Html builder. No inline script or style:
// the stylesheet and the progressive-enhancement module are served from /static/, and pages
// name them (and the icons) by their fingerprinted addresses (asset_urls.h).
#include "report/layout.h"

#include "report/account_pages.h"
#include "report/asset_urls.h"

namespace waymark::report {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void Head(Html& h, const PageFrame& frame) {
  h.Literal("<!DOCTYPE html>\n");
  h.Open("html", {{"lang", "en"}, {"class", "govuk-template"}});
  h.Open("head");
  h.Void("meta", {{"charset", "utf-8"}});
  h.Element("title", {}, frame.title + " – Waymark");
  h.Void("meta", {{"name", "viewport"},
                  {"content", "width=device-width, initial-scale=1, viewport-fit=cover"}});
  h.Void("meta", {{"name", "theme-color"}, {"content", "#1d70b8"}});
  h.Void("link",
         {{"rel", "icon"}, {"sizes", "48x48"}, {"href", AssetUrl("/assets/images/favicon.ico")}});
  h.Void("link", {{"rel", "icon"},
                  {"sizes", "any"},
                  {"href", AssetUrl("/assets/images/favicon.svg")},
                  {"type", "image/svg+xml"}});
  h.Void("link", {{"rel", "stylesheet"}, {"href", AssetUrl("/static/govuk-frontend.min.css")}});
  h.Void("link", {{"rel", "stylesheet"}, {"href", AssetUrl("/static/waymark.css")}});
  h.Element("script", {{"type", "module"}, {"src", AssetUrl("/static/waymark.mjs")}}, "");
  h.Close("head");
}

void NavLink(Html& h, const PageFrame& frame, NavItem item, std::string_view href,
             std::string_view text) {
  const bool active = frame.active == item;
  h.Open("li", {{"class", active ? "govuk-service-navigation__item "
                                   "govuk-service-navigation__item--active"
                                 : "govuk-service-navigation__item"}});
  if (active) {
    h.Open("a",
           {{"class", "govuk-service-navigation__link"}, {"href", href}, {"aria-current", "page"}});
    h.Element("strong", {{"class", "govuk-service-navigation__active-fallback"}}, text);
    h.Close("a");
  } else {
    h.Element("a", {{"class", "govuk-service-navigation__link"}, {"href", href}}, text);
  }
  h.Close("li");
}

void Header(Html& h, const PageFrame& frame) {
  h.Element(
      "a",
      {{"href", "#main-content"}, {"class", "govuk-skip-link"}, {"data-module", "govuk-skip-link"}},
      "Skip to main content");
  h.Open("header", {{"class", "govuk-template__header"}});
  h.Open("div", {{"class", "govuk-generic-header"}});
  h.Open("div", {{"class", "govuk-generic-header__container govuk-width-container"}});
  h.Open("div", {{"class", "govuk-generic-header__logo"}});
  h.Element("a", {{"href", frame.links.Home()}, {"class", "govuk-generic-header__homepage-link"}},
            "Waymark");
  h.Close("div").Close("div").Close("div");
  h.Open("section", {{"aria-label", "Service information"},
                     {"class", "govuk-service-navigation"},
                     {"data-module", "govuk-service-navigation"}});
  h.Open("div", {{"class", "govuk-width-container"}});
  h.Open("div", {{"class", "govuk-service-navigation__container"}});
  h.Open("nav", {{"aria-label", "Menu"}, {"class", "govuk-service-navigation__wrapper"}});
  h.Open("ul", {{"class", "govuk-service-navigation__list"}, {"id", "navigation"}});
  NavLink(h, frame, NavItem::kOverview, frame.links.Home(), "Plan overview");
  NavLink(h, frame, NavItem::kIndicators, "/indicators", "Indicators");
  NavLink(h, frame, NavItem::kGaps, frame.links.Gaps(), "Inequalities");
  NavLink(h, frame, NavItem::kCompare, "/compare", "Compare areas");
  NavLink(h, frame, NavItem::kSearch, frame.links.Search(), "Search");
  h.Close("ul").Close("nav").Close("div").Close("div").Close("section");
  h.Close("header");
}

void PhaseBanner(Html& h) {
  h.Open("div", {{"class", "govuk-phase-banner govuk-width-container"}});
  h.Open("p", {{"class", "govuk-phase-banner__content"}});
  h.Element("strong", {{"class", "govuk-tag govuk-phase-banner__content__tag"}}, "Alpha");
  h.Element("span", {{"class", "govuk-phase-banner__text"}},
            "This is a new service. Figures and judgements are being added.");
  h.Close("p").Close("div");
}

void Breadcrumbs(Html& h, const std::vector<Crumb>& crumbs) {
  if (crumbs.empty()) return;
  h.Open("nav", {{"class", "govuk-breadcrumbs"}, {"aria-label", "Breadcrumb"}});
  h.Open("ol", {{"class", "govuk-breadcrumbs__list"}});
  for (const Crumb& c : crumbs) {
    if (c.href.empty()) {
      h.Element("li", {{"class", "govuk-breadcrumbs__list-item"}, {"aria-current", "page"}},
                c.text);
    } else {
      h.Open("li", {{"class", "govuk-breadcrumbs__list-item"}});
      h.Link(c.href, c.text, "govuk-breadcrumbs__link");
      h.Close("li");
    }
  }
  h.Close("ol").Close("nav");
}

void Footer(Html& h) {
  h.Open("footer", {{"class", "govuk-template__footer"}});
  h.Open("div", {{"class", "govuk-footer"}});
  h.Open("div", {{"class", "govuk-width-container"}});
  h.Open("div", {{"class", "govuk-footer__meta"}});
  h.Open("div", {{"class", "govuk-footer__meta-item govuk-footer__meta-item--grow"}});
  h.Element("h2", {{"class", "govuk-visually-hidden"}}, "Support links");
  h.Open("ul", {{"class", "govuk-footer__inline-list"}});
  h.Open("li", {{"class", "govuk-footer__inline-list-item"}});
  h.Link("/methods", "How the figures are judged", "govuk-footer__link");
  h.Close("li");
  h.Open("li", {{"class", "govuk-footer__inline-list-item"}});
  h.Link("/young-people", "For children and young people: you said, we did",
         "govuk-footer__link");
  h.Close("li").Close("ul");
  h.Element("h2", {{"class", "govuk-visually-hidden"}}, "Licence notes");
  h.Element("p", {{"class", "govuk-footer__licence-description"}},
            "Plan text is the published work of the council that owns the plan and is shown "
            "under its licence, for Barnet the Open Government Licence v3.0.");
  h.Element("p", {{"class", "govuk-footer__licence-description"}},
            "Waymark is open-source software. Page styles and components from GOV.UK Frontend "
            "(MIT licence).");
  h.Close("div").Close("div").Close("div").Close("div");
  h.Close("footer");
}

}  // namespace

void RenderChoiceForm(Html& h, const ChoiceForm& form) {
  h.Open("form",
         {{"method", "get"}, {"action", form.action}, {"class", "govuk-!-margin-bottom-6"}});
  for (const auto& [name, value] : form.keep) {
    h.Void("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
  }
  h.Open("div", {{"class", "govuk-form-group"}});
  h.Element("label", {{"class", "govuk-label govuk-label--s"}, {"for", form.name}}, form.label);
  h.Open("select",
         {{"class", "govuk-select waymark-select"}, {"id", form.name}, {"name", form.name}});
  for (const auto& [value, text] : form.options) {
    if (value == form.selected) {
      h.Element("option", {{"value", value}, {"selected", "selected"}}, text);
    } else {
      h.Element("option", {{"value", value}}, text);
    }
  }
  h.Close("select").Close("div");
  h.Element("button",
            {{"type", "submit"},
             {"class", "govuk-button govuk-button--secondary"},
             {"data-module", "govuk-button"}},
            form.button);
  h.Close("form");
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHexDigits[c >> 4];
      out += kHexDigits[c & 0xF];
    }
  }
  return out;
}

std::string Links::WithPlan(std::string path, bool has_query) const {
  if (!carry_plan_ || plan_id_.empty()) return path;
  path += has_query ? '&' : '?';
  path += "plan=";
  path += UrlEncode(plan_id_);
  return path;
}

std::string Links::Home() const { return WithPlan("/", false); }

std::string Links::Outcome(std::string_view outcome_id) const {
  return WithPlan("/outcomes/" + UrlEncode(outcome_id), false);
}

std::string Links::Objective(std::string_view outcome_id, std::string_view objective_id) const {
  std::string href = Outcome(outcome_id);
  href.append("#objective-").append(objective_id);
  return href;
}

std::string Links::Search(std::string_view query) const {
  if (query.empty()) return WithPlan("/search", false);
  return WithPlan("/search?q=" + UrlEncode(query), true);
}

std::string Links::Action(std::string_view action_id, std::string_view suffix) const {
  std::string path = "/actions/" + UrlEncode(action_id);
  path += suffix;
  return WithPlan(std::move(path), false);
}

std::string Links::MyActions() const { return WithPlan("/my-actions", false); }

std::string Links::Cycles() const { return WithPlan("/cycles", false); }

std::string Links::Gaps() const { return WithPlan("/gaps", false); }

std::string Links::Strategies() const { return WithPlan("/strategies", false); }
std::string Links::Rights() const { return WithPlan("/rights", false); }

std::string Links::Strategy(std::string_view strategy_id) const {
  return WithPlan("/strategies/" + UrlEncode(strategy_id), false);
}

std::string Links::ApiOutcome(std::string_view outcome_id, bool csv) const {
  std::string path = "/api/v1/outcomes/" + UrlEncode(outcome_id) + "?plan=" + UrlEncode(plan_id_);
  if (csv) path += "&format=csv";
  return path;
}

std::string RenderPage(const PageFrame& frame, const Html& main) {
  Html h;
  Head(h, frame);
  h.Open("body", {{"class", "govuk-template__body"}});
  Header(h, frame);
  PhaseBanner(h);
  h.Literal(kAccountBarMarker);
  h.Open("div", {{"class", "govuk-width-container"}});
  Breadcrumbs(h, frame.crumbs);
  h.Open("main", {{"class", "govuk-main-wrapper"}, {"id", "main-content"}, {"tabindex", "-1"}});
  h.Append(main);
  h.Close("main");
  h.Close("div");
  Footer(h);
  h.Close("body").Close("html");
  h.Literal("\n");
  return h.Take();
}

}  // namespace waymark::report
