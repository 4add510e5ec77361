// Reads plan files (docs/plan-format.md) with toml++ and validates them in one pass, collecting
// every problem with its position. toml++ exceptions are caught here and become diagnostics.
#include "ingest/plan_file.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <span>
#include <sstream>

#include <fmt/format.h>

#include "core/plan_lookup.h"
#include "ingest/plan_fact_reader.h"
#include "ingest/toml_reader.h"

namespace waymark::ingest {
namespace {

using Choices = TomlReader::Choices;

constexpr std::array<std::string_view, 8> kPartnerKinds = {
    "council", "health", "police", "education", "housing", "voluntary", "partnership", "other"};
constexpr std::array<std::string_view, 6> kBodyKinds = {"board",  "committee", "plan",
                                                        "report", "group",     "other"};
constexpr std::array<std::string_view, 4> kOutcomeKinds = {"outcome", "theme", "stage", "priority"};
constexpr std::array<std::string_view, 4> kAimKinds = {"objective", "priority", "ambition",
                                                       "theme"};
constexpr std::array<std::string_view, 4> kTextKinds = {"foreword", "welcome", "introduction",
                                                        "pledge"};
constexpr std::array<std::string_view, 3> kStatuses = {"published", "draft", "archived"};
// Index method choices the plan may name (src/index/spec.h names). Normalisations that need
// per-indicator targets or goalposts, and aggregations that need extra parameters, are left out.
constexpr std::array<std::string_view, 8> kIndexNormalisations = {
    "minmax", "zscore", "zscore_floor", "rank", "rank_average", "borda", "percent_rank", "fracmax"};
constexpr std::array<std::string_view, 3> kIndexAggregations = {"arithmetic", "geometric",
                                                                "harmonic"};
constexpr std::array<std::string_view, 3> kIndexImputations = {"none", "mean", "median"};
constexpr std::array<std::string_view, 2> kIndexOutliers = {"none", "winsorise"};
constexpr std::array<std::string_view, 3> kIndexComparisons = {"london", "all-councils",
                                                               "neighbours"};
constexpr std::array<std::string_view, 2> kMeasurePolarities = {"high", "low"};

class PlanReader : public TomlReader {
 public:
  using TomlReader::TomlReader;
  PlanFileReport Read(const toml::table& root);

 private:
  std::vector<std::string> Continues(const toml::table& t, std::string_view kind,
                                     std::string_view by);
  void ReadHeader(const toml::table& root, Plan& plan);
  void ReadPeriod(const toml::table& t, Plan& plan);
  Outcome ReadOutcome(const toml::table& t);
  ChildrensWords ReadChildrensWords(const toml::table& t, std::string_view outcome_id);
  Objective ReadObjective(const toml::table& t, std::string_view outcome_id);
  Measure ReadMeasure(const toml::table& m, std::string_view mw);
  Strategy ReadStrategy(const toml::table& t);
  void CheckAcross(const toml::table& root, const Plan& plan);
  PlanText ReadText(const toml::table& t);
  std::optional<PartialDate> PartialDateField(const toml::table& t, std::string_view key,
                                              std::string_view kWhere);
  CompositeIndex ReadIndex(const toml::table& t);
  IndexMethod ReadIndexMethod(const toml::table& t);
  std::optional<std::pair<double, double>> Goalposts(const toml::table& t, std::string_view kWhere);

