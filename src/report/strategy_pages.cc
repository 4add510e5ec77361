// The strategies pages and the outcome page's list of strategies building on it, in GOV.UK
// components. A governance field the source does not give is shown as "Not stated", never
// guessed.
#include "report/strategy_pages.h"

#include <algorithm>

#include "core/plan_lookup.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

constexpr std::string_view kNotStated = "Not stated";

std::string OrNotStated(std::string text) {
  return text.empty() ? std::string(kNotStated) : std::move(text);
}

std::string PartnerName(const Plan& plan, const std::string& id) {
  return id.empty() ? std::string() : PartnerNames(plan, {id}).front();
}

std::string BodyName(const Plan& plan, const std::string& id) {
  return id.empty() ? std::string() : BodyNames(plan, {id}).front();
}

// The outcomes a strategy serves, as a whole or through any of its aims, in the plan's order.
std::vector<const Outcome*> OutcomesServed(const Plan& plan, const Strategy& strategy) {
  std::vector<const Outcome*> out;
  for (const Outcome& o : plan.outcomes) {
    const auto names = [&o](const std::vector<std::string>& ids) {
      return std::find(ids.begin(), ids.end(), o.id) != ids.end();
    };
    const bool served = names(strategy.outcomes) ||
                        std::any_of(strategy.objectives.begin(), strategy.objectives.end(),
                                    [&](const StrategyObjective& a) { return names(a.outcomes); });
    if (served) out.push_back(&o);
  }
  return out;
}

void OutcomeLinks(Html& h, const Plan& plan, const std::vector<std::string>& ids,
                  const Links& links) {
  if (ids.empty()) {
    h.Text("None named");
    return;
  }
  h.Open("ul", {{"class", "govuk-list"}});
  for (const std::string& id : ids) {
    h.Open("li", {});
    if (const Outcome* o = FindOutcome(plan, id)) {
      h.Link(links.Outcome(id), o->title);
    } else {
      h.Text(id);
    }
    h.Close("li");
  }
  h.Close("ul");
}

// "Priorities", "Ambitions", "Themes" or "Objectives" when every aim is of that kind, "Aims"
// for a mixture.
std::string AimsHeading(const Strategy& strategy) {
  const auto all = [&](AimKind k) {
    return std::all_of(strategy.objectives.begin(), strategy.objectives.end(),
                       [k](const StrategyObjective& a) { return a.kind == k; });
  };
  if (all(AimKind::kPriority)) return "Priorities";
  if (all(AimKind::kAmbition)) return "Ambitions";
  if (all(AimKind::kTheme)) return "Themes";
  if (all(AimKind::kObjective)) return "Objectives";
  return "Aims";
}

std::string AimKindLabel(AimKind k) {
  switch (k) {
    case AimKind::kObjective: return "Objective";
    case AimKind::kPriority: return "Priority";
    case AimKind::kAmbition: return "Ambition";
    case AimKind::kTheme: return "Theme";
  }
  return "Objective";
}

void Governance(Html& h, const Plan& plan) {
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "governance"}},
            "How the plan is governed");
  if (plan.governance.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "The plan does not say how it is governed.");
    return;
  }
  h.Open("dl", {{"class", "govuk-summary-list"}});
  for (const GovernanceRole& g : plan.governance) {
    SummaryRow(h, g.body.empty() ? "A board the plan does not name" : BodyName(plan, g.body),
               g.role);
  }
  h.Close("dl");
}

void StrategyTable(Html& h, const Plan& plan, const Links& links) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(h, "Strategies",
            {{"Strategy", "govuk-!-width-one-third"},
             {"Period", ""},
             {"Overseen by", ""},
             {"Plan outcomes it serves", "govuk-!-width-one-third"}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const Strategy& s : plan.strategies) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Strategy"}});
    h.Link(links.Strategy(s.id), s.title);
    h.Close("td");
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Period"}},
              OrNotStated(s.period));
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Overseen by"}},
              OrNotStated(BodyName(plan, s.overseen_by)));
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Plan outcomes it serves"}});
    std::vector<std::string> ids;
    for (const Outcome* o : OutcomesServed(plan, s)) ids.push_back(o->id);
    OutcomeLinks(h, plan, ids, links);
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

void StrategyFacts(Html& h, const Plan& plan, const Strategy& s) {
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Period", OrNotStated(s.period));
  SummaryRow(h, "Owner", OrNotStated(PartnerName(plan, s.owner)));
  SummaryRow(h, "Overseen by", OrNotStated(BodyName(plan, s.overseen_by)));
  SummaryRow(h, "Approved by", OrNotStated(BodyName(plan, s.approved_by)));
  SummaryRow(h, "Approved", s.approved_on ? PartialDateLabel(*s.approved_on)
                                          : std::string(kNotStated));
  if (s.aims_by) SummaryRow(h, "Aims to be met by", std::to_string(*s.aims_by));
  h.Close("dl");
}

