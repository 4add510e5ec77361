// The slope index of inequality and relative index of inequality (phe_sii), with limits by
// simulation from a seeded generator of our own.
//
// Method: Low A & Low A (2004), "Measuring the gap: quantifying and comparing local health
// inequalities", J Public Health 26:388-395; Public Health England, "Technical Guide: Slope index
// of inequality (SII)"; PHEindicatormethods (v2.1.0) phe_sii, its documentation and
// tests/testthat/testSII.R. The rules, in phe_sii's order:
//  - Inputs (phe_sii's checks): 5 to 100 quantiles; every population > 0; standard errors
//    present and ≥ 0, or both limits present; proportions and their limits in [0, 1]; when the
//    value of a proportion comes from its count, the count is > 0; transform only for rates and
//    proportions and only with limits; repetitions ≥ 1,000; confidence levels in [90%, 100%].
//    Added here, where phe_sii would return NaN or nonsense instead: a missing value, values
//    or limits on the edge of the log/logit scale (rates ≤ 0, proportions of exactly 0 or 1), a
//    lower limit above the upper, a zero multiplier, more than 10,000,000 repetitions, and a
//    level so wide that its lower percentile position (below) rounds to 0 (phe_sii fails).
//  - Scale: value_type 1 (rate) works on log(value), 2 (proportion) on logit(value), 0 on the
//    value. The standard error is given on that scale, or is (g(upper) − g(lower)) / 2z with g
//    the log/logit/identity and z = Φ⁻¹(0.975) (phe_sii hard-codes 95% limits; here the level
//    of the limits is an option, 95% by default).
//  - Relative rank: a_i = population_i / Σ population; b_i = Σ_{j<i} a_j + a_i / 2, the
//    midpoint of quantile i in the cumulative population share (quantiles in rank order).
//  - Fit: least squares of √a_i·y_i on √a_i and b_i·√a_i with no constant (the square-root
//    weight transformation), i.e. weighted least squares of y on b with weights a. Without
//    transform y is the value itself; with transform it is g(value). Slope β, intercept α.
//  - Without transform: SII = multiplier × β; RII = (α + β) / α, inverted when the multiplier is
//    negative; intercept α.
//  - With transform (G = exp for rates, G = expit for proportions): SII = (G(α + β) − G(α)) ×
//    multiplier; RII = G(α + β) / G(α), inverted when the multiplier is negative; intercept
//    G(α) × |multiplier|.
//  - Simulation: each repetition draws every quantile's value on its g scale from
//    Normal(g(value), se), takes it back with G unless transforming, refits and keeps β (times
//    the multiplier unless transforming) and, without transform, its RII (inverted for a
//    negative multiplier). For confidence c the simulated values are sorted ascending and the
//    limits are those at 1-based positions round(R·(1 − c′)) and round(R·c′), c′ = c + (1 − c)/2,
//    rounding half to even as R does. One set of draws serves every level.
//  - With transform the limits come from the simulated slopes at those positions, s_l and s_u:
//    around the midpoint m = α + β/2, lower SII = (G(m + s_l/2) − G(m − s_l/2)) × multiplier and
//    lower RII = G(m + s_l/2) / G(m − s_l/2), likewise for the upper; with a negative multiplier
//    the lower limits come from s_u (and the RII limits are inverted), and the upper from s_l.
// Documented deviations from phe_sii 2.1.0 (docs/statistics.md): for rates with transform,
// phe_sii swaps the limits for any multiplier below 1, including positive ones (its test is
// `multiplier < 1`, not `< 0`); here only a negative multiplier swaps them. Without transform
// phe_sii returns the intercept unscaled, while with transform it multiplies it by
// |multiplier|; here it is always × |multiplier| (identical whenever the multiplier is ±1).
// phe_sii's reliability statistic (ten sample sets) is not provided; areas are computed one at a
// time, so a quantile with missing data is an error rather than a dropped area.
//
// Random numbers: the layer's xoshiro256** (stats/random.h; Blackman & Vigna 2018, "Scrambled
// linear pseudorandom number generators") seeded through SplitMix64, uniforms (k + 0.5)·2⁻⁵³
// from the top 53 bits (OpenUniform), normal deviates by inversion with NormalQuantile. Draws
// are made repetition by repetition, quantile by quantile, one per quantile even when its
// standard error is 0, so a seed fixes the result.
#include "stats/sii.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "stats/random.h"