  std::string continues_;               // [plan] continues
  std::vector<ContinuedId> continued_;  // the ids its records' `continues` keys name
  std::optional<std::string> OptionalChoice(const toml::table& t, std::string_view key,
                                            Choices choices, std::string_view kWhere);
  std::optional<double> NumberIn(const toml::table& t, std::string_view key, double low,
                                 double high, std::string_view kWhere);
  std::optional<int> IntegerIn(const toml::table& t, std::string_view key, std::int64_t low,
                               std::int64_t high, std::string_view kWhere);
};

// The period is optional, but whole: `start` and `end` together (end after start), or neither
// when the plan's document states no period.
void PlanReader::ReadPeriod(const toml::table& t, Plan& plan) {
  constexpr std::string_view kWhere = "[plan]";
  const toml::node* start = t.get("start");
  const toml::node* end = t.get("end");
  if (start == nullptr && end == nullptr) return;
  if (start == nullptr || end == nullptr) {
    const toml::node* given = start != nullptr ? start : end;
    Problem(given->source(),
            fmt::format("[plan] has '{}' but no '{}': give both dates, or neither when the plan "
                        "states no period",
                        start != nullptr ? "start" : "end", start != nullptr ? "end" : "start"));
    return;
  }
  const Date from = DateField(t, "start", kWhere);
  const Date to = DateField(t, "end", kWhere);
  if (from.year == 0 || to.year == 0) return;
  if (!(from < to)) {
    Problem(end->source(), fmt::format("[plan] ends ({}) before it starts ({})", to.ToString(),
                                       from.ToString()));
    return;
  }
  plan.start = from;
  plan.end = to;
}

void PlanReader::ReadHeader(const toml::table& root, Plan& plan) {
  const toml::node* node = root.get("plan");
  if (node == nullptr || node->as_table() == nullptr) {
    Problem(node != nullptr ? node->source() : root.source(),
            "the file must start with a [plan] table (id, title, organisation)");
    return;
  }
  const toml::table& t = *node->as_table();
  constexpr std::string_view kWhere = "[plan]";
  CheckKeys(
      t,
      {"id", "title", "organisation", "start", "end", "status", "vision", "ambition", "summary",
       "continues"},
      kWhere);
  plan.id = Id(t, "plan", kWhere);
  continues_ = Text(t, "continues", false, kWhere);
  if (!continues_.empty() && !IsValidSlug(continues_)) {
    Problem(t.get("continues")->source(),
            fmt::format("'continues' in [plan] must be the id of the plan this one follows; "
                        "'{}' is not a valid id",
                        continues_));
  } else if (!continues_.empty() && continues_ == plan.id) {
    Problem(t.get("continues")->source(), "a plan cannot continue itself");
  }
  plan.continues = continues_;
  plan.title = Text(t, "title", true, kWhere);
  plan.organisation = Text(t, "organisation", true, kWhere);
  ReadPeriod(t, plan);
  plan.status = Choice(t, "status", kStatuses, "published", kWhere);
  plan.vision = Text(t, "vision", false, kWhere);
  plan.ambition = Text(t, "ambition", false, kWhere);
  plan.summary = Text(t, "summary", false, kWhere);
}

// `continues = [ids]` on an outcome or objective: records of the same kind in the plan that
// [plan] continues names, each once. That plan is another file, so the ids are kept with their
// positions for CheckContinued.
std::vector<std::string> PlanReader::Continues(const toml::table& t, std::string_view kind,
                                               std::string_view by) {
  const std::string where = fmt::format("{} '{}'", kind, by);
  std::vector<std::string> ids = TextArray(t, "continues", where);
  const toml::array* array =
      t.get("continues") != nullptr ? t.get("continues")->as_array() : nullptr;
  if (array == nullptr || ids.empty()) return ids;
  if (continues_.empty()) {
    Problem(t.get("continues")->source(),
            fmt::format("{} names the {}s it continues, but [plan] names no plan it continues "
                        "(continues = \"PLAN-ID\")",
                        where, kind));
  }
  std::map<std::string, int, std::less<>> seen;
  for (std::size_t i = 0; i < ids.size() && i < array->size(); ++i) {
    const SourcePos pos = Pos((*array)[i].source());
    if (!IsValidSlug(ids[i])) {
      AddProblem(pos, fmt::format("{} continues '{}', which is not a valid id", where, ids[i]));
    } else if (++seen[ids[i]] > 1) {
      AddProblem(pos, fmt::format("{} continues {} '{}' twice", where, kind, ids[i]));
    }
    continued_.push_back(ContinuedId{std::string(kind), ids[i], std::string(by), pos});
  }
  return ids;
}

// A measure of success: of an objective, or of an outcome as a whole. Its direction is
// required, and "not stated" when the plan words the measure without one.
Measure PlanReader::ReadMeasure(const toml::table& m, std::string_view mw) {
  CheckKeys(m, {"id", "title", "direction", "baseline", "target"}, mw);
  Measure measure;
  measure.id = Id(m, "measure", mw);
  measure.title = Text(m, "title", true, mw);
  const std::string direction = Text(m, "direction", true, mw);
  if (auto d = ParseDirection(direction)) {
    measure.direction = *d;
  } else if (!direction.empty()) {
    Problem(m.get("direction")->source(),
            fmt::format("direction '{}' of {} must be increase, decrease, maintain or not stated",
                        direction, mw));
  }
  measure.baseline = Text(m, "baseline", false, mw);
  measure.target = Text(m, "target", false, mw);
  return measure;
}

Objective PlanReader::ReadObjective(const toml::table& t, std::string_view outcome_id) {
  const std::string where = fmt::format("objective of outcome '{}'", outcome_id);
  CheckKeys(t, {"id", "title", "description", "measures", "actions", "continues"}, where);
  Objective objective;
  objective.id = Id(t, "objective", where);
  objective.title = Text(t, "title", true, where);
  objective.description = Text(t, "description", false, where);
  const std::string inner = fmt::format("objective '{}'", objective.id);
  objective.continues = Continues(t, "objective", objective.id);
  Tables(t, "measures", inner, [&](const toml::table& m) {
    objective.measures.push_back(ReadMeasure(m, fmt::format("measure of {}", inner)));
  });
  Tables(t, "actions", inner, [&](const toml::table& a) {
    const std::string aw = fmt::format("action of {}", inner);
    CheckKeys(a, {"id", "title", "responsible", "monitoring", "also_serves", "principles", "badges"},
              aw);
    Action action;
    action.id = Id(a, "action", aw);
    action.title = Text(a, "title", true, aw);
    const std::string named = fmt::format("action '{}'", action.id);
    Links(a, "responsible", "partner", named, &action.responsible);
    Links(a, "monitoring", "body", named, &action.monitoring);
    Links(a, "also_serves", "objective", named, &action.also_serves);
    Links(a, "principles", "principle", named, &action.principles);
    Links(a, "badges", "badge", named, &action.badges);
    if (std::find(action.also_serves.begin(), action.also_serves.end(), objective.id) !=
        action.also_serves.end()) {
      Problem(a.get("also_serves")->source(),
              fmt::format("{} is declared under objective '{}': 'also_serves' names the other "
                          "objectives it serves",
                          named, objective.id));
    }
    objective.actions.push_back(std::move(action));
  });
  return objective;
}

// `[outcomes.children]`: the outcome in children's words, every key optional.
ChildrensWords PlanReader::ReadChildrensWords(const toml::table& t, std::string_view outcome_id) {
  const toml::node* node = t.get("children");
  if (node == nullptr) return {};
  const std::string where = fmt::format("children's words of outcome '{}'", outcome_id);
  const toml::table* words = node->as_table();
  if (words == nullptr) {
    Problem(node->source(),
            fmt::format("'children' in outcome '{}' must be a table ([outcomes.children]) with "
                        "promised, did and next",
                        outcome_id));
    return {};
  }
  CheckKeys(*words, {"promised", "did", "next"}, where);
  return ChildrensWords{Text(*words, "promised", false, where), Text(*words, "did", false, where),
                        Text(*words, "next", false, where)};
}

Outcome PlanReader::ReadOutcome(const toml::table& t) {
  constexpr std::string_view kWhere = "[[outcomes]]";
  CheckKeys(t,
            {"id", "title", "description", "kind", "voice", "facts", "measures", "objectives",
             "children", "badge", "continues", "across"},
            kWhere);
  Outcome outcome;
  outcome.id = Id(t, "outcome", kWhere);
  outcome.title = Text(t, "title", true, kWhere);
  outcome.description = Text(t, "description", false, kWhere);
  outcome.kind =
      ParseOutcomeKind(Choice(t, "kind", kOutcomeKinds, "outcome", kWhere)).value_or(OutcomeKind::kOutcome);
  const std::string inner = fmt::format("outcome '{}'", outcome.id);
  outcome.continues = Continues(t, "outcome", outcome.id);
  outcome.badge = Link(t, "badge", "badge", inner);
  Links(t, "across", "outcome", inner, &outcome.across);
  if (const toml::node* across = t.get("across");
      across != nullptr && outcome.kind != OutcomeKind::kPriority) {
    Problem(across->source(),
            fmt::format("{} names the outcomes it runs 'across', which only a cross-cutting "
                        "priority (kind = \"priority\") does",
                        inner));
  }
  outcome.voice = TextArray(t, "voice", inner);
  Tables(t, "facts", inner, [&](const toml::table& f) {
    outcome.facts.push_back(ReadPlanFact(*this, f, fmt::format("fact of {}", inner)));
  });
  Tables(t, "measures", inner, [&](const toml::table& m) {
    outcome.measures.push_back(ReadMeasure(m, fmt::format("measure of {}", inner)));
  });
  Tables(t, "objectives", inner,
         [&](const toml::table& o) { outcome.objectives.push_back(ReadObjective(o, outcome.id)); });
  outcome.children = ReadChildrensWords(t, outcome.id);
  return outcome;
}

// `approved_on`: a date known to the year, month or day (YYYY, YYYY-MM or YYYY-MM-DD).
std::optional<PartialDate> PlanReader::PartialDateField(const toml::table& t, std::string_view key,
                                                        std::string_view kWhere) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* text = node->as_string();
  auto date = text != nullptr ? PartialDate::Parse(text->get()) : std::nullopt;
  if (!date) {
    Problem(node->source(), fmt::format("'{}' in {} must be a date written YYYY, YYYY-MM or "
                                        "YYYY-MM-DD (e.g. \"2023-03\" for March 2023)",
                                        key, kWhere));
  }
  return date;
}

// `[[texts]]`: a foreword, welcome, introduction or pledge; only a pledge names signatories.
PlanText PlanReader::ReadText(const toml::table& t) {
  constexpr std::string_view kWhere = "[[texts]]";
  CheckKeys(t, {"kind", "title", "text", "by", "role", "signatories"}, kWhere);
  PlanText text;
  text.kind = ParseTextKind(Choice(t, "kind", kTextKinds, "", kWhere)).value_or(TextKind::kForeword);
  if (t.get("kind") == nullptr) Problem(t.source(), "[[texts]] is missing required key 'kind'");
  text.title = Text(t, "title", false, kWhere);
  text.text = Text(t, "text", true, kWhere);
  text.by = Text(t, "by", false, kWhere);
  text.role = Text(t, "role", false, kWhere);
  const std::string named = fmt::format("the {}", TextKindName(text.kind));
  Links(t, "signatories", "partner", named, &text.signatories);
  if (const toml::node* node = t.get("signatories"); node && text.kind != TextKind::kPledge) {
    Problem(node->source(),
            fmt::format("only a pledge has signatories; this text is a {}", TextKindName(text.kind)));
  }
  return text;
}

Strategy PlanReader::ReadStrategy(const toml::table& t) {
  constexpr std::string_view kWhere = "[[strategies]]";
  CheckKeys(t,
            {"id", "title", "description", "period", "outcomes", "objectives", "owner",
             "overseen_by", "approved_by", "approved_on", "aims_by"},
            kWhere);
  Strategy strategy;
  strategy.id = Id(t, "strategy", kWhere);
  strategy.title = Text(t, "title", true, kWhere);
  strategy.description = Text(t, "description", false, kWhere);
  strategy.period = Text(t, "period", false, kWhere);
  const std::string inner = fmt::format("strategy '{}'", strategy.id);
  Links(t, "outcomes", "outcome", inner, &strategy.outcomes);
  strategy.owner = Link(t, "owner", "partner", inner);
  strategy.overseen_by = Link(t, "overseen_by", "body", inner);
  strategy.approved_by = Link(t, "approved_by", "body", inner);
  strategy.approved_on = PartialDateField(t, "approved_on", inner);
  strategy.aims_by = IntegerIn(t, "aims_by", 1900, 2200, inner);
  Tables(t, "objectives", inner, [&](const toml::table& o) {
    const std::string ow = fmt::format("objective of {}", inner);
    CheckKeys(o, {"id", "title", "kind", "outcomes"}, ow);
    StrategyObjective objective;
    objective.id = Id(o, "strategy objective", ow);
    objective.title = Text(o, "title", true, ow);
    objective.kind = ParseAimKind(Choice(o, "kind", kAimKinds, "objective", ow))
                         .value_or(AimKind::kObjective);
    Links(o, "outcomes", "outcome", fmt::format("strategy objective '{}'", objective.id),
          &objective.outcomes);
    strategy.objectives.push_back(std::move(objective));
  });
  return strategy;
}

std::optional<std::string> PlanReader::OptionalChoice(const toml::table& t, std::string_view key,
                                                      Choices choices, std::string_view kWhere) {
  if (t.get(key) == nullptr) return std::nullopt;
  std::string value = Choice(t, key, choices, "", kWhere);
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<double> PlanReader::NumberIn(const toml::table& t, std::string_view key, double low,
                                           double high, std::string_view kWhere) {
  std::optional<double> value = Number(t, key, false, kWhere);
  if (value && !(*value >= low && *value <= high)) {
    Problem(t.get(key)->source(),
            fmt::format("'{}' in {} must be between {} and {}", key, kWhere, low, high));
    return std::nullopt;
  }
  return value;
}

std::optional<int> PlanReader::IntegerIn(const toml::table& t, std::string_view key,
                                         std::int64_t low, std::int64_t high,
                                         std::string_view kWhere) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return std::nullopt;
  const auto* i = node->as_integer();
  if (i == nullptr || i->get() < low || i->get() > high) {
    Problem(node->source(),
            fmt::format("'{}' in {} must be a whole number from {} to {}", key, kWhere, low, high));
    return std::nullopt;
  }
  return static_cast<int>(i->get());
}

// Method choices: docs/family-friendly-index.md; unset keys keep the FFI defaults.
IndexMethod PlanReader::ReadIndexMethod(const toml::table& t) {
  constexpr std::string_view kWhere = "[index.method]";
  CheckKeys(t,
            {"normalisation", "aggregation", "min_coverage", "carry_forward_max_gap", "imputation",
             "outliers", "comparison", "first_year", "last_year", "runs", "seed", "weight_share",
             "sensitivity_runs"},
            kWhere);
  IndexMethod method;
  method.normalisation = OptionalChoice(t, "normalisation", kIndexNormalisations, kWhere);
  method.aggregation = OptionalChoice(t, "aggregation", kIndexAggregations, kWhere);
  method.min_coverage = NumberIn(t, "min_coverage", 0, 1, kWhere);
  method.carry_forward_max_gap = IntegerIn(t, "carry_forward_max_gap", 0, 20, kWhere);
  method.imputation = OptionalChoice(t, "imputation", kIndexImputations, kWhere);
  method.outliers = OptionalChoice(t, "outliers", kIndexOutliers, kWhere);
  method.comparison = OptionalChoice(t, "comparison", kIndexComparisons, kWhere);
  method.first_year = IntegerIn(t, "first_year", 1900, 2200, kWhere);
  method.last_year = IntegerIn(t, "last_year", 1900, 2200, kWhere);
  if (method.first_year && method.last_year && *method.last_year < *method.first_year) {
    Problem(t.get("last_year")->source(),
            fmt::format("last_year ({}) in {} is before first_year ({})", *method.last_year, kWhere,
                        *method.first_year));
  }
  method.runs = IntegerIn(t, "runs", 1, 1000000, kWhere);
  if (const toml::node* node = t.get("seed")) {
    const auto* i = node->as_integer();
    if (i == nullptr || i->get() < 0) {
      Problem(node->source(), fmt::format("'seed' in {} must be a whole number ≥ 0", kWhere));
    } else {
      method.seed = i->get();
    }
  }
  method.weight_share = NumberIn(t, "weight_share", 0, 1, kWhere);
  method.sensitivity_runs = IntegerIn(t, "sensitivity_runs", 0, 100000, kWhere);
  return method;
}

// `goalposts = [low, high]`: two finite numbers with low < high.
std::optional<std::pair<double, double>> PlanReader::Goalposts(const toml::table& t,
                                                               std::string_view kWhere) {
  const toml::node* node = t.get("goalposts");
  if (node == nullptr) return std::nullopt;
  const toml::array* a = node->as_array();
  const auto number = [&](std::size_t i) -> std::optional<double> {
    if (a == nullptr || i >= a->size()) return std::nullopt;
    const toml::node& v = *a->get(i);
    if (const auto* d = v.as_floating_point(); d != nullptr && std::isfinite(d->get())) {
      return d->get();
    }
    if (const auto* n = v.as_integer()) return static_cast<double>(n->get());
    return std::nullopt;
  };
  const auto low = number(0), high = number(1);
  if (a == nullptr || a->size() != 2 || !low || !high) {
    Problem(node->source(),
            fmt::format("'goalposts' in {} must be two numbers [low, high]", kWhere));
    return std::nullopt;
  }
  if (!(*high > *low)) {
    Problem(node->source(),
            fmt::format("'goalposts' in {} need low < high (got [{}, {}])", kWhere, *low, *high));
    return std::nullopt;
  }
  return std::make_pair(*low, *high);
}

CompositeIndex PlanReader::ReadIndex(const toml::table& t) {
  constexpr std::string_view kWhere = "[index]";
  CheckKeys(t, {"id", "title", "description", "method", "measures"}, kWhere);
  CompositeIndex index;
  index.id = Id(t, "index", kWhere);
  index.title = Text(t, "title", true, kWhere);
  index.description = Text(t, "description", false, kWhere);
  if (const toml::node* node = t.get("method")) {
    if (const toml::table* m = node->as_table()) {
      index.method = ReadIndexMethod(*m);
    } else {
      Problem(node->source(), "'method' in [index] must be a table ([index.method])");
    }
  }
  Tables(t, "measures", kWhere, [&](const toml::table& m) {
    const std::string mw = "[[index.measures]]";
    CheckKeys(m, {"id", "title", "outcomes", "weight", "polarity", "goalposts"}, mw);
    IndexMeasure measure;
    measure.id = Id(m, "index measure", mw);
    measure.title = Text(m, "title", true, mw);
    measure.weight = Number(m, "weight", false, mw);
    if (measure.weight && *measure.weight < 0) {
      Problem(m.get("weight")->source(), fmt::format("'weight' in {} must be ≥ 0", mw));
      measure.weight.reset();
    }
    measure.polarity = OptionalChoice(m, "polarity", kMeasurePolarities, mw).value_or("");
    measure.goalposts = Goalposts(m, mw);
    Links(m, "outcomes", "outcome", fmt::format("index measure '{}'", measure.id),
          &measure.outcomes);
    index.measures.push_back(std::move(measure));
  });
  return index;
}

// A priority runs across the plan's other outcomes: not itself, not another priority.
void PlanReader::CheckAcross(const toml::table& root, const Plan& plan) {
  const toml::array* tables =
      root.get("outcomes") != nullptr ? root.get("outcomes")->as_array() : nullptr;
  if (tables == nullptr) return;
  for (std::size_t i = 0; i < plan.outcomes.size() && i < tables->size(); ++i) {
    const Outcome& outcome = plan.outcomes[i];
    const toml::table* t = (*tables)[i].as_table();
    const toml::array* across =
        t != nullptr && t->get("across") != nullptr ? t->get("across")->as_array() : nullptr;
    if (across == nullptr) continue;
    for (std::size_t j = 0; j < outcome.across.size() && j < across->size(); ++j) {
      const Outcome* target = FindOutcome(plan, outcome.across[j]);
      if (target == nullptr) continue;  // CheckLinks has said so
      if (target == &outcome) {
        Problem((*across)[j].source(),
                fmt::format("priority '{}' cannot run across itself", outcome.id));
      } else if (target->kind == OutcomeKind::kPriority) {
        Problem((*across)[j].source(),
                fmt::format("priority '{}' runs across '{}', another priority: name the "
                            "outcomes both run across",
                            outcome.id, target->id));
      }
    }
  }
}

PlanFileReport PlanReader::Read(const toml::table& root) {
  CheckKeys(root,
            {"plan", "principles", "badges", "partners", "bodies", "governance", "texts", "facts",
             "participation", "outcomes", "strategies", "index"},
            "the top level");
  Plan plan;
  ReadHeader(root, plan);
  Tables(root, "principles", "the top level", [&](const toml::table& t) {
    constexpr std::string_view kWhere = "[[principles]]";
    CheckKeys(t, {"id", "title", "description"}, kWhere);
    plan.principles.push_back(Principle{Id(t, "principle", kWhere), Text(t, "title", true, kWhere),
                                        Text(t, "description", false, kWhere)});
  });
  Tables(root, "badges", "the top level", [&](const toml::table& t) {
    constexpr std::string_view kWhere = "[[badges]]";
    CheckKeys(t, {"id", "title", "description", "foundational"}, kWhere);
    plan.badges.push_back(Badge{Id(t, "badge", kWhere), Text(t, "title", true, kWhere),
                                Text(t, "description", false, kWhere),
                                Bool(t, "foundational", false, kWhere)});
  });
  Tables(root, "partners", "the top level", [&](const toml::table& t) {
    constexpr std::string_view kWhere = "[[partners]]";
    CheckKeys(t, {"id", "name", "kind"}, kWhere);
    plan.partners.push_back(Partner{Id(t, "partner", kWhere), Text(t, "name", true, kWhere),
                                    Choice(t, "kind", kPartnerKinds, "other", kWhere)});
  });
  Tables(root, "bodies", "the top level", [&](const toml::table& t) {
    constexpr std::string_view kWhere = "[[bodies]]";
    CheckKeys(t, {"id", "name", "kind"}, kWhere);
    plan.bodies.push_back(MonitoringBody{Id(t, "body", kWhere), Text(t, "name", true, kWhere),
                                         Choice(t, "kind", kBodyKinds, "other", kWhere)});
  });
  Tables(root, "governance", "the top level", [&](const toml::table& t) {
    constexpr std::string_view kWhere = "[[governance]]";
    CheckKeys(t, {"body", "role"}, kWhere);
    GovernanceRole role;
    role.role = Text(t, "role", true, kWhere);
    role.body = Link(t, "body", "body", fmt::format("the governance role '{}'", role.role));
    plan.governance.push_back(std::move(role));
  });
  Tables(root, "texts", "the top level",
         [&](const toml::table& t) { plan.texts.push_back(ReadText(t)); });
  Tables(root, "facts", "the top level",
         [&](const toml::table& t) { plan.facts.push_back(ReadPlanFact(*this, t, "[[facts]]")); });
  Tables(root, "participation", "the top level", [&](const toml::table& t) {
    constexpr std::string_view kWhere = "[[participation]]";
    CheckKeys(t, {"activity", "count", "description"}, kWhere);
    plan.participation.push_back(Participation{Text(t, "activity", true, kWhere),
                                               Text(t, "count", true, kWhere),
                                               Text(t, "description", false, kWhere)});
  });
  Tables(root, "outcomes", "the top level",
         [&](const toml::table& t) { plan.outcomes.push_back(ReadOutcome(t)); });
  Tables(root, "strategies", "the top level",
         [&](const toml::table& t) { plan.strategies.push_back(ReadStrategy(t)); });
  if (const toml::node* node = root.get("index")) {
    if (const toml::table* t = node->as_table()) {
      plan.index = ReadIndex(*t);
    } else {
      Problem(node->source(), "'index' must be a table ([index])");
    }
  }
  CheckLinks();
  CheckAcross(root, plan);

  PlanFileReport report;
  if (!HasProblems()) {
    report.plan = std::move(plan);
    report.continued = std::move(continued_);
    return report;
  }
  report.problems = TakeProblems();
  return report;
}

}  // namespace

