// The plan file writer: emits keys in the documented order so exports read like the examples.
#include "ingest/plan_toml.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace waymark::ingest {
namespace {

void EscapeInto(std::string& out, const std::string& text, bool multiline) {
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += multiline ? "\n" : "\\n"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

class Writer {
 public:
  void Key(std::string_view indent, std::string_view key, const std::string& value,
           bool optional = true) {
    if (optional && value.empty()) return;
    out_ += fmt::format("{}{} = {}\n", indent, key, TomlString(value));
  }
  void List(std::string_view indent, std::string_view key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    std::vector<std::string> quoted;
    quoted.reserve(items.size());
    for (const auto& item : items) quoted.push_back(TomlString(item));
    out_ += fmt::format("{}{} = [{}]\n", indent, key, fmt::join(quoted, ", "));
  }
  void Header(std::string_view indent, std::string_view name) {
    out_ += fmt::format("\n{}[[{}]]\n", indent, name);
  }
  void Raw(const std::string& text) { out_ += text; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void WriteFacts(Writer& w, std::string_view indent, std::string_view name,
                const std::vector<Fact>& facts) {
  for (const auto& fact : facts) {
    w.Header(indent, name);
    w.Key(indent, "label", fact.label, false);
    if (fact.figure && fact.unit) {
      w.Raw(fmt::format("{}value = {}\n", indent, *fact.figure));
      w.Key(indent, "unit", std::string(FactUnitName(*fact.unit)));
    } else {
      w.Key(indent, "value", fact.value);
    }
    w.Key(indent, "period", fact.period);
    w.Key(indent, "area", fact.area);
    if (!fact.comparators.empty()) {
      std::vector<std::string> items;
      items.reserve(fact.comparators.size());
      for (const auto& c : fact.comparators) {
        items.push_back(fmt::format("{{ area = {}, value = {} }}", TomlString(c.area), c.figure));
      }
      w.Raw(fmt::format("{}comparators = [{}]\n", indent, fmt::join(items, ", ")));
    }
    w.Key(indent, "source", fact.source);
    w.Key(indent, "indicator", fact.indicator);
    w.Key(indent, "detail", fact.detail);
  }
}

void WriteMeasures(Writer& w, std::string_view indent, std::string_view name,
                   const std::vector<Measure>& measures) {
  for (const auto& m : measures) {
    w.Header(indent, name);
    w.Key(indent, "id", m.id, false);
    w.Key(indent, "title", m.title, false);
    w.Key(indent, "direction", std::string(DirectionName(m.direction)), false);
    w.Key(indent, "baseline", m.baseline);
    w.Key(indent, "target", m.target);
  }
}

void WriteObjective(Writer& w, const Objective& objective) {
  w.Header("  ", "outcomes.objectives");
  w.Key("  ", "id", objective.id, false);
  w.Key("  ", "title", objective.title, false);
  w.Key("  ", "description", objective.description);
  w.List("  ", "continues", objective.continues);
  WriteMeasures(w, "    ", "outcomes.objectives.measures", objective.measures);
  for (const auto& a : objective.actions) {
    w.Header("    ", "outcomes.objectives.actions");
    w.Key("    ", "id", a.id, false);
    w.Key("    ", "title", a.title, false);
    w.List("    ", "responsible", a.responsible);
    w.List("    ", "monitoring", a.monitoring);
    w.List("    ", "also_serves", a.also_serves);
    w.List("    ", "principles", a.principles);
    w.List("    ", "badges", a.badges);
  }
}

void WriteOutcomes(Writer& w, const std::vector<Outcome>& outcomes) {
  for (const auto& o : outcomes) {
    w.Header("", "outcomes");
    w.Key("", "id", o.id, false);
    w.Key("", "title", o.title, false);
    w.Key("", "description", o.description);
    if (o.kind != OutcomeKind::kOutcome) w.Key("", "kind", std::string(OutcomeKindName(o.kind)));
    w.Key("", "badge", o.badge);
    w.List("", "continues", o.continues);
    w.List("", "across", o.across);
    w.List("", "voice", o.voice);
    if (!o.children.empty()) {
      w.Raw("\n  [outcomes.children]\n");
      w.Key("  ", "promised", o.children.promised);
      w.Key("  ", "did", o.children.did);
      w.Key("  ", "next", o.children.next);
    }
    WriteFacts(w, "  ", "outcomes.facts", o.facts);
    WriteMeasures(w, "  ", "outcomes.measures", o.measures);
    for (const auto& objective : o.objectives) WriteObjective(w, objective);
  }
}

void WriteStrategies(Writer& w, const std::vector<Strategy>& strategies) {
  for (const auto& s : strategies) {
    w.Header("", "strategies");
    w.Key("", "id", s.id, false);
    w.Key("", "title", s.title, false);
    w.Key("", "description", s.description);
    w.Key("", "period", s.period);
    w.List("", "outcomes", s.outcomes);
    w.Key("", "owner", s.owner);
    w.Key("", "overseen_by", s.overseen_by);
    w.Key("", "approved_by", s.approved_by);
    if (s.approved_on) w.Key("", "approved_on", s.approved_on->ToString());
    if (s.aims_by) w.Raw(fmt::format("aims_by = {}\n", *s.aims_by));
    for (const auto& o : s.objectives) {
      w.Header("  ", "strategies.objectives");
      w.Key("  ", "id", o.id, false);
      w.Key("  ", "title", o.title, false);
      if (o.kind != AimKind::kObjective) w.Key("  ", "kind", std::string(AimKindName(o.kind)));
      w.List("  ", "outcomes", o.outcomes);
    }
  }
}

template <typename T>
void Number(Writer& w, std::string_view key, const std::optional<T>& value) {
  if (value) w.Raw(fmt::format("{} = {}\n", key, *value));
}

void WriteIndexMethod(Writer& w, const IndexMethod& m) {
  if (m == IndexMethod{}) return;
  w.Raw("\n[index.method]\n");
  w.Key("", "normalisation", m.normalisation.value_or(""));
  w.Key("", "aggregation", m.aggregation.value_or(""));
  Number(w, "min_coverage", m.min_coverage);
  Number(w, "carry_forward_max_gap", m.carry_forward_max_gap);
  w.Key("", "imputation", m.imputation.value_or(""));
  w.Key("", "outliers", m.outliers.value_or(""));
  w.Key("", "comparison", m.comparison.value_or(""));
  Number(w, "first_year", m.first_year);
  Number(w, "last_year", m.last_year);
  Number(w, "runs", m.runs);
  Number(w, "seed", m.seed);
  Number(w, "weight_share", m.weight_share);
  Number(w, "sensitivity_runs", m.sensitivity_runs);
}

void WriteIndex(Writer& w, const CompositeIndex& index) {
  w.Raw("\n[index]\n");
  w.Key("", "id", index.id, false);
  w.Key("", "title", index.title, false);
  w.Key("", "description", index.description);
  WriteIndexMethod(w, index.method);
  for (const auto& m : index.measures) {
    w.Header("  ", "index.measures");
    w.Key("  ", "id", m.id, false);
    w.Key("  ", "title", m.title, false);
    w.List("  ", "outcomes", m.outcomes);
    if (m.weight) w.Raw(fmt::format("  weight = {}\n", *m.weight));
    w.Key("  ", "polarity", m.polarity);
    if (m.goalposts) {
      w.Raw(fmt::format("  goalposts = [{}, {}]\n", m.goalposts->first, m.goalposts->second));
    }
  }
}

}  // namespace

std::string TomlString(const std::string& text) {
  std::string out;
  const bool multiline = text.find('\n') != std::string::npos;
  out += multiline ? "\"\"\"\n" : "\"";
  EscapeInto(out, text, multiline);
  out += multiline ? "\"\"\"" : "\"";
  return out;
}

std::string WritePlanToml(const Plan& plan) {
  Writer w;
  w.Raw(fmt::format("# Plan file for {} (docs/plan-format.md).\n\n[plan]\n", plan.id));
  w.Key("", "id", plan.id, false);
  w.Key("", "title", plan.title, false);
  w.Key("", "organisation", plan.organisation, false);
  if (plan.start && plan.end) {  // a plan that states no period has neither key
    w.Raw(fmt::format("start = {}\nend = {}\n", plan.start->ToString(), plan.end->ToString()));
  }
  w.Key("", "status", plan.status, false);
  w.Key("", "vision", plan.vision);
  w.Key("", "ambition", plan.ambition);
  w.Key("", "summary", plan.summary);
  w.Key("", "continues", plan.continues);
  for (const auto& p : plan.principles) {
    w.Header("", "principles");
    w.Key("", "id", p.id, false);
    w.Key("", "title", p.title, false);
    w.Key("", "description", p.description);
  }
  for (const auto& b : plan.badges) {
    w.Header("", "badges");
    w.Key("", "id", b.id, false);
    w.Key("", "title", b.title, false);
    w.Key("", "description", b.description);
    if (b.foundational) w.Raw("foundational = true\n");
  }
  for (const auto& p : plan.partners) {
    w.Header("", "partners");
    w.Key("", "id", p.id, false);
    w.Key("", "name", p.name, false);
    w.Key("", "kind", p.kind, false);
  }
  for (const auto& b : plan.bodies) {
    w.Header("", "bodies");
    w.Key("", "id", b.id, false);
    w.Key("", "name", b.name, false);
    w.Key("", "kind", b.kind, false);
  }
  for (const auto& g : plan.governance) {
    w.Header("", "governance");
    w.Key("", "body", g.body);
    w.Key("", "role", g.role, false);
  }
  for (const auto& t : plan.texts) {
    w.Header("", "texts");
    w.Key("", "kind", std::string(TextKindName(t.kind)), false);
    w.Key("", "title", t.title);
    w.Key("", "by", t.by);
    w.Key("", "role", t.role);
    w.List("", "signatories", t.signatories);
    w.Key("", "text", t.text, false);
  }
  WriteFacts(w, "", "facts", plan.facts);
  for (const auto& p : plan.participation) {
    w.Header("", "participation");
    w.Key("", "activity", p.activity, false);
    w.Key("", "count", p.count, false);
    w.Key("", "description", p.description);
  }
  WriteOutcomes(w, plan.outcomes);
  WriteStrategies(w, plan.strategies);
  if (plan.index) WriteIndex(w, *plan.index);
  return w.Take();
}

}  // namespace waymark::ingest