void Aims(Html& h, const Plan& plan, const Strategy& s, const Links& links) {
  if (s.objectives.empty()) return;
  const std::string heading = AimsHeading(s);
  h.Element("h2", {{"class", "govuk-heading-l"}}, heading);
  const bool mixed = heading == "Aims";
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  if (mixed) {
    TableHead(h, heading + " of the strategy",
              {{"Aim", "govuk-!-width-one-half"}, {"Kind", ""}, {"Plan outcomes it serves", ""}});
  } else {
    TableHead(h, heading + " of the strategy",
              {{AimKindLabel(s.objectives.front().kind), "govuk-!-width-two-thirds"},
               {"Plan outcomes it serves", ""}});
  }
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const StrategyObjective& a : s.objectives) {
    h.Open("tr", {{"class", "govuk-table__row"}, {"id", "aim-" + a.id}});
    h.Element("td", {{"class", "govuk-table__cell"}}, a.title);
    if (mixed) h.Element("td", {{"class", "govuk-table__cell"}}, AimKindLabel(a.kind));
    h.Open("td", {{"class", "govuk-table__cell"}});
    OutcomeLinks(h, plan, a.outcomes, links);
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

}  // namespace

std::vector<StrategyServing> StrategiesServing(const Plan& plan, const std::string& outcome_id) {
  std::vector<StrategyServing> out;
  const auto names = [&outcome_id](const std::vector<std::string>& ids) {
    return std::find(ids.begin(), ids.end(), outcome_id) != ids.end();
  };
  for (const Strategy& s : plan.strategies) {
    StrategyServing serving{&s, names(s.outcomes), {}};
    for (const StrategyObjective& a : s.objectives) {
      if (names(a.outcomes)) serving.aims.push_back(&a);
    }
    if (serving.whole || !serving.aims.empty()) out.push_back(std::move(serving));
  }
  return out;
}

Html OutcomeStrategies(const Plan& plan, const Outcome& outcome, const Links& links) {
  Html h;
  const auto serving = StrategiesServing(plan, outcome.id);
  if (serving.empty()) return h;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "strategies"}},
            "Strategies that build on this " + std::string(OutcomeKindName(outcome.kind)));
  h.Open("ul", {{"class", "govuk-list govuk-list--spaced"}});
  for (const StrategyServing& s : serving) {
    h.Open("li", {});
    h.Link(links.Strategy(s.strategy->id), s.strategy->title);
    if (!s.strategy->period.empty()) h.Text(" (" + s.strategy->period + ")");
    if (!s.aims.empty()) {
      h.Open("ul", {{"class", "govuk-list govuk-list--bullet govuk-!-margin-top-1"}});
      for (const StrategyObjective* a : s.aims) {
        h.Element("li", {}, AimKindLabel(a->kind) + ": " + a->title);
      }
      h.Close("ul");
    }
    h.Close("li");
  }
  h.Close("ul");
  return h;
}

std::string RenderStrategies(const Plan& plan, const PlanChoice& choice, const Links& links) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}}).Open("div", {{"class", "govuk-grid-column-full"}});
  h.Element("span", {{"class", "govuk-caption-l"}}, plan.title);
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "Governance and strategies");
  PlanSelector(h, choice, "/strategies");
  Governance(h, plan);
  h.Element("h2", {{"class", "govuk-heading-l"}}, "Strategies that build on the plan");
  if (plan.strategies.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "This plan names no strategies that build on it.");
  } else {
    h.Element("p", {{"class", "govuk-body"}},
              std::to_string(plan.strategies.size()) +
                  (plan.strategies.size() == 1 ? " strategy builds" : " strategies build") +
                  " on this plan. Each serves the plan outcomes shown, as a whole or through "
                  "its own aims.");
    StrategyTable(h, plan, links);
  }
  h.Close("div").Close("div");
  PageFrame frame{"Governance and strategies",
                  {{plan.title, links.Home()}, {"Governance and strategies", ""}},
                  NavItem::kNone,
                  links};
  return RenderPage(frame, h);
}

std::string RenderStrategy(const Plan& plan, const Strategy& strategy, const Links& links) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  h.Element("span", {{"class", "govuk-caption-l"}}, "Strategy");
  h.Element("h1", {{"class", "govuk-heading-xl"}}, strategy.title);
  if (!strategy.description.empty()) {
    h.Element("p", {{"class", "govuk-body-l"}}, strategy.description);
  }
  StrategyFacts(h, plan, strategy);
  h.Element("h2", {{"class", "govuk-heading-l"}}, "Plan outcomes it serves");
  h.Element("p", {{"class", "govuk-body"}}, "As a whole:");
  OutcomeLinks(h, plan, strategy.outcomes, links);
  Aims(h, plan, strategy, links);
  h.Close("div").Close("div");
  PageFrame frame{strategy.title,
                  {{plan.title, links.Home()},
                   {"Governance and strategies", links.Strategies()},
                   {strategy.title, ""}},
                  NavItem::kNone,
                  links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
