// The child rights page and an action's rows naming what it serves, in GOV.UK components. The
// actions serving each principle and badge come from core/child_rights.h.
#include "report/rights_pages.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/child_rights.h"
#include "core/plan_lookup.h"
#include "report/action_pages.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

std::string PrincipleAnchor(std::string_view id) { return "principle-" + std::string(id); }
std::string BadgeAnchor(std::string_view id) { return "badge-" + std::string(id); }

// The indicators linked to the objectives of `actions`, each once, in the order first met.
std::vector<const IndicatorSeries*> EvidenceOf(const RightsPage& page,
                                               const std::vector<RightsAction>& actions) {
  std::vector<const IndicatorSeries*> out;
  if (page.data == nullptr) return out;
  std::set<const Objective*> seen_objectives;
  std::set<std::string> seen;
  for (const RightsAction& a : actions) {
    if (!seen_objectives.insert(a.objective).second) continue;
    for (const IndicatorSeries* s : ObjectiveIndicators(*page.data, *page.plan, *a.objective)) {
      if (seen.insert(s->indicator.id).second) out.push_back(s);
    }
  }
  return out;
}

void Evidence(Html& h, const RightsPage& page, const std::vector<RightsAction>& actions) {
  if (page.data == nullptr || actions.empty()) return;
  const auto series = EvidenceOf(page, actions);
  if (series.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "No indicator of the catalogue measures these actions' objectives yet.");
    return;
  }
  h.Element("p", {{"class", "govuk-body govuk-!-margin-bottom-1"}},
            "Indicators that evidence them:");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const IndicatorSeries* s : series) {
    h.Open("li").Link("/indicators/" + UrlEncode(s->indicator.id), s->indicator.title).Close("li");
  }
  h.Close("ul");
}

void StandingCell(Html& h, const RightsPage& page, const Action& action) {
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "This cycle"}});
  const ActionProgress* p = page.progress != nullptr ? page.progress->Find(action.id) : nullptr;
  if (p == nullptr || !page.progress->cycle) {
    h.Text("No cycle yet");
  } else {
    StandingTag(h, p->standing);
  }
  h.Close("td");
}

void ActionTable(Html& h, const RightsPage& page, const std::vector<RightsAction>& actions,
                 const std::string& caption, bool show_link) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  if (show_link) {
    TableHead(h, caption,
              {{"Action", "govuk-!-width-one-half"}, {"Outcome", ""}, {"How", ""},
               {"This cycle", ""}});
  } else {
    TableHead(h, caption,
              {{"Action", "govuk-!-width-one-half"}, {"Outcome", ""}, {"This cycle", ""}});
  }
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const RightsAction& a : actions) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Action"}});
    h.Link(page.links.Action(a.action->id), a.action->title);
    h.Close("td");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Outcome"}});
    h.Link(page.links.Outcome(a.outcome->id), a.outcome->title);
    h.Close("td");
    if (show_link) {
      h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "How"}},
                a.link == RightsLink::kTagged ? "Named by the action" : "Through its outcome");
    }
    StandingCell(h, page, *a.action);
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

// "12 actions", "1 action".
std::string ActionCount(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " action" : " actions");
}

void Principles(Html& h, const RightsPage& page) {
  const Plan& plan = *page.plan;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "principles"}},
            "Principles of a child rights-based approach");
  if (plan.principles.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "This plan names no principles.");
    return;
  }
  for (const Principle& p : plan.principles) {
    h.Element("h3", {{"class", "govuk-heading-m"}, {"id", PrincipleAnchor(p.id)}}, p.title);
    if (!p.description.empty()) h.Element("p", {{"class", "govuk-body"}}, p.description);
    const auto actions = ActionsForPrinciple(plan, p.id);
    if (actions.empty()) {
      h.Element("p", {{"class", "govuk-body"}}, "No action of the plan names this principle yet.");
      continue;
    }
    ActionTable(h, page, actions, ActionCount(actions.size()) + " putting it into practice",
                false);
    Evidence(h, page, actions);
  }
}

void BadgeOutcomes(Html& h, const RightsPage& page, const Badge& badge) {
  const auto outcomes = OutcomesForBadge(*page.plan, badge.id);
  if (outcomes.empty()) return;
  h.Open("p", {{"class", "govuk-body"}});
  h.Text(outcomes.size() == 1 ? "The plan's outcome working towards it: "
                              : "The plan's outcomes working towards it: ");
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (i > 0) h.Text(", ");
    h.Link(page.links.Outcome(outcomes[i]->id), outcomes[i]->title);
  }
  h.Close("p");
}

