// Funnel-plot control limits, significance and chart points.
#include "stats/funnel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "stats/confidence.h"
#include "stats/poisson_bisection.h"
#include "stats/rate.h"

namespace waymark::stats {
namespace {

// Number of decimal digits of a non-negative whole number (R's nchar of the number).
double Digits(double whole) { return static_cast<double>(fmt::format("{:.0f}", whole).size()); }

// Method: PIM signif.floor: round 0.95x down to its leading digit.
double SignifFloor(double x) {
  if (x == 0) return 0;
  const double scaled = x * 0.95;
  const double n = Digits(std::floor(scaled)) - 1;
  return std::floor(scaled / std::pow(10, n)) * std::pow(10, n);
}

// Method: PIM signif.ceiling: round 1.05x up to its two leading digits.
double SignifCeiling(double x) {
  if (x == 0) return 0;
  const double scaled = x * 1.05;
  const double n = Digits(std::ceil(scaled)) - 2;
  return std::ceil(scaled / std::pow(10, n)) * std::pow(10, n);
}

// Method: PIM calculate_funnel_limits: 100 points spaced geometrically from max(1, min) to max,
// each at least one more than the last; k = j for proportions and rates, j − 1 for ratios. R's
// round() halves to even, as nearbyint does.
std::vector<FunnelRow> Axis(double axis_min, double axis_max, bool ratio) {
  std::vector<FunnelRow> rows(kFunnelRows);
  rows[0].x = std::max(1.0, axis_min);
  for (int j = 2; j <= kFunnelRows; ++j) {
    const double previous = rows[j - 2].x;
    const double k = ratio ? j - 1 : j;
    const double step = std::nearbyint(std::pow(axis_max / previous, 1 / (101 - k)) * previous);
    rows[j - 1].x = std::max(step, previous + 1);
  }
  return rows;
}

Status CheckLengths(size_t a, size_t b) {
  if (a == 0) return MakeError(ErrorCode::kInvalidArgument, "no areas");
  if (a != b) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{} numerators but {} denominators", a, b));
  }
  return {};
}

Status CheckProportions(std::span<const double> x, std::span<const double> n) {
  WAYMARK_TRY(CheckLengths(x.size(), n.size()));
  for (size_t i = 0; i < x.size(); ++i) {
    if (IsMissing(x[i]) || IsMissing(n[i])) {
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("area {}: missing value", i + 1));
    }
    if (x[i] < 0 || n[i] <= 0 || x[i] > n[i]) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("area {}: need 0 <= numerator <= denominator and a positive "
                                   "denominator",
                                   i + 1));
    }
  }
  return {};
}

Status CheckRatios(std::span<const double> o, std::span<const double> e) {
  WAYMARK_TRY(CheckLengths(o.size(), e.size()));
  for (size_t i = 0; i < o.size(); ++i) {
    if (IsMissing(o[i]) || IsMissing(e[i]) || o[i] < 0 || e[i] <= 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("area {}: need observed >= 0 and expected > 0", i + 1));
    }
  }
  return {};
}

double Sum(std::span<const double> values) {
  double total = 0;
  for (double v : values) {
    if (!IsMissing(v)) total += v;
  }
  return total;
}

// Method: PIM derived denominators: multiplier·events/rate; crude rates with no events use the
// supplied denominator; DSRs with no events are missing.
Result<std::vector<double>> DerivedDenominators(const RateFunnelInput& in) {
  if (in.events.empty()) return MakeError(ErrorCode::kInvalidArgument, "no areas");
  if (in.rates.size() != in.events.size() ||
      (!in.denominators.empty() && in.denominators.size() != in.events.size())) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "events, rates and denominators differ in length");
  }
  if (!(in.multiplier > 0) || !(in.years_of_data > 0)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "multiplier and years of data must be greater than zero");
  }
  std::vector<double> derived(in.events.size(), kMissing);
  for (size_t i = 0; i < in.events.size(); ++i) {
    const double events = in.events[i];
    const double supplied = in.denominators.empty() ? kMissing : in.denominators[i];
    if (IsMissing(events) || events < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("area {}: events must be given and zero or more", i + 1));
    }
    if (events == 0) {
      if (in.type == RateType::kDsr) continue;
      if (IsMissing(supplied) || supplied <= 0) {
        return MakeError(
            ErrorCode::kInvalidArgument,
            fmt::format("area {}: a denominator is needed when there are no events", i + 1));
      }
      derived[i] = supplied;
      continue;
    }
    if (IsMissing(in.rates[i]) || in.rates[i] <= 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("area {}: rate must be greater than zero", i + 1));
    }
    derived[i] = in.multiplier * events / in.rates[i];
  }
  return derived;
}

