// Text rendering of a plan for `waymark plan show`.
#include "cli/plan_text.h"

#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace waymark::cli {
namespace {

std::string Plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string JoinNames(const std::vector<std::string>& ids,
                      const std::map<std::string, std::string>& names) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    const auto it = names.find(id);
    out.push_back(it != names.end() ? it->second : id);
  }
  return fmt::format("{}", fmt::join(out, "; "));
}

}  // namespace

PlanCounts CountPlan(const Plan& plan) {
  PlanCounts c;
  c.outcomes = plan.outcomes.size();
  for (const auto& o : plan.outcomes) {
    c.objectives += o.objectives.size();
    c.measures += o.measures.size();
    for (const auto& objective : o.objectives) {
      c.actions += objective.actions.size();
      c.measures += objective.measures.size();
    }
  }
  c.partners = plan.partners.size();
  c.bodies = plan.bodies.size();
  c.strategies = plan.strategies.size();
  return c;
}

std::string DescribeCounts(const PlanCounts& c) {
  return fmt::format("{}, {}, {}, {}, {}, {} monitoring bod{}, {} strateg{}",
                     Plural(c.outcomes, "outcome"), Plural(c.objectives, "objective"),
                     Plural(c.actions, "action"), Plural(c.measures, "measure"),
                     Plural(c.partners, "partner"), c.bodies, c.bodies == 1 ? "y" : "ies",
                     c.strategies, c.strategies == 1 ? "y" : "ies");
}

std::string PeriodText(const std::optional<Date>& start, const std::optional<Date>& end) {
  if (!start || !end) return "period not stated";
  return start->ToString() + " to " + end->ToString();
}

std::string PlanToText(const Plan& plan) {
  std::map<std::string, std::string> partners;
  std::map<std::string, std::string> bodies;
  for (const auto& p : plan.partners) partners[p.id] = p.name;
  for (const auto& b : plan.bodies) bodies[b.id] = b.name;

  std::string out = fmt::format("{} ({})\n{} · {} · {}\n", plan.title, plan.id,
                                plan.organisation, PeriodText(plan.start, plan.end), plan.status);
  if (!plan.continues.empty()) out += fmt::format("Continues plan {}\n", plan.continues);
  if (!plan.vision.empty()) out += fmt::format("\nVision: {}\n", plan.vision);
  if (!plan.principles.empty()) {
    out += "\nPrinciples\n";
    for (const auto& p : plan.principles) out += fmt::format("  - {}\n", p.title);
  }
  if (!plan.badges.empty()) {
    out += "\nChild Friendly Cities outcomes\n";
    for (const auto& b : plan.badges) {
      out += fmt::format("  - {}{}\n", b.title, b.foundational ? " (foundational)" : "");
    }
  }
  for (std::size_t i = 0; i < plan.outcomes.size(); ++i) {
    const Outcome& o = plan.outcomes[i];
    out += fmt::format("\n{} {}. {} [{}]\n",
                       o.kind == OutcomeKind::kOutcome ? "Outcome" : OutcomeKindName(o.kind), i + 1,
                       o.title, o.id);
    if (!o.description.empty()) out += fmt::format("   {}\n", o.description);
    if (!o.continues.empty()) {
      out += fmt::format("   continues: {}\n", fmt::join(o.continues, ", "));
    }
    for (const auto& m : o.measures) {
      out += fmt::format("    measure of the {} ({}): {}\n", OutcomeKindName(o.kind),
                         DirectionName(m.direction),
                         m.title);
    }
    for (std::size_t j = 0; j < o.objectives.size(); ++j) {
      const Objective& objective = o.objectives[j];
      out += fmt::format("  {}.{} {} [{}]\n", i + 1, j + 1, objective.title, objective.id);
      if (!objective.continues.empty()) {
        out += fmt::format("      continues: {}\n", fmt::join(objective.continues, ", "));
      }
      for (const auto& m : objective.measures) {
        out += fmt::format("      measure ({}): {}\n", DirectionName(m.direction), m.title);
      }
      for (std::size_t k = 0; k < objective.actions.size(); ++k) {
        const Action& a = objective.actions[k];
        out += fmt::format("    {}.{}.{} {}\n", i + 1, j + 1, k + 1, a.title);
        if (!a.responsible.empty()) {
          out += fmt::format("          responsible: {}\n", JoinNames(a.responsible, partners));
        }
        if (!a.monitoring.empty()) {
          out += fmt::format("          monitored by: {}\n", JoinNames(a.monitoring, bodies));
        }
        if (!a.also_serves.empty()) {
          out += fmt::format("          also serves: {}\n", fmt::join(a.also_serves, ", "));
        }
      }
    }
  }
  if (plan.index) {
    out += fmt::format("\n{}\n", plan.index->title);
    for (const auto& m : plan.index->measures) out += fmt::format("  - {}\n", m.title);
  }
  if (!plan.governance.empty()) {
    out += "\nGovernance\n";
    for (const auto& g : plan.governance) {
      const auto body = bodies.find(g.body);
      out += fmt::format("  - {}: {}\n",
                         body != bodies.end() ? body->second : "(a body the plan does not name)",
                         g.role);
    }
  }
  if (!plan.strategies.empty()) {
    out += "\nStrategies\n";
    for (const auto& s : plan.strategies) out += fmt::format("  - {}\n", s.title);
  }
  out += fmt::format("\n{}\n", DescribeCounts(CountPlan(plan)));
  return out;
}

}  // namespace waymark::cli
