// The reader of plan facts (plan_fact_reader.h).
#include "ingest/plan_fact_reader.h"

#include <array>
#include <set>

#include <fmt/format.h>

namespace waymark::ingest {
namespace {

constexpr std::array<std::string_view, 3> kUnits = {"percent", "number", "rank"};

bool IsNumber(const toml::node* node) {
  return node != nullptr && (node->is_integer() || node->is_floating_point());
}

std::string AreaCode(TomlReader& reader, const toml::table& t, bool required,
                     std::string_view where) {
  std::string code = reader.Text(t, "area", required, where);
  if (!code.empty() && !IsAreaCode(code)) {
    reader.Problem(t.get("area")->source(),
                   fmt::format("'area' in {} must be an area code such as E09000003 (a capital "
                               "letter and eight digits); '{}' is not",
                               where, code));
    return "";
  }
  return code;
}

std::vector<FactComparator> Comparators(TomlReader& reader, const toml::table& t,
                                        const Fact& fact, std::string_view where) {
  std::vector<FactComparator> out;
  std::set<std::string> seen;
  const std::string inner = fmt::format("comparator of {}", where);
  reader.Tables(t, "comparators", where, [&](const toml::table& c) {
    reader.CheckKeys(c, {"area", "value"}, inner);
    FactComparator comparator;
    comparator.area = AreaCode(reader, c, true, inner);
    if (!comparator.area.empty() && !seen.insert(comparator.area).second) {
      reader.Problem(c.get("area")->source(),
                     fmt::format("{} compares with area {} twice", where, comparator.area));
    }
    if (!comparator.area.empty() && comparator.area == fact.area) {
      reader.Problem(c.get("area")->source(),
                     fmt::format("{} compares area {} with itself", where, comparator.area));
    }
    const std::optional<double> figure = reader.Number(c, "value", true, inner);
    if (figure) comparator.figure = *figure;
    out.push_back(std::move(comparator));
  });
  if (!out.empty() && !fact.figure) {
    reader.Problem(t.get("comparators")->source(),
                   fmt::format("{} has comparators, so its 'value' must be a number with a 'unit'",
                               where));
  }
  return out;
}

}  // namespace

Fact ReadPlanFact(TomlReader& reader, const toml::table& t, std::string_view where) {
  reader.CheckKeys(t,
                   {"label", "value", "unit", "period", "area", "comparators", "source",
                    "indicator", "detail"},
                   where);
  Fact fact;
  fact.label = reader.Text(t, "label", true, where);
  const toml::node* value = t.get("value");
  if (IsNumber(value)) {
    fact.figure = reader.Number(t, "value", true, where);
  } else {
    fact.value = reader.Text(t, "value", false, where);
  }
  const toml::node* unit = t.get("unit");
  if (unit != nullptr) {
    const std::string name = reader.Choice(t, "unit", kUnits, "", where);
    fact.unit = ParseFactUnit(name);
    if (!fact.figure && fact.unit) {
      reader.Problem(unit->source(), fmt::format("{} has a 'unit' but its 'value' is not a "
                                                 "number: give the figure, or drop the unit",
                                                 where));
      fact.unit.reset();
    }
  } else if (fact.figure) {
    reader.Problem(value->source(),
                   fmt::format("the value of {} is a number, so it needs a 'unit' (percent, "
                               "number or rank)",
                               where));
  }
  if (fact.figure && !fact.unit) fact.figure.reset();
  fact.period = reader.Text(t, "period", false, where);
  fact.area = AreaCode(reader, t, false, where);
  fact.comparators = Comparators(reader, t, fact, where);
  fact.source = reader.Text(t, "source", false, where);
  fact.indicator = reader.Text(t, "indicator", false, where);
  if (!fact.indicator.empty() && !IsValidSlug(fact.indicator)) {
    reader.Problem(t.get("indicator")->source(),
                   fmt::format("'indicator' in {} must be the id of an indicator of the "
                               "catalogue; '{}' is not a valid id",
                               where, fact.indicator));
    fact.indicator.clear();
  }
  if (!fact.indicator.empty() && (!fact.figure || fact.area.empty())) {
    reader.Problem(t.get("indicator")->source(),
                   fmt::format("{} names indicator '{}' to be checked against, so it needs a "
                               "number 'value' with its 'unit' and the 'area' it is for",
                               where, fact.indicator));
  }
  fact.detail = reader.Text(t, "detail", false, where);
  return fact;
}

}  // namespace waymark::ingest
