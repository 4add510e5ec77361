// Diffs two plans by flattening each into records (kind, id) with named text fields and
// comparing the records. Order of records and fields follows the plan file.
#include "store/plan_diff.h"

#include <array>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "ingest/plan_json.h"

namespace waymark::store {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Record {
  PlanRecordKind entity;
  std::string id;
  std::string title;
  Fields fields;
};

std::string JoinIds(const std::vector<std::string>& ids) {
  return fmt::format("{}", fmt::join(ids, ", "));
}

// A fact as one line of the history: "label: value (period, area; compared with: area figure;
// source; indicator; detail)", with only the parts the fact has.
std::string FactLine(const Fact& f) {
  std::vector<std::string> parts;
  if (!f.period.empty()) parts.push_back(f.period);
  if (!f.area.empty()) parts.push_back(f.area);
  for (const auto& c : f.comparators) {
    parts.push_back(fmt::format("{} {}", c.area, FactFigureText(f, c.figure)));
  }
  if (!f.source.empty()) parts.push_back("source " + f.source);
  if (!f.indicator.empty()) parts.push_back("indicator " + f.indicator);
  if (!f.detail.empty()) parts.push_back(f.detail);
  return fmt::format("{}: {}{}", f.label, FactValueText(f),
                     parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, "; ")));
}

std::string JoinFacts(const std::vector<Fact>& facts) {
  std::string out;
  for (const auto& f : facts) out += fmt::format("{}{}", out.empty() ? "" : "; ", FactLine(f));
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  return fmt::format("{}", fmt::join(lines, " | "));
}

// A measure's record: `parent` names its objective or, for a measure of an outcome as a whole,
// its outcome.
Record MeasureRecord(const Measure& m, std::string_view parent, const std::string& parent_id) {
  return {PlanRecordKind::kMeasure,
          m.id,
          m.title,
          {{std::string(parent), parent_id},
           {"title", m.title},
           {"direction", std::string(DirectionName(m.direction))},
           {"baseline", m.baseline},
           {"target", m.target}}};
}

void FlattenOutcome(const Outcome& o, std::vector<Record>& out) {
  out.push_back({PlanRecordKind::kOutcome,
                 o.id,
                 o.title,
                 {{"title", o.title},
                  {"description", o.description},
                  {"kind", std::string(OutcomeKindName(o.kind))},
                  {"badge", o.badge},
                  {"continues", JoinIds(o.continues)},
                  {"across", JoinIds(o.across)},
                  {"voice", JoinLines(o.voice)},
                  {"facts", JoinFacts(o.facts)},
                  {"children promised", o.children.promised},
                  {"children did", o.children.did},
                  {"children next", o.children.next}}});
  for (const auto& m : o.measures) out.push_back(MeasureRecord(m, "outcome", o.id));
  for (const auto& objective : o.objectives) {
    out.push_back({PlanRecordKind::kObjective,
                   objective.id,
                   objective.title,
                   {{"outcome", o.id},
                    {"title", objective.title},
                    {"description", objective.description},
                    {"continues", JoinIds(objective.continues)}}});
    for (const auto& m : objective.measures) {
      out.push_back(MeasureRecord(m, "objective", objective.id));
    }
    for (const auto& a : objective.actions) {
      out.push_back({PlanRecordKind::kAction,
                     a.id,
                     a.title,
                     {{"objective", objective.id},
                      {"title", a.title},
                      {"responsible", JoinIds(a.responsible)},
                      {"monitoring", JoinIds(a.monitoring)},
                      {"also serves", JoinIds(a.also_serves)},
                      {"principles", JoinIds(a.principles)},
                      {"badges", JoinIds(a.badges)}}});
    }
  }
}

// The plan's governance as one line: "body: role; …" ("-" for a role with no body named).
std::string JoinGovernance(const std::vector<GovernanceRole>& roles) {
  std::string out;
  for (const auto& g : roles) {
    out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", g.body.empty() ? "-" : g.body, g.role);
  }
  return out;
}

// A date of the plan's period as the history shows it: "not stated" when the plan has none.
std::string PeriodDate(const std::optional<Date>& d) {
  return d ? d->ToString() : std::string("not stated");
}