namespace waymark::stats {
namespace {

constexpr size_t kMinQuantiles = 5;
constexpr size_t kMaxQuantiles = 100;
constexpr std::int64_t kMinRepetitions = 1000;
constexpr std::int64_t kMaxRepetitions = 10'000'000;
constexpr double kMinLevel = 0.9;

tl::unexpected<Error> Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

// g: the scale the value is simulated on.
double ToScale(SiiValueType type, double x) {
  switch (type) {
    case SiiValueType::kRate:
      return std::log(x);
    case SiiValueType::kProportion:
      return std::log(x / (1 - x));
    case SiiValueType::kNormal:
      break;
  }
  return x;
}

// G, the inverse of g.
double FromScale(SiiValueType type, double x) {
  switch (type) {
    case SiiValueType::kRate:
      return std::exp(x);
    case SiiValueType::kProportion:
      return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
    case SiiValueType::kNormal:
      break;
  }
  return x;
}

// 1-based positions of the lower and upper limits among `repetitions` sorted samples.
struct Positions {
  std::int64_t lower;
  std::int64_t upper;
};

Positions LimitPositions(std::int64_t repetitions, double level) {
  const double upper_tail = level + (1 - level) / 2;
  const double r = static_cast<double>(repetitions);
  return {static_cast<std::int64_t>(std::nearbyint(r * (1 - upper_tail))),
          static_cast<std::int64_t>(std::nearbyint(r * upper_tail))};
}

Status CheckOptions(std::span<const ConfidenceLevel> levels, const SiiOptions& options) {
  if (options.value_type != SiiValueType::kNormal && options.value_type != SiiValueType::kRate &&
      options.value_type != SiiValueType::kProportion) {
    return Invalid("the value type must be normal (0), rate (1) or proportion (2)");
  }
  if (options.transform && options.value_type == SiiValueType::kNormal) {
    return Invalid("transform needs a rate or proportion indicator");
  }
  if (options.transform && options.spread != SiiSpread::kLimits) {
    return Invalid("transform needs lower and upper limits, not standard errors");
  }
  if (!std::isfinite(options.multiplier) || options.multiplier == 0) {
    return Invalid("the multiplier must be a non-zero number");
  }
  if (options.repetitions < kMinRepetitions || options.repetitions > kMaxRepetitions) {
    return Invalid(fmt::format("repetitions must be from {} to {}, not {}", kMinRepetitions,
                               kMaxRepetitions, options.repetitions));
  }
  if (levels.empty()) return Invalid("at least one confidence level is needed");
  for (const ConfidenceLevel& level : levels) {
    if (level.Fraction() < kMinLevel) {
      return Invalid(fmt::format("confidence level {}% is below 90%", level.Fraction() * 100));
    }
    if (LimitPositions(options.repetitions, level.Fraction()).lower < 1) {
      return Invalid(fmt::format("{} repetitions are too few for a {}% interval",
                                 options.repetitions, level.Fraction() * 100));
    }
  }
  if (options.spread == SiiSpread::kLimits) {
    auto limits = ConfidenceLevel::Make(options.limits_confidence);
    if (!limits) return tl::unexpected<Error>(limits.error());
    if (limits->Fraction() >= 1) return Invalid("the limits' confidence level must be below 100%");
  }
  return {};
}

// Whether x may be taken to the value type's scale: a finite number, and for rates > 0, for
// proportions in (0, 1) (phe_sii accepts the closed interval, whose ends give infinities).
Status CheckOnScale(SiiValueType type, double x, size_t quantile, const char* what) {
  if (!std::isfinite(x)) {
    return Invalid(fmt::format("quantile {}: the {} is missing or not finite", quantile, what));
  }
  if (type == SiiValueType::kRate && x <= 0) {
    return Invalid(fmt::format("quantile {}: a rate's {} must be greater than 0", quantile, what));
  }
  if (type == SiiValueType::kProportion && (x < 0 || x > 1)) {
    return Invalid(
        fmt::format("quantile {}: a proportion's {} must be between 0 and 1", quantile, what));
  }
  if (type == SiiValueType::kProportion && (x == 0 || x == 1)) {
    return Invalid(fmt::format("quantile {}: a proportion's {} of exactly 0 or 1 has no logit",
                               quantile, what));
  }
  return {};
}

// One quantile on the simulation scale: weight a, rank midpoint b, mean g(value), its standard
// error, and the value the SII is fitted on.
struct Prepared {
  double share = 0;
  double rank = 0;
  double mean = 0;
  double sd = 0;
  double fitted_y = 0;
};

Result<double> QuantileValue(const SiiQuantile& q, SiiValueType type, size_t number) {
  if (!IsMissing(q.value) || type != SiiValueType::kProportion) return q.value;
  if (IsMissing(q.count)) return q.count;
  if (!(q.count > 0)) {
    return Invalid(fmt::format("quantile {}: the count must be greater than 0", number));
  }
  return q.count / q.population;
}

Result<double> QuantileSd(const SiiQuantile& q, const SiiOptions& options, double z,
                          size_t number) {
  if (options.spread == SiiSpread::kStandardError) {
    if (!(q.standard_error >= 0) || !std::isfinite(q.standard_error)) {
      return Invalid(fmt::format("quantile {}: the standard error is missing or negative", number));
    }
    return q.standard_error;
  }
  WAYMARK_TRY(CheckOnScale(options.value_type, q.lower, number, "lower limit"));
  WAYMARK_TRY(CheckOnScale(options.value_type, q.upper, number, "upper limit"));
  if (q.lower > q.upper) {
    return Invalid(fmt::format("quantile {}: the lower limit is above the upper", number));
  }
  return (ToScale(options.value_type, q.upper) - ToScale(options.value_type, q.lower)) / z / 2;
}

Result<std::vector<Prepared>> Prepare(std::span<const SiiQuantile> quantiles,
                                      const SiiOptions& options) {
  if (quantiles.size() < kMinQuantiles || quantiles.size() > kMaxQuantiles) {
    return Invalid(fmt::format("the number of quantiles must be from {} to {}, not {}",
                               kMinQuantiles, kMaxQuantiles, quantiles.size()));
  }
  double total = 0;
  for (size_t i = 0; i < quantiles.size(); ++i) {
    const double population = quantiles[i].population;
    if (!(population > 0) || !std::isfinite(population)) {
      return Invalid(fmt::format("quantile {}: the population must be greater than 0", i + 1));
    }
    total += population;
  }
  const double z = options.spread == SiiSpread::kLimits
                       ? ConfidenceLevel::Make(options.limits_confidence)->Z()
                       : 0;
  std::vector<Prepared> prepared(quantiles.size());
  double cumulative = 0;
  for (size_t i = 0; i < quantiles.size(); ++i) {
    const SiiQuantile& q = quantiles[i];
    WAYMARK_ASSIGN_OR_RETURN(const double value, QuantileValue(q, options.value_type, i + 1));
    WAYMARK_TRY(CheckOnScale(options.value_type, value, i + 1, "value"));
    WAYMARK_ASSIGN_OR_RETURN(const double sd, QuantileSd(q, options, z, i + 1));
    Prepared& p = prepared[i];
    p.share = q.population / total;
    p.rank = cumulative + p.share / 2;
    cumulative += p.share;
    p.mean = ToScale(options.value_type, value);
    p.sd = sd;
    p.fitted_y = options.transform ? p.mean : value;
  }
  return prepared;
}

// Weighted least squares of y on the rank with weights a: slope = Σ w_i·y_i with fixed w, and
// intercept = ȳ − slope·b̄.
class WeightedFit {
 public:
  explicit WeightedFit(const std::vector<Prepared>& prepared) {
    for (const Prepared& p : prepared) {
      sum_a_ += p.share;
      mean_b_ += p.share * p.rank;
    }
    mean_b_ /= sum_a_;
    double sxx = 0;
    for (const Prepared& p : prepared) sxx += p.share * (p.rank - mean_b_) * (p.rank - mean_b_);
    for (const Prepared& p : prepared) {
      slope_weight_.push_back(p.share * (p.rank - mean_b_) / sxx);
      mean_weight_.push_back(p.share / sum_a_);
    }
  }

