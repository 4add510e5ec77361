// Funnel plots: control limits for proportions, ratios and rates, the significance of each area
// against them, and chart points for rates (PIM calculate_funnel_limits,
// assign_funnel_significance, calculate_funnel_points).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/estimate.h"

namespace waymark::stats {

enum class FunnelSide { kLow, kHigh };

// The observed proportion (× multiplier) at population n whose Wilson limit at z = Φ⁻¹(p)
// equals the average proportion: the funnel's control limit (PIM sigma_adjustment).
double ProportionControlLimit(double p, double population, double average, FunnelSide side,
                              double multiplier);

// The limit of observed/expected at two-sided level p: exact below 10 events, Byar's otherwise;
// 0 for no events on the low side (PIM funnel_ratio_significance).
double RatioSignificanceLimit(double observed, double expected, double p, FunnelSide side);

// One of the 100 rows of a funnel chart. `x` is the population (proportions), observed events
// (ratios) or events (rates). `lower_2s` … `upper_3s` are the limits at 95% (2s) and 99.8% (3s);
// `*_denominator` carries the expected events (ratios) or the one-year population (rates) behind
// each limit, and is missing for proportions. `baseline` is missing for ratios.
struct FunnelRow {
  double x = kMissing;
  double lower_2s = kMissing;
  double upper_2s = kMissing;
  double lower_3s = kMissing;
  double upper_3s = kMissing;
  double lower_2s_denominator = kMissing;
  double upper_2s_denominator = kMissing;
  double lower_3s_denominator = kMissing;
  double upper_3s_denominator = kMissing;
  double baseline = kMissing;
};

// Number of rows in a funnel table.
inline constexpr int kFunnelRows = 100;

// Proportion funnel: x/n × multiplier around Σx/Σn; limits clamped to [0, 100].
// Errors: length mismatch, no rows, missing values, x < 0, n <= 0, x > n.
Result<std::vector<FunnelRow>> ProportionFunnelLimits(std::span<const double> numerators,
                                                      std::span<const double> denominators,
                                                      double multiplier = 100);

// kCount subtracts 1 from the ratio limits; kIsr multiplies them by 100.
enum class RatioType { kRatio, kCount, kIsr };

// Ratio funnel for observed/expected. Errors: length mismatch, no rows, missing values,
// observed < 0, expected <= 0.
Result<std::vector<FunnelRow>> RatioFunnelLimits(std::span<const double> observed,
                                                 std::span<const double> expected, RatioType type);

enum class RateType { kDsr, kCrude };

// Inputs of a rate funnel. The denominator of each area is derived as multiplier·events/rate;
// for crude rates with no events the supplied denominator is used (denominators may be empty
// when no area has zero events); DSR areas with no events are left out of the average.
struct RateFunnelInput {
  std::span<const double> events;
  std::span<const double> rates;
  std::span<const double> denominators;  // optional
  RateType type = RateType::kDsr;
  double multiplier = 100000;
  double years_of_data = 1;
};

// Rate funnel: limits per event count; the *_denominator fields are one-year populations.
Result<std::vector<FunnelRow>> RateFunnelLimits(const RateFunnelInput& input);

enum class FunnelSignificance {
  kHigh001,         // "High (0.001)": above the 99.8% limit
  kHigh025,         // "High (0.025)"
  kLow001,          // "Low (0.001)"
  kLow025,          // "Low (0.025)"
  kNotSignificant,  // "Not significant"
  kNotApplicable,   // DSRs with fewer than 10 events
};

std::string_view FunnelSignificanceLabel(FunnelSignificance s);

Result<std::vector<FunnelSignificance>> ProportionFunnelSignificance(
    std::span<const double> numerators, std::span<const double> denominators);
Result<std::vector<FunnelSignificance>> RatioFunnelSignificance(std::span<const double> observed,
                                                                std::span<const double> expected);
Result<std::vector<FunnelSignificance>> RateFunnelSignificance(const RateFunnelInput& input);

// A rate area as charted: the rate and its derived one-year denominator; both missing for DSRs
// with fewer than 10 events.
struct FunnelPoint {
  double rate = kMissing;
  double denominator = kMissing;
};

Result<std::vector<FunnelPoint>> RateFunnelPoints(const RateFunnelInput& input);

}  // namespace waymark::stats
