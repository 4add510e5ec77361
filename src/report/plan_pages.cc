// The overview and outcome pages: a plan's vision, principles, outcomes, objectives and
// actions in GOV.UK components (summary lists, tables, tags).
#include "report/plan_pages.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "core/plan_lookup.h"
#include "report/plan_compare_pages.h"
#include "report/plan_text.h"
#include "report/strategy_pages.h"

namespace waymark::report {
namespace {

void PlanHeading(Html& h, const Plan& plan) {
  h.Element("span", {{"class", "govuk-caption-l"}}, plan.organisation + ", " + PlanPeriod(plan));
  h.Element("h1", {{"class", "govuk-heading-xl"}}, plan.title);
  if (plan.status != "published") {
    h.Open("p", {{"class", "govuk-body"}});
    h.Element("strong", {{"class", "govuk-tag govuk-tag--yellow"}}, StatusLabel(plan.status));
    h.Close("p");
  }
}

void Principles(Html& h, const Plan& plan) {
  if (plan.principles.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-l"}}, "Principles");
  h.Open("dl", {{"class", "govuk-summary-list"}});
  for (const Principle& p : plan.principles) {
    SummaryRow(h, p.title, p.description);
  }
  h.Close("dl");
}

void OutcomeCard(Html& h, const Plan& plan, const Outcome& outcome, const Links& links,
                 const PageSlots& slots) {
  const std::string heading_id = "outcome-" + outcome.id;
  h.Open("section", {{"class", "waymark-outcome"}, {"aria-labelledby", heading_id}});
  h.Open("h3", {{"class", "govuk-heading-m"}, {"id", heading_id}});
  h.Link(links.Outcome(outcome.id), outcome.title);
  h.Close("h3");
  if (!outcome.description.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, outcome.description);
  }
  const OutcomeCounts counts = CountOutcome(outcome);
  h.Open("dl", {{"class", "govuk-summary-list govuk-summary-list--no-border"}});
  SummaryRow(h, "Objectives", std::to_string(counts.objectives));
  SummaryRow(h, "Actions", std::to_string(counts.actions));
  SummaryRow(h, "Partners responsible", std::to_string(counts.partners));
  h.Close("dl");
  if (!outcome.objectives.empty()) {
    h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
    for (const Objective& o : outcome.objectives) h.Element("li", {}, o.title);
    h.Close("ul");
  }
  if (slots.overview_outcome) {
    const Html extra = slots.overview_outcome(plan, outcome);
    if (!extra.IsEmpty()) {
      h.Open("div", {{"class", "waymark-slot"}}).Append(extra).Close("div");
    }
  }
  h.Close("section");
}

// Names as a list, or "Not stated" for none.
void NameList(Html& h, const std::vector<std::string>& names) {
  if (names.empty()) {
    h.Text("Not stated");
    return;
  }
  h.Open("ul", {{"class", "govuk-list"}});
  for (const std::string& n : names) h.Element("li", {}, n);
  h.Close("ul");
}

std::string TextHeading(const PlanText& t) {
  if (!t.title.empty()) return t.title;
  switch (t.kind) {
    case TextKind::kForeword: return "Foreword";
    case TextKind::kWelcome: return "Welcome";
    case TextKind::kIntroduction: return "Introduction";
    case TextKind::kPledge: return "Our pledge";
  }
  return "Foreword";
}

// The plan's own words before its vision: the welcome, forewords and introductions folded into
// details (the overview stays short), the pledge in full with the partners who signed it.
void Texts(Html& h, const Plan& plan) {
  for (const PlanText& t : plan.texts) {
    if (t.kind == TextKind::kPledge) {
      h.Element("h2", {{"class", "govuk-heading-l"}}, TextHeading(t));
      h.Open("div", {{"class", "govuk-inset-text"}});
      Paragraphs(h, t.text);
      h.Close("div");
      if (!t.signatories.empty()) {
        h.Element("p", {{"class", "govuk-body"}}, "Signed on behalf of:");
        NameList(h, PartnerNames(plan, t.signatories));
      }
      continue;
    }
    const std::string summary =
        t.by.empty() ? TextHeading(t) : TextHeading(t) + " by " + t.by;
    h.Open("details", {{"class", "govuk-details"}});
    h.Open("summary", {{"class", "govuk-details__summary"}});
    h.Element("span", {{"class", "govuk-details__summary-text"}}, summary);
    h.Close("summary").Open("div", {{"class", "govuk-details__text"}});
    Paragraphs(h, t.text);
    if (!t.by.empty()) {
      h.Element("p", {{"class", "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-0"}},
                t.by);
    }
    if (!t.role.empty()) h.Element("p", {{"class", "govuk-body-s"}}, t.role);
    h.Close("div").Close("details");
  }
}

// A link to the plan's governance and the strategies that build on it, when it has either.
void GovernanceLink(Html& h, const Plan& plan, const Links& links) {
  if (plan.governance.empty() && plan.strategies.empty()) return;
  const std::size_t n = plan.strategies.size();
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(links.Strategies(),
         n == 0 ? std::string("How the plan is governed")
                : "How the plan is governed and the " + std::to_string(n) +
                      (n == 1 ? " strategy that builds" : " strategies that build") + " on it");
  h.Close("p");
}

void RightsLink(Html& h, const Plan& plan, const Links& links) {
  if (plan.principles.empty() && plan.badges.empty()) return;
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(links.Rights(), plan.badges.empty()
                             ? "Child rights: the principles the actions put into practice"
                             : "Child rights: the principles and Child Friendly Cities outcomes "
                               "the actions serve");
  h.Close("p");
}

// Links to this plan side by side with each other plan the reader may see (none when alone).
void CompareLinks(Html& h, const Plan& plan, const PlanChoice& choice) {
  if (choice.plans.size() < 2) return;
  h.Open("details", {{"class", "govuk-details"}});
  h.Open("summary", {{"class", "govuk-details__summary"}});
  h.Element("span", {{"class", "govuk-details__summary-text"}},
            "Compare this plan with another plan");
  h.Close("summary").Open("div", {{"class", "govuk-details__text"}});
  h.Open("ul", {{"class", "govuk-list"}});
  for (const PlanSummary& other : choice.plans) {
    if (other.id == plan.id) continue;
    h.Open("li").Link(PlanComparisonHref(other.id, plan.id), "What changed from " + other.title);
    h.Close("li");
  }
  h.Close("ul").Close("div").Close("details");
}

// The plan's composite index: what it is and a link to its page.
void IndexTeaser(Html& h, const Plan& plan, const Links& links) {
  if (!plan.index) return;
  h.Element("h2", {{"class", "govuk-heading-l"}}, plan.index->title);
  h.Element("p", {{"class", "govuk-body"}},
            "Progress is monitored through the " + plan.index->title + " of " +
                std::to_string(plan.index->measures.size()) +
                " measures: one score for each area and year, ranked against the areas it is "
                "compared with, with the range of ranks other methods give.");
  h.Open("p", {{"class", "govuk-body"}});
  std::string href = "/index";
  if (links.CarriesPlan()) href += "?plan=" + UrlEncode(plan.id);
  h.Link(href, "See the " + plan.index->title + " ranking and how it is made");
  h.Close("p");
}

// The slot's check of the facts of `plan` (empty when the slot is not set).
std::function<Html(const Fact&)> BoundCheck(const Plan& plan, const PageSlots& slots) {
  if (!slots.fact_check) return {};
  return [&plan, &slots](const Fact& fact) { return slots.fact_check(plan, fact); };
}

// The plan's key facts, folded (GOV.UK details) so that the overview leads with the outcomes.
void KeyFacts(Html& h, const Plan& plan, const PageSlots& slots) {
  if (plan.facts.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "key-facts"}}, "Key facts");
  h.Open("details", {{"class", "govuk-details"}});
  h.Open("summary", {{"class", "govuk-details__summary"}});
  h.Element("span", {{"class", "govuk-details__summary-text"}},
            plan.facts.size() == 1
                ? std::string("The fact the plan gives")
                : fmt::format("The {} facts the plan gives", plan.facts.size()));
  h.Close("summary").Open("div", {{"class", "govuk-details__text"}});
  FactList(h, plan.facts, slots.area_name, BoundCheck(plan, slots));
  h.Close("div").Close("details");
}