FunnelSignificance Classify(bool high001, bool high025, bool low001, bool low025) {
  if (high001) return FunnelSignificance::kHigh001;
  if (high025) return FunnelSignificance::kHigh025;
  if (low001) return FunnelSignificance::kLow001;
  if (low025) return FunnelSignificance::kLow025;
  return FunnelSignificance::kNotSignificant;
}

}  // namespace

// Method: PIM sigma_adjustment, the closed-form inverse of the Wilson limit:
//   A = P(N/z² + 1), R = √((8A)² − 64(1/z² + 1/N)·P·(N(P(N/z² + 2) − 1) + z²(P − 1))),
//   limit = (A ∓ R/8)/(1/z² + 1/N)/N × multiplier.
double ProportionControlLimit(double p, double population, double average, FunnelSide side,
                              double multiplier) {
  const double z = NormalQuantile(p);
  const double z2 = z * z;
  const double first = average * (population / z2 + 1);
  const double root =
      std::sqrt((-8 * first) * (-8 * first) -
                64 * (1 / z2 + 1 / population) * average *
                    (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)));
  const double last = 1 / z2 + 1 / population;
  const double limit =
      side == FunnelSide::kLow ? (first - root / 8) / last : (first + root / 8) / last;
  return limit / population * multiplier;
}

// Method: PIM funnel_ratio_significance; exact limits below 10 events use χ² at 0.5 + p/2
// (upper tail for the low side), Byar's uses z = Φ⁻¹(0.5 + p/2) with o + 1 on the high side.
double RatioSignificanceLimit(double observed, double expected, double p, FunnelSide side) {
  double limit = 0;
  if (observed == 0 && side == FunnelSide::kLow) {
    limit = 0;
  } else if (observed < kExactCountThreshold) {
    limit = side == FunnelSide::kLow ? ChiSquaredComplementQuantile(2 * observed, 0.5 + p / 2) / 2
                                     : ChiSquaredQuantile(2 * observed + 2, 0.5 + p / 2) / 2;
  } else {
    const double z = NormalQuantile(0.5 + p / 2);
    limit = side == FunnelSide::kLow ? ByarsLower(observed, z) : ByarsUpper(observed, z);
  }
  return limit / expected;
}

Result<std::vector<FunnelRow>> ProportionFunnelLimits(std::span<const double> numerators,
                                                      std::span<const double> denominators,
                                                      double multiplier) {
  WAYMARK_TRY(CheckProportions(numerators, denominators));
  if (!(multiplier > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "multiplier must be greater than zero");
  }
  const double average = Sum(numerators) / Sum(denominators);
  const auto [min_it, max_it] = std::minmax_element(denominators.begin(), denominators.end());
  // Method: the axis starts at 0 when the denominators span more than a factor of 2.
  const double axis_min = *max_it > 2 * *min_it ? 0 : SignifFloor(*min_it);
  std::vector<FunnelRow> rows = Axis(axis_min, SignifCeiling(*max_it), /*ratio=*/false);
  for (FunnelRow& row : rows) {
    // Method: limits clamped to [0, 100] (the literal 100, whatever the multiplier).
    const double n = row.x;
    row.lower_2s =
        std::max(0.0, ProportionControlLimit(0.975, n, average, FunnelSide::kLow, multiplier));
    row.upper_2s =
        std::min(100.0, ProportionControlLimit(0.975, n, average, FunnelSide::kHigh, multiplier));
    row.lower_3s =
        std::max(0.0, ProportionControlLimit(0.999, n, average, FunnelSide::kLow, multiplier));
    row.upper_3s =
        std::min(100.0, ProportionControlLimit(0.999, n, average, FunnelSide::kHigh, multiplier));
    row.baseline = average * multiplier;
  }
  return rows;
}

