// Confidence levels and the distribution quantiles (normal, gamma, Student's t) behind every
// interval in the layer.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace waymark::stats {

// A two-sided confidence level c with its normal deviate z = Φ⁻¹(c + (1 − c)/2), computed once.
class ConfidenceLevel {
 public:
  // Accepts a fraction in (0, 1] (0.95) or a percentage in (1, 100] (95); anything else,
  // including a missing level, is kInvalidArgument.
  static Result<ConfidenceLevel> Make(double level);

  double Fraction() const { return level_; }  // e.g. 0.998
  double Z() const { return z_; }             // the normal deviate; +inf when the level is 1
  // The column suffix for this level: "95", "99_8", "90".
  std::string Suffix() const;

 private:
  ConfidenceLevel(double level, double z) : level_(level), z_(z) {}
  double level_;
  double z_;
};

// 95% and 99.8%, the two levels Fingertips publishes.
const std::vector<ConfidenceLevel>& DefaultConfidenceLevels();

// Parses a comma-separated list such as "95,99.8" or "0.95"; a level given twice is an error.
Result<std::vector<ConfidenceLevel>> ParseConfidenceLevels(std::string_view text);

// Exact quantiles (Boost.Math). Arguments outside the open interval give the limit values
// (±inf, 0) rather than throwing.
double NormalQuantile(double p);
// Lower-tail quantile of the gamma distribution with the given shape and scale 1; 0 when
// shape is 0.
double GammaQuantile(double shape, double p);
// Upper-tail quantile: the x with P(X > x) = q.
double GammaComplementQuantile(double shape, double q);
double ChiSquaredQuantile(double df, double p);
double ChiSquaredComplementQuantile(double df, double q);
// Quantile of Student's t with df degrees of freedom.
double StudentTQuantile(double df, double p);

}  // namespace waymark::stats
