// Inequalities of one indicator by the breakdowns its catalogue declares: each group's gap
// against its comparison group (absolute and relative, with intervals, and the gap's recent
// trend), and the slope index of inequality across ordered deprivation groups. Computed from
// the indicator's judged figures, with suppressed figures left out. Pure: no I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "core/result.h"
#include "stats/gap.h"

namespace waymark::assess {

// The gap between one group and its dimension's comparison group, for an area and period.
// Unique key: indicator, dimension, area, period, breakdown (the group's own).
struct GapRow {
  std::string indicator;
  std::string dimension;  // the breakdown's label
  DimensionKind kind = DimensionKind::kSex;
  std::string area;
  Period period;
  Breakdown breakdown;     // the group's figure (sex, age, category type, category)
  std::string group;       // e.g. "CLA 12 months at 31 March", "Male"
  std::string comparison;  // e.g. "CINO at 31 March", "Female"
  double group_value = kNoValue;
  double comparison_value = kNoValue;
  // Absolute (group − comparison) and relative (group ÷ comparison) gaps with their 95% and
  // 99.8% intervals, in that order.
  stats::GapEstimate absolute;
  stats::GapEstimate relative;
  // The recent trend of the absolute gap, over the single-year periods up to this one.
  stats::GapTrend trend = stats::GapTrend::kCannotBeCalculated;
  // A figure of either group is suppressed (small numbers): no value, interval or trend is
  // shown for the gap, so that it cannot give the hidden figure away.
  bool suppressed = false;
  std::string note;  // why the gap, its limits or its trend are missing
};

// The slope index of inequality (and relative index) across the ordered groups of a
// deprivation breakdown, for an area, period and the other fields of the figures' breakdown.
struct SlopeRow {
  std::string indicator;
  std::string dimension;
  std::string area;
  Period period;
  std::string sex;
  std::string age;
  std::string category_type;
  int groups = 0;                     // the groups with a figure
  // In the indicator's units (× multiplier): the fitted line runs from `intercept` at the
  // first group's end of the scale (rank 0, the most deprived) to intercept + sii at rank 1.
  double sii = kNoValue;
  stats::Interval sii95;
  double intercept = kNoValue;
  double rii = kNoValue;  // fitted value at rank 1 ÷ at rank 0
  stats::Interval rii95;
  std::string note;  // why it could not be calculated
};

struct InequalityOptions {
  std::string area;       // only this area ("" for every area)
  std::string dimension;  // only the breakdown with this label ("" for every one)
  // Simulated samples behind each SII's limits, from a fixed seed (docs/statistics.md).
  std::int64_t sii_repetitions = 10000;
  std::uint64_t seed = 20190101;
  bool slopes = true;  // compute SIIs (the expensive part)
};

struct Inequalities {
  std::vector<GapRow> gaps;
  std::vector<SlopeRow> slopes;
};

// Every gap and SII of `indicator` from its judged figures (any order).
Inequalities ComputeInequalities(const Indicator& indicator,
                                 std::span<const Assessment> assessments,
                                 const InequalityOptions& options);

}  // namespace waymark::assess