void Badges(Html& h, const RightsPage& page) {
  const Plan& plan = *page.plan;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "badges"}},
            "UNICEF Child Friendly Cities outcomes");
  if (plan.badges.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "This plan names no Child Friendly Cities outcomes.");
    return;
  }
  h.Element("p", {{"class", "govuk-body"}},
            "The outcomes of UNICEF UK's Child Friendly Cities and Communities programme the "
            "plan works towards. Foundational outcomes are the programme's own; the others were "
            "chosen locally.");
  for (const Badge& b : plan.badges) {
    h.Open("h3", {{"class", "govuk-heading-m"}, {"id", BadgeAnchor(b.id)}});
    h.Text(b.title);
    if (b.foundational) {
      h.Text(" ");
      h.Element("strong", {{"class", "govuk-tag govuk-tag--blue"}}, "Foundational");
    }
    h.Close("h3");
    if (!b.description.empty()) h.Element("p", {{"class", "govuk-body"}}, b.description);
    BadgeOutcomes(h, page, b);
    const auto actions = ActionsForBadge(plan, b.id);
    if (actions.empty()) {
      h.Element("p", {{"class", "govuk-body"}}, "No action of the plan serves it yet.");
      continue;
    }
    ActionTable(h, page, actions, ActionCount(actions.size()) + " serving it", true);
    Evidence(h, page, actions);
  }
}

// A summary list row whose value is a list of links.
using LinkList = std::vector<std::pair<std::string, std::string>>;  // href, text

void LinkRow(Html& h, std::string_view key, const LinkList& items) {
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, key);
  h.Open("dd", {{"class", "govuk-summary-list__value"}});
  h.Open("ul", {{"class", "govuk-list govuk-!-margin-bottom-0"}});
  for (const auto& [href, text] : items) h.Open("li").Link(href, text).Close("li");
  h.Close("ul").Close("dd").Close("div");
}

std::string RightsHref(const Links& links, const std::string& anchor) {
  return links.Rights() + "#" + anchor;
}

}  // namespace

std::string RenderRights(const RightsPage& page) {
  const Plan& plan = *page.plan;
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}}).Open("div", {{"class", "govuk-grid-column-full"}});
  h.Element("span", {{"class", "govuk-caption-l"}}, plan.title);
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "Child rights");
  PlanSelector(h, page.choice, "/rights");
  h.Element("p", {{"class", "govuk-body-l"}},
            "How the plan's actions put the principles of a child rights-based approach into "
            "practice, and which of them serve the Child Friendly Cities outcomes the plan works "
            "towards, with each action's standing in the current reporting cycle.");
  Principles(h, page);
  Badges(h, page);
  h.Close("div").Close("div");
  PageFrame frame{"Child rights", {{plan.title, page.links.Home()}, {"Child rights", ""}},
                  NavItem::kNone, page.links};
  return RenderPage(frame, h);
}

void ActionServesRows(Html& h, const Plan& plan, const Action& action, const Outcome& outcome,
                      const Links& links) {
  LinkList also;
  for (const std::string& id : action.also_serves) {
    const ObjectivePlace p = FindObjective(plan, id);
    if (p.objective == nullptr) continue;
    also.emplace_back(links.Objective(p.outcome->id, p.objective->id), p.objective->title);
  }
  if (!also.empty()) LinkRow(h, "Also serves", also);
  LinkList principles;
  for (const Principle& p : plan.principles) {
    if (std::find(action.principles.begin(), action.principles.end(), p.id) !=
        action.principles.end()) {
      principles.emplace_back(RightsHref(links, PrincipleAnchor(p.id)), p.title);
    }
  }
  if (!principles.empty()) LinkRow(h, "Child-rights principles", principles);
  LinkList badges;
  for (const Badge& b : plan.badges) {
    if (ServesBadge(plan, outcome, action, b.id)) {
      badges.emplace_back(RightsHref(links, BadgeAnchor(b.id)), b.title);
    }
  }
  if (!badges.empty()) LinkRow(h, "Child Friendly Cities outcomes", badges);
}

}  // namespace waymark::report
