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
    json comparators = json::array();
    for (const auto& c : f.comparators) {
      comparators.push_back({{"area", c.area}, {"figure", c.figure}});
    }
    out.push_back({{"label", f.label},
                   {"value", FactValueText(f)},
                   {"figure", f.figure ? json(*f.figure) : json()},
                   {"unit", f.unit ? json(FactUnitName(*f.unit)) : json()},
                   {"stated", f.figure.has_value() || !f.value.empty()},
                   {"period", f.period},
                   {"area", f.area},
                   {"comparators", std::move(comparators)},
                   {"source", f.source},
                   {"indicator", f.indicator.empty() ? json() : json(f.indicator)},
                   {"detail", f.detail}});
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

json MeasuresJson(const std::vector<Measure>& list) {
  json measures = json::array();
  for (const auto& m : list) {
    measures.push_back({{"id", m.id},
                        {"title", m.title},
                        {"direction", std::string(DirectionName(m.direction))},
                        {"baseline", m.baseline},
                        {"target", m.target}});
  }
  return measures;
}

json ObjectiveJson(const Objective& o, const NameMaps& names) {
  const json measures = MeasuresJson(o.measures);
  json actions = json::array();
  for (const auto& a : o.actions) {
    actions.push_back({{"id", a.id},
                       {"title", a.title},
                       {"responsible", Names(a.responsible, names.partners)},
                       {"monitoring", Names(a.monitoring, names.bodies)},
                       {"responsible_ids", a.responsible},
                       {"monitoring_ids", a.monitoring},
                       {"also_serves", a.also_serves},
                       {"principles", a.principles},
                       {"badges", a.badges}});
  }
  return {{"id", o.id},
          {"title", o.title},
          {"description", o.description},
          {"continues", o.continues},
          {"measures", measures},
          {"actions", actions}};
}

json TextsJson(const std::vector<PlanText>& texts, const NameMaps& names) {
  json out = json::array();
  for (const auto& t : texts) {
    out.push_back({{"kind", TextKindName(t.kind)},
                   {"title", t.title},
                   {"text", t.text},
                   {"by", t.by},
                   {"role", t.role},
                   {"signatories", Names(t.signatories, names.partners)},
                   {"signatory_ids", t.signatories}});
  }
  return out;
}

json GovernanceJson(const std::vector<GovernanceRole>& governance) {
  json out = json::array();
  for (const auto& g : governance) {
    out.push_back({{"body", g.body.empty() ? json() : json(g.body)}, {"role", g.role}});
  }
  return out;
}

json StrategiesJson(const std::vector<Strategy>& strategies) {
  json out = json::array();
  for (const auto& s : strategies) {
    json objectives = json::array();
    for (const auto& o : s.objectives) {
      objectives.push_back({{"id", o.id},
                            {"title", o.title},
                            {"kind", AimKindName(o.kind)},
                            {"outcomes", o.outcomes}});
    }
    const auto or_null = [](const std::string& id) { return id.empty() ? json() : json(id); };
    out.push_back({{"id", s.id},
                   {"title", s.title},
                   {"description", s.description},
                   {"period", s.period},
                   {"owner", or_null(s.owner)},
                   {"overseen_by", or_null(s.overseen_by)},
                   {"approved_by", or_null(s.approved_by)},
                   {"approved_on", s.approved_on ? json(s.approved_on->ToString()) : json()},
                   {"aims_by", s.aims_by ? json(*s.aims_by) : json()},
                   {"outcomes", s.outcomes},
                   {"objectives", objectives}});
  }
  return out;
}

json IndexJson(const std::optional<CompositeIndex>& index) {
  if (!index) return nullptr;
  json measures = json::array();
  for (const auto& m : index->measures) {
    json measure = {{"id", m.id}, {"title", m.title}, {"outcomes", m.outcomes}};
    if (m.weight) measure["weight"] = *m.weight;
    if (!m.polarity.empty()) measure["polarity"] = m.polarity;
    if (m.goalposts) measure["goalposts"] = {m.goalposts->first, m.goalposts->second};
    measures.push_back(std::move(measure));
  }
  return {{"id", index->id},
          {"title", index->title},
          {"description", index->description},
          {"method", IndexMethodToJson(index->method)},
          {"measures", measures}};
}

