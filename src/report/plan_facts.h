// A plan's facts on its pages: "Key facts" on the overview and "What we know" on an outcome
// page, each fact with its figure, period, area, comparators and source, and, for a fact linked
// to an indicator of the catalogue, whether the catalogue's figures agree with it.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/fact.h"
#include "core/plan.h"
#include "report/html.h"
#include "report/indicator_data.h"

namespace waymark::report {

// Names an area code ("E09000003" → "Barnet"); the code itself when the name is not known.
using AreaNamer = std::function<std::string(std::string_view code)>;

// One area of a fact checked against the catalogue.
struct FactCheckLine {
  std::string area;    // code
  double stated = 0;   // the plan's figure
  const Assessment* measured = nullptr;  // the catalogue's figure; nullptr when it has none
  bool agrees = false;
};

// A fact checked against the catalogue indicator it names, in the period it gives.
struct FactCheck {
  const IndicatorSeries* series = nullptr;  // nullptr: the catalogue has no such indicator
  // The period checked: the fact's own, or, when the plan states none (`searched`), the latest
  // of the catalogue in which every figure agrees. Unset when there is no such period.
  std::optional<Period> period;
  bool searched = false;
  std::vector<FactCheckLine> lines;  // the fact's area, then each comparator
};

// Checks a fact that names an indicator, has a figure and an area; nullopt for any other. When
// the fact states no period, only periods that begin before `quoted_before` (the year the plan
// starts, when it states one) are searched: a plan quotes figures published before it.
std::optional<FactCheck> CheckFact(const IndicatorData& data, const Fact& fact,
                                   std::optional<int> quoted_before = std::nullopt);

// The check of a fact of `plan` as a sentence under it (nothing for a fact that cannot be
// checked).
Html RenderFactCheck(const IndicatorData& data, const Plan& plan, const Fact& fact);

// The facts as a GOV.UK summary list. `check` (may be empty) adds the catalogue check under
// each fact; `name` names the areas.
void FactList(Html& h, const std::vector<Fact>& facts, const AreaNamer& name,
              const std::function<Html(const Fact&)>& check);

// Under each fact of a plan's page: its check against the catalogue.
using FactCheckSlot = std::function<Html(const Plan&, const Fact&)>;

}  // namespace waymark::report
