// Conversion of the plan model to JSON. Partner and body links are resolved to names (as
// published) and also given as ids (for machines).
#include "ingest/plan_json.h"

#include <map>

#include <nlohmann/json.hpp>

namespace waymark::ingest {
namespace {

using nlohmann::json;

json FactsJson(const std::vector<Fact>& facts) {
  json out = json::array();
  for (const auto& f : facts) {
    out.push_back({{"label", f.label}, {"value", f.value}, {"detail", f.detail}});
  }
  return out;
}

json Names(const std::vector<std::string>& ids, const std::map<std::string, std::string>& names) {
  json out = json::array();
  for (const auto& id : ids) {
    const auto it = names.find(id);
    out.push_back(it != names.end() ? it->second : id);
  }
  return out;
}

struct NameMaps {
  std::map<std::string, std::string> partners;
  std::map<std::string, std::string> bodies;
};

json ObjectiveJson(const Objective& o, const NameMaps& names) {
  json measures = json::array();
  for (const auto& m : o.measures) {
    measures.push_back({{"id", m.id},
                        {"title", m.title},
                        {"direction", std::string(DirectionName(m.direction))},
                        {"baseline", m.baseline},
                        {"target", m.target}});
  }
  json actions = json::array();
  for (const auto& a : o.actions) {
    actions.push_back({{"id", a.id},
                       {"title", a.title},
                       {"responsible", Names(a.responsible, names.partners)},
                       {"monitoring", Names(a.monitoring, names.bodies)},
                       {"responsible_ids", a.responsible},
                       {"monitoring_ids", a.monitoring}});
  }
  return {{"id", o.id},
          {"title", o.title},
          {"description", o.description},
          {"measures", measures},
          {"actions", actions}};
}

json StrategiesJson(const std::vector<Strategy>& strategies) {
  json out = json::array();
  for (const auto& s : strategies) {
    json objectives = json::array();
    for (const auto& o : s.objectives) {
      objectives.push_back({{"id", o.id}, {"title", o.title}, {"outcomes", o.outcomes}});
    }
    out.push_back({{"id", s.id},
                   {"title", s.title},
                   {"description", s.description},
                   {"period", s.period},
                   {"outcomes", s.outcomes},
                   {"objectives", objectives}});
  }
  return out;
}

json IndexJson(const std::optional<CompositeIndex>& index) {
  if (!index) return nullptr;
  json measures = json::array();
  for (const auto& m : index->measures) {
    measures.push_back({{"id", m.id}, {"title", m.title}, {"outcomes", m.outcomes}});
  }
  return {{"id", index->id},
          {"title", index->title},
          {"description", index->description},
          {"measures", measures}};
}

}  // namespace

json PlanToJson(const Plan& plan) {
  NameMaps names;
  json partners = json::array();
  for (const auto& p : plan.partners) {
    names.partners[p.id] = p.name;
    partners.push_back({{"id", p.id}, {"name", p.name}, {"kind", p.kind}});
  }
  json bodies = json::array();
  for (const auto& b : plan.bodies) {
    names.bodies[b.id] = b.name;
    bodies.push_back({{"id", b.id}, {"name", b.name}, {"kind", b.kind}});
  }
  json principles = json::array();
  for (const auto& p : plan.principles) {
    principles.push_back({{"id", p.id}, {"title", p.title}, {"description", p.description}});
  }
  json participation = json::array();
  for (const auto& p : plan.participation) {
    participation.push_back(
        {{"activity", p.activity}, {"count", p.count}, {"description", p.description}});
  }
  json outcomes = json::array();
  for (const auto& o : plan.outcomes) {
    json objectives = json::array();
    for (const auto& objective : o.objectives) objectives.push_back(ObjectiveJson(objective, names));
    outcomes.push_back({{"id", o.id},
                        {"title", o.title},
                        {"description", o.description},
                        {"kind", o.kind},
                        {"facts", FactsJson(o.facts)},
                        {"voice", o.voice},
                        {"objectives", objectives}});
  }
  return {{"id", plan.id},
          {"title", plan.title},
          {"organisation", plan.organisation},
          {"status", plan.status},
          {"period", {{"start", plan.start.ToString()}, {"end", plan.end.ToString()}}},
          {"vision", plan.vision},
          {"summary", plan.summary},
          {"principles", principles},
          {"partners", partners},
          {"bodies", bodies},
          {"facts", FactsJson(plan.facts)},
          {"participation", participation},
          {"outcomes", outcomes},
          {"strategies", StrategiesJson(plan.strategies)},
          {"index", IndexJson(plan.index)}};
}

}  // namespace waymark::ingest
