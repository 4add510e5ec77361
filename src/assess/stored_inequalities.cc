// Reads an indicator and the judged figures of its breakdowns for its inequalities.
#include "assess/stored_inequalities.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace waymark::assess {
namespace {

bool InSomeBreakdown(const Indicator& ind, const Assessment& a) {
  return std::any_of(ind.breakdowns.begin(), ind.breakdowns.end(),
                     [&](const BreakdownDimension& d) { return GroupOf(d, a.breakdown).has_value(); });
}

}  // namespace

Result<std::vector<Indicator>> IndicatorsWithBreakdowns(store::Store& store) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Indicator> all, store.ListIndicators());
  std::erase_if(all, [](const Indicator& i) { return i.breakdowns.empty(); });
  return all;
}

Result<InequalityInputs> LoadInequalityInputs(store::Store& store, std::string_view id,
                                              std::string_view area) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Indicator> all, store.ListIndicators());
  const auto it = std::find_if(all.begin(), all.end(), [&](const Indicator& i) { return i.id == id; });
  if (it == all.end()) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no indicator '{}'", id));
  }
  InequalityInputs inputs;
  inputs.indicator = std::move(*it);
  if (inputs.indicator.breakdowns.empty()) return inputs;
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Assessment> figures, store.ListAssessments(id, area));
  std::erase_if(figures, [&](const Assessment& a) { return !InSomeBreakdown(inputs.indicator, a); });
  inputs.assessments = std::move(figures);
  return inputs;
}

Result<std::vector<GapRow>> AreaGaps(store::Store& store, std::string_view area) {
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> indicators, IndicatorsWithBreakdowns(store));
  InequalityOptions options;
  options.area = std::string(area);
  options.slopes = false;
  std::vector<GapRow> out;
  for (const Indicator& ind : indicators) {
    WAYMARK_ASSIGN_OR_RETURN(const InequalityInputs inputs, LoadInequalityInputs(store, ind.id, area));
    Inequalities found = ComputeInequalities(inputs.indicator, inputs.assessments, options);
    std::move(found.gaps.begin(), found.gaps.end(), std::back_inserter(out));
  }
  return out;
}

}  // namespace waymark::assess