// Method: PIM ratio funnel: limit = O / λ where λ is the bisection limit of O (the 2s lower
// limit uses the high-side λ at 0.025, and so on).
Result<std::vector<FunnelRow>> RatioFunnelLimits(std::span<const double> observed,
                                                 std::span<const double> expected, RatioType type) {
  WAYMARK_TRY(CheckRatios(observed, expected));
  const auto [min_it, max_it] = std::minmax_element(expected.begin(), expected.end());
  const double axis_min = *max_it > 2 * *min_it ? 0 : SignifFloor(*min_it);
  std::vector<FunnelRow> rows = Axis(axis_min, SignifCeiling(*max_it), /*ratio=*/true);
  auto adjust = [type](double ratio) {
    if (type == RatioType::kCount) return ratio - 1;
    if (type == RatioType::kIsr) return ratio * 100;
    return ratio;
  };
  for (FunnelRow& row : rows) {
    const double o = row.x;
    row.lower_2s_denominator = PoissonBisectionLimit(o, 0.025, PoissonSide::kHigh);
    row.upper_2s_denominator = PoissonBisectionLimit(o, 0.025, PoissonSide::kLow);
    row.lower_3s_denominator = PoissonBisectionLimit(o, 0.001, PoissonSide::kHigh);
    row.upper_3s_denominator = PoissonBisectionLimit(o, 0.001, PoissonSide::kLow);
    row.lower_2s = adjust(o / row.lower_2s_denominator);
    row.upper_2s = adjust(o / row.upper_2s_denominator);
    row.lower_3s = adjust(o / row.lower_3s_denominator);
    row.upper_3s = adjust(o / row.upper_3s_denominator);
  }
  return rows;
}

// Method: PIM rate funnel: the axis in one-year denominators, turned into event counts with the
// average rate; for E events the one-year population at each limit is λ(E)/average.
Result<std::vector<FunnelRow>> RateFunnelLimits(const RateFunnelInput& input) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<double> derived, DerivedDenominators(input));
  const double average = Sum(input.events) / Sum(derived);
  double min_d = kMissing;
  double max_d = kMissing;
  for (double d : derived) {
    if (IsMissing(d)) continue;
    min_d = IsMissing(min_d) ? d : std::min(min_d, d);
    max_d = IsMissing(max_d) ? d : std::max(max_d, d);
  }
  if (IsMissing(min_d) || !(average > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "no areas with events");
  }
  const double years = input.years_of_data;
  const double axis_min = max_d > 2 * min_d ? 0 : SignifFloor(min_d / years) * years;
  const double axis_max = SignifCeiling(max_d / years) * years;
  std::vector<FunnelRow> rows =
      Axis(std::floor(axis_min * average), std::ceil(axis_max * average), /*ratio=*/false);
  for (FunnelRow& row : rows) {
    const double e = row.x;
    const double m = input.multiplier;
    const double lower_2s = PoissonBisectionLimit(e, 0.025, PoissonSide::kHigh) / average;
    const double upper_2s = PoissonBisectionLimit(e, 0.025, PoissonSide::kLow) / average;
    const double lower_3s = PoissonBisectionLimit(e, 0.001, PoissonSide::kHigh) / average;
    const double upper_3s = PoissonBisectionLimit(e, 0.001, PoissonSide::kLow) / average;
    row.lower_2s = e / lower_2s * m;
    row.upper_2s = e / upper_2s * m;
    row.lower_3s = e / lower_3s * m;
    row.upper_3s = e / upper_3s * m;
    row.lower_2s_denominator = lower_2s / years;
    row.upper_2s_denominator = upper_2s / years;
    row.lower_3s_denominator = lower_3s / years;
    row.upper_3s_denominator = upper_3s / years;
    row.baseline = average * m;
  }
  return rows;
}

std::string_view FunnelSignificanceLabel(FunnelSignificance s) {
  switch (s) {
    case FunnelSignificance::kHigh001:
      return "High (0.001)";
    case FunnelSignificance::kHigh025:
      return "High (0.025)";
    case FunnelSignificance::kLow001:
      return "Low (0.001)";
    case FunnelSignificance::kLow025:
      return "Low (0.025)";
    case FunnelSignificance::kNotSignificant:
      return "Not significant";
    case FunnelSignificance::kNotApplicable:
      return "Not applicable for events less than 10 for dsrs";
  }
  return "Not significant";
}