  // Slope and intercept of the fit to y.
  std::pair<double, double> Fit(std::span<const double> y) const {
    double slope = 0;
    double mean_y = 0;
    for (size_t i = 0; i < y.size(); ++i) {
      slope += slope_weight_[i] * y[i];
      mean_y += mean_weight_[i] * y[i];
    }
    return {slope, mean_y - slope * mean_b_};
  }

 private:
  double sum_a_ = 0;
  double mean_b_ = 0;
  std::vector<double> slope_weight_;
  std::vector<double> mean_weight_;
};

// The sorted simulated SIIs and, without transform and with the RII asked for, RIIs.
struct Simulated {
  std::vector<double> sii;
  std::vector<double> rii;
};

Simulated Simulate(const std::vector<Prepared>& prepared, const WeightedFit& fit,
                   const SiiOptions& options, std::uint64_t seed) {
  Xoshiro256 random(seed);
  const bool want_rii = options.rii && !options.transform;
  const double multiplier = options.transform ? 1 : options.multiplier;
  Simulated sims;
  sims.sii.reserve(static_cast<size_t>(options.repetitions));
  if (want_rii) sims.rii.reserve(static_cast<size_t>(options.repetitions));
  std::vector<double> y(prepared.size());
  for (std::int64_t r = 0; r < options.repetitions; ++r) {
    for (size_t i = 0; i < prepared.size(); ++i) {
      const double normal = NormalQuantile(random.OpenUniform());
      const double draw = prepared[i].mean + prepared[i].sd * normal;
      y[i] = options.transform ? draw : FromScale(options.value_type, draw);
    }
    const auto [slope, intercept] = fit.Fit(y);
    sims.sii.push_back(slope * multiplier);
    if (!want_rii) continue;
    const double rii = (intercept + slope) / intercept;
    sims.rii.push_back(options.multiplier < 0 ? 1 / rii : rii);
  }
  // NaN (0/0 in a degenerate RII) sorts last rather than breaking the ordering.
  const auto nan_last = [](double x, double y) {
    return x < y || (!std::isnan(x) && std::isnan(y));
  };
  std::sort(sims.sii.begin(), sims.sii.end(), nan_last);
  std::sort(sims.rii.begin(), sims.rii.end(), nan_last);
  return sims;
}

Interval AtPositions(const std::vector<double>& sorted, Positions pos) {
  return {sorted[static_cast<size_t>(pos.lower - 1)], sorted[static_cast<size_t>(pos.upper - 1)]};
}

// The SII and RII limits of a transformed fit from the simulated slopes at the two positions.
void BackTransformLimits(Interval slopes, double midpoint, const SiiOptions& options, Interval& sii,
                         Interval& rii) {
  const auto end_values = [&](double slope) {
    return std::pair{FromScale(options.value_type, midpoint + slope / 2),
                     FromScale(options.value_type, midpoint - slope / 2)};
  };
  const auto [top_l, start_l] = end_values(slopes.lower);
  const auto [top_u, start_u] = end_values(slopes.upper);
  const double m = options.multiplier;
  if (m < 0) {
    sii = {(top_u - start_u) * m, (top_l - start_l) * m};
    rii = {start_u / top_u, start_l / top_l};
  } else {
    sii = {(top_l - start_l) * m, (top_u - start_u) * m};
    rii = {top_l / start_l, top_u / start_u};
  }
}

}  // namespace

Result<SiiResult> SlopeIndexOfInequality(std::span<const SiiQuantile> quantiles,
                                         std::span<const ConfidenceLevel> levels,
                                         const SiiOptions& options, std::uint64_t seed) {
  WAYMARK_TRY(CheckOptions(levels, options));
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Prepared> prepared, Prepare(quantiles, options));
  std::vector<double> y(prepared.size());
  for (size_t i = 0; i < prepared.size(); ++i) y[i] = prepared[i].fitted_y;
  const WeightedFit fit(prepared);
  const auto [slope, intercept] = fit.Fit(y);
  const double m = options.multiplier;

