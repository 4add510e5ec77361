// Confidence levels and exact distribution quantiles via Boost.Math.
#include "stats/confidence.h"

#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace waymark::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

// Method: z = qnorm(c + (1 - c)/2), never rounded (PIM R/utils.R byars_lower, wilson_lower).
Result<ConfidenceLevel> ConfidenceLevel::Make(double level) {
  if (std::isnan(level)) {
    return MakeError(ErrorCode::kInvalidArgument, "confidence level is missing");
  }
  // A fraction in (0, 1] or a percentage in (1, 100]. PIM rejects levels below 90%; any level
  // is valid for the methods themselves, so only impossible levels are refused here.
  if (level <= 0 || level > 100) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("confidence level {} must be a fraction in (0, 1] or a "
                                 "percentage in (1, 100]",
                                 level));
  }
  if (level > 1) level /= 100;
  return ConfidenceLevel(level, NormalQuantile(level + (1 - level) / 2));
}

std::string ConfidenceLevel::Suffix() const {
  std::string text = fmt::format("{:.6g}", level_ * 100);
  for (char& c : text) {
    if (c == '.') c = '_';
  }
  return text;
}

const std::vector<ConfidenceLevel>& DefaultConfidenceLevels() {
  static const std::vector<ConfidenceLevel> levels = {*ConfidenceLevel::Make(0.95),
                                                      *ConfidenceLevel::Make(0.998)};
  return levels;
}

Result<std::vector<ConfidenceLevel>> ParseConfidenceLevels(std::string_view text) {
  std::vector<ConfidenceLevel> levels;
  while (true) {
    size_t comma = text.find(',');
    std::string_view token = Trim(text.substr(0, comma));
    double value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || ec != std::errc() || end != token.data() + token.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("confidence level '{}' is not a number", token));
    }
    WAYMARK_ASSIGN_OR_RETURN(ConfidenceLevel level, ConfidenceLevel::Make(value));
    for (const ConfidenceLevel& earlier : levels) {
      if (earlier.Fraction() == level.Fraction()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         fmt::format("confidence level '{}' is given twice", token));
      }
    }
    levels.push_back(level);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return levels;
}

double NormalQuantile(double p) {
  if (std::isnan(p)) return p;
  if (p <= 0) return -kInf;
  if (p >= 1) return kInf;
  return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

double GammaQuantile(double shape, double p) {
  if (std::isnan(shape) || std::isnan(p)) return std::numeric_limits<double>::quiet_NaN();
  if (shape <= 0 || p <= 0) return 0;
  if (p >= 1) return kInf;
  return boost::math::gamma_p_inv(shape, p);
}

double GammaComplementQuantile(double shape, double q) {
  if (std::isnan(shape) || std::isnan(q)) return std::numeric_limits<double>::quiet_NaN();
  if (shape <= 0 || q >= 1) return 0;
  if (q <= 0) return kInf;
  return boost::math::gamma_q_inv(shape, q);
}

// Method: chi-squared with df degrees of freedom is gamma(df/2, scale 2).
double ChiSquaredQuantile(double df, double p) { return 2 * GammaQuantile(df / 2, p); }

double ChiSquaredComplementQuantile(double df, double q) {
  return 2 * GammaComplementQuantile(df / 2, q);
}

double StudentTQuantile(double df, double p) {
  if (std::isnan(df) || std::isnan(p) || df <= 0) return std::numeric_limits<double>::quiet_NaN();
  if (p <= 0) return -kInf;
  if (p >= 1) return kInf;
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

}  // namespace waymark::stats