// The ambition the plan states beside its vision, one paragraph per blank-line block.
void Ambition(Html& h, const Plan& plan) {
  if (plan.ambition.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-l"}}, "Ambition");
  Paragraphs(h, plan.ambition);
}

// A cross-cutting priority's outcomes, or the priorities that run across an outcome.
void CrossCutting(Html& h, const Plan& plan, const Outcome& outcome, const Links& links) {
  std::vector<const Outcome*> linked;
  const bool priority = outcome.kind == OutcomeKind::kPriority;
  if (priority) {
    for (const std::string& id : outcome.across) {
      if (const Outcome* o = FindOutcome(plan, id)) linked.push_back(o);
    }
  } else {
    for (const Outcome& o : plan.outcomes) {
      if (std::find(o.across.begin(), o.across.end(), outcome.id) != o.across.end()) {
        linked.push_back(&o);
      }
    }
  }
  if (linked.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-m"}},
            priority ? "Runs across" : "Cross-cutting priorities");
  h.Open("ul", {{"class", "govuk-list"}});
  for (const Outcome* o : linked) h.Open("li").Link(links.Outcome(o->id), o->title).Close("li");
  h.Close("ul");
}

void Voice(Html& h, const std::vector<std::string>& voice) {
  if (voice.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-l"}}, "What young people told us");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const std::string& v : voice) h.Element("li", {}, v);
  h.Close("ul");
}

void Measures(Html& h, const std::vector<Measure>& measures, std::string_view caption) {
  if (measures.empty()) return;
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(h, caption,
            {{"Measure", "govuk-!-width-one-half"},
             {"Wanted direction", ""},
             {"Baseline", ""},
             {"Target", ""}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const Measure& m : measures) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, m.title);
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Wanted direction"}},
              DirectionLabel(m.direction));
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Baseline"}},
              m.baseline.empty() ? "–" : m.baseline);
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Target"}},
              m.target.empty() ? "–" : m.target);
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