std::vector<Record> Flatten(const Plan& plan) {
  std::vector<Record> out;
  std::string participation;
  for (const auto& p : plan.participation) {
    participation +=
        fmt::format("{}{}: {}", participation.empty() ? "" : "; ", p.activity, p.count);
  }
  out.push_back({PlanRecordKind::kPlan,
                 plan.id,
                 plan.title,
                 {{"title", plan.title},
                  {"organisation", plan.organisation},
                  {"start", PeriodDate(plan.start)},
                  {"end", PeriodDate(plan.end)},
                  {"status", plan.status},
                  {"vision", plan.vision},
                  {"ambition", plan.ambition},
                  {"summary", plan.summary},
                  {"continues", plan.continues},
                  {"facts", JoinFacts(plan.facts)},
                  {"participation", participation},
                  {"governance", JoinGovernance(plan.governance)}}});
  for (const auto& p : plan.principles) {
    out.push_back(
        {PlanRecordKind::kPrinciple, p.id, p.title, {{"title", p.title}, {"description", p.description}}});
  }
  for (const auto& b : plan.badges) {
    out.push_back({PlanRecordKind::kBadge,
                   b.id,
                   b.title,
                   {{"title", b.title},
                    {"description", b.description},
                    {"foundational", b.foundational ? "yes" : "no"}}});
  }
  for (const auto& p : plan.partners) {
    out.push_back({PlanRecordKind::kPartner, p.id, p.name, {{"name", p.name}, {"kind", p.kind}}});
  }
  for (const auto& b : plan.bodies) {
    out.push_back({PlanRecordKind::kBody, b.id, b.name, {{"name", b.name}, {"kind", b.kind}}});
  }
  // Texts have no ids: each is named by its kind and its place among texts of that kind.
  std::map<TextKind, int> texts_of_kind;
  for (const auto& t : plan.texts) {
    const std::string id = fmt::format("{}-{}", TextKindName(t.kind), ++texts_of_kind[t.kind]);
    out.push_back({PlanRecordKind::kText,
                   id,
                   t.title.empty() ? id : t.title,
                   {{"title", t.title},
                    {"by", t.by},
                    {"role", t.role},
                    {"text", t.text},
                    {"signatories", JoinIds(t.signatories)}}});
  }
  for (const auto& o : plan.outcomes) FlattenOutcome(o, out);
  for (const auto& s : plan.strategies) {
    out.push_back({PlanRecordKind::kStrategy,
                   s.id,
                   s.title,
                   {{"title", s.title},
                    {"description", s.description},
                    {"period", s.period},
                    {"outcomes", JoinIds(s.outcomes)},
                    {"owner", s.owner},
                    {"overseen by", s.overseen_by},
                    {"approved by", s.approved_by},
                    {"approved on", s.approved_on ? s.approved_on->ToString() : ""},
                    {"aims by", s.aims_by ? std::to_string(*s.aims_by) : ""}}});
    for (const auto& o : s.objectives) {
      out.push_back({PlanRecordKind::kStrategyObjective,
                     o.id,
                     o.title,
                     {{"strategy", s.id},
                      {"title", o.title},
                      {"kind", std::string(AimKindName(o.kind))},
                      {"outcomes", JoinIds(o.outcomes)}}});
    }
  }
  if (plan.index) {
    out.push_back({PlanRecordKind::kIndex,
                   plan.index->id,
                   plan.index->title,
                   {{"title", plan.index->title},
                    {"description", plan.index->description},
                    {"method", ingest::IndexMethodToJson(plan.index->method).dump()}}});
    for (const auto& m : plan.index->measures) {
      out.push_back({PlanRecordKind::kIndexMeasure,
                     m.id,
                     m.title,
                     {{"title", m.title},
                      {"outcomes", JoinIds(m.outcomes)},
                      {"weight", m.weight ? fmt::format("{}", *m.weight) : ""},
                      {"polarity", m.polarity},
                      {"goalposts", m.goalposts ? fmt::format("[{}, {}]", m.goalposts->first,
                                                              m.goalposts->second)
                                                : ""}}});
    }
  }
  return out;
}

using RecordKey = std::pair<PlanRecordKind, std::string>;

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kRemoved:
      return "removed";
    case ChangeKind::kChanged:
      return "changed";
  }
  return "changed";
}