template <typename T>
void PutIfSet(json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

template <typename T>
void GetIfPresent(const json& in, const char* key, std::optional<T>& value) {
  if (in.contains(key)) value = in.at(key).get<T>();
}

}  // namespace

nlohmann::json PeriodJson(const std::optional<Date>& start, const std::optional<Date>& end) {
  const auto date = [](const std::optional<Date>& d) {
    return d ? nlohmann::json(d->ToString()) : nlohmann::json(nullptr);
  };
  return {{"start", date(start)}, {"end", date(end)}};
}

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
  json badges = json::array();
  for (const auto& b : plan.badges) {
    badges.push_back({{"id", b.id},
                      {"title", b.title},
                      {"description", b.description},
                      {"foundational", b.foundational}});
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
                        {"kind", OutcomeKindName(o.kind)},
                        {"badge", o.badge.empty() ? json() : json(o.badge)},
                        {"continues", o.continues},
                        {"across", o.across},
                        {"facts", FactsJson(o.facts)},
                        {"voice", o.voice},
                        {"measures", MeasuresJson(o.measures)},
                        {"objectives", objectives}});
  }
  return {{"id", plan.id},
          {"title", plan.title},
          {"organisation", plan.organisation},
          {"status", plan.status},
          {"period", PeriodJson(plan.start, plan.end)},
          {"vision", plan.vision},
          {"ambition", plan.ambition},
          {"summary", plan.summary},
          {"continues", plan.continues.empty() ? json() : json(plan.continues)},
          {"principles", principles},
          {"badges", badges},
          {"partners", partners},
          {"bodies", bodies},
          {"governance", GovernanceJson(plan.governance)},
          {"texts", TextsJson(plan.texts, names)},
          {"facts", FactsJson(plan.facts)},
          {"participation", participation},
          {"outcomes", outcomes},
          {"strategies", StrategiesJson(plan.strategies)},
          {"index", IndexJson(plan.index)}};
}

json IndexMethodToJson(const IndexMethod& method) {
  json out = json::object();
  PutIfSet(out, "normalisation", method.normalisation);
  PutIfSet(out, "aggregation", method.aggregation);
  PutIfSet(out, "min_coverage", method.min_coverage);
  PutIfSet(out, "carry_forward_max_gap", method.carry_forward_max_gap);
  PutIfSet(out, "imputation", method.imputation);
  PutIfSet(out, "outliers", method.outliers);
  PutIfSet(out, "comparison", method.comparison);
  PutIfSet(out, "first_year", method.first_year);
  PutIfSet(out, "last_year", method.last_year);
  PutIfSet(out, "runs", method.runs);
  PutIfSet(out, "seed", method.seed);
  PutIfSet(out, "weight_share", method.weight_share);
  PutIfSet(out, "sensitivity_runs", method.sensitivity_runs);
  return out;
}

Result<IndexMethod> IndexMethodFromJson(std::string_view text) {
  const json in = json::parse(text, nullptr, false);
  if (!in.is_object()) return MakeError(ErrorCode::kParse, "index method is not a JSON object");
  IndexMethod method;
  try {
    GetIfPresent(in, "normalisation", method.normalisation);
    GetIfPresent(in, "aggregation", method.aggregation);
    GetIfPresent(in, "min_coverage", method.min_coverage);
    GetIfPresent(in, "carry_forward_max_gap", method.carry_forward_max_gap);
    GetIfPresent(in, "imputation", method.imputation);
    GetIfPresent(in, "outliers", method.outliers);
    GetIfPresent(in, "comparison", method.comparison);
    GetIfPresent(in, "first_year", method.first_year);
    GetIfPresent(in, "last_year", method.last_year);
    GetIfPresent(in, "runs", method.runs);
    GetIfPresent(in, "seed", method.seed);
    GetIfPresent(in, "weight_share", method.weight_share);
    GetIfPresent(in, "sensitivity_runs", method.sensitivity_runs);
  } catch (const json::exception& e) {
    return MakeError(ErrorCode::kParse, std::string("index method: ") + e.what());
  }
  return method;
}

}  // namespace waymark::ingest