// Method: PIM assign_funnel_significance (proportions): x/n against the Wilson-based control
// limits at 0.999 then 0.975, low side first.
Result<std::vector<FunnelSignificance>> ProportionFunnelSignificance(
    std::span<const double> numerators, std::span<const double> denominators) {
  WAYMARK_TRY(CheckProportions(numerators, denominators));
  const double average = Sum(numerators) / Sum(denominators);
  std::vector<FunnelSignificance> out;
  for (size_t i = 0; i < numerators.size(); ++i) {
    const double n = denominators[i];
    const double p = numerators[i] / n;
    auto limit = [&](double q, FunnelSide side) {
      return ProportionControlLimit(q, n, average, side, 1);
    };
    const bool low001 = p < limit(0.999, FunnelSide::kLow);
    const bool low025 = p < limit(0.975, FunnelSide::kLow);
    const bool high001 = p > limit(0.999, FunnelSide::kHigh);
    const bool high025 = p > limit(0.975, FunnelSide::kHigh);
    out.push_back(Classify(high001, high025, low001, low025));
  }
  return out;
}

// Method: PIM assign_funnel_significance (ratios): High when 1 is below the lower limit of O/E,
// Low when above the upper limit; 99.8% before 95%.
Result<std::vector<FunnelSignificance>> RatioFunnelSignificance(std::span<const double> observed,
                                                                std::span<const double> expected) {
  WAYMARK_TRY(CheckRatios(observed, expected));
  std::vector<FunnelSignificance> out;
  for (size_t i = 0; i < observed.size(); ++i) {
    const double o = observed[i];
    const double e = expected[i];
    out.push_back(Classify(1 < RatioSignificanceLimit(o, e, 0.998, FunnelSide::kLow),
                           1 < RatioSignificanceLimit(o, e, 0.95, FunnelSide::kLow),
                           1 > RatioSignificanceLimit(o, e, 0.998, FunnelSide::kHigh),
                           1 > RatioSignificanceLimit(o, e, 0.95, FunnelSide::kHigh)));
  }
  return out;
}

// Method: PIM assign_funnel_significance (rates): the weighted average Σevents/Σderived against
// the ratio limits of events/derived denominator; DSRs below 10 events are not applicable.
Result<std::vector<FunnelSignificance>> RateFunnelSignificance(const RateFunnelInput& input) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<double> derived, DerivedDenominators(input));
  const double average = Sum(input.events) / Sum(derived);
  std::vector<FunnelSignificance> out;
  for (size_t i = 0; i < derived.size(); ++i) {
    const double o = input.events[i];
    if (input.type == RateType::kDsr && o < kExactCountThreshold) {
      out.push_back(FunnelSignificance::kNotApplicable);
      continue;
    }
    const double d = derived[i];
    out.push_back(
        Classify(average<RatioSignificanceLimit(o, d, 0.998, FunnelSide::kLow),
                         average<RatioSignificanceLimit(o, d, 0.95, FunnelSide::kLow), average>
                             RatioSignificanceLimit(o, d, 0.998, FunnelSide::kHigh),
                         average>
                     RatioSignificanceLimit(o, d, 0.95, FunnelSide::kHigh)));
  }
  return out;
}

// Method: PIM calculate_funnel_points: the rate and multiplier·events/rate/years; DSRs below 10
// events are not charted; crude rates with no events use the supplied denominator/years.
Result<std::vector<FunnelPoint>> RateFunnelPoints(const RateFunnelInput& input) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<double> derived, DerivedDenominators(input));
  std::vector<FunnelPoint> points;
  for (size_t i = 0; i < derived.size(); ++i) {
    if (input.type == RateType::kDsr && input.events[i] < kExactCountThreshold) {
      points.push_back({});
      continue;
    }
    points.push_back({input.rates[i], derived[i] / input.years_of_data});
  }
  return points;
}

}  // namespace waymark::stats
