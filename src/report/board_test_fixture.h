// A small plan (two outcomes, two objectives, five actions, one partner's name with markup) and
// figures for three of its indicators (worse than England, similar and getting better, a
// suppressed one) for the tests of board reports and their commentary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.h"
#include "core/plan.h"
#include "report/indicator_data.h"

namespace waymark::report::testing {

inline Plan TestPlan() {
  Plan plan;
  plan.id = "p";
  plan.title = "A plan";
  plan.organisation = "A council";
  plan.partners = {{"health", "Health <NHS>", "health"}, {"police", "Police", "police"}};
  Outcome safe{"safe", "Safe", "Children are safe.", OutcomeKind::kOutcome, {}, {"We want safe parks."}, {}};
  Objective streets{"streets", "Safe streets", "", {}, {}};
  streets.actions = {{"a1", "Patrols", {"police"}, {}},
                     {"a2", "Clinics", {"health"}, {}},
                     {"a3", "Lighting", {"police"}, {}},
                     {"a4", "Wardens", {"police"}, {}}};
  safe.objectives = {streets};
  Outcome healthy{"healthy", "Healthy", "", OutcomeKind::kOutcome, {}, {}, {}};
  Objective fit{"fit", "Fit", "", {}, {}};
  fit.actions = {{"a5", "Swimming", {"health"}, {}}};
  healthy.objectives = {fit};
  plan.outcomes = {safe, healthy};
  return plan;
}

inline Indicator TestIndicator(const char* id, const char* objective, const char* outcome) {
  Indicator ind;
  ind.id = id;
  ind.title = std::string("Indicator ") + id;
  ind.unit = "%";
  ind.plan = "p";
  ind.outcomes = {outcome};
  ind.objectives = {objective};
  ind.disclosure_min_count = 5;
  return ind;
}

inline Assessment Figure(const char* indicator, std::string_view area, const char* period, double value,
                  std::string_view vs_england = "", std::string_view trend = "") {
  Assessment a;
  a.indicator = indicator;
  a.area = std::string(area);
  a.period = *ParsePeriod(period);
  a.value = value;
  a.lower95 = value - 1;
  a.upper95 = value + 1;
  a.vs_england = ParseComparison(vs_england).value();
  a.recent_trend = ParseRecentTrend(trend).value();
  return a;
}

inline IndicatorData TestData() {
  std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                             {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", ""},
                             {"E09000002", "Barking", AreaType::kCouncil, "E12000007", ""}};
  std::vector<Assessment> rows = {
      Figure("worse", "E09000003", "2023", 40, "Worse", "Increasing and getting worse"),
      Figure("worse", "E92000001", "2023", 50),
      Figure("worse", "E09000002", "2023", 55, "Similar"),
      Figure("similar", "E09000003", "2022", 10, "Similar", "Decreasing and getting worse"),
      Figure("similar", "E09000003", "2023", 12.26, "Similar", "Increasing and getting better"),
      Figure("similar", "E92000001", "2023", 12),
  };
  Assessment hidden = Figure("small", "E09000003", "2023", 3.5, "Better");
  hidden.suppressed = true;
  rows.push_back(hidden);
  return IndicatorData({TestIndicator("worse", "streets", "safe"),
                        TestIndicator("similar", "streets", "safe"),
                        TestIndicator("small", "fit", "healthy")},
                       std::move(areas), {}, std::move(rows));
}

}  // namespace waymark::report::testing
