// Benchmark comparison by Fingertips' comparator methods (FTO PholioVisualisationWS/Analysis).
#include "stats/compare.h"

#include <algorithm>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "stats/poisson_bisection.h"
#include "stats/proportion.h"

namespace waymark::stats {
namespace {

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\t')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Higher than the benchmark is "Better" before the polarity adjustment (FTO convention).
Significance ByDirection(double value, double benchmark) {
  return value < benchmark ? Significance::kWorse : Significance::kBetter;
}

bool Compared(Polarity polarity) { return polarity != Polarity::kNotApplicable; }

}  // namespace

Result<Polarity> ParsePolarity(std::string_view text) {
  const std::string key = Lower(text);
  if (key == "high" || key == "highisgood" || key == "raghighisgood" || key == "1" ||
      key == "rag-highisgood") {
    return Polarity::kHighIsGood;
  }
  if (key == "low" || key == "lowisgood" || key == "raglowisgood" || key == "0" ||
      key == "rag-lowisgood") {
    return Polarity::kLowIsGood;
  }
  if (key == "neutral" || key == "blueorangeblue" || key == "99" || key == "nojudgement") {
    return Polarity::kNeutral;
  }
  if (key == "notapplicable" || key == "-1" || key == "n/a") return Polarity::kNotApplicable;
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("polarity '{}' must be high, low or neutral", text));
}

std::string_view SignificanceName(Significance s) {
  switch (s) {
    case Significance::kNotCompared:
      return "None";
    case Significance::kWorse:
      return "Worse";
    case Significance::kSame:
      return "Same";
    case Significance::kBetter:
      return "Better";
    case Significance::kWorst:
      return "Worst";
    case Significance::kBest:
      return "Best";
  }
  return "None";
}

std::string_view SignificanceLabel(Significance s, Polarity polarity, bool two_level) {
  const bool neutral = polarity == Polarity::kNeutral;
  switch (s) {
    case Significance::kNotCompared:
      return "Not compared";
    case Significance::kSame:
      return "Similar";
    case Significance::kBetter:
      if (two_level) return neutral ? "Higher (95%)" : "Better (95%)";
      return neutral ? "Higher" : "Better";
    case Significance::kWorse:
      if (two_level) return neutral ? "Lower (95%)" : "Worse (95%)";
      return neutral ? "Lower" : "Worse";
    case Significance::kBest:
      if (two_level) return neutral ? "Higher (99.8%)" : "Better (99.8%)";
      return neutral ? "Higher" : "Better";
    case Significance::kWorst:
      if (two_level) return neutral ? "Lower (99.8%)" : "Worse (99.8%)";
      return neutral ? "Lower" : "Worse";
  }
  return "Not compared";
}

// Method: FTO IndicatorComparer.AdjustForPolarity swaps only for RAG low-is-good.
Significance AdjustForPolarity(Significance s, Polarity polarity) {
  if (polarity == Polarity::kNotApplicable) return Significance::kNotCompared;
  if (polarity != Polarity::kLowIsGood) return s;
  switch (s) {
    case Significance::kBetter:
      return Significance::kWorse;
    case Significance::kWorse:
      return Significance::kBetter;
    case Significance::kBest:
      return Significance::kWorst;
    case Significance::kWorst:
      return Significance::kBest;
    default:
      return s;
  }
}

// Method: FTO SingleOverlappingCIsForOneCILevelComparer; FTN BenchmarkComparisonEngine
// (CIOverlappingReferenceValue95/998). Limits equal to the benchmark count as similar.
Significance CompareWithBenchmark(double value, Interval ci, double benchmark, Polarity polarity) {
  if (!Compared(polarity) || IsMissing(value) || IsMissing(benchmark) || IsMissing(ci.lower) ||
      IsMissing(ci.upper)) {
    return Significance::kNotCompared;
  }
  if (ci.lower <= benchmark && benchmark <= ci.upper) return Significance::kSame;
  return AdjustForPolarity(ByDirection(value, benchmark), polarity);
}