// One action's row. An action declared under another objective (`elsewhere`) has no anchor
// here: its title links to where it is declared.
void ActionRow(Html& h, const Plan& plan, const Action& a, const ServingAction* elsewhere,
               const Links& links) {
  if (elsewhere == nullptr) {
    h.Open("tr", {{"class", "govuk-table__row"}, {"id", "action-" + a.id}});
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Action"}}, a.title);
  } else {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Action"}});
    h.Text(a.title);
    h.Open("p", {{"class", "govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0"}});
    h.Text("Also serves this objective; listed under ");
    h.Link(links.Outcome(elsewhere->outcome->id) + "#action-" + a.id,
           elsewhere->declared_under->title);
    h.Close("p").Close("td");
  }
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Responsible"}});
  NameList(h, PartnerNames(plan, a.responsible));
  h.Close("td").Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Monitored by"}});
  NameList(h, BodyNames(plan, a.monitoring));
  h.Close("td").Close("tr");
}

// The objective's actions: those declared under it, then those declared elsewhere that also
// serve it.
void Actions(Html& h, const Plan& plan, const Objective& objective, const Links& links) {
  const std::vector<ServingAction> elsewhere = ActionsAlsoServing(plan, objective.id);
  if (objective.actions.empty() && elsewhere.empty()) return;
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(h, "Actions",
            {{"Action", "govuk-!-width-one-half"},
             {"Responsible", "govuk-!-width-one-quarter"},
             {"Monitored by", "govuk-!-width-one-quarter"}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const Action& a : objective.actions) ActionRow(h, plan, a, nullptr, links);
  for (const ServingAction& s : elsewhere) ActionRow(h, plan, *s.action, &s, links);
  h.Close("tbody").Close("table");
}

void ObjectiveSection(Html& h, const Plan& plan, const Objective& objective,
                      const Links& links) {
  const std::string heading_id = "objective-" + objective.id;
  h.Open("section", {{"class", "waymark-objective"}, {"aria-labelledby", heading_id}});
  h.Element("h3", {{"class", "govuk-heading-m"}, {"id", heading_id}}, objective.title);
  if (!objective.description.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, objective.description);
  }
  Measures(h, objective.measures, "How success is judged");
  Actions(h, plan, objective, links);
  h.Close("section");
}

}  // namespace