PlanFileReport ParsePlanText(std::string_view text, const std::string& file_name) {
  auto root = ParseToml(text, file_name);
  if (!root) {
    PlanFileReport report;
    report.problems.push_back(root.error());
    return report;
  }
  PlanReader reader(file_name);
  return reader.Read(*root);
}

Diagnostics CheckContinued(const PlanFileReport& report, const Plan& earlier) {
  Diagnostics problems;
  for (const ContinuedId& c : report.continued) {
    const bool outcome = c.kind == "outcome";
    const bool found = outcome ? FindOutcome(earlier, c.id) != nullptr
                               : FindObjective(earlier, c.id).objective != nullptr;
    if (found) continue;
    problems.push_back(Error{ErrorCode::kValidation,
                             fmt::format("{} '{}' continues {} '{}', which plan '{}' does not have",
                                         c.kind, c.by, c.kind, c.id, earlier.id),
                             c.pos});
  }
  return problems;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot open file for reading", SourcePos{path});
  // Read in one piece when the size is known, so that memory is the file's size, not twice it.
  std::error_code ec;
  const auto size = std::filesystem::is_regular_file(path, ec)
                         ? std::filesystem::file_size(path, ec)
                         : std::uintmax_t{0};
  if (!ec && size > kMaxTextFileBytes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("the file is {} MiB; a text file Waymark reads is at most {} MiB",
                                 size >> 20, kMaxTextFileBytes >> 20),
                     SourcePos{path});
  }
  if (!ec && size > 0) {
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return MakeError(ErrorCode::kIo, "cannot read file", SourcePos{path});
    return text;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, "cannot read file", SourcePos{path});
  return buffer.str();
}

PlanFileReport ReadPlanFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text) {
    PlanFileReport report;
    report.problems.push_back(text.error());
    return report;
  }
  return ParsePlanText(*text, path);
}

}  // namespace waymark::ingest