// Method: FTO SingleOverlappingCIsForTwoCILevelsComparer.
Significance CompareTwoLevels(double value, Interval ci95, Interval ci998, double benchmark,
                              Polarity polarity) {
  if (!Compared(polarity) || IsMissing(value) || IsMissing(benchmark) || IsMissing(ci95.lower) ||
      IsMissing(ci95.upper) || IsMissing(ci998.lower) || IsMissing(ci998.upper)) {
    return Significance::kNotCompared;
  }
  Significance s;
  if (ci95.lower <= benchmark && benchmark <= ci95.upper) {
    s = Significance::kSame;
  } else if (ci998.lower <= benchmark && benchmark <= ci95.lower) {
    s = Significance::kBetter;
  } else if (ci95.upper <= benchmark && benchmark <= ci998.upper) {
    s = Significance::kWorse;
  } else {
    s = value < benchmark ? Significance::kWorst : Significance::kBest;
  }
  return AdjustForPolarity(s, polarity);
}

// Method: FTO DoubleOverlappingCIsComparer: with a the lower-valued point and b the other, the
// intervals overlap when b's lower limit <= a's upper limit.
Significance CompareOverlappingIntervals(double value, Interval ci, double benchmark,
                                         Interval benchmark_ci, Polarity polarity) {
  if (!Compared(polarity) || IsMissing(value) || IsMissing(benchmark) || IsMissing(ci.lower) ||
      IsMissing(ci.upper) || IsMissing(benchmark_ci.lower) || IsMissing(benchmark_ci.upper)) {
    return Significance::kNotCompared;
  }
  const bool value_is_lower = value < benchmark;
  const Interval& a = value_is_lower ? ci : benchmark_ci;
  const Interval& b = value_is_lower ? benchmark_ci : ci;
  if (b.lower <= a.upper) return Significance::kSame;
  return AdjustForPolarity(ByDirection(value, benchmark), polarity);
}

// Method: FTO SpcForProportionsComparer: control limits are the Wilson interval of the expected
// count E = N·P0 out of N.
Significance CompareSpcProportion(double value, double benchmark, double denominator, double unit,
                                  double z, Polarity polarity) {
  if (!Compared(polarity) || IsMissing(value) || IsMissing(benchmark) || IsMissing(denominator) ||
      !(denominator > 0)) {
    return Significance::kNotCompared;
  }
  if (IsMissing(unit) || unit == 0) unit = 1;
  const double p0 = benchmark / unit;
  const double p1 = value / unit;
  const double expected = denominator * p0;
  const Interval limits = WilsonInterval(expected, denominator, z);
  Significance s = Significance::kSame;
  if (p1 > limits.upper) s = Significance::kBetter;
  if (p1 < limits.lower) s = Significance::kWorse;
  return AdjustForPolarity(s, polarity);
}

// Method: FTO SpcForDsrComparer with StatisticalMethods PoisLow/PoisHigh (the funnel bisection)
// around the expected count benchmark × population / unit.
Significance CompareSpcDsr(double value, double benchmark, double population, double unit,
                           double tail_p, Polarity polarity) {
  if (!Compared(polarity) || IsMissing(value) || IsMissing(benchmark) || IsMissing(population) ||
      !(population > 0) || IsMissing(tail_p)) {
    return Significance::kNotCompared;
  }
  if (IsMissing(unit) || unit == 0) unit = 1;
  const double expected = benchmark * population / unit;
  const double lower =
      PoissonBisectionLimit(expected, tail_p, PoissonSide::kLow) / population * unit;
  const double upper =
      PoissonBisectionLimit(expected, tail_p, PoissonSide::kHigh) / population * unit;
  Significance s = Significance::kSame;
  if (value > upper) s = Significance::kBetter;
  if (value < lower) s = Significance::kWorse;
  return AdjustForPolarity(s, polarity);
}

}  // namespace waymark::stats