void PlanSelector(Html& h, const PlanChoice& choice, std::string_view action) {
  if (choice.plans.size() < 2) return;
  ChoiceForm form{std::string(action), {}, "plan", "Plan shown on these pages", {}, choice.current,
                  "Show plan"};
  for (const PlanSummary& p : choice.plans) {
    form.options.emplace_back(p.id, p.title + " (" + StatusLabel(p.status) + ")");
  }
  RenderChoiceForm(h, form);
}

std::string RenderOverview(const Plan& plan, const PlanChoice& choice, const Links& links,
                           const PageSlots& slots) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  PlanHeading(h, plan);
  PlanSelector(h, choice, "/");
  Texts(h, plan);
  if (!plan.vision.empty()) {
    h.Element("h2", {{"class", "govuk-heading-l"}}, "Vision");
    h.Element("div", {{"class", "govuk-inset-text"}}, plan.vision);
  }
  Ambition(h, plan);
  if (!plan.summary.empty()) h.Element("p", {{"class", "govuk-body"}}, plan.summary);
  KeyFacts(h, plan, slots);
  Principles(h, plan);
  GovernanceLink(h, plan, links);
  RightsLink(h, plan, links);
  CompareLinks(h, plan, choice);
  IndexTeaser(h, plan, links);
  if (slots.overview_gaps) h.Append(slots.overview_gaps(plan));
  if (slots.overview_top) h.Append(slots.overview_top(plan));
  h.Element("h2", {{"class", "govuk-heading-l"}}, OutcomesHeading(plan));
  for (const Outcome& o : plan.outcomes) OutcomeCard(h, plan, o, links, slots);
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(links.Search(), "Search the actions and objectives of this plan");
  h.Close("p");
  h.Close("div").Close("div");
  PageFrame frame{plan.title, {}, NavItem::kOverview, links};
  return RenderPage(frame, h);
}

std::string RenderOutcome(const Plan& plan, const Outcome& outcome, const Links& links,
                          const PageSlots& slots) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  h.Element("span", {{"class", "govuk-caption-l"}}, KindLabel(outcome.kind));
  h.Element("h1", {{"class", "govuk-heading-xl"}}, outcome.title);
  if (!outcome.description.empty()) {
    h.Element("p", {{"class", "govuk-body-l"}}, outcome.description);
  }
  h.Open("p", {{"class", "govuk-body"}});
  h.Text("Download the objectives and actions of this outcome: ");
  h.Link(links.ApiOutcome(outcome.id, true), "CSV");
  h.Text(" or ");
  h.Link(links.ApiOutcome(outcome.id, false), "JSON");
  h.Text(".");
  h.Close("p");
  CrossCutting(h, plan, outcome, links);
  if (!outcome.facts.empty()) {
    h.Element("h2", {{"class", "govuk-heading-l"}}, "What we know");
    FactList(h, outcome.facts, slots.area_name, BoundCheck(plan, slots));
  }
  Voice(h, outcome.voice);
  h.Close("div").Close("div");
  if (slots.outcome_page) {
    const Html extra = slots.outcome_page(plan, outcome);
    if (!extra.IsEmpty()) {
      h.Open("div", {{"class", "waymark-slot"}}).Append(extra).Close("div");
    }
  }
  if (!outcome.measures.empty()) {
    h.Element("h2", {{"class", "govuk-heading-l"}}, "How success is judged");
    Measures(h, outcome.measures,
             fmt::format("Measures of success of the {} as a whole", OutcomeKindName(outcome.kind)));
  }
  h.Element("h2", {{"class", "govuk-heading-l"}}, "Objectives and actions");
  if (outcome.objectives.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "This outcome has no objectives in the plan.");
  }
  for (const Objective& o : outcome.objectives) ObjectiveSection(h, plan, o, links);
  h.Append(OutcomeStrategies(plan, outcome, links));
  PageFrame frame{
      outcome.title, {{plan.title, links.Home()}, {outcome.title, ""}}, NavItem::kNone, links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