std::vector<Change> DiffPlans(const Plan& before, const Plan& after) {
  const std::vector<Record> old_records = Flatten(before);
  const std::vector<Record> new_records = Flatten(after);
  std::map<RecordKey, const Record*> old_by_key;
  std::map<RecordKey, const Record*> new_by_key;
  for (const auto& r : old_records) old_by_key[{r.entity, r.id}] = &r;
  for (const auto& r : new_records) new_by_key[{r.entity, r.id}] = &r;

  std::vector<Change> changes;
  for (const auto& r : new_records) {
    const auto it = old_by_key.find({r.entity, r.id});
    if (it == old_by_key.end()) {
      changes.push_back({ChangeKind::kAdded, r.entity, r.id, "", "", r.title});
      continue;
    }
    const Fields& old_fields = it->second->fields;
    for (std::size_t i = 0; i < r.fields.size() && i < old_fields.size(); ++i) {
      if (r.fields[i].second == old_fields[i].second) continue;
      changes.push_back({ChangeKind::kChanged, r.entity, r.id, r.fields[i].first,
                         old_fields[i].second, r.fields[i].second});
    }
  }
  for (const auto& r : old_records) {
    if (new_by_key.count({r.entity, r.id}) == 0) {
      changes.push_back({ChangeKind::kRemoved, r.entity, r.id, "", r.title, ""});
    }
  }
  return changes;
}

RecordTitleMap RecordTitles(const Plan& plan) {
  RecordTitleMap titles;
  for (Record& r : Flatten(plan)) {
    titles[{r.entity, std::move(r.id)}] = std::move(r.title);
  }
  return titles;
}

std::optional<PlanRecordKind> LinkedKind(PlanRecordKind entity, std::string_view field) {
  struct Link {
    PlanRecordKind entity;
    std::string_view field;
    PlanRecordKind kind;
  };
  static constexpr std::array<Link, 19> kLinks = {{
      {PlanRecordKind::kOutcome, "badge", PlanRecordKind::kBadge},
      {PlanRecordKind::kOutcome, "across", PlanRecordKind::kOutcome},
      {PlanRecordKind::kObjective, "outcome", PlanRecordKind::kOutcome},
      {PlanRecordKind::kMeasure, "objective", PlanRecordKind::kObjective},
      {PlanRecordKind::kMeasure, "outcome", PlanRecordKind::kOutcome},
      {PlanRecordKind::kAction, "objective", PlanRecordKind::kObjective},
      {PlanRecordKind::kAction, "responsible", PlanRecordKind::kPartner},
      {PlanRecordKind::kAction, "monitoring", PlanRecordKind::kBody},
      {PlanRecordKind::kAction, "also serves", PlanRecordKind::kObjective},
      {PlanRecordKind::kAction, "principles", PlanRecordKind::kPrinciple},
      {PlanRecordKind::kAction, "badges", PlanRecordKind::kBadge},
      {PlanRecordKind::kText, "signatories", PlanRecordKind::kPartner},
      {PlanRecordKind::kStrategy, "outcomes", PlanRecordKind::kOutcome},
      {PlanRecordKind::kStrategy, "owner", PlanRecordKind::kPartner},
      {PlanRecordKind::kStrategy, "overseen by", PlanRecordKind::kBody},
      {PlanRecordKind::kStrategy, "approved by", PlanRecordKind::kBody},
      {PlanRecordKind::kStrategyObjective, "strategy", PlanRecordKind::kStrategy},
      {PlanRecordKind::kStrategyObjective, "outcomes", PlanRecordKind::kOutcome},
      {PlanRecordKind::kIndexMeasure, "outcomes", PlanRecordKind::kOutcome},
  }};
  for (const Link& l : kLinks) {
    if (l.entity == entity && l.field == field) return l.kind;
  }
  return std::nullopt;
}

std::string DescribeChange(const Change& c) {
  switch (c.kind) {
    case ChangeKind::kAdded:
      return fmt::format("added {} '{}': {}", PlanRecordKindName(c.entity), c.entity_id,
                         c.new_value);
    case ChangeKind::kRemoved:
      return fmt::format("removed {} '{}': {}", PlanRecordKindName(c.entity), c.entity_id,
                         c.old_value);
    case ChangeKind::kChanged:
      break;
  }
  return fmt::format("changed {} '{}' {}: '{}' -> '{}'", PlanRecordKindName(c.entity),
                     c.entity_id, c.field, c.old_value, c.new_value);
}

}  // namespace waymark::store