  SiiResult result;
  result.sii.method = fmt::format("simulation {} reps", options.repetitions);
  result.sii.intervals.resize(levels.size());
  if (options.rii) {
    result.rii.method = result.sii.method;
    result.rii.intervals.resize(levels.size());
  }
  double rii = 0;
  if (options.transform) {
    const double start = FromScale(options.value_type, intercept);
    const double top = FromScale(options.value_type, intercept + slope);
    result.sii.value = (top - start) * m;
    rii = top / start;
    if (options.intercept) result.intercept = start * std::abs(m);
  } else {
    result.sii.value = slope * m;
    rii = (intercept + slope) / intercept;
    if (options.intercept) result.intercept = intercept * std::abs(m);
  }
  if (options.rii) result.rii.value = m < 0 ? 1 / rii : rii;

  const Simulated sims = Simulate(prepared, fit, options, seed);
  for (size_t k = 0; k < levels.size(); ++k) {
    const Positions pos = LimitPositions(options.repetitions, levels[k].Fraction());
    if (options.transform) {
      Interval rii_limits;
      BackTransformLimits(AtPositions(sims.sii, pos), intercept + slope / 2, options,
                          result.sii.intervals[k], rii_limits);
      if (options.rii) result.rii.intervals[k] = rii_limits;
      continue;
    }
    result.sii.intervals[k] = AtPositions(sims.sii, pos);
    if (options.rii) result.rii.intervals[k] = AtPositions(sims.rii, pos);
  }
  return result;
}

}  // namespace waymark::stats
